"""The table of matchable vacancies (MatchableVacancy) is kept exact by the database: after every
change of its sources (a vacancy inserted, changed and deleted; an occupation's code) it holds
exactly the rows computed here from the vacancies by their definition. A vacancy asking a value
outside the lists of the bits is still matched by its definition."""

import importlib

import pytest
from django.db import connection

from werkbedrijf.candidates.policies import REFUGEE_ONLY_FORMS
from werkbedrijf.matching import policies, search, selectors, services
from werkbedrijf.matching.models import (
    DAY_BITS,
    DEMAND_BITS,
    SHIFT_BITS,
    MatchableVacancy,
    Occupation,
    Vacancy,
    WorkProfile,
)

from .conftest import vacancy_data

migration = importlib.import_module("werkbedrijf.matching.migrations.0004_matchable_vacancy")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the table is kept by PostgreSQL triggers"
)


def _bits(values, names) -> int:
    return sum(1 << names.index(x) for x in set(values) if x in names)


def expected() -> dict[int, dict]:
    """The rows by their definition: every open vacancy that offers an employment form."""
    rows = {}
    for v in Vacancy.objects.filter(status="open").select_related("occupation"):
        if not v.employment_forms:
            continue
        asked = ((v.days, DAY_BITS), (v.shifts, SHIFT_BITS), (v.physical_demands, DEMAND_BITS))
        rows[v.pk] = {
            "pc4": v.postcode.replace(" ", "")[:4],
            "hours_per_week": v.hours_per_week,
            "exact": all(set(values) <= set(names) for values, names in asked),
            "days": _bits(v.days, DAY_BITS),
            "shifts": _bits(v.shifts, SHIFT_BITS),
            "demands": _bits(v.physical_demands, DEMAND_BITS),
            "dutch_rank": policies.DUTCH_RANK.get(v.dutch_level, 127) if v.dutch_level else -1,
            "driving_licence": v.driving_licence,
            "certificates": v.certificates,
            "refugee_only": set(v.employment_forms) <= set(REFUGEE_ONLY_FORMS),
            "start_date": v.start_date,
            "occupation": v.occupation.code,
            "sector_group": v.sector_group,
            "competences_must": sorted(set(v.competences_must)),
            "competences_nice": sorted(set(v.competences_nice)),
            "must_count": len(set(v.competences_must)),
            "nice_count": len(set(v.competences_nice)),
        }
    return rows


def table() -> dict[int, dict]:
    fields = [
        f.attname for f in MatchableVacancy._meta.concrete_fields if f.attname != "vacancy_id"
    ]
    rows = {}
    for row in MatchableVacancy.objects.values("vacancy_id", *fields):
        row["competences_must"] = sorted(row["competences_must"])
        row["competences_nice"] = sorted(row["competences_nice"])
        rows[row.pop("vacancy_id")] = row
    return rows


def test_the_migration_knows_the_forms_only_for_a_statushouder():
    assert sorted(REFUGEE_ONLY_FORMS) == migration.REFUGEE_ONLY


def test_every_change_of_a_source_keeps_the_table_exact(catalogue, consultant, employer):
    vacancies = [
        services.create_vacancy(actor=consultant, employer=employer, **vacancy_data(title=f"V{i}"))
        for i in range(3)
    ]
    assert len(table()) == 3

    def check(what):
        assert table() == expected(), what

    check("created")
    Vacancy.objects.filter(pk=vacancies[0].pk).update(
        postcode="6511AB",
        hours_per_week=12,
        days=["sat", "sun"],
        shifts=["night", "evening"],
        physical_demands=["noise", "outdoor"],
        dutch_level="native",
        driving_licence="CE",
        certificates=["vca-basis", "heftruck"],
        employment_forms=["language_internship"],
        competences_must=["inpakken", "inpakken", "samenwerken"],
        competences_nice=[],
        sector_group="cleaning",
    )
    check("changed")
    Vacancy.objects.filter(pk=vacancies[0].pk).update(
        days=["mon", "someday"], dutch_level="", employment_forms=["regular", "orientation"]
    )
    check("a day outside the list")
    Vacancy.objects.filter(pk=vacancies[0].pk).update(days=["mon"], dutch_level="Z9")
    check("a level outside the list")
    Vacancy.objects.filter(pk=vacancies[1].pk).update(employment_forms=[])
    check("no employment form")
    Vacancy.objects.filter(pk=vacancies[1].pk).update(employment_forms=["regular"], status="filled")
    check("filled")
    Vacancy.objects.filter(pk=vacancies[1].pk).update(status="open")
    check("open again")
    Vacancy.objects.filter(pk=vacancies[1].pk).update(places=3, lock_version=7)
    check("a column the table does not read")
    Occupation.objects.filter(code="orderpicker").update(code="orderpicker-2")
    check("the occupation's code")
    other = Occupation.objects.exclude(pk=vacancies[2].occupation_id).first()
    Vacancy.objects.filter(pk=vacancies[2].pk).update(occupation=other)
    check("another occupation")
    Vacancy.objects.filter(pk=vacancies[2].pk).delete()
    check("deleted")
    assert len(table()) == 2


def test_a_vacancy_asking_a_value_without_a_bit_is_matched_by_its_definition(
    make_candidate, consultant, employer
):
    people = [make_candidate() for _ in range(3)]
    WorkProfile.objects.filter(candidate=people[0]).update(
        days=["mon", "tue", "wed", "someday"], limitations=["lifting-too"]
    )
    WorkProfile.objects.filter(candidate=people[1]).update(limitations=["long_standing"])
    vacancy = services.create_vacancy(actor=consultant, employer=employer, **vacancy_data())
    for changes in (
        {"days": ["mon", "someday"]},
        {"days": ["mon"], "physical_demands": ["lifting-too"]},
        {"physical_demands": [], "shifts": ["day", "dusk"]},
        {"shifts": ["day"]},
    ):
        Vacancy.objects.filter(pk=vacancy.pk).update(certificates=[], **changes)
        coords = selectors.coordinates()
        vacancies = selectors.open_vacancy_facts(coords)
        for person in people:
            c = selectors.candidate_fact(person, coords)
            expected = [(s, v.key) for s, v in policies.rank_vacancies(c, vacancies, 20)]
            found = [(s, v.key) for s, v in search.best_vacancies(c, coords)]
            assert found == expected, (changes, person)
    assert len(found) == 1  # the last round: everyone fits
