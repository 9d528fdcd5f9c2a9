"""Each role's start page: every count matches the rows of the list it links to (followed as a
user would), and figures about people are "< 5" for roles that may not see the persons."""

import re
from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.urls import reverse

from werkbedrijf.accounts.models import Role
from werkbedrijf.accounts.services import create_staff_account
from werkbedrijf.agreements import selectors as agreement_selectors
from werkbedrijf.agreements import services as agreement_services
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.candidates.models import (
    CLOSED_PHASES,
    Phase,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from werkbedrijf.candidates.selectors import Filters
from werkbedrijf.organisations.models import Organisation, OrganisationKind, Team
from werkbedrijf.start import selectors
from werkbedrijf.start.policies import last_quarter

from .conftest import attr_values, count_in, rows

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
CASELOAD_ROW = r'<tr class="utrecht-table__row" data-candidate="'


def _follow(client, href) -> str:
    return client.get(href).content.decode()


# --- consultant ---------------------------------------------------------------------------------


def test_consultant_phase_counts_match_the_caseload_behind_them(
    client_for, consultant, make_user, werkbedrijf_org, make_trajectory
):
    other = make_user(Role.CONSULTANT, werkbedrijf_org)
    for phase, n in ((Phase.REFERRED, 2), (Phase.INTAKE, 3), (Phase.MAIN_ROUTE, 1)):
        for _ in range(n):
            make_trajectory(contact=consultant, phase=phase)
    make_trajectory(contact=other, phase=Phase.INTAKE)  # not mine
    make_trajectory(contact=consultant, phase=Phase.OUTFLOW)  # closed: not in service
    # As business consultant (not contact person) the candidate is mine too, as in the caseload.
    make_trajectory(contact=other, phase=Phase.MAIN_ROUTE, business_consultant=consultant)
    client = client_for(consultant)

    home = _follow(client, reverse("start:home"))
    counts = attr_values(home, "data-phase-count")
    assert {phase: count_in(text) for phase, (_href, text) in counts.items()} == {
        "referred": 2,
        "welcome": 0,
        "intake": 3,
        "further_diagnosis": 0,
        "main_route": 2,
        "at_work": 0,
    }
    for phase, (href, text) in counts.items():
        behind = _follow(client, href)
        assert rows(behind, CASELOAD_ROW) == count_in(text), phase
        assert len(re.findall(rf'data-phase="{phase}"', behind)) == count_in(text)
    assert "7 kandidaten" in home or "7 candidates" in home


# --- Inkomen case manager ---------------------------------------------------------------------


def test_case_manager_counts_match_the_inkomen_screen_and_the_caseload(
    client_for, case_manager, consultant, make_trajectory, wijchen, today
):
    own = [make_trajectory(contact=consultant, phase=Phase.INTAKE) for _ in range(3)]
    elsewhere = make_trajectory(contact=consultant, phase=Phase.INTAKE, municipality=wijchen)
    for t in (own[0], own[1], elsewhere):
        SanctionSignal.objects.create(
            trajectory=t, facts="f", advice="a", signalled_on=today, signalled_by=consultant
        )
    ThreeWayTalk.objects.create(trajectory=own[2], planned_on=today + 5 * DAY)
    ThreeWayTalk.objects.create(trajectory=own[2], planned_on=today - 5 * DAY, held_on=today)
    make_trajectory(phase=Phase.RETURNED, referred_days_ago=40)
    make_trajectory(phase=Phase.RETURNED, referred_days_ago=200, closed_on=today - 100 * DAY)
    # New referrals of the last 30 days: two referred, one already returned.
    make_trajectory(phase=Phase.REFERRED, referred_days_ago=3)
    make_trajectory(phase=Phase.REFERRED, referred_days_ago=10)
    make_trajectory(phase=Phase.RETURNED, referred_days_ago=12)
    make_trajectory(phase=Phase.REFERRED, referred_days_ago=5, municipality=wijchen)
    client = client_for(case_manager)

    home = _follow(client, reverse("start:home"))
    counts = attr_values(home, "data-count")
    income = _follow(client, reverse("candidates:income"))
    assert count_in(counts["signals"][1]) == rows(income, r"data-signal=") == 2
    assert count_in(counts["returns"][1]) == rows(income, r"data-return=") == 2
    assert count_in(counts["talks"][1]) == rows(income, r'<div class="app-card" data-talk=') == 1
    for key in ("signals", "returns", "talks"):
        assert counts[key][0] == f"{reverse('candidates:income')}#{key}"

    new_href, new_text = counts["new_referrals"]
    assert count_in(new_text) == rows(_follow(client, new_href), CASELOAD_ROW) == 3
    per_phase = attr_values(home, "data-referral-phase-count")
    assert {p: count_in(t) for p, (_h, t) in per_phase.items()} == {"referred": 2, "returned": 1}
    for phase, (href, text) in per_phase.items():
        assert rows(_follow(client, href), CASELOAD_ROW) == count_in(text), phase


# --- team manager ---------------------------------------------------------------------------------


@pytest.fixture
def team(werkbedrijf_org):
    return Team.objects.get(organisation=werkbedrijf_org, name="Intake en diagnose")


def _staff(name, organisation, role, team=None):
    return create_staff_account(
        username=name, organisation=organisation, roles=[role], password=None, team=team
    )


def test_team_manager_counts_per_consultant_match_the_caseload_behind_them(
    client_for, make_user, werkbedrijf_org, team, make_trajectory
):
    manager = _staff("teamleider", werkbedrijf_org, Role.MANAGER, team)
    from werkbedrijf.accounts.services import add_backup_codes

    add_backup_codes(manager, ["87654321"])
    anna = _staff("anna", werkbedrijf_org, Role.CONSULTANT, team)
    bert = _staff("bert", werkbedrijf_org, Role.CONSULTANT, team)
    outsider = _staff("otto", werkbedrijf_org, Role.CONSULTANT)  # no team
    for contact, phase, n in (
        (anna, Phase.INTAKE, 2),
        (anna, Phase.MAIN_ROUTE, 1),
        (bert, Phase.AT_WORK, 3),
        (outsider, Phase.INTAKE, 4),
    ):
        for _ in range(n):
            make_trajectory(contact=contact, phase=phase)
    client = client_for(manager)

    home = _follow(client, reverse("start:home"))
    for consultant, expected in ((anna, {"intake": 2, "main_route": 1}), (bert, {"at_work": 3})):
        row = home[home.index(f'data-consultant="{consultant.uuid}"') :]
        row = row[: row.index("</tr>")]
        counts = attr_values(row, "data-phase-count")
        assert {p: count_in(t) for p, (_h, t) in counts.items()} == expected
        for phase, (href, text) in counts.items():
            assert rows(_follow(client, href), CASELOAD_ROW) == count_in(text), phase
        total_href = re.search(r'href="([^"]*)" data-total>(\d+)<', row)
        behind = _follow(client, total_href.group(1).replace("&amp;", "&"))
        assert rows(behind, CASELOAD_ROW) == int(total_href.group(2)) == sum(expected.values())
    # A consultant of another team: counts only, no link to persons the manager may not see.
    row = home[home.index(f'data-consultant="{outsider.uuid}" data-other-team') :]
    row = row[: row.index("</tr>")]
    assert "href" not in row and "&lt; 5" in row and ">4<" not in row
    # The region: every candidate in service, small counts suppressed for a manager (who sees
    # only the team's persons).
    region = dict(re.findall(r'data-region-phase="(\w+)">([^<]*)<', home))
    assert region["intake"] == "6"
    assert region["main_route"] == "&lt; 5" and region["at_work"] == "&lt; 5"
    assert region["referred"] == "0"


# --- policy adviser and board -------------------------------------------------------------------


def _cell(page: str, municipality_code: str, name: str) -> str:
    row = page[page.index(f'data-municipality="{municipality_code}"') :]
    row = row[: row.index("</tr>")]
    return re.search(rf"data-{name}[^>]*>([^<]*)<", row).group(1).strip()


def test_policy_adviser_sees_their_municipality_with_small_counts_suppressed(
    client_for, policy_adviser_nijmegen, make_trajectory, nijmegen, wijchen, today
):
    start, end = last_quarter(today)
    for _ in range(6):
        make_trajectory(phase=Phase.INTAKE)
    for _ in range(2):  # inflow in the last quarter, now out to work
        make_trajectory(
            phase=Phase.OUTFLOW,
            referred_days_ago=(today - start).days - 1,
            closed_on=end - DAY,
        )
    make_trajectory(phase=Phase.INTAKE, municipality=wijchen)
    home = _follow(client_for(policy_adviser_nijmegen), reverse("start:home"))
    assert "data-start-overview" in home
    assert _cell(home, nijmegen.cbs_code, "in-service") == "6"
    assert _cell(home, nijmegen.cbs_code, "inflow") == "&lt; 5"
    assert _cell(home, nijmegen.cbs_code, "outflow") == "&lt; 5"
    assert _cell(home, nijmegen.cbs_code, "returned") == "0"
    assert f'data-municipality="{wijchen.cbs_code}"' not in home
    assert "data-start-worklist" not in home and "Kandidaat" not in home


def test_board_sees_all_seven_municipalities_and_the_region(
    client_for, board_member, make_trajectory, wijchen
):
    for _ in range(5):
        make_trajectory(phase=Phase.MAIN_ROUTE)
    for _ in range(5):
        make_trajectory(phase=Phase.MAIN_ROUTE, municipality=wijchen)
    home = _follow(client_for(board_member), reverse("start:home"))
    assert home.count('data-municipality="GM') == 7
    assert _cell(home, "GM0268", "in-service") == "5"
    total = re.search(r"data-region-total>.*?</tr>", home, re.S).group(0)
    assert ">10<" in total


def test_the_overview_shows_the_carried_over_budget_of_the_current_year(
    client_for, policy_adviser_nijmegen, reference_dvo, nijmegen, today
):
    held = agreement_selectors.in_force(nijmegen.pk, today.year, today)
    home = _follow(client_for(policy_adviser_nijmegen), reverse("start:home"))
    budget = _cell(home, nijmegen.cbs_code, "budget")
    if held.municipal_agreement is None:
        pytest.skip("no adopted DVO holds for this year in the reference data")
    assert budget != "onbekend" and budget != "unknown"
    if held.carried_over_from is not None:
        assert f'data-carried-over="{held.carried_over_from}"' in home
    assert f'data-choices="{held.choices().count()}"' in home


# --- DVO administrator ----------------------------------------------------------------------------


def test_dvo_admin_open_deviations_match_the_agreement_page(
    client_for, dvo_admin, draft_dvo, nijmegen
):
    ma = draft_dvo.municipal_agreements.get(municipality=nijmegen)
    service = draft_dvo.catalogue.services.get(code="maatwerk-interventies")
    agreement_services.save_choices(
        actor=dvo_admin,
        municipal_agreement=ma,
        year=2025,
        lines=[LineInput(service=str(service.uuid), quantity=10, agreed_amount=25000)],
    )
    expected = len(agreement_selectors.check_municipal_year(ma, 2025).unaccepted)
    assert expected >= 1
    client = client_for(dvo_admin)
    home = _follow(client, reverse("start:home"))
    links = attr_values(home, "data-deviation-count")
    href, text = links[f"{ma.uuid}-2025"]
    assert re.search(rf": {expected} ", text + " ")
    assert href.startswith(reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}))
    # Accepted, it is gone.
    for finding in agreement_selectors.check_municipal_year(ma, 2025).unaccepted:
        agreement_services.accept_deviation(
            actor=dvo_admin, municipal_agreement=ma, year=2025, finding_key=finding.key, reason="Ok"
        )
    assert f"{ma.uuid}-2025" not in attr_values(
        _follow(client, reverse("start:home")), "data-deviation-count"
    )


