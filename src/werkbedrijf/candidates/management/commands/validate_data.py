"""Controleer gegevens: check the database against the rules that keep the figures true.

Every record of a trajectory (activity, step, placement, instrument) lies within the trajectory,
an activity is charged only to a local choice of the candidate's municipality and of its own kind,
and a trajectory that is or was At work has a placement. Each violation is printed with the uuids
of the trajectory and the record (never a BSN); the exit code is 1 when there is any. The rules are
the pure functions of ``candidates.policies``; the rows are read in bulk with ``values()``.
"""

from django.core.management.base import BaseCommand, CommandError

from werkbedrijf.candidates import policies
from werkbedrijf.candidates.models import (
    Activity,
    Instrument,
    JourneyStep,
    Phase,
    Placement,
    Trajectory,
)

WITHIN = ("trajectory__uuid", "trajectory__referred_on", "trajectory__closed_on")


def _date_violations(model, label: str, *fields: str):
    rows = model._default_manager.values("uuid", *WITHIN, *fields).iterator(chunk_size=5000)
    for row in rows:
        for field in fields:
            day = row[field]
            if day is None:
                continue
            error = policies.trajectory_date_error(
                day, row["trajectory__referred_on"], row["trajectory__closed_on"]
            )
            if error:
                yield row["trajectory__uuid"], f"{label} {row['uuid']} ({field} {day}): {error}"


def _charge_violations():
    rows = (
        Activity.objects.filter(charged_to__isnull=False)
        .values(
            "uuid",
            "kind",
            "trajectory__uuid",
            "trajectory__municipality_id",
            "charged_to__service__code",
            "charged_to__activity_kind",
            "charged_to__municipal_agreement__municipality_id",
        )
        .iterator(chunk_size=5000)
    )
    for row in rows:
        error = policies.charge_error(
            kind=row["kind"],
            service_code=row["charged_to__service__code"] or "",
            choice_municipality_id=row["charged_to__municipal_agreement__municipality_id"],
            municipality_id=row["trajectory__municipality_id"],
            declared_kind=row["charged_to__activity_kind"],
        )
        if error:
            yield row["trajectory__uuid"], f"activiteit {row['uuid']} (charged_to): {error}"


def _at_work_violations():
    at_work = set(
        Trajectory.objects.filter(phase=Phase.AT_WORK).values_list("pk", flat=True)
    ) | set(
        JourneyStep.objects.filter(to_phase=Phase.AT_WORK).values_list("trajectory_id", flat=True)
    )
    placed = set(Placement.objects.values_list("trajectory_id", flat=True).distinct())
    missing = sorted(at_work - placed)
    for start in range(0, len(missing), 5000):
        chunk = missing[start : start + 5000]
        for uuid in (
            Trajectory.objects.filter(pk__in=chunk).order_by("pk").values_list("uuid", flat=True)
        ):
            yield uuid, f"aan het werk: {policies.at_work_error(Phase.AT_WORK, False)}"


def violations():
    """(trajectory uuid, description) of every violation, rule by rule."""
    yield from _date_violations(Activity, "activiteit", "start", "end")
    yield from _date_violations(JourneyStep, "stap", "occurred_on")
    yield from _date_violations(Placement, "plaatsing", "start")
    yield from _date_violations(Instrument, "instrument", "start")
    yield from _charge_violations()
    yield from _at_work_violations()


class Command(BaseCommand):
    help = (
        "Controleer gegevens: check the database against the rules that keep the figures true "
        "(dates within the trajectory, charges to the municipality's own choice of the right "
        "kind, At work only with a placement). Prints each violation; exit code 1 if any."
    )

    def handle(self, *args, **options):
        count = 0
        for trajectory_uuid, description in violations():
            count += 1
            self.stdout.write(f"traject {trajectory_uuid}: {description}")
        if count:
            raise CommandError(f"{count} overtreding(en) gevonden.", returncode=1)
        self.stdout.write("Geen overtredingen gevonden.")
