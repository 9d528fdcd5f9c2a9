"""The candidate's single contact person and its handover."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action
from werkbedrijf.utils.exceptions import ConflictError

from ..models import Candidate, ContactAssignment
from .common import log_change

NOT_CHECKED = object()  # no version was given: the caller does not ask for a conflict check


@transaction.atomic
def assign_contact(
    *, actor, candidate: Candidate, contact, note: str = "", expected_current=NOT_CHECKED
) -> ContactAssignment:
    """Hand the candidate over to a new single contact person; the old assignment ends now.

    ``expected_current`` is the current assignment as the screen was loaded (its uuid, or None
    when there was no contact person yet). When someone else handed over in between, the handover
    is refused with ConflictError rather than silently replacing theirs."""
    if not policy.can_hand_over_contact(actor, candidate):
        raise AccessDenied
    if contact is None or not contact.is_active or not contact.organisation_id:
        raise ValidationError({"contact": _("Choose an active staff member.")}, code="invalid")
    now = timezone.now()
    # The candidate's row serialises handovers, the very first one too (no assignment row to lock
    # yet): the check below and the write after it are then one step.
    Candidate.objects.select_for_update().only("pk").get(pk=candidate.pk)
    current = ContactAssignment.objects.filter(candidate=candidate, until__isnull=True).first()
    if expected_current is not NOT_CHECKED:
        seen = str(current.uuid) if current else None
        if (str(expected_current) if expected_current else None) != seen:
            raise ConflictError
    if current and current.contact_id == contact.pk:
        return current
    if current:
        current.until = now
        current.save(update_fields=["until"])
    assignment = ContactAssignment.objects.create(
        candidate=candidate, contact=contact, since=now, handover_note=note, recorded_by=actor
    )
    log_change(actor, Action.UPDATE, [candidate], detail="contact-person")
    return assignment
