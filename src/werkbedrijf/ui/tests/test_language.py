"""The interface is Dutch whatever language the browser asks for."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_browser_set_to_english_gets_the_login_page_in_dutch(client):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl"' in html
    assert "Direct naar de inhoud" in html and "Skip to content" not in html


def test_a_browser_set_to_english_gets_the_screens_in_dutch(client_for, consultant):
    response = client_for(consultant).get(reverse("start:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert ">Uitloggen<" in html and ">Log out<" not in html
    assert response.get("Content-Language", "nl") == "nl"
