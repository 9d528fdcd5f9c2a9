"""Pure rules of the start page: when a deadline shows on a consultant's work list, which quarter
is "the last", how small counts are shown and what the next step of a DVO's cycle is. Plain data in
and out, no database.

A rule for a deadline answers with the date the item is due (or has been since) when it belongs on
the work list today, and None when it does not. Where the documents give a term (search period,
praktijkdiagnose, maximum durations of bijlage B1) the term comes from ``candidates.policies``;
where they give none (when an intake should be held, when aftercare is checked) the term is an
assumption named below, to be confirmed by WerkBedrijf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates import policies as journey
from werkbedrijf.candidates.models import EmploymentForm, Phase
from werkbedrijf.utils.dates import quarter_bounds, quarter_of

# What is due within this many days shows on the work list.
HORIZON = timedelta(days=14)
# A placement or instrument shows this long before it reaches its maximum duration.
NEARING_MAXIMUM = timedelta(days=30)
# Something that happened (a handover, a search period that ended, an aftercare moment) stays on
# the list this long afterwards.
RECENT = timedelta(days=14)
# Assumption (no term in the documents): the intake is held within two weeks of the referral.
INTAKE_WITHIN = timedelta(days=14)
# Assumption (no term in the documents): aftercare is checked this many months after the
# candidate started work. Checks are not recorded yet, so each moment shows from HORIZON before
# it until RECENT after it.
AFTERCARE_CHECK_MONTHS = (1, 3, 6, 12)
# A praktijkdiagnose takes about 14 weeks on site (Dienstenboek) when no planned end is given.
PRACTICAL_DIAGNOSIS = timedelta(weeks=14)
YOUNG_UNTIL_AGE = 27  # the search period is for young people under 27
# New referrals: the Inkomen case manager sees those of the last 30 days and where they stand.
NEW_REFERRALS = timedelta(days=30)


class WorkKind(models.TextChoices):
    """The kinds of deadline on a consultant's work list, in the order the list groups them."""

    SEARCH_PERIOD = "search_period", _("Search period ends")
    INTAKE = "intake", _("Intake not yet held")
    PRACTICAL_DIAGNOSIS = "practical_diagnosis", _("Praktijkdiagnose ends")
    WORK_EXPERIENCE = "work_experience", _("Leerwerkplek nears its maximum")
    LANGUAGE_INTERNSHIP = "language_internship", _("Taalstage nears its maximum")
    DEVELOPMENT = "development", _("Ontwikkeltraject nears its maximum")
    INSTRUMENT = "instrument", _("Instrument nears its maximum")
    PLACEMENT_START = "placement_start", _("Placement starts")
    PLACEMENT_END = "placement_end", _("Placement ends")
    AFTERCARE = "aftercare", _("Aftercare check")
    OPEN_SIGNAL = "open_signal", _("Sanction signal awaits a decision")
    HANDOVER = "handover", _("Handed over to you")


# Kinds whose date is a moment that passed (waiting since, handed over on), not a deadline.
SINCE_KINDS = frozenset({WorkKind.OPEN_SIGNAL, WorkKind.HANDOVER})

# The kind of work item of a placement form with a maximum duration (an oriëntatietraject has the
# taalstage's term and is listed with it).
MAXIMUM_KIND_OF_FORM = {
    EmploymentForm.WORK_EXPERIENCE: WorkKind.WORK_EXPERIENCE,
    EmploymentForm.DEVELOPMENT: WorkKind.DEVELOPMENT,
    EmploymentForm.LANGUAGE_INTERNSHIP: WorkKind.LANGUAGE_INTERNSHIP,
    EmploymentForm.ORIENTATION: WorkKind.LANGUAGE_INTERNSHIP,
}

OVERDUE, TODAY, UPCOMING, SINCE = "overdue", "today", "upcoming", "since"


