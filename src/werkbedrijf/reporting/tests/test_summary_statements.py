"""The summaries stay exact under statements that change many rows at once: the triggers run once
per statement and apply all its rows together (reporting/0009), so a bulk insert, an update or a
delete of several trajectories or steps over several days, rows moving between days and months,
and changes that cancel out within one statement must each leave the summary tables equal to a
direct count of the trajectories and steps, row for row, and the indicators equal to theirs."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F

from werkbedrijf.candidates.models import Candidate, JourneyStep, Phase, Trajectory
from werkbedrijf.reporting.indicators import Scope
from werkbedrijf.reporting.indicators.journey import (
    days_to_work,
    days_to_work_counted,
    in_service,
    in_service_counted,
    inflow,
    inflow_counted,
)
from werkbedrijf.reporting.models import TrajectoryDay, TrajectoryMonth, WorkStep
from werkbedrijf.reporting.policies import Period, quarter_period
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"),
]

YEAR = 2025

# Every (municipality, day, sector group, channel) with what it counts, straight from the
# trajectories, as the summary must hold it (rows whose counts are both 0 are not kept).
COUNTED_DAYS = """
    SELECT municipality_id, day, sector_group, channel, SUM(referred), SUM(change)
    FROM (
        SELECT municipality_id, referred_on AS day, sector_group, channel, 1 AS referred,
               (closed_on IS NULL OR closed_on > referred_on)::int AS change
        FROM candidates_trajectory
        UNION ALL
        SELECT municipality_id, closed_on, sector_group, channel, 0, -1
        FROM candidates_trajectory WHERE closed_on > referred_on
    ) changes
    GROUP BY 1, 2, 3, 4
    HAVING SUM(referred) <> 0 OR SUM(change) <> 0
"""
COUNTED_WORK_STEPS = """
    SELECT j.id, t.id, t.municipality_id, t.sector_group, j.occurred_on,
           j.occurred_on - t.referred_on
    FROM candidates_journeystep j JOIN candidates_trajectory t ON t.id = j.trajectory_id
    WHERE j.to_phase = 'at_work'
