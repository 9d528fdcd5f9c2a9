"""What users do with vacancies, work profiles and proposals. One transaction each; access first;
one ValidationError naming every bad field; a second decision on a proposal that someone else
already decided meets DecidedElsewhere (409 in the API). A hire creates the placement through the candidates app."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates.models import (
    Candidate,
    DutchLevel,
    EmploymentForm,
    Phase,
    Trajectory,
    Weekday,
)
from werkbedrijf.candidates.services.common import add_to_journey, date_errors
from werkbedrijf.candidates.services.placements import add_placement
from werkbedrijf.employers.models import Employer, SectorGroup
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import EMPLOYER_SERVICES, REINTEGRATION, log_processing
from werkbedrijf.utils.exceptions import ConflictError, DecidedElsewhere

from . import policies, selectors
from .models import (
    CatalogueKind,
    Competence,
    CompetenceSource,
    DrivingLicence,
    ObtainedCertificate,
    Occupation,
    PhysicalDemand,
    PostcodeArea,
    Proposal,
    ProposalStatus,
    Shift,
    Transport,
    Vacancy,
    VacancyStatus,
    WorkProfile,
)

LIST_CHOICES = {
    "days": set(Weekday.values),
    "shifts": set(Shift.values),
    "employment_forms": set(EmploymentForm.values),
    "physical_demands": set(PhysicalDemand.values),
    "limitations": set(PhysicalDemand.values),
    "transport": set(Transport.values),
    "driving_licences": set(DrivingLicence.values),
    "sector_wishes": set(SectorGroup.values),
}


def _choice_errors(data: dict) -> dict[str, str]:
    errors = {}
    for name, allowed in LIST_CHOICES.items():
        values = data.get(name)
        if values is None:
            continue
        if not isinstance(values, list | tuple) or any(v not in allowed for v in values):
            errors[name] = _("Choose from the list.")
    level = data.get("dutch_level")
    if level and level not in DutchLevel.values:
        errors["dutch_level"] = _("Choose from the list.")
    return errors


def _raise(errors: dict[str, str], code: str) -> None:
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()}, code=code)


def _postcode(value: str) -> str:
    return (value or "").replace(" ", "").upper()


# --- vacancies ----------------------------------------------------------------------------------

VACANCY_FIELDS = (
    "title",
    "postcode",
    "sector_group",
    "hours_per_week",
    "days",
    "shifts",
    "start_date",
    "employment_forms",
    "driving_licence",
    "certificates",
    "dutch_level",
    "physical_demands",
    "competences_must",
    "competences_nice",
    "job_agreement_suitable",
    "places",
)


@transaction.atomic
def create_vacancy(*, actor, employer: Employer, occupation: str, **data) -> Vacancy:
    """Enter a vacancy of an employer. ``occupation`` is a code of the catalogue."""
    if not policy.can_manage_vacancies(actor):
        raise AccessDenied
    data = {k: v for k, v in data.items() if k in VACANCY_FIELDS}
    data["postcode"] = _postcode(data.get("postcode", ""))
    today = timezone.localdate()
    codes = selectors.catalogue_codes()
    errors = policies.vacancy_errors(
        {**data, "occupation": occupation},
        today=today,
        is_new=True,
        occupations=codes["occupations"],
        competences=codes["competences"],
        certificates=codes["certificates"],
        known_pc4=PostcodeArea.objects.filter(pk=policies.pc4(data["postcode"])).exists(),
    )
    for name, message in _choice_errors(data).items():
        errors.setdefault(name, message)
    if data.get("driving_licence") and data["driving_licence"] not in DrivingLicence.values:
        errors.setdefault("driving_licence", _("Choose from the list."))
    if data.get("sector_group") not in SectorGroup.values:
        errors.setdefault("sector_group", _("Choose from the list."))
    _raise(errors, "invalid_vacancy")
    vacancy = Vacancy.objects.create(
        employer=employer,
        occupation=Occupation.objects.get(code=occupation),
        status=VacancyStatus.OPEN,
        status_since=today,
        created_on=today,
        created_by=actor,
        **data,
    )
    _log_employer(actor, vacancy, Action.CREATE)
    return vacancy


def _log_employer(actor, vacancy: Vacancy, action: str) -> None:
    log_processing(
        actor=actor,
        action=action,
        record_type="matching.Vacancy",
        records=[vacancy],
        purpose=EMPLOYER_SERVICES,
        detail="vacancy",
    )


@transaction.atomic
def change_vacancy_status(*, actor, vacancy: Vacancy, status: str, version: int) -> Vacancy:
    """Put a vacancy on hold, open it again, mark it filled or withdraw it, as
    ``policies.VACANCY_TRANSITIONS`` allows; the date of the change is recorded. ``version``: the
    vacancy's lock_version the user saw."""
    if not policy.can_manage_vacancies(actor):
        raise AccessDenied
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.lock_version != version:
        raise DecidedElsewhere(
            _(
                "Someone else changed this vacancy after you read it; nothing was saved. Look "
                "at its current status and choose again."
            )
        )
    error = policies.vacancy_status_error(locked.status, status)
    _raise({"status": error} if error else {}, "invalid_status")
    locked.status = status
    locked.status_since = timezone.localdate()
    locked.lock_version += 1
    locked.save(update_fields=["status", "status_since", "lock_version"])
    _log_employer(actor, locked, Action.UPDATE)
    return locked


