"""The shapes of the DVO API: camelCase names, UUIDs for identity, amounts as decimal strings.

Output serializers only read; input serializers check the shape of a request, and the services
check the rules (so the UI and the API refuse the same input with the same message).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.agreements import policies, selectors
from werkbedrijf.agreements.models import (
    AgreementStatus,
    OpinionKind,
    PriceUnit,
    UnitKind,
)
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.api.inputs import DecimalInputField, InputSerializer
from werkbedrijf.organisations.api.serializers import OrganisationRefSerializer

EFFECTIVE_STATUSES = [
    (AgreementStatus.DRAFT.value, "draft"),
    (AgreementStatus.OPINIONS_REQUESTED.value, "opinions requested"),
    (policies.NOT_YET_IN_FORCE, "adopted, not yet in force"),
    (policies.IN_FORCE, "in force"),
    (policies.EXPIRED, "expired"),
    (policies.TACITLY_EXTENDED, "tacitly extended (art. 16.1)"),
]


FINDING_KINDS = [(kind.value, kind.value) for kind in policies.Kind]
FINDING_SEVERITIES = [(severity.value, severity.value) for severity in policies.Severity]


def _money(**kwargs):
    return serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, **kwargs)


def _file_name(field_file) -> str:
    return field_file.name.rsplit("/", 1)[-1] if field_file else ""


# --- agreements ---------------------------------------------------------------------------------


class StatusChangeSerializer(serializers.Serializer):
    fromStatus = serializers.ChoiceField(
        source="from_status", choices=AgreementStatus.choices, read_only=True
    )
    toStatus = serializers.ChoiceField(
        source="to_status", choices=AgreementStatus.choices, read_only=True
    )
    decidedOn = serializers.DateField(source="decided_on", read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)
    changedAt = serializers.DateTimeField(source="changed_at", read_only=True)


class AgreementSerializer(serializers.Serializer):
    """A regional DVO version. ``effectiveStatus`` is where it stands today: in force, expired or
    tacitly extended follow from the dates (art. 16.1)."""

    uuid = serializers.UUIDField(read_only=True)
    title = serializers.CharField(read_only=True)
    citationTitle = serializers.CharField(source="citation_title", read_only=True)
    region = serializers.CharField(source="region.name", read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    effectiveStatus = serializers.SerializerMethodField()
    opinionDeadline = serializers.DateField(
        source="opinion_deadline", read_only=True, allow_null=True
    )
    adoptedOn = serializers.DateField(source="adopted_on", read_only=True, allow_null=True)
    renewalDeadline = serializers.DateField(
        source="renewal_deadline", read_only=True, allow_null=True
    )
    budgetRule = serializers.CharField(source="budget_rule", read_only=True)
    source = serializers.CharField(read_only=True)
    notes = serializers.CharField(read_only=True)
    statusHistory = StatusChangeSerializer(source="status_changes", many=True, read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=EFFECTIVE_STATUSES))
    def get_effectiveStatus(self, agreement) -> str:
        return selectors.effective_status(agreement)


class TransitionInputSerializer(InputSerializer):
    target = serializers.ChoiceField(
        choices=AgreementStatus.choices, help_text="De stap waarnaar de cyclus gaat."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    decidedOn = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Datum van het DB-besluit; verplicht bij `adopted`.",
    )
    opinionDeadline = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Termijn voor zienswijzen; verplicht bij `opinions_requested` als die nog "
        "niet is gezet.",
    )


# --- municipal agreements and budgets -----------------------------------------------------------


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


class PointClassSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    euroValue = _money(source="euro_value", allow_null=True)
    approximate = serializers.BooleanField(read_only=True)


class BudgetSerializer(serializers.Serializer):
    """What a municipality may spend on local choices in a year. ``effectiveAmount`` is what the
    budget check uses, in the card's price unit; null when the documents do not say."""

    uuid = serializers.UUIDField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    amount = _money(allow_null=True)
    sharePercentage = _money(source="share_percentage", allow_null=True)
    baseName = serializers.CharField(source="base_name", read_only=True)
    baseAmount = _money(source="base_amount", allow_null=True)
    legacyObligations = _money(source="legacy_obligations", allow_null=True)
    points = _money(allow_null=True)
    pointClass = PointClassSerializer(source="point_class", read_only=True, allow_null=True)
    priceUnit = serializers.SerializerMethodField()
    effectiveAmount = serializers.SerializerMethodField()
    note = serializers.CharField(read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=PriceUnit.choices))
    def get_priceUnit(self, budget) -> str:
        return self.context["price_unit"]

    @extend_schema_field(_money(allow_null=True))
    def get_effectiveAmount(self, budget):
        value = self.context["effective_amount"](budget)
        return None if value is None else f"{value:.2f}"


