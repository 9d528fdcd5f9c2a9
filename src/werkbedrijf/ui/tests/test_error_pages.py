"""Refused, missing and failed requests get a Dutch page in the site's layout with a way back;
the API keeps answering problem+json."""

import uuid

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from werkbedrijf.api.problems import PROBLEM
from werkbedrijf.ui import error_pages

HOME = reverse("start:home")


def _page(response) -> str:
    html = response.content.decode()
    assert '<html lang="nl"' in html and 'class="app-header"' in html  # the base layout
    assert f'href="{HOME}"' in html and "Naar de startpagina" in html
    return html


@pytest.mark.django_db
def test_a_refused_page_is_dutch_with_navigation_and_a_way_back(client_for, dvo_admin):
    response = client_for(dvo_admin).get(reverse("candidates:caseload"))
    assert response.status_code == 403
    html = _page(response)
    assert "Geen toegang" in html and "Forbidden" not in html
    assert ">Uitloggen<" in html and 'class="app-nav__link"' in html


@pytest.mark.django_db
def test_a_form_with_a_stale_csrf_token_is_refused_with_a_dutch_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = _page(response)
    assert "Het formulier kon niet worden verstuurd" in html and "CSRF" not in html


@pytest.mark.django_db
def test_a_missing_page_explains_and_offers_the_home_page(client_for, consultant):
    response = client_for(consultant).get("/bestaat-niet/")
    assert response.status_code == 404
    html = _page(response)
    assert "Pagina niet gevonden" in html and "bestaat niet (meer)" in html
    assert ">Uitloggen<" in html


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_record_shows_our_page_also_in_development(
    settings, client_for, dvo_admin, debug
):
    settings.DEBUG = debug
    client = client_for(dvo_admin)
    for path in ("/bestaat-niet/", reverse("agreements:agreement", args=[uuid.uuid4()])):
        response = client.get(path)
        assert response.status_code == 404, path
        html = _page(response)
        assert "Pagina niet gevonden" in html and "Using the URLconf" not in html, path


@pytest.mark.django_db
def test_in_development_a_path_without_its_slash_is_still_redirected(
    settings, client_for, dvo_admin
):
    settings.DEBUG = True
    response = client_for(dvo_admin).get("/dvo")
    assert response.status_code == 301 and response["Location"] == "/dvo/"


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_api_path_still_answers_problem_json(settings, client, debug):
    settings.DEBUG = debug
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


def test_the_server_error_page_needs_neither_request_context_nor_database():
    # No django_db mark: any query here fails the test.
    response = error_pages.server_error(RequestFactory().get("/dvo/"))
    assert response.status_code == 500
    html = _page(response)
    assert "Er ging iets mis" in html and "Server Error" not in html


def test_a_server_error_on_the_api_is_problem_json():
    response = error_pages.server_error(RequestFactory().get("/api/v1/candidates"))
    assert response.status_code == 500 and response["Content-Type"] == PROBLEM
