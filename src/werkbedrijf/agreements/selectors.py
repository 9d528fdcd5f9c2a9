"""Reading agreements, always within what the acting user may see (see access.policy)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Final, Literal

from django.db.models import Count, F, IntegerField, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import policies
from .deadline_selectors import (  # noqa: F401
    StepRow,
    cycle_steps,
    due_steps,
    get_step,
    step_row,
)
from .models import (
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    DeviationAcceptance,
    LocalChoice,
    MunicipalAgreement,
    Opinion,
)


def agreements_for(user):
    return policy.agreement_scope(user, AgreementVersion.objects.select_related("region"))


def get_agreement(user, uuid) -> AgreementVersion:
    try:
        return agreements_for(user).get(uuid=uuid)
    except (AgreementVersion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def municipal_agreements_for(user, agreement: AgreementVersion | None = None):
    qs = MunicipalAgreement.objects.select_related("agreement", "municipality")
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return policy.municipal_agreement_scope(user, qs)


def municipal_agreement_counts(user) -> dict[int, int]:
    """How many municipal agreements of each agreement ``user`` may see, keyed by the agreement's
    pk (absent: none), in one query: ``municipal_agreements_for(user, agreement).count()`` for
    all agreements at once."""
    rows = (
        municipal_agreements_for(user)
        .order_by()
        .values_list("agreement_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def get_municipal_agreement(user, uuid) -> MunicipalAgreement:
    try:
        return municipal_agreements_for(user).get(uuid=uuid)
    except (MunicipalAgreement.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def catalogues_for(user):
    return policy.agreement_scope(user, Catalogue.objects.select_related("agreement"))


def get_catalogue(user, uuid) -> Catalogue:
    try:
        return catalogues_for(user).get(uuid=uuid)
    except (Catalogue.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def catalogue_of(user, agreement: AgreementVersion) -> Catalogue:
    """The keuzekaart of an agreement ``user`` already may see; 404 when it has none."""
    try:
        return catalogues_for(user).get(agreement=agreement)
    except Catalogue.DoesNotExist as exc:
        raise Http404 from exc


def services_of(catalogue: Catalogue):
    return catalogue.services.all().order_by("number")


# Records under an agreement the caller already obtained through a scoped selector above.


def status_history(agreement: AgreementVersion):
    return agreement.status_changes.order_by("changed_at", "id")


def budgets_of(municipal_agreement: MunicipalAgreement):
    return municipal_agreement.budgets.select_related("point_class").order_by("year")


def opinions_of(municipal_agreement: MunicipalAgreement):
    return municipal_agreement.opinions.prefetch_related("steps").order_by(
        "received_on", "number", "id"
    )


def get_opinion(user, uuid) -> Opinion:
    """An opinion of a municipal agreement the user may see, or 404."""
    scoped = policy.municipal_agreement_scope(
        user,
        Opinion.objects.select_related(
            "municipal_agreement__agreement", "municipal_agreement__municipality"
        ),
        prefix="municipal_agreement__",
    )
    try:
        return scoped.get(uuid=uuid)
    except (Opinion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def changes_of(municipal_agreement: MunicipalAgreement):
    return municipal_agreement.changes.prefetch_related("introduced", "ended").order_by(
        "effective_from", "id"
    )


def acceptances_of(municipal_agreement: MunicipalAgreement, year: int | None = None):
    qs = municipal_agreement.acceptances.order_by("year", "accepted_at", "id")
    return qs if year is None else qs.filter(year=year)


def current_choices(municipal_agreement: MunicipalAgreement, year: int, on: date | None = None):
    """The choices in effect for a year: those not ended by a mid-term change (or, with ``on``,
    those valid on that date)."""
    qs = LocalChoice.objects.filter(municipal_agreement=municipal_agreement, year=year)
    if on is None:
        qs = qs.filter(valid_until__isnull=True)
    else:
        qs = qs.exclude(valid_from__gt=on).exclude(valid_until__lt=on)
    return qs.select_related("service").order_by("position", "id")


def choice_history(municipal_agreement: MunicipalAgreement, year: int):
    return (
        LocalChoice.objects.filter(municipal_agreement=municipal_agreement, year=year)
        .select_related("service", "introduced_by", "ended_by")
        .order_by(F("valid_from").asc(nulls_first=True), "position", "id")
    )


def choice_histories(municipal_agreement: MunicipalAgreement, years) -> dict[int, list]:
    """``choice_history`` of several years in one query, keyed by year (an empty list for a year
    without choices)."""
    histories: dict[int, list[LocalChoice]] = {year: [] for year in years}
    for choice in (
        LocalChoice.objects.filter(
            municipal_agreement=municipal_agreement, year__in=list(histories)
        )
        .select_related("service", "introduced_by", "ended_by")
        .order_by(F("valid_from").asc(nulls_first=True), "position", "id")
    ):
        histories[choice.year].append(choice)
    return histories


CHOICE_VERSION_FIELDS = (
    "position",
    "service_id",
    "custom_name",
    "custom_unit",
    "quantity",
    "agreed_amount",
    "note",
    "source_text",
    "valid_from",
    "valid_until",
)


def choices_version(municipal_agreement: MunicipalAgreement, year: int) -> str:
    """A digest of a year's choices as stored (with their history): what a screen was loaded
    with. Content, not row ids: a save that changes nothing stored is no conflict, while any
    change by any path (screen, API, a mid-term change, the admin) is one. Other years and other
    records of the agreement do not count, so composing 2024 and 2025 at once never collides."""
    rows = (
        LocalChoice.objects.filter(municipal_agreement=municipal_agreement, year=year)
        .order_by("position", "valid_from", "id")
        .values_list(*CHOICE_VERSION_FIELDS)
    )
    text = "\n".join("|".join("" if v is None else str(v) for v in row) for row in rows)
    return hashlib.sha256(f"{year}\n{text}".encode()).hexdigest()[:32]


def choices_scope(user):
    return policy.municipal_agreement_scope(
        user,
        LocalChoice.objects.select_related(
            "service", "municipal_agreement__agreement", "municipal_agreement__municipality"
        ),
        prefix="municipal_agreement__",
    )


def get_choice(user, uuid) -> LocalChoice:
    try:
        return choices_scope(user).get(uuid=uuid)
    except (LocalChoice.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def budget_of(municipal_agreement: MunicipalAgreement, year: int) -> Budget | None:
    return Budget.objects.filter(municipal_agreement=municipal_agreement, year=year).first()


# --- the budget check over stored data --------------------------------------------------------


def service_terms(service: CatalogueService) -> policies.ServiceTerms:
    return policies.ServiceTerms(
        code=service.code,
        name=service.name,
        price=service.price,
        bundle_size=service.bundle_size,
        allows_fractions=service.allows_fractions,
        minimum_quantity=service.minimum_quantity,
        maximum_quantity=service.maximum_quantity,
        maximum_price=service.maximum_price,
        available_from_year=service.available_from_year,
        available_until_year=service.available_until_year,
        quantity_label=service.quantity_label,
    )


def _card_terms(catalogue: Catalogue | None, municipality_id: int) -> policies.CardTerms:
    """The card's terms for one municipality (from the prefetched reduced-minimum municipalities
    when the batch has them)."""
    if catalogue is None:
        return policies.CardTerms()
    return policies.CardTerms(
        price_unit=catalogue.price_unit,
        max_services=catalogue.max_services,
        reduced_minimum=any(
            m.pk == municipality_id for m in catalogue.reduced_minimum_municipalities.all()
        ),
    )


def _catalogue_for(municipal_agreement: MunicipalAgreement) -> Catalogue | None:
    return Catalogue.objects.filter(agreement_id=municipal_agreement.agreement_id).first()


def card_terms(municipal_agreement: MunicipalAgreement) -> policies.CardTerms:
    return _card_terms(_catalogue_for(municipal_agreement), municipal_agreement.municipality_id)


def budget_amount(budget: Budget | None, price_unit: str) -> Decimal | None:
    if budget is None:
        return None
    return policies.effective_budget(
        budget.amount,
        budget.share_percentage,
        budget.base_amount,
        budget.legacy_obligations,
        budget.points,
        price_unit,
    )


def line_of(choice: LocalChoice) -> policies.ChoiceLine:
    return policies.ChoiceLine(
        key=str(choice.uuid),
        label=choice.label,
        service=service_terms(choice.service) if choice.service is not None else None,
        quantity=choice.quantity,
        agreed_amount=choice.agreed_amount,
    )


@dataclass(frozen=True)
class CheckInputs:
    """What the budget check of one municipality's year runs on."""

    year: int
    card: policies.CardTerms
    budget: Budget | None
    lines: list[policies.ChoiceLine]

    @property
    def effective_budget(self) -> Decimal | None:
        """The budget in the card's price unit: what the total is checked against."""
        return budget_amount(self.budget, self.card.price_unit)

    def check(self) -> policies.YearCheck:
        return policies.check_year(self.year, self.effective_budget, self.lines, self.card)


