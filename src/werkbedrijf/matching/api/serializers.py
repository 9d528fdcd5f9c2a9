"""The shape of the matching API: English camelCase names, UUIDs and catalogue codes only."""

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates.models import DutchLevel, EmploymentForm, Weekday
from werkbedrijf.employers.models import SectorGroup

from ..models import (
    CompetenceSource,
    DrivingLicence,
    PhysicalDemand,
    ProposalStatus,
    Shift,
    Transport,
    VacancyStatus,
)


def _choices(choices, **kwargs):
    return serializers.ListField(
        child=serializers.ChoiceField(choices), required=False, max_length=20, **kwargs
    )


CODE_PATTERN = r"^[A-Za-z0-9._-]{1,100}$"  # a code of the catalogue


def _code(**kwargs):
    return serializers.RegexField(CODE_PATTERN, max_length=100, **kwargs)


def _codes(**kwargs):
    return serializers.ListField(child=_code(), required=False, max_length=50, **kwargs)


class CompetenceSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    sectorGroup = serializers.CharField(source="sector_group", read_only=True)
    escoUri = serializers.CharField(source="esco_uri", read_only=True)


class CompetenceQuerySerializer(serializers.Serializer):
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, required=False)


class CompetenceListSerializer(serializers.Serializer):
    results = CompetenceSerializer(many=True)


class VacancySerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    employer = serializers.UUIDField(source="employer.uuid", help_text="UUID van de werkgever.")
    title = serializers.CharField(max_length=200)
    occupation = _code(source="occupation.code", help_text="Code van een beroep uit de catalogus.")
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, source="sector_group")
    postcode = serializers.CharField(max_length=7, help_text="Postcode van de werkplek.")
    hoursPerWeek = serializers.IntegerField(source="hours_per_week", min_value=0, max_value=168)
    days = _choices(Weekday.choices)
    shifts = _choices(Shift.choices)
    startDate = serializers.DateField(source="start_date")
    employmentForms = _choices(EmploymentForm.choices, source="employment_forms", min_length=1)
    drivingLicence = serializers.ChoiceField(
        DrivingLicence.choices, source="driving_licence", required=False, allow_blank=True
    )
    certificates = _codes()
    dutchLevel = serializers.ChoiceField(
        DutchLevel.choices, source="dutch_level", required=False, allow_blank=True
    )
    physicalDemands = _choices(PhysicalDemand.choices, source="physical_demands")
    competencesRequired = _codes(source="competences_must")
    competencesDesired = _codes(source="competences_nice")
    jobAgreementSuitable = serializers.BooleanField(
        source="job_agreement_suitable", required=False, default=False
    )
    places = serializers.IntegerField(min_value=0, max_value=999, required=False, default=1)
    status = serializers.ChoiceField(VacancyStatus.choices, read_only=True)
    statusSince = serializers.DateField(source="status_since", read_only=True)


class VacancyStatusInputSerializer(InputSerializer):
    status = serializers.ChoiceField(
        VacancyStatus.choices,
        help_text="De nieuwe status. Open naar aangehouden, vervuld of ingetrokken; aangehouden "
        "naar open, vervuld of ingetrokken; vervuld weer naar open; ingetrokken blijft ingetrokken.",
    )


class VacancyQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(VacancyStatus.choices, required=False, default="open")
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, required=False)


class VacancyListSerializer(serializers.Serializer):
    results = VacancySerializer(many=True)


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.IntegerField(help_text="Gewicht in procenten van het totaal.")
    score = serializers.FloatField(help_text="0-100.")
    evidence = serializers.CharField(help_text="Onderbouwing in het Nederlands.")


class MatchSerializer(serializers.Serializer):
    total = serializers.FloatField(help_text="Gewogen totaal, 0-100.")
    categories = CategorySerializer(many=True)


class CandidateMatchSerializer(serializers.Serializer):
    candidate = serializers.UUIDField(source="candidate.uuid")
    name = serializers.CharField(source="candidate.full_name")
    match = MatchSerializer()


class HintSerializer(serializers.Serializer):
    key = serializers.CharField()
    count = serializers.IntegerField()
    message = serializers.CharField()


class ShortlistSerializer(serializers.Serializer):
    considered = serializers.IntegerField()
    results = CandidateMatchSerializer(many=True, source="rows")
    hints = HintSerializer(many=True)


