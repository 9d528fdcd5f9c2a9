"""The rules of the satisfaction questionnaire, and its figures: pure functions over plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

LINK_DAYS = 30  # a link is valid this long after the invitation
STATEMENTS = ("listened", "clear", "helped")


def answer_errors(score, statements: Mapping[str, int | None]) -> dict[str, str]:
    """What is wrong with the answers, by field."""
    errors = {}
    if not isinstance(score, int) or not 1 <= score <= 10:
        errors["score"] = _("Give a score from 1 to 10.")
    for name, value in statements.items():
        if value is not None and not 1 <= value <= 5:
            errors[name] = _("Choose an answer from 1 to 5.")
    return errors


def link_error(created_on: date, expires_on: date, used_on: date | None, today: date) -> str | None:
    """Why a link can no longer be used, or None."""
    if used_on is not None:
        return _("This questionnaire has already been filled in. Thank you!")
    if today > expires_on:
        return _("This link has expired. The questionnaire could be filled in until %(date)s.") % {
            "date": expires_on.strftime("%d-%m-%Y")
        }
    return None


def expiry(created_on: date) -> date:
    return created_on + timedelta(days=LINK_DAYS)


@dataclass(frozen=True)
class Figures:
    invited: int
    answered: int
    average_score: Decimal | None
    statements: dict[str, Decimal | None]  # average per statement

    @property
    def response_rate(self) -> Decimal | None:
        if self.invited == 0:
            return None
        return (Decimal(100) * self.answered / self.invited).quantize(Decimal("0.1"), ROUND_HALF_UP)


def average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def figures(invited: int, scores: list[int], statements: Mapping[str, list[int]]) -> Figures:
    return Figures(
        invited,
        len(scores),
        average(scores),
        {name: average(values) for name, values in statements.items()},
    )


def hidden(figures_: Figures, threshold: int) -> bool:
    """Averages of fewer than ``threshold`` answers are not shown: a small group's answers could
    be traced to a person."""
    return figures_.answered < threshold
