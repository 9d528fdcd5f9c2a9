"""In Debian's chromium: a DVO administrator creates a new DVO version from the previous keuzekaart
on the screens, changes a price, enters a budget and sends it out for opinions; then the policy
adviser of a municipality composes and saves that municipality's choices within it, during the
opinion round."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import (
    AgreementStatus,
    AgreementVersion,
    Budget,
    LocalChoice,
    MunicipalAgreement,
)

pytestmark = pytest.mark.browser


def _page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.console_problems = problems
    return context, page


def test_a_new_version_from_the_previous_card_budget_and_choices(
    transactional_db,
    live_server,
    browser,
    log_in,
    make_user,
    nijmegen,
    werkbedrijf_org,
    draft_dvo,
):
    AgreementVersion.objects.filter(pk=draft_dvo.pk).update(
        status=AgreementStatus.ADOPTED, adopted_on=date(2024, 6, 20)
    )
    admin = make_user(Role.DVO_ADMIN, werkbedrijf_org, username="dvobeheer")  # backup code 1
    adviser = make_user(Role.POLICY_ADVISER, nijmegen, username="beleid.nijmegen")  # code 2

    # --- the DVO administrator ---
    context, page = _page(browser)
    log_in(page, admin.username, "00000001")
    page.goto(live_server.url + reverse("agreements:agreements"))
    page.get_by_role("link", name="Nieuwe DVO-versie").click()
    page.get_by_label("Titel", exact=True).fill("DVO 2026-2027 nieuw")
    page.get_by_label("Begindatum").fill("2026-01-01")
    page.get_by_label("Einddatum").fill("2027-12-31")
    expect(page.get_by_label("Nijmegen", exact=True)).to_be_checked()
    expect(page.get_by_label("Keuzekaart beginnen vanaf")).to_have_value(str(draft_dvo.uuid))
    page.get_by_role("button", name="Concept aanmaken").click()

    # The card, copied from the previous one: raise the price of Maatwerk-interventies.
    expect(page.get_by_role("heading", level=1)).to_have_text("Keuzekaart van DVO 2026-2027 nieuw")
    version = AgreementVersion.objects.get(title="DVO 2026-2027 nieuw")
    assert version.status == AgreementStatus.DRAFT
    page.get_by_label("Prijs van Maatwerk-interventies").fill("32000")
    page.get_by_role("button", name="Keuzekaart opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("De keuzekaart is opgeslagen")
    price = version.catalogue.services.get(code="maatwerk-interventies").price
    assert price == Decimal(32000)

    # A price of 0 is refused, in Dutch, and nothing changes.
    page.get_by_label("Prijs van Maatwerk-interventies").fill("0")
    page.get_by_role("button", name="Keuzekaart opslaan").click()
    expect(page.locator("#error-summary")).to_contain_text("moet meer dan 0 zijn")
    assert version.catalogue.services.get(code="maatwerk-interventies").price == Decimal(32000)

    # The budget of Nijmegen for 2026.
    page.goto(live_server.url + reverse("agreements:edit_budgets", args=[version.uuid]))
    page.get_by_label("Budget voor lokale keuzes Nijmegen 2026").fill("100000")
    page.get_by_role("button", name="Budgetten opslaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("De budgetten zijn opgeslagen")
    ma = MunicipalAgreement.objects.get(agreement=version, municipality=nijmegen)
    assert Budget.objects.get(municipal_agreement=ma, year=2026).amount == Decimal(100000)

    # The cycle: the draft goes out for opinions, on the agreement's page.
    page.get_by_role("link", name="Terug naar de overeenkomst").click()
    page.fill("#deadline-opinions_requested", "2026-03-01")
    page.click('button[data-target-status="opinions_requested"]')
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    version.refresh_from_db()
    assert version.status == AgreementStatus.OPINIONS_REQUESTED
    assert not [p for p in page.console_problems if "Content Security Policy" in p]
    context.close()

    # --- the policy adviser of Nijmegen composes the choices of 2026 ---
    context, page = _page(browser)
    log_in(page, adviser.username, "00000002")
    page.goto(
        live_server.url + reverse("agreements:compose", kwargs={"uuid": ma.uuid, "year": 2026})
    )
    quantity = page.locator('tr[data-service="maatwerk-interventies"] input[type=number]')
    quantity.fill("20")  # 20 candidates at € 32.000 per 10
    expect(page.locator("#budget-meter-status .budget-meter")).to_have_attribute(
        "data-state", "within"
    )
    page.click("#save-draft")
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    (choice,) = LocalChoice.objects.filter(municipal_agreement=ma, year=2026)
    assert choice.service.code == "maatwerk-interventies"
    assert choice.quantity == 20 and choice.agreed_amount == Decimal(64000)
    assert not [p for p in page.console_problems if "Content Security Policy" in p]
    context.close()
