"""A new DVO version set up by a DVO administrator: its period and parties, its keuzekaart (a copy
of a previous card, then prices, units and availability changed per service) and the budgets per
municipality and year. The cycle itself is ``cycle.transition_agreement``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from .. import policies
from ..models import (
    AgreementStatus,
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    MunicipalAgreement,
    PointClass,
    UnitKind,
)
from .common import check_year, invalid, parse_decimal
from .standard_steps import plan_standard_steps_unchecked

Errors = dict[str, list[ValidationError]]


def _add(errors: Errors, name: str, message: str, code: str) -> None:
    errors.setdefault(name, []).append(invalid(message, code))


# --- the version --------------------------------------------------------------------------------


@dataclass
class VersionInput:
    """A new DVO version as entered. ``municipalities`` are the parties (organisation uuids);
    ``copy_from`` the version whose keuzekaart is the start of the new one."""

    title: str = ""
    period_start: date | None = None
    period_end: date | None = None
    municipalities: list = field(default_factory=list)
    copy_from: AgreementVersion | None = None
    citation_title: str = ""
    budget_rule: str = ""
    # Plan the standard steps of the cycle with deadlines from the period (standard_steps).
    standard_steps: bool = False


def overlap_errors(
    start: date, end: date, municipality_ids: set[int], *, exclude_pk: int | None = None
) -> list[ValidationError]:
    """One message per adopted version whose period overlaps this one for the same
    municipalities."""
    adopted = AgreementVersion.objects.filter(status=AgreementStatus.ADOPTED).prefetch_related(
        "municipal_agreements__municipality"
    )
    if exclude_pk is not None:
        adopted = adopted.exclude(pk=exclude_pk)
    periods = []
    names: dict[int, str] = {}
    for version in adopted:
        ids = set()
        for ma in version.municipal_agreements.all():
            ids.add(ma.municipality_id)
            names[ma.municipality_id] = ma.municipality.name
        periods.append(
            policies.Period(version.title, version.period_start, version.period_end, frozenset(ids))
        )
    new = policies.Period("", start, end, frozenset(municipality_ids))
    return [
        invalid(
            _(
                "The period overlaps the adopted %(title)s (%(start)s to %(end)s) for "
                "%(municipalities)s."
            )
            % {
                "title": other.title,
                "start": other.start.strftime("%d-%m-%Y"),
                "end": other.end.strftime("%d-%m-%Y"),
                "municipalities": ", ".join(sorted(names[i] for i in shared)),
            },
            "period_overlaps_adopted",
        )
        for other, shared in policies.overlapping(new, periods)
    ]


@transaction.atomic
def create_version(*, actor, data: VersionInput) -> AgreementVersion:
    """A draft DVO version with an agreement per chosen municipality and, when ``copy_from`` is
    given, a copy of that version's keuzekaart; with ``standard_steps`` the standard steps of its
    cycle too; all or nothing."""
    if not policy.can_create_agreement(actor):
        raise AccessDenied
    errors: Errors = {}
    title = (data.title or "").strip()
    if not title:
        _add(errors, "title", _("Give the agreement a title."), "required")
    elif AgreementVersion.objects.filter(title__iexact=title).exists():
        _add(errors, "title", _("There is already an agreement with this title."), "duplicate")
    if data.period_start is None:
        _add(errors, "period_start", _("Give the start date."), "required")
    if data.period_end is None:
        _add(errors, "period_end", _("Give the end date."), "required")
    if data.period_start and data.period_end and data.period_end <= data.period_start:
        _add(errors, "period_end", _("The end date is not after the start date."), "period_order")
    wanted = {str(u) for u in data.municipalities or []}
    municipalities = list(
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, uuid__in=wanted)
    )
    if not wanted:
        _add(errors, "municipalities", _("Choose at least one municipality."), "required")
    elif len(municipalities) != len(wanted):
        _add(errors, "municipalities", _("Choose municipalities of the region."), "unknown_party")
    if data.period_start and data.period_end and municipalities and "period_end" not in errors:
        found = overlap_errors(data.period_start, data.period_end, {m.pk for m in municipalities})
        if found:
            errors.setdefault("period_start", []).extend(found)
    source_card = None
    if data.copy_from is not None:
        source_card = Catalogue.objects.filter(agreement=data.copy_from).first()
        if source_card is None:
            _add(
                errors,
                "copy_from",
                _("%(title)s has no keuzekaart to copy.") % {"title": data.copy_from.title},
                "no_card",
            )
    if errors or data.period_start is None or data.period_end is None:
        raise ValidationError(errors, code="invalid_agreement")
    region = municipalities[0].region
    agreement = AgreementVersion.objects.create(
        region=region,
        title=title,
        citation_title=(data.citation_title or "").strip(),
        period_start=data.period_start,
        period_end=data.period_end,
        budget_rule=(data.budget_rule or "").strip(),
        status=AgreementStatus.DRAFT,
    )
    MunicipalAgreement.objects.bulk_create(
        [MunicipalAgreement(agreement=agreement, municipality=m) for m in municipalities]
    )
    if source_card is not None:
        copy_card_contents(source_card, agreement)
    else:
        Catalogue.objects.create(agreement=agreement)
    if data.standard_steps:
        plan_standard_steps_unchecked(agreement)
    return agreement


def copy_card_contents(source: Catalogue, agreement: AgreementVersion) -> Catalogue:
    """Copy a keuzekaart into ``agreement``: its terms, point classes and services. Availability
    years that lie before the new period are dropped (the service is offered again); the
    administrator changes what differs. No access check: the services above check it, and the
    demo data uses it directly."""
    card, _created = Catalogue.objects.update_or_create(
        agreement=agreement,
        defaults={
            "price_unit": source.price_unit,
            "max_services": source.max_services,
            "notes": source.notes,
        },
    )
    card.reduced_minimum_municipalities.set(source.reduced_minimum_municipalities.all())
    for point_class in source.point_classes.all():
        members = list(point_class.municipalities.all())
        copied = PointClass.objects.create(
            catalogue=card,
            code=point_class.code,
            name=point_class.name,
            euro_value=point_class.euro_value,
            approximate=point_class.approximate,
        )
        copied.municipalities.set(members)
    first = agreement.period_start.year
    services = []
    for service in source.services.order_by("number"):
        until = service.available_until_year
        start = service.available_from_year
        services.append(
            CatalogueService(
                catalogue=card,
                number=service.number,
                code=service.code,
                name=service.name,
                description=service.description,
                unit_kind=service.unit_kind,
                unit_label=service.unit_label,
                quantity_label=service.quantity_label,
                bundle_size=service.bundle_size,
                price=service.price,
                allows_fractions=service.allows_fractions,
                minimum_quantity=service.minimum_quantity,
                maximum_quantity=service.maximum_quantity,
                maximum_price=service.maximum_price,
                available_from_year=start if start and start > first else None,
                available_until_year=until if until and until >= first else None,
                printed_options=list(service.printed_options),
            )
        )
    CatalogueService.objects.bulk_create(services)
    return card


@transaction.atomic
def copy_catalogue(*, actor, agreement: AgreementVersion, source: AgreementVersion) -> Catalogue:
    """Start an empty keuzekaart from a copy of another version's card."""
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    if not policy.can_edit_catalogue(actor, agreement):
        raise AccessDenied
    errors: Errors = {}
    card = Catalogue.objects.filter(agreement=agreement).first()
    if card is not None and card.services.exists():
        _add(
            errors,
            "copy_from",
            _("This keuzekaart already has services; change them instead of copying."),
            "card_not_empty",
        )
    source_card = Catalogue.objects.filter(agreement=source).first()
    if source.pk == agreement.pk or source_card is None or not source_card.services.exists():
        _add(
            errors,
            "copy_from",
            _("%(title)s has no keuzekaart to copy.") % {"title": source.title},
            "no_card",
        )
    if errors or source_card is None:
        raise ValidationError(errors, code="invalid_copy")
    return copy_card_contents(source_card, agreement)