# --- work profiles -------------------------------------------------------------------------------

PROFILE_FIELDS = (*selectors.PROFILE_FIELDS, "experience")


@transaction.atomic
def save_work_profile(*, actor, candidate: Candidate, version: int | None = None, **data):
    """Create or replace the candidate's work profile. ``version``: the profile's lock_version
    the user saw (None for a new profile, or to skip the check in an import)."""
    if not policy.can_edit_work_profile(actor, candidate):
        raise AccessDenied
    data = {k: v for k, v in data.items() if k in PROFILE_FIELDS}
    codes = selectors.catalogue_codes()
    errors = policies.profile_errors(
        data,
        occupations=codes["occupations"],
        competences=codes["competences"] | codes["certificates"],
    )
    for name, message in _choice_errors(data).items():
        errors.setdefault(name, message)
    _raise(errors, "invalid_work_profile")
    Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
    profile = WorkProfile.objects.select_for_update().filter(candidate=candidate).first()
    if profile is not None and version is not None and profile.lock_version != version:
        raise ConflictError
    if profile is None:
        profile = WorkProfile(candidate=candidate)
        action = Action.CREATE
    else:
        profile.lock_version += 1
        action = Action.UPDATE
    if "competences" in data:
        data["competences"] = [
            {"code": e["code"], "source": e["source"], "level": int(e.get("level") or 1)}
            for e in data["competences"]
        ]
    for name, value in data.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["candidate"])
    profile.save()
    log_processing(
        actor=actor,
        action=action,
        record_type="matching.WorkProfile",
        records=[profile],
        purpose=REINTEGRATION,
        detail="work profile",
    )
    return profile


# --- certificates obtained -----------------------------------------------------------------------


def _certificate_errors(trajectory, certificate, obtained_on, activity, instrument, today):
    errors: dict[str, str] = {}
    if certificate is None:
        errors["certificate"] = _("Choose a certificate from the catalogue.")
    if obtained_on is None:
        errors["obtained_on"] = _("Enter the date the certificate was obtained.")
    elif obtained_on > today:
        errors["obtained_on"] = _("A certificate cannot be obtained in the future.")
    else:
        # Before the referral or after the end of the trajectory: not obtained in it. A closed
        # trajectory still takes a certificate obtained before its end, recorded late.
        for name, messages in date_errors(trajectory, obtained_on=obtained_on).items():
            errors[name] = messages[0]
    if activity is not None and instrument is not None:
        errors["instrument"] = _("Name the training or the instrument, not both.")
    for name, record in (("activity", activity), ("instrument", instrument)):
        if record is not None and record.trajectory_id != trajectory.pk:
            errors[name] = _("This is not a record of this trajectory.")
    if (
        not errors
        and ObtainedCertificate.objects.filter(
            trajectory=trajectory, certificate=certificate, obtained_on=obtained_on
        ).exists()
    ):
        errors["certificate"] = _("This certificate is already recorded for this day.")
    return errors


def _add_to_work_profile(actor, candidate: Candidate, code: str) -> None:
    """A certificate obtained is a competence of the work profile with source certificate (if
    the candidate has a profile; none is made for it)."""
    profile = WorkProfile.objects.select_for_update().filter(candidate=candidate).first()
    if profile is None:
        return
    entries = list(profile.competences)
    found = next((e for e in entries if e.get("code") == code), None)
    if found is not None and found.get("source") == CompetenceSource.CERTIFICATE:
        return
    if found is None:
        entries.append({"code": code, "source": CompetenceSource.CERTIFICATE, "level": 4})
    else:
        found["source"] = CompetenceSource.CERTIFICATE
    profile.competences = entries
    profile.lock_version += 1
    profile.save(update_fields=["competences", "lock_version", "updated_at"])
    log_processing(
        actor=actor,
        action=Action.UPDATE,
        record_type="matching.WorkProfile",
        records=[profile],
        purpose=REINTEGRATION,
        detail="certificate obtained",
    )


