"""Reading vacancies, work profiles and match lists. Every selector takes the acting user; every
match list and work profile shown is written to the processing log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import JSONObject, Substr
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.candidates.models import Candidate, ContactAssignment, Phase, Placement, Trajectory
from werkbedrijf.candidates.policies import age_on
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.utils import dates
from werkbedrijf.utils.compiled import compiled_list

from . import policies, search
from .models import (
    MAX_TRAVEL_KM,
    CatalogueKind,
    Competence,
    ObtainedCertificate,
    Occupation,
    PostcodeArea,
    Proposal,
    Vacancy,
    VacancyStatus,
    WorkProfile,
)

# --- reference data -----------------------------------------------------------------------------


def coordinates() -> dict[str, policies.Location]:
    """The PC4 table: four digits -> (latitude, longitude)."""
    return {
        pc4: (float(lat), float(lon))
        for pc4, lat, lon in PostcodeArea.objects.values_list("pc4", "latitude", "longitude")
    }


def catalogue_labels() -> dict[str, str]:
    """The labels of the occupations and competences by code, a competence's over an
    occupation's of the same code: one statement."""
    occupations = Occupation.objects.order_by().values_list("code", "label", Value(0))
    competences = Competence.objects.order_by().values_list("code", "label", Value(1))
    return {
        code: label
        for code, label, _kind in sorted(
            occupations.union(competences, all=True), key=lambda r: r[2]
        )
    }


def catalogue_codes() -> dict[str, set[str]]:
    """The known codes: occupations, competences (skills) and certificates."""
    skills: set[str] = set()
    certificates: set[str] = set()
    for code, kind in Competence.objects.values_list("code", "kind"):
        (certificates if kind == CatalogueKind.CERTIFICATE else skills).add(code)
    return {
        "occupations": set(Occupation.objects.values_list("code", flat=True)),
        "competences": skills,
        "certificates": certificates,
    }


def competences(user, sector_group: str = "") -> QuerySet[Competence]:
    """The catalogue is reference data: every staff member may read it."""
    qs = Competence.objects.all()
    if sector_group:
        qs = qs.filter(sector_group__in=[sector_group, ""])
    return qs.order_by("label")


def occupations(user, sector_group: str = "") -> QuerySet[Occupation]:
    qs = Occupation.objects.all()
    if sector_group:
        qs = qs.filter(sector_group=sector_group)
    return qs.order_by("label")


# --- vacancies -------------------------------------------------------------------------------


def vacancies(user, *, status: str = VacancyStatus.OPEN, sector_group: str = "", limit=200):
    if not policy.can_view_vacancies(user):
        return Vacancy.objects.none()
    qs = Vacancy.objects.select_related("employer", "occupation")
    if status:
        qs = qs.filter(status=status)
    if sector_group:
        qs = qs.filter(sector_group=sector_group)
    return qs.order_by("-created_on", "-id")[:limit]


