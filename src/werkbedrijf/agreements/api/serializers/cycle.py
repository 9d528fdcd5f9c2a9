"""The shape of a step of the DVO cycle: its deadline, who must act and where it stands."""

from __future__ import annotations

from rest_framework import serializers

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import StepKind

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
