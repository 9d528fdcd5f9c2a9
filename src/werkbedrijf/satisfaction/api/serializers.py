"""The shape of the questionnaire API: a paper form typed in by its code."""

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer


class PaperAnswerSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    code = serializers.CharField(max_length=40, help_text="De code op de brief.")
    score = serializers.IntegerField(help_text="Cijfer van 1 tot en met 10.")
    listened = serializers.IntegerField(
        required=False, allow_null=True, help_text="Er werd naar mij geluisterd (1-5)."
    )
    clear = serializers.IntegerField(
        required=False, allow_null=True, help_text="Duidelijk wat er daarna ging gebeuren (1-5)."
    )
    helped = serializers.IntegerField(
        required=False, allow_null=True, help_text="De ondersteuning hielp mij verder (1-5)."
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Wat kan er beter?"
    )
