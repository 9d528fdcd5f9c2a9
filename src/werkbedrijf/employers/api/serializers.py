"""The shape of the employers API: English camelCase names, UUIDs only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.api.base import MAX_PAGE_SIZE
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates.api.serializers.common import StaffRefSerializer
from werkbedrijf.organisations.api.serializers import OrganisationRefSerializer

from .. import selectors
from ..models import (
    ContactKind,
    EventKind,
    EventStatus,
    SectorGroup,
    SizeClass,
    WishKind,
    WishStatus,
)


class EmployerRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


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
    sizeClass = serializers.SerializerMethodField(help_text="Grootteklasse; null: onbekend.")
    accountManager = serializers.UUIDField(
        source="account_manager.uuid",
        read_only=True,
        allow_null=True,
        help_text="De consulent bedrijfsdienstverlening die accountmanager is.",
    )

    @extend_schema_field(serializers.ChoiceField(SizeClass.choices, allow_null=True))
    def get_sizeClass(self, employer) -> str | None:  # noqa: N802 (the API's camelCase name)
        return employer.size_class or None


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


class EmployerProfileSerializer(InputSerializer):
    sizeClass = serializers.ChoiceField(
        SizeClass.choices, source="size_class", required=False, allow_blank=True
    )
    accountManager = serializers.UUIDField(
        source="account_manager",
        required=False,
        allow_null=True,
        help_text="UUID van een consulent van WerkBedrijf; null: geen accountmanager.",
    )


# --- locations -----------------------------------------------------------------------------------


class LocationInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    street = serializers.CharField(max_length=200)
    houseNumber = serializers.CharField(source="house_number", max_length=10)
    postcode = serializers.CharField(max_length=7, help_text="Bijvoorbeeld 6511 PP.")
    city = serializers.CharField(max_length=100)
    municipality = serializers.UUIDField(help_text="UUID van de gemeente.")


class LocationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)
    street = serializers.CharField(read_only=True)
    houseNumber = serializers.CharField(source="house_number", read_only=True)
    postcode = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)


class LocationListSerializer(serializers.Serializer):
    results = LocationSerializer(many=True)


# --- contact moments ----------------------------------------------------------------------------


class ContactInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(ContactKind.choices)
    contactOn = serializers.DateField(source="contact_on")
    subject = serializers.CharField(max_length=5000, help_text="Waarover het contact ging.")
    contactPerson = serializers.CharField(
        source="contact_person",
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Met wie (persoonsgegeven van de contactpersoon).",
    )
    followUpOn = serializers.DateField(source="follow_up_on", required=False, allow_null=True)
    municipality = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Waar het contact telt; zonder: de gemeente van de locatie.",
    )
    location = serializers.UUIDField(required=False, allow_null=True)


class ContactSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(ContactKind.choices, read_only=True)
    contactOn = serializers.DateField(source="contact_on", read_only=True)
    contactPerson = serializers.CharField(source="contact_person", read_only=True)
    subject = serializers.CharField(read_only=True)
    followUpOn = serializers.DateField(source="follow_up_on", read_only=True, allow_null=True)
    consultant = StaffRefSerializer(read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)
    location = serializers.UUIDField(source="location.uuid", read_only=True, allow_null=True)


class ContactListSerializer(serializers.Serializer):
    results = ContactSerializer(many=True)


# --- wishes --------------------------------------------------------------------------------------


class WishInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(WishKind.choices)
    description = serializers.CharField(max_length=5000)
    places = serializers.IntegerField(min_value=1, max_value=999, required=False, default=1)
    status = serializers.ChoiceField(WishStatus.choices, required=False, default=WishStatus.OPEN)


class WishStatusInputSerializer(InputSerializer):
    status = serializers.ChoiceField(WishStatus.choices)


class WishSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    employer = serializers.UUIDField(source="employer.uuid", read_only=True)
    kind = serializers.ChoiceField(WishKind.choices, read_only=True)
    description = serializers.CharField(read_only=True)
    places = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(WishStatus.choices, read_only=True)
    recordedOn = serializers.DateField(source="recorded_on", read_only=True)
    statusChangedOn = serializers.DateField(source="status_changed_on", read_only=True)


class WishListSerializer(serializers.Serializer):
    results = WishSerializer(many=True)


# --- events --------------------------------------------------------------------------------------


class EventInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(EventKind.choices)
    title = serializers.CharField(max_length=200)
    heldOn = serializers.DateField(source="held_on")
    place = serializers.CharField(max_length=200)
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Verplicht: een event telt voor één gemeente."
    )
    status = serializers.ChoiceField(
        EventStatus.choices, required=False, default=EventStatus.PLANNED
    )
    employers = serializers.ListField(
        child=serializers.UUIDField(), required=False, max_length=200, default=list
    )
    candidates = serializers.ListField(
        child=serializers.UUIDField(), required=False, max_length=500, default=list
    )


class EventUpdateSerializer(InputSerializer):
    status = serializers.ChoiceField(EventStatus.choices)
    employers = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=200,
        default=list,
        help_text="Werkgevers die (ook) deelnemen.",
    )
    candidates = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=500,
        default=list,
        help_text="Kandidaten die (ook) deelnemen.",
    )


class EventSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(EventKind.choices, read_only=True)
    title = serializers.CharField(read_only=True)
    heldOn = serializers.DateField(source="held_on", read_only=True)
    place = serializers.CharField(read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)
    status = serializers.ChoiceField(EventStatus.choices, read_only=True)
    employerCount = serializers.IntegerField(source="employer_count", read_only=True)
    candidateCount = serializers.IntegerField(source="candidate_count", read_only=True)


class EventDetailSerializer(EventSerializer):
    employers = EmployerRefSerializer(many=True, read_only=True)
    candidates = serializers.ListField(
        child=serializers.UUIDField(),
        read_only=True,
        help_text="De deelnemende kandidaten die u mag zien (UUID's).",
    )


class EventListSerializer(serializers.Serializer):
    results = EventSerializer(many=True)


class EventQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


# --- reach ---------------------------------------------------------------------------------------


class ReachQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    municipality = serializers.UUIDField(
        required=False, help_text="Zonder: de hele regio (alleen WerkBedrijf en de MGR)."
    )


class ReachRowSerializer(serializers.Serializer):
    sectorGroup = serializers.ChoiceField(SectorGroup.choices, source="sector_group")
    employersReached = serializers.IntegerField(
        source="employers_reached", help_text="Unieke werkgevers met minstens één contact."
    )
    contacts = serializers.IntegerField()
    employersRegistered = serializers.IntegerField(source="employers_registered")


class ReachSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    municipality = OrganisationRefSerializer(allow_null=True)
    sectorGroups = ReachRowSerializer(source="rows", many=True)
    employersReached = serializers.IntegerField(source="employers_reached")
    contacts = serializers.IntegerField()
    employersRegistered = serializers.IntegerField(source="employers_registered")
