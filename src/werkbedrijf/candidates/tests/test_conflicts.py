"""Two consultants on one candidate's page: a step or a handover made on a page someone else has
moved on since is refused with a Dutch message that says where things are now, keeps what was
typed, and writes nothing. (With real threads and row locks: tests/test_concurrent_edits.py.)"""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import policies, selectors, services
from werkbedrijf.candidates.models import ContactAssignment, JourneyStep
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import page_with_forms
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(make_user, nijmegen):
    return services.refer_candidate(
        actor=make_user(Role.INCOME_CASE_MANAGER, nijmegen),
        municipality=nijmegen,
        person=PersonInput(nth_test_bsn(11), "Noor", "Bakker", date(1988, 2, 3)),
        referred_on=date(2026, 1, 5),
    )


@pytest.fixture
def colleague(make_user, werkbedrijf_org):
    return make_user(Role.CONSULTANT, werkbedrijf_org)


def page_of(client, trajectory) -> str:
    """The candidate's page with its folded forms, as a browser has them once opened."""
    url = reverse("candidates:candidate", kwargs={"uuid": trajectory.candidate.uuid})
    return page_with_forms(client, url)


def hidden(html: str, name: str) -> str:
    """The value of a hidden input ("" when it has none: Django leaves out an empty value)."""
    (value,) = re.findall(rf'<input type="hidden" name="{name}"(?: value="([^"]*)")?', html)
    return value


def step_url(trajectory, target):
    return reverse("candidates:take_step", kwargs={"uuid": trajectory.uuid, "target": target})


def test_a_step_on_a_journey_that_moved_on_is_refused_and_says_where_it_is(
    client_for, consultant, colleague, referred
):
    one, other = client_for(consultant), client_for(colleague)
    version = hidden(page_of(other, referred), "step-intake-version")
    page_of(one, referred)

    taken = one.post(
        step_url(referred, "welcome"),
        {"step-welcome-version": version, "step-welcome-occurred_on": "2026-01-20"},
    )
    assert taken.status_code == 302
    # welcome → intake would be allowed, so only the version stops this from stacking silently.
    refused = other.post(
        step_url(referred, "intake"),
        {
            "step-intake-version": version,
            "step-intake-occurred_on": "2026-01-21",
            "step-intake-reason": "Intake gepland met tolk",
        },
    )

    assert refused.status_code == 409
    html = refused.content.decode()
    with translation.override("nl"):
        welcome = str(policies.phase_label("welcome"))
    assert (
        escape(
            "Iemand anders heeft een stap gezet nadat u de pagina opende: het traject staat nu in "
            f"de fase “{welcome}” (sinds 20-01-2026). Uw stap is niet opgeslagen."
        )
        in html
    )
    assert "Intake gepland met tolk" in html  # what was typed is still there
    referred.refresh_from_db()
    assert referred.phase == "welcome"
    assert list(
        JourneyStep.objects.filter(trajectory=referred).values_list("to_phase", flat=True)
    ) == [
        "referred",
        "welcome",
    ]
    # The refused form now carries the version just shown: a deliberate second try passes.
    newer = hidden(html, "step-intake-version")
    assert int(newer) == referred.lock_version
    again = other.post(
        step_url(referred, "intake"),
        {"step-intake-version": newer, "step-intake-occurred_on": "2026-01-21"},
    )
    assert again.status_code == 302
    referred.refresh_from_db()
    assert referred.phase == "intake"


def test_a_handover_on_top_of_a_newer_one_is_refused_and_names_the_contact_person(
    client_for, consultant, colleague, make_user, werkbedrijf_org, referred
):
    third = make_user(Role.CONSULTANT, werkbedrijf_org)
    third.first_name, third.last_name = "Fatima", "El Amrani"
    third.save()
    url = reverse("candidates:assign_contact", kwargs={"uuid": referred.candidate.uuid})
    one, other = client_for(consultant), client_for(colleague)
    current = hidden(page_of(one, referred), "contact-current")
    assert current == hidden(page_of(other, referred), "contact-current") == ""  # no one yet

    first = {"contact-current": current, "contact-contact": str(third.uuid)}
    assert one.post(url, first).status_code == 302
    second = {
        "contact-current": current,
        "contact-contact": str(colleague.uuid),
        "contact-note": "Ik ken haar van eerder",
    }
    refused = other.post(url, second)

    assert refused.status_code == 409
    html = refused.content.decode()
    assert "het aanspreekpunt is nu Fatima El Amrani" in html
    assert "Uw overdracht is niet opgeslagen." in html
    assert "Ik ken haar van eerder" in html
    assert selectors.current_contact(referred.candidate).contact == third
    assert ContactAssignment.objects.filter(candidate=referred.candidate).count() == 1
    # Deliberately again, on the state just shown: the handover is made.
    newer = hidden(html, "contact-current")
    assert newer == str(selectors.current_contact(referred.candidate).uuid)
    assert other.post(url, dict(second, **{"contact-current": newer})).status_code == 302
    assert selectors.current_contact(referred.candidate).contact == colleague
