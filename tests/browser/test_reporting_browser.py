"""In Debian's chromium: a WerkBedrijf manager opens Nijmegen's dashboard, makes its interim
report 2025 in the background with the progress bar, and downloads the PDF, which holds the
figures. The assertions look at data-* attributes, not at texts."""

import io
import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect
from pypdf import PdfReader

from werkbedrijf.accounts.models import Role
from werkbedrijf.reporting.tests.conftest import population  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


@override_settings(SMALL_COUNT_THRESHOLD=2)
def test_dashboard_interim_report_with_progress_and_pdf(
    transactional_db,
    live_server,
    browser,
    log_in,
    population,  # noqa: F811
    make_user,
    werkbedrijf_org,
):
    manager = make_user(Role.MANAGER, werkbedrijf_org, username="manager.wb")
    code = "00000002"  # the population's consultant has the first backup code
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    log_in(page, manager.username, code)

    nijmegen = population.nijmegen
    page.goto(f"{live_server.url}/rapportages/?municipality={nijmegen.uuid}&year=2025")
    inflow = page.locator('section[data-indicator="inflow"]')
    expect(inflow.locator("[data-value]")).to_have_text("4")
    expect(inflow.locator("img")).to_have_attribute("alt", re.compile(".+"))
    expect(inflow.locator('td[data-quarter="2025-01-01"]')).to_have_text("3")

    page.click("a[data-reports-link]")
    page.select_option("select[name=kind]", "interim")
    page.select_option("select[name=year]", "2025")
    expect(page.locator("select[name=municipality]")).to_have_value(str(nijmegen.uuid))
    page.click("form.app-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/rapportages/verslagen/[0-9a-f-]{36}/$"))
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "draft")

    page.click("button[data-generate]")
    bar = page.locator(".app-job progress")
    expect(bar).to_have_attribute("value", "100")
    with page.expect_download() as info:
        page.click('a[data-download="pdf"]')
    download = info.value
    assert download.suggested_filename == "tussenrapportage-2025-nijmegen-v1.pdf"
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Tussenrapportage 2025 – Nijmegen" in text
    assert "197" in text and "€ 1.250,50" in text
    assert not problems, problems
