"""The pure DVO rules: prices per bundle, the budget check, validation, proration, the cycle."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.agreements import policies as p

MAATWERK = p.ServiceTerms("maatwerk", "Maatwerk-interventies", D(30000), D(10))
ZORGJONGEREN = p.ServiceTerms(
    "zorgjongeren", "Zorgjongeren", D(30000), D(10), available_until_year=2024
)
COACHING = p.ServiceTerms("coaching", "Participatiecoaching", D(85000), D(1), allows_fractions=True)


def line(service, quantity, amount, key="x"):
    label = service.name if service else "Eigen dienst"
    return p.ChoiceLine(
        key,
        label,
        service,
        None if quantity is None else D(quantity),
        None if amount is None else D(amount),
    )


def kinds(check):
    return [f.kind for f in check.findings]


def test_any_whole_number_is_bought_at_the_bundle_rate():
    assert ZORGJONGEREN.catalogue_value(D(18)) == D(54000)
    assert MAATWERK.catalogue_value(D(130)) == D(390000)


def test_fte_fractions_are_priced_pro_rata():
    assert COACHING.catalogue_value(D("1.5")) == D("127500.00")


def test_choices_within_budget_have_no_findings_needing_acceptance():
    check = p.check_year(2025, D(120000), [line(MAATWERK, 20, 60000), line(COACHING, 0.5, 42500)])
    assert check.total == D(102500)
    assert check.needing_acceptance() == []
    assert p.Kind.UNDERSPEND in kinds(check)


def test_overrun_is_reported_with_the_difference():
    check = p.check_year(
        2024,
        D(310000),
        [
            line(COACHING, "1.5", 128000),
            line(MAATWERK, 40, 120000),
            line(ZORGJONGEREN, 18, 54000),
            line(None, None, 10000),
        ],
    )
    overrun = [f for f in check.findings if f.kind == p.Kind.OVERRUN]
    assert len(overrun) == 1 and overrun[0].difference == D(2000)
    assert check.over_budget


def test_price_deviation_is_reported_per_line():
    check = p.check_year(2024, D(100000), [line(COACHING, "0.4", 35000)])
    (deviation,) = [f for f in check.findings if f.kind == p.Kind.PRICE_DEVIATION]
    assert deviation.expected == D(34000) and deviation.actual == D(35000)
    assert deviation.severity == p.Severity.ACCEPTANCE


def test_service_not_on_card_needs_acceptance():
    check = p.check_year(2025, D(90000), [line(None, None, 9000)])
    assert p.Kind.NOT_ON_CARD in kinds(check)


def test_zorgjongeren_are_not_available_in_2025():
    check = p.check_year(2025, D(100000), [line(ZORGJONGEREN, 10, 30000)])
    assert [f.kind for f in check.errors] == [p.Kind.NOT_AVAILABLE]


def test_a_fraction_of_candidates_is_an_error():
    check = p.check_year(2024, D(100000), [line(MAATWERK, "2.5", 7500)])
    assert [f.kind for f in check.errors] == [p.Kind.FRACTION_NOT_ALLOWED]


@pytest.mark.parametrize("quantity", ["0", "-3"])
def test_zero_or_negative_quantity_is_an_error(quantity):
    check = p.check_year(2024, D(100000), [line(MAATWERK, quantity, 0)])
    assert p.Kind.NON_POSITIVE_QUANTITY in [f.kind for f in check.errors]


def test_unknown_amount_counts_at_card_price_for_a_possible_overrun():
    check = p.check_year(
        2024, D(65000), [line(COACHING, "0.8", 65000), line(ZORGJONGEREN, 5, None)]
    )
    assert check.total == D(65000)
    assert check.total_at_card_value == D(80000)
    assert p.Kind.POSSIBLE_OVERRUN in kinds(check)
    assert p.Kind.AMOUNT_UNKNOWN in kinds(check)


def test_minimum_and_maximum_purchase():
    terms = p.ServiceTerms(
        "x", "Screenen", None, D(10), minimum_quantity=D(10), maximum_quantity=D(90)
    )
    low = p.check_year(2021, D(10), [line(terms, 5, None)])
    high = p.check_year(2021, D(10), [line(terms, 100, None)])
    assert p.Kind.BELOW_MINIMUM in kinds(low)
    assert p.Kind.ABOVE_MAXIMUM in kinds(high)
    reduced = p.check_year(2021, D(10), [line(terms, 5, None)], p.CardTerms(reduced_minimum=True))
    (below,) = [f for f in reduced.findings if f.kind == p.Kind.BELOW_MINIMUM]
    assert below.severity == p.Severity.INFO


def test_too_many_services_on_a_card():
    services = [p.ServiceTerms(f"s{i}", f"S{i}", D(1)) for i in range(3)]
    check = p.check_year(
        2021,
        D(10),
        [line(s, 1, 1, key=s.code) for s in services],
        p.CardTerms(price_unit="points", max_services=2),
    )
    assert p.Kind.TOO_MANY_SERVICES in kinds(check)


def test_finding_key_changes_when_the_figures_change():
    first = p.check_year(2024, D(100), [line(None, None, 110)])
    second = p.check_year(2024, D(100), [line(None, None, 120)])
    key = {f.kind: f.key for f in first.findings}[p.Kind.OVERRUN]
    assert key != {f.kind: f.key for f in second.findings}[p.Kind.OVERRUN]


@given(
    st.lists(st.integers(min_value=0, max_value=10_000_000), max_size=8),
    st.integers(min_value=0, max_value=20_000_000),
)
def test_total_and_overrun_agree_with_arithmetic(amounts, budget):
    lines = [line(None, None, a, key=str(i)) for i, a in enumerate(amounts)]
    check = p.check_year(2025, D(budget), lines)
    assert check.total == sum(D(a) for a in amounts)
    assert check.over_budget == (sum(amounts) > budget)
    assert (p.Kind.OVERRUN in kinds(check)) == (sum(amounts) > budget)


@given(
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from([D(1), D(10), D(20)]),
    st.integers(min_value=0, max_value=1_000_000),
)
def test_card_value_is_linear_in_quantity(quantity, bundle, price):
    terms = p.ServiceTerms("x", "X", D(price), bundle)
    assert terms.catalogue_value(D(quantity)) == (D(quantity) * D(price) / bundle).quantize(p.CENT)


def test_2024_half_year_is_delivered_at_half():
    assert p.delivery_fraction(2024, date(2024, 7, 1), date(2025, 12, 31)) == D("0.5")
    assert p.delivery_fraction(2025, date(2024, 7, 1), date(2025, 12, 31)) == D(1)
    assert p.delivery_fraction(2026, date(2024, 7, 1), date(2025, 12, 31)) == D(0)


def test_amount_with_more_than_two_decimals_is_not_cents():
    assert p.amount_has_at_most_cents(D("10.25"))
    assert not p.amount_has_at_most_cents(D("10.255"))


def test_cycle_transitions():
    assert p.can_transition("draft", "opinions_requested")
    assert p.can_transition("opinions_requested", "adopted")
    assert not p.can_transition("draft", "adopted")
    assert not p.can_transition("adopted", "draft")


def test_agreement_without_successor_is_extended_tacitly():
    start, end = date(2024, 7, 1), date(2025, 12, 31)
    assert p.effective_status("adopted", start, end, date(2025, 1, 1), None, None) == p.IN_FORCE
    assert p.effective_status("adopted", start, end, date(2026, 11, 22), None, None) == (
        p.TACITLY_EXTENDED
    )
    assert (
        p.effective_status(
            "adopted", start, end, date(2026, 11, 22), date(2026, 2, 1), date(2026, 1, 1)
        )
        == p.EXPIRED
    )
    assert p.effective_status("opinions_requested", start, end, date(2024, 1, 1), None, None) == (
        "opinions_requested"
    )
