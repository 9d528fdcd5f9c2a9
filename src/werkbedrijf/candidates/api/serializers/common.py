"""What the candidate API's serializers share: references to other records, the focus groups
and the largest page."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.candidates import selectors
from werkbedrijf.candidates.models import FocusGroup


class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class StaffRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.display_name


class FocusGroupsMixin(serializers.Serializer):
    focusGroups = serializers.SerializerMethodField(
        help_text="Doelgroepen van art. 2, afgeleid uit de gegevens (nooit ingevoerd)."
    )

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(FocusGroup.values)))
    def get_focusGroups(self, candidate):  # noqa: N802 (the API's camelCase name)
        return selectors.focus_groups_of(candidate)
