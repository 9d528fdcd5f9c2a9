"""In Debian's chromium: a consultant bedrijfsdienstverlening enters a vacancy, gets a shortlist
with evidence, proposes a candidate, records the candidate's view, introduces and hires; the hire
creates the placement and fills the vacancy.

The assertions look at the page's state (data-* attributes), not at English text."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import Placement
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer
from werkbedrijf.matching import services as matching_services
from werkbedrijf.matching.catalogue import load_matching_reference_data
from werkbedrijf.matching.models import Proposal

pytestmark = pytest.mark.browser


def test_consultant_enters_a_vacancy_proposes_introduces_and_hires(
    transactional_db, live_server, browser, log_in, make_user, nijmegen, werkbedrijf_org
):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org, username="bdv.consulent")
    load_matching_reference_data()
    employer = register_employer(
        actor=consultant, name="Magazijn Wijchen", kvk_number="23456789", sector_group="cleaning"
    )
    today = timezone.localdate()
    trajectory = candidate_services.refer_candidate(
        actor=consultant,
        municipality=nijmegen,
        person=PersonInput(
            "999990019", "Sanne", "Visser", date(1991, 6, 1), extra={"postcode": "6511AB"}
        ),
        referred_on=today - timedelta(days=40),
    )
    for target, kwargs in (
        ("intake", {}),
        ("main_route", {"sector_group": "cleaning", "business_consultant": consultant}),
    ):
        trajectory = candidate_services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target=target,
            occurred_on=today - timedelta(days=20),
            **kwargs,
        )
    candidate = trajectory.candidate
    matching_services.save_work_profile(
        actor=consultant,
        candidate=candidate,
        sector_wishes=["cleaning"],
        occupation_wishes=["schoonmaker"],
        hours_per_week=32,
        days=["mon", "tue", "wed", "thu"],
        shifts=["day"],
        max_travel_km=15,
        transport=["bicycle"],
        dutch_level="B1",
        competences=[
            {"code": "schoonmaaktechniek", "source": "practical_diagnosis", "level": 3},
            {"code": "vca-basis", "source": "certificate", "level": 4},
        ],
    )

    page = browser.new_context(locale="nl-NL").new_page()
    page.set_default_timeout(15_000)
    log_in(page, "bdv.consulent", "00000001")

    # Enter the vacancy.
    page.goto(live_server.url + reverse("matching:vacancies"))
    form = page.locator('form[data-form="vacancy"]')
    form.locator("select[name=employer]").select_option(str(employer.uuid))
    form.locator("input[name=title]").fill("Schoonmaker kantoren")
    form.locator("select[name=occupation]").select_option("schoonmaker")
    form.locator("select[name=sector_group]").select_option("cleaning")
    form.locator("input[name=postcode]").fill("6601 AB")
    form.locator("input[name=hours_per_week]").fill("20")
    for day in ("mon", "tue"):
        form.locator(f"input[name=days][value={day}]").check()
    form.locator("input[name=shifts][value=day]").check()
    form.locator("input[name=start_date]").fill((today + timedelta(days=14)).isoformat())
    form.locator("input[name=employment_forms][value=regular]").check()
    form.locator("input[name=places]").fill("1")
    form.locator("input[name=certificates][value=vca-basis]").check()
    form.locator("select[name=competences_must]").select_option("schoonmaaktechniek")
    form.locator("button[type=submit]").click()

    # The shortlist with its evidence.
    article = page.locator("article[data-vacancy-page]")
    expect(article).to_have_attribute("data-status", "open")
    match = page.locator(f'[data-match="{candidate.uuid}"]')
    expect(match).to_be_visible()
    expect(match.locator("table[data-evidence] tbody tr")).to_have_count(6)

    # Propose, with a reason.
    match.locator("textarea[name=reason]").fill("Praktijkdiagnose schoonmaak goed afgerond")
    match.locator("button[type=submit]").click()
    proposal = page.locator("[data-proposal]")
    expect(proposal).to_have_attribute("data-proposal-status", "proposed")
    uuid = Proposal.objects.get().uuid
    prefix = f"p-{uuid}"

    def step(value, fill=None):
        block = page.locator(f'[data-proposal="{uuid}"]')
        block.locator(f"input[name={prefix}-step][value={value}]").check()
        if fill:
            fill(block)
        block.locator("button[type=submit]").click()

    step(
        "view",
        lambda b: (
            b.locator(f"textarea[name={prefix}-view]").fill("Wil graag, dichtbij huis"),
            b.locator(f"input[name={prefix}-agrees][value=yes]").check(),
        ),
    )
    expect(page.locator(f'[data-proposal="{uuid}"]')).to_have_attribute(
        "data-proposal-status", "proposed"
    )
    step("introduce")
    expect(page.locator(f'[data-proposal="{uuid}"]')).to_have_attribute(
        "data-proposal-status", "introduced"
    )
    step(
        "hired",
        lambda b: (
            b.locator(f"select[name={prefix}-form]").select_option("regular"),
            b.locator(f"input[name={prefix}-start]").fill(today.isoformat()),
        ),
    )
    expect(page.locator(f'[data-proposal="{uuid}"]')).to_have_attribute(
        "data-proposal-status", "hired"
    )
    expect(article).to_have_attribute("data-status", "filled")
    placement = Placement.objects.get(trajectory__candidate=candidate)
    assert placement.employer == employer
    assert placement.form == "regular"
