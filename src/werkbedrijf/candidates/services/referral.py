"""Referral and self-registration: how a person comes into service."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action

from .. import policies
from ..models import Candidate, JourneyStep, Phase, ReferralChannel, Trajectory
from ..policies import PersonInput
from .common import log_change


def registered_elsewhere_message() -> str:
    return _(
        "This person is registered with another municipality of the region. A referral does "
        "not move anybody: if the person has moved, the move is recorded first with the step "
        "“Move to another municipality” (by WerkBedrijf or by the municipality the person "
        "leaves); then they can be referred here."
    )


@transaction.atomic
def refer_candidate(
    *,
    actor,
    municipality,
    person: PersonInput,
    referred_on: date | None = None,
    channel: str = ReferralChannel.SCREEN,
    note: str = "",
    warm_handover: bool = False,
    import_key: str = "",
) -> Trajectory:
    """The municipality refers a resident. Refused when the person already has an active
    referral; an earlier closed referral is fine (a new trajectory starts). Refused too when the
    person is registered with another municipality: a referral never moves anybody
    (``move_candidate`` does, as a step of its own)."""
    if not policy.can_refer(actor, municipality):
        raise AccessDenied
    today = timezone.localdate()
    referred_on = referred_on or today
    errors = policies.referral_person_errors(person, today)
    if referred_on > today:
        errors["referred_on"] = [_("The referral date cannot be in the future.")]
    if errors:
        raise ValidationError(errors, code="invalid_referral")
    assert person.date_of_birth is not None  # a missing date of birth is one of the errors
    candidate = Candidate.objects.select_for_update().filter(bsn=person.bsn).first()
    if (
        candidate is not None
        and candidate.trajectories.exclude(phase__in=[Phase.OUTFLOW, Phase.RETURNED]).exists()
    ):
        raise ValidationError(
            {"bsn": _("This person already has an active referral to WerkBedrijf.")},
            code="active_referral_exists",
        )
    if candidate is not None and candidate.municipality_id != municipality.pk:
        raise ValidationError(
            {"bsn": ValidationError(registered_elsewhere_message(), code="registered_elsewhere")}
        )
    values = policies.candidate_values(person)
    if candidate is None:
        candidate = Candidate(
            bsn=person.bsn,
            first_name=person.first_name.strip(),
            last_name=person.last_name.strip(),
            date_of_birth=person.date_of_birth,
            municipality=municipality,
            **values,
        )
        candidate.full_clean()
        candidate.save()
    else:
        for key, value in values.items():
            setattr(candidate, key, value)
        candidate.first_name, candidate.last_name = person.first_name, person.last_name
        candidate.lock_version += 1
        candidate.save()
    try:
        with transaction.atomic():
            trajectory = Trajectory.objects.create(
                candidate=candidate,
                municipality=municipality,
                referred_on=referred_on,
                referred_by=actor if getattr(actor, "pk", None) else None,
                channel=channel,
                referral_note=note,
                warm_handover=warm_handover,
                phase=Phase.REFERRED,
                phase_since=referred_on,
                import_key=import_key,
            )
    except IntegrityError as exc:  # a concurrent referral of the same person
        raise ValidationError(
            {"bsn": _("This person already has an active referral to WerkBedrijf.")},
            code="active_referral_exists",
        ) from exc
    JourneyStep.objects.create(
        trajectory=trajectory,
        from_phase="",
        to_phase=Phase.REFERRED,
        occurred_on=referred_on,
        reason=note,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    log_change(actor, Action.CREATE, [trajectory], channel=channel, detail="referral")
    return trajectory


@transaction.atomic
def self_register(
    *, actor, municipality, person: PersonInput, registered_on: date | None = None
) -> Trajectory:
    """A young person under 27 registers; the four-week search period starts that day."""
    registered_on = registered_on or timezone.localdate()
    if person.date_of_birth and policies.age_on(person.date_of_birth, registered_on) >= 27:
        raise ValidationError(
            {"date_of_birth": _("Only young people under 27 register themselves.")},
            code="not_young",
        )
    trajectory = refer_candidate(
        actor=actor,
        municipality=municipality,
        person=person,
        referred_on=registered_on,
        channel=ReferralChannel.SELF,
        note=_("Self-registration"),
    )
    trajectory.search_period_start = registered_on
    trajectory.save(update_fields=["search_period_start"])
    return trajectory
