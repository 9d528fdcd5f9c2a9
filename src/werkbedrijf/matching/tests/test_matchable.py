"""The table of matchable candidates (MatchableCandidate) is kept exact by the database: after every
change of each of its sources (a work profile, a trajectory, a candidate, a placement; inserted,
changed and deleted, through the services and through plain queryset updates) it holds exactly
the rows computed here from the sources by their definitions. And the batch built from it
(search.batch_narrowing) is the batch built from every candidate's facts."""

import importlib
import random
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from werkbedrijf.candidates.models import Candidate, Placement, Trajectory
from werkbedrijf.matching import batch, policies, search, selectors, services
from werkbedrijf.matching.models import (
    DAY_BITS,
    DEMAND_BITS,
    SHIFT_BITS,
    MatchableCandidate,
    Vacancy,
    WorkProfile,
)

from .conftest import vacancy_data
from .test_search import _profile, _vacancy

migration = importlib.import_module("werkbedrijf.matching.migrations.0003_matchable_candidate")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the table is kept by PostgreSQL triggers"
)


def _bits(values, names) -> int:
    return sum(1 << names.index(x) for x in set(values) if x in names)


def expected() -> dict[int, dict]:
    """The rows by their definition: every trajectory in the main route without a placement that
    has not ended, whose candidate has a work profile with hours and a travel distance."""
    rows = {}
    for t in Trajectory.objects.filter(phase="main_route").select_related("candidate"):
        if Placement.objects.filter(trajectory=t, actual_end__isnull=True).exists():
            continue
        wp = WorkProfile.objects.filter(candidate=t.candidate).first()
        if wp is None or wp.hours_per_week is None or wp.max_travel_km is None:
            continue
        c = t.candidate
        rows[t.pk] = {
            "candidate_id": c.pk,
            "candidate_uuid": c.uuid,
            "pc4": c.postcode.replace(" ", "")[:4],
            "refugee": c.refugee,
            "hours_per_week": wp.hours_per_week,
            "max_travel_km": wp.max_travel_km,
            "days": _bits(wp.days, DAY_BITS),
            "shifts": _bits(wp.shifts, SHIFT_BITS),
            "limitations": _bits(wp.limitations, DEMAND_BITS),
            "dutch_rank": policies.DUTCH_RANK.get(wp.dutch_level, -1),
            "experience_years": wp.experience_years or 0,
            "available_from": wp.available_from,
            "driving_licences": wp.driving_licences,
            "competences": [x["code"] for x in wp.competences],
            "occupation_wishes": wp.occupation_wishes,
            "sector_wishes": wp.sector_wishes,
        }
    return rows


def table() -> dict[int, dict]:
    fields = [
        f.attname for f in MatchableCandidate._meta.concrete_fields if f.attname != "trajectory_id"
    ]
    return {
        row["trajectory_id"]: {f: row[f] for f in fields}
        for row in MatchableCandidate.objects.values("trajectory_id", *fields)
    }


def test_the_migration_knows_the_value_lists_of_the_bits():
    assert list(DAY_BITS) == migration.DAYS
    assert list(SHIFT_BITS) == migration.SHIFTS
    assert list(DEMAND_BITS) == migration.DEMANDS
    assert [str(x) for x in policies.DUTCH_ORDER] == migration.DUTCH


def test_every_change_of_a_source_keeps_the_table_exact(make_candidate, consultant, employer):
    people = [make_candidate() for _ in range(4)]
    intake = make_candidate(main_route=False)
    no_profile = make_candidate(profile=False)
    assert len(table()) == 4
    assert table() == expected()

    def check(what):
        assert table() == expected(), what

    # Work profiles: through the service, by a queryset update, deleted and created.
    services.save_work_profile(
        actor=consultant,
        candidate=no_profile,
        **{**_profile(random.Random(1)), "hours_per_week": 20, "max_travel_km": 10},
    )
    check("profile created")
    assert no_profile.pk in {r["candidate_id"] for r in table().values()}
    WorkProfile.objects.filter(candidate=people[0]).update(
        days=["mon", "sun", "unknown"],
        shifts=["night"],
        limitations=["noise", "walking"],
        dutch_level="C1",
        driving_licences=["CE"],
        experience_years=None,
        competences=[{"code": "heftruck", "source": "intake", "level": 1}],
        occupation_wishes=["kok"],
        sector_wishes=["cleaning"],
        available_from=timezone.localdate(),
    )
    check("profile changed")
    WorkProfile.objects.filter(candidate=people[1]).update(hours_per_week=None)
    check("hours unknown")
    WorkProfile.objects.filter(candidate=people[1]).update(hours_per_week=30, max_travel_km=None)
    check("travel distance unknown")
    WorkProfile.objects.filter(candidate=people[1]).update(max_travel_km=12)
    check("travel distance known again")
    WorkProfile.objects.filter(candidate=people[2]).delete()
    check("profile deleted")
    # Candidates: postcode and refugee status.
    Candidate.objects.filter(pk=people[3].pk).update(postcode="6601AB", refugee=True)
    check("candidate changed")
    Candidate.objects.filter(pk=people[3].pk).update(postcode="")
    check("postcode removed")
    # Trajectories: out of and into the main route, a new one, deleted.
    Trajectory.objects.filter(candidate=people[0]).update(phase="at_work")
    check("at work")
    Trajectory.objects.filter(candidate=intake).update(phase="main_route")
    check("into the main route")
    t = Trajectory.objects.get(candidate=people[0])
    Trajectory.objects.filter(pk=t.pk).update(phase="main_route")
    check("back in the main route")
    # Placements: an open one, ended, reopened, moved, deleted.
    placement = Placement.objects.create(
        trajectory=t,
        employer=employer,
        form="regular",
        start=timezone.localdate(),
        hours_per_week=24,
    )
    check("placed")
    Placement.objects.filter(pk=placement.pk).update(actual_end=timezone.localdate())
    check("placement ended")
    Placement.objects.filter(pk=placement.pk).update(actual_end=None)
    check("placement reopened")
    other = Trajectory.objects.get(candidate=people[1])
    Placement.objects.filter(pk=placement.pk).update(trajectory=other)
    check("placement moved to another trajectory")
    Placement.objects.filter(pk=placement.pk).delete()
    check("placement deleted")
    # A trajectory moved to another candidate.
    Trajectory.objects.filter(candidate=people[3]).update(
        phase="outflow", closed_on=timezone.localdate()
    )
    check("out of the journey")
    WorkProfile.objects.filter(candidate=people[3]).update(days=["mon"])
    check("profile of someone not matchable changed")
    Trajectory.objects.filter(pk=other.pk).update(candidate=people[3])
    check("trajectory moved to another candidate")
    assert people[3].pk in {r["candidate_id"] for r in table().values()}


