"""The demo's DVO for the present: the version that covers the current year (today's year, never a
fixed one) gets a keuzekaart, and every municipality a budget and choices for this year and the
next, so a newcomer can compose, check and adopt it on the screens.

The documents do not give the 2026-2027 card, budgets or choices (Nijmegen's aside), so the demo
takes them over from what is in force now: the card of the latest adopted version, each
municipality's budget and choices of the year its agreement carries into this one (art. 16.1).
What the documents do give is left as it is: Nijmegen's choices, and the draft stays a draft.
When no version covers the current year, a demo draft for it and the next year is created.
Safe to run twice: it fills only what is empty."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import (
    AgreementStatus,
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    LocalChoice,
    MunicipalAgreement,
)
from werkbedrijf.agreements.services.versions import copy_card_contents
from werkbedrijf.organisations.models import Organisation, OrganisationKind

DEMO_NOTE = "Demo: overgenomen uit {source} (de documenten noemen dit niet)."


def _covering(year: int) -> AgreementVersion | None:
    return (
        AgreementVersion.objects.filter(period_start__year__lte=year, period_end__year__gte=year)
        .order_by("-period_start")
        .first()
    )


def _latest_card() -> Catalogue | None:
    return (
        Catalogue.objects.filter(agreement__status=AgreementStatus.ADOPTED, services__isnull=False)
        .order_by("-agreement__period_start")
        .distinct()
        .first()
    )


def _version_for(year: int, region) -> AgreementVersion:
    agreement = _covering(year)
    if agreement is None:
        agreement = AgreementVersion.objects.create(
            region=region,
            title=f"DVO {year}-{year + 1} (demo)",
            period_start=date(year, 1, 1),
            period_end=date(year + 1, 12, 31),
            budget_rule="15% van het Participatiebudget voor lokale keuzes",
            notes="Demoversie: geen brondocument.",
        )
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    for municipality in municipalities:
        MunicipalAgreement.objects.get_or_create(agreement=agreement, municipality=municipality)
    return agreement


@transaction.atomic
def fill_current_year(today: date | None = None) -> AgreementVersion | None:
    """Fill the version covering today's year; return it (None without any adopted card)."""
    today = today or timezone.localdate()
    card = _latest_card()
    if card is None:
        return None
    agreement = _version_for(today.year, card.agreement.region)
    if agreement.status == AgreementStatus.ADOPTED:
        return agreement  # an adopted version is what it is
    own_card = Catalogue.objects.filter(agreement=agreement).first()
    if own_card is None or not own_card.services.exists():
        copy_card_contents(card, agreement)
    services = {s.code: s for s in CatalogueService.objects.filter(catalogue__agreement=agreement)}
    years = [y for y in (today.year, today.year + 1) if y in agreement.years]
    for ma in agreement.municipal_agreements.select_related("municipality"):
        carried = selectors.in_force(ma.municipality_id, today.year, today)
        if (
            carried.municipal_agreement is None
            or carried.municipal_agreement.agreement == agreement
        ):
            continue
        source = f"{carried.municipal_agreement.agreement.title} ({carried.source_year})"
        for year in years:
            _fill_budget(ma, year, carried.budget(), source)
            if not LocalChoice.objects.filter(municipal_agreement=ma, year=year).exists():
                _fill_choices(ma, year, carried.choices(), services, source)
    return agreement


def _fill_budget(ma, year: int, previous: Budget | None, source: str) -> None:
    amount = selectors.budget_amount(previous, "eur")
    if amount is None:
        return
    budget, _created = Budget.objects.get_or_create(
        municipal_agreement=ma,
        year=year,
        defaults={"share_percentage": previous.share_percentage, "base_name": previous.base_name},
    )
    if budget.amount is None and budget.base_amount is None:
        budget.amount = amount
        budget.note = (budget.note + " " if budget.note else "") + DEMO_NOTE.format(source=source)
        budget.save()


def _fill_choices(ma, year: int, previous, services: dict, source: str) -> None:
    rows = []
    for position, choice in enumerate(previous, start=1):
        service = services.get(choice.service.code) if choice.service_id else None
        if choice.service_id and service is None:
            continue  # not on the new card
        rows.append(
            LocalChoice(
                municipal_agreement=ma,
                year=year,
                position=position,
                service=service,
                custom_name=choice.custom_name,
                custom_unit=choice.custom_unit,
                activity_kind=choice.activity_kind,
                quantity=choice.quantity,
                agreed_amount=choice.agreed_amount,
                source_text=choice.source_text,
                note=DEMO_NOTE.format(source=source),
            )
        )
    LocalChoice.objects.bulk_create(rows)
