"""The shapes of an organisation in the API, on its own and as a reference from other resources."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from werkbedrijf.organisations.models import OrganisationKind


@extend_schema_serializer(component_name="OrganisationSummary")
class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)
    cbsCode = serializers.CharField(source="cbs_code", read_only=True, allow_null=True)


@extend_schema_serializer(component_name="Organisation")
class OrganisationSerializer(OrganisationRefSerializer):
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, read_only=True)
    region = serializers.CharField(source="region.name", read_only=True)
