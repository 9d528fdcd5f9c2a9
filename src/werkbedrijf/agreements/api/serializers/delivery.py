"""The delivery of local choices in the API: records per kind, and the realisation per quarter."""

from rest_framework import serializers

from werkbedrijf.agreements.delivery.models import HalfDayStatus, NoteKind, NoteStatus, PartOfDay
from werkbedrijf.agreements.delivery.policies import DeliveryKind

QUANTITY = {"max_digits": 12, "decimal_places": 2, "read_only": True}


class DeliveryMunicipalityRef(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class DeliveryWorkerRef(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


class DeliveryQuerySerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class HalfDaySerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    localChoice = serializers.UUIDField(source="choice.uuid", read_only=True)
    location = serializers.CharField(read_only=True)
    date = serializers.DateField(read_only=True)
    partOfDay = serializers.ChoiceField(PartOfDay.choices, source="part_of_day", read_only=True)
    status = serializers.ChoiceField(HalfDayStatus.choices, read_only=True)


class PresenceSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    localChoice = serializers.UUIDField(source="choice.uuid", read_only=True)
    location = serializers.CharField(read_only=True)
    worker = DeliveryWorkerRef(read_only=True)
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True, allow_null=True)


class CoachingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    localChoice = serializers.UUIDField(source="choice.uuid", read_only=True)
    coach = DeliveryWorkerRef(read_only=True)
    fte = serializers.DecimalField(max_digits=4, decimal_places=2, read_only=True)
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True, allow_null=True)


class NoteSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    localChoice = serializers.UUIDField(source="choice.uuid", read_only=True, allow_null=True)
    extraWork = serializers.UUIDField(source="extra_work.uuid", read_only=True, allow_null=True)
    noteKind = serializers.ChoiceField(NoteKind.choices, source="kind", read_only=True)
    status = serializers.ChoiceField(NoteStatus.choices, read_only=True)
    date = serializers.DateField(read_only=True)
    text = serializers.CharField(read_only=True)
    quantity = serializers.DecimalField(
        max_digits=10, decimal_places=2, read_only=True, allow_null=True
    )


class DeliveriesSerializer(serializers.Serializer):
    municipality = DeliveryMunicipalityRef(read_only=True)
    year = serializers.IntegerField(read_only=True)
    halfDays = HalfDaySerializer(source="half_days", many=True, read_only=True)
    presences = PresenceSerializer(many=True, read_only=True)
    coaching = CoachingSerializer(many=True, read_only=True)
    notes = NoteSerializer(many=True, read_only=True)


RECORD_KINDS = ("halfDay", "teamPresence", "coaching", "note")


class DeliveryInputSerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    deliveryKind = serializers.ChoiceField(
        RECORD_KINDS,
        help_text="halfDay: een dagdeel op locatie; teamPresence: aanwezigheid bij een "
        "(Buurt)team; coaching: participatiecoaching in fte; note: een leveringsnotitie bij een "
        "keuze buiten de kaart of bij meerwerk.",
    )
    localChoice = serializers.UUIDField(required=False, allow_null=True)
    extraWork = serializers.UUIDField(
        required=False, allow_null=True, help_text="Alleen bij note: het meerwerk."
    )
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    date = serializers.DateField(required=False, allow_null=True)
    partOfDay = serializers.ChoiceField(PartOfDay.choices, required=False)
    status = serializers.CharField(
        max_length=20,
        required=False,
        help_text="halfDay: scheduled, held of cancelled; note: planned of delivered.",
    )
    worker = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="teamPresence: de medewerker; coaching: de coach.",
    )
    fte = serializers.DecimalField(max_digits=4, decimal_places=2, required=False)
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)
    noteKind = serializers.ChoiceField(NoteKind.choices, required=False)
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    quantity = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True
    )
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class RecordedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    deliveryKind = serializers.ChoiceField(RECORD_KINDS, read_only=True)


class QuarterSerializer(serializers.Serializer):
    quarter = serializers.IntegerField(read_only=True)
    bought = serializers.DecimalField(**QUANTITY, allow_null=True)
    delivered = serializers.DecimalField(**QUANTITY)
    forecast = serializers.DecimalField(**QUANTITY)
    runsBehind = serializers.BooleanField(source="behind", read_only=True)


class DeliveryRowSerializer(serializers.Serializer):
    label = serializers.CharField(read_only=True)
    deliveredBy = serializers.ChoiceField(
        [k.value for k in DeliveryKind], source="kind", read_only=True
    )
    unit = serializers.CharField(read_only=True)
    localChoice = serializers.SerializerMethodField()
    extraWork = serializers.SerializerMethodField()
    carriedOverFrom = serializers.IntegerField(
        source="carried_over_from", read_only=True, allow_null=True
    )
    quarters = QuarterSerializer(many=True, read_only=True)

    def get_localChoice(self, row) -> str | None:  # noqa: N802
        return str(row.choice.uuid) if row.choice else None

    def get_extraWork(self, row) -> str | None:  # noqa: N802
        return str(row.extra_work.uuid) if row.extra_work else None


class QuarterlyRealisationSerializer(serializers.Serializer):
    municipality = DeliveryMunicipalityRef(read_only=True)
    year = serializers.IntegerField(read_only=True)
    carriedOverFrom = serializers.IntegerField(
        source="carried_over_from", read_only=True, allow_null=True
    )
    rows = DeliveryRowSerializer(many=True, read_only=True)
