"""Reading employers: every staff member may see them (access.policy.can_view_employers); showing
a contact person is written to the processing log. Lists page by keyset, never with a COUNT.
Contact moments, events and wishes are WerkBedrijf's (access.policy.can_view_employer_services);
employer reach and the market work that delivers item 6 of the keuzekaart are aggregates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import EMPLOYER_SERVICES, log_processing
from werkbedrijf.utils.paging import Page, split_keyset

from .models import (
    ContactMoment,
    Employer,
    EmployerEvent,
    EmployerLocation,
    EmployerWish,
    EventStatus,
    SectorGroup,
)

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


# --- one employer and its services ---------------------------------------------------------------


def employer(user, uuid, *, shown: bool = True) -> Employer:
    """One employer with its account manager; 404 for whoever may not see employers. ``shown``:
    the page shows its contact person (logged); False for a look-up that shows only the name."""
    if not policy.can_view_employers(user):
        raise Http404
    try:
        found = Employer.objects.select_related("account_manager").get(uuid=uuid)
    except (Employer.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    if shown:
        log_employer_contacts(user, [found])
    return found


def locations(user, employer: Employer) -> list[EmployerLocation]:
    """An employer's addresses: not personal data."""
    if not policy.can_view_employers(user):
        return []
    return list(employer.locations.select_related("municipality"))


def log_contact_persons(user, contacts, action: str = Action.READ) -> None:
    """The person spoken to in a contact moment is personal data: showing the name is logged."""
    shown = [c for c in contacts if c.contact_person]
    if shown:
        log_processing(
            actor=user,
            action=action,
            record_type="employer contact person",
            records=shown,
            purpose=EMPLOYER_SERVICES,
        )


CONTACTS_SHOWN = 100


def contacts(user, employer: Employer, limit: int = CONTACTS_SHOWN) -> list[ContactMoment]:
    """The employer's latest contact moments, newest first; the names shown are logged."""
    if not policy.can_view_employer_services(user):
        return []
    rows = list(
        employer.contacts.select_related("consultant", "municipality", "location").order_by(
            "-contact_on", "-id"
        )[:limit]
    )
    log_contact_persons(user, rows)
    return rows


def wishes(user, employer: Employer) -> list[EmployerWish]:
    if not policy.can_view_employer_services(user):
        return []
    return list(employer.wishes.select_related("recorded_by"))


def employer_events(user, employer: Employer) -> list[EmployerEvent]:
    if not policy.can_view_employer_services(user):
        return []
    return list(employer.events.select_related("municipality").order_by("-held_on", "-id"))