def urgency(kind: str, due: date, today: date) -> str:
    """How a work item is marked: overdue, due today, upcoming, or (for a moment that passed)
    since."""
    if kind in SINCE_KINDS:
        return SINCE
    if due < today:
        return OVERDUE
    if due == today:
        return TODAY
    return UPCOMING


def _within(due: date, today: date, *, ahead: timedelta, behind: timedelta | None) -> bool:
    """Whether ``due`` lies in [today - behind, today + ahead]; no lower bound when behind is
    None (it stays on the list until it is dealt with)."""
    if due > today + ahead:
        return False
    return behind is None or due >= today - behind


# --- one rule per kind of deadline ---------------------------------------------------------------


def search_period_due(
    search_period_start: date | None, date_of_birth: date, today: date
) -> date | None:
    """A young person's four-week search period: shows from HORIZON before its end until RECENT
    after it."""
    if search_period_start is None:
        return None
    if journey.age_on(date_of_birth, search_period_start) >= YOUNG_UNTIL_AGE:
        return None
    end = journey.search_period_end(search_period_start)
    return end if _within(end, today, ahead=HORIZON, behind=RECENT) else None


def intake_due(phase: str, referred_on: date, today: date) -> date | None:
    """A candidate still before the intake (referred or welcomed) is due for it INTAKE_WITHIN
    after the referral; overdue until the step to the intake is taken."""
    if phase not in (Phase.REFERRED, Phase.WELCOME):
        return None
    due = referred_on + INTAKE_WITHIN
    return due if _within(due, today, ahead=HORIZON, behind=None) else None


def practical_diagnosis_due(
    start: date, planned_end: date | None, has_outcome: bool, today: date
) -> date | None:
    """A praktijkdiagnose ends at its planned end (about 14 weeks after the start when none is
    given); it stays on the list until its outcome is recorded."""
    if has_outcome:
        return None
    due = planned_end or start + PRACTICAL_DIAGNOSIS
    return due if _within(due, today, ahead=HORIZON, behind=None) else None


def placement_maximum_due(
    form: str,
    start: date,
    *,
    with_bbl: bool,
    extended: bool,
    actual_end: date | None,
    today: date,
) -> date | None:
    """A running leerwerkplek, ontwikkeltraject, taalstage or oriëntatietraject shows
    NEARING_MAXIMUM before the latest end bijlage B1 allows, and stays until it is ended."""
    if actual_end is not None:
        return None
    latest = journey.placement_max_end(form, start, with_bbl=with_bbl, extended=extended)
    if latest is None:
        return None
    return latest if _within(latest, today, ahead=NEARING_MAXIMUM, behind=None) else None


def instrument_maximum_due(
    kind: str, start: date, end: date | None, *, exception: bool, today: date
) -> date | None:
    """An instrument with a maximum duration (training, the lump-sum wage subsidy, IPS) that
    runs without an end within it shows NEARING_MAXIMUM before that maximum."""
    latest = journey.instrument_max_end(kind, start, exception=exception)
    if latest is None or (end is not None and end <= latest):
        return None
    return latest if _within(latest, today, ahead=NEARING_MAXIMUM, behind=None) else None


def placement_start_due(start: date, today: date) -> date | None:
    """A placement that starts within HORIZON."""
    return start if today <= start <= today + HORIZON else None


def placement_end_due(
    planned_end: date | None, actual_end: date | None, today: date
) -> date | None:
    """A placement's planned end within HORIZON; once passed without an actual end recorded it
    stays on the list (overdue) until the end is recorded."""
    if planned_end is None or actual_end is not None:
        return None
    return planned_end if _within(planned_end, today, ahead=HORIZON, behind=None) else None


def aftercare_due(aftercare: bool, phase: str, at_work_since: date, today: date) -> date | None:
    """The next aftercare moment of a candidate at work with aftercare (AFTERCARE_CHECK_MONTHS
    after the start of work) within [today - RECENT, today + HORIZON]."""
    if not aftercare or phase != Phase.AT_WORK:
        return None
    for months in AFTERCARE_CHECK_MONTHS:
        moment = journey.add_months(at_work_since, months)
        if _within(moment, today, ahead=HORIZON, behind=RECENT):
            return moment
    return None


