"""Forms of the candidate screens. They parse what was typed; the services check the rules and
say what is wrong, so the screen and the API refuse the same input with the same words."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from werkbedrijf.employers.forms import EmployerChoiceField
from werkbedrijf.employers.models import SectorGroup
from werkbedrijf.utils.bsn import bsn_digits, is_valid_bsn

from . import policies
from .models import (
    LADDER_STEP_LABELS,
    ActivityKind,
    ActivityStatus,
    BenefitType,
    DiagnosisKind,
    DutchLevel,
    EmploymentForm,
    InstrumentKind,
    IntakeTheme,
    LadderMoment,
    Phase,
    SanctionSignal,
    Weekday,
)

BSN_PART_MAX_DIGITS = 4  # more digits of a BSN never go into a URL: use the full BSN search
UPLOAD_MAX_BYTES = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    """The browser's date picker; it sends 2025-12-31 whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def today():
    return timezone.localdate()


def staff_label(user) -> str:
    return user.display_name


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices from one plain SELECT. Django's iterator() opens a server-side cursor on
    PostgreSQL (DECLARE ... WITH HOLD, FETCH, CLOSE) for a list of a few dozen staff members or
    local choices: three round trips where one does."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedChoiceField(forms.ModelChoiceField):
    """A model chosen from a short list, read with one plain SELECT (ListedChoiceIterator)."""

    iterator = ListedChoiceIterator


