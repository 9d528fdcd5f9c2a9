"""The standard steps of a new DVO version's cycle, with due dates derived from its period.

The shape is that of the 2026-2027 cycle in the reference data (a period from 1 January 2026):
the draft goes to the colleges at the end of October before the period (28-10-2025), each college
asks its council and client council in November, opinions and local choices are due in the first
month (January 2026), the executive board of the MGR adopts the agreement in the second month
(February), each municipality signs in the third (March), and each municipality may revise its
choices for the second year in the fourth quarter of the first year (31-12-2026). Every date is
the last day of a month counted from the month the period starts, so a period from 1 January 2028
gets 31-10-2027, 30-11-2027, 31-01-2028, 29-02-2028, 31-03-2028 and 31-12-2028.

Plain data in, plain data out: the service turns these into steps, which stay editable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WERKBEDRIJF, MGR = "werkbedrijf", "mgr"

# Per kind of step: the month, counted from the period's first month, whose last day is due.
DRAFT_SENT_MONTH = -3
COUNCILS_ASKED_MONTH = -2
OPINIONS_DUE_MONTH = 0
BOARD_ADOPTS_MONTH = 1
MUNICIPALITY_SIGNS_MONTH = 2
REVISION_MONTH = 11  # the last month of the first year: its fourth quarter ends then


@dataclass(frozen=True)
class StandardStep:
    """One step to plan. ``key`` is unique within the set and names the step another follows
    (``after``); ``party`` is the municipality the step is about (None for the region's steps),
    ``actor`` who must act: ``WERKBEDRIJF``, ``MGR`` or the party itself."""

    key: str
    kind: str
    due_on: date
    actor_role: str
    actor: str
    after: str | None = None
    party: str | None = None
    second_year: int | None = None  # the year a revision is about


def month_end(start: date, months: int) -> date:
    """The last day of the month ``months`` months after the month of ``start`` (negative:
    before)."""
    index = start.year * 12 + (start.month - 1) + months + 1  # the month after
    first_of_next = date(index // 12, index % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def standard_steps(
    period_start: date, period_end: date, parties: Sequence[str]
) -> list[StandardStep]:
    """The standard steps for a version running from ``period_start`` to ``period_end`` with the
    municipalities ``parties`` (their keys, in the order the steps should list them). A revision
    of the second year's choices only when the period has a second year."""
    steps = [
        StandardStep(
            key="draft-sent",
            kind="draft_sent",
            due_on=month_end(period_start, DRAFT_SENT_MONTH),
            actor_role="dvo_admin",
            actor=WERKBEDRIJF,
        )
    ]
    for party in parties:
        steps.append(
            StandardStep(
                key=f"councils-asked:{party}",
                kind="councils_asked",
                due_on=month_end(period_start, COUNCILS_ASKED_MONTH),
                actor_role="policy_adviser",
                actor=party,
                after="draft-sent",
                party=party,
            )
        )
    for party in parties:
        steps.append(
            StandardStep(
                key=f"opinions-due:{party}",
                kind="opinions_due",
                due_on=month_end(period_start, OPINIONS_DUE_MONTH),
                actor_role="policy_adviser",
                actor=party,
                after=f"councils-asked:{party}",
                party=party,
            )
        )
    steps.append(
        StandardStep(
            key="board-adopts",
            kind="board_adopts",
            due_on=month_end(period_start, BOARD_ADOPTS_MONTH),
            actor_role="board_member",
            actor=MGR,
            after="draft-sent",
        )
    )
    for party in parties:
        steps.append(
            StandardStep(
                key=f"municipality-signs:{party}",
                kind="municipality_signs",
                due_on=month_end(period_start, MUNICIPALITY_SIGNS_MONTH),
                actor_role="policy_adviser",
                actor=party,
                after="board-adopts",
                party=party,
            )
        )
    revision_due = month_end(period_start, REVISION_MONTH)
    if period_end > revision_due:
        for party in parties:
            steps.append(
                StandardStep(
                    key=f"revision:{party}",
                    kind="revision",
                    due_on=revision_due,
                    actor_role="policy_adviser",
                    actor=party,
                    after=f"municipality-signs:{party}",
                    party=party,
                    second_year=(revision_due + timedelta(days=1)).year,
                )
            )
    return steps
