"""Reading the moves of residents between the municipalities of the region: scoped by
access.policy, every list written to the processing log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q

from werkbedrijf.access import policy
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.utils.compiled import compiled_list

from .models import Candidate, CandidateMove
from .selectors import PAGE_SIZE, Page


def moves_of(candidate: Candidate) -> list[CandidateMove]:
    """The candidate's moves, newest first, for the candidate's page (itself the logged read)."""
    return compiled_list("moves_of", _moves_of, candidate)


def _moves_of(candidate: Candidate):
    return candidate.moves.select_related(
        "from_municipality", "to_municipality", "recorded_by"
    ).order_by("-moved_on", "-id")


def moves(user, *, cursor=None, page_size: int = PAGE_SIZE, channel: str = "ui") -> Page:
    """Moves the user may see (access.policy.move_scope), newest first, paged by a keyset on
    (moved_on, id) whose cursor is the last move's uuid; an unknown cursor starts from the top.
    Each move names its person: the list is a read of their data."""
    qs = policy.move_scope(user, CandidateMove.objects.all())
    if cursor:
        try:
            after = qs.filter(uuid=cursor).values("moved_on", "id").first()
        except (ValueError, ValidationError):
            after = None
        if after is not None:
            qs = qs.filter(
                Q(moved_on__lt=after["moved_on"])
                | Q(moved_on=after["moved_on"], id__lt=after["id"])
            )
    rows = list(
        qs.select_related(
            "candidate", "from_municipality", "to_municipality", "recorded_by"
        ).order_by("-moved_on", "-id")[: page_size + 1]
    )
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        next_cursor = str(rows[-1].uuid)
    if rows:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="candidates.CandidateMove",
            records=rows,
            purpose=REINTEGRATION,
            channel=channel,
            detail="list",
        )
    return Page(rows, next_cursor)


EXPORT_MAX_ROWS = 10_000  # the most moves an export holds


def moves_export(user) -> list[CandidateMove]:
    """The moves the user may see, newest first (at most EXPORT_MAX_ROWS), for an export: logged
    as an export of each move (each names its person)."""
    rows = list(
        policy.move_scope(user, CandidateMove.objects.all())
        .select_related("candidate", "from_municipality", "to_municipality", "recorded_by")
        .order_by("-moved_on", "-id")[:EXPORT_MAX_ROWS]
    )
    # Logged also when empty: the export itself is on record.
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="candidates.CandidateMove",
        records=rows,
        purpose=REINTEGRATION,
        detail="moves",
    )
    return rows