# --- the keuzekaart -----------------------------------------------------------------------------


class CatalogueServiceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    unitKind = serializers.ChoiceField(source="unit_kind", choices=UnitKind.choices, read_only=True)
    unitLabel = serializers.CharField(source="unit_label", read_only=True)
    quantityLabel = serializers.CharField(source="quantity_label", read_only=True)
    bundleSize = _money(
        source="bundle_size", help_text="Het aantal eenheden waarvoor `price` geldt."
    )
    price = _money(
        allow_null=True,
        help_text="Prijs per bundel in de prijseenheid van de kaart; null als het document geen "
        "prijs noemt.",
    )
    allowsFractions = serializers.BooleanField(source="allows_fractions", read_only=True)
    minimumQuantity = _money(source="minimum_quantity", allow_null=True)
    maximumQuantity = _money(source="maximum_quantity", allow_null=True)
    maximumPrice = _money(source="maximum_price", allow_null=True)
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


# --- local choices ------------------------------------------------------------------------------


class ServiceRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    unitLabel = serializers.CharField(source="unit_label", read_only=True)
    quantityLabel = serializers.CharField(source="quantity_label", read_only=True)


class ChoiceSerializer(serializers.Serializer):
    """One line of a municipality's local choices for a year."""

    uuid = serializers.UUIDField(read_only=True)
    municipalAgreement = serializers.UUIDField(source="municipal_agreement.uuid", read_only=True)
    year = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    service = ServiceRefSerializer(read_only=True, allow_null=True)
    customName = serializers.CharField(source="custom_name", read_only=True)
    customUnit = serializers.CharField(source="custom_unit", read_only=True)
    label = serializers.CharField(read_only=True)
    quantity = _money(allow_null=True)
    agreedAmount = _money(source="agreed_amount", allow_null=True)
    note = serializers.CharField(read_only=True)
    sourceText = serializers.CharField(source="source_text", read_only=True)
    validFrom = serializers.DateField(source="valid_from", read_only=True, allow_null=True)
    validUntil = serializers.DateField(source="valid_until", read_only=True, allow_null=True)
    introducedBy = serializers.UUIDField(
        source="introduced_by.uuid", read_only=True, allow_null=True
    )
    endedBy = serializers.UUIDField(source="ended_by.uuid", read_only=True, allow_null=True)
    version = serializers.IntegerField(
        source="lock_version",
        read_only=True,
        help_text='De versie; de ETag van GET /choices/{uuid} is deze waarde tussen aanhalingstekens, bijv. `"3"`.',
    )


class LineInputSerializer(InputSerializer):
    """A line as entered: a service from the card (``service``) with a quantity, or a named
    service that is not on the card (``customName``) with an agreed amount. Without
    ``agreedAmount`` a card service costs quantity × the card price."""

    service = serializers.UUIDField(required=False, allow_null=True, default=None)
    customName = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    customUnit = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    quantity = DecimalInputField()
    agreedAmount = DecimalInputField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    sourceText = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    @staticmethod
    def to_line(data: dict) -> LineInput:
        return LineInput(
            service=str(data["service"]) if data.get("service") else None,
            custom_name=data.get("customName", ""),
            custom_unit=data.get("customUnit", ""),
            quantity=data.get("quantity"),
            agreed_amount=data.get("agreedAmount"),
            note=data.get("note", ""),
            source_text=data.get("sourceText", ""),
        )

    @staticmethod
    def from_choice(choice) -> dict:
        """The stored line in input shape, so a PATCH changes only what it names."""
        return {
            "service": choice.service.uuid if choice.service_id else None,
            "customName": choice.custom_name,
            "customUnit": choice.custom_unit,
            "quantity": None if choice.quantity is None else f"{choice.quantity:f}",
            "agreedAmount": None if choice.agreed_amount is None else f"{choice.agreed_amount:f}",
            "note": choice.note,
            "sourceText": choice.source_text,
        }


