"""In Debian's chromium: the step to "At work" asks for the placement in the same form. The
consultant searches the employer in that form (htmx), is refused a placement dated before the
referral (nothing saved), corrects it and records the step with its placement."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import Placement
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer

pytestmark = pytest.mark.browser


def test_the_step_to_at_work_records_its_placement_in_one_form(
    transactional_db, live_server, browser, log_in, make_user, nijmegen, werkbedrijf_org
):
    today = timezone.localdate()
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen, username="inkomen.nijmegen")
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org, username="consulent.wb")
    referred_on = date(today.year, 1, 5)
    trajectory = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput("999990019", "Ådne", "Çelik", date(1990, 5, 1)),
        referred_on=referred_on,
    )
    for target, extra in (
        ("intake", {}),
        ("main_route", {"sector_group": "grey_green", "business_consultant": consultant}),
    ):
        trajectory = services.take_step(
            actor=consultant, trajectory=trajectory, target=target, occurred_on=referred_on, **extra
        )
    employer = register_employer(
        actor=consultant, name="Groen & Co", kvk_number="12345678", sector_group="grey_green"
    )

    page = browser.new_context(locale="nl-NL").new_page()
    page.set_default_timeout(15_000)
    log_in(page, consultant.username, "00000002")
    page.goto(live_server.url + reverse("candidates:candidate", args=[trajectory.candidate.uuid]))
    page.locator('details[data-step-details="at_work"] > summary').click()
    step = page.locator("#step-at_work")
    expect(step.locator("[data-needs-placement]")).to_have_count(1)
    step.locator("form[data-employer-search] input[name=q]").press_sequentially("groen", delay=30)
    option = step.locator(f'#at-work-employer-options input[value="{employer.uuid}"]')
    expect(option).to_have_attribute("name", "at_work-employer")
    option.check()
    form = page.locator('form[data-form="at_work"]')
    form.locator("input[name=at_work-occurred_on]").fill(today.isoformat())
    form.locator("select[name=at_work-form]").select_option("regular")
    form.locator("input[name=at_work-start]").fill(date(today.year - 1, 12, 1).isoformat())
    form.locator("input[name=at_work-hours_per_week]").fill("32")
    form.locator("button[type=submit]").click()

    # Refused: the placement starts before the referral. Nothing is saved, the form keeps it all.
    expect(page.locator("[data-error-summary]")).to_have_count(1)
    expect(page.locator("article[data-candidate-page]")).to_have_attribute(
        "data-phase", "main_route"
    )
    assert not Placement.objects.exists()
    form = page.locator('form[data-form="at_work"]')
    expect(form.locator(f'input[value="{employer.uuid}"]')).to_be_checked()

    form.locator("input[name=at_work-start]").fill(today.isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/kandidaten/{trajectory.candidate.uuid}/$"))
    expect(page.locator("article[data-candidate-page]")).to_have_attribute("data-phase", "at_work")
    placement = Placement.objects.get(trajectory=trajectory)
    assert placement.employer == employer and placement.start == today
    expect(page.locator(f'tr[data-placement="{placement.uuid}"]')).to_have_count(1)
