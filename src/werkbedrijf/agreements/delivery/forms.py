"""Forms of the delivery screens. They only carry what was entered; the services validate and
decide (another municipality's choice, a date outside the agreement)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import DateInput
from .models import HalfDayStatus, NoteKind, NoteStatus, PartOfDay


class RealisationFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        None, label=_("Municipality"), to_field_name="uuid", empty_label=None
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    compare = forms.TypedChoiceField(label=_("Compare presence with"), coerce=int)

    def __init__(self, *args, municipalities, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["compare"].choices = [(y, str(y)) for y in years]


class _ChoiceForm(forms.Form):
    choice = forms.ChoiceField(label=_("Local choice"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices


class HalfDayForm(_ChoiceForm):
    location = forms.CharField(label=_("Location"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    part_of_day = forms.ChoiceField(label=_("Part of the day"), choices=PartOfDay.choices)
    status = forms.ChoiceField(label=_("Status"), choices=HalfDayStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class _PeriodForm(_ChoiceForm):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("Until"), widget=DateInput, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.worker_field].choices = workers


class PresenceForm(_PeriodForm):
    worker_field = "worker"
    location = forms.CharField(label=_("Team and location"), max_length=200)
    worker = forms.ChoiceField(label=_("Worker"))
    field_order = ["choice", "location", "worker", "start", "end", "note"]


class CoachingForm(_PeriodForm):
    worker_field = "coach"
    coach = forms.ChoiceField(label=_("Participatiecoach"))
    fte = forms.CharField(label=_("fte"), max_length=10, help_text=_("For example 0,8."))
    field_order = ["choice", "coach", "fte", "start", "end", "note"]


class NoteForm(_ChoiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=NoteStatus.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(label=_("What was delivered"), widget=forms.Textarea(attrs={"rows": 3}))
    quantity = forms.CharField(label=_("Quantity delivered"), max_length=20, required=False)


class HalfDayStatusForm(forms.Form):
    session = forms.UUIDField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=HalfDayStatus.choices)
