"""Forms of the vacancy, work profile and proposal screens. They parse what was typed; the
services check the rules (hours, dates, codes of the catalogue, hard constraints)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates.forms import DateInput, today
from werkbedrijf.candidates.models import DutchLevel, EmploymentForm, Weekday
from werkbedrijf.employers.forms import EmployerChoiceField
from werkbedrijf.employers.models import Employer, SectorGroup

from .models import (
    CatalogueKind,
    Competence,
    CompetenceSource,
    DrivingLicence,
    Occupation,
    PhysicalDemand,
    Shift,
    Transport,
    VacancyStatus,
)

CHECKBOXES = forms.CheckboxSelectMultiple


def _competence_choices(kind: str | None = None):
    qs = Competence.objects.order_by("label")
    if kind:
        qs = qs.filter(kind=kind)
    return [(c.code, c.label) for c in qs]


class VacancyFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(VacancyStatus.choices)
    )
    sector_group = forms.ChoiceField(
        label=_("Sector group"),
        required=False,
        choices=[("", _("All sector groups"))] + list(SectorGroup.choices),
    )


class VacancyForm(forms.Form):
    employer = EmployerChoiceField(
        label=_("Employer"), queryset=Employer.objects.order_by("name"), to_field_name="uuid"
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    occupation = forms.ChoiceField(label=_("Occupation"))
    sector_group = forms.ChoiceField(label=_("Sector group"), choices=SectorGroup.choices)
    postcode = forms.CharField(
        label=_("Postcode of the work location"), max_length=7, help_text=_("1234 AB")
    )
    hours_per_week = forms.IntegerField(label=_("Hours per week"), min_value=0, max_value=168)
    days = forms.MultipleChoiceField(
        label=_("Days"), choices=Weekday.choices, widget=CHECKBOXES, required=False
    )
    shifts = forms.MultipleChoiceField(
        label=_("Shifts"), choices=Shift.choices, widget=CHECKBOXES, required=False
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    employment_forms = forms.MultipleChoiceField(
        label=_("Employment forms offered"), choices=EmploymentForm.choices, widget=CHECKBOXES
    )
    places = forms.IntegerField(label=_("Number of places"), min_value=0, max_value=999, initial=1)
    driving_licence = forms.ChoiceField(
        label=_("Driving licence required"),
        required=False,
        choices=[("", _("none"))] + list(DrivingLicence.choices),
    )
    certificates = forms.MultipleChoiceField(
        label=_("Certificates required"), widget=CHECKBOXES, required=False
    )
    dutch_level = forms.ChoiceField(
        label=_("Dutch level required"),
        required=False,
        choices=[("", _("none"))] + [c for c in DutchLevel.choices if c[0]],
    )
    physical_demands = forms.MultipleChoiceField(
        label=_("Physical demands"),
        choices=PhysicalDemand.choices,
        widget=CHECKBOXES,
        required=False,
    )
    competences_must = forms.MultipleChoiceField(label=_("Competences required"), required=False)
    competences_nice = forms.MultipleChoiceField(label=_("Competences desired"), required=False)
    job_agreement_suitable = forms.BooleanField(
        label=_("Suitable for the job-agreement register"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = [
            (o.code, o.label) for o in Occupation.objects.order_by("label")
        ]
        skills = _competence_choices()
        self.fields["competences_must"].choices = skills
        self.fields["competences_nice"].choices = skills
        self.fields["certificates"].choices = _competence_choices(CatalogueKind.CERTIFICATE)


class WorkProfileForm(forms.Form):
    sector_wishes = forms.MultipleChoiceField(
        label=_("Sector groups wished"),
        choices=SectorGroup.choices,
        widget=CHECKBOXES,
        required=False,
    )
    occupation_wishes = forms.MultipleChoiceField(label=_("Occupations wished"), required=False)
    experience_years = forms.IntegerField(
        label=_("Years of work experience"), min_value=0, max_value=60, required=False
    )
    experience = forms.CharField(
        label=_("Work experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week available"), min_value=0, max_value=168, required=False
    )
    days = forms.MultipleChoiceField(
        label=_("Days available"), choices=Weekday.choices, widget=CHECKBOXES, required=False
    )
    shifts = forms.MultipleChoiceField(
        label=_("Shifts available"), choices=Shift.choices, widget=CHECKBOXES, required=False
    )
    max_travel_km = forms.IntegerField(
        label=_("Maximum travel distance (km)"), min_value=0, max_value=10_000, required=False
    )
    transport = forms.MultipleChoiceField(
        label=_("Means of transport"), choices=Transport.choices, widget=CHECKBOXES, required=False
    )
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licences"),
        choices=DrivingLicence.choices,
        widget=CHECKBOXES,
        required=False,
    )
    dutch_level = forms.ChoiceField(
        label=_("Dutch level"), required=False, choices=DutchLevel.choices
    )
    limitations = forms.MultipleChoiceField(
        label=_("Physical demands the candidate cannot meet"),
        help_text=_("Limitations as the candidate declares them; never a diagnosis."),
        choices=PhysicalDemand.choices,
        widget=CHECKBOXES,
        required=False,
    )
    available_from = forms.DateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation_wishes"].choices = [
            (o.code, o.label) for o in Occupation.objects.order_by("label")
        ]


class CompetenceRowForm(forms.Form):
    code = forms.ChoiceField(label=_("Competence"), required=False)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", "–")] + list(CompetenceSource.choices)
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", "–"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "–")] + _competence_choices()


CompetenceFormSet = forms.formset_factory(CompetenceRowForm, extra=3, max_num=30)


class ProposeForm(forms.Form):
    candidate = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the proposal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class DecisionForm(forms.Form):
    STEPS = [
        ("view", _("Record the candidate's view")),
        ("introduce", _("Introduced to the employer")),
        ("rejected", _("Rejected")),
        ("trial", _("Trial place")),
        ("hired", _("Hired")),
    ]
    step = forms.ChoiceField(label=_("Step"), choices=STEPS, widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)
    view = forms.CharField(
        label=_("The candidate's view"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agrees = forms.TypedChoiceField(
        label=_("The candidate agrees"),
        required=False,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (for a rejection)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    form = forms.ChoiceField(
        label=_("Employment form (for a hire)"),
        required=False,
        choices=[("", "–")] + list(EmploymentForm.choices),
    )
    start = forms.DateField(
        label=_("Start of the placement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    planned_end = forms.DateField(
        label=_("Planned end of the placement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class VacancyStatusForm(forms.Form):
    """The next status of a vacancy: only the ones its current status allows are offered."""

    status = forms.ChoiceField(label=_("New status"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # Every status is accepted from the post: the service refuses a step it does not allow
        # with its own message, also when the page was opened before someone else changed it.
        self.fields["status"].choices = allowed


class CertificateObtainedForm(forms.Form):
    """A certificate of the catalogue obtained in the trajectory, the day, and optionally the
    training (activity) or instrument of the trajectory it came from."""

    certificate = forms.ChoiceField(label=_("Certificate"))
    obtained_on = forms.DateField(label=_("Obtained on"), initial=today, widget=DateInput)
    came_from = forms.ChoiceField(label=_("From the training or instrument"), required=False)

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].choices = [("", "")] + _competence_choices(
            CatalogueKind.CERTIFICATE
        )
        self.fields["came_from"].choices = [("", _("Not known"))] + list(sources)
