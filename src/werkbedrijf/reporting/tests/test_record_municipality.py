"""The trajectory's municipality on the records under it and the ladder per recording stay exact
(PostgreSQL's triggers, reporting 0012): after records are added, given a wrong municipality,
moved to another trajectory, deleted, and after trajectories move to another municipality, every
record carries its trajectory's municipality, every ladder row says what its trajectory's
recordings say, and the indicators give the figures they give by joining the trajectories."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Case, When

from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import (
    Activity,
    Instrument,
    JourneyStep,
    LadderStep,
    Placement,
    SanctionSignal,
    Trajectory,
)
from werkbedrijf.reporting.indicators import Scope, all_indicators
from werkbedrijf.reporting.indicators import development as ladder
from werkbedrijf.reporting.models import LadderRecording
from werkbedrijf.reporting.policies import Period, quarter_period

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"),
]

RECORDS = (JourneyStep, Activity, Placement, Instrument, SanctionSignal)


def _records_exact() -> None:
    for model in RECORDS:
        rows = model.objects.values_list("pk", "municipality_id", "trajectory__municipality_id")
        assert rows.exists(), model.__name__
        assert [r for r in rows if r[1] != r[2]] == [], model.__name__


def _ladder_exact() -> None:
    """The ladder's rows against their definition, worked out here from the recordings."""
    per_trajectory = defaultdict(list)
    recordings = LadderStep.objects.order_by("trajectory_id", "recorded_on", "id").values_list(
        "pk", "trajectory_id", "trajectory__municipality_id", "recorded_on", "step"
    )
    for recording in recordings:
        per_trajectory[recording[1]].append(recording)
    expected = {}
    for ordered in per_trajectory.values():
        for i, (pk, trajectory, municipality, on, step) in enumerate(ordered):
            following = ordered[i + 1][3] if i + 1 < len(ordered) else None
            expected[pk] = (trajectory, municipality, on, step, ordered[0][4], i == 0, following)
    rows = LadderRecording.objects.values_list(
        "recording_id",
        "trajectory_id",
        "municipality_id",
        "recorded_on",
        "step",
        "first_step",
        "is_first",
        "next_recorded_on",
    )
    assert {row[0]: row[1:] for row in rows} == expected


def _scopes(world):
    periods = [
        Period(date(2025, 1, 1), date(2025, 6, 30)),
        Period(date(2024, 1, 1), date(2025, 12, 31)),
    ]
    periods += [quarter_period(2025, q) for q in (1, 2)]
    for period in periods:
        for municipalities in (None, (world.nijmegen.pk,), (world.wijchen.pk,)):
            yield Scope(period, municipalities)
        yield Scope(period, (world.nijmegen.pk,), sector_group="cleaning")
        yield Scope(period, (world.wijchen.pk,), focus_group="under_27")


def _figures_as_joined(world, monkeypatch) -> None:
    """Every indicator as it reads now against the same with the municipality looked up through
    the trajectory and the ladder counted from the recordings."""
    indicators = all_indicators()
    for scope in _scopes(world):
        own = {i.code: i.compute(scope) for i in indicators}
        assert ladder._ladder(scope) == ladder._ladder_counted(scope), scope
        with monkeypatch.context() as joined:
            joined.setattr(Scope, "records", lambda self, qs: self.trajectories(qs, "trajectory__"))
            assert {i.code: i.compute(scope) for i in indicators} == own, scope


def test_records_and_ladder_follow_every_change(population, case_manager, monkeypatch):
    t, nijmegen, wijchen = population.t, population.nijmegen, population.wijchen
    _records_exact()
    _ladder_exact()
    _figures_as_joined(population, monkeypatch)

    # Added in one statement, with a municipality the application has no business writing.
    Instrument.objects.bulk_create(
        [
            Instrument(trajectory=tr, kind="travel", start=date(2025, 4, 2), srg_category="x")
            for tr in (t[2], t["w1"], t[4])
        ]
        + [Instrument(trajectory=t[6], kind="ips", start=date(2025, 5, 5), municipality=wijchen)]
    )
    Instrument.objects.filter(trajectory=t[2]).update(municipality=wijchen)
    _records_exact()

    # Records moved to another trajectory (of another municipality), in a statement and a save.
    Activity.objects.filter(trajectory=t[2]).update(trajectory=t["w1"])
    SanctionSignal.objects.filter(trajectory=t[4]).update(trajectory=t["w2"])
    placement = Placement.objects.filter(trajectory=t[4]).first()
    placement.trajectory = t["w2"]
    placement.save()
    _records_exact()

    # Ladder: before the first, on the same day as another (the higher id is later), moved in
    # time past the others, a step changed, moved to another trajectory, several at once.
    before = list(LadderStep.objects.filter(trajectory=t[2]).values_list("pk", flat=True))
    LadderStep.objects.create(
        trajectory=t[2], moment="intake", step=1, recorded_on=date(2025, 1, 3)
    )
    LadderStep.objects.create(
        trajectory=t[2], moment="review", step=4, recorded_on=date(2025, 6, 1)
    )
    _ladder_exact()
    first_of_t4 = LadderStep.objects.filter(trajectory=t[4]).order_by("recorded_on").first()
    LadderStep.objects.filter(pk=first_of_t4.pk).update(recorded_on=date(2025, 6, 20))
    LadderStep.objects.filter(pk=min(before)).update(step=5)
    LadderStep.objects.filter(trajectory=t[1]).update(trajectory=t[6])
    LadderStep.objects.bulk_create(
        [
            LadderStep(trajectory=tr, moment="review", step=step, recorded_on=day)
            for tr, step, day in (
                (t["w1"], 2, date(2025, 2, 2)),
                (t["w1"], 3, date(2025, 5, 5)),
                (t[6], 3, date(2025, 3, 3)),
                (t[6], 1, date(2025, 3, 3)),
            )
        ]
    )
    _ladder_exact()

    # A resident's move takes the running trajectory along; a statement moves two at once, in
    # opposite directions.
    services.move_candidate(
        actor=case_manager,
        candidate=t[2].candidate,
        to_municipality=wijchen,
        moved_on=date.today() - timedelta(days=1),
        reason="Nieuw adres in de BRP",
    )
    assert Trajectory.objects.get(pk=t[2].pk).municipality_id == wijchen.pk
    Trajectory.objects.filter(pk__in=[t[4].pk, t["w1"].pk]).update(
        municipality=Case(When(pk=t[4].pk, then=wijchen.pk), default=nijmegen.pk)
    )
    _records_exact()
    _ladder_exact()

    # Deleted: records, one trajectory's first recording, all of another's.
    Instrument.objects.filter(kind="travel", amount__isnull=True).delete()
    LadderStep.objects.filter(
        pk=LadderStep.objects.filter(trajectory=t[2]).earliest("recorded_on").pk
    ).delete()
    LadderStep.objects.filter(trajectory=t[6]).delete()
    _records_exact()
    _ladder_exact()
    assert LadderRecording.objects.filter(trajectory=t[2]).count() == 3
    assert Instrument.objects.filter(amount=Decimal("250.50"), municipality=wijchen).exists()
    _figures_as_joined(population, monkeypatch)
