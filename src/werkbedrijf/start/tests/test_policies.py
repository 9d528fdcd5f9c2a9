"""The start page's date rules on plain data: one per kind of deadline, the last quarter, small
counts and the DVO cycle's next step."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.candidates.models import EmploymentForm, InstrumentKind, Phase
from werkbedrijf.start import policies as p

TODAY = date(2026, 12, 7)
DAY = timedelta(days=1)


# --- one rule per kind of deadline ------------------------------------------------------------


def test_search_period_of_a_young_person_shows_from_two_weeks_before_its_end():
    born = date(2004, 1, 1)  # 22
    ends_in_ten_days = TODAY + 10 * DAY - timedelta(weeks=4)
    assert p.search_period_due(ends_in_ten_days, born, TODAY) == TODAY + 10 * DAY
    ends_in_three_weeks = TODAY + 21 * DAY - timedelta(weeks=4)
    assert p.search_period_due(ends_in_three_weeks, born, TODAY) is None


def test_search_period_ended_long_ago_or_of_somebody_of_27_is_not_listed():
    ended_a_month_ago = TODAY - 30 * DAY - timedelta(weeks=4)
    assert p.search_period_due(ended_a_month_ago, date(2004, 1, 1), TODAY) is None
    assert p.search_period_due(TODAY - 20 * DAY, date(1990, 1, 1), TODAY) is None
    assert p.search_period_due(None, date(2004, 1, 1), TODAY) is None


def test_intake_is_due_two_weeks_after_the_referral_and_stays_overdue():
    assert p.intake_due(Phase.REFERRED, TODAY - 5 * DAY, TODAY) == TODAY + 9 * DAY
    assert p.intake_due(Phase.WELCOME, TODAY - 200 * DAY, TODAY) == TODAY - 186 * DAY
    assert p.intake_due(Phase.INTAKE, TODAY - 200 * DAY, TODAY) is None


def test_practical_diagnosis_ends_after_fourteen_weeks_unless_its_outcome_is_in():
    start = TODAY - timedelta(weeks=13)
    assert p.practical_diagnosis_due(start, None, False, TODAY) == start + timedelta(weeks=14)
    assert p.practical_diagnosis_due(start, None, True, TODAY) is None
    assert p.practical_diagnosis_due(start, TODAY + 60 * DAY, False, TODAY) is None


def test_leerwerkplek_shows_a_month_before_six_months():
    start = date(2026, 6, 20)  # six months: 20-12-2026
    due = p.placement_maximum_due(
        EmploymentForm.WORK_EXPERIENCE,
        start,
        with_bbl=False,
        extended=False,
        actual_end=None,
        today=TODAY,
    )
    assert due == date(2026, 12, 20)
    with_bbl = p.placement_maximum_due(
        EmploymentForm.WORK_EXPERIENCE,
        start,
        with_bbl=True,
        extended=False,
        actual_end=None,
        today=TODAY,
    )
    assert with_bbl is None  # twelve months with BBL


def test_taalstage_and_orientation_show_before_three_months_and_once_extended_six():
    start = date(2026, 9, 20)
    for form in (EmploymentForm.LANGUAGE_INTERNSHIP, EmploymentForm.ORIENTATION):
        assert p.placement_maximum_due(
            form, start, with_bbl=False, extended=False, actual_end=None, today=TODAY
        ) == date(2026, 12, 20)
        assert (
            p.placement_maximum_due(
                form, start, with_bbl=False, extended=True, actual_end=None, today=TODAY
            )
            is None
        )


def test_ontwikkeltraject_shows_before_a_year_and_not_once_ended():
    start = date(2025, 12, 20)
    assert p.placement_maximum_due(
        EmploymentForm.DEVELOPMENT,
        start,
        with_bbl=False,
        extended=False,
        actual_end=None,
        today=TODAY,
    ) == date(2026, 12, 20)
    assert (
        p.placement_maximum_due(
            EmploymentForm.DEVELOPMENT,
            start,
            with_bbl=False,
            extended=False,
            actual_end=TODAY,
            today=TODAY,
        )
        is None
    )


def test_regular_work_has_no_maximum():
    assert (
        p.placement_maximum_due(
            EmploymentForm.REGULAR,
            date(2020, 1, 1),
            with_bbl=False,
            extended=False,
            actual_end=None,
            today=TODAY,
        )
        is None
    )


def test_instrument_without_an_end_shows_before_its_maximum():
    lump_sum = date(2026, 6, 20)
    assert p.instrument_maximum_due(
        InstrumentKind.WAGE_SUBSIDY_LUMP_SUM, lump_sum, None, exception=False, today=TODAY
    ) == date(2026, 12, 20)
    training = date(2025, 12, 31)
    assert p.instrument_maximum_due(
        InstrumentKind.TRAINING, training, None, exception=False, today=TODAY
    ) == date(2026, 12, 31)
    # BBL, refugees and single parents with a young child have no one-year limit on training.
    assert (
        p.instrument_maximum_due(
            InstrumentKind.TRAINING, training, None, exception=True, today=TODAY
        )
        is None
    )
    # An end within the maximum: nothing to decide.
    assert (
        p.instrument_maximum_due(
            InstrumentKind.TRAINING, training, TODAY + 5 * DAY, exception=False, today=TODAY
        )
        is None
    )
    assert (
        p.instrument_maximum_due(
            InstrumentKind.TRAVEL, date(2020, 1, 1), None, exception=False, today=TODAY
        )
        is None
    )


def test_placement_starting_within_two_weeks():
    assert p.placement_start_due(TODAY + 3 * DAY, TODAY) == TODAY + 3 * DAY
    assert p.placement_start_due(TODAY + 20 * DAY, TODAY) is None
    assert p.placement_start_due(TODAY - DAY, TODAY) is None


def test_placement_ending_within_two_weeks_or_past_its_end_without_one_recorded():
    assert p.placement_end_due(TODAY + 3 * DAY, None, TODAY) == TODAY + 3 * DAY
    assert p.placement_end_due(TODAY - 40 * DAY, None, TODAY) == TODAY - 40 * DAY
    assert p.placement_end_due(TODAY - 40 * DAY, TODAY - 40 * DAY, TODAY) is None
    assert p.placement_end_due(None, None, TODAY) is None


def test_aftercare_check_one_three_six_and_twelve_months_after_work_started():
    assert p.aftercare_due(True, Phase.AT_WORK, date(2026, 9, 10), TODAY) == date(2026, 12, 10)
    assert p.aftercare_due(True, Phase.AT_WORK, date(2026, 8, 1), TODAY) is None
    assert p.aftercare_due(False, Phase.AT_WORK, date(2026, 9, 10), TODAY) is None
    assert p.aftercare_due(True, Phase.MAIN_ROUTE, date(2026, 9, 10), TODAY) is None


def test_open_signal_is_listed_until_decided():
    assert p.open_signal_due(TODAY - 30 * DAY, decided=False) == TODAY - 30 * DAY
    assert p.open_signal_due(TODAY - 30 * DAY, decided=True) is None


def test_handover_by_somebody_else_shows_for_two_weeks():
    assert p.handover_due(TODAY - 3 * DAY, False, TODAY) == TODAY - 3 * DAY
    assert p.handover_due(TODAY - 3 * DAY, True, TODAY) is None
    assert p.handover_due(TODAY - 20 * DAY, False, TODAY) is None


def test_urgency():
    assert p.urgency(p.WorkKind.INTAKE, TODAY - DAY, TODAY) == p.OVERDUE
    assert p.urgency(p.WorkKind.INTAKE, TODAY, TODAY) == p.TODAY
    assert p.urgency(p.WorkKind.INTAKE, TODAY + DAY, TODAY) == p.UPCOMING
    assert p.urgency(p.WorkKind.OPEN_SIGNAL, TODAY - DAY, TODAY) == p.SINCE


# --- the last quarter -------------------------------------------------------------------------


def test_last_quarter_of_december_is_the_third():
    assert p.last_quarter(TODAY) == (date(2026, 7, 1), date(2026, 9, 30))
    assert p.last_quarter(date(2026, 1, 1)) == (date(2025, 10, 1), date(2025, 12, 31))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_last_quarter_is_a_whole_quarter_before_today(today):
    start, end = p.last_quarter(today)
    assert end < today <= end + timedelta(days=92)
    assert start.day == 1 and start.month in (1, 4, 7, 10)
    assert (end + DAY).day == 1 and (end + DAY).month in (1, 4, 7, 10)
    assert 89 <= (end - start).days + 1 <= 92


# --- small counts -------------------------------------------------------------------------------


def test_small_counts_are_shown_as_less_than_five():
    shown = p.suppress([0, 3, 12, 40], 5, may_see_persons=False)
    assert [str(s) for s in shown] == ["0", "< 5", "< 5", "40"]  # 12 hides the 3 from the total
    assert [str(s) for s in p.suppress([0, 3, 12], 5, may_see_persons=True)] == ["0", "3", "12"]
    assert str(p.suppress_one(4, 5, False)) == "< 5"
    assert p.suppress_one(4, 5, False).value is None  # the number is not even kept
    assert str(p.suppress_one(5, 5, False)) == "5"


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=8))
def test_no_suppressed_count_can_be_worked_out_from_the_total(values):
    shown = p.suppress(values, 5, may_see_persons=False)
    hidden = [v for v, s in zip(values, shown, strict=True) if s.suppressed]
    assert all(s.value == v for v, s in zip(values, shown, strict=True) if not s.suppressed)
    assert all(s.suppressed for v, s in zip(values, shown, strict=True) if 0 < v < 5)
    # total minus what is shown is the sum of the hidden ones: never a single small count, unless
    # the total is that count (and suppressed itself, suppress_one)
    assert len(hidden) != 1 or 0 < sum(values) < 5


# --- the DVO cycle -----------------------------------------------------------------------------


def test_cycle_next_step():
    assert p.cycle_next_step("draft", None, 7, TODAY) == (p.REQUEST_OPINIONS, None)
    deadline = TODAY + 10 * DAY
    assert p.cycle_next_step("opinions_requested", deadline, 3, TODAY) == (
        p.COLLECT_OPINIONS,
        deadline,
    )
    assert p.cycle_next_step("opinions_requested", deadline, 0, TODAY) == (p.ADOPT, deadline)
    assert p.cycle_next_step("opinions_requested", TODAY - DAY, 3, TODAY) == (
        p.ADOPT,
        TODAY - DAY,
    )
    assert p.cycle_next_step("adopted", None, 0, TODAY) is None


def test_successor_step():
    assert p.successor_step("tacitly_extended", None, False, TODAY) == (p.AGREE_SUCCESSOR, None)
    assert p.successor_step("tacitly_extended", None, True, TODAY) is None
    soon = TODAY + 60 * DAY
    assert p.successor_step("in_force", soon, False, TODAY) == (p.AGREE_SUCCESSOR, soon)
    assert p.successor_step("in_force", TODAY + 400 * DAY, False, TODAY) is None
    assert p.successor_step("expired", soon, False, TODAY) is None
