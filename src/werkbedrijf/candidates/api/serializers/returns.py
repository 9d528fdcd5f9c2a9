"""Returns to the municipality (terugmeldingen) in the API."""

from rest_framework import serializers

from werkbedrijf.api.base import MAX_PAGE_SIZE
from werkbedrijf.candidates import selectors

from .candidates import CaseloadRowSerializer


class ReturnRowSerializer(CaseloadRowSerializer):
    returnReason = serializers.CharField(source="return_reason", read_only=True)
    returnWarmHandover = serializers.BooleanField(source="return_warm_handover", read_only=True)


class ReturnsPageSerializer(serializers.Serializer):
    results = ReturnRowSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class ReturnsQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField(required=False)
    cursor = serializers.UUIDField(required=False)
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )
