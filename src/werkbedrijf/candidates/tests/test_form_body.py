"""The forms on the candidate's page render as before: the form body writes its fields through
werkbedrijf_ui.form_field instead of an include per field, with the same markup."""

import pytest
from django.template import Context, Template
from django.template.loader import get_template

from werkbedrijf.candidates.forms import (
    DiagnosisForm,
    InstrumentForm,
    IntakeNoteForm,
    LadderStepForm,
    SignalForm,
)

# candidates/_form_body.html as it was, the reference.
BEFORE = (
    '{% if form.non_field_errors %}<div class="utrecht-alert utrecht-alert--error" role="alert" '
    "data-form-errors>{% for e in form.non_field_errors %}"
    '<p class="utrecht-paragraph">{{ e }}</p>{% endfor %}</div>{% endif %}\n'
    "{% for field in form.hidden_fields %}{{ field }}{% endfor %}\n"
    '{% for field in form.visible_fields %}{% include "candidates/_field.html" %}{% endfor %}\n'
)


@pytest.mark.parametrize("form_class", [IntakeNoteForm, DiagnosisForm, InstrumentForm, SignalForm])
@pytest.mark.parametrize("data", [None, {"note-text": "<b>x</b>", "note-theme": "nope"}])
def test_the_form_body_renders_as_before(form_class, data):
    form = form_class(data, prefix="note")
    context = {"form": form}
    assert get_template("candidates/_form_body.html").render(context) == Template(BEFORE).render(
        Context(context)
    )


def test_a_choice_of_radio_buttons_is_still_a_fieldset():
    html = get_template("candidates/_form_body.html").render({"form": IntakeNoteForm()})
    assert "<fieldset" in html and 'type="radio"' in html
    assert "<fieldset" not in get_template("candidates/_form_body.html").render(
        {"form": LadderStepForm()}
    )
