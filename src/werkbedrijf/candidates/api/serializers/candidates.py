"""Candidates in the API: the caseload, one candidate with the full BSN, the contact person."""

from datetime import datetime

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.api.base import MAX_PAGE_SIZE, represent_many
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates import selectors
from werkbedrijf.candidates.models import BenefitType, DutchLevel, FocusGroup, Phase
from werkbedrijf.employers.models import SectorGroup

from .common import FocusGroupsMixin, OrganisationRefSerializer, StaffRefSerializer


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
        source="contact_name",
        read_only=True,
        allow_null=True,
        help_text="Naam van het vaste aanspreekpunt (de gebruikersnaam als er geen naam is).",
    )


def caseload_rows(rows) -> list[dict]:
    """What ``CaseloadRowSerializer`` answers for a page of ``selectors.caseload_values``, built
    as plain dicts: the caseload is the API's hottest read, and model instances and DRF's field
    machinery (a lookup and a representation per field, 17 fields a row) cost more CPU than the
    query. The serializer stays the declaration in the OpenAPI document;
    test_caseload_rows_answer_what_the_serializer_declares holds the two equal."""
    today = timezone.localdate()
    answer = []
    for row in rows:
        name = (row["candidate__first_name"], row["candidate__name_prefix"])
        consultant = row["business_consultant__uuid"]
        answer.append(
            {
                "uuid": str(row["uuid"]),
                "municipality": {
                    "uuid": str(row["municipality__uuid"]),
                    "name": row["municipality__name"],
                },
                "phase": row["phase"],
                "phaseSince": _iso(row["phase_since"]),
                "referredOn": _iso(row["referred_on"]),
                "closedOn": _iso(row["closed_on"]),
                "candidate": {
                    "focusGroups": selectors.focus_groups_of_row(row, today),
                    "uuid": str(row["candidate__uuid"]),
                    "fullName": " ".join(p for p in (*name, row["candidate__last_name"]) if p),
                    "maskedBsn": "*****" + row["bsn_tail"],
                },
                "businessConsultant": None
                if consultant is None
                else {
                    "uuid": str(consultant),
                    "name": _full_name(row) or row["business_consultant__username"],
                },
                "contactPerson": row["contact_name"],
            }
        )
    return answer


def _full_name(row) -> str:
    """User.get_full_name of the row's business consultant."""
    first, last = row["business_consultant__first_name"], row["business_consultant__last_name"]
    return f"{first} {last}".strip()


def _iso(day):
    return None if day is None else day.isoformat()


class CaseloadPageSerializer(serializers.Serializer):
    results = CaseloadRowSerializer(many=True)
    next = serializers.URLField(allow_null=True, help_text="De volgende pagina, of null.")


class ContactPersonSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.SerializerMethodField()
    organisation = OrganisationRefSerializer(read_only=True)

    def get_name(self, user) -> str:
        return user.display_name


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
    benefitType = serializers.ChoiceField(
        BenefitType.choices,
        source="benefit_type",
        required=False,
        allow_blank=True,
        help_text="Soort uitkering voor de CBS-statistiek (DVO art. 12.4); leeg: nog niet bekend.",
    )
    jobAgreementRegister = serializers.BooleanField(source="job_agreement_register", required=False)
    refugee = serializers.BooleanField(required=False, help_text="Statushouder.")
    singleParentChildUnder5 = serializers.BooleanField(
        source="single_parent_child_under_5", required=False
    )


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

    def _contacts(self, candidate) -> list[dict]:
        """The contact history, read and represented once for both fields that show it."""
        if not hasattr(candidate, "_api_contacts"):
            read = getattr(candidate, "detail_rows", None)
            candidate._api_contacts = (
                contact_rows(read["contacts"])
                if read is not None
                else represent_many(
                    ContactAssignmentSerializer,
                    candidate.contacts.select_related("contact__organisation", "recorded_by"),
                )
            )
        return candidate._api_contacts

    @extend_schema_field(ContactAssignmentSerializer(allow_null=True))
    def get_contactPerson(self, candidate):  # noqa: N802
        current = [c for c in self._contacts(candidate) if c["until"] is None]
        return current[0] if current else None

    @extend_schema_field(ContactAssignmentSerializer(many=True))
    def get_contactHistory(self, candidate):  # noqa: N802
        return self._contacts(candidate)

    @extend_schema_field(TrajectorySummarySerializer(many=True))
    def get_trajectories(self, candidate):
        read = getattr(candidate, "detail_rows", None)
        if read is not None:
            return trajectory_rows(read["trajectories"])
        trajectories = candidate.trajectories.select_related("municipality").order_by(
            "-referred_on", "-id"
        )
        return represent_many(TrajectorySummarySerializer, trajectories)

    @extend_schema_field(DigitalAssessmentSerializer(many=True))
    def get_assessments(self, candidate):
        read = getattr(candidate, "detail_rows", None)
        if read is not None:
            return assessment_rows(read["assessments"])
        return represent_many(
            DigitalAssessmentSerializer, candidate.assessments.order_by("completed_on", "id")
        )


# What the serializers above answer for the lists of selectors.candidate_detail (JSON built by
# PostgreSQL: UUIDs and dates already text), as plain dicts in the serializers' field order;
# test_the_candidate_detail_answers_what_the_serializer_declares holds the two equal.

_DATETIME = serializers.DateTimeField()  # the API's times: in Europe/Amsterdam, ISO 8601


def _time(value: str | None) -> str | None:
    return None if value is None else _DATETIME.to_representation(datetime.fromisoformat(value))


def _staff(uuid, first_name, last_name, username) -> dict | None:
    """StaffRefSerializer: the name as User.display_name gives it."""
    if uuid is None:
        return None
    return {"uuid": uuid, "name": f"{first_name} {last_name}".strip() or username}


def contact_rows(rows: list[dict]) -> list[dict]:
    answer = []
    for r in rows:
        contact = _staff(
            r["contact_uuid"],
            r["contact_first_name"],
            r["contact_last_name"],
            r["contact_username"],
        )
        contact["organisation"] = (
            None
            if r["organisation_uuid"] is None
            else {"uuid": r["organisation_uuid"], "name": r["organisation_name"]}
        )
        answer.append(
            {
                "uuid": r["uuid"],
                "contact": contact,
                "since": _time(r["since"]),
                "until": _time(r["until"]),
                "handoverNote": r["handover_note"],
                "recordedBy": _staff(
                    r["recorded_by_uuid"],
                    r["recorded_by_first_name"],
                    r["recorded_by_last_name"],
                    r["recorded_by_username"],
                ),
            }
        )
    return answer


def trajectory_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "uuid": r["uuid"],
            "municipality": {"uuid": r["municipality_uuid"], "name": r["municipality_name"]},
            "phase": r["phase"],
            "phaseSince": r["phase_since"],
            "referredOn": r["referred_on"],
            "closedOn": r["closed_on"],
        }
        for r in rows
    ]


def assessment_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "uuid": r["uuid"],
            "language": r["language"],
            "completedOn": r["completed_on"],
            "education": r["education"],
            "workExperience": r["work_experience"],
            "dutchLevel": r["dutch_level"],
            "englishLevel": r["english_level"],
            "competences": r["competences"],
            "health": r["health"],
        }
        for r in rows
    ]


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
    focusGroup = serializers.ChoiceField(FocusGroup.values, required=False)
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


class ContactPersonInputSerializer(InputSerializer):
    contact = serializers.UUIDField(help_text="De nieuwe contactpersoon (medewerker-uuid).")
    note = serializers.CharField(required=False, allow_blank=True, default="")