@transaction.atomic
def record_certificate(
    *,
    actor,
    trajectory: Trajectory,
    certificate: str,
    obtained_on: date | None,
    activity=None,
    instrument=None,
) -> ObtainedCertificate:
    """Record a certificate of the catalogue the candidate obtained in the trajectory (not in the
    future, not before the referral or after the trajectory ended; a closed trajectory still takes
    one obtained before its end). ``activity`` / ``instrument``: the training it came from, of the
    same trajectory. The certificate also enters the work profile, if there is one."""
    if not policy.can_work_on_journey(actor, trajectory):
        raise AccessDenied
    # One recording at a time per trajectory, so the check for a double one holds.
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    found = Competence.objects.filter(code=certificate, kind=CatalogueKind.CERTIFICATE).first()
    errors = _certificate_errors(
        trajectory, found, obtained_on, activity, instrument, timezone.localdate()
    )
    _raise(errors, "invalid_certificate")
    assert found is not None  # a missing certificate is among the errors raised above
    record = add_to_journey(
        actor,
        trajectory,
        ObtainedCertificate,
        detail="certificate",
        certificate=found,
        obtained_on=obtained_on,
        activity=activity,
        instrument=instrument,
        recorded_by=actor,
    )
    _add_to_work_profile(actor, trajectory.candidate, found.code)
    return record


# --- proposals ------------------------------------------------------------------------------


def _log_proposal(actor, proposal: Proposal, action: str, detail: str) -> None:
    log_processing(
        actor=actor,
        action=action,
        record_type="matching.Proposal",
        records=[proposal],
        purpose=REINTEGRATION,
        detail=detail,
    )


@transaction.atomic
def propose_candidate(*, actor, vacancy: Vacancy, candidate: Candidate, reason: str) -> Proposal:
    """A consultant proposes a candidate for a vacancy, with a reason. Refused when a hard
    constraint excludes the candidate, or the vacancy is not open."""
    if not (policy.can_match(actor) and policy.can_view_candidate(actor, candidate)):
        raise AccessDenied
    vacancy = Vacancy.objects.select_for_update().select_related("occupation").get(pk=vacancy.pk)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the proposal.")
    if vacancy.status != VacancyStatus.OPEN:
        errors["vacancy"] = _("The vacancy is not open.")
    coords = selectors.coordinates()
    c = selectors.candidate_fact(candidate, coords)
    v = selectors.vacancy_facts(vacancy, coords)
    score = 0.0
    if c is None:
        errors["candidate"] = _("The candidate has no work profile or no active trajectory.")
    else:
        found = policies.exclusions(c, v, selectors.catalogue_labels())
        if found:
            errors["candidate"] = _("A hard constraint excludes this candidate: %(reasons)s.") % {
                "reasons": "; ".join(e.message for e in found)
            }
        score = policies.total_score(c, v)
    if Proposal.objects.filter(
        vacancy=vacancy, candidate=candidate, status__in=["proposed", "introduced", "trial"]
    ).exists():
        errors.setdefault("candidate", _("This candidate is already proposed for this vacancy."))
    _raise(errors, "invalid_proposal")
    # The hard constraints passed, so the candidate is in the main route.
    trajectory = Trajectory.objects.filter(candidate=candidate, phase=Phase.MAIN_ROUTE).latest(
        "referred_on", "id"
    )
    proposal = Proposal.objects.create(
        vacancy=vacancy,
        trajectory=trajectory,
        candidate=candidate,
        reason=reason.strip(),
        score=score,
        proposed_on=timezone.localdate(),
        proposed_by=actor,
    )
    _log_proposal(actor, proposal, Action.CREATE, "proposal")
    return proposal


def _locked(proposal: Proposal, version: int, actor) -> Proposal:
    if not policy.can_decide_proposal(actor, proposal):
        raise AccessDenied
    locked = (
        Proposal.objects.select_for_update()
        .select_related("vacancy", "trajectory", "candidate")
        .get(pk=proposal.pk)
    )
    if locked.lock_version != version:
        raise DecidedElsewhere(
            _(
                "Someone else decided on this proposal after you read it; nothing was saved. "
                "Look at the current state and decide again."
            )
        )
    return locked


