"""Vacancies, the competence catalogue, candidates' work profiles, the PC4 coordinate table and the
proposals a consultant makes from a match.

Codes of the catalogue (occupations, competences, certificates) are stored as codes in JSON lists
on a vacancy and a work profile: the catalogue is reference data whose codes never change meaning,
and one row per vacancy or profile is what the matching reads in bulk. The services check every
code against the catalogue before anything is written.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    Instrument,
    Placement,
    Trajectory,
    Weekday,
)
from werkbedrijf.employers.models import Employer, SectorGroup

POSTCODE_PATTERN = r"^[1-9][0-9]{3}([A-Z]{2})?$"
MAX_TRAVEL_KM = 100
MAX_HOURS_PER_WEEK = 60


class CatalogueKind(models.TextChoices):
    SKILL = "skill", _("Competence")
    CERTIFICATE = "certificate", _("Certificate")


class Occupation(models.Model):
    """An occupation of the catalogue, with its ESCO concept where known."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    label = models.CharField(_("name"), max_length=200)
    esco_uri = models.CharField(_("ESCO concept"), max_length=200, blank=True)
    isco_group = models.CharField(_("ISCO-08 unit group"), max_length=10, blank=True)
    sector_group = models.CharField(
        _("sector group"), max_length=30, choices=SectorGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["label"]

    def __str__(self):
        return self.label


class Competence(models.Model):
    """A competence (skill) or certificate of the catalogue; a blank sector group is general."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    label = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CatalogueKind.choices, default=CatalogueKind.SKILL
    )
    esco_uri = models.CharField(_("ESCO concept"), max_length=200, blank=True)
    sector_group = models.CharField(
        _("sector group"), max_length=30, choices=SectorGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["label"]

    def __str__(self):
        return self.label


class PostcodeArea(models.Model):
    """A four-digit postcode (PC4) and the approximate coordinates of its centre."""

    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, primary_key=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        constraints = [
            models.CheckConstraint(
                name="pc4_four_digits", condition=Q(pc4__regex=r"^[1-9][0-9]{3}$")
            )
        ]


class PhysicalDemand(models.TextChoices):
    """What work asks of the body. A vacancy names those it asks; a work profile names those the
    candidate declares they cannot meet (a limitation, never a diagnosis)."""

    HEAVY_LIFTING = "heavy_lifting", _("Heavy lifting (more than 15 kg)")
    LONG_STANDING = "long_standing", _("Standing for long periods")
    BENDING_KNEELING = "bending_kneeling", _("Bending and kneeling")
    WALKING = "walking", _("Walking a lot")
    OUTDOOR = "outdoor", _("Working outdoors in all weather")
    NOISE = "noise", _("Working in noise")
    WORK_PACE = "work_pace", _("High work pace")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class DrivingLicence(models.TextChoices):
    AM = "AM", "AM"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C = "C", "C"
    CE = "CE", "CE"
    D = "D", "D"


class Transport(models.TextChoices):
    WALKING = "walking", _("On foot")
    BICYCLE = "bicycle", _("Bicycle")
    MOPED = "moped", _("Moped or e-bike")
    PUBLIC_TRANSPORT = "public_transport", _("Public transport")
    CAR = "car", _("Car")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_HOLD = "on_hold", _("On hold")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Vacancy(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="vacancies")
    postcode = models.CharField(_("postcode of the work location"), max_length=6)
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("occupation")
    )
    sector_group = models.CharField(_("sector group"), max_length=30, choices=SectorGroup.choices)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    days = models.JSONField(_("days"), default=list, blank=True)
    shifts = models.JSONField(_("shifts"), default=list, blank=True)
    start_date = models.DateField(_("start date"))
    employment_forms = models.JSONField(_("employment forms offered"), default=list)
    driving_licence = models.CharField(
        _("driving licence required"), max_length=2, choices=DrivingLicence.choices, blank=True
    )
    certificates = models.JSONField(_("certificates required"), default=list, blank=True)
    dutch_level = models.CharField(_("Dutch level required"), max_length=10, blank=True)
    physical_demands = models.JSONField(_("physical demands"), default=list, blank=True)
    competences_must = models.JSONField(_("competences required"), default=list, blank=True)
    competences_nice = models.JSONField(_("competences desired"), default=list, blank=True)
    job_agreement_suitable = models.BooleanField(
        _("suitable for the job-agreement register"), default=False
    )
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    status_since = models.DateField(_("status since"))
    created_on = models.DateField(_("entered on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    synthetic = models.BooleanField(default=False)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [models.Index(fields=["status", "sector_group", "id"])]
        constraints = [
            models.CheckConstraint(
                name="vacancy_hours_sane",
                condition=Q(hours_per_week__gt=0) & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
            ),
            models.CheckConstraint(name="vacancy_places_positive", condition=Q(places__gt=0)),
            models.CheckConstraint(
                name="vacancy_postcode_format", condition=Q(postcode__regex=POSTCODE_PATTERN)
            ),
            models.CheckConstraint(name="vacancy_has_title", condition=~Q(title="")),
        ]

    def __str__(self):
        return self.title


class WorkProfile(models.Model):
    """What a candidate can and wants: filled during intake and diagnosis. Functional limitations
    are limits on physical demands, never diagnoses."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="work_profile"
    )
    sector_wishes = models.JSONField(_("sector groups wished"), default=list, blank=True)
    occupation_wishes = models.JSONField(_("occupations wished"), default=list, blank=True)
    # [{"code": ..., "source": CompetenceSource, "level": 1-4}]
    competences = models.JSONField(_("competences"), default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        _("years of work experience"), null=True, blank=True
    )
    experience = models.TextField(_("work experience"), blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week available"), null=True, blank=True
    )
    days = models.JSONField(_("days available"), default=list, blank=True)
    shifts = models.JSONField(_("shifts available"), default=list, blank=True)
    max_travel_km = models.PositiveSmallIntegerField(
        _("maximum travel distance (km)"), null=True, blank=True
    )
    transport = models.JSONField(_("means of transport"), default=list, blank=True)
    driving_licences = models.JSONField(_("driving licences"), default=list, blank=True)
    dutch_level = models.CharField(_("Dutch level"), max_length=10, blank=True)
    limitations = models.JSONField(
        _("physical demands the candidate cannot meet"), default=list, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("work profile")
        verbose_name_plural = _("work profiles")
        constraints = [
            models.CheckConstraint(
                name="profile_travel_sane",
                condition=Q(max_travel_km__isnull=True) | Q(max_travel_km__lte=MAX_TRAVEL_KM),
            ),
            models.CheckConstraint(
                name="profile_hours_sane",
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
            ),
        ]

    def data_subject_uuid(self):
        return self.candidate.uuid


class CompetenceSource(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PRACTICAL_DIAGNOSIS = "practical_diagnosis", _("Praktijkdiagnose")
    TRAINING = "training", _("Training")
    CERTIFICATE = "certificate", _("Certificate")


class ObtainedCertificate(models.Model):
    """A certificate of the catalogue a candidate obtained during a trajectory, with the day and,
    where known, the training (activity) or instrument it came from: what a candidate achieves in
    their development besides outflow to work (startnotitie), dated so it can be counted per
    period. Recorded by a consultant; it also enters the work profile with source certificate."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="certificates_obtained"
    )
    certificate = models.ForeignKey(
        Competence,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": CatalogueKind.CERTIFICATE},
        verbose_name=_("certificate"),
    )
    obtained_on = models.DateField(_("obtained on"))
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training or activity"),
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instrument"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate obtained")
        verbose_name_plural = _("certificates obtained")
        ordering = ["obtained_on", "id"]
        indexes = [
            models.Index(fields=["obtained_on"]),
            models.Index(fields=["trajectory", "obtained_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "certificate", "obtained_on"],
                name="one_certificate_per_trajectory_and_day",
            ),
            models.CheckConstraint(
                name="certificate_from_one_source",
                condition=Q(activity__isnull=True) | Q(instrument__isnull=True),
            ),
        ]

    def data_subject_uuid(self):
        return self.trajectory.candidate.uuid


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INTRODUCED = "introduced", _("Introduced to the employer")
    REJECTED = "rejected", _("Rejected")
    TRIAL = "trial", _("Trial place")
    HIRED = "hired", _("Hired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_PROPOSAL_STATUSES = (ProposalStatus.PROPOSED, ProposalStatus.INTRODUCED, ProposalStatus.TRIAL)


class Proposal(models.Model):
    """A consultant proposes a candidate for a vacancy; the candidate's view, the introduction and
    the outcome are recorded by people. The system never contacts anybody itself."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="proposals")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="proposals")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    reason = models.TextField(_("reason for the proposal"))
    score = models.DecimalField(_("score at the proposal"), max_digits=5, decimal_places=1)
    candidate_view = models.TextField(_("the candidate's view"), blank=True)
    candidate_agrees = models.BooleanField(_("the candidate agrees"), null=True, blank=True)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    introduced_on = models.DateField(_("introduced on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_reason = models.TextField(_("reason"), blank=True)
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["status", "proposed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "candidate"],
                condition=Q(status__in=["proposed", "introduced", "trial"]),
                name="one_open_proposal_per_vacancy_and_candidate",
            ),
            models.CheckConstraint(name="proposal_has_reason", condition=~Q(reason="")),
            models.CheckConstraint(
                name="rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(outcome_reason=""),
            ),
            models.CheckConstraint(
                name="hire_has_placement",
                condition=~Q(status="hired") | Q(placement__isnull=False),
            ),
        ]

    def data_subject_uuid(self):
        return self.candidate.uuid


# The value lists whose members are bits of MatchableCandidate's masks, bit i for the i-th value;
# migration 0003 writes the same lists into its trigger function (a test holds them equal).
DAY_BITS = tuple(Weekday.values)
SHIFT_BITS = tuple(Shift.values)
DEMAND_BITS = tuple(PhysicalDemand.values)


class MatchableCandidate(models.Model):
    """One row per trajectory in the main route without a placement that has not ended, whose
    candidate has a work profile with hours and a travel distance: everyone the hard constraints
    of the journey, the hours and the distance let through for some vacancy, with only the columns
    the other hard constraints and the scores read. Days, shifts and limitations are bit masks
    (DAY_BITS, SHIFT_BITS, DEMAND_BITS; a value outside those lists is no bit), the Dutch level its
    rank in policies.DUTCH_ORDER (-1 unknown), the lists of codes JSON lists.

    Kept exact by database triggers on every change of a work profile, a trajectory, a candidate's
    postcode or refugee status and a placement (PostgreSQL; migration 0003), so that a match list
    reads some 85,000 rows of about 100 bytes at national size instead of every work profile with
    its trajectory and candidate. Never written by the application; empty on SQLite, where the
    match lists use their definitions."""

    trajectory = models.OneToOneField(
        Trajectory,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    candidate_uuid = models.UUIDField()
    pc4 = models.CharField(max_length=4)
    refugee = models.BooleanField()
    hours_per_week = models.PositiveSmallIntegerField()
    max_travel_km = models.PositiveSmallIntegerField()
    days = models.PositiveSmallIntegerField()
    shifts = models.PositiveSmallIntegerField()
    limitations = models.PositiveSmallIntegerField()
    dutch_rank = models.SmallIntegerField()
    experience_years = models.PositiveSmallIntegerField()
    available_from = models.DateField(null=True)
    driving_licences = models.JSONField(default=list)
    competences = models.JSONField(default=list)  # the codes only
    occupation_wishes = models.JSONField(default=list)
    sector_wishes = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["pc4", "max_travel_km"])]


class MatchableVacancy(models.Model):
    """One row per open vacancy that offers an employment form: the columns the hard constraints
    and the scores of the vacancies for a candidate read. Days, shifts and physical demands are
    bit masks as in MatchableCandidate; ``exact`` is false when the vacancy asks a value outside
    those lists (no form lets one through), and then those three are asked of the vacancy itself.
    The Dutch level asked is its rank in policies.DUTCH_ORDER (-1 none asked; 127 a level outside
    the list, which nobody has); ``refugee_only`` when only a taalstage or oriëntatietraject is
    offered; the lists of competences without duplicates, with their lengths.

    Kept exact by database triggers on every change of a vacancy and of an occupation's code
    (PostgreSQL; migration 0004), so that the vacancies for a candidate are one scan of some
    50,000 narrow rows at national size with the hard constraints as bit tests. Never written by
    the application; empty on SQLite, where the match lists use their definitions."""

    vacancy = models.OneToOneField(
        Vacancy,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    pc4 = models.CharField(max_length=4)
    hours_per_week = models.PositiveSmallIntegerField()
    exact = models.BooleanField()
    days = models.PositiveSmallIntegerField()
    shifts = models.PositiveSmallIntegerField()
    demands = models.PositiveSmallIntegerField()
    dutch_rank = models.SmallIntegerField()
    driving_licence = models.CharField(max_length=2)
    certificates = models.JSONField(default=list)
    refugee_only = models.BooleanField()
    start_date = models.DateField()
    occupation = models.CharField(max_length=100)  # the code
    sector_group = models.CharField(max_length=30)
    competences_must = models.JSONField(default=list)
    competences_nice = models.JSONField(default=list)
    must_count = models.PositiveSmallIntegerField()
    nice_count = models.PositiveSmallIntegerField()

    class Meta:
        # The few (in practice no) vacancies asking a value outside the lists of the bits.
        indexes = [
            models.Index(
                fields=["vacancy"], condition=Q(exact=False), name="matchable_vacancy_inexact"
            )
        ]
