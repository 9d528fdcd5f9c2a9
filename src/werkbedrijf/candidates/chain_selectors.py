"""What a chain partner (a municipality's Buurtteam, Zorg or Leerrecht) learns about a resident:
whether they are in service at WerkBedrijf, in which phase, and who their one contact person is
and how to reach them (council wish 2, Nijmegen, March 2026). Nothing else.

The BSN is used to find the person and then dropped: it is in no log line, no processing-log
detail and no URL. A person of another municipality, a person WerkBedrijf does not know and a
resident whose trajectory has closed all get the same answer: not in service."""

from __future__ import annotations

from dataclasses import dataclass

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import CHAIN_COOPERATION, log_processing

from .models import CLOSED_PHASES, Candidate
from .policies import phase_label
from .selectors import current_contact


@dataclass(frozen=True)
class ContactDetails:
    name: str
    organisation: str
    email: str


@dataclass(frozen=True)
class InService:
    """The whole answer about a resident in service."""

    phase: str
    phase_label: str
    contact: ContactDetails | None  # None: WerkBedrijf has not named one yet


def look_up(user, bsn: str, *, channel: str = "ui") -> InService | None:
    """The answer for a (valid) BSN: InService, or None for "not in service at WerkBedrijf".

    Every lookup is in the processing log: with the person as data subject when they are the
    chain partner's own municipality's resident, without one otherwise (the number may belong to
    another municipality's resident, whose data is not processed for this municipality)."""
    if not policy.can_look_up_as_chain_partner(user):
        raise AccessDenied
    candidate = policy.chain_partner_scope(user, Candidate.objects.all()).filter(bsn=bsn).first()
    if candidate is None:
        _log(user, channel, "chain-partner-lookup:not-found")
        return None
    _log(user, channel, "chain-partner-lookup", candidate)
    trajectory = (
        candidate.trajectories.exclude(phase__in=CLOSED_PHASES).order_by("-referred_on").first()
    )
    if trajectory is None:
        return None
    assignment = current_contact(candidate)
    contact = None
    if assignment is not None and assignment.contact.is_active:
        person = assignment.contact
        contact = ContactDetails(
            name=person.display_name,
            organisation=person.organisation.name if person.organisation else "",
            email=person.email,
        )
    return InService(trajectory.phase, phase_label(trajectory.phase), contact)


def _log(user, channel: str, detail: str, candidate: Candidate | None = None) -> None:
    log_processing(
        actor=user,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=[candidate] if candidate is not None else [],
        purpose=CHAIN_COOPERATION,
        channel=channel,
        detail=detail,
    )
