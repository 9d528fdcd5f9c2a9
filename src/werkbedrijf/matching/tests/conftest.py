"""Fixtures of the matching tests: the catalogue and PC4 table, an employer, a vacancy, and
candidates in the main route with a work profile."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer
from werkbedrijf.matching import services
from werkbedrijf.matching.catalogue import load_matching_reference_data
from werkbedrijf.utils.bsn import nth_test_bsn


@pytest.fixture
def catalogue(db):
    load_matching_reference_data()


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant,
        name="Magazijn Wijchen BV",
        kvk_number="23456789",
        sector_group="production_logistics",
    )


def vacancy_data(**changes):
    data = {
        "title": "Orderpicker dagdienst",
        "occupation": "orderpicker",
        "postcode": "6601 AB",
        "sector_group": "production_logistics",
        "hours_per_week": 24,
        "days": ["mon", "tue", "wed"],
        "shifts": ["day"],
        "start_date": timezone.localdate() + timedelta(days=14),
        "employment_forms": ["regular", "work_experience"],
        "driving_licence": "",
        "certificates": ["heftruck"],
        "dutch_level": "A2",
        "physical_demands": ["long_standing"],
        "competences_must": ["orders-verzamelen"],
        "competences_nice": ["inpakken"],
        "places": 1,
    }
    data.update(changes)
    return data


@pytest.fixture
def vacancy(catalogue, consultant, employer):
    return services.create_vacancy(actor=consultant, employer=employer, **vacancy_data())


PROFILE = {
    "sector_wishes": ["production_logistics"],
    "occupation_wishes": ["orderpicker"],
    "competences": [
        {"code": "orders-verzamelen", "source": "practical_diagnosis", "level": 3},
        {"code": "heftruck", "source": "certificate", "level": 4},
        {"code": "samenwerken", "source": "intake", "level": 2},
    ],
    "experience_years": 2,
    "hours_per_week": 32,
    "days": ["mon", "tue", "wed", "thu", "fri"],
    "shifts": ["day"],
    "max_travel_km": 15,
    "transport": ["bicycle"],
    "driving_licences": ["B"],
    "dutch_level": "B1",
    "limitations": [],
}


@pytest.fixture
def make_candidate(catalogue, case_manager, consultant, nijmegen):
    counter = iter(range(400, 10_000))

    def make(profile=None, main_route=True, postcode="6511AB", **person):
        n = next(counter)
        trajectory = candidate_services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(
                bsn=nth_test_bsn(n),
                first_name=person.pop("first_name", f"Kandidaat{n}"),
                last_name=person.pop("last_name", "Test"),
                date_of_birth=person.pop("date_of_birth", date(1990, 5, 1)),
                extra={"postcode": postcode, **person},
            ),
            referred_on=timezone.localdate() - timedelta(days=60),
        )
        steps = [("intake", {})]
        if main_route:
            steps.append(
                (
                    "main_route",
                    {"sector_group": "production_logistics", "business_consultant": consultant},
                )
            )
        for target, kwargs in steps:
            trajectory = candidate_services.take_step(
                actor=consultant,
                trajectory=trajectory,
                target=target,
                occurred_on=timezone.localdate() - timedelta(days=30),
                **kwargs,
            )
        candidate = trajectory.candidate
        if profile is not False:
            services.save_work_profile(
                actor=consultant, candidate=candidate, **{**PROFILE, **(profile or {})}
            )
        return candidate

    return make
