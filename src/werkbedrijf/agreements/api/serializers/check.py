"""The shapes of the budget check, its findings and accepted deviations."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.agreements import policies
from werkbedrijf.agreements.models import PriceUnit
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.organisations.api.serializers import OrganisationRefSerializer

from .fields import money

FINDING_KINDS = [(kind.value, kind.value) for kind in policies.Kind]
FINDING_SEVERITIES = [(severity.value, severity.value) for severity in policies.Severity]


class FindingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FINDING_KINDS)
    severity = serializers.ChoiceField(
        choices=FINDING_SEVERITIES,
        help_text="`error`: niet toegestaan; `acceptance`: moet vóór vaststelling met reden "
        "worden geaccepteerd; `info`: ter informatie.",
    )
    message = serializers.CharField()
    key = serializers.CharField(
        help_text="Identificeert de bevinding met haar bedragen; gebruik als `findingKey`."
    )
    choice = serializers.UUIDField(
        allow_null=True, help_text="De keuze (regel) waarover de bevinding gaat."
    )
    expected = money(allow_null=True)
    actual = money(allow_null=True)
    difference = money(allow_null=True)
    accepted = serializers.BooleanField()


class CheckSerializer(serializers.Serializer):
    municipalAgreement = serializers.UUIDField()
    municipality = OrganisationRefSerializer()
    year = serializers.IntegerField()
    priceUnit = serializers.ChoiceField(choices=PriceUnit.choices)
    budget = money(allow_null=True)
    total = money(help_text="De som van de bekende afgesproken bedragen.")
    totalAtCardValue = money(
        help_text="Het totaal met de kaartprijs voor keuzes zonder afgesproken bedrag."
    )
    difference = money(
        allow_null=True, help_text="Totaal min budget; positief is een overschrijding."
    )
    overBudget = serializers.BooleanField()
    openDeviations = serializers.IntegerField(
        help_text="Bevindingen die nog geaccepteerd moeten worden vóór vaststelling."
    )
    findings = FindingSerializer(many=True)

    @staticmethod
    def from_report(report) -> dict:
        check = report.check
        municipal_agreement = report.municipal_agreement
        return {
            "municipalAgreement": municipal_agreement.uuid,
            "municipality": municipal_agreement.municipality,
            "year": check.year,
            "priceUnit": report.price_unit,
            "budget": check.budget,
            "total": check.total,
            "totalAtCardValue": check.total_at_card_value,
            "difference": check.difference,
            "overBudget": check.over_budget,
            "openDeviations": len(report.unaccepted),
            "findings": [
                {
                    "kind": finding.kind.value,
                    "severity": finding.severity.value,
                    "message": finding.message,
                    "key": finding.key,
                    "choice": finding.line_key or None,
                    "expected": finding.expected,
                    "actual": finding.actual,
                    "difference": finding.difference,
                    "accepted": finding.key in report.accepted,
                }
                for finding in check.findings
            ],
        }


class DeviationAcceptanceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    findingKey = serializers.CharField(source="finding_key", read_only=True)
    reason = serializers.CharField(read_only=True)
    acceptedAt = serializers.DateTimeField(source="accepted_at", read_only=True)


class DeviationAcceptanceInputSerializer(InputSerializer):
    year = serializers.IntegerField()
    findingKey = serializers.CharField(
        max_length=200, help_text="De `key` van een bevinding uit de budgetcontrole."
    )
    reason = serializers.CharField(help_text="Waarom de afwijking is geaccepteerd.")
