"""Synthetic vacancies (of the synthetic employers) and work profiles (of the synthetic candidates
with an active trajectory), clearly labelled: vacancies carry synthetic=True, profiles belong to
synthetic candidates. Realistic requirements per sector group; the same for a seed."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from werkbedrijf.candidates.models import (
    CLOSED_PHASES,
    Activity,
    ActivityKind,
    ActivityStatus,
    Candidate,
    EmploymentForm,
    Trajectory,
)
from werkbedrijf.candidates.synthetic import synthetic_employers

from .catalogue import load_matching_reference_data
from .models import (
    CatalogueKind,
    Competence,
    ObtainedCertificate,
    Occupation,
    PostcodeArea,
    Vacancy,
    VacancyStatus,
    WorkProfile,
)

# Open vacancies per size (the issue: 50,000 open vacancies nationally).
VACANCIES = {"demo": 40, "region": 1_000, "national": 50_000}

DAYS = ["mon", "tue", "wed", "thu", "fri"]
# What work in each sector group tends to ask of the body.
DEMANDS = {
    "grey_green": ["outdoor", "bending_kneeling", "heavy_lifting"],
    "business_services": [],
    "cleaning": ["long_standing", "bending_kneeling", "walking"],
    "production_logistics": ["long_standing", "heavy_lifting", "work_pace", "noise"],
    "hospitality_care_retail": ["long_standing", "walking", "work_pace"],
    "construction_ict": ["heavy_lifting", "outdoor", "noise"],
}
FORMS = [
    EmploymentForm.REGULAR,
    EmploymentForm.SECONDMENT,
    EmploymentForm.TRIAL,
    EmploymentForm.WORK_EXPERIENCE,
    EmploymentForm.LANGUAGE_INTERNSHIP,
]
LEVELS = ["", "A1", "A2", "A2", "B1", "B1", "B2", "native"]
ASKED_LEVELS = ["", "", "A2", "A2", "B1"]


def _catalogue():
    occupations = list(Occupation.objects.values_list("code", "sector_group"))
    skills: dict[str, list[str]] = {}
    certificates: dict[str, list[str]] = {}
    for code, kind, group in Competence.objects.values_list("code", "kind", "sector_group"):
        target = certificates if kind == CatalogueKind.CERTIFICATE else skills
        target.setdefault(group, []).append(code)
    return occupations, skills, certificates


def _postcode(rng: random.Random, pc4s: list[str]) -> str:
    return f"{rng.choice(pc4s)}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}"


def generate_vacancies(count: int, seed: int = 2026, batch: int = 5000) -> int:
    load_matching_reference_data()
    rng = random.Random(f"vacancies-{seed}")
    employers = list(synthetic_employers().only("pk", "sector_group"))
    if not employers:
        raise ValueError("No synthetic employers: generate the population first.")
    occupations, skills, certificates = _catalogue()
    by_group: dict[str, list[str]] = {}
    for code, group in occupations:
        by_group.setdefault(group, []).append(code)
    pc4s = list(PostcodeArea.objects.values_list("pc4", flat=True))
    labels = dict(Occupation.objects.values_list("code", "label"))
    today = timezone.localdate()
    made = 0
    rows = []
    for _ in range(count):
        employer = rng.choice(employers)
        group = employer.sector_group
        occupation = rng.choice(by_group[group])
        own = skills.get(group, []) + skills.get("", [])
        asked = rng.sample(own, k=min(len(own), rng.randint(1, 4)))
        must = asked[: rng.randint(0, len(asked))]
        nice = [c for c in asked if c not in must]
        certs = certificates.get(group, []) + certificates.get("", [])
        rows.append(
            Vacancy(
                employer=employer,
                postcode=_postcode(rng, pc4s),
                title=labels[occupation],
                occupation_id=_occupation_ids()[occupation],
                sector_group=group,
                hours_per_week=rng.choice([12, 16, 20, 24, 24, 28, 32, 36]),
                days=sorted(rng.sample(DAYS, k=rng.randint(1, 4)), key=DAYS.index),
                shifts=rng.choice([["day"], ["day"], ["day"], ["evening"], ["day", "evening"]]),
                start_date=today + timedelta(days=rng.randint(0, 90)),
                employment_forms=sorted(set(rng.sample(FORMS, k=rng.randint(1, 3)))),
                driving_licence=rng.choice(["", "", "", "", "B"]),
                certificates=rng.sample(certs, k=1) if certs and rng.random() < 0.25 else [],
                dutch_level=rng.choice(ASKED_LEVELS),
                physical_demands=rng.sample(
                    DEMANDS[group], k=min(len(DEMANDS[group]), rng.randint(0, 2))
                ),
                competences_must=must,
                competences_nice=nice,
                job_agreement_suitable=rng.random() < 0.15,
                places=rng.choice([1, 1, 1, 2, 3]),
                status=VacancyStatus.OPEN,
                status_since=today,
                created_on=today,
                synthetic=True,
            )
        )
        if len(rows) >= batch:
            made += _flush(Vacancy, rows)
    return made + _flush(Vacancy, rows)


_OCCUPATION_IDS: dict[str, int] = {}


def _occupation_ids() -> dict[str, int]:
    if not _OCCUPATION_IDS:
        _OCCUPATION_IDS.update(Occupation.objects.values_list("code", "pk"))
    return _OCCUPATION_IDS


def _flush(model, rows: list) -> int:
    with transaction.atomic():
        model.objects.bulk_create(rows)
    n = len(rows)
    rows.clear()
    return n


def generate_work_profiles(seed: int = 2026, batch: int = 5000, complete: float = 0.8) -> int:
    """A work profile for every synthetic candidate with an active trajectory and none yet.
    About ``complete`` of them are complete; the others miss a part, as profiles do."""
    load_matching_reference_data()
    rng = random.Random(f"profiles-{seed}")
    occupations, skills, certificates = _catalogue()
    by_group: dict[str, list[str]] = {}
    for code, group in occupations:
        by_group.setdefault(group, []).append(code)
    active = (
        Trajectory.objects.exclude(phase__in=CLOSED_PHASES)
        .filter(candidate__synthetic=True, candidate__work_profile__isnull=True)
        .values_list("candidate_id", "sector_group")
    )
    pc4s = set(PostcodeArea.objects.values_list("pc4", flat=True))
    made = 0
    rows = []
    for candidate_id, group in active.iterator(chunk_size=batch):
        group = group or rng.choice(list(DEMANDS))
        own = skills.get(group, []) + skills.get("", [])
        certs = certificates.get(group, []) + certificates.get("", [])
        competences = [
            {
                "code": c,
                "source": rng.choice(["intake", "practical_diagnosis", "training"]),
                "level": rng.randint(1, 4),
            }
            for c in rng.sample(own, k=min(len(own), rng.randint(1, 5)))
        ] + [
            {"code": c, "source": "certificate", "level": 4}
            for c in (rng.sample(certs, k=1) if certs and rng.random() < 0.3 else [])
        ]
        profile = WorkProfile(
            candidate_id=candidate_id,
            sector_wishes=[group],
            occupation_wishes=rng.sample(by_group[group], k=1),
            competences=competences,
            experience_years=rng.choice([0, 0, 1, 2, 3, 5, 8, 12]),
            hours_per_week=rng.choice([16, 20, 24, 24, 28, 32, 36, 40]),
            days=sorted(rng.sample(DAYS, k=rng.randint(2, 5)), key=DAYS.index),
            shifts=rng.choice([["day"], ["day"], ["day", "evening"], ["day", "evening", "night"]]),
            max_travel_km=rng.choice([5, 8, 10, 10, 15, 20, 25]),
            transport=rng.sample(
                ["bicycle", "public_transport", "car", "moped"], k=rng.randint(1, 2)
            ),
            driving_licences=["B"] if rng.random() < 0.4 else [],
            dutch_level=rng.choice(LEVELS),
            limitations=rng.sample(DEMANDS["production_logistics"], k=1)
            if rng.random() < 0.15
            else [],
        )
        if rng.random() > complete:
            setattr(profile, rng.choice(["max_travel_km", "hours_per_week"]), None)
        rows.append(profile)
        if len(rows) >= batch:
            made += _flush(WorkProfile, rows)
    made += _flush(WorkProfile, rows)
    # The synthetic candidates' postcodes are made up: give those outside the PC4 table one of
    # the region's, so distances can be computed.
    _fix_postcodes(rng, sorted(pc4s), batch)
    return made


def _fix_postcodes(rng: random.Random, pc4s: list[str], batch: int) -> None:
    known = set(pc4s)
    stray = [
        (pk, code)
        for pk, code in Candidate.objects.filter(synthetic=True, work_profile__isnull=False)
        .values_list("pk", "postcode")
        .iterator(chunk_size=batch)
        if code[:4] not in known
    ]
    updates = [Candidate(pk=pk, postcode=_postcode(rng, pc4s)) for pk, _code in stray]
    for start in range(0, len(updates), batch):
        with transaction.atomic():
            Candidate.objects.bulk_update(updates[start : start + batch], ["postcode"])


# The synthetic trainings that lead to a certificate of the catalogue (candidates.synthetic's
# ACTIVITY_NAMES); most who complete one obtain it, on the day the training ended.
CERTIFICATE_OF_TRAINING = {"VCA-training": "vca-basis", "Heftruckcertificaat": "heftruck"}
PASSED = 0.8


def generate_certificates(seed: int = 2026, batch: int = 5000) -> int:
    """Certificates obtained by synthetic candidates who completed a certifying training, dated
    the training's end (so relative to today, as the population is). Only for trainings without
    one yet: safe to run again."""
    load_matching_reference_data()
    certificates = dict(
        Competence.objects.filter(
            kind=CatalogueKind.CERTIFICATE, code__in=CERTIFICATE_OF_TRAINING.values()
        ).values_list("code", "pk")
    )
    trainings = (
        Activity.objects.filter(
            kind=ActivityKind.TRAINING,
            status=ActivityStatus.COMPLETED,
            name__in=list(CERTIFICATE_OF_TRAINING),
            end__isnull=False,
            trajectory__candidate__synthetic=True,
        )
        .exclude(
            pk__in=ObtainedCertificate.objects.filter(activity__isnull=False).values("activity")
        )
        .order_by("pk")
        .values_list("pk", "trajectory_id", "name", "end")
    )
    today = timezone.localdate()
    # One certificate per trajectory and day (a constraint): two equal trainings ending the same
    # day give one.
    seen = set(
        ObtainedCertificate.objects.filter(trajectory__candidate__synthetic=True).values_list(
            "trajectory_id", "certificate_id", "obtained_on"
        )
    )
    made = 0
    rows = []
    for activity_id, trajectory_id, name, end in trainings.iterator(chunk_size=batch):
        key = (trajectory_id, certificates[CERTIFICATE_OF_TRAINING[name]], end)
        # Passed or not is decided per training, so a second run decides the same.
        passed = random.Random(f"certificates-{seed}-{activity_id}").random() <= PASSED
        if end > today or key in seen or not passed:
            continue
        seen.add(key)
        rows.append(
            ObtainedCertificate(
                trajectory_id=trajectory_id,
                certificate_id=certificates[CERTIFICATE_OF_TRAINING[name]],
                obtained_on=end,
                activity_id=activity_id,
            )
        )
        if len(rows) >= batch:
            made += _flush(ObtainedCertificate, rows)
    return made + _flush(ObtainedCertificate, rows)


def delete_synthetic_matching() -> None:
    with transaction.atomic():
        ObtainedCertificate.objects.filter(trajectory__candidate__synthetic=True).delete()
        Vacancy.objects.filter(synthetic=True).delete()
        WorkProfile.objects.filter(candidate__synthetic=True).delete()


def generate_proposals(vacancies: int = 40, per_vacancy: int = 2, seed: int = 2026) -> int:
    """Proposals for the best eligible candidates of some synthetic open vacancies, a share of them
    introduced or hired, as a consultant would have made them: so the bias monitor and the
    vacancy screens have something to show in a demo. Uses the matching's own hard constraints."""
    from werkbedrijf.accounts.models import User

    from . import selectors
    from .batch import Narrowing
    from .models import Proposal, ProposalStatus
    from .policies import is_eligible, total_score

    rng = random.Random(f"proposals-{seed}")
    consultant = User.objects.filter(username__startswith="synth-consultant").order_by("pk").first()
    if consultant is None:
        return 0
    coords = selectors.coordinates()
    everyone = selectors.active_candidate_facts(coords)
    narrow = Narrowing(everyone)
    chosen = Vacancy.objects.filter(synthetic=True, status=VacancyStatus.OPEN).order_by("pk")[
        :vacancies
    ]
    trajectories = dict(
        Trajectory.objects.exclude(phase__in=CLOSED_PHASES).values_list("candidate__uuid", "pk")
    )
    candidate_ids = dict(Candidate.objects.filter(synthetic=True).values_list("uuid", "pk"))
    today = timezone.localdate()
    taken: set[str] = set()
    rows = []
    for vacancy in chosen.select_related("occupation"):
        v = selectors.vacancy_facts(vacancy, coords)
        ranked = sorted(
            ((total_score(c, v), c.key) for c in narrow.maybe_eligible(v) if is_eligible(c, v)),
            reverse=True,
        )
        fitting = [r for r in ranked if r[1] not in taken and uuid_of(r[1]) in candidate_ids]
        for score, key in fitting[:per_vacancy]:
            taken.add(key)
            status = rng.choice(
                [ProposalStatus.PROPOSED, ProposalStatus.PROPOSED, ProposalStatus.INTRODUCED]
            )
            day = today - timedelta(days=rng.randint(0, 60))
            rows.append(
                Proposal(
                    vacancy=vacancy,
                    trajectory_id=trajectories[uuid_of(key)],
                    candidate_id=candidate_ids[uuid_of(key)],
                    status=status,
                    reason="Synthetisch voorstel (testgegevens).",
                    score=round(score, 1),
                    candidate_agrees=True if status == ProposalStatus.INTRODUCED else None,
                    candidate_view="Wil graag." if status == ProposalStatus.INTRODUCED else "",
                    proposed_on=day,
                    introduced_on=day if status == ProposalStatus.INTRODUCED else None,
                    proposed_by=consultant,
                )
            )
    return _flush(Proposal, rows)


def uuid_of(key: str):
    import uuid

    return uuid.UUID(key)
