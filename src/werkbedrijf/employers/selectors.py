"""Reading employers: every staff member may see them (access.policy.can_view_employers); showing
a contact person is written to the processing log. Lists page by keyset, never with a COUNT."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Upper

from werkbedrijf.access import policy
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import EMPLOYER_SERVICES, log_processing
from werkbedrijf.utils.paging import Page, split_keyset

from .models import Employer

PAGE_SIZE = 50


def log_employer_contacts(user, employers, action: str = Action.READ) -> None:
    """An employer is an organisation, but its contact person's name, phone and e-mail are
    personal data of that person: every screen and API answer that shows them logs it."""
    shown = [e for e in employers if e.contact_name or e.contact_phone or e.contact_email]
    if shown:
        log_processing(
            actor=user,
            action=action,
            record_type="employer contact person",
            records=shown,
            purpose=EMPLOYER_SERVICES,
        )


def employer_choices(user):
    """The employers a placement may name: all of them, for whoever may see employers."""
    if not policy.can_view_employers(user):
        return Employer.objects.none()
    return Employer.objects.order_by("name", "id")


def employers(
    user,
    name: str = "",
    sector_group: str = "",
    cursor: str | None = None,
    page_size: int = PAGE_SIZE,
) -> Page:
    """Employers by name, paged by a keyset cursor "<name>|<id>". Not personal data of
    candidates; every staff member may see them (access.policy.can_view_employers). Showing
    their contact persons is logged."""
    if not policy.can_view_employers(user):
        return Page([], None)
    qs = Employer.objects.all()
    if name:
        qs = qs.filter(name__icontains=name)
    if sector_group:
        qs = qs.filter(sector_group=sector_group)
    if cursor:
        last_name, last_id = split_keyset(cursor)
        qs = qs.filter(Q(name__gt=last_name) | Q(name=last_name, id__gt=last_id))
    rows = list(qs.order_by("name", "id")[: page_size + 1])
    next_cursor = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        next_cursor = f"{rows[-1].name}|{rows[-1].id}"
    log_employer_contacts(user, rows)
    return Page(rows, next_cursor)


EMPLOYER_SEARCH_MIN_CHARS = 2
EMPLOYER_SEARCH_LIMIT = 20


@dataclass
class EmployerMatches:
    rows: list
    more: bool  # more than the limit matched: the user types more to narrow it down
    kept: object = None  # the employer already chosen, when it is not among the rows


def employer_search_terms(query: str) -> tuple[str, str]:
    """What the placement form's picker searches for: ("kvk", digits) when the query is only
    digits (spaces allowed: "1234 5678"), else ("name", the query with its spaces collapsed)."""
    text = " ".join((query or "").split())
    digits = text.replace(" ", "")
    if digits.isdigit():
        return "kvk", digits
    return "name", text


def employer_search(
    user, query: str, *, keep=None, limit: int = EMPLOYER_SEARCH_LIMIT
) -> EmployerMatches:
    """Employers for the placement form's picker: a part of the name, or the first digits of the
    KvK number; at most ``limit`` by name, in one query (LIMIT limit + 1, never a COUNT).

    Served on PostgreSQL by the trigram index on UPPER(name) of candidates migration 0003 for a
    part of a name of three characters or more, and by Django's varchar_pattern_ops index on
    kvk_number for a KvK prefix; two letters cannot use a trigram index and are a scan of the table (about 18 ms
    at 50,000 employers on a quiet machine, bench/employer_search.py). Only the name, KvK number
    and place are read: a contact person's name is personal data the picker does not need, so,
    as on the employers screen, nothing here is written to the processing log.

    ``keep`` (a uuid) is the employer already chosen: it is returned as ``kept`` when the new
    matches do not include it, so the choice is not lost."""
    if not policy.can_view_employers(user):
        return EmployerMatches([], False)
    columns = Employer.objects.only("uuid", "name", "kvk_number", "city")
    kind, term = employer_search_terms(query)
    rows = []
    if len(term) >= EMPLOYER_SEARCH_MIN_CHARS:
        if kind == "kvk":
            qs = columns.filter(kvk_number__startswith=term)
        else:
            qs = columns.filter(name__icontains=term)
        # By UPPER(name), which no btree delivers: PostgreSQL finds the matches by the trigram or
        # KvK index (or a scan) and sorts them, instead of walking the whole (name, id) index in
        # order looking for a rare two-letter part (120 ms instead of an 18 ms scan when nothing
        # matches, at 50,000 employers).
        rows = list(qs.order_by(Upper("name"), "id")[: limit + 1])
    matches = EmployerMatches(rows[:limit], len(rows) > limit)
    if keep and all(str(e.uuid) != str(keep) for e in matches.rows):
        try:
            matches.kept = columns.filter(uuid=keep).first()
        except (ValueError, ValidationError):
            matches.kept = None
    return matches
