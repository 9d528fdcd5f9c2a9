"""Who may call the API at all, and that every error is application/problem+json."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from werkbedrijf.accounts.services import issue_api_token
from werkbedrijf.api.testing import API, call, problem_of

pytestmark = pytest.mark.django_db


def test_without_login_the_api_answers_401_problem(draft_dvo):
    response = Client().get(f"{API}/agreements")
    body = problem_of(response, 401)
    assert body["instance"] == f"{API}/agreements"
    assert response["WWW-Authenticate"] == "Token"
    assert response["API-Version"] == settings.API_VERSION


def test_a_password_without_the_second_factor_is_not_enough(draft_dvo, policy_adviser_nijmegen):
    client = Client()
    client.force_login(
        policy_adviser_nijmegen, backend="werkbedrijf.accounts.backends.StaffBackend"
    )
    assert client.get(f"{API}/agreements").status_code == 401
    problem_of(call(client, "put", f"{API}/agreements", {}), 401)


def test_a_personal_token_authenticates(draft_dvo, policy_adviser_nijmegen):
    _token, raw = issue_api_token(user=policy_adviser_nijmegen, name="script")
    response = Client().get(f"{API}/agreements", headers={"Authorization": f"Token {raw}"})
    assert response.status_code == 200
    assert [a["title"] for a in response.json()] == ["DVO ontwerp test"]


def test_a_token_s_last_use_is_written_at_most_once_a_minute(draft_dvo, policy_adviser_nijmegen):
    token, raw = issue_api_token(user=policy_adviser_nijmegen, name="script")
    client = Client(headers={"Authorization": f"Token {raw}"})
    start = timezone.now()

    def last_use_after_a_read(at):
        with mock.patch("django.utils.timezone.now", return_value=at):
            assert client.get(f"{API}/agreements").status_code == 200
        token.refresh_from_db()
        return token.last_used_at

    assert last_use_after_a_read(start) == start
    assert last_use_after_a_read(start + timedelta(seconds=59)) == start
    later = start + timedelta(seconds=61)
    assert last_use_after_a_read(later) == later


def test_a_revoked_or_unknown_token_is_refused(draft_dvo, policy_adviser_nijmegen):
    token, raw = issue_api_token(user=policy_adviser_nijmegen, name="script")
    token.revoked = True
    token.save()
    for value in (raw, "made-up"):
        response = Client().get(f"{API}/agreements", headers={"Authorization": f"Token {value}"})
        problem_of(response, 401)


def test_an_unknown_url_under_the_api_is_a_problem(client_for, consultant):
    client = client_for(consultant)
    for url in (f"{API}/nothing-here", f"{API}/agreements/", f"{API}/agreements/not-a-uuid"):
        problem_of(client.get(url), 404)


def test_outside_version_1_the_api_still_answers_problems(client_for, consultant, settings):
    client = client_for(consultant)
    problem_of(client.get("/api/v2/agreements"), 404)
    settings.DEBUG = True  # Django's own debug page would be HTML
    response = client.get("/api/v2/agreements")
    problem_of(response, 404)
    assert response["API-Version"] == settings.API_VERSION


def test_an_unacceptable_format_is_a_problem(client_for, consultant, draft_dvo):
    response = client_for(consultant).get(f"{API}/agreements", headers={"Accept": "text/html"})
    problem_of(response, 406)


def test_a_session_needs_the_csrf_token_to_change(client_for, dvo_admin, draft_dvo):
    client = client_for(dvo_admin)
    client.handler.enforce_csrf_checks = True
    response = call(
        client,
        "post",
        f"{API}/agreements/{draft_dvo.uuid}/transitions",
        {"target": "opinions_requested", "opinionDeadline": "2024-05-01"},
    )
    problem_of(response, 403)
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "draft"


def test_a_method_that_is_not_allowed_is_a_problem(client_for, consultant, draft_dvo):
    response = call(client_for(consultant), "delete", f"{API}/agreements")
    problem_of(response, 405)
    assert "GET" in response["Allow"]


def test_an_unsupported_media_type_is_a_problem(client_for, dvo_admin, draft_dvo):
    response = client_for(dvo_admin).post(
        f"{API}/agreements/{draft_dvo.uuid}/transitions",
        data="target=opinions_requested",
        content_type="application/x-www-form-urlencoded",
    )
    problem_of(response, 415)


def test_malformed_json_is_a_problem(client_for, dvo_admin, draft_dvo):
    response = client_for(dvo_admin).post(
        f"{API}/agreements/{draft_dvo.uuid}/transitions",
        data="{not json",
        content_type="application/json",
    )
    problem_of(response, 400)


def test_a_crash_is_a_problem_without_details(client_for, consultant, draft_dvo):
    client = client_for(consultant)
    client.raise_request_exception = False
    with mock.patch(
        "werkbedrijf.agreements.selectors.agreements_for", side_effect=RuntimeError("secret")
    ):
        response = client.get(f"{API}/agreements")
    body = problem_of(response, 500)
    assert "secret" not in response.content.decode()
    assert body["instance"] == f"{API}/agreements"


def test_the_token_of_a_deactivated_account_is_refused(draft_dvo, policy_adviser_nijmegen):
    _token, raw = issue_api_token(user=policy_adviser_nijmegen, name="script")
    policy_adviser_nijmegen.is_active = False
    policy_adviser_nijmegen.save()
    response = Client().get(f"{API}/agreements", headers={"Authorization": f"Token {raw}"})
    problem_of(response, 401)


def test_the_schema_is_served_to_staff_only(client_for, consultant):
    problem_of(Client().get(f"{API}/schema"), 401)
    response = client_for(consultant).get(f"{API}/schema", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == settings.API_VERSION
    assert {"sessionAuth", "tokenAuth"} <= set(schema["components"]["securitySchemes"])
