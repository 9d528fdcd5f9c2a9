"""The match lists on PostgreSQL (matching.search) answer exactly what their definitions in policies
answer over every candidate's and vacancy's facts: the same candidates and vacancies with the same
scores in the same order, and the same relaxation hints. Profiles and vacancies are varied over
every value a hard constraint reads; the scores over arrays equal policies.total_score."""

import random
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbedrijf.candidates.models import Candidate, Trajectory
from werkbedrijf.matching import arrays, policies, search, selectors, services
from werkbedrijf.matching.models import Vacancy, WorkProfile

from .conftest import vacancy_data
from .test_policies import candidate, vacancy

DAYS = ["mon", "tue", "wed", "thu", "fri"]
POSTCODES = [
    "6511AB",
    "6601AB",
    "6651CD",
    "6659AA",
    "6584XY",
    "9999ZZ",
]  # the last not in the table
SKILLS = ["orders-verzamelen", "inpakken", "samenwerken", "voorraadbeheer"]
CERTIFICATES = ["heftruck", "vca-basis", "reachtruck"]


def _some(rng, values, most=None):
    return sorted(rng.sample(values, rng.randint(0, most or len(values))))


def _often(rng, fitting, other):
    """Mostly the value that fits the usual vacancy, else ``other``: so the lists are not empty."""
    return fitting if rng.random() < 0.75 else other


def _profile(rng):
    return {
        "sector_wishes": _some(rng, ["production_logistics", "cleaning"], 1),
        "occupation_wishes": _some(rng, ["orderpicker", "magazijnmedewerker"], 1),
        "competences": [
            {"code": code, "source": rng.choice(["intake", "certificate"]), "level": 2}
            for code in _often(rng, SKILLS[:2] + CERTIFICATES[:2], [])
            + _some(rng, SKILLS + CERTIFICATES)
        ],
        "experience_years": rng.choice([None, 0, 2, 5, 9]),
        "hours_per_week": _often(rng, 40, rng.choice([None, 12, 20, 24, 28, 36])),
        "days": _often(rng, DAYS, _some(rng, DAYS)),
        "shifts": _often(rng, ["day", "evening"], _some(rng, ["day", "evening"])),
        "max_travel_km": _often(rng, 25, rng.choice([None, 0, 3, 5, 10, 15])),
        "driving_licences": _some(rng, ["B", "BE", "C", "CE"], 2),
        "dutch_level": _often(rng, "native", rng.choice(["", "A1", "A2", "B1", "B2"])),
        "limitations": _often(rng, [], _some(rng, ["long_standing", "heavy_lifting", "noise"], 2)),
        "available_from": rng.choice([None, timezone.localdate() + timedelta(days=30)]),
    }


def _vacancy(rng):
    must = _some(rng, SKILLS, 2)
    return {
        "postcode": rng.choice(["6601AB", "6511", "6651CD", "9999"]),
        "sector_group": rng.choice(["production_logistics", "cleaning"]),
        "hours_per_week": rng.choice([12, 20, 24, 28, 32]),
        "days": _some(rng, DAYS, 3),
        "shifts": _some(rng, ["day", "evening"], 1),
        "start_date": timezone.localdate() + timedelta(days=rng.choice([7, 60])),
        "employment_forms": rng.choice(
            [
                ["regular"],
                ["regular"],
                ["regular", "work_experience"],
                ["language_internship"],
                ["language_internship", "orientation"],
                [],
            ]
        ),
        "driving_licence": rng.choice(["", "", "B", "C", "BE"]),
        "certificates": _often(rng, [], _some(rng, CERTIFICATES, 2)),
        "dutch_level": rng.choice(["", "A2", "B1", "B2"]),
        "physical_demands": _often(
            rng, [], _some(rng, ["long_standing", "heavy_lifting", "noise"], 2)
        ),
        "competences_must": must,
        "competences_nice": [c for c in _some(rng, SKILLS, 2) if c not in must],
    }


