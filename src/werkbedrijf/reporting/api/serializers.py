"""Indicators in the API: their declarations and their values, aggregates only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer

from ..models import ReportStatus
from ..policies import Breakdown, ReportKind, Unit
from ..srg import MONTH_FORMAT_MESSAGE


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    population = serializers.CharField()
    period = serializers.CharField(help_text="Welke datum binnen de periode moet vallen.")
    breakdowns = serializers.ListField(child=serializers.ChoiceField(choices=Breakdown.choices))
    categoryName = serializers.CharField(
        source="category_name", help_text="Waarnaar de indicator zelf is verdeeld (kanaal, ...)."
    )


class IndicatorListSerializer(serializers.Serializer):
    definitionsVersion = serializers.CharField()
    indicators = IndicatorSerializer(many=True)


class ValuesQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField(
        required=False, help_text="De gemeente; zonder: de hele regio."
    )
    periodStart = serializers.DateField(required=False, help_text="Standaard 1 januari.")
    periodEnd = serializers.DateField(required=False, help_text="Standaard vandaag.")
    breakdown = serializers.ChoiceField(choices=Breakdown.choices, required=False)

    def validate(self, data):
        start, end = data.get("periodStart"), data.get("periodEnd")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"periodEnd": "Het einde van de periode ligt vóór het begin."}
            )
        if start and end and (end - start).days > 5 * 366:
            raise serializers.ValidationError({"periodEnd": "Een periode is hoogstens vijf jaar."})
        return data


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        allow_null=True,
        help_text="Null wanneer er niets te meten is of het cijfer over minder dan vijf personen "
        "gaat (masked).",
    )
    masked = serializers.BooleanField(help_text="Het cijfer gaat over een te kleine groep.")
    text = serializers.CharField(help_text="Het cijfer zoals een lezer het ziet: '1.234', '< 5'.")


class ValuesSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    municipality = serializers.UUIDField(allow_null=True)
    periodStart = serializers.DateField()
    periodEnd = serializers.DateField()
    norm = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    total = FigureSerializer()
    categories = FigureSerializer(many=True)
    breakdown = serializers.ChoiceField(choices=Breakdown.choices, allow_null=True)
    breakdownValues = FigureSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(ReportKind.choices, read_only=True)
    year = serializers.IntegerField(read_only=True)
    municipality = serializers.UUIDField(
        source="municipality.uuid", read_only=True, allow_null=True, help_text="Leeg: de regio."
    )
    version = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(ReportStatus.choices, read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    definitionsVersion = serializers.CharField(source="definitions_version", read_only=True)
    publishedAt = serializers.DateTimeField(source="published_at", read_only=True, allow_null=True)


class ReportInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(ReportKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="De gemeente; leeg voor de regio."
    )


class ReportJobSerializer(serializers.Serializer):
    report = serializers.UUIDField(read_only=True)
    job = serializers.UUIDField(read_only=True, help_text="Volg de taak met getJob.")


class NormSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    indicator = serializers.CharField(max_length=50, help_text="De code van de indicator.")
    year = serializers.IntegerField()
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Bij een aandeel: een percentage 0-100."
    )
    source = serializers.CharField(max_length=300, help_text="Bijv. de MGR-begroting 2027.")
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Leeg: de norm van de regio."
    )


# --- the CBS delivery file (SRG, art. 12.4) ----------------------------------------------------


class SrgQuerySerializer(serializers.Serializer):
    month = serializers.RegexField(
        r"^[0-9]{4}-(0[1-9]|1[0-2])$",
        help_text="De verslagmaand als jjjj-mm; alleen een maand die voorbij is.",
        error_messages={"invalid": MONTH_FORMAT_MESSAGE},
    )


class SrgRecordSerializer(serializers.Serializer):
    municipalityCode = serializers.CharField(help_text="CBS-gemeentecode, vier cijfers.")
    reportMonth = serializers.CharField(help_text="Verslagmaand als jjjjmm.")
    bsn = serializers.CharField()
    benefitType = serializers.CharField(help_text="bijstand, IOAW, IOAZ, Anw of geen.")
    facilityCode = serializers.CharField(help_text="SRG-code van het type voorziening.")
    facilityType = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    source = serializers.CharField(help_text="instrument of placement (plaatsing).")
    reference = serializers.UUIDField(help_text="De uuid van het instrument of de plaatsing.")


class SrgDeliverySerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    month = serializers.CharField()
    persons = serializers.IntegerField()
    provisional = serializers.BooleanField(
        help_text="Waar: opmaak en codes zijn nog niet bevestigd tegen de CBS-richtlijnen."
    )
    records = SrgRecordSerializer(many=True)


# --- the seven municipal reports side by side ---------------------------------------------------


class SideBySideQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(ReportKind.choices, help_text="Tussenrapportage of jaarverslag.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class SideBySideColumnSerializer(serializers.Serializer):
    municipality = serializers.UUIDField(source="municipality.uuid")
    municipalityName = serializers.CharField(source="municipality.name")
    report = serializers.UUIDField(
        source="report.uuid",
        allow_null=True,
        help_text="De vergeleken versie: de laatste gepubliceerde, anders het laatste concept "
        "waarvan de cijfers gemaakt zijn; leeg wanneer er geen is.",
    )
    version = serializers.IntegerField(source="report.version", allow_null=True)
    status = serializers.ChoiceField(ReportStatus.choices, source="report.status", allow_null=True)


class StoredFigureSerializer(serializers.Serializer):
    value = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        allow_null=True,
        help_text="Null wanneer er niets te meten is of het cijfer over minder dan vijf personen "
        "gaat (masked).",
    )
    masked = serializers.BooleanField()
    text = serializers.CharField(help_text="Het cijfer zoals een lezer het ziet: '1.234', '< 5'.")


# A figure or null per column: written out, since a null item of a referenced schema is not
# expressed by the generator.
_NULLABLE_FIGURES = {
    "type": "array",
    "items": {
        "type": "object",
        "nullable": True,
        "properties": {
            "value": {"type": "string", "format": "decimal", "nullable": True},
            "masked": {"type": "boolean"},
            "text": {"type": "string"},
        },
        "required": ["value", "masked", "text"],
    },
}


@extend_schema_field(_NULLABLE_FIGURES)
class _FiguresField(serializers.ListField):
    pass


class SideBySideRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    figures = _FiguresField(
        child=StoredFigureSerializer(allow_null=True),
        help_text="Eén per kolom, in dezelfde volgorde; null wanneer die rapportage de indicator "
        "niet bevat.",
    )


class SideBySideSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(ReportKind.choices)
    year = serializers.IntegerField()
    columns = SideBySideColumnSerializer(many=True)
    indicators = SideBySideRowSerializer(many=True)
