"""The shape of a step of the DVO cycle: its deadline, who must act and where it stands."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import StepKind
from werkbedrijf.api.inputs import InputSerializer

STATES = ("done", "overdue", "due", "upcoming")


class CycleStepSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="step.uuid", read_only=True)
    agreement = serializers.UUIDField(source="step.agreement.uuid", read_only=True)
    agreementTitle = serializers.CharField(source="step.agreement.title", read_only=True)
    kind = serializers.ChoiceField(source="step.kind", choices=StepKind.choices, read_only=True)
    title = serializers.CharField(source="step.title", read_only=True)
    description = serializers.CharField(source="step.description", read_only=True)
    dueOn = serializers.DateField(source="step.due_on", read_only=True)
    state = serializers.ChoiceField(choices=STATES, read_only=True)
    daysLeft = serializers.IntegerField(source="days_left", read_only=True)
    actorRole = serializers.ChoiceField(
        source="step.actor_role",
        choices=Role.choices,  # not an access rule
        read_only=True,
    )
    actorOrganisation = serializers.UUIDField(source="step.actor_organisation.uuid", read_only=True)
    actorOrganisationName = serializers.CharField(
        source="step.actor_organisation.name", read_only=True
    )
    followsStep = serializers.UUIDField(
        source="step.depends_on.uuid", read_only=True, allow_null=True, default=None
    )
    doneOn = serializers.DateField(source="step.done_on", read_only=True, allow_null=True)
    source = serializers.CharField(source="step.source", read_only=True)


class CycleStepInputSerializer(InputSerializer):
    """A step as planned: its deadline, who must act and the step it follows."""

    agreement = serializers.UUIDField(help_text="De DVO-versie waar de stap bij hoort.")
    kind = serializers.ChoiceField(choices=StepKind.choices)
    title = serializers.CharField(max_length=300)
    dueOn = serializers.DateField(help_text="De termijn.")
    actorRole = serializers.ChoiceField(
        choices=Role.choices,  # not an access rule
        help_text="De rol die aan zet is.",
    )
    actorOrganisation = serializers.UUIDField(help_text="De organisatie die aan zet is.")
    followsStep = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="De stap die eerst gedaan moet zijn (van dezelfde DVO-versie).",
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    remindDaysBefore = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="Hoeveel dagen voor de termijn een herinnering gaat; leeg: de standaard.",
    )
    source = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CycleStepUpdateSerializer(CycleStepInputSerializer):
    """The fields of a step that a PATCH may change; the DVO version stays."""

    agreement = None


class CompletionInputSerializer(InputSerializer):
    doneOn = serializers.DateField(help_text="De dag waarop de stap gedaan is.")
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Hoe de stap gedaan is."
    )
