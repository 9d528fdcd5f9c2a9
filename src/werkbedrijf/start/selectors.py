"""What the start page counts, per role. Every count that links to a list is computed from the
query behind that list (the caseload's ``caseload_queryset``, the Inkomen screen's querysets, the
agreement page's budget check); figures about people are shown as "< 5" to roles that may not see
the persons (``settings.SMALL_COUNT_THRESHOLD``). The consultant's work list is ``worklist``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.accounts.selectors import werkbedrijf_consultants
from werkbedrijf.agreements import selectors as agreement_selectors
from werkbedrijf.agreements.models import AgreementStatus, AgreementVersion, MunicipalAgreement
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates.models import CLOSED_PHASES, Phase, Trajectory
from werkbedrijf.candidates.selectors import Filters
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import policies
from .policies import Shown

ACTIVE_PHASES = [p for p in Phase if p not in CLOSED_PHASES]


def threshold() -> int:
    return int(settings.SMALL_COUNT_THRESHOLD)


# --- caseload counts per phase ------------------------------------------------------------------


def phase_counts(user, filters: Filters, today: date | None = None) -> dict[str, int]:
    """How many trajectories the caseload lists for ``filters``, per phase: the caseload's own
    query, grouped."""
    rows = (
        candidate_selectors.caseload_queryset(user, filters, today)
        .order_by()
        .values("phase")
        .annotate(n=Count("id"))
    )
    return {row["phase"]: row["n"] for row in rows}


@dataclass
class PhaseRow:
    phase: str
    label: str
    count: int


def phase_rows(counts: dict[str, int], phases=None) -> list[PhaseRow]:
    phases = phases or ACTIVE_PHASES
    return [PhaseRow(p.value, str(p.label), counts.get(p.value, 0)) for p in phases]


def my_caseload(user, today: date | None = None) -> list[PhaseRow]:
    """A consultant's own caseload per phase: the caseload filtered on "consultant = me"."""
    if not policy.can_use_worklist(user):
        return []
    return phase_rows(phase_counts(user, Filters(consultant=user.pk), today))


# --- the Inkomen case manager --------------------------------------------------------------------


@dataclass
class IncomeSummary:
    signals: int
    returns: int
    returns_days: int
    talks: int
    referred_since: date
    new_referrals: list[PhaseRow]

    @property
    def new_total(self) -> int:
        return sum(r.count for r in self.new_referrals)


def new_referral_filters(today: date) -> Filters:
    return Filters(referred_since=today - policies.NEW_REFERRALS, active_only=False)


def income_summary(user, today: date | None = None) -> IncomeSummary | None:
    """Counts of what waits on the Inkomen screen (from its own queries) and the new referrals of
    the municipality per phase (from the caseload's)."""
    if not policy.can_use_income_screen(user):
        return None
    today = today or timezone.localdate()
    filters = new_referral_filters(today)
    return IncomeSummary(
        signals=candidate_selectors.open_signals_queryset(user).count(),
        returns=candidate_selectors.recent_returns_queryset(user, today=today).count(),
        returns_days=candidate_selectors.RETURNS_DAYS,
        talks=candidate_selectors.planned_talks_queryset(user).count(),
        referred_since=filters.referred_since or today,
        new_referrals=phase_rows(phase_counts(user, filters, today), list(Phase)),
    )


# --- a team manager: the team's caseload per consultant, the region per phase ----------------------


@dataclass
class ConsultantRow:
    consultant: object
    counts: list[PhaseRow]
    in_team: bool = True  # the team's: each count links to the caseload behind it
    shown: list[Shown] = field(default_factory=list)  # another team's: aggregates as shown
    total_shown: Shown | None = None

    @property
    def total(self) -> int:
        return sum(r.count for r in self.counts)


@dataclass
class TeamOverview:
    consultants: list[ConsultantRow]
    region: list[tuple[PhaseRow, Shown]]
    region_total: Shown


def region_phase_counts(user) -> dict[str, int]:
    """The region's trajectories in service per phase: an aggregate, no persons."""
    if not policy.can_view_region_figures(user):
        return {}
    rows = (
        Trajectory.objects.exclude(phase__in=CLOSED_PHASES)
        .order_by()
        .values("phase")
        .annotate(n=Count("id"))
    )
    return {row["phase"]: row["n"] for row in rows}