"""


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(cursor.fetchall())


def _exact():
    """The three summary tables hold exactly what a direct count gives, no row more or less."""
    days = _rows(COUNTED_DAYS)
    assert (
        sorted(
            TrajectoryDay.objects.values_list(
                "municipality_id", "day", "sector_group", "channel", "referred", "in_service_change"
            )
        )
        == days
    )
    months: dict[tuple, list[int]] = {}
    for municipality, day, sector_group, channel, referred, change in days:
        counts = months.setdefault(
            (municipality, day.replace(day=1), sector_group, channel), [0, 0]
        )
        counts[0] += referred
        counts[1] += change
    assert sorted(
        TrajectoryMonth.objects.values_list(
            "municipality_id", "month", "sector_group", "channel", "referred", "in_service_change"
        )
    ) == sorted((*key, *counts) for key, counts in months.items() if counts != [0, 0])
    assert sorted(
        WorkStep.objects.values_list(
            "step_id", "trajectory_id", "municipality_id", "sector_group", "occurred_on", "days"
        )
    ) == _rows(COUNTED_WORK_STEPS)


def _same_figures(nijmegen, wijchen):
    periods = [quarter_period(YEAR, q) for q in (1, 2, 3, 4)]
    periods += [
        Period(date(YEAR, 1, 1), date(YEAR, 12, 31)),
        Period(date(YEAR, 2, 10), date(YEAR, 5, 3)),
    ]
    for period in periods:
        for municipalities in (None, (nijmegen.pk,), (wijchen.pk,)):
            for sector_group in (None, "cleaning"):
                scope = Scope(period, municipalities, sector_group=sector_group)
                assert inflow(scope) == inflow_counted(scope), scope
                assert in_service(scope) == in_service_counted(scope), scope
                assert days_to_work(scope) == days_to_work_counted(scope), scope


@pytest.fixture
def candidates(nijmegen):
    return Candidate.objects.bulk_create(
        Candidate(
            bsn=bsn,
            first_name="Test",
            last_name=f"Bulk{i}",
            date_of_birth=date(1980, 1, 1 + i),
            municipality=nijmegen,
        )
        for i, bsn in enumerate(valid_bsns(999993000, 12))
    )


def _trajectory(candidate, municipality, referred_on, channel="screen", **extra):
    return Trajectory(
        candidate=candidate,
        municipality=municipality,
        referred_on=referred_on,
        channel=channel,
        phase=extra.pop("phase", Phase.MAIN_ROUTE),
        phase_since=referred_on,
        **extra,
    )


@pytest.fixture
def bulk(candidates, nijmegen, wijchen):
    """Twelve trajectories in one INSERT: several on the same day and key, several days and
    months, both municipalities, closed after, on and "before" the day of referral."""
    c = candidates
    feb, mar = date(YEAR, 2, 3), date(YEAR, 3, 17)
    return Trajectory.objects.bulk_create(
        [
            _trajectory(c[0], nijmegen, feb),
            _trajectory(c[1], nijmegen, feb),  # same row as the first
            _trajectory(c[2], nijmegen, feb, sector_group="cleaning"),
            _trajectory(c[3], nijmegen, feb, channel="api"),
            _trajectory(c[4], wijchen, feb),
            _trajectory(c[5], nijmegen, mar, phase=Phase.OUTFLOW, closed_on=date(YEAR, 5, 2)),
            _trajectory(c[6], nijmegen, mar, phase=Phase.RETURNED, closed_on=mar),
            _trajectory(c[7], wijchen, mar, phase=Phase.RETURNED, closed_on=date(YEAR, 1, 1)),
            _trajectory(c[8], wijchen, date(YEAR, 3, 31), sector_group="cleaning"),
            _trajectory(
                c[9],
                nijmegen,
                date(YEAR, 4, 1),
                phase=Phase.OUTFLOW,
                closed_on=feb + timedelta(days=100),
            ),
            _trajectory(c[10], nijmegen, date(YEAR - 1, 12, 31)),
            _trajectory(c[11], nijmegen, date(YEAR, 6, 30), channel="self"),
        ]
    )


def test_a_bulk_insert_counts_every_row(bulk, nijmegen, wijchen):
    _exact()
    _same_figures(nijmegen, wijchen)
    feb = TrajectoryDay.objects.get(
        municipality=nijmegen, day=date(YEAR, 2, 3), sector_group="", channel="screen"
    )
    assert (feb.referred, feb.in_service_change) == (2, 2)


def test_updates_of_many_rows_move_them_between_days_and_months(bulk, nijmegen, wijchen):
    ids = [t.pk for t in bulk]
    # Every trajectory 40 days later: rows move to other days and months, some across a year.
    Trajectory.objects.filter(pk__in=ids).update(referred_on=F("referred_on") + timedelta(days=40))
    _exact()
    _same_figures(nijmegen, wijchen)
    # Several closed on one day; two of them were already closed on it (not changed).
    Trajectory.objects.filter(pk__in=ids[:6]).update(
        closed_on=date(YEAR, 6, 15), phase=Phase.OUTFLOW
    )
    _exact()
    Trajectory.objects.filter(pk__in=ids[4:9]).update(
        closed_on=date(YEAR, 6, 15), phase=Phase.OUTFLOW
    )
    _exact()
    # Several move to the other municipality and sector group at once, then reopen.
    Trajectory.objects.filter(pk__in=ids[::2]).update(municipality=wijchen, sector_group="cleaning")
    _exact()
    _same_figures(nijmegen, wijchen)
    Trajectory.objects.filter(pk__in=ids).update(closed_on=None, phase=Phase.MAIN_ROUTE)
    _exact()
    _same_figures(nijmegen, wijchen)


def test_one_statement_whose_changes_cancel_out(bulk, nijmegen, wijchen):
    a, b = bulk[0], bulk[4]  # Nijmegen and Wijchen, the same day
    before = list(TrajectoryDay.objects.order_by("pk").values())
    # The two swap municipality in one statement: every summary row ends as it was.
    Trajectory.objects.bulk_update(
        [
            Trajectory(pk=a.pk, municipality=wijchen, referred_on=a.referred_on),
            Trajectory(pk=b.pk, municipality=nijmegen, referred_on=b.referred_on),
        ],
        ["municipality"],
    )
    _exact()
    assert list(TrajectoryDay.objects.order_by("pk").values()) == before
    # Different values per row in one UPDATE (Django's CASE WHEN): one moves, one closes.
    Trajectory.objects.bulk_update(
        [
            Trajectory(pk=bulk[1].pk, referred_on=date(YEAR, 8, 8), closed_on=None),
            Trajectory(pk=bulk[2].pk, referred_on=bulk[2].referred_on, closed_on=date(YEAR, 9, 1)),
        ],
        ["referred_on", "closed_on"],
    )
    _exact()
    _same_figures(nijmegen, wijchen)


def test_unrelated_changes_and_saves_leave_the_summaries_alone(bulk):
    before = [list(m.objects.order_by("pk").values()) for m in (TrajectoryDay, TrajectoryMonth)]
    Trajectory.objects.filter(pk__in=[t.pk for t in bulk]).update(
        aftercare=True, phase_since=F("referred_on")
    )
    trajectory = Trajectory.objects.get(pk=bulk[3].pk)
    trajectory.referral_note = "Saved with every column"
    trajectory.save()
    Trajectory.objects.filter(pk=-1).update(referred_on=date(YEAR, 1, 1))  # no row at all
    after = [list(m.objects.order_by("pk").values()) for m in (TrajectoryDay, TrajectoryMonth)]
    assert after == before
    _exact()


def test_a_changed_id_counts_as_taken_away_and_added(bulk):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE candidates_trajectory SET id = id + 1000000, referred_on = referred_on + 1 "
            "WHERE id = ANY(%s)",
            [[t.pk for t in bulk[:3]]],
        )
    _exact()


def test_a_delete_of_many_rows_over_several_days(bulk, nijmegen, wijchen):
    Trajectory.objects.filter(pk__in=[t.pk for t in bulk[::3]]).delete()
    _exact()
    _same_figures(nijmegen, wijchen)
    Trajectory.objects.filter(pk__in=[t.pk for t in bulk]).delete()
    _exact()
    assert not TrajectoryDay.objects.exists()
    assert not TrajectoryMonth.objects.exists()


def test_steps_in_bulk(bulk, nijmegen, wijchen, case_manager):
    def step(trajectory, on, to=Phase.AT_WORK):
        return JourneyStep(
            trajectory=trajectory,
            from_phase=Phase.MAIN_ROUTE,
            to_phase=to,
            occurred_on=on,
            recorded_by=case_manager,
        )

    a, b, c, d = bulk[0], bulk[4], bulk[5], bulk[10]
    steps = JourneyStep.objects.bulk_create(
        [
            step(a, date(YEAR, 3, 1)),
            step(a, date(YEAR, 5, 1)),  # a second step to work of the same trajectory
            step(b, date(YEAR, 4, 4)),
            step(b, date(YEAR, 4, 5), to=Phase.MAIN_ROUTE),
            step(c, date(YEAR, 4, 20)),
            step(d, date(YEAR, 2, 2), to=Phase.INTAKE),
            step(d, date(YEAR, 2, 28)),
        ]
    )
    ids = [s.pk for s in steps]
    _exact()
    _same_figures(nijmegen, wijchen)
    assert WorkStep.objects.count() == 5

    # Two of them became steps to work.
    JourneyStep.objects.filter(pk__in=ids).update(to_phase=Phase.AT_WORK)
    _exact()
    JourneyStep.objects.filter(pk__in=ids[::2]).update(
        occurred_on=F("occurred_on") + timedelta(days=61)
    )
    _exact()
    _same_figures(nijmegen, wijchen)
    JourneyStep.objects.filter(pk__in=ids[:3]).update(trajectory=c)  # moved to another trajectory
    _exact()
    JourneyStep.objects.filter(pk__in=ids[1:5]).update(to_phase=Phase.MAIN_ROUTE)  # no longer
    _exact()
    # Several trajectories with steps move and are referred earlier in one statement.
    Trajectory.objects.filter(pk__in=[a.pk, b.pk, c.pk, d.pk]).update(
        referred_on=F("referred_on") - timedelta(days=30),
        municipality=wijchen,
        sector_group="cleaning",
    )
    _exact()
    _same_figures(nijmegen, wijchen)
    JourneyStep.objects.filter(pk__in=ids[::2]).delete()
    _exact()
    JourneyStep.objects.filter(pk__in=ids).delete()
    _exact()
    assert not WorkStep.objects.exists()