class _Unset(Enum):
    READ = "read"


# check_inputs: not given by the caller, so read from the database
_READ: Final = _Unset.READ


def check_inputs(
    municipal_agreement: MunicipalAgreement,
    year: int,
    lines: list[policies.ChoiceLine],
    *,
    catalogue: Catalogue | None | Literal[_Unset.READ] = _READ,
    budget: Budget | None | Literal[_Unset.READ] = _READ,
) -> CheckInputs:
    """The inputs of the budget check of one municipality's year: the card's terms for that
    municipality, its budget and the lines. The one place they are put together, for stored
    choices (one by one or in a batch) and for rows typed but not saved. ``catalogue`` and
    ``budget`` are read unless the caller already has them (None: there is none)."""
    if catalogue is _READ:
        catalogue = _catalogue_for(municipal_agreement)
    if budget is _READ:
        budget = budget_of(municipal_agreement, year)
    card = _card_terms(catalogue, municipal_agreement.municipality_id)
    return CheckInputs(year, card, budget, list(lines))


@dataclass
class CheckReport:
    municipal_agreement: MunicipalAgreement
    check: policies.YearCheck
    budget: Budget | None
    choices: list[LocalChoice]
    accepted: dict[str, DeviationAcceptance]
    price_unit: str

    @property
    def unaccepted(self) -> list[policies.Finding]:
        return self.check.unaccepted(set(self.accepted))


