"""The summaries stay exact: after every kind of change the indicators inflow and in service (per
day and month), the days to work and the outflow to work per employment form (steps to work) give
the same figures as counting the trajectories, journey steps and placements themselves."""

from datetime import date, timedelta

import pytest
from django.db import connection

from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import JourneyStep, Placement, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.reporting.indicators import TOTAL, Scope
from werkbedrijf.reporting.indicators.journey import (
    days_to_work,
    days_to_work_counted,
    in_service,
    in_service_counted,
    inflow,
    inflow_counted,
    outflow_to_work,
    outflow_to_work_counted,
)
from werkbedrijf.reporting.models import TrajectoryDay, TrajectoryMonth, WorkStep
from werkbedrijf.reporting.policies import Period, quarter_period
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"),
]

YEAR = 2025


@pytest.fixture
def trajectories(case_manager, nijmegen):
    return [
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Dag{i}", date(1980, 1, 1 + i)),
        )
        for i, bsn in enumerate(valid_bsns(999994000, 4))
    ]


def _scopes(nijmegen, wijchen):
    periods = [quarter_period(YEAR, q) for q in (1, 2, 3, 4)]
    periods += [
        Period(date(YEAR, 1, 1), date(YEAR, 12, 31)),
        Period(date(YEAR, 3, 3), date(YEAR, 3, 3)),
    ]
    periods += [Period(day, day) for day in (date(YEAR, 2, 1), date(YEAR, 5, 31), date(YEAR, 6, 1))]
    # Parts of months before, between and after whole ones, and within one month.
    periods += [
        Period(date(YEAR, 1, 15), date(YEAR, 4, 10)),
        Period(date(YEAR - 1, 11, 5), date(YEAR, 6, 1)),
        Period(date(YEAR, 2, 1), date(YEAR, 3, 2)),
        Period(date(YEAR, 3, 2), date(YEAR, 3, 31)),
        Period(date(YEAR, 5, 2), date(YEAR, 5, 30)),
    ]
    for period in periods:
        for municipalities in (None, (nijmegen.pk,), (wijchen.pk,), (nijmegen.pk, wijchen.pk)):
            yield Scope(period, municipalities)
            yield Scope(period, municipalities, sector_group="cleaning")


def _same(nijmegen, wijchen):
    for scope in _scopes(nijmegen, wijchen):
        assert inflow(scope) == inflow_counted(scope), scope
        assert in_service(scope) == in_service_counted(scope), scope


def _set(trajectory, **fields):
    Trajectory.objects.filter(pk=trajectory.pk).update(**fields)


def test_every_change_keeps_the_summary_exact(trajectories, nijmegen, wijchen):
    a, b, c, d = trajectories
    _set(a, referred_on=date(YEAR, 2, 1), channel="screen")
    _set(b, referred_on=date(YEAR, 2, 1), channel="api", sector_group="cleaning")
    _set(c, referred_on=date(YEAR - 1, 11, 5), channel="self")
    _set(d, referred_on=date(YEAR, 5, 31), channel="upload", municipality=wijchen)
    _same(nijmegen, wijchen)
    assert in_service(Scope(Period(date(YEAR, 3, 1), date(YEAR, 3, 31)))).popitem()[1].persons == 3

    _set(a, closed_on=date(YEAR, 3, 3), phase="outflow")  # closed: out of service from that day
    _same(nijmegen, wijchen)
    _set(b, closed_on=date(YEAR, 2, 1), phase="returned")  # closed the day it was referred
    _same(nijmegen, wijchen)
    _set(b, closed_on=date(YEAR, 1, 1))  # closed "before" it was referred: never in service
    _same(nijmegen, wijchen)
    _set(a, closed_on=None, phase="intake")  # reopened
    _same(nijmegen, wijchen)
    _set(c, municipality=wijchen, sector_group="cleaning")  # moved
    _same(nijmegen, wijchen)
    _set(d, referred_on=date(YEAR, 6, 1), channel="api")
    _same(nijmegen, wijchen)
    Trajectory.objects.filter(pk=c.pk).update(referred_on=date(YEAR, 3, 3) - timedelta(days=1))
    _same(nijmegen, wijchen)
    # Unrelated columns do not touch the summary.
    before = [list(m.objects.order_by("pk").values()) for m in (TrajectoryDay, TrajectoryMonth)]
    _set(a, phase="further_diagnosis", aftercare=True)
    assert [list(m.objects.order_by("pk").values()) for m in (TrajectoryDay, TrajectoryMonth)] == (
        before
    )

    for trajectory in trajectories:
        trajectory.steps.all().delete()
    Trajectory.objects.filter(pk__in=[t.pk for t in trajectories]).delete()
    assert not TrajectoryDay.objects.filter(municipality__in=[nijmegen, wijchen]).exists()
    assert not TrajectoryMonth.objects.filter(municipality__in=[nijmegen, wijchen]).exists()
    _same(nijmegen, wijchen)


def _same_days_to_work(nijmegen, wijchen):
    for scope in _scopes(nijmegen, wijchen):
        assert days_to_work(scope) == days_to_work_counted(scope), scope


