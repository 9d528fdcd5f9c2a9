"""The Inkomen loop in the API: sanction signals and decisions, three-way talks."""

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates.models import SanctionSignal

from .common import StaffRefSerializer


class SanctionSignalSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    facts = serializers.CharField(allow_blank=True)
    advice = serializers.CharField(allow_blank=True)
    signalledOn = serializers.DateField(source="signalled_on", required=False)
    signalledBy = StaffRefSerializer(source="signalled_by", read_only=True)
    decision = serializers.ChoiceField(
        [("", "")] + list(SanctionSignal.Decision.choices), read_only=True
    )
    decisionReasons = serializers.CharField(source="decision_reasons", read_only=True)
    decidedOn = serializers.DateField(source="decided_on", read_only=True, allow_null=True)
    decidedBy = StaffRefSerializer(source="decided_by", read_only=True, allow_null=True)


class SanctionDecisionInputSerializer(InputSerializer):
    decision = serializers.ChoiceField(SanctionSignal.Decision.choices)
    reasons = serializers.CharField(allow_blank=True)
    decidedOn = serializers.DateField(source="decided_on", required=False)


class ThreeWayTalkSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    plannedOn = serializers.DateField(source="planned_on")
    incomeParticipant = serializers.UUIDField(
        source="income_participant.uuid",
        required=False,
        allow_null=True,
        help_text="Deelnemer van Inkomen (medewerker-uuid).",
    )
    werkbedrijfParticipant = serializers.UUIDField(
        source="werkbedrijf_participant.uuid",
        required=False,
        allow_null=True,
        help_text="Deelnemer van WerkBedrijf (medewerker-uuid).",
    )
    heldOn = serializers.DateField(source="held_on", read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True)


class TalkOutcomeInputSerializer(InputSerializer):
    heldOn = serializers.DateField(source="held_on")
    outcome = serializers.CharField(allow_blank=True)