def get_vacancy(user, uuid) -> Vacancy:
    if not policy.can_view_vacancies(user):
        raise Http404
    try:
        return Vacancy.objects.select_related("employer", "occupation").get(uuid=uuid)
    except (Vacancy.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def vacancy_facts(vacancy: Vacancy, coords: dict) -> policies.VacancyFacts:
    return policies.VacancyFacts(
        key=str(vacancy.uuid),
        location=coords.get(policies.pc4(vacancy.postcode)),
        occupation=vacancy.occupation.code,
        sector_group=vacancy.sector_group,
        hours_per_week=vacancy.hours_per_week,
        days=frozenset(vacancy.days),
        shifts=frozenset(vacancy.shifts),
        start_date=vacancy.start_date,
        employment_forms=frozenset(vacancy.employment_forms),
        driving_licence=vacancy.driving_licence,
        certificates=frozenset(vacancy.certificates),
        dutch_level=vacancy.dutch_level,
        physical_demands=frozenset(vacancy.physical_demands),
        competences_must=frozenset(vacancy.competences_must),
        competences_nice=frozenset(vacancy.competences_nice),
    )


VACANCY_FIELDS = (
    "uuid",
    "postcode",
    "occupation__code",
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
)


def open_vacancy_facts(
    coords: dict, sector_group: str = "", queryset: QuerySet | None = None
) -> list[policies.VacancyFacts]:
    qs = Vacancy.objects.filter(status=VacancyStatus.OPEN) if queryset is None else queryset
    if sector_group:
        qs = qs.filter(sector_group=sector_group)
    return [
        policies.VacancyFacts(
            key=str(row[0]),
            location=coords.get(policies.pc4(row[1])),
            occupation=row[2],
            sector_group=row[3],
            hours_per_week=row[4],
            days=frozenset(row[5]),
            shifts=frozenset(row[6]),
            start_date=row[7],
            employment_forms=frozenset(row[8]),
            driving_licence=row[9],
            certificates=frozenset(row[10]),
            dutch_level=row[11],
            physical_demands=frozenset(row[12]),
            competences_must=frozenset(row[13]),
            competences_nice=frozenset(row[14]),
        )
        for row in qs.values_list(*VACANCY_FIELDS)
    ]


# --- candidates as facts ------------------------------------------------------------------------

PROFILE_FIELDS = (
    "sector_wishes",
    "occupation_wishes",
    "competences",
    "experience_years",
    "hours_per_week",
    "days",
    "shifts",
    "max_travel_km",
    "transport",
    "driving_licences",
    "dutch_level",
    "limitations",
    "available_from",
)


JSON_FIELDS = tuple(
    f.name for f in WorkProfile._meta.concrete_fields if f.get_internal_type() == "JSONField"
)


def _open_placement():
    return Placement.objects.filter(trajectory=OuterRef("pk"), actual_end__isnull=True)


# No return type: the type checker infers the annotations' fields from .annotate().
def _with_profile(trajectories: QuerySet[Trajectory]):
    """The trajectories with a work profile, each with ``profile`` (the profile's fields as one
    JSON object: one decoding instead of one per JSON column) and ``has_open_placement``."""
    return trajectories.filter(candidate__work_profile__isnull=False).annotate(
        has_open_placement=Exists(_open_placement()),
        profile=JSONObject(**{name: f"candidate__work_profile__{name}" for name in PROFILE_FIELDS}),
    )


def _row(key, postcode, refugee, phase, placed, profile: dict) -> dict:
    """One plain row of a trajectory: the profile's fields and the journey's facts the hard
    constraints read."""
    for name in JSON_FIELDS:
        # SQLite's json_object() nests a JSON column as text; PostgreSQL as JSON.
        if isinstance(profile.get(name), str):
            profile[name] = json.loads(profile[name])
    if profile.get("available_from"):
        profile["available_from"] = date.fromisoformat(profile["available_from"])
    profile.update(
        key=str(key),
        postcode=postcode,
        refugee=refugee,
        in_main_route=phase == Phase.MAIN_ROUTE,
        placed=placed or phase == Phase.AT_WORK,
    )
    return profile


def candidate_rows(trajectories: QuerySet[Trajectory]) -> list[dict]:
    """One plain row per trajectory with a work profile (``_row``). Only these columns are read:
    no name, birth date or the like."""
    return [
        _row(*values)
        for values in _with_profile(trajectories).values_list(
            "candidate__uuid",
            "candidate__postcode",
            "candidate__refugee",
            "phase",
            "has_open_placement",
            "profile",
        )
    ]


# What a match list shows of a candidate: the name, and the uuid for the link and the log.
SHOWN_FIELDS = ("uuid", "first_name", "name_prefix", "last_name")


def shown_candidates(
    trajectories: QuerySet[Trajectory], coords: dict
) -> tuple[list[policies.CandidateFacts], dict[str, Candidate]]:
    """The facts of the candidates of ``trajectories`` with a work profile and, by their key,
    each candidate with only what a match list shows (SHOWN_FIELDS): one statement. The facts
    are made from the same columns as candidate_rows reads, and from nothing else."""
    qs = (
        _with_profile(trajectories)
        .select_related("candidate")
        .only(
            "phase",
            *(f"candidate__{name}" for name in (*SHOWN_FIELDS, "postcode", "refugee")),
        )
    )
    facts, people = [], {}
    for t in qs:
        person = t.candidate
        row = _row(
            person.uuid, person.postcode, person.refugee, t.phase, t.has_open_placement, t.profile
        )
        facts.append(policies.candidate_facts(row, coords.get(policies.pc4(row["postcode"]))))
        people[row["key"]] = person
    return facts, people


def facts_of(rows: list[dict], coords: dict) -> list[policies.CandidateFacts]:
    return [policies.candidate_facts(r, coords.get(policies.pc4(r["postcode"]))) for r in rows]


def active_candidate_facts(coords: dict) -> list[policies.CandidateFacts]:
    """Every candidate with an active trajectory and a work profile (the hard constraints decide
    who of them may be proposed)."""
    active = Trajectory.objects.exclude(phase__in=[Phase.OUTFLOW, Phase.RETURNED])
    return facts_of(candidate_rows(active), coords)


def matchable_candidate_facts(coords: dict) -> list[policies.CandidateFacts]:
    """The candidates the journey's hard constraint lets through (policies.check_journey): in the
    main route and without a placement that has not ended, asked of the database. Whoever else
    has an active trajectory can never be on a list, so the batch need not read them."""
    matchable = Trajectory.objects.filter(phase=Phase.MAIN_ROUTE).exclude(Exists(_open_placement()))
    return facts_of(candidate_rows(matchable), coords)


def pc4_within(coords: dict, centre: policies.Location | None, km: float) -> list[str]:
    if centre is None:
        return []
    return [code for code, point in coords.items() if policies.distance_km(centre, point) <= km]


def eligible_trajectories(v: policies.VacancyFacts, coords: dict) -> QuerySet[Trajectory]:
    """The trajectories of the candidates the database can already tell may fit the vacancy: in the main route, with
    enough hours, on every day and shift asked, within the largest travel distance there is, with
    the Dutch level asked, and no limitation the work asks. A narrowing only: the pure hard
    constraints (policies.exclusions) still decide, so a candidate passed here may be excluded
    there, never the other way round."""
    prefix = "candidate__work_profile__"
    qs = Trajectory.objects.filter(
        phase=Phase.MAIN_ROUTE,
        **{
            f"{prefix}hours_per_week__gte": v.hours_per_week,
            f"{prefix}max_travel_km__isnull": False,
        },
    ).annotate(pc4=Substr("candidate__postcode", 1, 4))
    qs = qs.filter(pc4__in=pc4_within(coords, v.location, MAX_TRAVEL_KM))
    # SQLite has no JSON containment: there the pure hard constraints alone check days and shifts.
    if v.days and connection.features.supports_json_field_contains:
        qs = qs.filter(**{f"{prefix}days__contains": sorted(v.days)})
    if v.shifts and connection.features.supports_json_field_contains:
        qs = qs.filter(**{f"{prefix}shifts__contains": sorted(v.shifts)})
    if v.physical_demands:
        qs = qs.exclude(**{f"{prefix}limitations__has_any_keys": sorted(v.physical_demands)})
    if v.dutch_level:
        allowed = [
            str(level) for level in policies.DUTCH_ORDER[policies.DUTCH_RANK[v.dutch_level] :]
        ]
        qs = qs.filter(**{f"{prefix}dutch_level__in": allowed})
    return qs


def eligible_vacancies(c: policies.CandidateFacts, coords: dict) -> QuerySet[Vacancy]:
    """The open vacancies the database can already tell the candidate may fit (a narrowing, as
    eligible_trajectories)."""
    if c.hours_per_week is None or c.max_travel_km is None:
        return Vacancy.objects.none()
    qs = Vacancy.objects.filter(status=VacancyStatus.OPEN, hours_per_week__lte=c.hours_per_week)
    qs = qs.annotate(pc4=Substr("postcode", 1, 4)).filter(
        pc4__in=pc4_within(coords, c.location, c.max_travel_km)
    )
    if connection.features.supports_json_field_contains:  # else the hard constraints alone
        qs = qs.filter(days__contained_by=sorted(c.days), shifts__contained_by=sorted(c.shifts))
    if c.limitations:
        qs = qs.exclude(physical_demands__has_any_keys=sorted(c.limitations))
    rank = policies.DUTCH_RANK.get(c.dutch_level, -1)
    return qs.filter(dutch_level__in=["", *[str(x) for x in policies.DUTCH_ORDER[: rank + 1]]])


def candidate_fact(candidate: Candidate, coords: dict) -> policies.CandidateFacts | None:
    trajectory = (
        Trajectory.objects.filter(candidate=candidate)
        .exclude(phase__in=[Phase.OUTFLOW, Phase.RETURNED])
        .order_by("-referred_on", "-id")
    )
    found = facts_of(candidate_rows(trajectory), coords)
    return found[0] if found else None


# --- match lists ----------------------------------------------------------------------------


@dataclass
class ShortlistRow:
    candidate: Candidate
    match: policies.Match


@dataclass
class Shortlist:
    vacancy: Vacancy
    rows: list[ShortlistRow]
    hints: list[policies.Hint]
    # Candidates in the main route with a work profile, when counted (for the hints).
    considered: int | None
    weights: dict[str, int]


def _log_match_list(user, candidates, detail: str, channel: str) -> None:
    """Every view of a match list is logged: one entry per candidate shown, or one for the list
    when it named nobody."""
    log_processing(
        actor=user,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=candidates,
        purpose=REINTEGRATION,
        channel=channel,
        detail=detail,
    )


def shortlist(user, vacancy: Vacancy, *, limit: int = policies.TOP, channel: str = "ui"):
    """The best candidates for a vacancy with their evidence, and what would widen the list.
    Seeing it is logged for every candidate shown."""
    policy.require(policy.can_match(user))
    coords = coordinates()
    labels = catalogue_labels()
    v = vacancy_facts(vacancy, coords)
    if search.available():
        trajectories = Trajectory.objects.filter(
            pk__in=search.preselected_candidates(v, coords, limit)
        )
    else:
        trajectories = eligible_trajectories(v, coords)
    facts, people = shown_candidates(trajectories, coords)
    ranked = policies.rank_candidates(v, facts, limit)
    rows = [ShortlistRow(people[c.key], policies.explain(c, v, labels)) for _s, c in ranked]
    hints, considered = [], None
    if len(rows) < limit:
        # Few match: which single change would widen the list, over everyone in the main route.
        # A placed candidate is excluded by the journey, which no change of the vacancy lifts, so
        # only the matchable are read; the others are counted, not read.
        # The work profile as a semi-join: both sides read in candidate order from their
        # indexes, not the trajectories joined to every profile and candidate.
        has_profile = WorkProfile.objects.filter(candidate_id=OuterRef("candidate_id"))
        considered = (
            Trajectory.objects.filter(phase=Phase.MAIN_ROUTE).filter(Exists(has_profile)).count()
        )
        if search.available():
            hints = search.relaxation_hints(v, coords, labels)
        else:
            hints = policies.relaxation_hints(v, matchable_candidate_facts(coords), labels)
    _log_match_list(
        user, [r.candidate for r in rows], f"match list of vacancy {vacancy.uuid}", channel
    )
    return Shortlist(vacancy, rows, hints, considered, dict(policies.WEIGHTS))


@dataclass
class VacancyMatch:
    vacancy: Vacancy
    match: policies.Match


def vacancies_for(user, candidate: Candidate, *, limit: int = policies.TOP, channel="ui"):
    """The best open vacancies for a candidate, with evidence (logged as a read of the
    candidate); empty when the candidate has no work profile or active trajectory."""
    policy.require(policy.can_match(user) and policy.can_view_candidate(user, candidate))
    coords = coordinates()
    c = candidate_fact(candidate, coords)
    _log_match_list(user, [candidate], "vacancies matched to the candidate", channel)
    if c is None:
        return []
    labels = catalogue_labels()
    if search.available():
        vacancies = Vacancy.objects.filter(pk__in=search.preselected_vacancies(c, coords, limit))
    else:
        vacancies = eligible_vacancies(c, coords)
    # The vacancies shown and their facts from one read.
    found = {str(v.uuid): v for v in vacancies.select_related("employer", "occupation")}
    facts = [vacancy_facts(v, coords) for v in found.values()]
    ranked = policies.rank_vacancies(c, facts, limit)
    return [VacancyMatch(found[v.key], policies.explain(c, v, labels)) for _s, v in ranked]


# --- work profiles ----------------------------------------------------------------------------


def profile_values(profile: WorkProfile | None, candidate: Candidate) -> dict:
    values = {name: getattr(profile, name) for name in PROFILE_FIELDS} if profile else {}
    if profile:
        values["experience"] = profile.experience
    values["postcode"] = candidate.postcode
    return values


def get_work_profile(user, candidate: Candidate, *, channel: str = "ui") -> WorkProfile | None:
    policy.require(policy.can_view_work_profile(user, candidate))
    found = compiled_list("matching.work_profile", _work_profile, candidate)
    profile = found[0] if found else None
    log_processing(
        actor=user,
        action=Action.READ,
        record_type="matching.WorkProfile",
        records=[profile] if profile else [],
        purpose=REINTEGRATION,
        channel=channel,
        data_subject_uuid=candidate.uuid,
        detail="work profile",
    )
    return profile


def certificates_obtained(
    user, trajectory: Trajectory, *, channel: str = "ui"
) -> list[ObtainedCertificate]:
    """The certificates the candidate obtained in the trajectory, oldest first; logged as read."""
    policy.require(policy.can_view_candidate(user, trajectory.candidate))
    # Each row's trajectory is ``trajectory`` itself (with its candidate), as a related manager
    # sets it; the SQL is compiled once per process (utils.compiled).
    found = compiled_list("matching.certificates_obtained", _certificates_obtained, trajectory)
    log_processing(
        actor=user,
        action=Action.READ,
        record_type="matching.ObtainedCertificate",
        records=found,
        purpose=REINTEGRATION,
        channel=channel,
        data_subject_uuid=trajectory.candidate.uuid,
        detail="certificates obtained",
    )
    return found


def _work_profile(candidate: Candidate) -> QuerySet[WorkProfile]:
    return WorkProfile.objects.filter(candidate=candidate)


def _certificates_obtained(trajectory: Trajectory) -> QuerySet[ObtainedCertificate]:
    return trajectory.certificates_obtained.select_related("certificate", "activity", "instrument")


def certificate_choices() -> list[tuple[str, str]]:
    return list(
        Competence.objects.filter(kind=CatalogueKind.CERTIFICATE)
        .order_by("label")
        .values_list("code", "label")
    )


@dataclass
class IncompleteProfile:
    candidate: Candidate
    score: int
    missing: list[str]


def least_complete_profiles(user, *, limit: int = 50) -> list[IncompleteProfile]:
    """The candidates of the user's caseload (whose contact person the user is) with an active
    trajectory, least complete work profile first."""
    if not policy.can_view_candidates(user):
        return []
    mine = ContactAssignment.objects.filter(contact=user, until__isnull=True).values("candidate_id")
    candidates = list(
        policy.candidate_scope(user, Candidate.objects.all())
        .filter(pk__in=mine)
        .filter(
            trajectories__phase__in=[
                Phase.INTAKE,
                Phase.FURTHER_DIAGNOSIS,
                Phase.MAIN_ROUTE,
            ]
        )
        .select_related("work_profile")
        .distinct()
    )
    rows = []
    for candidate in candidates:
        profile = getattr(candidate, "work_profile", None)
        score, missing = policies.completeness(profile_values(profile, candidate))
        rows.append(IncompleteProfile(candidate, score, missing))
    rows.sort(key=lambda r: (r.score, r.candidate.last_name, r.candidate.pk))
    rows = rows[:limit]
    _log_match_list(user, [r.candidate for r in rows], "least complete work profiles", "ui")
    return rows


# --- proposals ---------------------------------------------------------------------------------


def proposals_of_vacancy(user, vacancy: Vacancy) -> list[Proposal]:
    if not policy.can_match(user):
        return []
    rows = list(
        Proposal.objects.filter(vacancy=vacancy).select_related("candidate").order_by("-id")
    )
    _log_match_list(user, [p.candidate for p in rows], f"proposals of vacancy {vacancy.uuid}", "ui")
    return rows


def get_proposal(user, uuid) -> Proposal:
    try:
        proposal = Proposal.objects.select_related("candidate", "vacancy", "trajectory").get(
            uuid=uuid
        )
    except (Proposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not (policy.can_match(user) and policy.can_view_candidate(user, proposal.candidate)):
        raise Http404
    return proposal


def today() -> date:
    return timezone.localdate()


# --- the batch and the bias monitor ------------------------------------------------------------


@dataclass
class BatchRow:
    vacancy: Vacancy
    chosen: list[tuple[Candidate, float]]
    passed_over: list[tuple[Candidate, float]]
    eligible: int


def batch_shortlists(
    user,
    *,
    sector_group: str = "",
    size: int = 5,
    per_candidate: int = 2,
    channel: str = "ui",
    vacancies: QuerySet[Vacancy] | None = None,
) -> list[BatchRow]:
    """Shortlists for all open vacancies (of a sector group, or the region; or of ``vacancies``),
    spread so that no candidate is on more than ``per_candidate`` of them. Every candidate shown
    is logged."""
    from .batch import congestion_aware_shortlists

    policy.require(policy.can_match(user))
    coords = coordinates()
    if vacancies is not None:
        vacancies = vacancies.filter(status=VacancyStatus.OPEN)
    vacancy_facts_ = open_vacancy_facts(coords, sector_group, queryset=vacancies)
    candidates = (
        search.batch_narrowing(coords) if search.available() else matchable_candidate_facts(coords)
    )
    result = congestion_aware_shortlists(
        vacancy_facts_, candidates, size=size, per_candidate=per_candidate
    )
    keys = {k for s in result.shortlists.values() for k, _s in [*s.chosen, *s.passed_over]}
    # Only what the list shows (and the processing log reads: the uuid).
    people = {
        str(c.uuid): c
        for c in Candidate.objects.filter(uuid__in=keys).only(
            "id", "uuid", "first_name", "name_prefix", "last_name"
        )
    }
    found = {
        str(v.uuid): v
        for v in Vacancy.objects.select_related("employer")
        .filter(uuid__in=[v.key for v in vacancy_facts_])
        .only("id", "uuid", "title", "employer__id", "employer__name")
    }
    rows = [
        BatchRow(
            found[key],
            [(people[k], score) for k, score in s.chosen],
            [(people[k], score) for k, score in s.passed_over],
            s.eligible,
        )
        for key, s in result.shortlists.items()
    ]
    rows.sort(key=lambda r: (r.vacancy.title, r.vacancy.pk))
    _log_match_list(user, list(people.values()), "batch shortlists", channel)
    return rows


def bias_monitor(user, year: int, quarter: int) -> list:
    """The bias monitor for one quarter: aggregates only, small counts shown as "< 5"."""
    from . import bias

    policy.require(policy.can_view_bias_monitor(user))
    start, end = dates.quarter_bounds(year, quarter)
    active = (
        Trajectory.objects.filter(referred_on__lte=end)
        .exclude(closed_on__lt=start)
        .exclude(phase__in=[Phase.REFERRED, Phase.RETURNED])
        .values_list(
            "candidate_id",
            "municipality__name",
            "candidate__date_of_birth",
            "candidate__refugee",
            "candidate__job_agreement_register",
        )
    )
    proposed = set(
        Proposal.objects.filter(proposed_on__range=(start, end)).values_list(
            "candidate_id", flat=True
        )
    )
    introduced = set(
        Proposal.objects.filter(introduced_on__range=(start, end)).values_list(
            "candidate_id", flat=True
        )
    )
    placed = set(
        Placement.objects.filter(start__range=(start, end)).values_list(
            "trajectory__candidate_id", flat=True
        )
    )
    people = {}
    for pk, municipality, born, refugee, register in active:
        age = age_on(born, end)
        groups = {
            name
            for name, member in (
                ("under_27", age < 27),
                ("over_55", age > 55),
                ("refugee", refugee),
                ("job_agreement_register", register),
            )
            if member
        }
        people[pk] = bias.Person(
            municipality, frozenset(groups), pk in proposed, pk in introduced, pk in placed
        )
    return bias.monitor(people.values())


def find_candidate(user, uuid) -> Candidate:
    """A candidate within the user's scope, or 404; not logged here: the selector that shows
    their data logs it, after the caller checked the rule of what it shows."""
    try:
        found = policy.candidate_scope(user, Candidate.objects.all()).filter(uuid=uuid).first()
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise Http404
    return found
