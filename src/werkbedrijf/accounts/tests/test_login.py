"""The two-step login: password, then a code; lock-out; expiring sessions; setting up an app."""

import base64
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.models import Role
from werkbedrijf.accounts.services import add_totp_device, create_staff_account

PASSWORD = "correct horse battery staple"
LOGIN = "/accounts/inloggen/"
VERIFY = "/accounts/tweede-factor/"
SETUP = "/accounts/tweede-factor/instellen/"


def password_step(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": user.username, "password": password, **extra})


def backup_code(user) -> str:
    return StaticToken.objects.filter(device__user=user).values_list("token", flat=True).first()


def logged_in_with_password_only(user) -> Client:
    client = Client()
    response = password_step(client, user)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    return client


@pytest.fixture
def adviser(policy_adviser_nijmegen):
    return policy_adviser_nijmegen


# --- two factors ---------------------------------------------------------------------------------


def test_password_then_backup_code_logs_in(adviser):
    client = logged_in_with_password_only(adviser)
    response = client.post(VERIFY, {"token": backup_code(adviser), "next": "/dvo/"})
    assert response.status_code == 302 and response.url == "/dvo/"
    assert client.get("/dvo/").status_code == 200


def test_password_then_totp_code_logs_in(adviser):
    device = add_totp_device(adviser)
    client = logged_in_with_password_only(adviser)
    response = client.post(VERIFY, {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_backup_code_works_only_once(adviser):
    add_totp_device(adviser)
    code = backup_code(adviser)
    first = logged_in_with_password_only(adviser)
    assert first.post(VERIFY, {"token": code}).status_code == 302
    second = logged_in_with_password_only(adviser)
    response = second.post(VERIFY, {"token": code})
    assert response.status_code == 400
    assert second.get("/").status_code == 302


def test_used_up_backup_codes_do_not_let_the_password_alone_set_up_a_new_app(adviser):
    first = logged_in_with_password_only(adviser)
    assert first.post(VERIFY, {"token": backup_code(adviser)}).status_code == 302
    second = logged_in_with_password_only(adviser)
    assert second.get(SETUP).url.startswith(VERIFY)
    page = second.get(VERIFY)
    assert page.status_code == 200 and page.context["used_up"]
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert second.get("/").status_code == 302


def test_a_wrong_code_is_refused(adviser):
    client = logged_in_with_password_only(adviser)
    response = client.post(VERIFY, {"token": "99999999"})
    assert response.status_code == 400
    assert response.context["form"].errors["token"]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(adviser):
    response = password_step(Client(), adviser, password="wrong password 123")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_an_inactive_account_cannot_log_in(adviser):
    adviser.is_active = False
    adviser.save()
    assert password_step(Client(), adviser).status_code == 400


def test_next_must_stay_on_this_site(adviser):
    client = logged_in_with_password_only(adviser)
    response = client.post(VERIFY, {"token": backup_code(adviser), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("start:home")


# --- the password alone reaches nothing ----------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/dvo/", "/beheer/", "/beheer/accounts/user/"])
def test_password_alone_reaches_no_page_nor_the_admin(functional_admin, path):
    client = logged_in_with_password_only(functional_admin)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_password_alone_reaches_no_api(adviser):
    client = logged_in_with_password_only(adviser)
    response = client.get("/api/v1/agreements")
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_visitors_of_the_admin_are_sent_to_the_login(db):
    response = Client().get("/beheer/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "accounts/login.html" in [t.name for t in response.templates]


# --- lock-out (django-axes, per username) --------------------------------------------------------


def test_after_five_wrong_passwords_the_right_one_is_refused(adviser, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(5):
        response = password_step(client, adviser, password="wrong password 123")
    response = password_step(client, adviser)
    assert response.status_code in (403, 429)
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_the_lock_out_is_per_username_not_per_address(adviser, make_user, nijmegen):
    colleague = make_user(Role.POLICY_ADVISER, nijmegen)
    client = Client()
    for _ in range(5):
        password_step(client, adviser, password="wrong password 123")
    assert password_step(client, colleague).status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(adviser):
    client = Client()
    for _ in range(4):
        password_step(client, adviser, password="wrong password 123")
    assert password_step(client, adviser).status_code == 302


# --- sessions expire -----------------------------------------------------------------------------


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_an_idle_session_expires(adviser, client_for, settings):
    client = client_for(adviser)
    assert client.get("/").status_code == 200
    _age_session(client, last_seen=settings.SESSION_IDLE_SECONDS + 5)
    response = client.get("/")
    assert response.status_code == 302 and response.url == f"{LOGIN}?expired=1"
    assert client.get("/").status_code == 302  # logged out for good
    assert "_auth_user_id" not in client.session


def test_an_active_session_does_not_expire(adviser, client_for, settings):
    client = client_for(adviser)
    _age_session(client, last_seen=settings.SESSION_IDLE_SECONDS - 60)
    assert client.get("/").status_code == 200


def test_a_session_ends_after_its_absolute_age_however_active(adviser, client_for, settings):
    client = client_for(adviser)
    _age_session(client, session_started=settings.SESSION_COOKIE_AGE + 5, last_seen=1)
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response.url


def test_an_expired_session_makes_the_api_answer_401(adviser, client_for, settings):
    client = client_for(adviser)
    _age_session(client, last_seen=settings.SESSION_IDLE_SECONDS + 5)
    assert client.get("/api/v1/agreements").status_code == 401


def test_the_login_starts_the_session_clock(adviser):
    client = logged_in_with_password_only(adviser)
    assert abs(client.session["session_started"] - time.time()) < 5


def test_the_expired_message_is_shown(db):
    response = Client().get(f"{LOGIN}?expired=1")
    assert response.status_code == 200 and response.context["expired"]


# --- setting up an authenticator app -------------------------------------------------------------


@pytest.fixture
def newcomer(nijmegen):
    return create_staff_account(
        username="nieuw.nijmegen",
        organisation=nijmegen,
        roles=[Role.POLICY_ADVISER],
        password=PASSWORD,
    )


def _setup_secret(client) -> bytes:
    page = client.get(SETUP)
    assert page.status_code == 200
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page.content.decode()).group(1)
    return base64.b32decode(secret)


def test_a_user_without_a_second_factor_sets_up_an_app(newcomer):
    client = Client()
    assert password_step(client, newcomer).status_code == 302
    response = client.get(VERIFY)
    assert response.status_code == 302 and response.url.startswith(SETUP)
    key = _setup_secret(client)
    assert client.get("/").status_code == 302  # not yet
    response = client.post(SETUP, {"token": f"{totp(key):06d}"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert client.get("/").status_code == 200


def test_the_app_is_not_set_up_with_a_wrong_code(newcomer):
    client = Client()
    password_step(client, newcomer)
    key = _setup_secret(client)
    wrong = (totp(key) + 1) % 1_000_000
    response = client.post(SETUP, {"token": f"{wrong:06d}"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_the_backup_codes_from_the_set_up_work(newcomer):
    client = Client()
    password_step(client, newcomer)
    key = _setup_secret(client)
    codes = client.post(SETUP, {"token": f"{totp(key):06d}"}).context["codes"]
    again = logged_in_with_password_only(newcomer)
    assert again.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert again.get("/").status_code == 200


def test_a_user_with_a_second_factor_cannot_set_up_another_one(adviser):
    client = logged_in_with_password_only(adviser)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=adviser).exists()


def test_the_set_up_needs_the_password_step(db):
    response = Client().get(SETUP)
    assert response.status_code == 302 and response.url == LOGIN
