"""Reading the delivery of local choices per quarter, always within what the acting user may see:
the quarterly realisation (aggregates, like the realisation of access.policy), the records behind
it (they name WerkBedrijf's workers: for those who record them and the municipality's policy
adviser), and the local presence of a year set beside an earlier one (council wish 1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractQuarter
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.utils import dates

from ..models import ExtraWork, LocalChoice, MunicipalAgreement
from ..selectors import current_choices, in_force
from . import policies
from .models import (
    CoachingAssignment,
    DeliveryNote,
    HalfDaySession,
    HalfDayStatus,
    NoteStatus,
    TeamPresence,
)

Kind = policies.DeliveryKind
ZERO = Decimal(0)


def delivery_kind_of(choice: LocalChoice) -> str:
    return policies.delivery_kind(
        choice.service.unit_kind if choice.service_id else None,
        choice.custom_unit,
        choice.activity_kind,
    )


def choice_period(choice: LocalChoice) -> tuple[date, date]:
    """The days of the choice's own year under its agreement and within its validity."""
    agreement = choice.municipal_agreement.agreement
    start = max(date(choice.year, 1, 1), agreement.period_start, choice.valid_from or date.min)
    end = min(date(choice.year, 12, 31), agreement.period_end, choice.valid_until or date.max)
    return start, end


def holds_on(choice: LocalChoice, day: date, today: date | None = None) -> bool:
    """Whether the choice holds on ``day``: in its own year's period, or in a later year that its
    adopted agreement is extended into tacitly (art. 16.1), within its validity."""
    if choice.valid_from and day < choice.valid_from:
        return False
    if choice.valid_until and day > choice.valid_until:
        return False
    start, end = choice_period(choice)
    if day.year == choice.year:
        return start <= day <= end
    held = in_force(choice.municipal_agreement.municipality_id, day.year, today)
    return (
        held.municipal_agreement is not None
        and held.municipal_agreement.pk == choice.municipal_agreement_id
        and held.source_year == choice.year
        and held.carried_over_from is not None
        and choice.valid_until is None
    )


# --- the realisation per quarter ---------------------------------------------------------------


@dataclass
class QuarterFigure:
    quarter: int
    bought: Decimal | None
    delivered: Decimal
    forecast: Decimal
    started: bool
    behind: bool


@dataclass
class DeliveryRow:
    label: str
    kind: str
    unit: str
    quarters: list[QuarterFigure]
    choice: LocalChoice | None = None
    extra_work: ExtraWork | None = None
    carried_over_from: int | None = None

    @property
    def key(self) -> str:
        return str((self.choice or self.extra_work).uuid)

    @property
    def bought(self) -> Decimal | None:
        values = [q.bought for q in self.quarters]
        return None if any(v is None for v in values) else sum(values, ZERO)

    @property
    def delivered(self) -> Decimal:
        return sum((q.delivered for q in self.quarters), ZERO)

    @property
    def forecast(self) -> Decimal:
        return sum((q.forecast for q in self.quarters), ZERO)

    @property
    def behind(self) -> bool:
        return any(q.behind for q in self.quarters)


@dataclass
class QuarterlyRealisation:
    municipality: object
    year: int
    rows: list[DeliveryRow] = field(default_factory=list)
    carried_over_from: int | None = None


def _unit(choice: LocalChoice, kind: str) -> str:
    if kind == Kind.HALF_DAYS:
        return "dagdelen"
    if kind == Kind.TEAM_PRESENCE:
        return "locaties"
    if kind == Kind.COACHING:
        return "fte"
    if choice.service_id:
        return choice.service.quantity_label or choice.service.unit_label
    return choice.custom_unit or "leveringen"


def _by_quarter(rows) -> dict:
    found: dict = defaultdict(lambda: defaultdict(lambda: ZERO))
    for key, quarter, label, value in rows:
        found[key][(quarter, label)] += Decimal(value or 0)
    return found


