"""The shapes of the keuzekaart: its services, prices, point classes and terms."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.agreements.models import PriceUnit, UnitKind
from werkbedrijf.organisations.api.serializers import OrganisationRefSerializer

from .fields import money


class PointClassSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    euroValue = money(source="euro_value", allow_null=True)
    approximate = serializers.BooleanField(read_only=True)


class CatalogueServiceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    unitKind = serializers.ChoiceField(source="unit_kind", choices=UnitKind.choices, read_only=True)
    unitLabel = serializers.CharField(source="unit_label", read_only=True)
    quantityLabel = serializers.CharField(source="quantity_label", read_only=True)
    bundleSize = money(
        source="bundle_size", help_text="Het aantal eenheden waarvoor `price` geldt."
    )
    price = money(
        allow_null=True,
        help_text="Prijs per bundel in de prijseenheid van de kaart; null als het document geen "
        "prijs noemt.",
    )
    allowsFractions = serializers.BooleanField(source="allows_fractions", read_only=True)
    minimumQuantity = money(source="minimum_quantity", allow_null=True)
    maximumQuantity = money(source="maximum_quantity", allow_null=True)
    maximumPrice = money(source="maximum_price", allow_null=True)
    availableFromYear = serializers.IntegerField(
        source="available_from_year", read_only=True, allow_null=True
    )
    availableUntilYear = serializers.IntegerField(
        source="available_until_year", read_only=True, allow_null=True
    )
    availableYears = serializers.SerializerMethodField()
    printedOptions = serializers.ListField(
        source="printed_options", child=serializers.CharField(), read_only=True
    )

    def get_availableYears(self, service) -> list[int]:
        years = service.catalogue.agreement.years
        return [year for year in years if service.is_available_in(year)]


class CatalogueSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    agreement = serializers.UUIDField(source="agreement.uuid", read_only=True)
    agreementTitle = serializers.CharField(source="agreement.title", read_only=True)
    priceUnit = serializers.ChoiceField(
        source="price_unit", choices=PriceUnit.choices, read_only=True
    )
    maxServices = serializers.IntegerField(source="max_services", read_only=True, allow_null=True)
    notes = serializers.CharField(read_only=True)
    pointClasses = PointClassSerializer(source="point_classes", many=True, read_only=True)
    reducedMinimumMunicipalities = OrganisationRefSerializer(
        source="reduced_minimum_municipalities", many=True, read_only=True
    )
    services = CatalogueServiceSerializer(many=True, read_only=True)
