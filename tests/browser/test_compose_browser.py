"""In Debian's chromium: log in with two factors, compose until over budget, save, download the XLSX."""

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import LocalChoice, MunicipalAgreement

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.console_problems = problems
    yield page
    context.close()


def test_compose_over_budget_save_and_download(
    transactional_db, live_server, page, log_in, make_user, nijmegen, draft_dvo, tmp_path
):
    adviser = make_user(Role.POLICY_ADVISER, nijmegen, username="beleid.nijmegen")
    backup_code = "00000001"  # make_user's first account gets backup code 1
    ma = MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)

    log_in(page, adviser.username, backup_code)

    page.goto(
        live_server.url + reverse("agreements:compose", kwargs={"uuid": ma.uuid, "year": 2025})
    )
    meter = page.locator("#budget-meter-status .budget-meter")
    quantity = page.locator('tr[data-service="maatwerk-interventies"] input[type=number]')

    # Within budget first: 20 candidates at € 30.000 per 10 is € 60.000 of € 100.000.
    quantity.fill("20")
    expect(page.locator("#card-value-card-0")).to_have_text("€ 60.000")
    expect(meter).to_have_attribute("data-state", "within")
    expect(page.locator('#budget-meter-status [data-message="over"]')).to_have_count(0)

    # Then over: 40 candidates is € 120.000, € 20.000 over the budget.
    quantity.fill("40")
    expect(meter).to_have_attribute("data-state", "over")
    message = page.locator('#budget-meter-status [data-message="over"]')
    expect(message).to_be_visible()
    expect(message).to_contain_text("€ 20.000")
    expect(page.locator("#card-value-card-0")).to_have_text("€ 120.000")
    assert page.locator("#budget-meter-status").get_attribute("aria-live") == "polite"

    # Save as draft: the overrun may stay in a draft, to be accepted before adoption.
    page.click("#save-draft")
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    (choice,) = LocalChoice.objects.filter(municipal_agreement=ma, year=2025)
    assert choice.quantity == 40
    assert choice.agreed_amount == 120000
    expect(meter).to_have_attribute("data-state", "over")  # as saved, after the reload
    expect(quantity).to_have_value("40")

    # Download the check of this year as XLSX, and open it.
    with page.expect_download() as download_info:
        page.click('a[data-export="xlsx"]')
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    assert target.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(target)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "Nijmegen"
    assert rows[1][3] == "Maatwerk-interventies"
    assert float(rows[1][10]) == 120000
    assert not any(
        "Wijchen" in str(cell)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )

    # The Content Security Policy forbids inline script and style: nothing may have been refused.
    assert not [p for p in page.console_problems if "Content Security Policy" in p], (
        page.console_problems
    )