def test_dvo_admin_sees_the_next_step_of_a_draft(client_for, dvo_admin, draft_dvo):
    home = _follow(client_for(dvo_admin), reverse("start:home"))
    assert 'data-step="request_opinions"' in home


def test_next_steps_take_a_new_source_as_one_more_function(
    dvo_admin, draft_dvo, monkeypatch, today
):
    from werkbedrijf.start import selectors

    def deadlines(user, on):
        return [selectors.NextStep(draft_dvo, "deadline", "Termijn", today + DAY)]

    monkeypatch.setattr(selectors, "NEXT_STEP_SOURCES", [*selectors.NEXT_STEP_SOURCES, deadlines])
    steps = selectors.next_steps(dvo_admin, today)
    assert steps[0].code == "deadline"  # dated steps first
    assert {s.code for s in steps} >= {"deadline", "request_opinions"}


def test_region_counts_per_consultant_equal_the_caseload_counts(
    consultant, make_user, werkbedrijf_org, make_trajectory
):
    """The grouped counts of other teams' consultants count as the caseload filter does: a
    trajectory as business consultant or as contact person, once when both."""
    from werkbedrijf.start import selectors

    anna = make_user(Role.CONSULTANT, werkbedrijf_org)
    bert = make_user(Role.CONSULTANT, werkbedrijf_org)
    make_trajectory(contact=anna, phase=Phase.INTAKE)
    make_trajectory(contact=anna, phase=Phase.MAIN_ROUTE, business_consultant=anna)  # both
    make_trajectory(contact=bert, phase=Phase.MAIN_ROUTE, business_consultant=anna)
    make_trajectory(contact=bert, phase=Phase.AT_WORK)
    make_trajectory(contact=anna, phase=Phase.OUTFLOW)  # closed
    grouped = selectors.region_consultant_phase_counts(consultant)
    for person in (anna, bert):
        expected = selectors.phase_counts(consultant, Filters(consultant=person.pk))
        assert {k: v for k, v in grouped[person.pk].items() if v} == expected
    assert grouped[anna.pk] == {"intake": 1, "main_route": 2}


