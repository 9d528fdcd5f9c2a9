"""The widgets written in Python (ui.form_renderer.PythonWidgets) give exactly the markup of
Django's widget templates, for every kind of widget and value the screens use."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from werkbedrijf.ui.form_renderer import PythonWidgets


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"class": "a&b"}))
    number = forms.DecimalField(required=False)
    count = forms.IntegerField(min_value=1, initial=1500)
    email = forms.EmailField(required=False)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.IntegerField(widget=forms.HiddenInput, initial=7)
    agreed = forms.BooleanField(required=False)
    disabled = forms.CharField(required=False, disabled=True, initial="<vast>")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(
        choices=[("", "Kies"), ("a", "A & B"), ("c", gettext_lazy("optional")), (1500, 1500)]
    )
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
    )
    many = forms.MultipleChoiceField(required=False, choices=[("p", "P"), ("q", '"Q"')])
    maybe = forms.NullBooleanField(required=False)
    safe = forms.CharField(required=False, initial=mark_safe("<b>al veilig</b>"))
    radio = forms.ChoiceField(required=False, widget=forms.RadioSelect, choices=[("r", "R")])


DATA = [
    None,
    {
        "text": 'te "lang" & <meer>',
        "number": "1,5",
        "count": "0",
        "email": "geen",
        "when": "2026-12-31",
        "agreed": "on",
        "note": "regel 1\nregel <2>",
        "kind": "c",
        "grouped": "y",
        "many": ["p", "q"],
        "maybe": "true",
        "radio": "r",
    },
    {"text": "", "kind": "", "note": "", "maybe": "false"},
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", DATA)
def test_python_widgets_render_the_templates_markup(data, language):
    with translation.override(language):
        for prefix in (None, "step-main_route"):
            fast = EveryWidget(data, prefix=prefix, renderer=PythonWidgets())
            templates = EveryWidget(data, prefix=prefix, renderer=DjangoTemplates())
            for name in EveryWidget.base_fields:
                assert fast[name].as_widget() == templates[name].as_widget(), name


def test_the_screens_use_the_python_widgets(settings):
    assert settings.FORM_RENDERER == "werkbedrijf.ui.form_renderer.PythonWidgets"