def region_consultant_phase_counts(user) -> dict[int, dict[str, int]]:
    """Per consultant, the region's trajectories in service per phase, as the caseload's
    consultant filter takes them (business consultant, or the candidate's current contact
    person): three grouped queries for all consultants at once, counted by inclusion-exclusion
    (a trajectory whose business consultant is also the contact person counts once; a
    candidate has one current contact person). Aggregates, no persons."""
    if not policy.can_view_region_figures(user):
        return {}
    active = Trajectory.objects.exclude(phase__in=CLOSED_PHASES).order_by()
    current = Q(candidate__contacts__until__isnull=True)
    counts: dict[int, dict[str, int]] = {}

    def add(rows, key: str, sign: int) -> None:
        for row in rows:
            if row[key] is None:
                continue
            per_phase = counts.setdefault(row[key], {})
            per_phase[row["phase"]] = per_phase.get(row["phase"], 0) + sign * row["n"]

    add(
        active.values("business_consultant_id", "phase").annotate(n=Count("id")),
        "business_consultant_id",
        1,
    )
    contact = "candidate__contacts__contact_id"
    add(active.filter(current).values(contact, "phase").annotate(n=Count("id")), contact, 1)
    both = active.filter(current, candidate__contacts__contact_id=F("business_consultant_id"))
    add(
        both.values("business_consultant_id", "phase").annotate(n=Count("id")),
        "business_consultant_id",
        -1,
    )
    return counts


