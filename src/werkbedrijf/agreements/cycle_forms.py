"""Forms of the cycle's screens (deadlines, answers to opinions, changes of the whole agreement,
the document template). They only carry what was entered; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DateInput, DocumentField


class CompleteStepForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput)
    note = forms.CharField(
        label=_("How it was done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The college's answer"), widget=forms.Textarea(attrs={"rows": 4})
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput)
    answer_reference = forms.CharField(
        label=_("Reference of the answer"), max_length=100, required=False
    )
    action_taken = forms.CharField(
        label=_("What was done about it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    document = DocumentField(label=_("Answer document"), required=False)


class TemplateForm(forms.Form):
    # The template's lock_version as the form was loaded (0: none saved yet).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    text = forms.CharField(
        label=_("General articles with placeholders"),
        widget=forms.Textarea(attrs={"rows": 24}),
    )