def check_municipal_year(
    municipal_agreement: MunicipalAgreement, year: int, choices: list[LocalChoice] | None = None
) -> CheckReport:
    if choices is None:
        choices = list(current_choices(municipal_agreement, year))
    inputs = check_inputs(municipal_agreement, year, [line_of(c) for c in choices])
    accepted = {
        a.finding_key: a
        for a in DeviationAcceptance.objects.filter(
            municipal_agreement=municipal_agreement, year=year
        )
    }
    return CheckReport(
        municipal_agreement,
        inputs.check(),
        inputs.budget,
        choices,
        accepted,
        inputs.card.price_unit,
    )


def check_municipal_agreements(municipal_agreements, years) -> dict[tuple[int, int], CheckReport]:
    """The budget check of many municipal agreements and years in a fixed number of queries (five,
    whatever the number of municipalities), keyed by ``(municipal_agreement.pk, year)``. Gives the
    same reports as calling ``check_municipal_year`` for each."""
    mas = list(municipal_agreements)
    years = list(years)
    if not mas or not years:
        return {}
    catalogues = {
        c.agreement_id: c
        for c in Catalogue.objects.filter(
            agreement_id__in={ma.agreement_id for ma in mas}
        ).prefetch_related("reduced_minimum_municipalities")
    }
    budgets: dict[tuple[int, int], Budget] = {}
    for budget in Budget.objects.filter(municipal_agreement__in=mas, year__in=years).order_by(
        "-pk"
    ):
        budgets[(budget.municipal_agreement_id, budget.year)] = budget  # lowest pk wins (.first())
    choices: dict[tuple[int, int], list[LocalChoice]] = {}
    for choice in (
        LocalChoice.objects.filter(
            municipal_agreement__in=mas, year__in=years, valid_until__isnull=True
        )
        .select_related("service")
        .order_by("position", "id")
    ):
        choices.setdefault((choice.municipal_agreement_id, choice.year), []).append(choice)
    accepted: dict[tuple[int, int], dict[str, DeviationAcceptance]] = {}
    for acceptance in DeviationAcceptance.objects.filter(
        municipal_agreement__in=mas, year__in=years
    ):
        key = (acceptance.municipal_agreement_id, acceptance.year)
        accepted.setdefault(key, {})[acceptance.finding_key] = acceptance
    reports = {}
    for ma in mas:
        for year in years:
            key = (ma.pk, year)
            year_choices = choices.get(key, [])
            inputs = check_inputs(
                ma,
                year,
                [line_of(c) for c in year_choices],
                catalogue=catalogues.get(ma.agreement_id),
                budget=budgets.get(key),
            )
            reports[key] = CheckReport(
                ma,
                inputs.check(),
                inputs.budget,
                year_choices,
                accepted.get(key, {}),
                inputs.card.price_unit,
            )
    return reports