# --- the keuzekaart ----------------------------------------------------------------------------


@dataclass
class ServiceInput:
    """One service of the card as entered: its price, unit and the years it is offered.
    ``withdrawn`` takes it off the card of this version."""

    price: object = None
    unit_kind: str = ""
    unit_label: str = ""
    quantity_label: str = ""
    available_from_year: object = None
    available_until_year: object = None
    withdrawn: bool = False


def _year(value, name: str, agreement: AgreementVersion, errors: Errors) -> int | None:
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        _add(errors, name, _("Enter a year."), "not_a_year")
        return None
    if year not in agreement.years:
        _add(
            errors,
            name,
            _("%(year)s is outside the agreement's period (%(first)s-%(last)s).")
            % {"year": year, "first": agreement.years[0], "last": agreement.years[-1]},
            "year_outside_agreement",
        )
        return None
    return year


def _checked_service(
    service: CatalogueService, data: ServiceInput, prefix: str, errors: Errors
) -> None:
    """Put the entered values on ``service`` (unsaved), or name what is wrong in ``errors``."""
    agreement = service.catalogue.agreement
    own: Errors = {}
    price = parse_decimal(data.price, f"{prefix}price", own, cents=True)
    if f"{prefix}price" not in own:
        if price is None:
            _add(
                own,
                f"{prefix}price",
                _("Give the price of %(name)s.") % {"name": service.name},
                "required",
            )
        elif not policies.price_is_valid(price):
            _add(
                own,
                f"{prefix}price",
                _("The price of %(name)s must be more than 0.") % {"name": service.name},
                "price_not_positive",
            )
    unit_label = (data.unit_label or "").strip()
    if not unit_label:
        _add(
            own,
            f"{prefix}unit_label",
            _("Give the unit of %(name)s a name, e.g. '10 kandidaten'.") % {"name": service.name},
            "unit_unnamed",
        )
    unit_kind = data.unit_kind or service.unit_kind
    if unit_kind not in UnitKind.values:
        _add(own, f"{prefix}unit_kind", _("Choose a unit."), "invalid_choice")
    quantity_label = (data.quantity_label or "").strip() or service.quantity_label
    start = _year(data.available_from_year, f"{prefix}available_from_year", agreement, own)
    until = _year(data.available_until_year, f"{prefix}available_until_year", agreement, own)
    if start and until and until < start:
        _add(
            own,
            f"{prefix}available_until_year",
            _("The last year is before the first year."),
            "availability_order",
        )
    if own:
        for name, messages in own.items():
            errors.setdefault(name, []).extend(messages)
        return
    service.price = price
    service.unit_kind = unit_kind
    service.unit_label = unit_label
    service.quantity_label = quantity_label
    service.available_from_year = start
    service.available_until_year = until


