"""The realisation of local choices in the API: totals only, no personal data."""

from rest_framework import serializers

from .common import OrganisationRefSerializer


class RealisationQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class BoughtServiceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="service.uuid", read_only=True)
    code = serializers.CharField(source="service.code", read_only=True)
    name = serializers.CharField(source="service.name", read_only=True)
    unit = serializers.CharField(source="service.quantity_label", read_only=True)


class MarketWorkSerializer(serializers.Serializer):
    contacts = serializers.IntegerField(
        read_only=True, help_text="Contactmomenten met werkgevers in de gemeente in het jaar."
    )
    eventsHeld = serializers.IntegerField(source="events_held", read_only=True)
    eventsPlanned = serializers.IntegerField(source="events_planned", read_only=True)


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
    carriedOverFrom = serializers.IntegerField(
        source="carried_over_from",
        read_only=True,
        allow_null=True,
        help_text="Het jaar waaruit deze keuze is voortgezet omdat de DVO stilzwijgend is "
        "verlengd (art. 16.1); null wanneer een vastgestelde DVO dit jaar dekt.",
    )
    marketWork = MarketWorkSerializer(
        source="market",
        read_only=True,
        allow_null=True,
        help_text="Alleen bij events en lokale marktbewerking (20 contacten of 1 event per "
        "eenheid): de contacten en events die de geleverde eenheden vormen; anders null.",
    )


class RealisationSerializer(serializers.Serializer):
    municipality = OrganisationRefSerializer()
    year = serializers.IntegerField()
    services = RealisationRowSerializer(many=True)