def test_every_change_keeps_the_steps_to_work_exact(trajectories, nijmegen, wijchen, case_manager):
    a, b, c, _d = trajectories
    _set(a, referred_on=date(YEAR - 1, 12, 1))
    _set(b, referred_on=date(YEAR, 1, 10), sector_group="cleaning")
    _set(c, referred_on=date(YEAR, 2, 1), municipality=wijchen)

    def step(trajectory, on, to="at_work"):
        return JourneyStep.objects.create(
            trajectory=trajectory,
            from_phase="main_route",
            to_phase=to,
            occurred_on=on,
            recorded_by=case_manager,
        )

    first = step(a, date(YEAR, 3, 1))
    step(a, date(YEAR, 5, 1))  # a second step to work of the same trajectory
    other = step(b, date(YEAR, 2, 20), to="main_route")
    late = step(c, date(YEAR, 6, 1))
    _same_days_to_work(nijmegen, wijchen)
    assert days_to_work(Scope(Period(date(YEAR, 1, 1), date(YEAR, 12, 31))))[TOTAL].persons == 2

    JourneyStep.objects.filter(pk=other.pk).update(to_phase="at_work")  # became a step to work
    _same_days_to_work(nijmegen, wijchen)
    JourneyStep.objects.filter(pk=first.pk).update(occurred_on=date(YEAR, 4, 2))
    _same_days_to_work(nijmegen, wijchen)
    JourneyStep.objects.filter(pk=late.pk).update(trajectory=b)
    _same_days_to_work(nijmegen, wijchen)
    _set(b, referred_on=date(YEAR - 1, 6, 1), municipality=wijchen, sector_group="")
    _same_days_to_work(nijmegen, wijchen)
    JourneyStep.objects.filter(pk=other.pk).update(to_phase="main_route")  # no longer
    _same_days_to_work(nijmegen, wijchen)
    JourneyStep.objects.filter(pk=first.pk).delete()
    _same_days_to_work(nijmegen, wijchen)
    JourneyStep.objects.filter(trajectory__in=trajectories).delete()
    assert not WorkStep.objects.filter(trajectory__in=trajectories).exists()
    _same_days_to_work(nijmegen, wijchen)


def _same_outflow(nijmegen, wijchen):
    for scope in _scopes(nijmegen, wijchen):
        assert outflow_to_work(scope) == outflow_to_work_counted(scope), scope


def test_every_change_keeps_the_forms_of_the_steps_to_work_exact(
    trajectories, nijmegen, wijchen, case_manager
):
    from werkbedrijf.employers.models import Employer

    a, b, c, _d = trajectories
    _set(b, sector_group="cleaning")
    _set(c, municipality=wijchen)
    employer = Employer.objects.create(
        name="Vorm BV", kvk_number="87654321", sector_group="cleaning"
    )

    def step(trajectory, on, to="at_work"):
        return JourneyStep.objects.create(
            trajectory=trajectory,
            from_phase="main_route",
            to_phase=to,
            occurred_on=on,
            recorded_by=case_manager,
        )

    def placement(trajectory, start, form):
        return Placement.objects.create(
            trajectory=trajectory, employer=employer, form=form, start=start, hours_per_week=32
        )

    def forms():
        return dict(WorkStep.objects.filter(trajectory__in=trajectories).values_list("pk", "form"))

    first = step(a, date(YEAR, 3, 1))  # no placement yet: no form
    trial = placement(a, date(YEAR, 2, 1), "trial")  # a placement after the step: its form
    assert forms() == {first.pk: "trial"}
    later = placement(a, date(YEAR, 3, 2), "regular")  # started after the step: not its form
    assert forms() == {first.pk: "trial"}
    second = step(a, date(YEAR, 5, 1))  # a step after both: the latest one's form
    assert forms() == {first.pk: "trial", second.pk: "regular"}
    same_day = placement(a, date(YEAR, 3, 2), "secondment")  # same start, higher id: it wins
    assert forms()[second.pk] == "secondment"
    placement(b, date(YEAR, 1, 5), "development")
    step(b, date(YEAR, 2, 20))
    step(c, date(YEAR, 6, 1))
    _same_outflow(nijmegen, wijchen)
    assert outflow_to_work(Scope(Period(date(YEAR, 1, 1), date(YEAR, 12, 31))))[TOTAL].persons == 3

    Placement.objects.filter(pk=later.pk).update(start=date(YEAR, 2, 15))  # now before the step
    _same_outflow(nijmegen, wijchen)
    Placement.objects.filter(pk=trial.pk).update(form="work_experience")
    _same_outflow(nijmegen, wijchen)
    Placement.objects.filter(pk=same_day.pk).update(trajectory=c)  # moved to another trajectory
    _same_outflow(nijmegen, wijchen)
    Placement.objects.filter(pk=later.pk).update(hours_per_week=20)  # not a counted column
    _same_outflow(nijmegen, wijchen)
    JourneyStep.objects.filter(pk=first.pk).update(occurred_on=date(YEAR, 1, 20))  # before all
    assert forms()[first.pk] == ""
    _same_outflow(nijmegen, wijchen)
    _set(a, municipality=wijchen, sector_group="cleaning")  # the trajectory moves
    _same_outflow(nijmegen, wijchen)
    Placement.objects.filter(pk__in=[trial.pk, later.pk]).delete()
    assert forms()[second.pk] == ""
    _same_outflow(nijmegen, wijchen)
    Placement.objects.filter(trajectory__in=trajectories).delete()
    assert set(forms().values()) == {""}
    _same_outflow(nijmegen, wijchen)