def check_agreement(user, agreement: AgreementVersion) -> list[CheckReport]:
    """The budget check for every municipality (visible to ``user``) and year of an agreement."""
    mas = list(municipal_agreements_for(user, agreement))
    reports = check_municipal_agreements(mas, agreement.years)
    return [reports[(ma.pk, year)] for ma in mas for year in agreement.years]


def effective_status(agreement: AgreementVersion, today: date | None = None) -> str:
    today = today or timezone.localdate()
    successor = (
        AgreementVersion.objects.filter(
            region_id=agreement.region_id, period_start__gt=agreement.period_start, status="adopted"
        )
        .order_by("period_start")
        .first()
    )
    return _effective_status(agreement, successor, today)


def _effective_status(
    agreement: AgreementVersion, successor: AgreementVersion | None, today: date
) -> str:
    return policies.effective_status(
        agreement.status,
        agreement.period_start,
        agreement.period_end,
        today,
        successor.adopted_on if successor else None,
        successor.period_start if successor else None,
    )


def effective_statuses(agreements, today: date | None = None) -> dict[int, str]:
    """``effective_status`` of every agreement in a list, keyed by pk, in one query whatever their
    number: the adopted versions of their regions, the successor of each found among them."""
    agreements = list(agreements)
    if not agreements:
        return {}
    today = today or timezone.localdate()
    adopted = list(
        AgreementVersion.objects.filter(
            region_id__in={a.region_id for a in agreements}, status="adopted"
        ).order_by("period_start", "pk")
    )
    return {
        agreement.pk: _effective_status(
            agreement,
            next(
                (
                    s
                    for s in adopted
                    if s.region_id == agreement.region_id
                    and s.period_start > agreement.period_start
                ),
                None,
            ),
            today,
        )
        for agreement in agreements
    }


# --- the choices in force in a year (art. 16.1) -------------------------------------------------