def _activities(choice_ids, year):
    from werkbedrijf.candidates.models import OPEN_ACTIVITY_STATUSES, Activity, ActivityStatus

    rows = (
        Activity.objects.filter(charged_to_id__in=choice_ids, start__year=year)
        .annotate(q=ExtractQuarter("start"))
        .values("charged_to_id", "q", "status")
        .annotate(units=Sum("units"))
        .values_list("charged_to_id", "q", "status", "units")
    )
    return _by_quarter(
        (
            c,
            q,
            "done"
            if s == ActivityStatus.COMPLETED
            else "open"
            if s in OPEN_ACTIVITY_STATUSES
            else "",
            u,
        )
        for c, q, s, u in rows
    )


def _market(municipality, year) -> dict:
    from werkbedrijf.employers.models import ContactMoment, EmployerEvent, EventStatus

    counts: dict = defaultdict(lambda: defaultdict(int))
    for q, n in (
        ContactMoment.objects.filter(municipality=municipality, contact_on__year=year)
        .annotate(q=ExtractQuarter("contact_on"))
        .values("q")
        .annotate(n=Count("id"))
        .values_list("q", "n")
    ):
        counts[q]["contacts"] += n
    for q, s, n in (
        EmployerEvent.objects.filter(municipality=municipality, held_on__year=year)
        .annotate(q=ExtractQuarter("held_on"))
        .values("q", "status")
        .annotate(n=Count("id"))
        .values_list("q", "status", "n")
    ):
        key = {EventStatus.HELD: "held", EventStatus.PLANNED: "planned"}.get(s)
        if key:
            counts[q][key] += n
    return counts


def _half_days(choice_ids, year, today):
    return _by_quarter(
        (
            c,
            q,
            "done" if s == HalfDayStatus.HELD else "open",
            n,
        )
        for c, q, s, n in HalfDaySession.objects.filter(choice_id__in=choice_ids, date__year=year)
        .filter(Q(status=HalfDayStatus.HELD) | Q(status=HalfDayStatus.SCHEDULED, date__gte=today))
        .annotate(q=ExtractQuarter("date"))
        .values("choice_id", "q", "status")
        .annotate(n=Count("id"))
        .values_list("choice_id", "q", "status", "n")
    )


def _notes(filter_q: Q, year, key_field: str):
    rows = (
        DeliveryNote.objects.filter(filter_q, date__year=year)
        .annotate(q=ExtractQuarter("date"))
        .values(key_field, "q", "status")
        .annotate(n=Count("id"))
        .values_list(key_field, "q", "status", "n")
    )
    return _by_quarter(
        (k, q, "done" if s == NoteStatus.DELIVERED else "open", n) for k, q, s, n in rows
    )


