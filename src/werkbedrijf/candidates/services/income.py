"""Working with Inkomen: sanction signals, three-way talks, statushouders' digital assessment."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action

from ..models import Candidate, DigitalAssessment, SanctionSignal, ThreeWayTalk, Trajectory
from .common import add_to_journey, log_change


@transaction.atomic
def signal_sanction(
    *, actor, trajectory: Trajectory, facts: str, advice: str, signalled_on: date | None = None
) -> SanctionSignal:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    errors = {}
    if not (facts or "").strip():
        errors["facts"] = [_("Describe the facts.")]
    if not (advice or "").strip():
        errors["advice"] = [_("Give your advice to the municipality.")]
    if errors:
        raise ValidationError(errors, code="invalid_signal")
    return add_to_journey(
        actor,
        trajectory,
        SanctionSignal,
        detail="sanction-signal",
        facts=facts.strip(),
        advice=advice.strip(),
        signalled_by=actor,
        signalled_on=signalled_on or timezone.localdate(),
    )


@transaction.atomic
def decide_sanction(
    *, actor, signal: SanctionSignal, decision: str, reasons: str, decided_on: date | None = None
) -> SanctionSignal:
    """The municipality's case manager records its decision. The system never decides."""
    signal = (
        SanctionSignal.objects.select_for_update().select_related("trajectory").get(pk=signal.pk)
    )
    if not policy.can_decide_sanction(actor, signal.trajectory):
        raise AccessDenied
    if signal.decision:
        raise ValidationError(
            {"decision": _("A decision has already been recorded.")}, code="already_decided"
        )
    if decision not in SanctionSignal.Decision.values:
        raise ValidationError(
            {"decision": _("Choose: follow the advice or deviate.")}, code="invalid"
        )
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")}, code="required")
    signal.decision, signal.decision_reasons = decision, reasons.strip()
    signal.decided_on, signal.decided_by = decided_on or timezone.localdate(), actor
    signal.save()
    log_change(actor, Action.UPDATE, [signal.trajectory], detail="sanction-decision")
    return signal


@transaction.atomic
def plan_talk(
    *,
    actor,
    trajectory: Trajectory,
    planned_on: date,
    income_participant=None,
    werkbedrijf_participant=None,
) -> ThreeWayTalk:
    if not policy.can_plan_talk(actor, trajectory):
        raise AccessDenied
    return add_to_journey(
        actor,
        trajectory,
        ThreeWayTalk,
        detail="three-way-talk",
        planned_on=planned_on,
        income_participant=income_participant,
        werkbedrijf_participant=werkbedrijf_participant,
    )


@transaction.atomic
def record_talk(*, actor, talk: ThreeWayTalk, held_on: date, outcome: str) -> ThreeWayTalk:
    if not policy.can_plan_talk(actor, talk.trajectory):
        raise AccessDenied
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Record the outcome of the talk.")}, code="required")
    talk.held_on, talk.outcome = held_on, outcome.strip()
    talk.save()
    log_change(actor, Action.UPDATE, [talk.trajectory], detail="three-way-talk")
    return talk


@transaction.atomic
def record_assessment(
    *, actor, candidate: Candidate, language: str, completed_on: date, **fields
) -> DigitalAssessment:
    if not policy.can_record_assessment(actor, candidate):
        raise AccessDenied
    if not candidate.refugee:
        raise ValidationError(
            {"language": _("The digital assessment is for statushouders.")}, code="not_refugee"
        )
    assessment = DigitalAssessment.objects.create(
        candidate=candidate, language=language, completed_on=completed_on, **fields
    )
    log_change(actor, Action.CREATE, [candidate], detail="digital-assessment")
    return assessment
