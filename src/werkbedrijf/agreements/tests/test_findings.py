"""The budget check's findings one kind at a time: each function speaks only about its own kind."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.agreements import policies as p

amounts = st.decimals(min_value=0, max_value=10**6, places=2)
MAATWERK = p.ServiceTerms(
    "maatwerk",
    "Maatwerk-interventies",
    D(30000),
    D(10),
    minimum_quantity=D(5),
    maximum_quantity=D(50),
    maximum_price=D(120000),
)


@given(amounts | st.none(), amounts, amounts)
def test_the_total_against_the_budget_gives_at_most_one_finding(budget, known, extra):
    sums = p.Totals(known, known + extra)
    found = [f for check in p.BUDGET_CHECKS for f in check(2025, budget, sums, "eur")]
    assert len(found) <= 1
    if budget is None:
        assert [f.kind for f in found] == [p.Kind.BUDGET_UNKNOWN]
    elif known > budget:
        assert [f.kind for f in found] == [p.Kind.OVERRUN]


@given(st.decimals(min_value=1, max_value=100, places=0), amounts | st.none())
def test_every_kind_is_found_by_its_own_function_only(quantity, agreed):
    line = p.ChoiceLine("x", "Maatwerk-interventies", MAATWERK, quantity, agreed)
    card = p.CardTerms()
    for check in p.LINE_CHECKS:
        kinds = {f.kind for f in check(line, card)}
        assert kinds <= {p.Kind[check.__name__.upper()]}, check.__name__


def test_above_maximum_names_the_quantity_and_then_the_money():
    line = p.ChoiceLine("x", "Maatwerk-interventies", MAATWERK, D(60), None)
    found = p.above_maximum(line, p.CardTerms())
    assert [(f.expected, f.actual) for f in found] == [(D(50), D(60)), (D(120000), D(180000))]
