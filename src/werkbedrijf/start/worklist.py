"""A consultant's work list: what is due or overdue for their own candidates.

Each kind of deadline has a source: a function ``(user, mine, today) -> list[WorkItem]`` that reads
the records of the consultant's candidates (``mine``: the caseload query for "consultant = me")
and asks the date rule of ``start.policies`` whether each belongs on the list today. The list and
every count of it come from one call of ``worklist``, so a count always matches the rows behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates.models import (
    Candidate,
    ContactAssignment,
    FurtherDiagnosis,
    Instrument,
    InstrumentKind,
    Phase,
    Placement,
    SanctionSignal,
    Trajectory,
)
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing

from . import policies
from .policies import WorkKind


@dataclass(frozen=True)
class WorkItem:
    kind: str
    due: date
    candidate: Candidate
    detail: str = ""
    urgency: str = ""

    @property
    def kind_label(self) -> str:
        return str(WorkKind(self.kind).label)


@dataclass
class WorkList:
    items: list[WorkItem]  # the rows shown (filtered by kind, limited)
    counts: dict[str, int]  # per kind, over the whole list
    total: int
    overdue: int
    kinds: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, label, count)


Source = Callable[[object, QuerySet[Trajectory], date], list[WorkItem]]


def my_caseload_filters(user) -> candidate_selectors.Filters:
    """The caseload filter of "my candidates": those the user is contact person or business
    consultant of (the caseload's consultant filter)."""
    return candidate_selectors.Filters(consultant=user.pk)


def _item(kind: str, due: date, candidate: Candidate, today: date, detail: str = "") -> WorkItem:
    return WorkItem(kind, due, candidate, detail, policies.urgency(kind, due, today))


def search_periods(user, mine, today) -> list[WorkItem]:
    rows = mine.filter(
        search_period_start__gte=today - policies.RECENT - policies.journey.SEARCH_PERIOD,
        search_period_start__lte=today + policies.HORIZON,
    ).select_related("candidate")
    items = []
    for t in rows:
        due = policies.search_period_due(t.search_period_start, t.candidate.date_of_birth, today)
        if due is not None:
            items.append(_item(WorkKind.SEARCH_PERIOD, due, t.candidate, today))
    return items


def intakes(user, mine, today) -> list[WorkItem]:
    rows = mine.filter(
        phase__in=[Phase.REFERRED, Phase.WELCOME],
        referred_on__lte=today + policies.HORIZON - policies.INTAKE_WITHIN,
    ).select_related("candidate")
    items = []
    for t in rows:
        due = policies.intake_due(t.phase, t.referred_on, today)
        if due is not None:
            items.append(_item(WorkKind.INTAKE, due, t.candidate, today, t.get_phase_display()))
    return items


def practical_diagnoses(user, mine, today) -> list[WorkItem]:
    rows = FurtherDiagnosis.objects.filter(
        trajectory__in=mine, practical_diagnosis=True
    ).select_related("trajectory__candidate")
    items = []
    for d in rows:
        due = policies.practical_diagnosis_due(
            d.start, d.planned_end, bool(d.outcome.strip()), today
        )
        if due is not None:
            items.append(
                _item(
                    WorkKind.PRACTICAL_DIAGNOSIS,
                    due,
                    d.trajectory.candidate,
                    today,
                    d.get_kind_display(),
                )
            )
    return items


def _running_placements(mine):
    return Placement.objects.filter(trajectory__in=mine, actual_end__isnull=True).select_related(
        "trajectory__candidate", "employer"
    )


def placement_maximums(user, mine, today) -> list[WorkItem]:
    rows = _running_placements(mine).filter(form__in=list(policies.MAXIMUM_KIND_OF_FORM))
    items = []
    for p in rows:
        due = policies.placement_maximum_due(
            p.form,
            p.start,
            with_bbl=p.with_bbl,
            extended=p.extended,
            actual_end=p.actual_end,
            today=today,
        )
        if due is not None:
            kind = policies.MAXIMUM_KIND_OF_FORM[p.form]
            detail = f"{p.get_form_display()}, {p.employer.name}"
            items.append(_item(kind, due, p.trajectory.candidate, today, detail))
    return items


def instrument_maximums(user, mine, today) -> list[WorkItem]:
    rows = Instrument.objects.filter(
        trajectory__in=mine,
        kind__in=[
            InstrumentKind.TRAINING,
            InstrumentKind.WAGE_SUBSIDY_LUMP_SUM,
            InstrumentKind.IPS,
        ],
    ).select_related("trajectory__candidate")
    items = []
    for i in rows:
        candidate = i.trajectory.candidate
        exception = i.bbl or candidate.refugee or candidate.single_parent_child_under_5
        due = policies.instrument_maximum_due(
            i.kind, i.start, i.end, exception=exception, today=today
        )
        if due is not None:
            items.append(_item(WorkKind.INSTRUMENT, due, candidate, today, i.get_kind_display()))
    return items


def placement_starts(user, mine, today) -> list[WorkItem]:
    rows = _running_placements(mine).filter(start__gte=today, start__lte=today + policies.HORIZON)
    items = []
    for p in rows:
        due = policies.placement_start_due(p.start, today)
        if due is not None:
            detail = f"{p.get_form_display()}, {p.employer.name}"
            items.append(
                _item(WorkKind.PLACEMENT_START, due, p.trajectory.candidate, today, detail)
            )
    return items


def placement_ends(user, mine, today) -> list[WorkItem]:
    rows = _running_placements(mine).filter(planned_end__lte=today + policies.HORIZON)
    items = []
    for p in rows:
        due = policies.placement_end_due(p.planned_end, p.actual_end, today)
        if due is not None:
            detail = f"{p.get_form_display()}, {p.employer.name}"
            items.append(_item(WorkKind.PLACEMENT_END, due, p.trajectory.candidate, today, detail))
    return items


def aftercare_checks(user, mine, today) -> list[WorkItem]:
    rows = mine.filter(aftercare=True, phase=Phase.AT_WORK).select_related("candidate")
    items = []
    for t in rows:
        due = policies.aftercare_due(t.aftercare, t.phase, t.phase_since, today)
        if due is not None:
            items.append(_item(WorkKind.AFTERCARE, due, t.candidate, today))
    return items


def open_signals_sent(user, mine, today) -> list[WorkItem]:
    """The signals this consultant sent that still await the municipality's decision, whoever's
    candidate it is now."""
    rows = (
        policy.candidate_scope(user, SanctionSignal.objects.all(), prefix="trajectory__")
        .filter(signalled_by=user, decision="")
        .select_related("trajectory__candidate", "trajectory__municipality")
    )
    items = []
    for s in rows:
        due = policies.open_signal_due(s.signalled_on, bool(s.decision))
        if due is not None:
            detail = s.trajectory.municipality.name
            items.append(_item(WorkKind.OPEN_SIGNAL, due, s.trajectory.candidate, today, detail))
    return items


def handovers(user, mine, today) -> list[WorkItem]:
    """Candidates handed over to this consultant (by a colleague, a team manager or the
    municipality) in the last days."""
    since = today - policies.RECENT
    rows = (
        policy.candidate_scope(user, ContactAssignment.objects.all())
        .filter(contact=user, until__isnull=True, since__date__gte=since)
        .select_related("candidate", "recorded_by")
    )
    items = []
    for a in rows:
        day = timezone.localtime(a.since).date()
        due = policies.handover_due(day, a.recorded_by_id == user.pk, today)
        if due is not None:
            by = a.recorded_by.display_name if a.recorded_by else ""
            items.append(_item(WorkKind.HANDOVER, due, a.candidate, today, by))
    return items


# The sources in the order of WorkKind. A new kind of deadline is one more function here.
SOURCES: list[Source] = [
    search_periods,
    intakes,
    practical_diagnoses,
    placement_maximums,
    instrument_maximums,
    placement_starts,
    placement_ends,
    aftercare_checks,
    open_signals_sent,
    handovers,
]


def all_items(user, today: date | None = None) -> list[WorkItem]:
    """Every item of the user's work list, soonest first (overdue on top). Not logged: callers
    log what they show (``worklist``)."""
    if not policy.can_use_worklist(user):
        return []
    today = today or timezone.localdate()
    caseload = candidate_selectors.caseload_queryset(user, my_caseload_filters(user), today)
    # The caseload's keys once (a consultant's caseload is hundreds, not thousands): each source
    # then reads its records by key instead of evaluating the caseload's filter again.
    mine = Trajectory.objects.filter(pk__in=list(caseload.values_list("pk", flat=True)))
    items = [item for source in SOURCES for item in source(user, mine, today)]
    order = {kind: i for i, kind in enumerate(WorkKind.values)}
    return sorted(
        items, key=lambda i: (i.due, order[i.kind], i.candidate.last_name, i.candidate.pk)
    )


def worklist(
    user,
    *,
    kind: str | None = None,
    limit: int | None = None,
    today: date | None = None,
    channel: str = "ui",
    action: str = Action.READ,
) -> WorkList:
    """The work list, with its counts per kind over all items; ``items`` holds the rows of
    ``kind`` (all kinds when None), at most ``limit``. The persons in the rows are logged as read
    (or exported); an empty list is logged as one entry, since computing it read the dates of the
    user's candidates."""
    everything = all_items(user, today)
    today = today or timezone.localdate()
    counts = Counter(i.kind for i in everything)
    rows = [i for i in everything if kind is None or i.kind == kind]
    if limit is not None:
        rows = rows[:limit]
    if policy.can_use_worklist(user):
        log_processing(
            actor=user,
            action=action,
            record_type="candidates.Candidate",
            records=list({i.candidate.pk: i.candidate for i in rows}.values()),
            purpose=REINTEGRATION,
            channel=channel,
            detail="worklist",
        )
    return WorkList(
        items=rows,
        counts=dict(counts),
        total=len(everything),
        overdue=sum(1 for i in everything if i.urgency == policies.OVERDUE),
        kinds=[(k.value, str(k.label), counts.get(k.value, 0)) for k in WorkKind],
    )