class ChoiceInputSerializer(LineInputSerializer):
    year = serializers.IntegerField()


class YearChoicesInputSerializer(InputSerializer):
    """All choices of one year at once; the lines replace the year's choices, all or nothing."""

    year = serializers.IntegerField()
    lines = LineInputSerializer(many=True)


# --- the budget check ---------------------------------------------------------------------------


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
    expected = _money(allow_null=True)
    actual = _money(allow_null=True)
    difference = _money(allow_null=True)
    accepted = serializers.BooleanField()


class CheckSerializer(serializers.Serializer):
    municipalAgreement = serializers.UUIDField()
    municipality = OrganisationRefSerializer()
    year = serializers.IntegerField()
    priceUnit = serializers.ChoiceField(choices=PriceUnit.choices)
    budget = _money(allow_null=True)
    total = _money(help_text="De som van de bekende afgesproken bedragen.")
    totalAtCardValue = _money(
        help_text="Het totaal met de kaartprijs voor keuzes zonder afgesproken bedrag."
    )
    difference = _money(
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


# --- opinions and mid-term changes --------------------------------------------------------------


def validate_document(document):
    if document and document.size > settings.DOCUMENT_MAX_BYTES:
        raise serializers.ValidationError(
            _("A document can be at most %(mb)s MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="document_too_large",
        )
    return document


class OpinionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=OpinionKind.choices, read_only=True)
    text = serializers.CharField(read_only=True)
    receivedOn = serializers.DateField(source="received_on", read_only=True, allow_null=True)
    documentName = serializers.SerializerMethodField()
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)

    def get_documentName(self, opinion) -> str:
        return _file_name(opinion.document)


class OpinionInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=OpinionKind.choices)
    text = serializers.CharField()
    receivedOn = serializers.DateField(required=False, allow_null=True, default=None)
    document = serializers.FileField(
        required=False, allow_null=True, default=None, validators=[validate_document]
    )


@extend_schema_field(
    {
        "type": "string",
        "description": "De nieuwe keuzes van het jaar als JSON-lijst van regels, in dezelfde "
        "vorm als `lines` bij PUT /municipal-agreements/{uuid}/choices.",
        "example": '[{"service": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "quantity": "10"}]',
    }
)
class JsonLinesField(serializers.Field):
    """Lines in a multipart form, which cannot nest: a JSON list in one text field."""

    default_error_messages = {"invalid": _("Give the lines as a JSON list.")}

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, list):
            self.fail("invalid")
        lines = LineInputSerializer(data=data, many=True)
        if not lines.is_valid():
            raise serializers.ValidationError(lines.errors)
        return lines.validated_data

    def to_representation(self, value):
        return value


class ChoiceChangeSerializer(serializers.Serializer):
    """A mid-term change of one year's choices (art. 16.3), with both written consents."""

    uuid = serializers.UUIDField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    effectiveFrom = serializers.DateField(source="effective_from", read_only=True)
    reason = serializers.CharField(read_only=True)
    municipalityConsentOn = serializers.DateField(source="municipality_consent_on", read_only=True)
    municipalityConsentDocument = serializers.SerializerMethodField()
    boardConsentOn = serializers.DateField(source="board_consent_on", read_only=True)
    boardConsentDocument = serializers.SerializerMethodField()
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)
    introducedChoices = serializers.SerializerMethodField()
    endedChoices = serializers.SerializerMethodField()

    def get_municipalityConsentDocument(self, change) -> str:
        return _file_name(change.municipality_consent_document)

    def get_boardConsentDocument(self, change) -> str:
        return _file_name(change.board_consent_document)

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_introducedChoices(self, change):
        return [str(choice.uuid) for choice in change.introduced.all()]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_endedChoices(self, change):
        return [str(choice.uuid) for choice in change.ended.all()]


class ChoiceChangeInputSerializer(InputSerializer):
    year = serializers.IntegerField()
    effectiveFrom = serializers.DateField()
    reason = serializers.CharField()
    lines = JsonLinesField()
    municipalityConsentOn = serializers.DateField()
    municipalityConsentDocument = serializers.FileField(validators=[validate_document])
    boardConsentOn = serializers.DateField()
    boardConsentDocument = serializers.FileField(validators=[validate_document])