@dataclass(frozen=True)
class InForce:
    """A municipality's local choices and budget in force in ``year``: those of the adopted
    agreement covering the year, or, when the latest one is extended tacitly into it (art. 16.1),
    those of its last year, ``source_year``. Carrying over is read, not copied: no rows are
    written for the extension year, so a newer adopted agreement or a mid-term change of the last
    year takes effect here without anyone having to clean up."""

    year: int
    municipal_agreement: MunicipalAgreement | None
    source_year: int | None

    @property
    def carried_over_from(self) -> int | None:
        """The year whose choices hold here by tacit extension; None for a year's own choices."""
        return self.source_year if self.source_year != self.year else None

    @property
    def fraction(self) -> Decimal:
        """Share of each choice's yearly quantity that holds in the year (2024: half)."""
        if self.municipal_agreement is None or self.source_year is None:
            return Decimal(0)
        agreement = self.municipal_agreement.agreement
        return policies.fraction_in_force(
            self.year, self.source_year, agreement.period_start, agreement.period_end
        )

    @property
    def period(self) -> tuple[date, date] | None:
        """The days of the year under the agreement (the whole year when carried over)."""
        if self.municipal_agreement is None:
            return None
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        if self.carried_over_from is not None:
            return first, last
        agreement = self.municipal_agreement.agreement
        return max(first, agreement.period_start), min(last, agreement.period_end)

    def choices(self, on: date | None = None) -> QuerySet[LocalChoice]:
        """The choices in force: not ended by a mid-term change (with ``on``, valid on that day),
        each carrying ``carried_over_from``."""
        if self.municipal_agreement is None or self.source_year is None:
            return LocalChoice.objects.none()
        return (
            current_choices(self.municipal_agreement, self.source_year, on)
            .select_related("municipal_agreement__agreement")
            .annotate(carried_over_from=Value(self.carried_over_from, output_field=IntegerField()))
        )

    def budget(self) -> Budget | None:
        """The budget in force, with ``carried_over_from`` set as on the choices."""
        if self.municipal_agreement is None or self.source_year is None:
            return None
        budget = budget_of(self.municipal_agreement, self.source_year)
        if budget is not None:
            budget.carried_over_from = self.carried_over_from  # type: ignore[attr-defined]
        return budget


def in_force(municipality_id: int, year: int, today: date | None = None) -> InForce:
    """The answer to "what did municipality M buy for year Y": see ``InForce``. Only adopted
    agreements count, which every staff member may see (a public document), so there is no user
    to scope by; callers check access to what they do with it."""
    today = today or timezone.localdate()
    # The municipality's agreements under every adopted version, with their versions: one query
    # (a municipality has one municipal agreement per version).
    adopted = list(
        MunicipalAgreement.objects.filter(
            municipality_id=municipality_id, agreement__status=policies.ADOPTED
        )
        .select_related("agreement", "municipality")
        .order_by("agreement__period_start")
    )
    periods = [(ma.agreement.period_start, ma.agreement.period_end) for ma in adopted]
    found = policies.year_in_force(year, periods, today)
    if found is None:
        return InForce(year, None, None)
    index, source_year = found
    return InForce(year, adopted[index], source_year)


def years_with_choices(user, today: date | None = None) -> list[int]:
    """Years a realisation can be asked for: every year of an adopted agreement and every year
    since the first up to the present one (a year after the last agreement runs on its tacit
    extension)."""
    today = today or timezone.localdate()
    years = {
        year
        for agreement in agreements_for(user).filter(status=policies.ADOPTED)
        for year in agreement.years
    }
    if years:
        years |= set(range(min(years), today.year + 1))
    return sorted(years)


# --- setting up a new version -------------------------------------------------------------------


def card_sources(user, exclude: AgreementVersion | None = None):
    """The versions whose keuzekaart can start a new one: those with services on their card,
    newest first."""
    qs = agreements_for(user).filter(catalogue__services__isnull=False).distinct()
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("-period_start")


def parties_for(user):
    """The municipalities a new version can be agreed with."""
    return policy.organisation_scope(
        user, Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    ).order_by("name")


def budgets_table(
    agreement: AgreementVersion,
) -> list[tuple[MunicipalAgreement, int, Budget | None]]:
    """Every municipality and year of a version with its budget (None when not entered yet)."""
    mas = list(agreement.municipal_agreements.select_related("municipality"))
    stored = {
        (b.municipal_agreement_id, b.year): b
        for b in Budget.objects.filter(municipal_agreement__agreement=agreement)
    }
    return [(ma, year, stored.get((ma.pk, year))) for ma in mas for year in agreement.years]


def get_catalogue_service(user, uuid) -> CatalogueService:
    qs = policy.agreement_scope(
        user, CatalogueService.objects.select_related("catalogue__agreement")
    )
    try:
        return qs.get(uuid=uuid)
    except (CatalogueService.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
