"""Cost per task and per municipality for a small hand-built case, the expected figures written
out; and the rules on hours, rates and scenarios."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.costs import policies
from werkbedrijf.costs.policies import DirectRow, HoursRow

NIJMEGEN, WIJCHEN = 1, 2
RATES = {("consulent", 2026): D(80), ("jobcoach", 2026): D(60)}


def _case():
    hours = [
        HoursRow("arbeidsbemiddeling", None, "consulent", 2026, D(100)),  # 8.000
        HoursRow("arbeidsbemiddeling", None, "jobcoach", 2026, D(50)),  # 3.000
        HoursRow("extra-arbeidsbemiddeling-op-locatie", NIJMEGEN, "consulent", 2026, D(40)),
        HoursRow("arbeidsbemiddeling", None, "consulent", 2025, D(999)),  # another year
    ]
    direct = [
        DirectRow("arbeidsbemiddeling", None, D(1000)),
        DirectRow("extra-arbeidsbemiddeling-op-locatie", NIJMEGEN, D(500)),
    ]
    return policies.compute_costs(2026, hours, RATES, direct, {NIJMEGEN: 3, WIJCHEN: 1})


def test_cost_per_task_is_hours_at_the_rate_plus_direct_costs():
    tasks = {t.task: t for t in _case().tasks}
    assert tasks["arbeidsbemiddeling"].hours == D(150)
    assert tasks["arbeidsbemiddeling"].labour == D("11000.00")
    assert tasks["arbeidsbemiddeling"].direct == D("1000.00")
    assert tasks["arbeidsbemiddeling"].total == D("12000.00")
    assert tasks["extra-arbeidsbemiddeling-op-locatie"].total == D("3700.00")
    assert _case().total == D("15700.00")


def test_regional_cost_is_shared_by_candidates_in_service_and_own_choices_stay_own():
    municipal = {m.municipality: m for m in _case().municipalities}
    # Regional 12.000 shared 3 : 1; Nijmegen's own card item 3.200 + 500.
    assert municipal[NIJMEGEN].regional_share == D("9000.00")
    assert municipal[NIJMEGEN].own == D("3700.00")
    assert municipal[NIJMEGEN].total == D("12700.00")
    assert municipal[NIJMEGEN].per_candidate == D("4233.33")
    assert municipal[WIJCHEN].total == D("3000.00")
    assert municipal[WIJCHEN].per_candidate == D("3000.00")
    per_task = _case().per_task_municipality
    assert per_task[("arbeidsbemiddeling", WIJCHEN)] == D("3000.00")
    assert per_task[("extra-arbeidsbemiddeling-op-locatie", NIJMEGEN)] == D("3700.00")


def test_a_function_without_a_rate_is_named_and_counted_at_zero():
    result = policies.compute_costs(
        2026, [HoursRow("activering", None, "teamleider", 2026, D(10))], RATES, [], {1: 1}
    )
    assert result.missing_rates == ["teamleider"]
    assert result.total == D(0)


@given(
    st.decimals(min_value=0, max_value=10**7, places=2),
    st.dictionaries(st.integers(1, 7), st.integers(0, 5000), min_size=1),
)
def test_shares_add_up_to_the_amount_to_the_cent(amount, weights):
    divided = policies.shares(amount, weights)
    if any(w > 0 for w in weights.values()):
        assert sum(divided.values()) == amount
    assert all(v >= 0 for v in divided.values())


def test_more_than_sixty_hours_in_a_week_is_refused():
    assert policies.week_hours_error(D(40), D(20)) is None
    message = policies.week_hours_error(D(40), D("20.5"))
    assert message is not None and "60" in message
    assert policies.week_hours_error(D(0), D(0)) is not None


def test_a_rate_of_zero_or_below_is_refused():
    assert policies.rate_error(D(0)) is not None
    assert policies.rate_error(D(-5)) is not None
    assert policies.rate_error(D("0.01")) is None


def test_a_scenario_is_priced_with_the_index_and_held_against_the_bandwidth():
    lines = [policies.ScenarioLine("a", D(1000), D(80)), policies.ScenarioLine("b", D(10), D(50))]
    price = policies.price_scenario(lines, index_percent=D(3), reference=D(85000), margin=D(5))
    assert price.total == D("82915.00")  # (80.000 + 500) * 1,03
    assert (price.lower, price.upper) == (D("80750.00"), D("89250.00"))
    assert price.within and policies.scenario_error(price) is None
    outside = policies.price_scenario(lines, index_percent=D(3), reference=D(70000), margin=D(5))
    assert not outside.within
    assert "€ 82.915" in policies.scenario_error(outside)


# --- a team's time allocated in fte ----------------------------------------------------------


def test_a_teams_fte_becomes_hours_per_task_that_count_like_registered_hours():
    shares = [
        policies.Share("arbeidsbemiddeling", None, D(60)),
        policies.Share("extra-arbeidsbemiddeling-op-locatie", NIJMEGEN, D(40)),
    ]
    rows = policies.allocated_hours(
        function="jobcoach", year=2026, fte=D("2.5"), hours_per_fte=D(1500), shares=shares
    )
    # 2.5 fte × 1,500 h = 3,750 h: 60 % = 2,250 h regional, 40 % = 1,500 h for Nijmegen.
    assert [(r.task, r.municipality, r.hours) for r in rows] == [
        ("arbeidsbemiddeling", None, D(2250)),
        ("extra-arbeidsbemiddeling-op-locatie", NIJMEGEN, D(1500)),
    ]
    result = policies.compute_costs(2026, rows, RATES, [], {NIJMEGEN: 3, WIJCHEN: 1})
    costs = {t.task: t.total for t in result.tasks}
    assert costs == {
        "arbeidsbemiddeling": D(135000),  # 2,250 h × € 60
        "extra-arbeidsbemiddeling-op-locatie": D(90000),  # 1,500 h × € 60
    }
    municipal = {m.municipality: m.total for m in result.municipalities}
    assert municipal == {NIJMEGEN: D(90000) + D("101250.00"), WIJCHEN: D("33750.00")}


def test_a_time_split_must_be_whole():
    def errors(*shares, card_items=frozenset({"participatiecoaching"})):
        return policies.split_errors([policies.Share(*s) for s in shares], set(card_items))

    assert errors(("arbeidsbemiddeling", None, D(70)), ("activering", None, D(30))) == []
    assert errors() == ["Verdeel de tijd van het team over ten minste één taak."]
    assert any("90" in e for e in errors(("activering", None, D(90))))
    assert errors(("activering", None, D(50)), ("activering", None, D(50)))
    assert errors(("participatiecoaching", None, D(100)))  # a card item names its municipality
    assert errors(("participatiecoaching", NIJMEGEN, D(100))) == []
    assert errors(("activering", None, D(-10)), ("arbeidsbemiddeling", None, D(110)))
