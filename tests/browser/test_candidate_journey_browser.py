"""In Debian's chromium: a municipality refers a candidate, WerkBedrijf takes them from welcome to
outflow with a leerwerkplek on the way, returns a second candidate, and the municipality sees that
return on its Inkomen screen.

The assertions look at the page's state (data-* attributes and which elements are there), never
at English text, because the screens are read in Dutch.
"""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import policies, services
from werkbedrijf.candidates.models import Candidate, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer

BSN_FIRST = "999990019"  # test range, passes the 11-proef
BSN_SECOND = "999990020"

pytestmark = pytest.mark.browser


def _new_page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []

    def on_console(message):
        # A failed request is reported below with its address; the browser's own favicon
        # request is no concern of these screens.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", on_response)
    page.console_problems = problems
    return page


def _take_step(page, target, fill=None):
    """Open the step's panel, fill what the step asks, record it and wait for the new phase."""
    page.locator(f'details[data-step-details="{target}"] > summary').click()
    form = page.locator(f'form[data-step="{target}"]')
    if fill:
        fill(form)
    form.locator("button[type=submit]").click()
    expect(page.locator("article[data-candidate-page]")).to_have_attribute("data-phase", target)
    return form


def test_referral_to_outflow_and_a_return_seen_by_the_municipality(
    transactional_db, live_server, browser, log_in, make_user, nijmegen, werkbedrijf_org
):
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen, username="inkomen.nijmegen")
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org, username="consulent.wb")
    codes = {case_manager: "00000001", consultant: "00000002"}  # make_user numbers its codes

    def register(actor, name, kvk_number):
        return register_employer(
            actor=actor, name=name, kvk_number=kvk_number, sector_group="grey_green"
        )

    employer = register(consultant, "Groen & Co", "12345678")
    second = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(BSN_SECOND, "Piet", "Jansen", date(1975, 3, 4)),
    )

    # --- the Nijmegen case manager refers a resident on the referral screen ---
    municipal = _new_page(browser)
    log_in(municipal, case_manager.username, codes[case_manager])
    municipal.goto(live_server.url + reverse("candidates:refer"))
    referral = municipal.locator('form[data-form="referral"]')
    referral.locator("input[name=bsn]").fill(BSN_FIRST)
    referral.locator("input[name=first_name]").fill("Ådne")
    referral.locator("input[name=last_name]").fill("Çelik-ʼt Hooft")
    referral.locator("input[name=date_of_birth]").fill("1990-05-01")
    referral.locator("input[name=postcode]").fill("6511 PP")
    referral.locator("input[name=sector_wishes][value=grey_green]").check()
    referral.locator("textarea[name=note]").fill("Wil buiten werken.")
    referral.locator("input[name=warm_handover]").check()
    referral.locator("button[type=submit]").click()
    municipal.wait_for_url(re.compile(r".*/kandidaten/[0-9a-f-]{36}/$"))
    article = municipal.locator("article[data-candidate-page]")
    expect(article).to_have_attribute("data-phase", "referred")
    expect(municipal.locator("form[data-step]")).to_have_count(0)  # WerkBedrijf's work
    candidate = Candidate.objects.get(bsn=BSN_FIRST)
    assert BSN_FIRST not in municipal.url and str(candidate.uuid) in municipal.url
    assert candidate.trajectories.get().warm_handover

    # --- a WerkBedrijf consultant takes the candidate through the journey ---
    werkbedrijf = _new_page(browser)
    log_in(werkbedrijf, consultant.username, codes[consultant])
    # Not yet their own candidate: the consultant looks among all candidates.
    werkbedrijf.goto(live_server.url + reverse("candidates:caseload") + "?whose=all")
    row = werkbedrijf.locator(f'tr[data-candidate="{candidate.uuid}"]')
    expect(row).to_have_attribute("data-phase", "referred")
    expect(row.locator("[data-masked-bsn]")).to_have_text("*****0019")
    row.locator("a").click()
    werkbedrijf.wait_for_url(re.compile(rf".*/kandidaten/{candidate.uuid}/$"))

    _take_step(werkbedrijf, "welcome")
    _take_step(werkbedrijf, "intake")

    werkbedrijf.locator("details#note > summary").click()
    note = werkbedrijf.locator('form[data-form="note"]')
    note.locator("input[name=note-theme][value=current]").check()
    note.locator("textarea[name=note-text]").fill(
        "Woont sinds kort in Nijmegen; zoekt werk buiten."
    )
    note.locator("button[type=submit]").click()
    expect(werkbedrijf.locator('li[data-event="note"][data-theme="current"]')).to_have_count(1)

    def diagnosis(form):
        form.locator("select[name=diagnosis-kind]").select_option("employee_skills")
        form.locator("input[name=diagnosis-practical_diagnosis]").check()

    _take_step(werkbedrijf, "further_diagnosis", diagnosis)
    expect(werkbedrijf.locator('li[data-event="diagnosis"]')).to_have_count(1)

    def main_route(form):
        form.locator("select[name=step-main_route-sector_group]").select_option("grey_green")
        form.locator("select[name=step-main_route-business_consultant]").select_option(
            str(consultant.uuid)
        )

    _take_step(werkbedrijf, "main_route", main_route)
    expect(werkbedrijf.locator("[data-sector-group]")).to_have_attribute(
        "data-sector-group", "grey_green"
    )

    today = timezone.localdate()
    # The employer picker: typing part of the name asks the server (htmx) for the matches; the
    # keyboard goes from the search field past its button to the first match and picks it.
    register(consultant, "Schoonmaakbedrijf Van Dijk", "87654321")
    werkbedrijf.locator("details#placement > summary").click()
    search = werkbedrijf.locator("#placement form[data-employer-search] input[name=q]")
    search.press_sequentially("groen", delay=30)
    option = werkbedrijf.locator(f'#employer-options input[value="{employer.uuid}"]')
    expect(option).to_have_count(1)
    expect(werkbedrijf.locator("#employer-options input[name=placement-employer]")).to_have_count(1)
    expect(werkbedrijf.locator("#placement [data-employer-search-status]")).not_to_be_empty()
    search.press("Tab")  # the search button
    werkbedrijf.keyboard.press("Tab")  # the first match
    werkbedrijf.keyboard.press("Space")
    expect(option).to_be_checked()
    # Searching again keeps the employer already chosen, checked, above the new matches.
    search.fill("schoonmaak")
    options = werkbedrijf.locator("#employer-options input[name=placement-employer]")
    expect(options).to_have_count(2)
    expect(option).to_be_checked()
    placement = werkbedrijf.locator('form[data-form="placement"]')
    placement.locator("select[name=placement-form]").select_option("work_experience")
    placement.locator("input[name=placement-start]").fill(today.isoformat())
    placement.locator("input[name=placement-planned_end]").fill(
        policies.add_months(today, 6).isoformat()
    )
    placement.locator("input[name=placement-hours_per_week]").fill("24")
    placement.locator("button[type=submit]").click()
    expect(
        werkbedrijf.locator('li[data-event="placement"][data-employment-form="work_experience"]')
    ).to_have_count(1)

    _take_step(
        werkbedrijf,
        "at_work",
        lambda form: form.locator("input[name=step-at_work-aftercare]").check(),
    )
    _take_step(werkbedrijf, "outflow")
    expect(werkbedrijf.locator("article[data-candidate-page]")).to_have_attribute(
        "data-active", "false"
    )
    expect(werkbedrijf.locator("form[data-step]")).to_have_count(0)
    for phase in ("welcome", "intake", "further_diagnosis", "main_route", "at_work", "outflow"):
        expect(
            werkbedrijf.locator(f'li[data-event="step"][data-to-phase="{phase}"]')
        ).to_have_count(1)

    # --- the consultant returns a second candidate to the municipality ---
    werkbedrijf.goto(
        live_server.url + reverse("candidates:candidate", kwargs={"uuid": second.candidate.uuid})
    )

    def give_reason(form):
        form.locator("textarea[name=step-returned-reason]").fill(
            "Eerst schuldhulp en zorg; werk is nu niet haalbaar."
        )
        form.locator("input[name=step-returned-warm_handover]").check()

    _take_step(werkbedrijf, "returned", give_reason)
    expect(werkbedrijf.locator("[data-returned]")).to_have_attribute("data-warm-handover", "true")

    # --- the case manager sees that return on the Inkomen screen ---
    municipal.goto(live_server.url + reverse("candidates:income"))
    returned = municipal.locator(f'tr[data-return="{second.uuid}"]')
    expect(returned).to_have_attribute("data-warm-handover", "true")
    expect(returned.locator("[data-return-reason]")).not_to_be_empty()
    expect(returned.locator(f'a[href$="/kandidaten/{second.candidate.uuid}/"]')).to_have_count(1)

    first = Trajectory.objects.get(candidate=candidate)
    assert first.phase == "outflow" and first.placements.get().form == "work_experience"
    assert first.notes.count() == 1 and first.business_consultant == consultant
    second.refresh_from_db()
    assert second.phase == "returned" and second.return_warm_handover
    # No script or style was blocked by the content security policy, and nothing failed.
    assert municipal.console_problems == [] and werkbedrijf.console_problems == []