@pytest.fixture
def world(make_candidate, consultant, employer):
    """Sixteen candidates (three not in the main route) and five vacancies, to be varied."""
    people = [make_candidate() for _ in range(13)]
    people += [make_candidate(main_route=False) for _ in range(3)]
    vacancies = [
        services.create_vacancy(actor=consultant, employer=employer, **vacancy_data(title=f"V{i}"))
        for i in range(5)
    ]
    return people, vacancies


def _vary(rng, people, vacancies):
    for person in people:
        Candidate.objects.filter(pk=person.pk).update(
            postcode=rng.choice(POSTCODES), refugee=rng.random() < 0.3
        )
        WorkProfile.objects.filter(candidate=person).update(**_profile(rng))
    # One candidate at work: excluded by the journey.
    Trajectory.objects.filter(candidate=people[0]).update(phase="at_work")
    for v in vacancies:
        Vacancy.objects.filter(pk=v.pk).update(**_vacancy(rng))


def _ranked(pairs):
    return [(score, facts.key) for score, facts in pairs]


def test_the_match_lists_on_postgresql_equal_their_definitions(world):
    if not search.available():
        pytest.skip("the fast match lists are for PostgreSQL")
    people, vacancies = world
    shown = hinted = 0
    for seed in range(12):
        rng = random.Random(seed)
        _vary(rng, people, vacancies)
        coords = selectors.coordinates()
        everyone = selectors.active_candidate_facts(coords)
        matchable = selectors.matchable_candidate_facts(coords)
        open_vacancies = selectors.open_vacancy_facts(coords)
        assert len(everyone) == 16 and len(open_vacancies) == 5
        for v in open_vacancies:
            for limit in (2, policies.TOP):
                expected = _ranked(policies.rank_candidates(v, everyone, limit))
                assert _ranked(search.best_candidates(v, coords, limit)) == expected, seed
                shown += len(expected)
            hints = policies.relaxation_hints(v, matchable)
            assert search.relaxation_hints(v, coords) == hints, seed
            hinted += len(hints)
        light = {c.key: c for c in search.batch_candidate_facts(coords)}
        assert light == {
            c.key: replace(c, competences=dict.fromkeys(c.competences)) for c in matchable
        }, seed
        for c in everyone:
            for limit in (1, policies.TOP):
                expected = _ranked(policies.rank_vacancies(c, open_vacancies, limit))
                assert _ranked(search.best_vacancies(c, coords, limit)) == expected, seed
    # The comparison is not empty: lists and hints were found.
    assert shown > 20 and hinted > 10, (shown, hinted)


def test_every_hard_constraint_excludes_on_postgresql_either_way(vacancy, make_candidate):
    """The base candidate fits; each variation that a hard constraint refuses is on no list."""
    if not search.available():
        pytest.skip("the fast match lists are for PostgreSQL")
    good = make_candidate()
    bad = {
        "hours": make_candidate(profile={"hours_per_week": 20}),
        "hours_unknown": make_candidate(profile={"hours_per_week": None}),
        "days": make_candidate(profile={"days": ["mon", "tue"]}),
        "shifts": make_candidate(profile={"shifts": ["evening"]}),
        "distance": make_candidate(postcode="6651AA", profile={"max_travel_km": 10}),
        "distance_unknown": make_candidate(profile={"max_travel_km": None}),
        "certificate": make_candidate(
            profile={"competences": [{"code": "orders-verzamelen", "source": "intake", "level": 2}]}
        ),
        "dutch": make_candidate(profile={"dutch_level": "A1"}),
        "dutch_unknown": make_candidate(profile={"dutch_level": ""}),
        "physical": make_candidate(profile={"limitations": ["long_standing"]}),
        "main_route": make_candidate(main_route=False),
    }
    coords = selectors.coordinates()
    v = selectors.vacancy_facts(vacancy, coords)
    assert [c.key for _s, c in search.best_candidates(v, coords)] == [str(good.uuid)]
    for name, person in bad.items():
        c = selectors.candidate_fact(person, coords)
        assert policies.exclusions(c, v), name
        assert search.best_vacancies(c, coords) == [], name
    licence = replace_vacancy(vacancy, driving_licence="C", certificates=[])
    v = selectors.vacancy_facts(licence, coords)
    assert search.best_candidates(v, coords) == []  # nobody holds C, CE includes it
    WorkProfile.objects.filter(candidate=good).update(driving_licences=["CE"])
    assert [c.key for _s, c in search.best_candidates(v, coords)] == [str(good.uuid)]
    taalstage = replace_vacancy(vacancy, employment_forms=["language_internship"])
    v = selectors.vacancy_facts(taalstage, coords)
    assert search.best_candidates(v, coords) == []
    Candidate.objects.filter(pk=good.pk).update(refugee=True)
    assert [c.key for _s, c in search.best_candidates(v, coords)] == [str(good.uuid)]


