"""Referrals in the API: one person, or a file with a report per row."""

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates.imports import RowStatus

from .candidates import PersonFieldsSerializer


class ReferralInputSerializer(PersonFieldsSerializer):
    bsn = serializers.CharField(
        max_length=20, help_text="Negen cijfers; wordt gecontroleerd met de 11-proef."
    )
    municipality = serializers.UUIDField(help_text="De verwijzende gemeente (organisatie-uuid).")
    referredOn = serializers.DateField(source="referred_on", required=False)
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="Reden van verwijzing."
    )
    warmHandover = serializers.BooleanField(source="warm_handover", required=False, default=False)
    selfRegistration = serializers.BooleanField(
        source="self_registration",
        required=False,
        default=False,
        help_text="Een jongere onder de 27 meldt zich zelf (geregistreerd door WerkBedrijf): de "
        "zoektermijn van vier weken begint op de dag van aanmelding.",
    )


class ReferralUploadInputSerializer(InputSerializer):
    file = serializers.FileField(help_text="CSV (; of ,) of XLSX met één verwijzing per rij.")
    municipality = serializers.UUIDField(help_text="De verwijzende gemeente (organisatie-uuid).")


class UploadRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        source="number", read_only=True, help_text="Het rijnummer zoals een spreadsheet het toont."
    )
    status = serializers.ChoiceField(RowStatus.choices, read_only=True)
    name = serializers.CharField(read_only=True)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text="Meldingen per kolom (de kolomnaam van het bestand, of `row` voor de hele rij).",
    )
    trajectory = serializers.UUIDField(source="trajectory_uuid", read_only=True, allow_null=True)


class UploadReportSerializer(serializers.Serializer):
    """What happened to each row of an uploaded file. Never a BSN."""

    filename = serializers.CharField(read_only=True)
    fileFormat = serializers.ChoiceField(
        [("csv", "CSV"), ("xlsx", "XLSX")], source="file_format", read_only=True
    )
    created = serializers.IntegerField(read_only=True)
    alreadyReferred = serializers.IntegerField(source="already_referred", read_only=True)
    notStored = serializers.IntegerField(source="errors", read_only=True)
    empty = serializers.IntegerField(read_only=True)
    rows = UploadRowSerializer(many=True, read_only=True)
