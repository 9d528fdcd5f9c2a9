"""The arithmetic of delivery per quarter, with the expected figures worked out by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from werkbedrijf.agreements.delivery import policies
from werkbedrijf.agreements.delivery.policies import DeliveryKind as K
from werkbedrijf.utils import dates


@pytest.mark.parametrize(
    ("unit_kind", "custom_unit", "activity_kind", "expected"),
    [
        ("half_day_per_week", "", "", K.HALF_DAYS),
        ("location", "", "", K.TEAM_PRESENCE),
        ("fte", "", "", K.COACHING),
        ("candidates", "", "", K.ACTIVITIES),
        ("contacts_or_event", "", "", K.MARKET),
        (None, "fte", "", K.COACHING),  # Nijmegen 2026: "Participatiecoaches", 2 fte
        (None, "", "participation_coaching", K.COACHING),
        (None, "Dagdelen", "", K.HALF_DAYS),
        (None, "", "", K.NOTES),  # the kwartiermaker
        (None, "traject", "", K.NOTES),
    ],
)
def test_the_kind_of_delivery_follows_the_unit(unit_kind, custom_unit, activity_kind, expected):
    assert policies.delivery_kind(unit_kind, custom_unit, activity_kind) == expected


def test_quarter_bounds_and_quarter_of_a_date():
    assert dates.quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert dates.quarter_bounds(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))
    assert dates.quarter_of(date(2026, 12, 7)) == 4
    assert dates.quarter_of(date(2026, 4, 1)) == 2


def test_the_second_half_of_2024_holds_no_first_quarters():
    period = (date(2024, 7, 1), date(2024, 12, 31))  # the DVO 2024-2025 started 1 July 2024
    assert policies.share_of_quarter(2024, 2, period) == 0
    assert policies.share_of_quarter(2024, 3, period) == 1
    # Starting 16 August, 16 Aug-30 Sep is 46 of the 92 days of Q3.
    assert policies.share_of_quarter(2024, 3, (date(2024, 8, 16), date(2024, 12, 31))) == D("0.5")


def test_bought_per_quarter_by_kind():
    # 3 dagdelen a week for a whole quarter: 3 x 13 = 39 half-days.
    assert policies.bought_in_quarter(K.HALF_DAYS, D(3), D(1)) == D(39)
    # 10 Buurtteam locations are 10 locations every quarter; 1.5 fte is 1.5 fte.
    assert policies.bought_in_quarter(K.TEAM_PRESENCE, D(10), D(1)) == D(10)
    assert policies.bought_in_quarter(K.COACHING, D("1.5"), D("0.5")) == D("0.75")
    # 130 maatwerkinterventies a year: a quarter of them a quarter.
    assert policies.bought_in_quarter(K.ACTIVITIES, D(130), D(1)) == D("32.50")
    assert policies.bought_in_quarter(K.NOTES, None, D(1)) is None


def test_coaching_covered_by_fte_and_days():
    # 0.8 fte all of Q1 2025 (90 days) and 0.5 fte from 1 March (31 days): 0.8 + 0.5 x 31/90.
    periods = [(date(2025, 1, 1), None, D("0.8")), (date(2025, 3, 1), date(2025, 6, 30), D("0.5"))]
    assert policies.covered(periods, 2025, 1) == D("0.97")
    # Up to 15 January only 15 of the 90 days have been worked: 0.8 x 15/90.
    assert policies.covered(periods, 2025, 1, until=date(2025, 1, 15)) == D("0.13")
    assert policies.covered(periods, 2025, 3) == D("0.80")  # the second ended in June


def test_two_workers_at_one_location_count_once():
    periods = [
        ("Buurtteam Oost", date(2025, 1, 1), None),
        ("buurtteam oost ", date(2025, 1, 1), date(2025, 3, 31)),
        ("Buurtteam West", date(2025, 2, 15), None),  # 45 of Q1's 90 days
    ]
    assert policies.presence_by_location(periods, 2025, 1) == D("1.50")
    assert policies.presence_by_location(periods, 2025, 2) == D("2.00")


@pytest.mark.parametrize(
    ("bought", "forecast", "started", "behind"),
    [
        (D(13), D(12), True, False),  # 12 of 13 is more than 90%
        (D(13), D(11), True, True),
        (D(13), D(0), False, False),  # a quarter to come is never behind
        (D(0), D(0), True, False),  # nothing bought, nothing owed
        (None, D(0), True, True),  # a note-based choice without a note
        (None, D(1), True, False),
    ],
)
def test_delivery_runs_behind_under_ninety_percent(bought, forecast, started, behind):
    assert policies.runs_behind(bought, forecast, started) is behind