def replace_vacancy(vacancy, **changes):
    Vacancy.objects.filter(pk=vacancy.pk).update(**changes)
    return Vacancy.objects.select_related("occupation").get(pk=vacancy.pk)


# --- the scores over arrays ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.floats(51.7, 51.95), st.floats(5.5, 6.1)),
    st.integers(1, 40),
    st.one_of(st.none(), st.integers(0, 12)),
    st.sets(st.sampled_from(["orders-verzamelen", "heftruck", "inpakken", "vca-basis", "x"])),
    st.integers(0, 30),
    st.sets(st.sampled_from(["orderpicker", "kok"])),
    st.sets(st.sampled_from(["production_logistics", "cleaning"])),
    st.booleans(),
)
def test_the_scores_over_arrays_equal_total_score(
    location, hours, years, codes, km, occupations, sectors, late
):
    c = candidate(
        location=location,
        hours_per_week=hours,
        experience_years=years,
        competences=dict.fromkeys(codes, ("intake", 2)),
        max_travel_km=km,
        occupation_wishes=frozenset(occupations),
        sector_wishes=frozenset(sectors),
        available_from=date(2027, 2, 1) if late else None,
    )
    for v in [
        vacancy(),
        vacancy(competences_must=frozenset(), competences_nice=frozenset()),
        vacancy(competences_must=frozenset({"x", "inpakken"}), competences_nice=frozenset()),
        vacancy(hours_per_week=40, occupation="kok", sector_group="cleaning"),
    ]:
        have = c.competences.keys()
        categories = {
            "competences": arrays.competence_scores(
                [len(v.competences_must & have)],
                [len(v.competences_must)],
                [len(v.competences_nice & have)],
                [len(v.competences_nice)],
            ),
            "occupation": arrays.occupation_scores(
                [v.occupation in c.occupation_wishes], [v.sector_group in c.sector_wishes]
            ),
            "distance": arrays.distance_scores(
                [policies.distance_km(c.location, v.location)], [c.max_travel_km]
            ),
            "hours": arrays.hours_scores([v.hours_per_week], [c.hours_per_week]),
            "experience": arrays.experience_scores([c.experience_years or 0]),
            "requirements": arrays.requirements_scores(
                [bool(c.available_from and v.start_date and c.available_from > v.start_date)]
            ),
        }
        for name, scorer in policies.SCORERS.items():
            assert categories[name][0] == scorer(c, v), name
        assert round(float(arrays.totals(categories, 1)[0]), 1) == policies.total_score(c, v)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=60),
    st.integers(1, 25),
)
def test_the_preselection_keeps_everyone_who_may_be_among_the_best(total, limit):
    """Ranked by the rounded score and then by key, the best ``limit`` are all preselected."""
    keys = [f"k{i:03d}" for i in range(len(total))]
    best = sorted(range(len(total)), key=lambda i: (-round(total[i], 1), keys[i]))[:limit]
    assert set(best) <= set(arrays.preselect(np.array(total), limit).tolist())
