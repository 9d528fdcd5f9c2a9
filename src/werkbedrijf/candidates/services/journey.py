"""The journey itself: steps between phases, intake notes and further diagnosis."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action
from werkbedrijf.utils.exceptions import ConflictError

from .. import policies
from ..models import (
    LADDER_STEPS,
    DiagnosisKind,
    FurtherDiagnosis,
    IntakeNote,
    JourneyStep,
    LadderMoment,
    LadderStep,
    Phase,
    Trajectory,
)
from .common import add_to_journey, date_errors, log_change
from .placements import add_placement


def _named(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"__all__": exc.messages}


def _locked(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.select_for_update().select_related("candidate").get(pk=trajectory.pk)


@transaction.atomic
def take_step(
    *,
    actor,
    trajectory: Trajectory,
    target: str,
    occurred_on: date | None = None,
    reason: str = "",
    sector_group: str = "",
    business_consultant=None,
    aftercare: bool | None = None,
    warm_handover: bool = False,
    expected_version: int | None = None,
    placement: dict | None = None,
) -> Trajectory:
    """Take one step of the journey. The step to "At work" needs a placement of the trajectory:
    ``placement`` (the arguments of ``add_placement`` but the trajectory) records it in the same
    transaction; refused, neither the placement nor the step is saved, and the placement's
    messages are named "placement.<field>"."""
    trajectory = _locked(trajectory)
    returning = target == Phase.RETURNED
    if not (policy.can_work_on_journey(actor, trajectory)):
        raise AccessDenied
    if expected_version is not None and expected_version != trajectory.lock_version:
        raise ConflictError
    occurred_on = occurred_on or timezone.localdate()
    sector_group = sector_group or trajectory.sector_group
    consultant = business_consultant or trajectory.business_consultant
    error = policies.step_error(
        trajectory.phase,
        target,
        sector_group=sector_group,
        business_consultant=consultant is not None,
        reason=reason,
    )
    if error is None and occurred_on < trajectory.phase_since:
        error = _("A step cannot be dated before the previous step (%(date)s).") % {
            "date": trajectory.phase_since.strftime("%d-%m-%Y")
        }
    if error is None and occurred_on > timezone.localdate():
        error = _("A step cannot be dated in the future.")
    if error:
        raise ValidationError({"phase": error}, code="step_not_allowed")
    errors = date_errors(trajectory, occurred_on=occurred_on)
    has_placement = trajectory.placements.exists()
    if placement is not None and (target != Phase.AT_WORK or has_placement):
        errors["placement"] = [
            _(
                "A placement is recorded with a step only with the step to 'At work' of a trajectory without one."
            )
        ]
    elif placement is not None:
        try:
            with transaction.atomic():  # a savepoint: a refused placement leaves nothing behind
                add_placement(actor=actor, trajectory=trajectory, **placement)
            has_placement = True
        except ValidationError as exc:
            for name, messages in _named(exc).items():
                errors[f"placement.{name}"] = messages
    at_work = policies.at_work_error(target, has_placement)
    if at_work and placement is None:
        errors["placement"] = [at_work]
    if errors:
        raise ValidationError(errors, code="step_not_allowed")
    JourneyStep.objects.create(
        trajectory=trajectory,
        from_phase=trajectory.phase,
        to_phase=target,
        occurred_on=occurred_on,
        reason=reason,
        recorded_by=actor,
    )
    trajectory.phase, trajectory.phase_since = target, occurred_on
    if target == Phase.MAIN_ROUTE:
        trajectory.sector_group, trajectory.business_consultant = sector_group, consultant
    if aftercare is not None:
        trajectory.aftercare = aftercare
    if target in (Phase.OUTFLOW, Phase.RETURNED):
        trajectory.closed_on = occurred_on
    if returning:
        trajectory.return_reason, trajectory.return_warm_handover = reason, warm_handover
    trajectory.lock_version += 1
    trajectory.save()
    log_change(actor, Action.UPDATE, [trajectory], detail=f"step:{target}")
    return trajectory


@transaction.atomic
def add_intake_note(
    *, actor, trajectory: Trajectory, theme: str, text: str, written_on: date | None = None
) -> IntakeNote:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")}, code="required")
    return add_to_journey(
        actor,
        trajectory,
        IntakeNote,
        detail="intake-note",
        theme=theme,
        text=text.strip(),
        author=actor,
        written_on=written_on or timezone.localdate(),
    )


PRACTICAL_DIAGNOSIS_WEEKS = 14  # the praktijkdiagnose takes about 14 weeks on site (Dienstenboek)


@transaction.atomic
def start_further_diagnosis(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    start: date,
    practical_diagnosis: bool = False,
    planned_end: date | None = None,
    reason: str = "",
) -> FurtherDiagnosis:
    """Start a further diagnosis (zijweg): employee skills, health or motivation. The candidate
    steps into the further-diagnosis phase if not there yet, under the journey's rules."""
    from datetime import timedelta

    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    errors = {}
    if kind not in DiagnosisKind.values:
        errors["kind"] = [_("Choose what the further diagnosis is about.")]
    if start is None:
        errors["start"] = [_("Give the start date.")]
    elif planned_end is not None and planned_end < start:
        errors["planned_end"] = [_("The planned end is before the start.")]
    else:
        errors.update(date_errors(trajectory, start=start))
    if errors:
        raise ValidationError(errors, code="invalid_diagnosis")
    trajectory = _locked(trajectory)
    if trajectory.phase != Phase.FURTHER_DIAGNOSIS:
        today = timezone.localdate()
        trajectory = take_step(
            actor=actor,
            trajectory=trajectory,
            target=Phase.FURTHER_DIAGNOSIS,
            occurred_on=min(start, today),
            reason=reason,
        )
    if practical_diagnosis and planned_end is None:
        planned_end = start + timedelta(weeks=PRACTICAL_DIAGNOSIS_WEEKS)
    return add_to_journey(
        actor,
        trajectory,
        FurtherDiagnosis,
        detail="further-diagnosis",
        kind=kind,
        practical_diagnosis=practical_diagnosis,
        start=start,
        planned_end=planned_end,
    )


@transaction.atomic
def record_ladder_step(
    *, actor, trajectory: Trajectory, moment: str, step: int, recorded_on: date | None = None
) -> LadderStep:
    """Record the candidate's step on the participatieladder at intake, a review or the end."""
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    recorded_on = recorded_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if moment not in LadderMoment.values:
        errors["moment"] = [_("Choose the moment: intake, a review or the end.")]
    if step not in LADDER_STEPS:
        errors["step"] = [_("A step on the participatieladder is a number from 1 to 6.")]
    errors.update(date_errors(trajectory, recorded_on=recorded_on))
    if errors:
        raise ValidationError(errors, code="invalid_ladder_step")
    return add_to_journey(
        actor,
        trajectory,
        LadderStep,
        detail="ladder-step",
        moment=moment,
        step=step,
        recorded_on=recorded_on,
        recorded_by=actor,
    )
