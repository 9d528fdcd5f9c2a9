"""Forms of the cycle's screens (deadlines, answers to opinions, changes of the whole agreement,
the document template). They only carry what was entered; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbedrijf.accounts.models import Role

from .forms import DateInput, DocumentField
from .models import StepKind


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


class StepForm(forms.Form):
    """Plan a step: the view gives the choices (agreements, organisations, steps in scope)."""

    agreement = forms.ChoiceField(label=_("Agreement"))
    kind = forms.ChoiceField(label=_("Kind"), choices=StepKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    due_on = forms.DateField(label=_("Deadline"), widget=DateInput)
    actor_role = forms.ChoiceField(
        label=_("Role that must act"),
        choices=Role.choices,  # not an access rule
    )  # not an access rule
    actor_organisation = forms.ChoiceField(label=_("Organisation that must act"))
    depends_on = forms.ChoiceField(label=_("Follows step"), required=False)
    description = forms.CharField(
        label=_("What was promised or asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    remind_days_before = forms.IntegerField(
        label=_("Reminder days before the deadline"), required=False, min_value=0
    )

    def __init__(self, *args, agreements=(), organisations=(), steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].choices = [(str(a.uuid), a.title) for a in agreements]
        self.fields["actor_organisation"].choices = [(str(o.uuid), o.name) for o in organisations]
        self.fields["depends_on"].choices = [("", "–")] + [
            (str(s.uuid), f"{s.agreement.title}: {s.title}") for s in steps
        ]


class WithdrawalForm(forms.Form):
    """Art. 16.4: a municipality leaves; the view gives the municipalities of the agreement."""

    municipality = forms.ChoiceField(label=_("Municipality that leaves"))
    effective_on = forms.DateField(label=_("Takes effect on"), widget=DateInput)
    description = forms.CharField(
        label=_("Conditions and reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label=_("Date of the board's decision"), widget=DateInput)
    decision_document = DocumentField(label=_("Decision of the board"))

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(str(m.uuid), m.name) for m in municipalities]


class AmendmentForm(forms.Form):
    """Art. 16.2: a change of the whole agreement, with a consent (date, document) per party."""

    effective_on = forms.DateField(label=_("Takes effect on"), widget=DateInput)
    description = forms.CharField(label=_("What changes"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("Date of the board's decision"), widget=DateInput)
    decision_document = DocumentField(label=_("Decision of the board"))

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        for party in self.parties:
            self.fields[f"consent_on_{party.pk}"] = forms.DateField(
                label=_("%(party)s consented on") % {"party": party.name},
                widget=DateInput,
                required=False,
            )
            self.fields[f"consent_document_{party.pk}"] = DocumentField(
                label=_("Written consent of %(party)s") % {"party": party.name}, required=False
            )

    def consent_fields(self):
        return [
            (self[f"consent_on_{p.pk}"], self[f"consent_document_{p.pk}"]) for p in self.parties
        ]
