"""The shapes of a municipality's agreement and its budgets."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.agreements.models import AgreementStatus, PriceUnit
from werkbedrijf.organisations.api.serializers import OrganisationRefSerializer

from .catalogues import PointClassSerializer
from .fields import money


class MunicipalAgreementFilterSerializer(serializers.Serializer):
    agreement = serializers.UUIDField(required=False, help_text="Alleen deze DVO-versie.")
    municipality = serializers.UUIDField(required=False, help_text="Alleen deze gemeente.")


class MunicipalAgreementSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    agreement = serializers.UUIDField(source="agreement.uuid", read_only=True)
    agreementTitle = serializers.CharField(source="agreement.title", read_only=True)
    agreementStatus = serializers.ChoiceField(
        source="agreement.status", choices=AgreementStatus.choices, read_only=True
    )
    municipality = OrganisationRefSerializer(read_only=True)
    article = serializers.CharField(read_only=True)
    aim = serializers.CharField(read_only=True)
    signedOn = serializers.DateField(source="signed_on", read_only=True, allow_null=True)
    signedBy = serializers.CharField(source="signed_by", read_only=True)


class BudgetSerializer(serializers.Serializer):
    """What a municipality may spend on local choices in a year. ``effectiveAmount`` is what the
    budget check uses, in the card's price unit; null when the documents do not say."""

    uuid = serializers.UUIDField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    amount = money(allow_null=True)
    sharePercentage = money(source="share_percentage", allow_null=True)
    baseName = serializers.CharField(source="base_name", read_only=True)
    baseAmount = money(source="base_amount", allow_null=True)
    legacyObligations = money(source="legacy_obligations", allow_null=True)
    points = money(allow_null=True)
    pointClass = PointClassSerializer(source="point_class", read_only=True, allow_null=True)
    priceUnit = serializers.SerializerMethodField()
    effectiveAmount = serializers.SerializerMethodField()
    note = serializers.CharField(read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=PriceUnit.choices))
    def get_priceUnit(self, budget) -> str:
        return self.context["price_unit"]

    @extend_schema_field(money(allow_null=True))
    def get_effectiveAmount(self, budget):
        value = self.context["effective_amount"](budget)
        return None if value is None else f"{value:.2f}"