# --- the overview's people counts: three indexed counts, equal to one grouped count -------------


def _people_counted_in_one_query(municipalities, quarter):
    """The overview's figures as one query with a FILTER per figure over every trajectory of the
    municipalities: the definition ``selectors._people_counts`` must equal."""
    start, end = quarter
    rows = (
        Trajectory.objects.filter(municipality__in=municipalities)
        .order_by()
        .values("municipality")
        .annotate(
            in_service=Count("id", filter=~Q(phase__in=CLOSED_PHASES)),
            inflow=Count("id", filter=Q(referred_on__range=(start, end))),
            outflow=Count("id", filter=Q(phase=Phase.OUTFLOW, closed_on__range=(start, end))),
            returned=Count("id", filter=Q(phase=Phase.RETURNED, closed_on__range=(start, end))),
        )
    )
    found = {row["municipality"]: row for row in rows}
    return {
        m.pk: {name: found.get(m.pk, {}).get(name, 0) for name in selectors.PEOPLE_FIGURES}
        for m in municipalities
    }


def test_the_overview_people_counts_equal_one_grouped_count(
    make_trajectory, nijmegen, wijchen, today
):
    start, end = quarter = last_quarter(today)
    # Every phase, referred and closed on and around the quarter's edges, in two municipalities
    # (an open trajectory with a closing day too: reopened); a third has no trajectories at all.
    edges = [start - DAY, start, end, end + DAY]
    for municipality in (nijmegen, wijchen):
        for phase in Phase:
            for referred in edges[:3]:
                for closed_on in [day for day in edges if day >= referred]:
                    if phase not in CLOSED_PHASES and closed_on != end:
                        continue
                    make_trajectory(
                        phase=phase,
                        municipality=municipality,
                        referred_days_ago=(today - referred).days,
                        closed_on=closed_on,
                    )
    third = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).exclude(
        pk__in=[nijmegen.pk, wijchen.pk]
    )[0]
    for municipalities in ([nijmegen], [nijmegen, wijchen, third], [third]):
        expected = _people_counted_in_one_query(municipalities, quarter)
        assert selectors._people_counts(municipalities, quarter) == expected
    assert all(expected[third.pk][name] == 0 for name in selectors.PEOPLE_FIGURES)
    both = _people_counted_in_one_query([nijmegen, wijchen], quarter)
    assert all(both[m][name] for m in both for name in selectors.PEOPLE_FIGURES), both
