"""Helpers for the screen tests: URLs of a draft's pages and the data a compose form posts."""

import pytest
from django.urls import reverse

from werkbedrijf.agreements.models import CatalogueService, MunicipalAgreement


def compose_data(card=(), extra=()):
    """POST data of the compose form.

    ``card``: (service, quantity, agreed amount) per card row; ``extra``: (name, unit, quantity,
    amount) per row for a service not on the card. Strings are posted as typed."""
    data = {
        "card-TOTAL_FORMS": str(len(card)),
        "card-INITIAL_FORMS": "0",
        "extra-TOTAL_FORMS": str(len(extra)),
        "extra-INITIAL_FORMS": "0",
        "action": "save",
    }
    for i, (service, quantity, amount) in enumerate(card):
        data[f"card-{i}-service"] = str(service.uuid)
        data[f"card-{i}-quantity"] = quantity
        data[f"card-{i}-agreed_amount"] = amount
    for i, (name, unit, quantity, amount) in enumerate(extra):
        data[f"extra-{i}-custom_name"] = name
        data[f"extra-{i}-custom_unit"] = unit
        data[f"extra-{i}-quantity"] = quantity
        data[f"extra-{i}-agreed_amount"] = amount
    return data


@pytest.fixture
def card(draft_dvo):
    """The draft's services by code: maatwerk-interventies, zorgjongeren, participatiecoaching."""
    return {s.code: s for s in CatalogueService.objects.filter(catalogue__agreement=draft_dvo)}


@pytest.fixture
def ma_nijmegen(draft_dvo, nijmegen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)


@pytest.fixture
def ma_wijchen(draft_dvo, wijchen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=wijchen)


def compose_url(ma, year=2025):
    return reverse("agreements:compose", kwargs={"uuid": ma.uuid, "year": year})


def meter_url(ma, year=2025):
    return reverse("agreements:compose_meter", kwargs={"uuid": ma.uuid, "year": year})


def export_url(agreement, fmt="xlsx", ma=None, year=None):
    url = reverse("agreements:export", kwargs={"uuid": agreement.uuid, "fmt": fmt})
    query = []
    if ma is not None:
        query.append(f"gemeente={ma.uuid}")
    if year is not None:
        query.append(f"jaar={year}")
    return url + ("?" + "&".join(query) if query else "")
