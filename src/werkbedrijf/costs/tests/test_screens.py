"""The cost screens and services against the database: hours registered, the overview with its
exports, who sees which municipality, and bad input refused with nothing written."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services as candidates
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.costs import services
from werkbedrijf.costs.models import CostTask, StaffFunction, TeamAllocation, TimeEntry
from werkbedrijf.costs.reference import load_cost_catalogue
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db
YEAR = date.today().year


@pytest.fixture
def catalogue(region):
    load_cost_catalogue()


@pytest.fixture
def manager(make_user, werkbedrijf_org):
    return make_user(Role.MANAGER, werkbedrijf_org)


def _task(code):
    return CostTask.objects.get(code=code)


def _function(code):
    return StaffFunction.objects.get(code=code)


@pytest.fixture
def costs(catalogue, manager, consultant, case_manager, nijmegen, wijchen, make_user):
    """Regional hours 100 h at € 80, Nijmegen's card item 10 h, three candidates in service at
    Nijmegen and one at Wijchen."""
    services.set_hourly_rate(actor=manager, function=_function("consulent"), year=YEAR, rate=D(80))
    for week in (date(YEAR, 3, 2), date(YEAR, 3, 9)):
        services.register_hours(
            actor=consultant,
            person=consultant,
            function=_function("consulent"),
            week=week,
            task=_task("arbeidsbemiddeling"),
            hours=D(50),
        )
    services.register_hours(
        actor=manager,
        person=consultant,
        function=_function("consulent"),
        week=date(YEAR, 3, 16),
        task=_task("extra-arbeidsbemiddeling-op-locatie"),
        municipality=nijmegen,
        hours=D(10),
    )
    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    for n, (actor, municipality) in enumerate(
        [(case_manager, nijmegen)] * 3 + [(wijchen_manager, wijchen)]
    ):
        candidates.refer_candidate(
            actor=actor,
            municipality=municipality,
            person=PersonInput(
                bsn=nth_test_bsn(900 + n),
                first_name="Kost",
                last_name=f"Kandidaat {n}",
                date_of_birth=date(1990, 1, 1),
            ),
            referred_on=date(YEAR, 1, 5),
        )


def test_the_overview_shows_cost_per_task_and_per_municipality(costs, manager, client_for):
    page = client_for(manager).get(f"/kosten/?jaar={YEAR}").content.decode()
    assert "€ 8.000" in page  # arbeidsbemiddeling: 100 h × € 80
    assert "€ 6.000" in page  # Nijmegen: 3/4 of 8.000
    assert "€ 6.800" in page  # Nijmegen in total: 6.000 + 10 h × € 80
    assert "€ 2.266,67" in page  # per candidate in service at Nijmegen
    assert "€ 2.000" in page  # Wijchen: 1/4


def test_the_csv_export_starts_with_its_header(costs, manager, client_for):
    response = client_for(manager).get(f"/kosten/?jaar={YEAR}&formaat=csv&blad=gemeenten")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Gemeente;")
    assert "Nijmegen;3;800,00;6000,00;6800,00" in text


def test_a_policy_adviser_sees_only_their_own_municipality(
    costs, policy_adviser_wijchen, client_for
):
    page = client_for(policy_adviser_wijchen).get(f"/kosten/?jaar={YEAR}").content.decode()
    assert 'data-municipality="GM0296"' in page
    assert 'data-municipality="GM0268"' not in page
    assert client_for(policy_adviser_wijchen).get("/kosten/beheer/").status_code == 403
    assert client_for(policy_adviser_wijchen).get("/kosten/uren/").status_code == 403


def test_a_consultant_registers_own_hours_and_each_registration_is_logged(
    catalogue, consultant, client_for
):
    response = client_for(consultant).post(
        "/kosten/uren/",
        {
            "person": consultant.pk,
            "week": "09-12-2026",
            "task": _task("activering").pk,
            "function": _function("consulent").pk,
            "hours": "7,5",
        },
    )
    assert response.status_code == 302
    entry = TimeEntry.objects.get()
    assert entry.week == date(2026, 12, 7) and entry.hours == D("7.5")  # booked on the Monday
    assert ProcessingLogEntry.objects.filter(
        record_uuid=entry.uuid, data_subject_uuid=consultant.uuid, action="create"
    ).exists()


def test_a_consultant_cannot_register_a_colleagues_hours(
    catalogue, consultant, manager, client_for
):
    response = client_for(consultant).post(
        "/kosten/uren/",
        {
            "person": manager.pk,
            "week": "07-12-2026",
            "task": _task("activering").pk,
            "function": _function("consulent").pk,
            "hours": "4",
        },
    )
    assert response.status_code == 400  # the colleague is not a choice
    assert not TimeEntry.objects.exists()


def test_more_than_sixty_hours_in_one_week_is_refused_with_nothing_written(
    catalogue, consultant, client_for
):
    data = {
        "person": consultant.pk,
        "week": "07-12-2026",
        "task": _task("activering").pk,
        "function": _function("consulent").pk,
        "hours": "40",
    }
    client = client_for(consultant)
    assert client.post("/kosten/uren/", data).status_code == 302
    refused = client.post("/kosten/uren/", {**data, "hours": "21"})
    assert refused.status_code == 400
    assert "61 uur" in refused.content.decode()
    assert TimeEntry.objects.count() == 1


def test_a_card_item_needs_its_municipality_and_a_missing_task_is_refused(catalogue, consultant):
    with pytest.raises(ValidationError) as error:
        services.register_hours(
            actor=consultant,
            person=consultant,
            function=_function("consulent"),
            week=date(2026, 12, 7),
            task=_task("participatiecoaching"),
            hours=D(4),
        )
    assert "municipality" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.register_hours(
            actor=consultant,
            person=consultant,
            function=_function("consulent"),
            week=date(2026, 12, 7),
            task=None,
            hours=D(4),
        )
    assert "task" in error.value.message_dict
    assert not TimeEntry.objects.exists()


def test_a_rate_of_zero_is_refused_on_the_screen(catalogue, manager, client_for):
    response = client_for(manager).post(
        "/kosten/beheer/",
        {
            "rate": "1",
            "rate-function": _function("jobcoach").pk,
            "rate-year": "2026",
            "rate-rate": "0",
        },
    )
    assert response.status_code == 400
    assert "hoger dan € 0" in response.content.decode()


def test_a_scenario_outside_the_bandwidth_is_told(costs, manager, client_for):
    data = {
        "base_year": YEAR,
        "index_percent": "0",
        "reference": "50000",
        "margin": "5",
        "hours_arbeidsbemiddeling": "1000",  # 1.000 h × € 80 = € 80.000
    }
    response = client_for(manager).post("/kosten/scenario/", data)
    assert response.status_code == 400
    assert "€ 80.000" in response.content.decode()
    inside = client_for(manager).post("/kosten/scenario/", {**data, "reference": "80000"})
    assert inside.status_code == 200
    assert "data-scenario-total" in inside.content.decode()


def test_the_api_gives_the_same_figures_and_refuses_a_week_over_sixty_hours(
    costs, manager, consultant, client_for
):
    client = client_for(manager)
    body = client.get(f"/api/v1/costs?year={YEAR}").json()
    nijmegen = next(m for m in body["municipalities"] if m["name"] == "Nijmegen")
    assert (nijmegen["total"], nijmegen["perCandidate"]) == ("6800.00", "2266.67")
    entry = {
        "person": str(consultant.uuid),
        "week": f"{YEAR}-03-02",  # already 50 hours that week
        "task": "activering",
        "function": "consulent",
        "hours": "11",
    }
    refused = client.post("/api/v1/time-entries", entry, content_type="application/json")
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "hours" in str(refused.json())
    entry["hours"] = "10"
    assert (
        client.post("/api/v1/time-entries", entry, content_type="application/json").status_code
        == 201
    )


def test_the_demo_cost_data_shows_figures_for_this_year(region, consultant, manager, client_for):
    from werkbedrijf.costs.synthetic import generate_cost_data

    today = date(YEAR, 12, 7)
    assert generate_cost_data(today) > 0
    assert generate_cost_data(today) == 0  # run again: nothing twice
    assert TeamAllocation.objects.filter(team__name="Jobcoaching", year=YEAR).exists()
    page = client_for(manager).get(f"/kosten/?jaar={YEAR}").content.decode()
    assert 'data-task="arbeidsbemiddeling"' in page
    assert "data-missing-rates" not in page


def test_rates_and_direct_costs_can_be_set_through_the_api_as_on_the_screen(
    catalogue, manager, consultant, client_for
):
    client = client_for(manager)
    post = lambda path, body: client.post(path, body, content_type="application/json")  # noqa: E731
    refused = post("/api/v1/hourly-rates", {"function": "jobcoach", "year": 2026, "rate": "0"})
    assert refused.status_code == 400 and "rate" in str(refused.json())
    assert (
        post(
            "/api/v1/hourly-rates", {"function": "jobcoach", "year": 2026, "rate": "66.50"}
        ).json()["rate"]
        == "66.50"
    )
    created = post(
        "/api/v1/direct-costs",
        {"task": "activering", "year": 2026, "description": "Locatie", "amount": "1200"},
    )
    assert created.status_code == 201
    card_item = post(
        "/api/v1/direct-costs",
        {"task": "participatiecoaching", "year": 2026, "description": "X", "amount": "5"},
    )
    assert card_item.status_code == 400 and "municipality" in str(card_item.json())
    assert (
        client_for(consultant)
        .post(
            "/api/v1/direct-costs",
            {"task": "activering", "year": 2026, "description": "X", "amount": "5"},
            content_type="application/json",
        )
        .status_code
        == 403
    )


# --- a team's time allocated in fte ----------------------------------------------------------


@pytest.fixture
def jobcoaches(region):
    from werkbedrijf.organisations.models import Team, TeamKind
    from werkbedrijf.reference_data.organisations import werkbedrijf

    return Team.objects.create(
        organisation=werkbedrijf(), name="Jobcoaching", kind=TeamKind.WERKBEDRIJF
    )


def _allocation_post(team, **extra):
    data = {
        "team": team.pk,
        "function": _function("jobcoach").pk,
        "year": str(YEAR),
        "fte": "2,5",
        "hours_per_fte": "1500",
        "share_task_0": _task("arbeidsbemiddeling").pk,
        "share_percent_0": "60",
        "share_task_1": _task("activering").pk,
        "share_percent_1": "40",
    }
    return data | extra


def test_a_manager_allocates_a_teams_time_and_the_cost_per_task_counts_it(
    catalogue, manager, jobcoaches, client_for
):
    client = client_for(manager)
    services.set_hourly_rate(actor=manager, function=_function("jobcoach"), year=YEAR, rate=D(60))
    assert client.post("/kosten/teams/", _allocation_post(jobcoaches)).status_code == 302
    page = client.get(f"/kosten/teams/?jaar={YEAR}").content.decode()
    assert "Jobcoaching" in page and "60 % Arbeidsbemiddeling" in page
    overview = client.get(f"/kosten/?jaar={YEAR}").content.decode()
    assert "€ 135.000" in overview  # arbeidsbemiddeling: 2.5 × 1,500 h × 60 % × € 60
    assert "€ 90.000" in overview  # activering: 1,500 h × € 60
    csv = client.get(f"/kosten/teams/?jaar={YEAR}&formaat=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Team;")
    assert "Jobcoaching;Jobcoach;2,5" in csv
    # Saving again replaces the allocation as a whole.
    again = _allocation_post(jobcoaches, share_percent_0="100", share_task_1="", share_percent_1="")
    assert client.post("/kosten/teams/", again).status_code == 302
    allocation = TeamAllocation.objects.get()
    assert [s.percent for s in allocation.shares.all()] == [D(100)]


def test_a_split_that_is_not_whole_is_refused_with_nothing_written(
    catalogue, manager, jobcoaches, client_for
):
    response = client_for(manager).post(
        "/kosten/teams/", _allocation_post(jobcoaches, share_percent_1="30")
    )
    assert response.status_code == 400
    assert "moeten ze precies 100 % zijn" in response.content.decode()
    assert not TeamAllocation.objects.exists()


def test_a_team_allocates_or_registers_never_both(catalogue, manager, consultant, jobcoaches):
    consultant.team = jobcoaches
    consultant.save(update_fields=["team"])
    hours = {
        "actor": consultant,
        "person": consultant,
        "function": _function("jobcoach"),
        "task": _task("activering"),
        "hours": D(4),
    }
    services.register_hours(week=date(YEAR, 2, 2), **hours)
    allocate = {
        "actor": manager,
        "team": jobcoaches,
        "function": _function("jobcoach"),
        "fte": D(2),
        "hours_per_fte": D(1500),
        "shares": [services.ShareInput(_task("activering"), None, D(100))],
    }
    with pytest.raises(ValidationError) as error:
        services.allocate_team(year=YEAR, **allocate)
    assert "team" in error.value.message_dict
    assert not TeamAllocation.objects.exists()
    services.allocate_team(year=YEAR + 1, **allocate)  # no hours registered that year
    with pytest.raises(ValidationError) as error:
        services.register_hours(week=date(YEAR + 1, 2, 2), **hours)
    assert "person" in error.value.message_dict
    assert TimeEntry.objects.count() == 1


def test_the_api_sets_and_lists_a_team_allocation(
    catalogue, manager, consultant, jobcoaches, client_for, nijmegen
):
    body = {
        "team": str(jobcoaches.uuid),
        "function": "jobcoach",
        "year": YEAR,
        "fte": "3",
        "hoursPerFte": "1400",
        "shares": [
            {"task": "participatiecoaching", "municipality": str(nijmegen.uuid), "percent": "25"},
            {"task": "arbeidsbemiddeling", "percent": "75"},
        ],
    }
    client = client_for(manager)
    created = client.post("/api/v1/team-allocations", body, content_type="application/json")
    assert created.status_code == 200, created.content
    assert created.json()["hoursPerFte"] == "1400.0"
    listed = client.get(f"/api/v1/team-allocations?year={YEAR}").json()
    assert [a["team"] for a in listed["allocations"]] == [str(jobcoaches.uuid)]
    refused = client.post(
        "/api/v1/team-allocations",
        body | {"shares": [{"task": "participatiecoaching", "percent": "100"}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    assert client_for(consultant).get("/api/v1/team-allocations").status_code == 403
