"""The questionnaire as a form: on the public page, and typed in from paper with its code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SCALE = [(n, str(n)) for n in range(1, 6)]
SCORES = [(n, str(n)) for n in range(1, 11)]


class QuestionnaireForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("What score do you give WerkBedrijf's support? (1 = very bad, 10 = excellent)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    listened = forms.TypedChoiceField(
        label=_("I felt listened to (1 = not at all, 5 = completely)"),
        choices=SCALE,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    clear = forms.TypedChoiceField(
        label=_("It was clear what would happen next (1 = not at all, 5 = completely)"),
        choices=SCALE,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    helped = forms.TypedChoiceField(
        label=_("The support helped me further (1 = not at all, 5 = completely)"),
        choices=SCALE,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What could be better? (optional; please do not write your name)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "score": data["score"],
            "statements": {name: data.get(name) for name in ("listened", "clear", "helped")},
            "comment": data.get("comment", ""),
        }


class PaperQuestionnaireForm(QuestionnaireForm):
    token = forms.CharField(
        label=_("Code on the letter"), max_length=40, help_text=_("As printed under the link.")
    )
    field_order = ["token"]
