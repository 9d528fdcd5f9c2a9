"""The form field written in Python (werkbedrijf_ui.form_field) gives exactly the markup the
template includes/field.html gave before, for every kind of field the screens show."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from werkbedrijf.ui.templatetags.werkbedrijf_ui import form_field

# includes/field.html as it was, the reference.
TEMPLATE = """{% load i18n werkbedrijf_ui %}<div class="utrecht-form-field{% if field.errors %} utrecht-form-field--invalid{% endif %}{% if field.field.widget.input_type == 'checkbox' %} utrecht-form-field--checkbox{% endif %}">
  <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="{{ field.id_for_label }}">{{ field.label }}{% if not field.field.required and not field.field.needed %} <span class="app-optional">({% translate "optional" %})</span>{% endif %}</label></div>
  {% if field.help_text %}<div class="utrecht-form-field-description" id="{{ field.id_for_label }}-help">{{ field.help_text }}</div>{% endif %}
  {% if field.errors %}<div class="utrecht-form-field-error-message" id="{{ field.id_for_label }}-error">{% for e in field.errors %}<p>{{ e }}</p>{% endfor %}</div>{% endif %}
  <div class="utrecht-form-field__input">{% widget field %}</div>
</div>
"""  # noqa: E501


class EveryKind(forms.Form):
    name = forms.CharField(label="Naam & <toevoeging>", max_length=5)
    note = forms.CharField(
        label="Notitie", required=False, widget=forms.Textarea, help_text="Geen <b>meningen</b>."
    )
    when = forms.DateField(label="Datum", required=False)
    agreed = forms.BooleanField(label="Akkoord", required=False)
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A & B"), ("c", "C")])
    needed = forms.CharField(label="Nodig", required=False)
    count = forms.IntegerField(label="Aantal", min_value=1, help_text="Minstens 1")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needed"].needed = True


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": "much too long", "kind": "x", "count": "0", "when": "gisteren"},
        {"name": "ok", "kind": "a", "count": "2", "agreed": "on", "note": "a & b"},
    ],
)
def test_the_python_form_field_is_the_templates_markup(data, language):
    template = Template(TEMPLATE)
    with translation.override(language):
        for prefix in (None, "step-intake"):
            form = EveryKind(data, prefix=prefix)
            for field in form:
                assert form_field(field) == template.render(Context({"field": field}))


def test_the_include_still_renders_the_field():
    form = EveryKind({"name": "much too long"})
    include = Template('{% include "includes/field.html" with field=form.name %}')
    assert include.render(Context({"form": form})) == form_field(form["name"])
