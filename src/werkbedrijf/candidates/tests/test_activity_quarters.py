"""The activities-per-quarter summary stays exact: after every kind of change the triggers give
the same figures as counting the activities themselves."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import Activity, Candidate, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"),
]

YEAR = 2025


@pytest.fixture
def trajectories(case_manager, nijmegen):
    born = [date(2000, 6, 1), date(1970, 1, 1), date(1998, 7, 15)]
    return [
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Kwartaal{i}", born[i]),
        )
        for i, bsn in enumerate(valid_bsns(999995000, 3))
    ]


def _same():
    summary = selectors.activity_quarter_rows(YEAR)
    counted = selectors.activity_quarter_rows_from_activities(YEAR)
    assert [tuple(map(Decimal, r)) for r in summary] == [tuple(map(Decimal, r)) for r in counted]
    return summary


def _add(trajectory, start, status="planned", units="1"):
    return Activity.objects.create(
        trajectory=trajectory, kind="workshop", start=start, status=status, units=Decimal(units)
    )


def test_every_change_keeps_the_summary_exact(trajectories, nijmegen, wijchen):
    young, old, turning = trajectories
    a = _add(young, date(YEAR, 2, 1))
    _add(young, date(YEAR, 3, 1), "completed", "2.5")
    _add(old, date(YEAR, 5, 1))
    b = _add(turning, date(YEAR, 7, 1))  # 26 then
    _add(turning, date(YEAR, 8, 1))  # 27 by then
    _add(old, date(YEAR - 1, 12, 31))  # another year
    rows = _same()
    assert (nijmegen.pk, 1, 2, 1, Decimal("3.50"), 1, 1) in rows
    assert (nijmegen.pk, 3, 2, 0, Decimal("2.00"), 1, 1) in rows

    Activity.objects.filter(pk=a.pk).update(status="completed", units=Decimal("4"))
    _same()
    Activity.objects.filter(pk=b.pk).update(start=date(YEAR, 10, 1))
    _same()
    Activity.objects.filter(pk=a.pk).delete()
    _same()
    Trajectory.objects.filter(pk=old.pk).update(municipality=wijchen)
    rows = _same()
    assert any(r[0] == wijchen.pk for r in rows)
    Candidate.objects.filter(pk=turning.candidate_id).update(date_of_birth=date(1960, 1, 1))
    _same()
    Activity.objects.filter(trajectory__in=trajectories).delete()
    assert selectors.activity_quarter_rows(YEAR) == []
