"""A resident's move to another municipality of the region, as a step of its own."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action

from ..models import Candidate, CandidateMove, ContactAssignment, Phase, Trajectory
from .common import log_change


@transaction.atomic
def move_candidate(
    *, actor, candidate: Candidate, to_municipality, moved_on: date | None, reason: str
) -> CandidateMove:
    """Record that a resident moved to another municipality of the region, as a step of its own.

    From the move on the person is the new municipality's resident: it becomes the controller of
    their data (DVO art. 12.3) and the running trajectory moves with them; closed trajectories
    stay with the municipality they ran for. A contact person of the old municipality cannot reach
    the person's file any more, so that handover ends with the move."""
    candidate = (
        Candidate.objects.select_for_update().select_related("municipality").get(pk=candidate.pk)
    )
    if not policy.can_move_candidate(actor, candidate):
        raise AccessDenied
    today = timezone.localdate()
    from_municipality = candidate.municipality
    errors = {}
    if (
        to_municipality is None
        or not to_municipality.is_municipality
        or to_municipality.region_id != from_municipality.region_id
    ):
        errors["to_municipality"] = [
            _("Choose the municipality of the region the person moves to.")
        ]
    elif to_municipality.pk == from_municipality.pk:
        errors["to_municipality"] = [
            _("The person already lives in %(municipality)s.")
            % {"municipality": from_municipality.name}
        ]
    last = candidate.moves.order_by("-moved_on", "-id").first()
    if moved_on is None:
        errors["moved_on"] = [_("Give the date of the move.")]
    elif moved_on > today:
        errors["moved_on"] = [_("A move cannot be dated in the future.")]
    elif last is not None and moved_on < last.moved_on:
        errors["moved_on"] = [
            _("A move cannot be dated before the previous move (%(date)s).")
            % {"date": last.moved_on.strftime("%d-%m-%Y")}
        ]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the move.")]
    if errors:
        raise ValidationError(errors, code="invalid_move")
    assert moved_on is not None  # a missing date is one of the errors
    trajectory = (
        Trajectory.objects.select_for_update()
        .filter(candidate=candidate)
        .exclude(phase__in=[Phase.OUTFLOW, Phase.RETURNED])
        .first()
    )
    move = CandidateMove.objects.create(
        candidate=candidate,
        trajectory=trajectory,
        from_municipality=from_municipality,
        to_municipality=to_municipality,
        moved_on=moved_on,
        reason=reason.strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    candidate.municipality = to_municipality
    candidate.lock_version += 1
    candidate.save(update_fields=["municipality", "lock_version", "updated_at"])
    if trajectory is not None:
        trajectory.municipality = to_municipality
        trajectory.lock_version += 1
        trajectory.save(update_fields=["municipality", "lock_version"])
    ContactAssignment.objects.filter(
        candidate=candidate, until__isnull=True, contact__organisation=from_municipality
    ).update(until=timezone.now())
    log_change(
        actor,
        Action.UPDATE,
        [candidate],
        detail=f"move:{from_municipality.cbs_code}->{to_municipality.cbs_code}",
    )
    return move
