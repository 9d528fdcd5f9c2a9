"""What users do in the candidate journey. One transaction each; access first; every change of
personal data goes through the processing log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.employers.models import Employer
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.utils.exceptions import ConflictError

from . import policies
from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Candidate,
    CandidateMove,
    ContactAssignment,
    DiagnosisKind,
    DigitalAssessment,
    FurtherDiagnosis,
    Instrument,
    InstrumentKind,
    IntakeNote,
    JourneyStep,
    Phase,
    Placement,
    ReferralChannel,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from .policies import PersonInput

M = TypeVar("M", bound=Model)

CANDIDATE_FIELDS = (
    "initials",
    "first_name",
    "name_prefix",
    "last_name",
    "street",
    "house_number",
    "house_number_suffix",
    "postcode",
    "city",
    "phone",
    "email",
    "languages",
    "dutch_level",
    "education",
    "work_experience",
    "sector_wishes",
    "hours_per_week",
    "hours_per_day",
    "available_days",
    "functional_limitations",
    "certificates",
    "driving_licence",
    "benefit_start_date",
    "job_agreement_register",
    "refugee",
    "single_parent_child_under_5",
)


def _log(actor, action, records, channel="ui", detail=""):
    log_processing(
        actor=actor,
        action=action,
        record_type=records[0]._meta.label if records else "",
        records=records,
        purpose=REINTEGRATION,
        channel=channel,
        detail=detail,
    )


def _add_to_journey(actor, trajectory: Trajectory, model: type[M], *, detail: str, **fields) -> M:
    """Create a record of the trajectory's journey (a note, an activity, a placement, ...) and log
    it as a change of the trajectory."""
    record = model._default_manager.create(trajectory=trajectory, **fields)
    _log(actor, Action.CREATE, [trajectory], detail=detail)
    return record


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
    values = {k: person.extra[k] for k in CANDIDATE_FIELDS if k in person.extra}
    if "postcode" in values:
        values["postcode"] = policies.normalise_postcode(values["postcode"])
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
    _log(actor, Action.CREATE, [trajectory], channel=channel, detail="referral")
    return trajectory


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
    _log(
        actor,
        Action.UPDATE,
        [candidate],
        detail=f"move:{from_municipality.cbs_code}->{to_municipality.cbs_code}",
    )
    return move


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
) -> Trajectory:
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
    _log(actor, Action.UPDATE, [trajectory], detail=f"step:{target}")
    return trajectory


@transaction.atomic
def add_intake_note(
    *, actor, trajectory: Trajectory, theme: str, text: str, written_on: date | None = None
) -> IntakeNote:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")}, code="required")
    return _add_to_journey(
        actor,
        trajectory,
        IntakeNote,
        detail="intake-note",
        theme=theme,
        text=text.strip(),
        author=actor,
        written_on=written_on or timezone.localdate(),
    )


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
    _log(actor, Action.UPDATE, [candidate], detail="contact-person")
    return assignment


def units_bought(choice: LocalChoice, period_start: date, period_end: date) -> Decimal:
    """Units a municipality bought with a choice, prorated to the part of the year delivered
    under the agreement (2024: half)."""
    from werkbedrijf.agreements.policies import delivery_fraction

    if choice.quantity is None:
        return Decimal(0)
    return (choice.quantity * delivery_fraction(choice.year, period_start, period_end)).quantize(
        Decimal("0.01")
    )


def units_used(choice: LocalChoice) -> Decimal:
    return Activity.objects.filter(charged_to=choice).exclude(
        status=ActivityStatus.STOPPED
    ).aggregate(total=Sum("units"))["total"] or Decimal(0)


@transaction.atomic
def add_activity(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    start: date,
    name: str = "",
    end: date | None = None,
    charge_to: LocalChoice | None = None,
    units: Decimal = Decimal(1),
) -> tuple[Activity, str | None]:
    """Plan an activity; one bought as a local choice is charged to that municipality's units for
    that year. Returns the activity and a warning when the units are running out."""
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    from .policies import age_on

    if (
        kind == ActivityKind.MULTI_PROBLEM_27
        and age_on(trajectory.candidate.date_of_birth, start) < 27
    ):
        raise ValidationError(
            {
                "kind": _(
                    "Intensieve begeleiding multiproblematiek is only for "
                    "candidates of 27 and older."
                )
            },
            code="too_young",
        )
    warning = None
    if charge_to is not None:
        charge_to = (
            LocalChoice.objects.select_for_update()
            .select_related("municipal_agreement__agreement")
            .get(pk=charge_to.pk)
        )
        ma = charge_to.municipal_agreement
        if ma.municipality_id != trajectory.municipality_id or charge_to.year != start.year:
            raise ValidationError(
                {
                    "charge_to": _("The municipality did not buy this for %(year)s.")
                    % {"year": start.year}
                },
                code="not_bought",
            )
        agreement = ma.agreement
        bought = units_bought(charge_to, agreement.period_start, agreement.period_end)
        used = units_used(charge_to)
        if used + units > bought:
            raise ValidationError(
                {
                    "charge_to": _("The purchased units are used up: %(used)s of %(bought)s.")
                    % {"used": used, "bought": bought}
                },
                code="units_exhausted",
            )
        warning = policies.units_warning(bought, used, units)
    activity = _add_to_journey(
        actor,
        trajectory,
        Activity,
        detail="activity",
        kind=kind,
        name=name,
        start=start,
        end=end,
        charged_to=charge_to,
        units=units,
    )
    return activity, warning


@transaction.atomic
def add_placement(
    *,
    actor,
    trajectory: Trajectory,
    employer: Employer,
    form: str,
    start: date,
    planned_end: date | None,
    hours_per_week,
    with_bbl: bool = False,
    extended: bool = False,
    employment_contract: bool = False,
    wage_value_measurement: bool = False,
) -> Placement:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    facts = policies.PlacementFacts(
        form,
        start,
        planned_end,
        with_bbl,
        extended,
        employment_contract,
        trajectory.candidate.refugee,
    )
    errors = {k: [v] for k, v in policies.placement_errors(facts).items()}
    try:
        hours = Decimal(str(hours_per_week))
        if not (0 < hours <= 60):
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["hours_per_week"] = [_("Enter the hours per week (more than 0, at most 60).")]
    if errors:
        raise ValidationError(errors, code="invalid_placement")
    return _add_to_journey(
        actor,
        trajectory,
        Placement,
        detail="placement",
        employer=employer,
        form=form,
        start=start,
        planned_end=planned_end,
        hours_per_week=hours,
        with_bbl=with_bbl,
        extended=extended,
        employment_contract=employment_contract,
        wage_value_measurement=wage_value_measurement,
        job_agreement_indication=trajectory.candidate.job_agreement_register,
    )


@transaction.atomic
def add_instrument(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    start: date,
    end: date | None = None,
    amount=None,
    distance_km=None,
    **flags,
) -> Instrument:
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    candidate = Candidate.objects.select_for_update().get(pk=trajectory.candidate_id)
    spent = Instrument.objects.filter(
        trajectory__candidate=candidate, kind=InstrumentKind.TRAINING
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    amount = None if amount in (None, "") else Decimal(str(amount))
    distance = None if distance_km in (None, "") else Decimal(str(distance_km))
    facts = policies.InstrumentFacts(
        kind=kind,
        start=start,
        end=end,
        amount=amount,
        distance_km=distance,
        refugee=candidate.refugee,
        single_parent_child_under_5=candidate.single_parent_child_under_5,
        training_spent_before=spent,
        **flags,
    )
    errors = policies.instrument_errors(facts)
    if amount is not None and amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = _("An amount has at most two decimals.")
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()}, code="invalid_instrument")
    return _add_to_journey(
        actor,
        trajectory,
        Instrument,
        detail="instrument",
        kind=kind,
        start=start,
        end=end,
        amount=amount,
        distance_km=distance,
        srg_category=policies.SRG_CATEGORY[kind],
        **flags,
    )


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
    return _add_to_journey(
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
    _log(actor, Action.UPDATE, [signal.trajectory], detail="sanction-decision")
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
    return _add_to_journey(
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
    _log(actor, Action.UPDATE, [talk.trajectory], detail="three-way-talk")
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
    _log(actor, Action.CREATE, [candidate], detail="digital-assessment")
    return assessment


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
    return _add_to_journey(
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
def update_activity_status(
    *, actor, activity: Activity, status: str, end: date | None = None
) -> Activity:
    """Start, complete or stop an activity. A completed activity counts as delivered against the
    local choice it is charged to; a stopped one no longer uses its units."""
    activity = Activity.objects.select_for_update().select_related("trajectory").get(pk=activity.pk)
    if not policy.can_work_on_journey(actor, activity.trajectory):
        raise AccessDenied
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose a status.")}, code="invalid")
    if activity.status in (ActivityStatus.COMPLETED, ActivityStatus.STOPPED):
        raise ValidationError(
            {"status": _("This activity has already ended.")}, code="activity_closed"
        )
    if status in (ActivityStatus.COMPLETED, ActivityStatus.STOPPED):
        end = end or activity.end or timezone.localdate()
    if end is not None and end < activity.start:
        raise ValidationError({"end": _("The end is before the start.")}, code="invalid")
    activity.status = status
    if end is not None:
        activity.end = end
    activity.save(update_fields=["status", "end"])
    _log(actor, Action.UPDATE, [activity.trajectory], detail="activity-status")
    return activity
