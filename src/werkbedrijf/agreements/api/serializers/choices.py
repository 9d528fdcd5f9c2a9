"""The shapes of local choices: one line as stored, and lines as entered."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.agreements.models import activity_kinds
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.api.inputs import DecimalInputField, InputSerializer

from .fields import money


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
    activityKind = serializers.ChoiceField(
        source="activity_kind",
        choices=activity_kinds(),
        read_only=True,
        allow_blank=True,
        help_text="Bij een dienst die niet op de kaart staat: de soort activiteit die erop "
        "wordt afgeboekt; leeg bij een kaartdienst.",
    )
    label = serializers.CharField(read_only=True)
    quantity = money(allow_null=True)
    agreedAmount = money(source="agreed_amount", allow_null=True)
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
    activityKind = serializers.ChoiceField(
        choices=activity_kinds(),
        required=False,
        allow_blank=True,
        default="",
        help_text="Alleen bij `customName`: de soort activiteit die op deze keuze wordt "
        "afgeboekt. Zonder soort kan er geen activiteit op worden afgeboekt.",
    )
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
            activity_kind=data.get("activityKind", ""),
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
            "activityKind": choice.activity_kind,
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
