"""Reads of the CBS delivery file (SRG, DVO art. 12.4) for an acting user: a municipality's Inkomen
case manager, for their own municipality's residents; every read and export is logged."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.candidates.models import Instrument, Placement
from werkbedrijf.organisations.models import Organisation
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import CBS_STATISTICS, log_processing
from werkbedrijf.utils import exports

from . import srg
from .policies import Period

FIELDS = (
    "uuid",
    "kind",
    "start",
    "effective_end",
    "trajectory__candidate__uuid",
    "trajectory__candidate__first_name",
    "trajectory__candidate__name_prefix",
    "trajectory__candidate__last_name",
    "trajectory__candidate__bsn",
    "trajectory__candidate__benefit_type",
    "trajectory__candidate__municipality__cbs_code",
)


def _running(qs, end_field: str, month: Period):
    """Records that ran for at least a day of the month; without an end of their own they end
    when the trajectory was closed."""
    return (
        qs.annotate(effective_end=Coalesce(end_field, "trajectory__closed_on"))
        .filter(start__lte=month.end)
        .filter(Q(effective_end__isnull=True) | Q(effective_end__gte=month.start))
    )


def _record(row: dict, source: str, kind_field: str) -> srg.FacilityRecord:
    name = " ".join(
        p
        for p in (
            row["trajectory__candidate__first_name"],
            row["trajectory__candidate__name_prefix"],
            row["trajectory__candidate__last_name"],
        )
        if p
    )
    return srg.FacilityRecord(
        uuid=row["uuid"],
        subject_uuid=row["trajectory__candidate__uuid"],
        candidate_name=name,
        bsn=row["trajectory__candidate__bsn"],
        municipality_code=row["trajectory__candidate__municipality__cbs_code"] or "",
        benefit_type=row["trajectory__candidate__benefit_type"],
        source=source,
        kind=row[kind_field],
        start=row["start"],
        end=row["effective_end"],
    )


def facility_records(municipality: Organisation, month: Period) -> list[srg.FacilityRecord]:
    """The re-integration facilities of ``municipality``'s residents that ran in ``month``: its
    instruments and the placements the SRG counts (a proefplaats, a leerwerkplek)."""
    residents = {"trajectory__candidate__municipality": municipality}
    instruments = _running(Instrument.objects.filter(**residents), "end", month)
    placements = _running(
        Placement.objects.filter(form__in=list(srg.PLACEMENT_TYPES), **residents).annotate(
            kind=F("form")
        ),
        "actual_end",
        month,
    )
    records = [_record(r, srg.INSTRUMENT, "kind") for r in instruments.values(*FIELDS)]
    records += [_record(r, srg.PLACEMENT, "kind") for r in placements.values(*FIELDS)]
    return sorted(records, key=lambda r: (r.candidate_name, r.start, str(r.uuid)))


@dataclass(frozen=True)
class Delivery:
    municipality: Organisation
    month: Period
    records: list[srg.FacilityRecord]
    problems: list[srg.Problem]

    @property
    def persons(self) -> int:
        return len({r.subject_uuid for r in self.records})


def _municipality(user) -> Organisation:
    policy.require(policy.can_export_srg(user))
    municipality = policy.municipality_of(user)
    assert municipality is not None  # can_export_srg asks a municipal case manager
    return municipality


def _require_ended(month: Period) -> None:
    if month.end >= timezone.localdate():
        raise ValidationError(
            {"month": _("The month has not ended yet; a file is made only for a past month.")},
            code="month_not_ended",
        )


def delivery(user, month: Period) -> Delivery:
    """The user's municipality's records of ``month`` and their problems. Checking them reads
    every person's BSN and benefit type, and the problems name the persons, so it is logged."""
    municipality = _municipality(user)
    records = facility_records(municipality, month)
    log_processing(
        actor=user,
        action=Action.READ,
        record_type="srg_record",
        objects=[(r.uuid, r.subject_uuid) for r in records],
        purpose=CBS_STATISTICS,
        detail=f"SRG {municipality.cbs_code} {month.start:%Y-%m}: checked",
    )
    return Delivery(municipality, month, records, srg.problems(records))


def problems_sheet(user, found: Delivery) -> exports.Sheet:
    """The problems of a month as a table to work through; the persons named are logged as
    exported."""
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="srg_problem",
        objects=[(p.record.uuid, p.record.subject_uuid) for p in found.problems],
        purpose=CBS_STATISTICS,
        detail=f"SRG {found.municipality.cbs_code} {found.month.start:%Y-%m}: problems",
    )
    return exports.Sheet(
        _("Problems"),
        [_("Person"), _("Facility"), _("Start"), _("Problem")],
        [
            [p.record.candidate_name, p.record.kind_label, p.record.start, p.message]
            for p in found.problems
        ],
    )


def problems_message(found: list[srg.Problem]) -> str:
    """One Dutch message that lists every problem, by person (name, never the BSN) and facility."""
    lines = [
        _("%(name)s, %(kind)s from %(start)s: %(message)s")
        % {
            "name": p.record.candidate_name,
            "kind": p.record.kind_label,
            "start": p.record.start.strftime("%d-%m-%Y"),
            "message": p.message,
        }
        for p in found
    ]
    return _("The month has %(count)s invalid records and is not exported: %(list)s") % {
        "count": len({p.record.uuid for p in found}),
        "list": " ".join(lines),
    }


def export(user, month: Period) -> tuple[Delivery, exports.Sheet]:
    """The file of ``month`` for the user's municipality. Refused (ValidationError under "month")
    for a month that has not ended or that holds an invalid record, with every problem listed.
    Every person in the file is logged as exported."""
    _require_ended(month)
    found = delivery(user, month)
    municipality = found.municipality
    if found.problems:
        raise ValidationError({"month": problems_message(found.problems)}, code="invalid_records")
    sheet = exports.Sheet(
        f"SRG {month.start:%Y-%m}",
        list(srg.HEADER),
        [srg.row(record, month) for record in found.records],
    )
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="srg_record",
        objects=[(r.uuid, r.subject_uuid) for r in found.records],
        purpose=CBS_STATISTICS,
        detail=f"SRG {municipality.cbs_code} {month.start:%Y-%m}: {len(found.records)} records",
    )
    return found, sheet
