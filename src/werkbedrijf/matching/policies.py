"""Pure rules of matching: distance, hard constraints, scores with evidence, ranking both ways,
relaxation hints, a work profile's completeness and the checks of a vacancy and a work profile.

No database. A candidate enters as ``CandidateFacts``, which has no field for age, sex,
nationality, country of birth, health, focus group, name or address: what is not there cannot
weigh. The one exception the Dienstenboek (bijlage B1) makes is statushouder status, which is
only the eligibility condition of a taalstage or oriëntatietraject: it is read by the hard
constraint on employment forms and by no score.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from werkbedrijf.candidates.models import DutchLevel, EmploymentForm, Weekday
from werkbedrijf.candidates.policies import REFUGEE_ONLY_FORMS

from .models import (
    MAX_HOURS_PER_WEEK,
    MAX_TRAVEL_KM,
    CompetenceSource,
    DrivingLicence,
    PhysicalDemand,
    ProposalStatus,
    Shift,
    Transport,
    VacancyStatus,
)

# --- distance -------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088

Location = tuple[float, float]  # (latitude, longitude) in degrees


@functools.lru_cache(maxsize=1 << 18)
def distance_km(a: Location, b: Location) -> float:
    """The great-circle distance between two points (haversine), in kilometres. Between PC4
    centroids: the travel distance as the crow flies, not by road.

    Cached: every location is a PC4 centroid, so a match list or a batch asks the same few
    thousand pairs millions of times (the same value each time, the arithmetic is not changed)."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def pc4(postcode: str) -> str:
    """The four digits of a postcode ("6511 AB" -> "6511"); "" when there are none."""
    digits = (postcode or "").replace(" ", "")[:4]
    return digits if len(digits) == 4 and digits.isdigit() else ""


# --- the facts --------------------------------------------------------------------------------

DUTCH_ORDER = [
    DutchLevel.A0,
    DutchLevel.A1,
    DutchLevel.A2,
    DutchLevel.B1,
    DutchLevel.B2,
    DutchLevel.C1,
    DutchLevel.C2,
    DutchLevel.NATIVE,
]
DUTCH_RANK = {str(level): rank for rank, level in enumerate(DUTCH_ORDER)}

# A licence that includes another: whoever holds CE may drive what B allows.
LICENCE_INCLUDES: dict[str, set[str]] = {
    DrivingLicence.BE: {DrivingLicence.B},
    DrivingLicence.C: {DrivingLicence.B},
    DrivingLicence.CE: {DrivingLicence.B, DrivingLicence.BE, DrivingLicence.C},
    DrivingLicence.D: {DrivingLicence.B},
}


@dataclass(frozen=True)
class CandidateFacts:
    """What the matching knows of a candidate: their work profile, where they live as a point
    (for the distance only) and the two facts of the journey that a hard constraint reads."""

    key: str
    location: Location | None
    in_main_route: bool
    placed: bool
    # Eligibility for the statushouder-only forms of bijlage B1; never part of a score.
    refugee: bool = False
    sector_wishes: frozenset[str] = frozenset()
    occupation_wishes: frozenset[str] = frozenset()
    competences: Mapping[str, tuple[str, int]] = field(
        default_factory=dict
    )  # code: (source, level)
    experience_years: int | None = None
    hours_per_week: int | None = None
    days: frozenset[str] = frozenset()
    shifts: frozenset[str] = frozenset()
    max_travel_km: int | None = None
    transport: tuple[str, ...] = ()
    driving_licences: frozenset[str] = frozenset()
    dutch_level: str = ""
    limitations: frozenset[str] = frozenset()
    available_from: date | None = None


@dataclass(frozen=True)
class VacancyFacts:
    key: str
    location: Location | None
    occupation: str
    sector_group: str
    hours_per_week: int
    days: frozenset[str] = frozenset()
    shifts: frozenset[str] = frozenset()
    start_date: date | None = None
    employment_forms: frozenset[str] = frozenset()
    driving_licence: str = ""
    certificates: frozenset[str] = frozenset()
    dutch_level: str = ""
    physical_demands: frozenset[str] = frozenset()
    competences_must: frozenset[str] = frozenset()
    competences_nice: frozenset[str] = frozenset()


# Fields of a person that are never inputs (the protected-attribute test varies exactly these).
PROTECTED_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "nationality",
    "country_of_birth",
    "health",
    "focus_groups",
    "street",
    "house_number",
    "job_agreement_register",
)


