"""The realisation per quarter over the DVO 2024-2025 as the documents hold it, with deliveries
recorded by hand and the expected figures worked out in the comments."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.http import Http404

from werkbedrijf.agreements.delivery import selectors, services
from werkbedrijf.agreements.models import MunicipalAgreement
from werkbedrijf.agreements.selectors import current_choices
from werkbedrijf.organisations.models import Organisation

TODAY = date(2025, 5, 15)  # halfway the second quarter of 2025


def figures(row):
    return [(q.bought, q.delivered, q.forecast, q.behind) for q in row.quarters]


@pytest.fixture
def nijmegen_2025(manager, coach, nijmegen, choice):
    half_days = choice("extra-arbeidsbemiddeling-op-locatie")
    for day, status in (
        (date(2025, 2, 4), "held"),
        (date(2025, 3, 4), "held"),
        (date(2025, 5, 6), "scheduled"),  # not marked held: neither delivered nor to come
        (date(2025, 6, 3), "scheduled"),
    ):
        services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=half_days,
            location="Wijkcentrum Dukenburg",
            day=day,
            part_of_day="morning",
            status=status,
            today=TODAY,
        )
    teams = choice("intensieve-aansluiting-buurtteams")
    for location, start, end in (
        ("Buurtteam Oost", date(2025, 1, 1), None),
        ("Buurtteam West", date(2025, 2, 15), date(2025, 6, 30)),
    ):
        services.record_team_presence(
            actor=manager,
            municipality=nijmegen,
            choice=teams,
            location=location,
            worker=coach,
            start=start,
            end=end,
        )
    services.record_delivery_note(
        actor=manager,
        municipality=nijmegen,
        choice=choice("Kwartiermaker Economisch Collectief Nijmegen"),
        kind="periodic",
        day=date(2025, 3, 31),
        text="Bijeenkomsten ECN",
    )
    return selectors.quarterly_realisation(manager, nijmegen, 2025, TODAY)


def row_of(realisation, label):
    return next(r for r in realisation.rows if r.label == label)


def test_half_days_bought_per_week_held_and_scheduled(nijmegen_2025):
    row = row_of(nijmegen_2025, "Extra arbeidsbemiddeling op locatie")
    assert row.kind == "half_days"
    # 3 dagdelen a week: 39 a quarter. Q1: 2 held, far behind. Q2: none held yet, one to come.
    assert figures(row) == [
        (D(39), D(2), D(2), True),
        (D(39), D(0), D(1), True),
        (D(39), D(0), D(0), False),
        (D(39), D(0), D(0), False),
    ]


def test_buurtteam_locations_staffed_per_quarter(nijmegen_2025):
    row = row_of(nijmegen_2025, "Intensieve aansluiting buurtteams")
    # Q1: Oost all 90 days, West from 15 February (45 of 90): 1.5 locations of the 10 bought.
    # Q2 up to 15 May: 45 of 91 days at both, 0.99; the whole quarter both: 2.
    # Q3: West ended in June, Oost goes on.
    assert [(q.delivered, q.forecast) for q in row.quarters] == [
        (D("1.50"), D("1.50")),
        (D("0.99"), D("2.00")),
        (D("0.00"), D("1.00")),
        (D("0.00"), D("1.00")),
    ]
    assert [q.bought for q in row.quarters] == [D(10)] * 4


def test_the_kwartiermaker_is_followed_by_its_notes(nijmegen_2025):
    row = row_of(nijmegen_2025, "Kwartiermaker Economisch Collectief Nijmegen")
    assert row.kind == "notes"
    # No quantity: bought unknown; behind only once a quarter has ended without a note.
    assert figures(row) == [
        (None, D(1), D(1), False),
        (None, D(0), D(0), False),
        (None, D(0), D(0), False),
        (None, D(0), D(0), False),
    ]


def test_a_quarter_ended_without_a_note_runs_behind(manager, nijmegen, nijmegen_2025):
    after = selectors.quarterly_realisation(manager, nijmegen, 2025, date(2025, 7, 1))
    row = row_of(after, "Kwartiermaker Economisch Collectief Nijmegen")
    assert [q.behind for q in row.quarters] == [False, True, False, False]


def test_coaching_in_fte_for_berg_en_dal(manager, coach, make_user, werkbedrijf_org, choice):
    berg_en_dal = Organisation.objects.get(cbs_code="GM1945")
    coaching = choice("participatiecoaching", cbs="GM1945")
    other = make_user("consultant", werkbedrijf_org)
    services.record_coaching(
        actor=manager,
        municipality=berg_en_dal,
        choice=coaching,
        coach=coach,
        fte="0,8",
        start=date(2025, 1, 1),
    )
    services.record_coaching(
        actor=manager,
        municipality=berg_en_dal,
        choice=coaching,
        coach=other,
        fte="0,5",
        start=date(2025, 3, 1),
        end=date(2025, 6, 30),
    )
    result = selectors.quarterly_realisation(manager, berg_en_dal, 2025, TODAY)
    row = row_of(result, "Participatiecoaching")
    # 1.5 fte bought. Q1: 0.8 + 0.5 x 31/90 = 0.97, under 90% of 1.5: behind.
    # Q2: 0.8 + 0.5 = 1.3 planned for the whole quarter, also under 1.35.
    assert figures(row)[:2] == [
        (D("1.50"), D("0.97"), D("0.97"), True),
        (D("1.50"), D("0.64"), D("1.30"), True),
    ]


def test_the_second_half_of_2024_has_no_first_quarters(manager, nijmegen, reference_dvo):
    result = selectors.quarterly_realisation(manager, nijmegen, 2024, TODAY)
    row = row_of(result, "Intensieve aansluiting buurtteams")
    assert [q.bought for q in row.quarters] == [D(0), D(0), D(10), D(10)]


def test_meerwerk_has_a_row_in_its_own_year(manager, nijmegen, detainee_work):
    in_2024 = selectors.quarterly_realisation(manager, nijmegen, 2024, TODAY)
    assert any(r.extra_work == detainee_work for r in in_2024.rows)
    in_2025 = selectors.quarterly_realisation(manager, nijmegen, 2025, TODAY)
    assert not any(r.extra_work == detainee_work for r in in_2025.rows)


def test_every_local_choice_of_every_municipality_has_a_row(manager, reference_dvo):
    for ma in MunicipalAgreement.objects.filter(agreement=reference_dvo):
        for year in (2024, 2025):
            result = selectors.quarterly_realisation(manager, ma.municipality, year, TODAY)
            shown = [r.choice.pk for r in result.rows if r.choice is not None]
            assert shown == [c.pk for c in current_choices(ma, year)], (ma.municipality, year)
            assert all(len(r.quarters) == 4 for r in result.rows)


def test_another_municipalitys_realisation_is_not_found(
    policy_adviser_wijchen, nijmegen, reference_dvo
):
    with pytest.raises(Http404):
        selectors.quarterly_realisation(policy_adviser_wijchen, nijmegen, 2025, TODAY)


def test_presence_in_a_year_against_an_earlier_one(manager, nijmegen, nijmegen_2025):
    # Nijmegen bought 1 dagdeel a week in 2024 and 3 in 2025, 10 locations in both years.
    comparison = selectors.presence_comparison(manager, nijmegen, 2025, 2024, TODAY)
    lines = {line.kind: line for line in comparison.lines}
    assert (lines["half_days"].earlier_bought, lines["half_days"].later_bought) == (D(1), D(3))
    assert (lines["team_presence"].earlier_bought, lines["team_presence"].later_bought) == (
        D(10),
        D(10),
    )
    assert lines["coaching"].earlier_bought is None
    # Delivered or planned in 2025: 2 held and 1 to come; locations (1.5 + 2 + 1 + 1) / 4.
    assert lines["half_days"].later_delivered == D(3)
    assert lines["team_presence"].later_delivered == D("1.38")
    assert not lines["half_days"].lower and not lines["team_presence"].lower
    # And 2024 against 2025: less bought, less delivered.
    backwards = selectors.presence_comparison(manager, nijmegen, 2024, 2025, TODAY)
    assert backwards.lower
