"""The shape of the employers API: English camelCase names, UUIDs only."""

from rest_framework import serializers

from werkbedrijf.api.base import MAX_PAGE_SIZE
from werkbedrijf.api.inputs import InputSerializer

from .. import selectors
from ..models import SectorGroup


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
