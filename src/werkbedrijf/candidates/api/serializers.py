"""The shape of the candidate API: English camelCase names, UUIDs only, the BSN masked except in
the detail of a candidate. Input serializers check types; the rules live in the services."""

from decimal import Decimal

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates import policies, selectors
from werkbedrijf.candidates.imports import RowStatus
from werkbedrijf.candidates.models import (
    ActivityKind,
    ActivityStatus,
    DiagnosisKind,
    DutchLevel,
    EmploymentForm,
    InstrumentKind,
    IntakeTheme,
    Phase,
    SanctionSignal,
)
from werkbedrijf.employers.models import SectorGroup

# The codes of policies.focus_groups (a test keeps the two in step).
FOCUS_GROUPS = ("under_27", "over_55", "refugee", "work_limitation", "new_in_assistance")

MAX_PAGE_SIZE = 100


# --- references ----------------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class StaffRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class EmployerRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class FocusGroupsMixin(serializers.Serializer):
    focusGroups = serializers.SerializerMethodField(
        help_text="Doelgroepen van art. 2, afgeleid uit de gegevens (nooit ingevoerd)."
    )

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(FOCUS_GROUPS)))
    def get_focusGroups(self, candidate):  # noqa: N802 (the API's camelCase name)
        return selectors.focus_groups_of(candidate)


# --- candidates ----------------------------------------------------------------------------------


class CandidateSummarySerializer(FocusGroupsMixin):
    uuid = serializers.UUIDField(read_only=True)
    fullName = serializers.CharField(source="full_name", read_only=True)
    maskedBsn = serializers.CharField(source="masked_bsn", read_only=True)


class TrajectorySummarySerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)
    phase = serializers.ChoiceField(Phase.choices, read_only=True)
    phaseSince = serializers.DateField(source="phase_since", read_only=True)
    referredOn = serializers.DateField(source="referred_on", read_only=True)
    closedOn = serializers.DateField(source="closed_on", read_only=True, allow_null=True)


class CaseloadRowSerializer(TrajectorySummarySerializer):
    candidate = CandidateSummarySerializer(read_only=True)
    businessConsultant = StaffRefSerializer(
        source="business_consultant", read_only=True, allow_null=True
    )
    contactPerson = serializers.CharField(
        source="contact_username",
        read_only=True,
        allow_null=True,
        help_text="Gebruikersnaam van het vaste aanspreekpunt.",
    )


class ReturnRowSerializer(CaseloadRowSerializer):
    returnReason = serializers.CharField(source="return_reason", read_only=True)
    returnWarmHandover = serializers.BooleanField(source="return_warm_handover", read_only=True)


class CaseloadPageSerializer(serializers.Serializer):
    results = CaseloadRowSerializer(many=True)
    next = serializers.URLField(allow_null=True, help_text="De volgende pagina, of null.")


class ReturnsPageSerializer(serializers.Serializer):
    results = ReturnRowSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class ContactPersonSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(read_only=True)

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class ContactAssignmentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    contact = ContactPersonSerializer(read_only=True)
    since = serializers.DateTimeField(read_only=True)
    until = serializers.DateTimeField(read_only=True, allow_null=True)
    handoverNote = serializers.CharField(source="handover_note", read_only=True)
    recordedBy = StaffRefSerializer(source="recorded_by", read_only=True, allow_null=True)


class DigitalAssessmentSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    language = serializers.CharField(max_length=50)
    completedOn = serializers.DateField(source="completed_on")
    education = serializers.CharField(required=False, allow_blank=True)
    workExperience = serializers.CharField(
        source="work_experience", required=False, allow_blank=True
    )
    dutchLevel = serializers.CharField(
        source="dutch_level", max_length=10, required=False, allow_blank=True
    )
    englishLevel = serializers.CharField(
        source="english_level", max_length=10, required=False, allow_blank=True
    )
    competences = serializers.CharField(required=False, allow_blank=True)
    health = serializers.CharField(
        required=False, allow_blank=True, help_text="Gezondheid zoals de kandidaat die vertelt."
    )