def wish(user, uuid) -> EmployerWish:
    if not policy.can_view_employer_services(user):
        raise Http404
    try:
        return EmployerWish.objects.select_related("employer").get(uuid=uuid)
    except (EmployerWish.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


EVENTS_SHOWN = 200


def events(user, year: int | None = None, limit: int = EVENTS_SHOWN) -> list[EmployerEvent]:
    """Events, newest first, with how many employers and candidates take part."""
    if not policy.can_view_employer_services(user):
        return []
    qs = EmployerEvent.objects.select_related("municipality", "organiser")
    if year:
        qs = qs.filter(held_on__year=year)
    qs = qs.annotate(
        employer_count=Count("employers", distinct=True),
        candidate_count=Count("candidates", distinct=True),
    )
    return list(qs.order_by("-held_on", "-id")[:limit])


def event(user, uuid) -> EmployerEvent:
    if not policy.can_view_employer_services(user):
        raise Http404
    try:
        return EmployerEvent.objects.select_related("municipality", "organiser").get(uuid=uuid)
    except (EmployerEvent.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def event_employers(user, event: EmployerEvent) -> list[Employer]:
    if not policy.can_view_employer_services(user):
        return []
    return list(event.employers.order_by("name", "id"))


def event_candidates(user, event: EmployerEvent) -> list:
    """The candidates taking part that the user may see (their caseload), logged as read."""
    if not policy.can_view_employer_services(user):
        return []
    qs = policy.candidate_scope(user, event.candidates.all())
    rows = list(qs.order_by("last_name", "first_name", "id"))
    if rows:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="candidate taking part in an event",
            records=rows,
            purpose=EMPLOYER_SERVICES,
        )
    return rows


def candidates_to_add(user, event: EmployerEvent) -> list:
    """The candidates the user can add to the event: their own caseload (whose contact person
    they are) with an active trajectory, not taking part yet. The names offered are logged as
    read."""
    from werkbedrijf.candidates.models import CLOSED_PHASES, Candidate, ContactAssignment

    if not policy.can_record_employer_services(user):
        return []
    mine = ContactAssignment.objects.filter(contact=user, until__isnull=True).values("candidate_id")
    rows = list(
        policy.candidate_scope(user, Candidate.objects.all())
        .filter(pk__in=mine, trajectories__isnull=False)
        .exclude(trajectories__phase__in=CLOSED_PHASES)
        .exclude(pk__in=event.candidates.values("pk"))
        .distinct()
        .order_by("last_name", "first_name", "id")
    )
    if rows:
        log_processing(
            actor=user,
            action=Action.READ,
            record_type="candidate offered for an event",
            records=rows,
            purpose=EMPLOYER_SERVICES,
        )
    return rows


def event_candidate_count(user, event: EmployerEvent) -> int:
    """How many candidates take part (a number, no persons)."""
    if not policy.can_view_employer_services(user):
        return 0
    return event.candidates.count()


# --- market work: what contacts and events deliver of item 6 -------------------------------------


@dataclass(frozen=True)
class MarketWork:
    """Contacts with employers and events in one municipality in one year."""

    contacts: int
    events_held: int
    events_planned: int


def market_work(user, municipality, year: int) -> MarketWork:
    """Counted where the municipality bought "Events en lokale marktbewerking" (item 6): every
    contact moment in the municipality in the year, and its events held or still planned. Totals
    only; visible like the realisation (access.policy.can_view_realisation)."""
    if not policy.can_view_realisation(user, municipality):
        raise Http404
    contact_count = ContactMoment.objects.filter(
        municipality=municipality, contact_on__year=year
    ).count()
    by_status = dict(
        EmployerEvent.objects.filter(municipality=municipality, held_on__year=year)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return MarketWork(
        contact_count, by_status.get(EventStatus.HELD, 0), by_status.get(EventStatus.PLANNED, 0)
    )


# --- employer reach ----------------------------------------------------------------------------


@dataclass
class ReachRow:
    sector_group: str
    label: str
    employers_reached: int  # unique employers with at least one contact in the year
    contacts: int
    employers_registered: int


@dataclass
class Reach:
    year: int
    municipality: object  # None: the whole region
    rows: list[ReachRow] = field(default_factory=list)

    @property
    def employers_reached(self) -> int:
        """Unique over the region: an employer in two sector groups is impossible (one group per
        employer), so the sum of the rows is the number of unique employers."""
        return sum(r.employers_reached for r in self.rows)

    @property
    def contacts(self) -> int:
        return sum(r.contacts for r in self.rows)

    @property
    def employers_registered(self) -> int:
        return sum(r.employers_registered for r in self.rows)


def employer_reach(user, year: int, municipality=None) -> Reach:
    """Per sector group: the unique employers with a contact moment in the year, the contacts, and
    the employers registered (in a municipality: with a location there); in one municipality
    (contacts counted there) or the whole region.
    The Dienstenboek's key figure: contact with about 1,859 of the region's ~22,750 businesses in
    2019. Aggregates about organisations: nothing personal, nothing logged."""
    if not policy.can_view_employer_reach(user, municipality):
        raise Http404
    contacts_qs = ContactMoment.objects.filter(contact_on__year=year)
    if municipality is not None:
        contacts_qs = contacts_qs.filter(municipality=municipality)
    reached = {
        row["employer__sector_group"]: row
        for row in contacts_qs.values("employer__sector_group").annotate(
            employers=Count("employer", distinct=True), contacts=Count("id")
        )
    }
    employers_qs = Employer.objects.all()
    if municipality is not None:  # registered there: with a location in the municipality
        employers_qs = employers_qs.filter(locations__municipality=municipality)
    registered = dict(
        employers_qs.values_list("sector_group").annotate(n=Count("id", distinct=True)).order_by()
    )
    reach = Reach(year, municipality)
    for group in SectorGroup:
        row = reached.get(group.value, {})
        reach.rows.append(
            ReachRow(
                group.value,
                str(group.label),
                row.get("employers", 0),
                row.get("contacts", 0),
                registered.get(group.value, 0),
            )
        )
    return reach


REACH_YEARS_BACK = 5


def reach_years(user, today: date | None = None) -> list[int]:
    """Years a reach can be asked for: the last five and any since the first contact, up to this
    year."""
    today = today or timezone.localdate()
    first = ContactMoment.objects.order_by("contact_on").values_list("contact_on", flat=True)
    start = first.first()
    earliest = today.year - REACH_YEARS_BACK + 1
    return list(range(min(start.year, earliest) if start else earliest, today.year + 1))


def employer_by_kvk(user, kvk_number: str) -> Employer | None:
    """The employer with this KvK number, for adding it to an event; None when unknown."""
    if not policy.can_view_employers(user) or not kvk_number:
        return None
    return Employer.objects.filter(kvk_number=kvk_number).first()


def account_manager_choices(user):
    """The consultants that can be named account manager: WerkBedrijf's active consultants, as
    far as the user may see staff (access.policy.staff_scope)."""
    from werkbedrijf.accounts.selectors import werkbedrijf_consultants

    return (
        policy.staff_scope(user, werkbedrijf_consultants())
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