def _step(locked: Proposal, step: str) -> None:
    error = policies.proposal_step_error(locked.status, step, locked.candidate_agrees)
    _raise({"status": error} if error else {}, "invalid_step")


def _save(actor, locked: Proposal, detail: str, *fields: str) -> Proposal:
    locked.lock_version += 1
    locked.save(update_fields=[*fields, "lock_version"])
    _log_proposal(actor, locked, Action.UPDATE, detail)
    return locked


@transaction.atomic
def record_candidate_view(
    *, actor, proposal: Proposal, version: int, view: str, agrees: bool
) -> Proposal:
    """What the candidate thinks of the proposal. Not agreeing withdraws it."""
    locked = _locked(proposal, version, actor)
    _step(locked, "view")
    _raise(
        {"view": _("Write down the candidate's view.")} if not (view or "").strip() else {},
        "invalid_view",
    )
    locked.candidate_view = view.strip()
    locked.candidate_agrees = agrees
    if not agrees:
        locked.status = ProposalStatus.WITHDRAWN
        locked.decided_on = timezone.localdate()
        locked.decided_by = actor
    return _save(
        actor,
        locked,
        "candidate's view",
        "candidate_view",
        "candidate_agrees",
        "status",
        "decided_on",
        "decided_by",
    )


@transaction.atomic
def introduce(*, actor, proposal: Proposal, version: int, introduced_on: date | None = None):
    """The consultant introduced the candidate to the employer (the system contacts nobody)."""
    locked = _locked(proposal, version, actor)
    _step(locked, "introduce")
    day = introduced_on or timezone.localdate()
    if day < locked.proposed_on or day > timezone.localdate():
        _raise(
            {"introduced_on": _("The introduction lies between the proposal and today.")},
            "invalid_date",
        )
    locked.status = ProposalStatus.INTRODUCED
    locked.introduced_on = day
    return _save(actor, locked, "introduction", "status", "introduced_on")


@transaction.atomic
def record_outcome(
    *,
    actor,
    proposal: Proposal,
    version: int,
    outcome: str,
    reason: str = "",
    form: str = "",
    start: date | None = None,
    planned_end: date | None = None,
) -> Proposal:
    """The employer's answer: rejected (with a reason), a trial place, or hired. A hire needs a
    place left on the vacancy and creates the placement through the candidates app."""
    locked = _locked(proposal, version, actor)
    if outcome not in policies.OUTCOMES:
        _raise({"outcome": _("Choose from the list.")}, "invalid_outcome")
    _step(locked, outcome)
    errors = {}
    if outcome == ProposalStatus.REJECTED and not (reason or "").strip():
        errors["reason"] = _("Give the reason for the rejection.")
    vacancy = None
    if outcome == ProposalStatus.HIRED:
        vacancy = Vacancy.objects.select_for_update().get(pk=locked.vacancy.pk)
        hired = Proposal.objects.filter(vacancy=vacancy, status=ProposalStatus.HIRED).count()
        if policies.places_left(vacancy.places, hired) == 0:
            errors["outcome"] = _("The vacancy has no places left.")
        if form not in vacancy.employment_forms:
            errors["form"] = _("Choose one of the employment forms the vacancy offers.")
        if start is None:
            errors["start"] = _("Enter the start date of the placement.")
    _raise(errors, "invalid_outcome")
    locked.status = outcome
    locked.outcome_reason = (reason or "").strip()
    locked.decided_on = timezone.localdate()
    locked.decided_by = actor
    fields = ["status", "outcome_reason", "decided_on", "decided_by"]
    if vacancy is not None and start is not None:
        locked.placement = add_placement(
            actor=actor,
            trajectory=locked.trajectory,
            employer=vacancy.employer,
            form=form,
            start=start,
            planned_end=planned_end,
            hours_per_week=vacancy.hours_per_week,
        )
        fields.append("placement")
        if hired + 1 >= vacancy.places:
            vacancy.status = VacancyStatus.FILLED
            vacancy.status_since = timezone.localdate()
            vacancy.lock_version += 1
            vacancy.save(update_fields=["status", "status_since", "lock_version"])
    return _save(actor, locked, f"outcome {outcome}", *fields)