class VacancyMatchSerializer(serializers.Serializer):
    vacancy = serializers.UUIDField(source="vacancy.uuid")
    title = serializers.CharField(source="vacancy.title")
    employer = serializers.CharField(source="vacancy.employer.name")
    match = MatchSerializer()


class VacancyMatchListSerializer(serializers.Serializer):
    results = VacancyMatchSerializer(many=True)


class ProfileCompetenceSerializer(serializers.Serializer):
    code = _code()
    source = serializers.ChoiceField(CompetenceSource.choices)
    level = serializers.IntegerField(min_value=1, max_value=4)


class WorkProfileSerializer(InputSerializer):
    uuid = serializers.UUIDField(
        read_only=True, allow_null=True, help_text="Leeg zolang er geen profiel is."
    )
    sectorWishes = _choices(SectorGroup.choices, source="sector_wishes")
    occupationWishes = _codes(source="occupation_wishes")
    competences = ProfileCompetenceSerializer(many=True, required=False)
    experienceYears = serializers.IntegerField(
        source="experience_years", min_value=0, max_value=60, required=False, allow_null=True
    )
    experience = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    hoursPerWeek = serializers.IntegerField(
        source="hours_per_week", min_value=0, max_value=168, required=False, allow_null=True
    )
    days = _choices(Weekday.choices)
    shifts = _choices(Shift.choices)
    maxTravelKm = serializers.IntegerField(
        source="max_travel_km", min_value=0, max_value=10_000, required=False, allow_null=True
    )
    transport = _choices(Transport.choices)
    drivingLicences = _choices(DrivingLicence.choices, source="driving_licences")
    dutchLevel = serializers.ChoiceField(
        DutchLevel.choices, source="dutch_level", required=False, allow_blank=True
    )
    limitations = _choices(PhysicalDemand.choices)
    availableFrom = serializers.DateField(source="available_from", required=False, allow_null=True)
    completeness = serializers.IntegerField(read_only=True)
    missing = serializers.ListField(child=serializers.CharField(), read_only=True)


class ProposalInputSerializer(InputSerializer):
    vacancy = serializers.UUIDField()
    candidate = serializers.UUIDField()
    reason = serializers.CharField(max_length=2000)


class ProposalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    vacancy = serializers.UUIDField(source="vacancy.uuid")
    candidate = serializers.UUIDField(source="candidate.uuid")
    status = serializers.ChoiceField(ProposalStatus.choices)
    reason = serializers.CharField()
    score = serializers.DecimalField(max_digits=5, decimal_places=1)
    candidateView = serializers.CharField(source="candidate_view")
    candidateAgrees = serializers.BooleanField(source="candidate_agrees", allow_null=True)
    proposedOn = serializers.DateField(source="proposed_on")
    introducedOn = serializers.DateField(source="introduced_on", allow_null=True)
    decidedOn = serializers.DateField(source="decided_on", allow_null=True)
    outcomeReason = serializers.CharField(source="outcome_reason")
    placement = serializers.UUIDField(source="placement.uuid", allow_null=True, default=None)


class DecisionInputSerializer(InputSerializer):
    step = serializers.ChoiceField(["view", "introduce", "rejected", "trial", "hired"])
    view = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    agrees = serializers.BooleanField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    form = serializers.ChoiceField(EmploymentForm.choices, required=False, allow_blank=True)
    start = serializers.DateField(required=False, allow_null=True)
    plannedEnd = serializers.DateField(source="planned_end", required=False, allow_null=True)


class CertificateObtainedSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    certificate = _code(
        source="certificate.code",
        help_text="De code van een certificaat uit de catalogus (soort certificate).",
    )
    certificateName = serializers.CharField(source="certificate.label", read_only=True)
    obtainedOn = serializers.DateField(
        source="obtained_on", help_text="Niet in de toekomst en niet voor de aanmelding."
    )
    activity = serializers.UUIDField(
        source="activity.uuid",
        required=False,
        allow_null=True,
        help_text="De scholing (activiteit) van dit traject waaruit het certificaat kwam.",
    )
    instrument = serializers.UUIDField(
        source="instrument.uuid",
        required=False,
        allow_null=True,
        help_text="Of het instrument van dit traject; niet allebei.",
    )


class CertificateObtainedListSerializer(serializers.Serializer):
    results = CertificateObtainedSerializer(many=True, read_only=True)