def candidate_facts(person: Mapping, location: Location | None) -> CandidateFacts:
    """The facts from a person's record as a mapping (work profile fields plus the journey's
    ``key``, ``in_main_route``, ``placed`` and ``refugee``). Every other key of ``person``,
    protected attributes included, is ignored: this function is the one door into the matching."""
    competences = {
        c["code"]: (c.get("source", ""), int(c.get("level") or 1))
        for c in person.get("competences") or ()
    }
    return CandidateFacts(
        key=str(person["key"]),
        location=location,
        in_main_route=bool(person.get("in_main_route")),
        placed=bool(person.get("placed")),
        refugee=bool(person.get("refugee")),
        sector_wishes=frozenset(person.get("sector_wishes") or ()),
        occupation_wishes=frozenset(person.get("occupation_wishes") or ()),
        competences=competences,
        experience_years=person.get("experience_years"),
        hours_per_week=person.get("hours_per_week"),
        days=frozenset(person.get("days") or ()),
        shifts=frozenset(person.get("shifts") or ()),
        max_travel_km=person.get("max_travel_km"),
        transport=tuple(person.get("transport") or ()),
        driving_licences=frozenset(person.get("driving_licences") or ()),
        dutch_level=person.get("dutch_level") or "",
        limitations=frozenset(person.get("limitations") or ()),
        available_from=person.get("available_from"),
    )


# --- hard constraints --------------------------------------------------------------------------


@dataclass(frozen=True)
class Exclusion:
    """Why a candidate cannot take a vacancy. ``hint`` groups the exclusions that one change of
    a requirement would lift (None: no change of the vacancy lifts it). The Dutch message is
    made when it is read: the hints count thousands of exclusions and show none of them."""

    code: str
    render: Callable[[], str]
    hint: str | None = None

    @property
    def message(self) -> str:
        return self.render()


DISTANCE_STEP_KM = 5
HOURS_STEP = 4


def has_licence(held: Iterable[str], asked: str) -> bool:
    return any(h == asked or asked in LICENCE_INCLUDES.get(h, set()) for h in held)


def possible_forms(c: CandidateFacts, v: VacancyFacts) -> set[str]:
    """The employment forms offered that the candidate may have (bijlage B1: taalstage and
    oriëntatietraject only for statushouders)."""
    return {f for f in v.employment_forms if c.refugee or f not in REFUGEE_ONLY_FORMS}


