"""Every indicator computed for the hand-built population of conftest.py (first half of 2025),
with the expected values written out; one breakdown of each kind; the "< 5" rule; norms."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import override_settings

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates.models import LadderStep
from werkbedrijf.reporting import selectors, services
from werkbedrijf.reporting.indicators import ORDER, REGISTRY, TOTAL, Scope, get
from werkbedrijf.reporting.models import IndicatorNorm
from werkbedrijf.reporting.policies import Breakdown, Period

from .conftest import H1_2025

pytestmark = pytest.mark.django_db


def values(code, municipality=None, period=H1_2025, **filters):
    scope = Scope(period, None if municipality is None else (municipality.pk,), **filters)
    return {key: (f.value, f.persons) for key, f in get(code).compute(scope).items()}


# Nijmegen's figures, then the region's where they differ: (value, persons) per category.
EXPECTED_NIJMEGEN = {
    "inflow": {TOTAL: (4, 4), "screen": (2, 2), "api": (1, 1), "self": (1, 1)},
    "young_self_registrations": {TOTAL: (1, 1), "searching": (1, 1)},
    "in_service": {TOTAL: (4, 4)},
    "ownw": {TOTAL: (1, 1)},
    "outflow_to_work": {TOTAL: (2, 2), "regular": (1, 1), "secondment": (1, 1)},
    # 50 days (10-01 to 01-03) and 344 days (01-06-2024 to 11-05-2025).
    "days_to_work": {TOTAL: (Decimal("197.0"), 2)},
    # Placements in paid work six months old in the period: one still running, one ended.
    "durable_work_6": {TOTAL: (Decimal("50.0"), 2)},
    "durable_work_12": {TOTAL: (None, 0)},
    "returns": {TOTAL: (1, 1), "Verhuisd buiten de regio": (1, 1)},
    # Two trajectories with two recordings: 2 -> 3 rose, 3 -> 3 did not; one recording only: out.
    "ladder_rose": {TOTAL: (Decimal("50.0"), 2)},
    "ladder_reached": {TOTAL: (2, 2), "3": (2, 2)},
    "trainings_completed": {TOTAL: (1, 1)},
    # t2 back to the main route, t3 returned; t4's further diagnosis ended in 2024.
    "diagnoses_completed": {TOTAL: (2, 2), "main_route": (1, 1), "returned": (1, 1)},
    "care_youth": {TOTAL: (1, 1)},
    # t1 and t2 obtained VCA, t2 also the forklift certificate: two candidates.
    "certificates_obtained": {TOTAL: (2, 2), "vca-basis": (2, 2), "heftruck": (1, 1)},
    # 3 of the 20 maatwerk-interventies bought for 2025 delivered; one in progress not counted.
    "local_choices": {TOTAL: (Decimal("15.0"), 3), "maatwerk-interventies": (Decimal("15.0"), 3)},
    "instruments_count": {
        TOTAL: (3, 3),
        "wage_subsidy": (1, 1),
        "training": (1, 1),
        "ownw": (1, 1),
    },
    "instruments_amount": {
        TOTAL: (Decimal("1250.50"), 3),
        "wage_subsidy": (Decimal("1000.00"), 1),
        "training": (Decimal("250.50"), 1),
        "ownw": (Decimal("0.00"), 1),
    },
    # Only t1's wage subsidy (60 %) started in Nijmegen in the half year with a wage value.
    "wage_value_average": {TOTAL: (Decimal("60.0"), 1), "wage_subsidy": (Decimal("60.0"), 1)},
    "sanction_signals": {TOTAL: (3, 3)},
    "advice_followed": {TOTAL: (Decimal("50.0"), 2)},
    # Schoon BV (cleaning) twice and Bouw BV once in the half year; Bouw BV's 2024 visit is out.
    "employers_reached": {TOTAL: (2, 2), "cleaning": (1, 1), "construction_ict": (1, 1)},
    "employer_contacts": {TOTAL: (3, 3), "visit": (1, 1), "call": (1, 1), "meeting": (1, 1)},
}


def test_every_registered_indicator_has_an_expectation_and_a_place_in_the_order():
    assert set(EXPECTED_NIJMEGEN) == set(REGISTRY) == set(ORDER)


@pytest.mark.parametrize("code", list(EXPECTED_NIJMEGEN))
def test_each_indicator_for_nijmegen(population, code):
    assert values(code, population.nijmegen) == EXPECTED_NIJMEGEN[code]


def test_the_ladder_counts_a_trajectory_in_its_own_municipality_only(population):
    # Two recordings in Wijchen, 2 -> 4, the latest in the period; one before it, one in it.
    w1 = population.t["w1"]
    LadderStep.objects.create(trajectory=w1, moment="intake", step=2, recorded_on=date(2025, 1, 10))
    LadderStep.objects.create(trajectory=w1, moment="review", step=4, recorded_on=date(2025, 5, 2))
    q2 = Period(date(2025, 4, 1), date(2025, 6, 30))

    assert values("ladder_reached", population.nijmegen, q2) == {TOTAL: (2, 2), "3": (2, 2)}
    assert values("ladder_reached", population.wijchen, q2) == {TOTAL: (1, 1), "4": (1, 1)}
    assert values("ladder_reached", None, q2) == {TOTAL: (3, 3), "3": (2, 2), "4": (1, 1)}
    assert values("ladder_rose", population.wijchen, q2) == {TOTAL: (Decimal("100.0"), 1)}
    assert values("ladder_rose", None, q2) == {TOTAL: (Decimal("66.7"), 3)}


def test_shared_reads_give_the_same_figures_and_are_made_once(population):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.reporting.indicators import all_indicators, shared_reads
    from werkbedrijf.reporting.indicators.development import _ladder, _ladder_counted

    w1 = population.t["w1"]
    LadderStep.objects.create(trajectory=w1, moment="intake", step=2, recorded_on=date(2025, 1, 10))
    LadderStep.objects.create(trajectory=w1, moment="review", step=4, recorded_on=date(2025, 5, 2))
    q2 = Period(date(2025, 4, 1), date(2025, 6, 30))
    scopes = [
        Scope(period, municipalities, sector_group=group)
        for period in (H1_2025, q2)
        for municipalities in (None, (population.nijmegen.pk,), (population.wijchen.pk,))
        for group in ("", "cleaning")
    ]
    alone = [{i.code: i.compute(scope) for i in all_indicators()} for scope in scopes]
    with shared_reads():
        together = [{i.code: i.compute(scope) for i in all_indicators()} for scope in scopes]
    assert together == alone

    for scope in scopes:  # the ladder's query against the recordings read one by one
        recorded = LadderStep.objects.filter(
            recorded_on__gte=scope.start, recorded_on__lte=scope.end
        ).values("trajectory_id")
        recorded = scope.trajectories(recorded, "trajectory__")
        assert _ladder(scope) == _ladder_counted(scope, recorded), scope

    scope = Scope(H1_2025, (population.nijmegen.pk,))
    with shared_reads(), CaptureQueriesContext(connection) as queries:
        for code in ("instruments_count", "instruments_amount", "wage_value_average"):
            get(code).compute(scope)
        for code in ("ladder_rose", "ladder_reached"):
            get(code).compute(scope)
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:  # outside the block each reads for itself
        get("ladder_rose").compute(scope)
        get("ladder_reached").compute(scope)
    assert len(queries) == 2


def test_region_adds_wijchen(population):
    assert values("inflow") == {
        TOTAL: (6, 6),
        "screen": (2, 2),
        "api": (1, 1),
        "self": (2, 2),
        "upload": (1, 1),
    }
    assert values("in_service") == {TOTAL: (6, 6)}
    assert values("young_self_registrations") == {
        TOTAL: (2, 2),
        "searching": (1, 1),
        "in_service": (1, 1),
    }
    assert values("in_service", population.wijchen) == {TOTAL: (2, 2)}
    # The region's average wage value: 60 % in Nijmegen and 45 % in Wijchen.
    assert values("wage_value_average") == {
        TOTAL: (Decimal("52.5"), 2),
        "wage_subsidy": (Decimal("60.0"), 1),
        "wage_subsidy_lump_sum": (Decimal("45.0"), 1),
    }
    # Schoon BV, contacted for both, is one employer reached in the region.
    assert values("employers_reached")[TOTAL] == (2, 2)
    assert values("employer_contacts")[TOTAL] == (4, 4)
    assert values("employer_contacts", population.wijchen) == {TOTAL: (1, 1), "call": (1, 1)}
    # w2's certificate in the half year; w1's in 2024 is out.
    assert values("certificates_obtained") == {
        TOTAL: (3, 3),
        "vca-basis": (2, 2),
        "heftruck": (1, 1),
        "bhv": (1, 1),
    }
    # Wijchen bought nothing for 2025: no realisation to show.
    assert values("local_choices", population.wijchen) == {TOTAL: (None, 0)}


def test_breakdown_by_focus_group_sector_group_and_quarter(population, make_user, werkbedrijf_org):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    inflow = get("inflow")
    by_group = {
        key: figure.value
        for key, _label, figure in selectors.breakdown(
            consultant, inflow, population.nijmegen, H1_2025, Breakdown.FOCUS_GROUP
        )
    }
    assert by_group == {
        "under_27": 2,
        "over_55": 1,
        "refugee": 0,
        "work_limitation": 0,
        "new_in_assistance": 0,
    }
    by_sector = {
        key: figure.value
        for key, _label, figure in selectors.breakdown(
            consultant, get("outflow_to_work"), population.nijmegen, H1_2025, Breakdown.SECTOR_GROUP
        )
    }
    assert by_sector["cleaning"] == 2
    assert sum(v for k, v in by_sector.items() if k != "cleaning") == 0
    by_quarter = [
        (label, figure.value)
        for _key, label, figure in selectors.breakdown(
            consultant, inflow, population.nijmegen, H1_2025, Breakdown.QUARTER
        )
    ]
    assert by_quarter == [("K1 2025", 3), ("K2 2025", 1)]
    contacts_by_sector = {
        key: figure.value
        for key, _label, figure in selectors.breakdown(
            consultant,
            get("employer_contacts"),
            population.nijmegen,
            H1_2025,
            Breakdown.SECTOR_GROUP,
        )
    }
    assert contacts_by_sector["cleaning"] == 2 and contacts_by_sector["construction_ict"] == 1
    with pytest.raises(Http404):  # employers have no focus group
        selectors.breakdown(
            consultant, get("employers_reached"), None, H1_2025, Breakdown.FOCUS_GROUP
        )
    by_municipality = {
        key: figure.value
        for key, _label, figure in selectors.breakdown(
            consultant, inflow, None, H1_2025, Breakdown.MUNICIPALITY
        )
    }
    assert by_municipality["GM0268"] == 4 and by_municipality["GM0296"] == 2


def test_small_groups_are_shown_as_less_than_five_to_who_may_not_see_the_persons(
    population, policy_adviser_nijmegen, board_member, make_user, werkbedrijf_org
):
    inflow = get("inflow")
    adviser = selectors.figures(policy_adviser_nijmegen, inflow, population.nijmegen, H1_2025)
    assert adviser[TOTAL].text == "< 5" and adviser[TOTAL].value is None and adviser[TOTAL].masked
    assert adviser["screen"].text == "< 5"
    # The region's six are shown to the board; nothing at all is not a small group.
    board = selectors.figures(board_member, get("in_service"), None, H1_2025)
    assert board[TOTAL].text == "6" and not board[TOTAL].masked
    empty = selectors.figures(board_member, get("durable_work_12"), None, H1_2025)
    assert empty[TOTAL].text == "–" and not empty[TOTAL].masked
    # A consultant may see the persons, so sees the figure itself.
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    assert selectors.figures(consultant, inflow, population.nijmegen, H1_2025)[TOTAL].text == "4"


@override_settings(SMALL_COUNT_THRESHOLD=3)
def test_the_threshold_is_a_setting(population, policy_adviser_nijmegen):
    shown = selectors.figures(policy_adviser_nijmegen, get("inflow"), population.nijmegen, H1_2025)
    assert shown[TOTAL].text == "4"
    assert shown["api"].text == "< 3"


def test_a_policy_adviser_sees_only_their_own_municipality(population, policy_adviser_nijmegen):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.figures(policy_adviser_nijmegen, get("inflow"), population.wijchen, H1_2025)
    with pytest.raises(Http404):
        selectors.figures(policy_adviser_nijmegen, get("inflow"), None, H1_2025)


# --- norms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-0.1", "100.01", "250"])
def test_a_share_norm_outside_0_to_100_is_refused(dvo_admin, value):
    with pytest.raises(ValidationError) as refused:
        services.set_norm(
            actor=dvo_admin, indicator="advice_followed", year=2025, value=value, source="Begroting"
        )
    assert "0" in refused.value.message_dict["value"][0]
    assert not IndicatorNorm.objects.exists()


def test_a_norm_is_entered_with_its_source_and_the_latest_holds(dvo_admin, nijmegen):
    services.set_norm(
        actor=dvo_admin, indicator="advice_followed", year=2025, value="80", source="Begroting 2025"
    )
    services.set_norm(
        actor=dvo_admin, indicator="advice_followed", year=2025, value="85", source="Wijziging"
    )
    assert selectors.norm_of(get("advice_followed"), 2025, None) == Decimal(85)
    assert IndicatorNorm.objects.count() == 2  # the history
    # The capacity of the region is the default norm of in_service; a municipality has none.
    assert selectors.norm_of(get("in_service"), 2025, None) == Decimal(4200)
    assert selectors.norm_of(get("in_service"), 2025, nijmegen) is None


def test_certificates_obtained_has_a_norm_per_municipality(population, dvo_admin, consultant):
    nijmegen = population.nijmegen
    services.set_norm(
        actor=dvo_admin,
        indicator="certificates_obtained",
        year=2025,
        value="40",
        source="Begroting 2025",
        municipality=nijmegen,
    )
    rows = selectors.dashboard(consultant, nijmegen, H1_2025, [get("certificates_obtained")])
    assert (rows[0].norm, rows[0].total.value) == (Decimal(40), Decimal(2))
    assert selectors.norm_of(get("certificates_obtained"), 2025, None) is None


def test_a_count_norm_cannot_be_negative_and_needs_a_source(dvo_admin):
    with pytest.raises(ValidationError) as refused:
        services.set_norm(actor=dvo_admin, indicator="inflow", year=2025, value="-1", source="")
    assert set(refused.value.message_dict) == {"value", "source"}


def test_only_a_dvo_administrator_sets_norms(policy_adviser_nijmegen):
    from werkbedrijf.access.policy import AccessDenied

    with pytest.raises(AccessDenied):
        services.set_norm(
            actor=policy_adviser_nijmegen, indicator="inflow", year=2025, value=1, source="x"
        )


def test_quarters_of_a_period_are_cut_to_it():
    from werkbedrijf.reporting.policies import quarters

    assert quarters(Period(date(2025, 2, 15), date(2025, 7, 1))) == [
        Period(date(2025, 2, 15), date(2025, 3, 31)),
        Period(date(2025, 4, 1), date(2025, 6, 30)),
        Period(date(2025, 7, 1), date(2025, 7, 1)),
    ]


def test_rare_return_reasons_are_not_shown_to_who_may_not_see_the_persons(
    population, board_member, make_user, werkbedrijf_org
):
    returns = get("returns")
    board = selectors.figures(board_member, returns, None, H1_2025)
    assert "Verhuisd buiten de regio" not in board
    assert board["other"].text == "< 5"
    assert returns.category_label("other").startswith("Overig")
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    assert "Verhuisd buiten de regio" in selectors.figures(consultant, returns, None, H1_2025)
