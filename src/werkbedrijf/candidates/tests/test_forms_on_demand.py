"""The forms of the candidate's closed sections are fetched when a section is opened (htmx), or
shown on a page of their own without JavaScript; the page itself renders none of them."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import ON_DEMAND, page_with_forms
from werkbedrijf.processing_log.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def referred(case_manager, nijmegen):
    return services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput("999990019", "Ådne", "Çelik", date(1990, 5, 1), extra={"refugee": True}),
        referred_on=date(2026, 1, 5),
    )


def _form_url(trajectory, slug):
    return reverse(
        "candidates:candidate_form", kwargs={"uuid": trajectory.candidate.uuid, "slug": slug}
    )


def _page(client, trajectory) -> str:
    url = reverse("candidates:candidate", kwargs={"uuid": trajectory.candidate.uuid})
    return client.get(url).content.decode()


def test_the_page_renders_no_folded_form_but_a_link_to_each(client_for, consultant, referred):
    client = client_for(consultant)
    html = _page(client, referred)
    slugs = [m.group(1) for m in ON_DEMAND.finditer(html)]
    assert {"note", "ladder", "activity", "placement", "instrument", "signal", "talk"} <= set(slugs)
    assert {"contact", "assessment", "step-welcome", "step-returned"} <= set(slugs)
    folded = {"note", "ladder", "activity", "placement", "instrument", "signal", "talk"}
    folded |= {"contact", "assessment", "step-welcome", "step-returned", "at_work"}
    assert not set(re.findall(r'data-form="([^"]+)"', html)) & folded
    assert 'name="note-text"' not in html and "data-employer-search" not in html
    # Without JavaScript each is a link to the form's own page.
    for slug in slugs:
        assert f'href="{_form_url(referred, slug)}"' in html


def test_each_folded_form_comes_as_its_body_for_htmx_and_as_a_page_without(
    client_for, consultant, referred
):
    client = client_for(consultant)
    for slug in [m.group(1) for m in ON_DEMAND.finditer(_page(client, referred))]:
        fragment = client.get(_form_url(referred, slug), headers=HTMX)
        assert fragment.status_code == 200, slug
        assert "HX-Request" in fragment["Vary"]
        body = fragment.content.decode()
        assert "<html" not in body and '<form method="post"' in body, slug
        assert 'name="csrfmiddlewaretoken"' in body
        page = client.get(_form_url(referred, slug))
        assert page.status_code == 200
        html = page.content.decode()
        assert "<html" in html and "data-back-to-candidate" in html
        assert '<form method="post"' in html


def test_the_note_form_on_its_own(client_for, consultant, referred):
    client = client_for(consultant)
    body = client.get(_form_url(referred, "note"), headers=HTMX).content.decode()
    assert 'data-form="note"' in body and 'name="note-text"' in body
    action = reverse("candidates:add_note", kwargs={"uuid": referred.uuid})
    assert f'action="{action}"' in body
    page = client.get(_form_url(referred, "note")).content.decode()
    with translation.override("nl"):
        title = translation.gettext("Write an intake note")
    assert f"<title>{title} – " in page and f'<h1 class="utrecht-heading-1">{title} ' in page
    # The form posts as on the page and comes back to the candidate's page.
    response = client.post(
        action, {"note-theme": "current", "note-text": "x", "note-written_on": "2026-02-01"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "candidates:candidate", kwargs={"uuid": referred.candidate.uuid}
    )


def test_a_refused_form_is_shown_open_on_the_page(client_for, consultant, referred):
    client = client_for(consultant)
    action = reverse("candidates:add_note", kwargs={"uuid": referred.uuid})
    response = client.post(action, {"note-theme": "current", "note-text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-form="note"' in html and 'data-form-on-demand="note"' not in html
    assert 'data-form-on-demand="ladder"' in html  # the others stay folded


def test_a_form_the_page_does_not_offer_is_not_found(
    client_for, case_manager, make_user, wijchen, referred
):
    client = client_for(case_manager)
    html = _page(client, referred)
    slugs = {m.group(1) for m in ON_DEMAND.finditer(html)}
    assert "note" not in slugs and {"talk", "contact"} <= slugs
    assert client.get(_form_url(referred, "note"), headers=HTMX).status_code == 404
    assert client.get(_form_url(referred, "step-welcome")).status_code == 404
    assert client.get(_form_url(referred, "nothing")).status_code == 404
    assert client.get(_form_url(referred, "talk"), headers=HTMX).status_code == 200
    # Another municipality's case manager sees neither the page nor its forms.
    other = client_for(make_user(Role.INCOME_CASE_MANAGER, wijchen))
    assert other.get(_form_url(referred, "talk"), headers=HTMX).status_code == 404


def test_opening_a_form_is_logged_as_a_read_of_the_candidate(client_for, consultant, referred):
    client = client_for(consultant)
    reads = ProcessingLogEntry.objects.filter(actor=consultant, action="read")
    before = reads.count()
    client.get(_form_url(referred, "contact"), headers=HTMX)
    assert reads.count() == before + 1


def test_the_page_with_its_forms_holds_every_form(client_for, consultant, referred):
    client = client_for(consultant)
    url = reverse("candidates:candidate", kwargs={"uuid": referred.candidate.uuid})
    html = page_with_forms(client, url)
    for name in ("note", "ladder", "activity", "placement", "instrument", "signal", "talk"):
        assert f'data-form="{name}"' in html, name
    assert 'data-step="welcome"' in html and 'data-form="assessment"' in html