def _editable_card(actor, agreement: AgreementVersion) -> AgreementVersion:
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    if not policy.can_edit_catalogue(actor, agreement):
        raise AccessDenied
    return agreement


@transaction.atomic
def update_service(*, actor, service: CatalogueService, data: ServiceInput) -> CatalogueService:
    """Change one service of a card not yet adopted."""
    agreement = _editable_card(actor, service.catalogue.agreement)
    service = (
        CatalogueService.objects.select_for_update()
        .select_related("catalogue__agreement")
        .get(pk=service.pk)
    )
    service.catalogue.agreement = agreement
    errors: Errors = {}
    _checked_service(service, data, "", errors)
    if errors:
        raise ValidationError(errors, code="invalid_service")
    service.save()
    return service


@transaction.atomic
def save_card(
    *, actor, agreement: AgreementVersion, rows: dict[str, ServiceInput]
) -> list[CatalogueService]:
    """Save the whole card as the screen shows it (service uuid → values); all or nothing. A
    withdrawn service leaves the card unless a choice uses it."""
    agreement = _editable_card(actor, agreement)
    services = {
        str(s.uuid): s
        for s in CatalogueService.objects.select_for_update()
        .filter(catalogue__agreement=agreement)
        .select_related("catalogue")
    }
    errors: Errors = {}
    keep, withdraw = [], []
    for index, (key, data) in enumerate(rows.items()):
        service = services.get(str(key))
        prefix = f"services.{index}."
        if service is None:
            _add(
                errors,
                f"{prefix}service",
                _("This service is not on the keuzekaart of this agreement."),
                "unknown_service",
            )
            continue
        service.catalogue.agreement = agreement
        if data.withdrawn:
            if service.choices.exists():
                _add(
                    errors,
                    f"{prefix}withdrawn",
                    _("%(name)s is chosen by a municipality; it stays on the card.")
                    % {"name": service.name},
                    "service_in_use",
                )
            withdraw.append(service)
            continue
        _checked_service(service, data, prefix, errors)
        keep.append(service)
    if errors:
        raise ValidationError(errors, code="invalid_card")
    for service in keep:
        service.save()
    CatalogueService.objects.filter(pk__in=[s.pk for s in withdraw]).delete()
    return keep


# --- budgets -----------------------------------------------------------------------------------


@dataclass
class BudgetInput:
    """A municipality's budget for local choices in one year, as entered: an amount, or the
    share rule over a base minus the legacy obligations (or both, the amount then counts)."""

    amount: object = None
    share_percentage: object = None
    base_name: str = ""
    base_amount: object = None
    legacy_obligations: object = None
    points: object = None
    note: str = ""