def test_the_batch_from_the_table_is_the_batch_from_the_facts(make_candidate, consultant, employer):
    people = [make_candidate() for _ in range(14)]
    vacancies = [
        services.create_vacancy(actor=consultant, employer=employer, **vacancy_data(title=f"V{i}"))
        for i in range(6)
    ]
    filled = 0
    for seed in range(8):
        rng = random.Random(seed)
        for person in people:
            Candidate.objects.filter(pk=person.pk).update(
                postcode=rng.choice(["6511AB", "6601AB", "6651CD", "6584XY", "9999ZZ"]),
                refugee=rng.random() < 0.3,
            )
            WorkProfile.objects.filter(candidate=person).update(**_profile(rng))
        Trajectory.objects.filter(candidate=people[0]).update(phase="at_work")
        for v in vacancies:
            Vacancy.objects.filter(pk=v.pk).update(**_vacancy(rng))
        # One vacancy asks a day outside the value list: pair by pair over the facts.
        Vacancy.objects.filter(pk=vacancies[0].pk).update(days=["mon", "someday"])
        coords = selectors.coordinates()
        facts = selectors.matchable_candidate_facts(coords)
        open_vacancies = selectors.open_vacancy_facts(coords)
        narrow = search.batch_narrowing(coords)
        for vf in open_vacancies:
            expected_best = batch.Narrowing(facts).best(vf, 20)
            assert narrow.best(vf, 20) == expected_best, seed
            assert sorted(narrow.keys[i] for i in narrow.eligible(vf)) == sorted(
                c.key for c in facts if policies.is_eligible(c, vf)
            ), seed
        for size, per in ((2, 1), (5, 2)):
            a = batch.congestion_aware_shortlists(
                open_vacancies, narrow, size=size, per_candidate=per
            )
            b = batch.congestion_aware_shortlists(
                open_vacancies, facts, size=size, per_candidate=per
            )
            assert a.shortlists == b.shortlists and a.load == b.load, seed
            filled += sum(len(s.chosen) for s in a.shortlists.values())
    assert filled > 20


def test_a_vacancy_asking_a_value_without_a_bit_is_asked_of_the_work_profiles(
    make_candidate, consultant, employer
):
    """A day, shift or physical demand outside the value lists (which no form lets through) has no
    bit in the table: the match list and the hints come from the work profiles, still exact."""
    people = [make_candidate() for _ in range(3)]
    WorkProfile.objects.filter(candidate=people[0]).update(days=["mon", "tue", "wed", "someday"])
    vacancy = services.create_vacancy(actor=consultant, employer=employer, **vacancy_data())
    for days in (["mon", "someday"], ["mon", "tue", "wed"]):
        Vacancy.objects.filter(pk=vacancy.pk).update(days=days, certificates=[])
        coords = selectors.coordinates()
        (v,) = selectors.open_vacancy_facts(coords)
        everyone = selectors.active_candidate_facts(coords)
        expected = [(s, c.key) for s, c in policies.rank_candidates(v, everyone, 20)]
        assert [(s, c.key) for s, c in search.best_candidates(v, coords)] == expected
        # The counts (a hint's message names a day, which an unknown one cannot).
        only = (policies._only_exclusion(c, v) for c in selectors.matchable_candidate_facts(coords))
        hinted = Counter(x.hint for x in only if x is not None and x.hint)
        assert search.relaxation_counts(v, coords) == dict(hinted)
    assert expected and len(expected) == 3  # the last round: everyone fits
