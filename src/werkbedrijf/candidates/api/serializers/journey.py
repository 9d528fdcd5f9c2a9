"""The journey in the API: a trajectory with its timeline, and the records added to it."""

from decimal import Decimal

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates import policies, selectors
from werkbedrijf.candidates.models import (
    ActivityKind,
    ActivityStatus,
    DiagnosisKind,
    EmploymentForm,
    InstrumentKind,
    IntakeTheme,
    LadderMoment,
    Phase,
)
from werkbedrijf.employers.models import SectorGroup

from .candidates import CandidateSummarySerializer, TrajectorySummarySerializer
from .common import StaffRefSerializer
from .income import SanctionSignalSerializer, ThreeWayTalkSerializer


class JourneyStepSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    fromPhase = serializers.ChoiceField(
        [("", "")] + list(Phase.choices), source="from_phase", read_only=True
    )
    toPhase = serializers.ChoiceField(Phase.choices, source="to_phase", read_only=True)
    occurredOn = serializers.DateField(source="occurred_on", read_only=True)
    reason = serializers.CharField(read_only=True)
    recordedBy = StaffRefSerializer(source="recorded_by", read_only=True, allow_null=True)


class IntakeNoteSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    theme = serializers.ChoiceField(IntakeTheme.choices)
    text = serializers.CharField(allow_blank=True)
    writtenOn = serializers.DateField(source="written_on", required=False)
    author = StaffRefSerializer(read_only=True, allow_null=True)


class LadderStepSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    moment = serializers.ChoiceField(LadderMoment.choices)
    step = serializers.IntegerField(help_text="De trede op de participatieladder, 1 tot en met 6.")
    recordedOn = serializers.DateField(source="recorded_on", required=False)


class ActivitySerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(ActivityKind.choices)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    start = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(ActivityStatus.choices, read_only=True)
    chargeTo = serializers.UUIDField(
        source="charged_to.uuid",
        required=False,
        allow_null=True,
        help_text="De lokale keuze (uuid) waarvan de eenheden worden afgeboekt.",
    )
    units = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        default=Decimal("1"),
    )


class ActivityStatusInputSerializer(InputSerializer):
    status = serializers.ChoiceField(ActivityStatus.choices)
    end = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Einddatum; bij afgerond of gestopt zonder einddatum: de geplande einddatum "
        "of vandaag.",
    )


class ActivityCreatedSerializer(ActivitySerializer):
    warning = serializers.SerializerMethodField(
        help_text="Waarschuwing wanneer de gekochte eenheden opraken, anders null."
    )

    def get_warning(self, activity) -> str | None:
        return self.context.get("warning")


class PlacementSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    employer = serializers.UUIDField(source="employer.uuid", help_text="Werkgever (uuid).")
    employerName = serializers.CharField(source="employer.name", read_only=True)
    form = serializers.ChoiceField(EmploymentForm.choices)
    start = serializers.DateField()
    plannedEnd = serializers.DateField(source="planned_end", required=False, allow_null=True)
    actualEnd = serializers.DateField(source="actual_end", read_only=True, allow_null=True)
    hoursPerWeek = serializers.DecimalField(source="hours_per_week", max_digits=4, decimal_places=1)
    withBbl = serializers.BooleanField(source="with_bbl", required=False, default=False)
    extended = serializers.BooleanField(required=False, default=False)
    employmentContract = serializers.BooleanField(
        source="employment_contract", required=False, default=False
    )
    wageValueMeasurement = serializers.BooleanField(
        source="wage_value_measurement", required=False, default=False
    )
    jobAgreementIndication = serializers.BooleanField(
        source="job_agreement_indication", read_only=True
    )


class InstrumentSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(InstrumentKind.choices)
    start = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True, default=None)
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="Bedrag in euro's incl. btw.",
    )
    distanceKm = serializers.DecimalField(
        source="distance_km", max_digits=6, decimal_places=1, required=False, allow_null=True
    )
    wageValue = serializers.DecimalField(
        source="wage_value",
        max_digits=4,
        decimal_places=1,
        required=False,
        allow_null=True,
        help_text="Loonwaarde in procenten (meer dan 0, hoogstens 100); alleen bij loonkostensubsidie.",
    )
    jobAgreementIndication = serializers.BooleanField(
        source="job_agreement_indication", required=False, default=False
    )
    trainingObstacleStatement = serializers.BooleanField(
        source="training_obstacle_statement", required=False, default=False
    )
    mentalHealthTreatment = serializers.BooleanField(
        source="mental_health_treatment", required=False, default=False
    )
    uwvShelteredIndication = serializers.BooleanField(
        source="uwv_sheltered_indication", required=False, default=False
    )
    bbl = serializers.BooleanField(required=False, default=False)
    srgCategory = serializers.CharField(source="srg_category", read_only=True)


class FurtherDiagnosisSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(DiagnosisKind.choices, read_only=True)
    practicalDiagnosis = serializers.BooleanField(source="practical_diagnosis", read_only=True)
    start = serializers.DateField(read_only=True)
    plannedEnd = serializers.DateField(source="planned_end", read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True)


class FurtherDiagnosisInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(
        DiagnosisKind.choices, help_text="Waar de vervolgdiagnose over gaat."
    )
    practicalDiagnosis = serializers.BooleanField(
        source="practical_diagnosis",
        required=False,
        default=False,
        help_text="Praktijkdiagnose: ongeveer 14 weken op locatie.",
    )
    start = serializers.DateField()
    plannedEnd = serializers.DateField(
        source="planned_end",
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg bij een praktijkdiagnose: 14 weken na de start.",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Waarom een vervolgdiagnose."
    )


class StepInputSerializer(InputSerializer):
    target = serializers.ChoiceField(Phase.choices, help_text="De fase waarnaar de stap gaat.")
    occurredOn = serializers.DateField(source="occurred_on", required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    sectorGroup = serializers.ChoiceField(
        SectorGroup.choices, source="sector_group", required=False, allow_blank=True, default=""
    )
    businessConsultant = serializers.UUIDField(
        source="business_consultant",
        required=False,
        allow_null=True,
        help_text="Consulent bedrijfsdienstverlening (medewerker-uuid).",
    )
    aftercare = serializers.BooleanField(required=False, allow_null=True, default=None)
    warmHandover = serializers.BooleanField(source="warm_handover", required=False, default=False)
    placement = PlacementSerializer(
        required=False,
        help_text="Alleen bij de stap naar 'Aan het werk' van een traject zonder plaatsing: de "
        "plaatsing die de stap nodig heeft, vastgelegd in dezelfde handeling (beide of geen van "
        "beide).",
    )


TIMELINE_SERIALIZERS = {
    "step": JourneyStepSerializer,
    "note": IntakeNoteSerializer,
    "diagnosis": FurtherDiagnosisSerializer,
    "activity": ActivitySerializer,
    "placement": PlacementSerializer,
    "instrument": InstrumentSerializer,
    "signal": SanctionSignalSerializer,
    "talk": ThreeWayTalkSerializer,
}


class TimelineEventSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    kind = serializers.ChoiceField(list(TIMELINE_SERIALIZERS), read_only=True)
    item = serializers.SerializerMethodField(help_text="Het gebeurde; de vorm volgt uit `kind`.")

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="TimelineItem",
            serializers=list(TIMELINE_SERIALIZERS.values()),
            resource_type_field_name=None,
        )
    )
    def get_item(self, event):
        return TIMELINE_SERIALIZERS[event["kind"]](event["object"]).data


class TrajectoryDetailSerializer(TrajectorySummarySerializer):
    candidate = CandidateSummarySerializer(read_only=True)
    version = serializers.IntegerField(
        source="lock_version", read_only=True, help_text="Ook als ETag; stuur mee in If-Match."
    )
    allowedSteps = serializers.SerializerMethodField()
    channel = serializers.CharField(read_only=True)
    referralNote = serializers.CharField(source="referral_note", read_only=True)
    warmHandover = serializers.BooleanField(source="warm_handover", read_only=True)
    sectorGroup = serializers.ChoiceField(
        [("", "")] + list(SectorGroup.choices), source="sector_group", read_only=True
    )
    businessConsultant = StaffRefSerializer(
        source="business_consultant", read_only=True, allow_null=True
    )
    aftercare = serializers.BooleanField(read_only=True)
    searchPeriodStart = serializers.DateField(
        source="search_period_start", read_only=True, allow_null=True
    )
    searchPeriodEnd = serializers.SerializerMethodField(
        help_text="Einde van de zoektermijn van vier weken voor jongeren, of null."
    )
    returnReason = serializers.CharField(source="return_reason", read_only=True)
    returnWarmHandover = serializers.BooleanField(source="return_warm_handover", read_only=True)
    timeline = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Phase.choices)))
    def get_allowedSteps(self, trajectory):  # noqa: N802
        return sorted(policies.allowed_steps(trajectory.phase))

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_searchPeriodEnd(self, trajectory):  # noqa: N802
        start = trajectory.search_period_start
        return policies.search_period_end(start).isoformat() if start else None

    @extend_schema_field(TimelineEventSerializer(many=True))
    def get_timeline(self, trajectory):
        # selectors.timeline reads each kind of record once, with the people it names.
        return TimelineEventSerializer(selectors.timeline(trajectory), many=True).data
