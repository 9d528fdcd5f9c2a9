"""Pure rules of reporting: periods and quarters, the "< 5" rule, norms, shares and medians."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median as _median

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.utils.dates import quarter_bounds, quarter_of


class Unit(models.TextChoices):
    COUNT = "count", gettext_lazy("count (how many)")
    SHARE = "share", gettext_lazy("share (%)")
    DAYS = "days", gettext_lazy("days")
    EURO = "euro", gettext_lazy("euro")


class ReportKind(models.TextChoices):
    INTERIM = "interim", gettext_lazy("Interim report")
    ANNUAL = "annual", gettext_lazy("Annual report")


class Breakdown(models.TextChoices):
    MUNICIPALITY = "municipality", gettext_lazy("Municipality")
    FOCUS_GROUP = "focus_group", gettext_lazy("Focus group")
    SECTOR_GROUP = "sector_group", gettext_lazy("Sector group")
    QUARTER = "quarter", gettext_lazy("Quarter")


ALL_BREAKDOWNS = tuple(Breakdown)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        quarter = quarter_of(self.start)
        if self == quarter_period(self.start.year, quarter):
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": self.start.year}
        if self == Period(date(self.start.year, 1, 1), date(self.start.year, 12, 31)):
            return str(self.start.year)
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"


def quarter_period(year: int, quarter: int) -> Period:
    return Period(*quarter_bounds(year, quarter))


def quarters(period: Period) -> list[Period]:
    """The calendar quarters that overlap ``period``, each cut to it."""
    result: list[Period] = []
    year, quarter = period.start.year, quarter_of(period.start)
    while True:
        q = quarter_period(year, quarter)
        if q.start > period.end:
            return result
        result.append(Period(max(q.start, period.start), min(q.end, period.end)))
        quarter += 1
        if quarter == 5:
            year, quarter = year + 1, 1


def report_period(kind: str, year: int) -> Period:
    """Art. 14: the interim report covers the first half year, the annual report the whole year."""
    if kind == ReportKind.INTERIM:
        return Period(date(year, 1, 1), date(year, 6, 30))
    return Period(date(year, 1, 1), date(year, 12, 31))


def period_not_ended_error(period: Period, today: date) -> str | None:
    if period.end >= today:
        return _(
            "The period %(start)s to %(end)s has not ended yet: a report can only be made "
            "for a period that has ended."
        ) % {"start": f"{period.start:%d-%m-%Y}", "end": f"{period.end:%d-%m-%Y}"}
    return None


def norm_errors(unit: str, value: Decimal | None) -> dict[str, str]:
    """A norm of a share lies between 0 and 100 %; a count, days or an amount is not negative."""
    if value is None:
        return {"value": _("Enter the norm.")}
    if unit == Unit.SHARE and not Decimal(0) <= value <= Decimal(100):
        return {"value": _("A share is a percentage: enter a norm from 0 to 100.")}
    if value < 0:
        return {"value": _("A norm cannot be negative.")}
    return {}


def share(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """``numerator`` as a percentage of ``denominator``, one decimal; None for an empty group."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return Decimal(str(_median(values))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- the "< 5" rule -----------------------------------------------------------------------------

SMALL_GROUP_LABEL = "< 5"


def is_small_group(persons: int, threshold: int) -> bool:
    """A figure about 1 to ``threshold - 1`` persons could point at a person; 0 points at nobody."""
    return 0 < persons < threshold


def small_group_label(threshold: int) -> str:
    return f"< {threshold}"


def format_value(unit: str, value) -> str:
    """A figure as a reader sees it: 1.234 / 45,3 % / 87,5 days / € 1.500.000; '–' for none."""
    from werkbedrijf.utils import numbers

    if value is None:
        return "–"
    if unit == Unit.EURO:
        return numbers.euro(value)
    if unit == Unit.SHARE:
        return f"{numbers.quantity(value)} %"
    return numbers.quantity(value)


@dataclass(frozen=True)
class ShownFigure:
    """A figure as one reader may see it: masked when it is about a small group."""

    value: Decimal | None
    persons: int | None
    masked: bool
    text: str


def shown(
    unit: str, value: Decimal | None, persons: int, *, may_see_persons: bool, threshold: int
) -> ShownFigure:
    if not may_see_persons and is_small_group(persons, threshold):
        return ShownFigure(None, None, True, small_group_label(threshold))
    return ShownFigure(value, persons, False, format_value(unit, value))
