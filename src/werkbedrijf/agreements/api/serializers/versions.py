"""The shapes of a new DVO version, a service of its card and a budget, as entered."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.agreements.models import UnitKind
from werkbedrijf.api.inputs import DecimalInputField, InputSerializer


class AgreementInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=200, help_text="Bijv. `DVO 2028-2029`.")
    citationTitle = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    periodStart = serializers.DateField()
    periodEnd = serializers.DateField()
    municipalities = serializers.ListField(
        child=serializers.UUIDField(),
        max_length=50,
        help_text="De gemeenten die partij zijn (uuid's van organisaties).",
    )
    copyFrom = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="De DVO-versie waarvan de keuzekaart wordt gekopieerd; zonder: een lege kaart.",
    )
    budgetRule = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    standardSteps = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Ook de standaardstappen van de cyclus plannen, met termijnen uit de looptijd "
        "(zie `createStandardCycleSteps`).",
    )


class CatalogueServiceInputSerializer(InputSerializer):
    """What a DVO administrator changes of a service on a card not yet adopted. Fields left out
    keep their value."""

    price = DecimalInputField(help_text="Prijs per bundel, groter dan 0.")
    unitKind = serializers.ChoiceField(choices=UnitKind.choices, required=False)
    unitLabel = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="De eenheid zoals gedrukt."
    )
    quantityLabel = serializers.CharField(max_length=100, required=False, allow_blank=True)
    availableFromYear = serializers.IntegerField(required=False, allow_null=True)
    availableUntilYear = serializers.IntegerField(required=False, allow_null=True)


class BudgetInputSerializer(InputSerializer):
    """A municipality's budget for local choices in one year: an amount, or a share of a base
    budget minus the legacy obligations."""

    amount = DecimalInputField()
    sharePercentage = DecimalInputField(help_text="Meer dan 0 en hoogstens 100.")
    baseName = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    baseAmount = DecimalInputField()
    legacyObligations = DecimalInputField()
    points = DecimalInputField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