def _checked_budget(budget: Budget, data: BudgetInput, prefix: str, errors: Errors) -> None:
    own: Errors = {}
    values: dict[str, Decimal | None] = {}
    for name in ("amount", "base_amount", "legacy_obligations"):
        value = parse_decimal(getattr(data, name), f"{prefix}{name}", own, cents=True)
        values[name] = value
        if value is not None and value < 0:
            _add(own, f"{prefix}{name}", _("An amount cannot be negative."), "negative_amount")
    points = parse_decimal(data.points, f"{prefix}points", own, limit=Decimal("1e6"))
    values["points"] = points
    if points is not None and points < 0:
        _add(own, f"{prefix}points", _("Points cannot be negative."), "negative_amount")
    share = parse_decimal(
        data.share_percentage, f"{prefix}share_percentage", own, limit=Decimal(1000)
    )
    if share is not None and not policies.share_is_valid(share):
        _add(
            own,
            f"{prefix}share_percentage",
            _("A share is more than 0 and at most 100 %."),
            "share_out_of_range",
        )
    values["share_percentage"] = share
    if (
        not own
        and values["amount"] is None
        and share is not None
        and values["base_amount"] is not None
        and (values["legacy_obligations"] or 0) > values["base_amount"] * share / 100
    ):
        _add(
            own,
            f"{prefix}legacy_obligations",
            _("The legacy obligations are more than the share of the base budget."),
            "legacy_above_share",
        )
    if own:
        for name, messages in own.items():
            errors.setdefault(name, []).extend(messages)
        return
    for name, value in values.items():
        setattr(budget, name, value)
    budget.base_name = (data.base_name or "").strip()
    budget.note = data.note or ""


def _empty(data: BudgetInput) -> bool:
    return not any(
        str(value).strip()
        for value in (
            data.amount,
            data.share_percentage,
            data.base_name,
            data.base_amount,
            data.legacy_obligations,
            data.points,
            data.note,
        )
        if value is not None
    )


def _editable_budgets(actor, agreement: AgreementVersion) -> AgreementVersion:
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    if not policy.can_edit_budgets(actor, agreement):
        raise AccessDenied
    return agreement


@transaction.atomic
def save_budget(
    *, actor, municipal_agreement: MunicipalAgreement, year, data: BudgetInput
) -> Budget:
    """Enter or change one municipality's budget for one year of a version not yet adopted."""
    agreement = _editable_budgets(actor, municipal_agreement.agreement)
    year = check_year(agreement, year)
    budget = (
        Budget.objects.select_for_update()
        .filter(municipal_agreement=municipal_agreement, year=year)
        .first()
    ) or Budget(municipal_agreement=municipal_agreement, year=year)
    errors: Errors = {}
    _checked_budget(budget, data, "", errors)
    if errors:
        raise ValidationError(errors, code="invalid_budget")
    budget.save()
    return budget


@transaction.atomic
def save_budgets(
    *, actor, agreement: AgreementVersion, rows: dict[tuple[str, int], BudgetInput]
) -> list[Budget]:
    """Every budget of a version as the screen shows it ((municipal agreement uuid, year) →
    values); all or nothing."""
    agreement = _editable_budgets(actor, agreement)
    agreements = {str(ma.uuid): ma for ma in agreement.municipal_agreements.all()}
    stored = {
        (str(b.municipal_agreement.uuid), b.year): b
        for b in Budget.objects.select_for_update()
        .filter(municipal_agreement__agreement=agreement)
        .select_related("municipal_agreement")
    }
    errors: Errors = {}
    budgets = []
    for index, ((ma_uuid, year), data) in enumerate(rows.items()):
        prefix = f"budgets.{index}."
        ma = agreements.get(str(ma_uuid))
        if ma is None or year not in agreement.years:
            _add(
                errors,
                f"{prefix}municipal_agreement",
                _("This municipality and year are not part of this agreement."),
                "unknown_budget",
            )
            continue
        budget = stored.get((str(ma_uuid), year))
        if budget is None and _empty(data):
            continue  # nothing entered where nothing was: no row
        budget = budget or Budget(municipal_agreement=ma, year=year)
        _checked_budget(budget, data, prefix, errors)
        budgets.append(budget)
    if errors:
        raise ValidationError(errors, code="invalid_budgets")
    for budget in budgets:
        budget.save()
    return budgets
