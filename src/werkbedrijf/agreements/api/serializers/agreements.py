"""The shapes of a DVO version and the steps of its cycle."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkbedrijf.agreements import policies, selectors
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.api.inputs import InputSerializer

EFFECTIVE_STATUSES = [
    (AgreementStatus.DRAFT.value, "draft"),
    (AgreementStatus.OPINIONS_REQUESTED.value, "opinions requested"),
    (policies.NOT_YET_IN_FORCE, "adopted, not yet in force"),
    (policies.IN_FORCE, "in force"),
    (policies.EXPIRED, "expired"),
    (policies.TACITLY_EXTENDED, "tacitly extended (art. 16.1)"),
]


class StatusChangeSerializer(serializers.Serializer):
    fromStatus = serializers.ChoiceField(
        source="from_status", choices=AgreementStatus.choices, read_only=True
    )
    toStatus = serializers.ChoiceField(
        source="to_status", choices=AgreementStatus.choices, read_only=True
    )
    decidedOn = serializers.DateField(source="decided_on", read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)
    changedAt = serializers.DateTimeField(source="changed_at", read_only=True)


class AgreementSerializer(serializers.Serializer):
    """A regional DVO version. ``effectiveStatus`` is where it stands today: in force, expired or
    tacitly extended follow from the dates (art. 16.1)."""

    uuid = serializers.UUIDField(read_only=True)
    title = serializers.CharField(read_only=True)
    citationTitle = serializers.CharField(source="citation_title", read_only=True)
    region = serializers.CharField(source="region.name", read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    effectiveStatus = serializers.SerializerMethodField()
    opinionDeadline = serializers.DateField(
        source="opinion_deadline", read_only=True, allow_null=True
    )
    adoptedOn = serializers.DateField(source="adopted_on", read_only=True, allow_null=True)
    renewalDeadline = serializers.DateField(
        source="renewal_deadline", read_only=True, allow_null=True
    )
    budgetRule = serializers.CharField(source="budget_rule", read_only=True)
    source = serializers.CharField(read_only=True)
    notes = serializers.CharField(read_only=True)
    statusHistory = StatusChangeSerializer(source="status_changes", many=True, read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=EFFECTIVE_STATUSES))
    def get_effectiveStatus(self, agreement) -> str:
        return selectors.effective_status(agreement)


class TransitionInputSerializer(InputSerializer):
    target = serializers.ChoiceField(
        choices=AgreementStatus.choices, help_text="De stap waarnaar de cyclus gaat."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    decidedOn = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Datum van het DB-besluit; verplicht bij `adopted`.",
    )
    opinionDeadline = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Termijn voor zienswijzen; verplicht bij `opinions_requested` als die nog "
        "niet is gezet.",
    )