def open_signal_due(signalled_on: date, decided: bool) -> date | None:
    """A sanction signal the consultant sent that awaits the municipality's decision, since the
    day it was sent."""
    return None if decided else signalled_on


def handover_due(since: date, handed_over_by_self: bool, today: date) -> date | None:
    """A candidate handed over to the consultant by somebody else in the last RECENT days."""
    if handed_over_by_self:
        return None
    return since if _within(since, today, ahead=timedelta(0), behind=RECENT) else None


# --- figures --------------------------------------------------------------------------------


def last_quarter(today: date) -> tuple[date, date]:
    """The last complete calendar quarter before ``today``."""
    end = quarter_bounds(today.year, quarter_of(today))[0] - timedelta(days=1)
    return quarter_bounds(end.year, quarter_of(end))


@dataclass(frozen=True)
class Shown:
    """A count as shown: the number, or (``value`` None) that it lies below ``threshold``. A
    suppressed count does not carry its number, so no template can show it by mistake."""

    value: int | None
    threshold: int = 0

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"< {self.threshold}" if self.value is None else str(self.value)


def suppress(values: list[int], threshold: int, may_see_persons: bool) -> list[Shown]:
    """Counts of people as shown to a user: to one who may not see the persons, a count of 1 up
    to ``threshold - 1`` is suppressed (shown as "< threshold"). When exactly one count of a
    group that is shown with its total is suppressed, the smallest other non-zero count is
    suppressed too, so the hidden one cannot be worked out from the total."""
    if may_see_persons or threshold <= 1:
        return [Shown(v) for v in values]
    hidden = {i for i, v in enumerate(values) if 0 < v < threshold}
    if len(hidden) == 1:
        others = [(v, i) for i, v in enumerate(values) if v > 0 and i not in hidden]
        if others:
            hidden.add(min(others)[1])
    return [Shown(None, threshold) if i in hidden else Shown(v) for i, v in enumerate(values)]


def suppress_one(value: int, threshold: int, may_see_persons: bool) -> Shown:
    """One count on its own (no total next to it)."""
    if not may_see_persons and 0 < value < threshold:
        return Shown(None, threshold)
    return Shown(value)


# --- the DVO cycle ------------------------------------------------------------------------------

REQUEST_OPINIONS, COLLECT_OPINIONS, ADOPT, RECORD_SIGNATURES, AGREE_SUCCESSOR = (
    "request_opinions",
    "collect_opinions",
    "adopt",
    "record_signatures",
    "agree_successor",
)


def cycle_next_step(
    status: str,
    opinion_deadline: date | None,
    opinions_missing: int,
    today: date,
) -> tuple[str, date | None] | None:
    """The next step of a DVO version not yet adopted, from its stored state: a draft goes out
    for opinions; while opinions are asked, they are collected until the deadline (or until all
    are in), then the executive board adopts."""
    if status == "draft":
        return REQUEST_OPINIONS, None
    if status == "opinions_requested":
        if opinions_missing and (opinion_deadline is None or today <= opinion_deadline):
            return COLLECT_OPINIONS, opinion_deadline
        return ADOPT, opinion_deadline
    return None


def successor_step(
    effective_status: str, renewal_deadline: date | None, has_successor: bool, today: date
) -> tuple[str, date | None] | None:
    """An adopted DVO in force (or tacitly extended) without a successor: agree one before the
    renewal deadline (art. 16.1); shown from half a year before it."""
    if has_successor or effective_status not in ("in_force", "tacitly_extended"):
        return None
    if renewal_deadline is None:
        return (AGREE_SUCCESSOR, None) if effective_status == "tacitly_extended" else None
    if renewal_deadline - timedelta(days=183) <= today or effective_status == "tacitly_extended":
        return AGREE_SUCCESSOR, renewal_deadline
    return None