def check_journey(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if not c.in_main_route:
        return Exclusion("main_route", lambda: _("not in the main route"))
    if c.placed:
        return Exclusion("placed", lambda: _("already placed"))
    return None


def check_hours(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if c.hours_per_week is None:
        return Exclusion("hours", lambda: _("hours available unknown"))
    if c.hours_per_week < v.hours_per_week:
        short = v.hours_per_week - c.hours_per_week
        return Exclusion(
            "hours",
            lambda: (
                _("%(asked)s hours asked, %(available)s available")
                % {"asked": v.hours_per_week, "available": c.hours_per_week}
            ),
            "hours" if short <= HOURS_STEP else None,
        )
    return None


def check_days(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    missing = v.days - c.days
    if missing:
        hint = f"day:{next(iter(missing))}" if len(missing) == 1 else None
        return Exclusion(
            "days",
            lambda: (
                _("not available on %(days)s")
                % {
                    "days": ", ".join(
                        str(Weekday(d).label).lower() for d in sorted(missing, key=_day_order)
                    )
                }
            ),
            hint,
        )
    missing = v.shifts - c.shifts
    if missing:
        hint = f"shift:{next(iter(missing))}" if len(missing) == 1 else None
        return Exclusion(
            "shifts",
            lambda: (
                _("not available for the %(shifts)s shift")
                % {"shifts": ", ".join(str(Shift(s).label).lower() for s in sorted(missing))}
            ),
            hint,
        )
    return None


def _day_order(day: str) -> int:
    return [d.value for d in Weekday].index(day)


def check_distance(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if c.max_travel_km is None:
        return Exclusion("distance", lambda: _("maximum travel distance unknown"))
    if c.location is None or v.location is None:
        return Exclusion("distance", lambda: _("distance unknown (postcode not in the table)"))
    km = distance_km(c.location, v.location)
    if km > c.max_travel_km:
        return Exclusion(
            "distance",
            lambda: (
                _("%(km).1f km away, travels at most %(max)s km")
                % {"km": km, "max": c.max_travel_km}
            ),
            "distance" if km <= c.max_travel_km + DISTANCE_STEP_KM else None,
        )
    return None


def check_licence(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if v.driving_licence and not has_licence(c.driving_licences, v.driving_licence):
        return Exclusion(
            "licence",
            lambda: _("driving licence %(licence)s missing") % {"licence": v.driving_licence},
            f"licence:{v.driving_licence}",
        )
    return None


def check_certificates(
    c: CandidateFacts, v: VacancyFacts, labels: Mapping[str, str] | None = None
) -> Exclusion | None:
    missing = sorted(v.certificates - c.competences.keys())
    if missing:
        names = ", ".join((labels or {}).get(code, code) for code in missing)
        return Exclusion(
            "certificate",
            lambda: _("certificate missing: %(names)s") % {"names": names},
            f"certificate:{missing[0]}" if len(missing) == 1 else None,
        )
    return None


def check_dutch(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if not v.dutch_level:
        return None
    asked = DUTCH_RANK[v.dutch_level]
    has = DUTCH_RANK.get(c.dutch_level)
    if has is None:
        return Exclusion(
            "dutch", lambda: _("Dutch level unknown, %(asked)s asked") % {"asked": v.dutch_level}
        )
    if has < asked:
        return Exclusion(
            "dutch",
            lambda: (
                _("Dutch %(has)s, %(asked)s asked") % {"has": c.dutch_level, "asked": v.dutch_level}
            ),
            "dutch" if has == asked - 1 else None,
        )
    return None


def check_physical(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    beyond = sorted(v.physical_demands & c.limitations)
    if beyond:
        return Exclusion(
            "physical",
            lambda: (
                _("physical demand beyond a limitation: %(demands)s")
                % {"demands": ", ".join(str(PhysicalDemand(d).label).lower() for d in beyond)}
            ),
            f"demand:{beyond[0]}" if len(beyond) == 1 else None,
        )
    return None


def check_form(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    if not possible_forms(c, v):
        return Exclusion(
            "employment_form",
            lambda: _("none of the employment forms offered is open to this candidate"),
        )
    return None


HARD_CONSTRAINTS = (
    check_journey,
    check_hours,
    check_days,
    check_distance,
    check_licence,
    check_certificates,
    check_dutch,
    check_physical,
    check_form,
)


def exclusions(
    c: CandidateFacts, v: VacancyFacts, labels: Mapping[str, str] | None = None
) -> list[Exclusion]:
    """Every hard constraint the pair violates (empty: the candidate may be proposed)."""
    found = []
    for check in HARD_CONSTRAINTS:
        result = check_certificates(c, v, labels) if check is check_certificates else check(c, v)
        if result is not None:
            found.append(result)
    return found


def is_eligible(c: CandidateFacts, v: VacancyFacts) -> bool:
    # A plain loop, not all() over a generator: called for every pair a batch considers.
    for check in HARD_CONSTRAINTS:  # noqa: SIM110
        if check(c, v) is not None:
            return False
    return True


# --- scores with evidence ----------------------------------------------------------------------

# Weights of the categories, in percent of the total; shown with every score.
WEIGHTS = {
    "competences": 35,
    "occupation": 20,
    "distance": 15,
    "hours": 10,
    "experience": 10,
    "requirements": 10,
}
EXPERIENCE_FULL_YEARS = 5


def category_labels() -> dict[str, str]:
    return {
        "competences": _("Competences"),
        "occupation": _("Occupation and sector wish"),
        "distance": _("Distance"),
        "hours": _("Hours"),
        "experience": _("Experience"),
        "requirements": _("Requirements"),
    }


def _competence_score(c: CandidateFacts, v: VacancyFacts) -> float:
    must = v.competences_must
    nice = v.competences_nice
    if not must and not nice:
        return 1.0
    have = c.competences.keys()
    must_share = len(must & have) / len(must) if must else 1.0
    nice_share = len(nice & have) / len(nice) if nice else 1.0
    return 0.75 * must_share + 0.25 * nice_share


def _occupation_score(c: CandidateFacts, v: VacancyFacts) -> float:
    if v.occupation in c.occupation_wishes:
        return 1.0
    if v.sector_group in c.sector_wishes:
        return 0.5
    return 0.0


def _distance_score(c: CandidateFacts, v: VacancyFacts) -> float:
    if c.location is None or v.location is None or not c.max_travel_km:
        return 0.0
    return max(0.0, 1.0 - distance_km(c.location, v.location) / c.max_travel_km)


def _hours_score(c: CandidateFacts, v: VacancyFacts) -> float:
    if not c.hours_per_week:
        return 0.0
    return min(1.0, v.hours_per_week / c.hours_per_week)


def _experience_score(c: CandidateFacts, v: VacancyFacts) -> float:
    return min(c.experience_years or 0, EXPERIENCE_FULL_YEARS) / EXPERIENCE_FULL_YEARS


def _requirements_score(c: CandidateFacts, v: VacancyFacts) -> float:
    # Licence, certificates, Dutch level and physical demands are hard constraints: whoever is
    # scored meets them. Starting later than the vacancy costs half.
    if c.available_from and v.start_date and c.available_from > v.start_date:
        return 0.5
    return 1.0


SCORERS = {
    "competences": _competence_score,
    "occupation": _occupation_score,
    "distance": _distance_score,
    "hours": _hours_score,
    "experience": _experience_score,
    "requirements": _requirements_score,
}
_WEIGHT_TOTAL = sum(WEIGHTS.values())
_WEIGHTED = tuple((WEIGHTS[k], f) for k, f in SCORERS.items())


def total_score(c: CandidateFacts, v: VacancyFacts) -> float:
    """The weighted total, 0-100. Reads only the fields of the facts the categories name."""
    # The categories added one by one from 0 in their fixed order, as sum() over them did: the
    # same floating-point result, without a generator per pair.
    total: float = 0
    for weight, score in _WEIGHTED:
        total += weight * score(c, v)
    return round(total * 100 / _WEIGHT_TOTAL, 1)


@dataclass(frozen=True)
class CategoryScore:
    code: str
    label: str
    weight: int
    score: float  # 0-100
    evidence: str


@dataclass(frozen=True)
class Match:
    candidate: str
    vacancy: str
    total: float
    categories: tuple[CategoryScore, ...] = ()


def explain(c: CandidateFacts, v: VacancyFacts, labels: Mapping[str, str] | None = None) -> Match:
    """The total with every category's score, weight and evidence in Dutch."""
    labels = labels or {}
    names = category_labels()
    evidence = {
        "competences": _competence_evidence(c, v, labels),
        "occupation": _occupation_evidence(c, v, labels),
        "distance": _distance_evidence(c, v),
        "hours": _("%(asked)s hours asked, %(available)s available")
        % {"asked": v.hours_per_week, "available": c.hours_per_week},
        "experience": _("%(years)s years of work experience") % {"years": c.experience_years or 0},
        "requirements": _requirements_evidence(c, v, labels),
    }
    categories = tuple(
        CategoryScore(k, names[k], WEIGHTS[k], round(f(c, v) * 100, 1), evidence[k])
        for k, f in SCORERS.items()
    )
    return Match(c.key, v.key, total_score(c, v), categories)


def _source_label(source: str) -> str:
    try:
        return str(CompetenceSource(source).label).lower()
    except ValueError:
        return source


def _competence_evidence(c: CandidateFacts, v: VacancyFacts, labels) -> str:
    parts = []
    for kind, asked in ((_("required"), v.competences_must), (_("desired"), v.competences_nice)):
        for code in sorted(asked):
            name = labels.get(code, code)
            if code in c.competences:
                source, level = c.competences[code]
                parts.append(
                    _("%(name)s (%(kind)s) present: %(source)s, level %(level)s")
                    % {"name": name, "kind": kind, "source": _source_label(source), "level": level}
                )
            else:
                parts.append(_("%(name)s (%(kind)s) missing") % {"name": name, "kind": kind})
    return "; ".join(parts) or _("no competences asked")


def _occupation_evidence(c: CandidateFacts, v: VacancyFacts, labels) -> str:
    name = labels.get(v.occupation, v.occupation)
    if v.occupation in c.occupation_wishes:
        return _("wishes to work as %(occupation)s") % {"occupation": name}
    if v.sector_group in c.sector_wishes:
        return _("wishes to work in this sector group, not named this occupation")
    return _("neither this occupation nor this sector group wished")


def _distance_evidence(c: CandidateFacts, v: VacancyFacts) -> str:
    if c.location is None or v.location is None:
        return _("distance unknown")
    km = distance_km(c.location, v.location)
    return _("%(km).1f km as the crow flies; travels at most %(max)s km (%(transport)s)") % {
        "km": km,
        "max": c.max_travel_km,
        "transport": ", ".join(_transport_label(t) for t in c.transport) or _("transport unknown"),
    }


def _transport_label(code: str) -> str:
    try:
        return str(Transport(code).label).lower()
    except ValueError:
        return code


def _requirements_evidence(c: CandidateFacts, v: VacancyFacts, labels) -> str:
    parts = []
    if v.driving_licence:
        parts.append(
            _("driving licence %(licence)s asked and present") % {"licence": v.driving_licence}
        )
    for code in sorted(v.certificates):
        parts.append(_("%(name)s asked and present") % {"name": labels.get(code, code)})
    if v.dutch_level:
        parts.append(
            _("Dutch %(asked)s asked, %(has)s present")
            % {"asked": v.dutch_level, "has": c.dutch_level}
        )
    if v.physical_demands:
        parts.append(_("physical demands within the limitations"))
    forms = possible_forms(c, v)
    parts.append(
        _("possible as: %(forms)s")
        % {"forms": ", ".join(str(EmploymentForm(f).label) for f in sorted(forms))}
    )
    if c.available_from and v.start_date and c.available_from > v.start_date:
        parts.append(_("available only after the start date"))
    return "; ".join(parts)


# --- both ways ----------------------------------------------------------------------------------

TOP = 20


def rank_candidates(
    v: VacancyFacts, candidates: Iterable[CandidateFacts], limit: int = TOP
) -> list[tuple[float, CandidateFacts]]:
    """The best eligible candidates for a vacancy, best first (ties by key, so stable)."""
    scored = ((total_score(c, v), c) for c in candidates if is_eligible(c, v))
    return heapq.nsmallest(limit, scored, key=lambda pair: (-pair[0], pair[1].key))


def rank_vacancies(
    c: CandidateFacts, vacancies: Iterable[VacancyFacts], limit: int = TOP
) -> list[tuple[float, VacancyFacts]]:
    """The best vacancies a candidate is eligible for, best first."""
    scored = ((total_score(c, v), v) for v in vacancies if is_eligible(c, v))
    return heapq.nsmallest(limit, scored, key=lambda pair: (-pair[0], pair[1].key))


# --- relaxation hints -------------------------------------------------------------------------


@dataclass(frozen=True)
class Hint:
    key: str
    count: int
    message: str


def relaxation_hints(
    v: VacancyFacts, candidates: Iterable[CandidateFacts], labels: Mapping[str, str] | None = None
) -> list[Hint]:
    """Which single change would widen the list most: the candidates whom exactly one hard
    constraint excludes, and that constraint lifted by one step, counted per change."""
    counts: Counter[str] = Counter()
    for c in candidates:
        only = _only_exclusion(c, v)
        if only is not None and only.hint:
            counts[only.hint] += 1
    return [
        Hint(key, n, hint_message(key, n, v, labels or {}))
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _only_exclusion(c: CandidateFacts, v: VacancyFacts) -> Exclusion | None:
    """The one hard constraint that excludes the pair; None when none or more than one does (the
    checks stop at the second, where exclusions() would go on)."""
    found = None
    for check in HARD_CONSTRAINTS:
        result = check(c, v)
        if result is not None:
            if found is not None:
                return None
            found = result
    return found


def hint_message(key: str, n: int, v: VacancyFacts, labels: Mapping[str, str]) -> str:
    kind, _sep, value = key.partition(":")
    if kind == "distance":
        return _("+%(n)s candidates at %(km)s km more travel distance") % {
            "n": n,
            "km": DISTANCE_STEP_KM,
        }
    if kind == "hours":
        return _("+%(n)s candidates at up to %(h)s hours less per week") % {"n": n, "h": HOURS_STEP}
    if kind == "dutch":
        lower = DUTCH_ORDER[max(0, DUTCH_RANK[v.dutch_level] - 1)]
        return _("+%(n)s candidates at Dutch %(level)s instead of %(asked)s") % {
            "n": n,
            "level": lower,
            "asked": v.dutch_level,
        }
    if kind == "licence":
        return _("+%(n)s candidates without driving licence %(licence)s") % {
            "n": n,
            "licence": value,
        }
    if kind == "certificate":
        return _("+%(n)s candidates without the requirement %(name)s") % {
            "n": n,
            "name": labels.get(value, value),
        }
    if kind == "demand":
        return _("+%(n)s candidates without the physical demand %(demand)s") % {
            "n": n,
            "demand": str(PhysicalDemand(value).label).lower(),
        }
    if kind == "day":
        return _("+%(n)s candidates without work on %(day)s") % {
            "n": n,
            "day": str(Weekday(value).label).lower(),
        }
    if kind == "shift":
        return _("+%(n)s candidates without the %(shift)s shift") % {
            "n": n,
            "shift": str(Shift(value).label).lower(),
        }
    return f"+{n}"


# --- completeness of a work profile ---------------------------------------------------------


def completeness_items() -> list[tuple[str, str]]:
    return [
        ("sector_wishes", _("sector groups wished")),
        ("occupation_wishes", _("occupations wished")),
        ("competences", _("at least three competences")),
        ("experience", _("work experience")),
        ("hours_per_week", _("hours per week available")),
        ("days", _("days available")),
        ("max_travel_km", _("maximum travel distance")),
        ("transport", _("means of transport")),
        ("dutch_level", _("Dutch level")),
        ("available_from", _("available from")),
        ("postcode", _("postcode of the home address")),
    ]


MIN_COMPETENCES = 3


def completeness(profile: Mapping) -> tuple[int, list[str]]:
    """The share of the profile filled in (0-100) and the labels of what is missing. ``profile``
    holds the work profile's fields and the candidate's ``postcode``."""
    missing = []
    items = completeness_items()
    for name, label in items:
        value = profile.get(name)
        if name == "competences":
            filled = len(value or ()) >= MIN_COMPETENCES
        elif name == "experience":
            filled = bool(profile.get("experience_years") is not None or profile.get("experience"))
        else:
            filled = value not in (None, "", [], ())
        if not filled:
            missing.append(label)
    return round(100 * (len(items) - len(missing)) / len(items)), missing


# --- checks of what a user enters ---------------------------------------------------------------


def _unknown(codes: Iterable[str], known: Iterable[str]) -> list[str]:
    known = set(known)
    return sorted({c for c in codes if c not in known})


def vacancy_errors(
    data: Mapping,
    *,
    today: date,
    is_new: bool,
    occupations: Iterable[str],
    competences: Iterable[str],
    certificates: Iterable[str],
    known_pc4: bool,
) -> dict[str, str]:
    """Every bad field of a vacancy, with a Dutch message."""
    errors: dict[str, str] = {}
    hours = data.get("hours_per_week")
    if hours is None or not (0 < hours <= MAX_HOURS_PER_WEEK):
        errors["hours_per_week"] = _("Enter the hours per week: more than 0, at most %(max)s.") % {
            "max": MAX_HOURS_PER_WEEK
        }
    start = data.get("start_date")
    if start is None:
        errors["start_date"] = _("Enter the start date.")
    elif is_new and start < today:
        errors["start_date"] = _("The start date of a new vacancy cannot lie in the past.")
    if not (data.get("title") or "").strip():
        errors["title"] = _("Enter the title of the vacancy.")
    if (data.get("places") or 0) < 1:
        errors["places"] = _("A vacancy has at least one place.")
    if data.get("occupation") not in set(occupations):
        errors["occupation"] = _("Choose an occupation from the catalogue.")
    postcode = data.get("postcode") or ""
    if not pc4(postcode):
        errors["postcode"] = _("Enter the postcode of the work location (1234 AB or 1234).")
    elif not known_pc4:
        errors["postcode"] = _("This postcode is not in the postcode table of the region.")
    if not data.get("employment_forms"):
        errors["employment_forms"] = _("Choose at least one employment form.")
    skills = set(competences)
    for name in ("competences_must", "competences_nice"):
        unknown = _unknown(data.get(name) or (), skills | set(certificates))
        if unknown:
            errors[name] = _("Unknown competence code: %(codes)s.") % {"codes": ", ".join(unknown)}
    unknown = _unknown(data.get("certificates") or (), certificates)
    if unknown:
        errors["certificates"] = _("Unknown certificate code: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    overlap = set(data.get("competences_must") or ()) & set(data.get("competences_nice") or ())
    if overlap and "competences_nice" not in errors:
        errors["competences_nice"] = _("A competence is either required or desired, not both.")
    return errors


def profile_errors(
    data: Mapping, *, occupations: Iterable[str], competences: Iterable[str]
) -> dict[str, str]:
    """Every bad field of a work profile, with a Dutch message."""
    errors: dict[str, str] = {}
    km = data.get("max_travel_km")
    if km is not None and not (0 <= km <= MAX_TRAVEL_KM):
        errors["max_travel_km"] = _(
            "A travel distance is at most %(max)s km; enter the distance the candidate can travel."
        ) % {"max": MAX_TRAVEL_KM}
    hours = data.get("hours_per_week")
    if hours is not None and not (0 < hours <= MAX_HOURS_PER_WEEK):
        errors["hours_per_week"] = _("Enter the hours per week: more than 0, at most %(max)s.") % {
            "max": MAX_HOURS_PER_WEEK
        }
    unknown = _unknown(data.get("occupation_wishes") or (), occupations)
    if unknown:
        errors["occupation_wishes"] = _("Unknown occupation code: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    entries = data.get("competences") or ()
    unknown = _unknown((e.get("code", "") for e in entries), competences)
    if unknown:
        errors["competences"] = _("Unknown competence code: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    elif any(e.get("source") not in CompetenceSource.values for e in entries):
        errors["competences"] = _("Give the source of every competence.")
    elif any(not (1 <= int(e.get("level") or 0) <= 4) for e in entries):
        errors["competences"] = _("A competence's level is 1 to 4.")
    return errors


# --- the steps of a proposal ---------------------------------------------------------------------

# step -> the statuses it may follow. "view" records the candidate's view (agreeing or not).
PROPOSAL_STEPS = {
    "view": {"proposed"},
    "introduce": {"proposed"},
    "rejected": {"proposed", "introduced", "trial"},
    "trial": {"introduced"},
    "hired": {"introduced", "trial"},
}
OUTCOMES = ("rejected", "trial", "hired")


def proposal_step_error(status: str, step: str, candidate_agrees: bool | None) -> str | None:
    """Why ``step`` cannot follow now, or None."""
    if status not in PROPOSAL_STEPS.get(step, ()):
        return _("This step is not possible now: the proposal is %(status)s.") % {
            "status": _proposal_status_label(status)
        }
    if step == "introduce" and candidate_agrees is not True:
        return _("Record first that the candidate agrees to the introduction.")
    return None


def _proposal_status_label(status: str) -> str:
    return str(ProposalStatus(status).label).lower()


def places_left(places: int, hired: int) -> int:
    return max(0, places - hired)


# --- the status of a vacancy ---------------------------------------------------------------------

# status -> the statuses it may change to. On hold and filled may open again (an employer resumes,
# a hire ends in the trial period); a withdrawn vacancy is gone: the employer enters a new one.
VACANCY_TRANSITIONS = {
    VacancyStatus.OPEN: {VacancyStatus.ON_HOLD, VacancyStatus.FILLED, VacancyStatus.WITHDRAWN},
    VacancyStatus.ON_HOLD: {VacancyStatus.OPEN, VacancyStatus.FILLED, VacancyStatus.WITHDRAWN},
    VacancyStatus.FILLED: {VacancyStatus.OPEN},
    VacancyStatus.WITHDRAWN: set(),
}


def vacancy_status_error(current: str, new: str) -> str | None:
    """Why a vacancy in status ``current`` cannot change to ``new``, or None."""
    if new not in VacancyStatus.values:
        return _("Choose from the list.")
    if new == current:
        return _("The vacancy is already %(status)s.") % {"status": _vacancy_status_label(new)}
    if new not in VACANCY_TRANSITIONS[VacancyStatus(current)]:
        if not VACANCY_TRANSITIONS[VacancyStatus(current)]:
            return _("A withdrawn vacancy cannot change any more; enter a new vacancy.")
        return _("A vacancy that is %(current)s cannot become %(new)s.") % {
            "current": _vacancy_status_label(current),
            "new": _vacancy_status_label(new),
        }
    return None


def _vacancy_status_label(status: str) -> str:
    return str(VacancyStatus(status).label).lower()