class PersonFieldsSerializer(InputSerializer):
    """The person's own data, for the referral (in) and the detail (out)."""

    initials = serializers.CharField(max_length=20, required=False, allow_blank=True)
    firstName = serializers.CharField(source="first_name", max_length=100)
    namePrefix = serializers.CharField(
        source="name_prefix", max_length=20, required=False, allow_blank=True
    )
    lastName = serializers.CharField(source="last_name", max_length=150)
    dateOfBirth = serializers.DateField(source="date_of_birth")
    street = serializers.CharField(max_length=200, required=False, allow_blank=True)
    houseNumber = serializers.IntegerField(
        source="house_number", min_value=1, required=False, allow_null=True
    )
    houseNumberSuffix = serializers.CharField(
        source="house_number_suffix", max_length=10, required=False, allow_blank=True
    )
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    languages = serializers.CharField(max_length=300, required=False, allow_blank=True)
    dutchLevel = serializers.ChoiceField(
        DutchLevel.choices, source="dutch_level", required=False, allow_blank=True
    )
    education = serializers.CharField(max_length=300, required=False, allow_blank=True)
    workExperience = serializers.CharField(
        source="work_experience", required=False, allow_blank=True
    )
    sectorWishes = serializers.ListField(
        child=serializers.ChoiceField(SectorGroup.choices), source="sector_wishes", required=False
    )
    hoursPerWeek = serializers.IntegerField(
        source="hours_per_week", min_value=0, max_value=168, required=False, allow_null=True
    )
    hoursPerDay = serializers.IntegerField(
        source="hours_per_day", min_value=0, max_value=24, required=False, allow_null=True
    )
    availableDays = serializers.ListField(
        child=serializers.CharField(max_length=20), source="available_days", required=False
    )
    functionalLimitations = serializers.CharField(
        source="functional_limitations",
        required=False,
        allow_blank=True,
        help_text="Wat de kandidaat zelf aangeeft niet te kunnen. Nooit een diagnose.",
    )
    certificates = serializers.CharField(max_length=300, required=False, allow_blank=True)
    drivingLicence = serializers.CharField(
        source="driving_licence", max_length=30, required=False, allow_blank=True
    )
    benefitStartDate = serializers.DateField(
        source="benefit_start_date", required=False, allow_null=True
    )
    jobAgreementRegister = serializers.BooleanField(source="job_agreement_register", required=False)
    refugee = serializers.BooleanField(required=False, help_text="Statushouder.")
    singleParentChildUnder5 = serializers.BooleanField(
        source="single_parent_child_under_5", required=False
    )


class ReferralInputSerializer(PersonFieldsSerializer):
    bsn = serializers.CharField(
        max_length=20, help_text="Negen cijfers; wordt gecontroleerd met de 11-proef."
    )
    municipality = serializers.UUIDField(help_text="De verwijzende gemeente (organisatie-uuid).")
    referredOn = serializers.DateField(source="referred_on", required=False)
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="Reden van verwijzing."
    )
    warmHandover = serializers.BooleanField(source="warm_handover", required=False, default=False)


class CandidateDetailSerializer(FocusGroupsMixin, PersonFieldsSerializer):
    """Everything about one candidate the user may see, the BSN in full."""

    uuid = serializers.UUIDField(read_only=True)
    bsn = serializers.CharField(read_only=True)
    maskedBsn = serializers.CharField(source="masked_bsn", read_only=True)
    fullName = serializers.CharField(source="full_name", read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)
    synthetic = serializers.BooleanField(read_only=True)
    contactPerson = serializers.SerializerMethodField()
    contactHistory = serializers.SerializerMethodField()
    trajectories = serializers.SerializerMethodField()
    assessments = serializers.SerializerMethodField()

    def _contacts(self, candidate):
        if not hasattr(candidate, "_api_contacts"):
            candidate._api_contacts = list(
                candidate.contacts.select_related("contact__organisation", "recorded_by")
            )
        return candidate._api_contacts

    @extend_schema_field(ContactAssignmentSerializer(allow_null=True))
    def get_contactPerson(self, candidate):  # noqa: N802
        current = [c for c in self._contacts(candidate) if c.until is None]
        return ContactAssignmentSerializer(current[0]).data if current else None

    @extend_schema_field(ContactAssignmentSerializer(many=True))
    def get_contactHistory(self, candidate):  # noqa: N802
        return ContactAssignmentSerializer(self._contacts(candidate), many=True).data

    @extend_schema_field(TrajectorySummarySerializer(many=True))
    def get_trajectories(self, candidate):
        trajectories = candidate.trajectories.select_related("municipality").order_by(
            "-referred_on", "-id"
        )
        return TrajectorySummarySerializer(trajectories, many=True).data

    @extend_schema_field(DigitalAssessmentSerializer(many=True))
    def get_assessments(self, candidate):
        return DigitalAssessmentSerializer(
            candidate.assessments.order_by("completed_on", "id"), many=True
        ).data


