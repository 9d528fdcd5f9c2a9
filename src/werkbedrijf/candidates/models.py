"""Candidates, their journey from referral to outflow, placements, instruments and the Inkomen loop.

Every record belongs to the municipality where the candidate lives (``municipality``), which is the
controller of the data (DVO art. 12.3). Access goes through access.policy.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Left, Upper
from django.utils.translation import gettext_lazy as _

from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.employers.models import Employer, SectorGroup
from werkbedrijf.organisations.models import Organisation

MONEY = {"max_digits": 12, "decimal_places": 2}


def trajectory_municipality():
    """The municipality of the record's trajectory, copied onto a record under it so that the
    indicators of one municipality read one index range by (municipality, date) instead of
    joining every trajectory (reporting.indicators.Scope.records). PostgreSQL's triggers keep it
    equal to the trajectory's, also when the record moves to another trajectory or the trajectory
    to another municipality (reporting migration 0012); the application never writes it, and a
    model instance just saved does not show it. Empty on SQLite, where the indicators join."""
    return models.ForeignKey(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the covering indexes of reporting 0012 lead with it
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class DutchLevel(models.TextChoices):
    UNKNOWN = "", _("unknown")
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("native speaker")


class Weekday(models.TextChoices):
    """The days a candidate is available (``Candidate.available_days`` holds their codes)."""

    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class FocusGroup(models.TextChoices):
    """The focus groups of DVO art. 2. Derived from a candidate's data (policies.focus_groups),
    never typed, so no field holds them."""

    UNDER_27 = "under_27", _("Young person under 27")
    OVER_55 = "over_55", _("Over 55")
    REFUGEE = "refugee", _("Statushouder")
    WORK_LIMITATION = "work_limitation", _("Work limitation")
    NEW_IN_ASSISTANCE = "new_in_assistance", _("New in social assistance")


class BenefitType(models.TextChoices):
    """The benefit the candidate receives from the municipality, as the CBS statistics ask it
    (art. 12.4); blank while nobody has recorded it."""

    BIJSTAND = "bijstand", _("Bijstand (Participatiewet)")
    IOAW = "ioaw", _("IOAW")
    IOAZ = "ioaz", _("IOAZ")
    ANW = "anw", _("Anw")
    NONE = "none", _("No benefit")


class Candidate(models.Model):
    """A person in WerkBedrijf's service. The BSN is unique per person and never shown in full in
    lists, never in a URL and never in a log line."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn = models.CharField(_("BSN"), max_length=9, unique=True)
    initials = models.CharField(_("initials"), max_length=20, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    name_prefix = models.CharField(_("prefix"), max_length=20, blank=True)
    last_name = models.CharField(_("last name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"))
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_suffix = models.CharField(_("suffix"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("place of residence"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("municipality of residence"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.CharField(_("languages"), max_length=300, blank=True)
    dutch_level = models.CharField(
        _("Dutch level"), max_length=10, choices=DutchLevel.choices, blank=True
    )
    education = models.CharField(_("education"), max_length=300, blank=True)
    work_experience = models.TextField(_("work experience"), blank=True)
    sector_wishes = models.JSONField(_("sector groups wished"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    hours_per_day = models.PositiveSmallIntegerField(_("hours per day"), null=True, blank=True)
    available_days = models.JSONField(_("available days"), default=list, blank=True)
    functional_limitations = models.TextField(
        _("declared functional limitations"),
        blank=True,
        help_text=_("What the candidate declares they cannot do. Never a diagnosis."),
    )
    certificates = models.CharField(_("certificates"), max_length=300, blank=True)
    driving_licence = models.CharField(_("driving licence"), max_length=30, blank=True)
    benefit_start_date = models.DateField(_("benefit start date"), null=True, blank=True)
    benefit_type = models.CharField(
        _("benefit type"), max_length=10, choices=BenefitType.choices, blank=True, default=""
    )
    job_agreement_register = models.BooleanField(
        _("in the job-agreement register (doelgroepregister)"), default=False
    )
    refugee = models.BooleanField(_("refugee with residence permit (statushouder)"), default=False)
    single_parent_child_under_5 = models.BooleanField(
        _("single parent with a child under 5"), default=False
    )
    synthetic = models.BooleanField(_("synthetic (test data)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        indexes = [
            models.Index(fields=["municipality", "last_name", "id"]),
            models.Index(fields=["last_name", "id"]),
            # A first-name prefix in page order (selectors._page_ids): one initial's range, read
            # from the index alone (the first name is in it for the prefix's own test).
            models.Index(
                Upper(Left("first_name", 1)),
                "last_name",
                "id",
                "first_name",
                name="cand_initial_last_name",
            ),
        ]
        constraints = [
            models.CheckConstraint(name="bsn_nine_digits", condition=Q(bsn__regex=r"^[0-9]{9}$")),
            models.CheckConstraint(
                name="postcode_format",
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$"),
            ),
            models.CheckConstraint(
                name="hours_per_day_sane",
                condition=Q(hours_per_day__isnull=True) | Q(hours_per_day__lte=24),
            ),
            models.CheckConstraint(
                name="benefit_type_known",
                condition=Q(benefit_type__in=["", *BenefitType.values]),
            ),
            models.CheckConstraint(
                name="hours_per_week_sane",
                condition=Q(hours_per_week__isnull=True) | Q(hours_per_week__lte=168),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    @property
    def masked_bsn(self) -> str:
        return "*****" + self.bsn[-4:]

    def data_subject_uuid(self):
        return self.uuid


class DigitalAssessment(models.Model):
    """A refugee's digital assessment in their own language (Dienstenboek)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assessments")
    language = models.CharField(_("language of the assessment"), max_length=50)
    completed_on = models.DateField(_("completed on"))
    education = models.TextField(_("education"), blank=True)
    work_experience = models.TextField(_("work experience"), blank=True)
    dutch_level = models.CharField(_("Dutch level"), max_length=10, blank=True)
    english_level = models.CharField(_("English level"), max_length=10, blank=True)
    competences = models.TextField(_("competences"), blank=True)
    health = models.TextField(_("health (as told by the candidate)"), blank=True)

    def data_subject_uuid(self):
        return self.candidate.uuid


class Phase(models.TextChoices):
    REFERRED = "referred", _("Referred")
    WELCOME = "welcome", _("Welcome meeting")
    INTAKE = "intake", _("Intake and diagnosis")
    FURTHER_DIAGNOSIS = "further_diagnosis", _("Further diagnosis")
    MAIN_ROUTE = "main_route", _("Main route: working towards work")
    AT_WORK = "at_work", _("At work")
    OUTFLOW = "outflow", _("Outflow")
    RETURNED = "returned", _("Returned to the municipality")


CLOSED_PHASES = (Phase.OUTFLOW, Phase.RETURNED)


class ReferralChannel(models.TextChoices):
    SCREEN = "screen", _("Screen")
    API = "api", _("API")
    UPLOAD = "upload", _("File upload")
    SELF = "self", _("Self-registration")


class Trajectory(models.Model):
    """One referral and the journey that follows it, up to outflow or return."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="trajectories")
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="trajectories"
    )
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ReferralChannel.choices)
    referral_note = models.TextField(_("reason for referral"), blank=True)
    warm_handover = models.BooleanField(_("warm handover requested"), default=False)
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.REFERRED
    )
    phase_since = models.DateField(_("in this phase since"))
    sector_group = models.CharField(
        _("sector group"), max_length=30, choices=SectorGroup.choices, blank=True
    )
    business_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consultant bedrijfsdienstverlening"),
    )
    aftercare = models.BooleanField(_("with aftercare"), default=False)
    search_period_start = models.DateField(_("search period started"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    return_warm_handover = models.BooleanField(_("warm handover at return"), default=False)
    import_key = models.CharField(max_length=64, blank=True, db_index=True)
    synthetic = models.BooleanField(default=False)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [
            models.Index(fields=["municipality", "phase", "id"]),
            models.Index(fields=["phase", "id"]),
            # The indicators count by referral and closing date (reporting.indicators).
            models.Index(fields=["referred_on"]),
            models.Index(fields=["municipality", "referred_on"]),
            models.Index(fields=["closed_on"]),
            # One consultant's caseload (selectors.consultant_q): the active trajectories of a
            # business consultant, and of the candidates assigned to a contact person, read
            # from the index alone.
            models.Index(
                fields=["business_consultant", "id"],
                condition=~Q(phase__in=["outflow", "returned"]),
                name="traj_active_by_consultant",
            ),
            models.Index(
                fields=["candidate", "id"],
                condition=~Q(phase__in=["outflow", "returned"]),
                name="traj_active_by_candidate",
            ),
            # A municipality's closings to outflow and returned in a period (the start page's
            # overview), read from the index alone.
            models.Index(
                fields=["municipality", "closed_on"],
                include=["phase"],
                condition=Q(phase__in=["outflow", "returned"]),
                name="traj_closed_by_municipality",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=~Q(phase__in=["outflow", "returned"]),
                name="one_active_trajectory_per_candidate",
            ),
            models.CheckConstraint(
                name="closed_phase_has_date",
                condition=~Q(phase__in=["outflow", "returned"]) | Q(closed_on__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.candidate} ({self.get_phase_display()})"

    @property
    def is_active(self) -> bool:
        return self.phase not in CLOSED_PHASES

    def data_subject_uuid(self):
        return self.candidate.uuid


class JourneyStep(models.Model):
    """One step of the journey with date, who and why: the candidate's timeline."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="steps")
    municipality = trajectory_municipality()
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    occurred_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        indexes = [
            models.Index(fields=["trajectory", "occurred_on"]),
            models.Index(fields=["to_phase", "occurred_on"]),  # outflow to work in a period
        ]


class IntakeTheme(models.TextChoices):
    CURRENT = "current", _("Current situation")
    DESIRED = "desired", _("Desired situation")
    OBSTACLES = "obstacles", _("Obstacles")
    RESOURCES = "resources", _("Resources")


class IntakeNote(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="notes")
    theme = models.CharField(_("theme"), max_length=20, choices=IntakeTheme.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    written_on = models.DateField(_("date"))

    class Meta:
        ordering = ["written_on", "id"]
        constraints = [models.CheckConstraint(name="intake_note_has_text", condition=~Q(text=""))]


class DiagnosisKind(models.TextChoices):
    EMPLOYEE_SKILLS = "employee_skills", _("Employee skills")
    HEALTH = "health", _("Health")
    MOTIVATION = "motivation", _("Motivation")


class FurtherDiagnosis(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="diagnoses")
    kind = models.CharField(_("kind"), max_length=20, choices=DiagnosisKind.choices)
    practical_diagnosis = models.BooleanField(
        _("praktijkdiagnose (about 14 weeks on site)"), default=False
    )
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)


class LadderMoment(models.TextChoices):
    INTAKE = "intake", _("At intake")
    REVIEW = "review", _("At a review")
    END = "end", _("At the end")


LADDER_STEPS = range(1, 7)  # the participatieladder: 1 isolated ... 6 paid work without support
LADDER_STEP_LABELS = {
    1: _("1 Isolated"),
    2: _("2 Social contacts outside the home"),
    3: _("3 Taking part in organised activities"),
    4: _("4 Unpaid work"),
    5: _("5 Paid work with support"),
    6: _("6 Paid work"),
}


class LadderStep(models.Model):
    """The candidate's step on the participatieladder (1-6) at intake, at a review and at the end:
    what the candidate achieves in their development besides outflow to work (startnotitie)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="ladder_steps"
    )
    moment = models.CharField(_("moment"), max_length=10, choices=LadderMoment.choices)
    step = models.PositiveSmallIntegerField(_("step on the participatieladder"))
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("step on the participatieladder")
        verbose_name_plural = _("steps on the participatieladder")
        ordering = ["recorded_on", "id"]
        indexes = [
            models.Index(fields=["trajectory", "recorded_on"]),
            models.Index(fields=["recorded_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="ladder_step_one_to_six", condition=Q(step__gte=1) & Q(step__lte=6)
            ),
        ]

    def data_subject_uuid(self):
        return self.trajectory.candidate.uuid


class ContactAssignment(models.Model):
    """Who is the candidate's one contact person (vast aanspreekpunt), from when to when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="contacts")
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contact_for"
    )
    since = models.DateTimeField(_("since"))
    until = models.DateTimeField(_("until"), null=True, blank=True)
    handover_note = models.TextField(_("handover note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(until__isnull=True),
                name="one_current_contact_person",
            )
        ]
        indexes = [
            models.Index(fields=["contact", "until"]),
            # A contact person's current candidates, from the index alone (consultant_q).
            models.Index(
                fields=["contact", "candidate"],
                condition=Q(until__isnull=True),
                name="contact_current_candidates",
            ),
        ]


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    VERSNELLING = "versnelling", _("De Versnelling")
    SAMEN_STERK = "samen_sterk", _("Samen sterk naar werk")
    ACTIVATION = "activation", _("Activeringstraject (3 months)")
    MULTI_PROBLEM_27 = "multi_problem_27", _("Intensieve begeleiding multiproblematiek 27+")
    CARE_YOUTH = "care_youth", _("Zorgjongeren")
    PARTICIPATION_COACHING = "participation_coaching", _("Participatiecoaching")
    TARGET_GROUP = "target_group", _("Doelgroepbenadering")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


OPEN_ACTIVITY_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)


class Activity(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="activities")
    municipality = trajectory_municipality()
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    charged_to = models.ForeignKey(
        LocalChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("charged to local choice"),
    )
    units = models.DecimalField(_("units charged"), max_digits=6, decimal_places=2, default=1)
    synthetic = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["charged_to", "status"]),
            # Zorgjongeren and trainings in a period (reporting.indicators).
            models.Index(fields=["kind", "start"]),
            models.Index(fields=["kind", "end"]),
        ]
        constraints = [
            models.CheckConstraint(name="activity_units_positive", condition=Q(units__gt=0)),
        ]


class EmploymentForm(models.TextChoices):
    REGULAR = "regular", _("Regulier in dienst")
    SECONDMENT = "secondment", _("Detachering")
    TRIAL = "trial", _("Proefplaats")
    WORK_EXPERIENCE = "work_experience", _("Leerwerkplek")
    DEVELOPMENT = "development", _("Ontwikkeltraject")
    LANGUAGE_INTERNSHIP = "language_internship", _("Taalstage")
    ORIENTATION = "orientation", _("Oriëntatietraject")


class Placement(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="placements")
    municipality = trajectory_municipality()
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="placements")
    form = models.CharField(_("employment form"), max_length=30, choices=EmploymentForm.choices)
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    with_bbl = models.BooleanField(_("combined with BBL"), default=False)
    extended = models.BooleanField(_("extended"), default=False)
    employment_contract = models.BooleanField(_("employment contract"), default=False)
    wage_value_measurement = models.BooleanField(_("wage-value measurement"), default=False)
    job_agreement_indication = models.BooleanField(
        _("with job-agreement indication"), default=False
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                name="placement_end_after_start",
                condition=(Q(planned_end__isnull=True) | Q(planned_end__gte=models.F("start")))
                & (Q(actual_end__isnull=True) | Q(actual_end__gte=models.F("start"))),
            ),
            models.CheckConstraint(
                name="placement_hours_sane",
                condition=Q(hours_per_week__gt=0) & Q(hours_per_week__lte=60),
            ),
            models.CheckConstraint(
                name="trial_place_without_contract",
                condition=~Q(form="trial") | Q(employment_contract=False),
            ),
        ]


class InstrumentKind(models.TextChoices):
    TRAINING = "training", _("Scholing")
    TRAVEL = "travel", _("Reiskosten")
    WAGE_SUBSIDY = "wage_subsidy", _("Loonkostensubsidie")
    WAGE_SUBSIDY_LUMP_SUM = "wage_subsidy_lump_sum", _("Forfaitaire loonkostensubsidie")
    JOB_COACHING = "job_coaching", _("Jobcoaching")
    EMPLOYER_BONUS = "employer_bonus", _("Werkgeversbonus")
    PORTABLE_AIDS = "portable_aids", _("Meeneembare voorzieningen")
    IPS = "ips", _("IPS (Individuele Plaatsing en Steun)")
    SHELTERED_WORK = "sheltered_work", _("Nieuw beschut")
    OWNW = "ownw", _("Op Weg Naar Werk")
    VOUCHERS = "vouchers", _("Waardebonnen")


class Instrument(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="instruments")
    municipality = trajectory_municipality()
    kind = models.CharField(_("instrument"), max_length=30, choices=InstrumentKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    amount = models.DecimalField(_("amount incl. VAT"), null=True, blank=True, **MONEY)
    distance_km = models.DecimalField(
        _("distance home-work (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    # The wage value (loonwaarde) a wage-cost subsidy makes up for: the share of the statutory
    # minimum wage the candidate earns by their output; only on a wage subsidy.
    wage_value = models.DecimalField(
        _("wage value (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    job_agreement_indication = models.BooleanField(_("job-agreement indication"), default=False)
    training_obstacle_statement = models.BooleanField(
        _("verklaring scholingsbelemmering"), default=False
    )
    mental_health_treatment = models.BooleanField(
        _("in mental-health (GGZ) treatment"), default=False
    )
    uwv_sheltered_indication = models.BooleanField(_("UWV indication beschut werk"), default=False)
    bbl = models.BooleanField(_("BBL trajectory"), default=False)
    srg_category = models.CharField(_("CBS SRG category"), max_length=100)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.CheckConstraint(
                name="instrument_amount_not_negative",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
            ),
            models.CheckConstraint(
                name="instrument_wage_value_of_a_wage_subsidy",
                condition=Q(wage_value__isnull=True)
                | (
                    Q(kind__in=["wage_subsidy", "wage_subsidy_lump_sum"])
                    & Q(wage_value__gt=0)
                    & Q(wage_value__lte=100)
                ),
            ),
            models.CheckConstraint(
                name="instrument_end_after_start",
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
            ),
        ]


class SanctionSignal(models.Model):
    """WerkBedrijf signals possibly sanction-worthy behaviour; the municipality decides."""

    class Decision(models.TextChoices):
        FOLLOWED = "followed", _("Advice followed")
        DEVIATED = "deviated", _("Deviated from the advice")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="signals")
    municipality = trajectory_municipality()
    facts = models.TextField(_("facts"))
    advice = models.TextField(_("advice"))
    signalled_on = models.DateField(_("signalled on"))
    signalled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="decision_complete",
                condition=Q(decision="") | (Q(decided_on__isnull=False) & ~Q(decision_reasons="")),
            ),
        ]


class ThreeWayTalk(models.Model):
    """Piramidegesprek: Inkomen, WerkBedrijf and the candidate."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="talks")
    planned_on = models.DateField(_("planned on"))
    income_participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    werkbedrijf_participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)


class CandidateMove(models.Model):
    """A resident moved to another municipality of the region, recorded as a step of its own: who
    recorded it, when, from where to where and why. A referral never moves anybody.

    The municipality of residence is the controller of the person's data (DVO art. 12.3), so from
    the move on the new municipality sees the person and the running trajectory (which moves with
    them); earlier, closed trajectories stay with the municipality they ran for. Both
    municipalities see the move itself."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="moves")
    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moves",
        verbose_name=_("running trajectory that moved along"),
    )
    from_municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="moves_out",
        verbose_name=_("from municipality"),
    )
    to_municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="moves_in",
        verbose_name=_("to municipality"),
    )
    moved_on = models.DateField(_("moved on"))
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("move to another municipality")
        verbose_name_plural = _("moves to another municipality")
        ordering = ["-moved_on", "-id"]
        indexes = [
            models.Index(fields=["from_municipality", "moved_on"]),
            models.Index(fields=["to_municipality", "moved_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="move_to_another_municipality",
                condition=~Q(from_municipality=models.F("to_municipality")),
            ),
            models.CheckConstraint(name="move_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self):
        return f"{self.candidate}: {self.from_municipality} → {self.to_municipality}"

    def data_subject_uuid(self):
        return self.candidate.uuid


class ImportColumnMapping(models.Model):
    """A column name of an organisation's upload files and the upload column it means, as a user
    of that organisation confirmed it once (e.g. "Geslachtsnaam" of its BRP export is
    ``achternaam``); an empty ``column`` means the column is left out. Used for every later file
    of the organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    header = models.CharField(_("column name in the file"), max_length=100)
    column = models.CharField(_("upload column"), max_length=40, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column mapping of uploads")
        verbose_name_plural = _("column mappings of uploads")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "header"], name="import_mapping_one_per_header"
            )
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.column or '-'}"


class StagedUpload(models.Model):
    """An uploaded referral file held between the upload and the confirmation of its columns (or
    the background job that imports it). It holds personal data: it is deleted once imported, and
    any staged file older than a day is deleted at the next upload of anyone."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staged upload")
        verbose_name_plural = _("staged uploads")


class ActivityQuarter(models.Model):
    """The activities of one person in one municipality in one quarter, summed: kept exact by
    database triggers on every change of an activity, a trajectory's municipality or person, or a
    candidate's date of birth (PostgreSQL; migration 0008), so that report aggregates per
    municipality and quarter read a few thousand rows instead of joining every activity. Never
    written by the application."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    candidate = models.ForeignKey(
        Candidate, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    activities = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    units = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # activities that started before the person turned 27
    under_27 = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("activities per person and quarter")
        verbose_name_plural = _("activities per person and quarter")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "municipality", "candidate"],
                name="activity_quarter_one_row",
            )
        ]
