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
    mapping = serializers.JSONField(
        binary=True,
        required=False,
        help_text="Hoe kolommen van het bestand gelezen worden, als JSON-object: kolomnaam van "
        'het bestand → kolom van de upload, "" om een kolom over te slaan; bijvoorbeeld '
        '{"Geslachtsnaam": "achternaam", "Opmerking": ""}. Wat '
        "`POST /referrals/upload-columns` als `variant` of `unknown` meldt, wordt zo bevestigd.",
    )
    rememberMapping = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Onthoud de bevestigde kolomnamen voor de eigen organisatie, zoals het scherm.",
    )

    def validate_mapping(self, value):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise serializers.ValidationError(
                "Geef een JSON-object van kolomnaam naar kolom van de upload (tekst)."
            )
        return value


class UploadColumnsInputSerializer(InputSerializer):
    file = serializers.FileField(
        help_text="CSV (; of ,) of XLSX; alleen de kopregel wordt gelezen."
    )


class UploadColumnSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="De kolomnaam zoals het bestand hem schrijft.")
    column = serializers.CharField(
        allow_null=True, help_text="De kolom van de upload die hij aanduidt, of null."
    )
    how = serializers.ChoiceField(
        [
            ("exact", "exact"),
            ("variant", "variant"),
            ("remembered", "remembered"),
            ("ignored", "ignored"),
            ("unknown", "unknown"),
            ("blank", "blank"),
        ],
        help_text="exact: een eigen kolomnaam; variant: een gangbare variant (bevestigen); "
        "remembered/ignored: eerder bevestigd door de organisatie; unknown: onbekend (kies of "
        "sla over); blank: een lege kolomnaam.",
    )


class UploadColumnsSerializer(serializers.Serializer):
    columns = UploadColumnSerializer(many=True)
    needsConfirmation = serializers.BooleanField(
        help_text="Of het scherm zou vragen de kolommen te bevestigen (geef dan `mapping`)."
    )
    uploadColumns = serializers.ListField(
        child=serializers.CharField(), help_text="De kolommen die de upload kent."
    )


class UploadJobSerializer(serializers.Serializer):
    job = serializers.UUIDField(help_text="Volg de achtergrondtaak met getJob.")


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