class BsnSearchSerializer(InputSerializer):
    bsn = serializers.CharField(max_length=20)


class CaseloadQuerySerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Begin van voor- of achternaam."
    )
    bsnPart = serializers.RegexField(
        r"^[0-9]{1,4}$",
        required=False,
        allow_blank=True,
        max_length=4,
        help_text="Hoogstens vier cijfers van het BSN. Zoek op een volledig BSN met "
        "POST /candidates/search-by-bsn.",
        error_messages={"invalid": "Geef hoogstens vier cijfers van het BSN."},
    )
    phase = serializers.ChoiceField(Phase.choices, required=False)
    focusGroup = serializers.ChoiceField(FOCUS_GROUPS, required=False)
    consultant = serializers.UUIDField(
        required=False,
        help_text="Consulent bedrijfsdienstverlening of vast aanspreekpunt (medewerker-uuid).",
    )
    municipality = serializers.UUIDField(required=False)
    activeOnly = serializers.BooleanField(required=False, default=True)
    cursor = serializers.UUIDField(required=False, help_text="Uit de `next`-link.")
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )


class ReturnsQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField(required=False)
    cursor = serializers.UUIDField(required=False)
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )


class ContactPersonInputSerializer(InputSerializer):
    contact = serializers.UUIDField(help_text="De nieuwe contactpersoon (medewerker-uuid).")
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- the journey ---------------------------------------------------------------------------------


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


class SanctionSignalSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    facts = serializers.CharField(allow_blank=True)
    advice = serializers.CharField(allow_blank=True)
    signalledOn = serializers.DateField(source="signalled_on", required=False)
    signalledBy = StaffRefSerializer(source="signalled_by", read_only=True)
    decision = serializers.ChoiceField(
        [("", "")] + list(SanctionSignal.Decision.choices), read_only=True
    )
    decisionReasons = serializers.CharField(source="decision_reasons", read_only=True)
    decidedOn = serializers.DateField(source="decided_on", read_only=True, allow_null=True)
    decidedBy = StaffRefSerializer(source="decided_by", read_only=True, allow_null=True)


class SanctionDecisionInputSerializer(InputSerializer):
    decision = serializers.ChoiceField(SanctionSignal.Decision.choices)
    reasons = serializers.CharField(allow_blank=True)
    decidedOn = serializers.DateField(source="decided_on", required=False)


class ThreeWayTalkSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    plannedOn = serializers.DateField(source="planned_on")
    incomeParticipant = serializers.UUIDField(
        source="income_participant.uuid",
        required=False,
        allow_null=True,
        help_text="Deelnemer van Inkomen (medewerker-uuid).",
    )
    werkbedrijfParticipant = serializers.UUIDField(
        source="werkbedrijf_participant.uuid",
        required=False,
        allow_null=True,
        help_text="Deelnemer van WerkBedrijf (medewerker-uuid).",
    )
    heldOn = serializers.DateField(source="held_on", read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True)


class TalkOutcomeInputSerializer(InputSerializer):
    heldOn = serializers.DateField(source="held_on")
    outcome = serializers.CharField(allow_blank=True)


class FurtherDiagnosisSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(DiagnosisKind.choices, read_only=True)
    practicalDiagnosis = serializers.BooleanField(source="practical_diagnosis", read_only=True)
    start = serializers.DateField(read_only=True)
    plannedEnd = serializers.DateField(source="planned_end", read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True)


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
        from django.db.models import prefetch_related_objects

        # The timeline reads these relations with .all(); prefetching them keeps it N+1 free.
        prefetch_related_objects(
            [trajectory],
            "activities__charged_to",
            "instruments",
            "signals__signalled_by",
            "signals__decided_by",
            "talks__income_participant",
            "talks__werkbedrijf_participant",
            "diagnoses",
        )
        return TimelineEventSerializer(selectors.timeline(trajectory), many=True).data


# --- employers -----------------------------------------------------------------------------------


class EmployerSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=200)
    kvkNumber = serializers.CharField(
        source="kvk_number", max_length=20, help_text="Acht cijfers (KvK-nummer)."
    )
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, source="sector_group")
    street = serializers.CharField(max_length=200, required=False, allow_blank=True)
    houseNumber = serializers.CharField(
        source="house_number", max_length=10, required=False, allow_blank=True
    )
    postcode = serializers.CharField(max_length=6, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contactName = serializers.CharField(
        source="contact_name", max_length=200, required=False, allow_blank=True
    )
    contactPhone = serializers.CharField(
        source="contact_phone", max_length=30, required=False, allow_blank=True
    )
    contactEmail = serializers.EmailField(source="contact_email", required=False, allow_blank=True)


class EmployerQuerySerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, required=False)
    cursor = serializers.UUIDField(required=False)
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )


class EmployerPageSerializer(serializers.Serializer):
    results = EmployerSerializer(many=True)
    next = serializers.URLField(allow_null=True)


# --- realisation of local choices ----------------------------------------------------------------


class RealisationQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class BoughtServiceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="service.uuid", read_only=True)
    code = serializers.CharField(source="service.code", read_only=True)
    name = serializers.CharField(source="service.name", read_only=True)
    unit = serializers.CharField(source="service.quantity_label", read_only=True)


class RealisationRowSerializer(serializers.Serializer):
    localChoice = serializers.UUIDField(source="choice.uuid", read_only=True)
    service = BoughtServiceSerializer(source="choice", read_only=True)
    bought = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text="Gekochte eenheden, naar rato voor 2024.",
    )
    delivered = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    inProgress = serializers.DecimalField(
        source="in_progress", max_digits=12, decimal_places=2, read_only=True
    )
    forecast = serializers.DecimalField(
        max_digits=12,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text="Verwachting voor het jaar in het huidige tempo; null voor het jaar begint.",
    )


class RealisationSerializer(serializers.Serializer):
    municipality = OrganisationRefSerializer()
    year = serializers.IntegerField()
    services = RealisationRowSerializer(many=True)


# --- upload --------------------------------------------------------------------------------------


class ReferralUploadInputSerializer(InputSerializer):
    file = serializers.FileField(help_text="CSV (; of ,) of XLSX met één verwijzing per rij.")
    municipality = serializers.UUIDField(help_text="De verwijzende gemeente (organisatie-uuid).")


class UploadRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        source="number", read_only=True, help_text="Het rijnummer zoals een spreadsheet het toont."
    )
    status = serializers.ChoiceField(RowStatus.choices, read_only=True)
    name = serializers.CharField(read_only=True)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text="Meldingen per kolom (de kolomnaam van het bestand, of `row` voor de hele rij).",
    )
    trajectory = serializers.UUIDField(source="trajectory_uuid", read_only=True, allow_null=True)


class UploadReportSerializer(serializers.Serializer):
    """What happened to each row of an uploaded file. Never a BSN."""

    filename = serializers.CharField(read_only=True)
    fileFormat = serializers.ChoiceField(
        [("csv", "CSV"), ("xlsx", "XLSX")], source="file_format", read_only=True
    )
    created = serializers.IntegerField(read_only=True)
    alreadyReferred = serializers.IntegerField(source="already_referred", read_only=True)
    notStored = serializers.IntegerField(source="errors", read_only=True)
    empty = serializers.IntegerField(read_only=True)
    rows = UploadRowSerializer(many=True, read_only=True)
