"""The shape of a DVO version's document template: the general articles with placeholders."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer


class DocumentTemplateSerializer(serializers.Serializer):
    agreement = serializers.UUIDField(read_only=True)
    text = serializers.CharField(
        read_only=True,
        help_text="De algemene artikelen met plaatshouders zoals `{{ citeertitel }}`; zolang er "
        "niets is opgeslagen de standaardtekst.",
    )
    version = serializers.IntegerField(
        read_only=True,
        help_text="De versie, 0 zolang er niets is opgeslagen; de ETag is deze waarde tussen "
        'aanhalingstekens, bijv. `"3"`.',
    )


class DocumentTemplateInputSerializer(InputSerializer):
    text = serializers.CharField(
        help_text="De algemene artikelen met plaatshouders; een onbekende plaatshouder wordt "
        "geweigerd met de plaatshouders die er wel zijn."
    )