class StaffChoiceField(ListedChoiceField):
    """A staff member chosen by uuid (never the database key), shown by name."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj):
        return staff_label(obj)


def _blank(label):
    return [("", label)]


# --- caseload and search -------------------------------------------------------------------------


class CaseloadFilterForm(forms.Form):
    """The caseload's filters, submitted by GET: nothing here may identify a person, so a BSN can
    only be searched by its last few digits."""

    MINE, ALL = "mine", "all"
    whose = forms.ChoiceField(
        label=_("Candidates"),
        required=False,
        choices=[(MINE, _("My candidates")), (ALL, _("All candidates"))],
        initial=MINE,
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    bsn_part = forms.CharField(
        label=_("Last digits of the BSN"),
        required=False,
        max_length=BSN_PART_MAX_DIGITS,
        help_text=_("At most 4 digits. Search a full BSN with the BSN search."),
        validators=[RegexValidator(r"^[0-9]*$", _("Enter digits only."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    focus_group = forms.ChoiceField(label=_("Focus group"), required=False)
    consultant = StaffChoiceField(None, label=_("Consultant"), required=False)
    municipality = ListedChoiceField(
        None, label=_("Municipality"), required=False, to_field_name="uuid"
    )
    closed = forms.BooleanField(label=_("Also closed trajectories"), required=False)
    referred_since = forms.DateField(label=_("Referred since"), required=False, widget=DateInput)

    def __init__(self, *args, consultants, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = _blank(_("All phases")) + list(Phase.choices)
        self.fields["focus_group"].choices = _blank(_("All focus groups")) + list(
            policies.focus_group_labels().items()
        )
        self.fields["consultant"].queryset = consultants
        self.fields["consultant"].empty_label = _("All consultants")
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = _("All municipalities")

    def clean_bsn_part(self):
        return bsn_digits(self.cleaned_data["bsn_part"])


class BsnField(forms.CharField):
    """A full BSN: separators dropped, and refused unless it passes the 11-proef."""

    def clean(self, value):
        bsn = bsn_digits(super().clean(value))
        if not is_valid_bsn(bsn):
            raise ValidationError(
                _("This is not a valid BSN (it fails the 11-proef)."), code="invalid"
            )
        return bsn


class BsnSearchForm(forms.Form):
    """A full BSN goes by POST only, and the answer is a redirect to the candidate's uuid."""

    bsn = BsnField(
        label=_("BSN"),
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


# --- referral ------------------------------------------------------------------------------------


class ReferralForm(forms.Form):
    municipality = forms.ModelChoiceField(
        None, label=_("Municipality of residence"), to_field_name="uuid"
    )
    self_registration = forms.BooleanField(
        label=_("Self-registration by a young person under 27 (starts the search period)"),
        required=False,
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    initials = forms.CharField(label=_("Initials"), required=False, max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    name_prefix = forms.CharField(label=_("Prefix"), required=False, max_length=20)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    street = forms.CharField(label=_("Street"), required=False, max_length=200)
    house_number = forms.IntegerField(label=_("House number"), required=False, min_value=1)
    house_number_suffix = forms.CharField(label=_("Suffix"), required=False, max_length=10)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    city = forms.CharField(label=_("Place of residence"), required=False, max_length=100)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    languages = forms.CharField(label=_("Languages"), required=False, max_length=300)
    dutch_level = forms.ChoiceField(
        label=_("Dutch level"), required=False, choices=DutchLevel.choices
    )
    education = forms.CharField(label=_("Education"), required=False, max_length=300)
    work_experience = forms.CharField(
        label=_("Work experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sector_wishes = forms.MultipleChoiceField(
        label=_("Sector groups wished"),
        required=False,
        choices=SectorGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"), required=False, min_value=0, max_value=168
    )
    hours_per_day = forms.IntegerField(
        label=_("Hours per day"), required=False, min_value=0, max_value=24
    )
    available_days = forms.MultipleChoiceField(
        label=_("Available days"),
        required=False,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    functional_limitations = forms.CharField(
        label=_("Declared functional limitations"),
        required=False,
        help_text=_("What the candidate declares they cannot do. Never a diagnosis."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    certificates = forms.CharField(label=_("Certificates"), required=False, max_length=300)
    driving_licence = forms.CharField(label=_("Driving licence"), required=False, max_length=30)
    benefit_start_date = forms.DateField(
        label=_("Benefit start date"), required=False, widget=DateInput
    )
    benefit_type = forms.ChoiceField(
        label=_("Benefit type"),
        required=False,
        choices=[("", _("Not known yet")), *BenefitType.choices],
        help_text=_("Needed for the municipality's CBS statistics (DVO art. 12.4)."),
    )
    job_agreement_register = forms.BooleanField(
        label=_("In the job-agreement register (doelgroepregister)"), required=False
    )
    refugee = forms.BooleanField(
        label=_("Refugee with residence permit (statushouder)"), required=False
    )
    single_parent_child_under_5 = forms.BooleanField(
        label=_("Single parent with a child under 5"), required=False
    )
    note = forms.CharField(
        label=_("Reason for referral"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    warm_handover = forms.BooleanField(label=_("Warm handover requested"), required=False)

    PERSON = ("bsn", "first_name", "last_name", "date_of_birth")

    def __init__(self, *args, municipalities, may_self_register: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        only = list(municipalities) if municipalities.count() == 1 else []
        self.fixed_municipality = only[0] if only else None
        if self.fixed_municipality is not None:
            self.fields["municipality"].initial = self.fixed_municipality.uuid
            self.fields["municipality"].widget = forms.HiddenInput()
        if not may_self_register:
            del self.fields["self_registration"]

    def clean_bsn(self):
        return bsn_digits(self.cleaned_data["bsn"])

    def person_extra(self) -> dict:
        data = self.cleaned_data
        skip = set(self.PERSON) | {"municipality", "note", "warm_handover", "self_registration"}
        return {
            key: value
            for key, value in data.items()
            if key not in skip and value not in (None, "", [])
        }


class ReferralUploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        None, label=_("Municipality of residence"), to_field_name="uuid"
    )
    file = forms.FileField(
        label=_("File with referrals"),
        help_text=_("A CSV or XLSX file, with the column names on the first row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        only = list(municipalities) if municipalities.count() == 1 else []
        self.fixed_municipality = only[0] if only else None
        if self.fixed_municipality is not None:
            self.fields["municipality"].initial = self.fixed_municipality.uuid
            self.fields["municipality"].widget = forms.HiddenInput()
        else:
            # A regional user's file may name each row's municipality in a column "gemeente".
            self.fields["municipality"].required = False
            self.fields["municipality"].help_text = _(
                "Leave empty when the file has a column 'gemeente' naming each resident's "
                "municipality."
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": UPLOAD_MAX_BYTES // 1024 // 1024},
                code="too_large",
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a CSV or XLSX file."), code="file_type")
        return upload


# --- the journey ---------------------------------------------------------------------------------


class StepForm(forms.Form):
    """One step of the journey. Which fields matter depends on the step: the main route needs a
    sector group and a consultant bedrijfsdienstverlening, a return a reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    occurred_on = forms.DateField(label=_("Date"), initial=today, widget=DateInput)
    sector_group = forms.ChoiceField(label=_("Sector group"), required=False)
    business_consultant = StaffChoiceField(
        None, label=_("Consultant bedrijfsdienstverlening"), required=False
    )
    aftercare = forms.BooleanField(label=_("With aftercare (e.g. a jobcoach)"), required=False)
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    warm_handover = forms.BooleanField(label=_("Warm handover"), required=False)

    FIELDS_PER_STEP = {
        Phase.MAIN_ROUTE: ("sector_group", "business_consultant"),
        Phase.AT_WORK: ("aftercare",),
        Phase.RETURNED: ("warm_handover",),
    }

    def __init__(self, *args, target: str, consultants, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.fields["sector_group"].choices = _blank(_("Choose a sector group")) + list(
            SectorGroup.choices
        )
        self.fields["business_consultant"].queryset = consultants
        self.fields["business_consultant"].empty_label = _("Choose a consultant")
        wanted = self.FIELDS_PER_STEP.get(target, ())
        for name in ("sector_group", "business_consultant", "aftercare", "warm_handover"):
            if name not in wanted:
                del self.fields[name]
        if target == Phase.MAIN_ROUTE:
            self.fields["sector_group"].required = True
            self.fields["business_consultant"].required = True
            if trajectory is not None and trajectory.sector_group:
                self.fields["sector_group"].initial = trajectory.sector_group
        if target == Phase.RETURNED:
            self.fields["reason"].label = _("Reason for returning to the municipality")
            self.fields["reason"].required = True
        if trajectory is not None:
            self.fields["version"].initial = trajectory.lock_version

    @property
    def label(self) -> str:
        return policies.phase_label(self.target)


class DiagnosisForm(forms.Form):
    kind = forms.ChoiceField(label=_("About"), choices=DiagnosisKind.choices)
    practical_diagnosis = forms.BooleanField(
        label=_("Praktijkdiagnose (about 14 weeks on site)"), required=False
    )
    start = forms.DateField(label=_("Start"), initial=today, widget=DateInput)
    planned_end = forms.DateField(
        label=_("Planned end"),
        required=False,
        widget=DateInput,
        help_text=_("Empty for a praktijkdiagnose: 14 weeks after the start."),
    )
    reason = forms.CharField(
        label=_("Why a further diagnosis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IntakeNoteForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"), choices=IntakeTheme.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    written_on = forms.DateField(label=_("Date"), initial=today, widget=DateInput)


class LadderStepForm(forms.Form):
    """The candidate's step on the participatieladder at intake, a review or the end."""

    moment = forms.ChoiceField(label=_("Moment"), choices=LadderMoment.choices)
    step = forms.TypedChoiceField(
        label=_("Step on the participatieladder"),
        coerce=int,
        choices=list(LADDER_STEP_LABELS.items()),
    )
    recorded_on = forms.DateField(label=_("Date"), initial=today, widget=DateInput)


class ChoiceLabelField(ListedChoiceField):
    def label_from_instance(self, obj):
        carried_into = getattr(obj, "carried_into", None)
        if carried_into is not None:
            return _("%(service)s (%(year)s, carried over into %(into)s)") % {
                "service": obj.label,
                "year": obj.year,
                "into": carried_into,
            }
        return f"{obj.label} ({obj.year})"


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Activity"), choices=ActivityKind.choices)
    name = forms.CharField(label=_("Name or provider"), required=False, max_length=200)
    start = forms.DateField(label=_("Start"), initial=today, widget=DateInput)
    end = forms.DateField(label=_("End"), required=False, widget=DateInput)
    charge_to = ChoiceLabelField(
        None,
        label=_("Charge to a local choice of the municipality"),
        required=False,
        to_field_name="uuid",
        help_text=_("Only when the municipality bought this service for the year of the start."),
    )
    units = forms.DecimalField(
        label=_("Units"), initial=1, min_value=Decimal("0.01"), max_digits=6, decimal_places=2
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charge_to"].queryset = choices
        self.fields["charge_to"].empty_label = _("Not charged to a local choice")


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ActivityStatus.choices)
    end = forms.DateField(label=_("End"), required=False, widget=DateInput)


class PlacementForm(forms.Form):
    """The employer is chosen by uuid among all employers the user may see, but only the picker's
    matches (and the employer already chosen) are offered as radio buttons: a list of every
    employer in the region is unusable."""

    employer = EmployerChoiceField(
        None,
        label=_("Employer"),
        to_field_name="uuid",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Search the employer and choose it."),
            "invalid_choice": _("Search the employer and choose it."),
        },
    )
    form = forms.ChoiceField(label=_("Employment form"), choices=EmploymentForm.choices)
    start = forms.DateField(label=_("Start"), initial=today, widget=DateInput)
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DateInput)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), max_digits=4, decimal_places=1)
    with_bbl = forms.BooleanField(label=_("Combined with BBL"), required=False)
    extended = forms.BooleanField(label=_("Extended"), required=False)
    employment_contract = forms.BooleanField(label=_("Employment contract"), required=False)
    wage_value_measurement = forms.BooleanField(label=_("Wage-value measurement"), required=False)

    def __init__(self, *args, employers, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        self._offered = list(offered)

    @property
    def chosen_employer(self) -> str:
        return str(self["employer"].value() or "")

    @cached_property
    def offered_employers(self) -> list:
        """The radio buttons: the picker's matches, with the employer already chosen first, so a
        form shown again with a message keeps the choice."""
        offered = list(self._offered)
        chosen = self.chosen_employer
        if chosen and all(str(e.uuid) != chosen for e in offered):
            try:
                found = self.fields["employer"].queryset.filter(uuid=chosen).first()
            except (ValueError, ValidationError):
                found = None
            if found is not None:
                offered.insert(0, found)
        return offered


class AtWorkForm(PlacementForm):
    """The step to "At work" of a trajectory without a placement: the step and its placement in
    one form; services.take_step records both or neither."""

    target = Phase.AT_WORK
    with_placement = True
    version = forms.IntegerField(widget=forms.HiddenInput)
    occurred_on = forms.DateField(label=_("Date of the step"), initial=today, widget=DateInput)
    aftercare = forms.BooleanField(label=_("With aftercare (e.g. a jobcoach)"), required=False)
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    STEP_FIELDS = ("version", "occurred_on", "aftercare", "reason")
    field_order = ["version", "occurred_on"]

    def __init__(self, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].label = _("Start of the placement")
        if trajectory is not None:
            self.fields["version"].initial = trajectory.lock_version

    @property
    def label(self) -> str:
        return policies.phase_label(self.target)

    def step_and_placement(self) -> tuple[dict, dict]:
        """The cleaned data as the step's arguments and the placement's."""
        data = dict(self.cleaned_data)
        step = {name: data.pop(name) for name in self.STEP_FIELDS}
        return step, data


class InstrumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Instrument"), choices=InstrumentKind.choices)
    start = forms.DateField(label=_("Start"), initial=today, widget=DateInput)
    end = forms.DateField(label=_("End"), required=False, widget=DateInput)
    amount = forms.DecimalField(
        label=_("Amount incl. VAT (euro)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    distance_km = forms.DecimalField(
        label=_("Distance home-work (km)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )
    wage_value = forms.DecimalField(
        label=_("Wage value (%)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        help_text=_("Only for a wage subsidy: the loonwaarde the subsidy makes up for."),
    )
    job_agreement_indication = forms.BooleanField(
        label=_("Job-agreement indication"), required=False
    )
    training_obstacle_statement = forms.BooleanField(
        label=_("Verklaring scholingsbelemmering"), required=False
    )
    mental_health_treatment = forms.BooleanField(
        label=_("In mental-health (GGZ) treatment"), required=False
    )
    uwv_sheltered_indication = forms.BooleanField(
        label=_("UWV indication beschut werk"), required=False
    )
    bbl = forms.BooleanField(label=_("BBL trajectory"), required=False)

    FLAGS = (
        "job_agreement_indication",
        "training_obstacle_statement",
        "mental_health_treatment",
        "uwv_sheltered_indication",
        "bbl",
    )


class SignalForm(forms.Form):
    facts = forms.CharField(
        label=_("Facts"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, when; no opinions."),
    )
    advice = forms.CharField(
        label=_("Advice to the municipality"), widget=forms.Textarea(attrs={"rows": 2})
    )
    signalled_on = forms.DateField(label=_("Date"), initial=today, widget=DateInput)


class ContactForm(forms.Form):
    # The current assignment as the page was loaded (its uuid; empty: no contact person yet), so
    # a handover on top of someone else's newer one is refused instead of replacing it.
    current = forms.CharField(widget=forms.HiddenInput, required=False, max_length=36)
    contact = StaffChoiceField(None, label=_("New contact person"))
    note = forms.CharField(
        label=_("Handover note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, staff, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = staff
        self.fields["contact"].empty_label = _("Choose a colleague")
        self.fields["current"].initial = str(current.uuid) if current else ""

    def expected_current(self):
        """What the service checks against: the uuid or None, or NOT_CHECKED when the post has
        no such field at all (a page from before this check existed)."""
        from .services import NOT_CHECKED

        if self.add_prefix("current") not in self.data:
            return NOT_CHECKED
        return self.cleaned_data.get("current") or None


class AssessmentForm(forms.Form):
    language = forms.CharField(label=_("Language of the assessment"), max_length=50)
    completed_on = forms.DateField(label=_("Completed on"), initial=today, widget=DateInput)
    education = forms.CharField(
        label=_("Education"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    work_experience = forms.CharField(
        label=_("Work experience"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    dutch_level = forms.CharField(label=_("Dutch level"), required=False, max_length=10)
    english_level = forms.CharField(label=_("English level"), required=False, max_length=10)
    competences = forms.CharField(
        label=_("Competences"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    health = forms.CharField(
        label=_("Health (as told by the candidate)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlanTalkForm(forms.Form):
    planned_on = forms.DateField(label=_("Planned on"), widget=DateInput)


# --- the Inkomen loop ----------------------------------------------------------------------------


class SanctionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision of the municipality"),
        choices=SanctionSignal.Decision.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("Decided on"), initial=today, widget=DateInput)


class TalkOutcomeForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), initial=today, widget=DateInput)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


# --- realisation of local choices ----------------------------------------------------------------


class RealisationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        None, label=_("Municipality"), to_field_name="uuid", empty_label=None
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, municipalities, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["year"].choices = [(y, str(y)) for y in years]


class ColumnMappingForm(forms.Form):
    """Confirm how the columns of an uploaded file are read: per column name of the file, the
    upload column it means or "leave out"; remembered for the organisation when asked."""

    staged = forms.UUIDField(widget=forms.HiddenInput())
    remember = forms.BooleanField(
        label=_("Remember these choices for the next files of my organisation"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, matches, columns, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Leave this column out"))] + [
            (c.header, f"{c.header} – {c.help_text}") for c in columns
        ]
        self.matches = [m for m in matches if m.how not in ("exact", "blank")]
        for index, match in enumerate(self.matches):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=_("Column '%(name)s' in the file") % {"name": match.raw},
                choices=choices,
                required=False,
                initial=match.column.header if match.column else "",
            )

    def chosen(self) -> dict[str, str]:
        """Normalised column name of the file → upload column ("" to leave it out)."""
        return {
            match.name: self.cleaned_data.get(f"column_{index}", "")
            for index, match in enumerate(self.matches)
        }