def _periods(model, choice_ids, year, *fields):
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = defaultdict(list)
    for row in (
        model.objects.filter(choice_id__in=choice_ids, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .values_list("choice_id", *fields)
    ):
        found[row[0]].append(row[1:])
    return found


def _figure(kind, bought, delivered, forecast, year, quarter, today) -> QuarterFigure:
    start, end = dates.quarter_bounds(year, quarter)
    started = start <= today
    # A choice without a quantity is judged once a quarter is over: a note may still come.
    judged = (end < today) if bought is None else started
    return QuarterFigure(
        quarter,
        bought,
        delivered,
        forecast,
        started,
        policies.runs_behind(bought, forecast, judged),
    )


def _choice_row(choice, kind, period, year, today, data) -> DeliveryRow:
    validity = (
        max(period[0], choice.valid_from or period[0]),
        min(period[1], choice.valid_until or period[1]),
    )
    quarters = []
    for quarter in policies.QUARTERS:
        share = policies.share_of_quarter(year, quarter, validity)
        bought = policies.bought_in_quarter(kind, choice.quantity, share) if share > 0 else ZERO
        if kind == Kind.NOTES and choice.quantity is None and share > 0:
            bought = None
        delivered, forecast = _delivered(choice, kind, year, quarter, today, data)
        quarters.append(_figure(kind, bought, delivered, forecast, year, quarter, today))
    return DeliveryRow(
        choice.label,
        kind,
        _unit(choice, kind),
        quarters,
        choice=choice,
        carried_over_from=getattr(choice, "carried_over_from", None),
    )


def _delivered(choice, kind, year, quarter, today, data) -> tuple[Decimal, Decimal]:
    if kind in (Kind.ACTIVITIES, Kind.HALF_DAYS, Kind.NOTES):
        source = {Kind.ACTIVITIES: "activities", Kind.HALF_DAYS: "half_days", Kind.NOTES: "notes"}
        figures = data[source[kind]].get(choice.pk, {})
        done = figures.get((quarter, "done"), ZERO)
        return done, done + figures.get((quarter, "open"), ZERO)
    if kind == Kind.MARKET:
        from werkbedrijf.employers.policies import market_units_delivered

        counts = data["market"].get(quarter, {})
        unit_kind = choice.service.unit_kind
        done = market_units_delivered(unit_kind, counts.get("contacts", 0), counts.get("held", 0))
        planned = market_units_delivered(unit_kind, 0, counts.get("planned", 0))
        return done.quantize(Decimal("0.01")), (done + planned).quantize(Decimal("0.01"))
    if kind == Kind.TEAM_PRESENCE:
        periods = data["presence"].get(choice.pk, [])
        return (
            policies.presence_by_location(periods, year, quarter, until=today),
            policies.presence_by_location(periods, year, quarter),
        )
    periods = [(s, e, fte) for fte, s, e in data["coaching"].get(choice.pk, [])]
    return (
        policies.covered(periods, year, quarter, until=today),
        policies.covered(periods, year, quarter),
    )


def _extra_work_row(work: ExtraWork, year, today, notes) -> DeliveryRow:
    agreement = work.municipal_agreement.agreement
    period = (
        work.period_start or agreement.period_start,
        work.period_end or agreement.period_end,
    )
    quarters = []
    for quarter in policies.QUARTERS:
        share = policies.share_of_quarter(year, quarter, period)
        figures = notes.get(work.pk, {})
        done = figures.get((quarter, "done"), ZERO)
        quarters.append(
            _figure(
                Kind.NOTES,
                None if share > 0 else ZERO,
                done,
                done + figures.get((quarter, "open"), ZERO),
                year,
                quarter,
                today,
            )
        )
    return DeliveryRow(work.description, Kind.NOTES, "leveringen", quarters, extra_work=work)


def extra_work_in(user, municipality, year: int):
    """The municipality's meerwerk whose period (or, without one, its agreement's) touches the
    year, from adopted agreements and from drafts the user may see: it is paid from the
    municipality's own funds and delivered whether or not the DVO is adopted yet."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    scoped = policy.municipal_agreement_scope(
        user, ExtraWork.objects.all(), prefix="municipal_agreement__"
    )
    return (
        scoped.filter(municipal_agreement__municipality=municipality)
        .select_related("municipal_agreement__agreement")
        .filter(
            Q(period_start__lte=last)
            | Q(period_start__isnull=True, municipal_agreement__agreement__period_start__lte=last)
        )
        .filter(
            Q(period_end__gte=first)
            | Q(period_end__isnull=True, municipal_agreement__agreement__period_end__gte=first)
        )
        .order_by("pk")
    )


def quarterly_realisation(
    user, municipality, year: int, today: date | None = None
) -> QuarterlyRealisation:
    """Every local choice in force in the year (carried over by tacit extension where no adopted
    agreement covers it) and the municipality's meerwerk: per quarter bought, delivered and the
    forecast (delivered plus what is planned), with a warning where delivery runs behind."""
    if not policy.can_view_realisation(user, municipality):
        raise Http404
    today = today or timezone.localdate()
    held = in_force(municipality.pk, year, today)
    choices = list(held.choices().select_related("service"))
    works = list(extra_work_in(user, municipality, year))
    ids = [c.pk for c in choices]
    kinds = {c.pk: delivery_kind_of(c) for c in choices}
    data = {
        "activities": _activities(ids, year),
        "half_days": _half_days(ids, year, today),
        "notes": _notes(Q(choice_id__in=ids), year, "choice_id"),
        "presence": _periods(TeamPresence, ids, year, "location", "start", "end"),
        "coaching": _periods(CoachingAssignment, ids, year, "fte", "start", "end"),
        "market": _market(municipality, year) if Kind.MARKET in kinds.values() else {},
    }
    result = QuarterlyRealisation(municipality, year, carried_over_from=held.carried_over_from)
    period = held.period
    for choice in choices:
        result.rows.append(_choice_row(choice, kinds[choice.pk], period, year, today, data))
    notes = _notes(Q(extra_work__in=works), year, "extra_work_id")
    result.rows.extend(_extra_work_row(w, year, today, notes) for w in works)
    return result


def quarterly_realisations(user, municipalities, year: int, today=None):
    return [
        quarterly_realisation(user, m, year, today)
        for m in municipalities
        if policy.can_view_realisation(user, m)
    ]


# --- the records behind it ----------------------------------------------------------------------


def _records(user, municipality, model, prefix="choice__"):
    if not policy.can_view_deliveries(user, municipality):
        raise Http404
    return model.objects.filter(**{f"{prefix}municipal_agreement__municipality": municipality})


def half_days_of(user, municipality, year: int):
    return (
        _records(user, municipality, HalfDaySession)
        .filter(date__year=year)
        .select_related("choice__service")
    )


def presences_of(user, municipality, year: int):
    return (
        _records(user, municipality, TeamPresence)
        .filter(start__year__lte=year)
        .filter(Q(end__isnull=True) | Q(end__year__gte=year))
        .select_related("choice__service", "worker")
    )


def coaching_of(user, municipality, year: int):
    return (
        _records(user, municipality, CoachingAssignment)
        .filter(start__year__lte=year)
        .filter(Q(end__isnull=True) | Q(end__year__gte=year))
        .select_related("choice__service", "coach")
    )


def notes_of(user, municipality, year: int):
    if not policy.can_view_deliveries(user, municipality):
        raise Http404
    return (
        DeliveryNote.objects.filter(
            Q(choice__municipal_agreement__municipality=municipality)
            | Q(extra_work__municipal_agreement__municipality=municipality)
        )
        .filter(date__year=year)
        .select_related("choice__service", "extra_work")
    )


def get_half_day(user, uuid) -> HalfDaySession:
    try:
        session = HalfDaySession.objects.select_related(
            "choice__municipal_agreement__municipality"
        ).get(uuid=uuid)
    except (HalfDaySession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not policy.can_view_deliveries(user, session.choice.municipal_agreement.municipality):
        raise Http404
    return session


def recordable_choices(user, municipality, year: int, today: date | None = None):
    """The choices in force in the year that deliveries can be recorded for, with their kind."""
    if not policy.can_record_delivery(user, municipality):
        raise Http404
    held = in_force(municipality.pk, year, today)
    return [(c, delivery_kind_of(c)) for c in held.choices().select_related("service")]


# --- local presence of a year against an earlier one (council wish 1) ---------------------------


@dataclass
class PresenceLine:
    kind: str
    earlier_bought: Decimal | None
    later_bought: Decimal | None
    earlier_delivered: Decimal
    later_delivered: Decimal

    @property
    def lower(self) -> bool:
        bought_lower = (
            self.earlier_bought is not None
            and self.later_bought is not None
            and self.later_bought < self.earlier_bought
        )
        return bought_lower or self.later_delivered < self.earlier_delivered


@dataclass
class PresenceComparison:
    municipality: object
    earlier: int
    later: int
    lines: list[PresenceLine]
    earlier_source: str  # the agreement whose choices are counted, "" when none
    later_source: str

    @property
    def lower(self) -> bool:
        return any(line.lower for line in self.lines)


def _choices_for_year(user, municipality, year, today) -> tuple[list[LocalChoice], str]:
    """The choices in force; for a year no adopted agreement covers yet, those of the newest
    version (a draft) the user may see that covers it."""
    held = in_force(municipality.pk, year, today)
    if held.municipal_agreement is not None:
        return list(
            held.choices().select_related("service")
        ), held.municipal_agreement.agreement.title
    ma = (
        policy.municipal_agreement_scope(
            user, MunicipalAgreement.objects.select_related("agreement")
        )
        .filter(
            municipality=municipality,
            agreement__period_start__year__lte=year,
            agreement__period_end__year__gte=year,
        )
        .order_by("-agreement__period_start")
        .first()
    )
    if ma is None:
        return [], ""
    return list(current_choices(ma, year)), ma.agreement.title


def _bought_level(choices, kind) -> Decimal | None:
    """The level the choices buy: dagdelen per week, locations, fte; None when none says."""
    values = [c.quantity for c in choices if delivery_kind_of(c) == kind and c.quantity]
    return sum(values, ZERO) if values else None


def _delivered_level(municipality, kind, year, today) -> Decimal:
    """Held and still scheduled half-days in the year; locations staffed and fte worked on
    average over the year's quarters (planned periods included)."""
    own = Q(choice__municipal_agreement__municipality=municipality)
    if kind == Kind.HALF_DAYS:
        return Decimal(
            HalfDaySession.objects.filter(own, date__year=year)
            .filter(
                Q(status=HalfDayStatus.HELD) | Q(status=HalfDayStatus.SCHEDULED, date__gte=today)
            )
            .count()
        )
    first, last = date(year, 1, 1), date(year, 12, 31)
    overlapping = Q(start__lte=last) & (Q(end__isnull=True) | Q(end__gte=first))
    if kind == Kind.TEAM_PRESENCE:
        periods = list(
            TeamPresence.objects.filter(own, overlapping).values_list("location", "start", "end")
        )
        per_quarter = [policies.presence_by_location(periods, year, q) for q in policies.QUARTERS]
    else:
        periods = [
            (s, e, fte)
            for fte, s, e in CoachingAssignment.objects.filter(own, overlapping).values_list(
                "fte", "start", "end"
            )
        ]
        per_quarter = [policies.covered(periods, year, q) for q in policies.QUARTERS]
    return (sum(per_quarter, ZERO) / 4).quantize(policies.TWO_PLACES)


def presence_comparison(
    user, municipality, year: int, earlier: int, today: date | None = None
) -> PresenceComparison:
    """Council wish 1 (Nijmegen, December 2025): local presence (half-days on location, presence
    at the Buurtteams, participatiecoaching) at least at the level of an earlier year. Per kind:
    what the choices buy in each year and what is delivered or planned."""
    if not policy.can_view_realisation(user, municipality):
        raise Http404
    today = today or timezone.localdate()
    earlier_choices, earlier_source = _choices_for_year(user, municipality, earlier, today)
    later_choices, later_source = _choices_for_year(user, municipality, year, today)
    lines = [
        PresenceLine(
            kind,
            _bought_level(earlier_choices, kind),
            _bought_level(later_choices, kind),
            _delivered_level(municipality, kind, earlier, today),
            _delivered_level(municipality, kind, year, today),
        )
        for kind in policies.PRESENCE_KINDS
    ]
    return PresenceComparison(municipality, earlier, year, lines, earlier_source, later_source)


def review_steps(user, municipality, today: date | None = None):
    """The reviews of local delivery promised to the municipality's council (the Q4 2026 review
    of the dagdelen for Nijmegen), as steps of the cycle the user may see."""
    from ..deadline_selectors import cycle_steps

    today = today or timezone.localdate()
    return [
        row
        for row in cycle_steps(user, today)
        if row.step.kind == "review"
        and row.step.municipal_agreement is not None
        and row.step.municipal_agreement.municipality_id == municipality.pk
    ]


def workers(user):
    """The colleagues who can be recorded as worker or participatiecoach."""
    from werkbedrijf.accounts.models import User

    return [
        u
        for u in User.objects.filter(is_active=True).select_related("organisation")
        if policy.can_deliver_local_service(u)
    ]


def years_for(user, today: date | None = None) -> list[int]:
    """Years a quarterly realisation can be asked for: those of the realisation and every year
    of a version the user may see (a draft's second year, to compare presence with)."""
    from ..selectors import agreements_for, years_with_choices

    years = set(years_with_choices(user, today))
    for agreement in agreements_for(user):
        years.update(agreement.years)
    return sorted(years)
