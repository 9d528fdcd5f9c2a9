"""In Debian's chromium, on today's date: a consultant charges an activity dated in the current
year to their candidate's municipality's local choice (carried over by tacit extension, or of a
new DVO) and sees it in the realisation of the current year, first in progress, then delivered.

The assertions look at the page's state (data-* attributes), never at English text."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.selectors import in_force
from werkbedrijf.candidates import policies, services
from werkbedrijf.candidates.models import Activity
from werkbedrijf.candidates.services import PersonInput

pytestmark = pytest.mark.browser

ZERO, ONE = re.compile(r"^0(\.0+)?$"), re.compile(r"^1(\.0+)?$")  # units as a decimal: 1.00


def _chargeable(municipality, today):
    """A local choice of the municipality in force today, and an activity kind bought as it."""
    for choice in in_force(municipality.pk, today.year).choices(on=today).select_related("service"):
        if choice.service is None:
            continue
        for kind, codes in policies.CHARGEABLE_AS.items():
            if choice.service.code in codes:
                return choice, kind
    pytest.fail(f"{municipality.name} has no chargeable local choice in force in {today.year}")


def test_an_activity_of_this_year_is_charged_and_seen_in_this_years_realisation(
    transactional_db,
    live_server,
    browser,
    log_in,
    make_user,
    nijmegen,
    werkbedrijf_org,
    reference_dvo,
):
    today = timezone.localdate()
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen, username="inkomen.nijmegen")
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org, username="consulent.wb")
    trajectory = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput("999990019", "Ådne", "Çelik", date(1990, 5, 1)),
        referred_on=date(today.year, 1, 5),
    )
    choice, kind = _chargeable(nijmegen, today)

    page = browser.new_context(locale="nl-NL").new_page()
    page.set_default_timeout(15_000)
    log_in(page, consultant.username, "00000002")  # make_user numbers its backup codes

    # The realisation of the current year before: the choice is there, nothing used yet.
    realisation = (
        f"{live_server.url}{reverse('candidates:realisation')}"
        f"?municipality={nijmegen.uuid}&year={today.year}"
    )
    page.goto(realisation)
    table = page.locator("table[data-realisation]")
    expect(table).to_have_attribute("data-year", str(today.year))
    row = table.locator(f'tr[data-service="{choice.service.code}"]')
    expect(row).to_have_attribute("data-in-progress", ZERO)
    expect(row).to_have_attribute("data-delivered", ZERO)

    # On the candidate's page the activity form opens where the activities are.
    page.goto(live_server.url + reverse("candidates:candidate", args=[trajectory.candidate.uuid]))
    # A summary with its sections, the forms folded (the stacked forms took 4,000+ pixels).
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, f"the candidate page is {height} px high"  # 2,286 px on 07-12-2026
    expect(page.locator("nav[data-candidate-nav]")).to_have_css("position", "sticky")
    page.locator("details#activity > summary").click()
    form = page.locator('form[data-form="activity"]')
    form.locator("select[name=activity-kind]").select_option(kind)
    form.locator("input[name=activity-start]").fill(today.isoformat())
    form.locator("select[name=activity-charge_to]").select_option(str(choice.uuid))
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/kandidaten/{trajectory.candidate.uuid}/$"))
    activity = Activity.objects.get(trajectory=trajectory)
    assert activity.charged_to == choice and activity.start == today
    expect(page.locator(f'tr[data-activity="{activity.uuid}"]')).to_have_attribute(
        "data-activity-status", "planned"
    )

    page.goto(realisation)
    row = page.locator(f'table[data-realisation] tr[data-service="{choice.service.code}"]')
    expect(row).to_have_attribute("data-in-progress", ONE)

    # Completed on the candidate's page, it counts as delivered in the current year.
    page.goto(live_server.url + reverse("candidates:candidate", args=[trajectory.candidate.uuid]))
    activity_row = page.locator(f'tr[data-activity="{activity.uuid}"]')
    activity_row.locator("details > summary").click()
    activity_row.locator("select").select_option("completed")
    activity_row.locator("button[type=submit]").click()
    expect(page.locator(f'tr[data-activity="{activity.uuid}"]')).to_have_attribute(
        "data-activity-status", "completed"
    )
    page.goto(realisation)
    row = page.locator(f'table[data-realisation] tr[data-service="{choice.service.code}"]')
    expect(row).to_have_attribute("data-delivered", ONE)
    expect(row).to_have_attribute("data-in-progress", ZERO)
