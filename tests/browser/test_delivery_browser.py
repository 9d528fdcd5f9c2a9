"""In Debian's chromium: a WerkBedrijf manager opens the realisation of Nijmegen's local choices,
goes on to the delivery per quarter and sees the half-day held in February 2025 delivered in the
first quarter, and records a half-day on the screen.

The assertions look at the page's state (data-* attributes), never at English text."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.delivery import services
from werkbedrijf.agreements.delivery.models import HalfDaySession
from werkbedrijf.agreements.models import LocalChoice

pytestmark = pytest.mark.browser

HALF_DAYS = "extra-arbeidsbemiddeling-op-locatie"


def test_the_realisation_per_quarter_shows_a_delivered_half_day(
    transactional_db,
    live_server,
    browser,
    log_in,
    make_user,
    nijmegen,
    werkbedrijf_org,
    reference_dvo,
):
    manager = make_user(Role.MANAGER, werkbedrijf_org, username="teamleider.wb")
    choice = LocalChoice.objects.get(
        municipal_agreement__agreement=reference_dvo,
        municipal_agreement__municipality=nijmegen,
        year=2025,
        service__code=HALF_DAYS,
    )
    services.record_half_day(
        actor=manager,
        municipality=nijmegen,
        choice=choice,
        location="Wijkcentrum Dukenburg",
        day=date(2025, 2, 4),
        part_of_day="morning",
        status="held",
    )

    page = browser.new_context(locale="nl-NL").new_page()
    page.set_default_timeout(15_000)
    log_in(page, manager.username, "00000001")
    page.goto(
        live_server.url
        + reverse("candidates:realisation")
        + f"?municipality={nijmegen.uuid}&year=2025"
    )
    page.click("[data-delivery-per-quarter]")
    row = page.locator(f'[data-delivery] tr[data-row="{choice.uuid}"]')
    expect(row.locator('td[data-quarter="1"][data-delivered]')).to_have_attribute(
        "data-delivered", "1"
    )
    expect(row.locator('td[data-quarter="1"][data-bought]')).to_have_attribute(
        "data-bought", "39.00"
    )

    # Record another half-day on the screen: it is scheduled in the second quarter.
    page.click('[data-record="half_days"]')
    page.select_option("select[name=choice]", str(choice.uuid))
    page.fill("input[name=location]", "Wijkcentrum Lindenholt")
    page.fill("input[name=date]", "2025-04-08")
    page.select_option("select[name=part_of_day]", "afternoon")
    page.select_option("select[name=status]", "held")
    page.click("form.app-card button[type=submit]")
    expect(row.locator('td[data-quarter="2"][data-delivered]')).to_have_attribute(
        "data-delivered", "1"
    )
    assert HalfDaySession.objects.filter(location="Wijkcentrum Lindenholt").exists()