def team_overview(user, today: date | None = None) -> TeamOverview | None:
    """The region's consultants with their caseload per phase: those of the team the user leads
    first, each count the caseload with "consultant" and "phase" filled in (the list it links
    to); the others as aggregates, small counts suppressed (a team manager does not see their
    persons). Then the region per phase."""
    if not policy.can_view_team_overview(user):
        return None
    team = set(policy.teams_led_by(user))
    consultants = (
        policy.staff_scope(user, werkbedrijf_consultants())
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    may_see = policy.can_see_persons_behind(user)
    region_counts = region_consultant_phase_counts(user)
    mine, others = [], []
    for c in consultants:
        if c.team_id in team:
            counts = phase_rows(phase_counts(user, Filters(consultant=c.pk), today))
            mine.append(ConsultantRow(c, counts))
            continue
        counts = phase_rows(region_counts.get(c.pk, {}))
        values = [r.count for r in counts]
        others.append(
            ConsultantRow(
                c,
                counts,
                in_team=False,
                shown=policies.suppress(values, threshold(), may_see),
                total_shown=policies.suppress_one(sum(values), threshold(), may_see),
            )
        )
    region = phase_rows(region_phase_counts(user))
    shown = policies.suppress([r.count for r in region], threshold(), may_see)
    total = policies.suppress_one(sum(r.count for r in region), threshold(), may_see)
    return TeamOverview(mine + others, list(zip(region, shown, strict=True)), total)


# --- policy adviser and board: a municipality at a glance ----------------------------------------


@dataclass
class MunicipalFigures:
    municipality: Organisation
    year: int
    municipal_agreement: MunicipalAgreement | None
    carried_over_from: int | None
    budget: Decimal | None
    price_unit: str
    choices: list
    total: Decimal | None
    realisation: list
    in_service: Shown
    inflow: Shown
    outflow: Shown
    returned: Shown


@dataclass
class Overview:
    year: int
    quarter: tuple[date, date]
    municipalities: list[MunicipalFigures]
    totals: dict[str, Shown] = field(default_factory=dict)


PEOPLE_FIGURES = ("in_service", "inflow", "outflow", "returned")
CLOSED_FIGURES = {Phase.OUTFLOW: "outflow", Phase.RETURNED: "returned"}


def _people_counts(municipalities, quarter: tuple[date, date]) -> dict[int, dict[str, int]]:
    """Per municipality the trajectories in service, referred in the quarter, and closed in it to
        outflow or returned. Three grouped counts, each answered from its own index: in service by
        (municipality, phase, id) alone, the inflow by (municipality, referred_on), the closings by
        closed_on; one query with a FILTER per figure read every trajectory the municipality ever had
        (Nijmegen at region size: 41,624 rows, about 30 ms). In service names the phases that are not
        closed, so that the phase is a condition of the index, not a filter on its rows; and counts
    rows, not ids, so that the index of the inflow need not hold the id."""
    start, end = quarter
    counts = {m.pk: dict.fromkeys(PEOPLE_FIGURES, 0) for m in municipalities}
    trajectories = Trajectory.objects.filter(municipality__in=list(counts)).order_by()
    in_service = trajectories.filter(phase__in=ACTIVE_PHASES)
    for row in in_service.values("municipality").annotate(n=Count("*")):
        counts[row["municipality"]]["in_service"] = row["n"]
    inflow = trajectories.filter(referred_on__range=(start, end))
    for row in inflow.values("municipality").annotate(n=Count("*")):
        counts[row["municipality"]]["inflow"] = row["n"]
    closed = trajectories.filter(phase__in=CLOSED_PHASES, closed_on__range=(start, end))
    for row in closed.values("municipality", "phase").annotate(n=Count("*")):
        counts[row["municipality"]][CLOSED_FIGURES[row["phase"]]] = row["n"]
    return counts


def municipal_overview(user, today: date | None = None) -> Overview | None:
    """For each municipality the user may see at a glance (a policy adviser their own, the board
    all seven): the budget and choices in force this year (carried over from a tacitly extended
    DVO where so, ``agreements.selectors.in_force``) with their total from the budget check's
    inputs, the realisation so far, and the candidates in service, inflow and outflow of the last
    quarter. Aggregates only; counts of fewer than SMALL_COUNT_THRESHOLD people are suppressed."""
    municipalities = list(
        policy.overview_municipality_scope(
            user, Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
        ).order_by("name")
    )
    if not municipalities:
        return None
    today = today or timezone.localdate()
    year = today.year
    quarter = policies.last_quarter(today)
    people = _people_counts(municipalities, quarter)
    may_see = all(policy.can_see_persons_behind(user, m) for m in municipalities)
    columns = {
        name: policies.suppress([people[m.pk][name] for m in municipalities], threshold(), may_see)
        for name in PEOPLE_FIGURES
    }
    figures = []
    for index, municipality in enumerate(municipalities):
        held = agreement_selectors.in_force(municipality.pk, year, today)
        choices = list(held.choices())
        budget = held.budget()
        total = price_unit = None
        if held.municipal_agreement is not None and held.source_year is not None:
            inputs = agreement_selectors.check_inputs(
                held.municipal_agreement,
                held.source_year,
                [agreement_selectors.line_of(c) for c in choices],
                budget=budget,
            )
            check = inputs.check()
            total, price_unit = check.total, inputs.card.price_unit
        figures.append(
            MunicipalFigures(
                municipality=municipality,
                year=year,
                municipal_agreement=held.municipal_agreement,
                carried_over_from=held.carried_over_from,
                budget=agreement_selectors.budget_amount(budget, price_unit or "eur"),
                price_unit=price_unit or "eur",
                choices=choices,
                total=total,
                realisation=candidate_selectors.realisation(
                    user, municipality, year, today, held=held
                ),
                **{name: columns[name][index] for name in PEOPLE_FIGURES},
            )
        )
    totals = {
        name: policies.suppress_one(
            sum(people[m.pk][name] for m in municipalities), threshold(), may_see
        )
        for name in PEOPLE_FIGURES
    }
    return Overview(year, quarter, figures, totals if len(municipalities) > 1 else {})


# --- the DVO administrator: the cycle's next steps and open deviations ---------------------------


@dataclass(frozen=True)
class NextStep:
    agreement: AgreementVersion
    code: str
    text: str
    due: date | None = None
    municipal_agreement: MunicipalAgreement | None = None


def _step_text(code: str, **values) -> str:
    texts = {
        policies.REQUEST_OPINIONS: _("Send the draft to the municipalities for their opinions"),
        policies.COLLECT_OPINIONS: _("Collect the opinions: %(missing)s of %(all)s still missing"),
        policies.ADOPT: _("Have the executive board adopt the agreement"),
        policies.RECORD_SIGNATURES: _("Record the signature of %(municipality)s"),
        policies.AGREE_SUCCESSOR: _("Agree a successor (art. 16.1: otherwise tacitly extended)"),
    }
    return texts[code] % values


def cycle_steps(user, today: date) -> list[NextStep]:
    """Agreements not yet adopted: request opinions, collect them, adopt."""
    steps = []
    open_agreements = (
        agreement_selectors.agreements_for(user)
        .exclude(status=AgreementStatus.ADOPTED)
        .annotate(
            mas=Count("municipal_agreements", distinct=True),
            with_opinion=Count(
                "municipal_agreements",
                filter=Q(municipal_agreements__opinions__isnull=False),
                distinct=True,
            ),
        )
    )
    for agreement in open_agreements:
        missing = agreement.mas - agreement.with_opinion
        found = policies.cycle_next_step(
            agreement.status, agreement.opinion_deadline, missing, today
        )
        if found is not None:
            code, due = found
            text = _step_text(code, missing=missing, all=agreement.mas)
            steps.append(NextStep(agreement, code, text, due))
    return steps


def signature_steps(user, today: date) -> list[NextStep]:
    """Adopted agreements in force or about to be, whose municipalities have not all signed."""
    steps = []
    unsigned = (
        agreement_selectors.municipal_agreements_for(user)
        .filter(agreement__status=AgreementStatus.ADOPTED, signed_on__isnull=True)
        .filter(agreement__period_end__gte=today)
        .select_related("agreement", "municipality")
        .order_by("agreement__period_start", "municipality__name")
    )
    for ma in unsigned:
        steps.append(
            NextStep(
                ma.agreement,
                policies.RECORD_SIGNATURES,
                _step_text(policies.RECORD_SIGNATURES, municipality=ma.municipality.name),
                None,
                ma,
            )
        )
    return steps


def successor_steps(user, today: date) -> list[NextStep]:
    """The latest adopted agreement, in force or tacitly extended, with no successor yet."""
    adopted = list(
        agreement_selectors.agreements_for(user)
        .filter(status=AgreementStatus.ADOPTED)
        .order_by("-period_start")
    )
    if not adopted:
        return []
    latest = adopted[0]
    has_successor = (
        agreement_selectors.agreements_for(user)
        .filter(period_start__gt=latest.period_start)
        .exists()
    )
    found = policies.successor_step(
        agreement_selectors.effective_status(latest, today),
        latest.renewal_deadline,
        has_successor,
        today,
    )
    if found is None:
        return []
    code, due = found
    return [NextStep(latest, code, _step_text(code), due)]


# Where the DVO administrator's next steps come from. A new source (the deadlines of the cycle,
# say) is one more function ``(user, today) -> list[NextStep]`` here.
NEXT_STEP_SOURCES: list[Callable[[object, date], list[NextStep]]] = [
    cycle_steps,
    signature_steps,
    successor_steps,
]


def next_steps(user, today: date | None = None) -> list[NextStep]:
    """The cycle's next steps from every source, those with a date first, soonest first."""
    if not policy.can_manage_cycle(user):
        return []
    today = today or timezone.localdate()
    steps = [step for source in NEXT_STEP_SOURCES for step in source(user, today)]
    return sorted(steps, key=lambda s: (s.due is None, s.due or today, s.agreement.period_start))


@dataclass
class OpenDeviations:
    agreement: AgreementVersion
    municipal_agreement: MunicipalAgreement
    year: int
    count: int


def open_deviations(user) -> list[OpenDeviations]:
    """Per agreement not yet adopted, municipality and year: the findings that need a DVO
    administrator's acceptance and have none (price deviations, overruns, ...). The same budget
    check and count as the agreement's page shows."""
    if not policy.can_accept_deviations(user):
        return []
    rows = []
    for agreement in agreement_selectors.agreements_for(user).exclude(
        status=AgreementStatus.ADOPTED
    ):
        mas = list(agreement_selectors.municipal_agreements_for(user, agreement))
        checks = agreement_selectors.check_municipal_agreements(mas, agreement.years)
        for ma in mas:
            for year in agreement.years:
                count = len(checks[(ma.pk, year)].unaccepted)
                if count:
                    rows.append(OpenDeviations(agreement, ma, year, count))
    return rows
