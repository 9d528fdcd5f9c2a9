"""The admin (/beheer/): the same two-factor login, access decided by access.policy."""

import pytest
from django.utils import translation
from django.utils.html import escape
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.accounts.services import add_totp_device

USERS = "/beheer/accounts/user/"


def change_url(user):
    return f"{USERS}{user.pk}/change/"


def role_form(user, organisation, roles, existing=()):
    """The POST of the change form of ``user`` with the given organisation and roles."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organisation": organisation.pk,
        "team": "",
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": str(len(existing) + len(roles)),
        "role_assignments-INITIAL_FORMS": str(len(existing)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    for i, assignment in enumerate(existing):
        data[f"role_assignments-{i}-id"] = assignment.pk
        data[f"role_assignments-{i}-user"] = user.pk
        data[f"role_assignments-{i}-role"] = assignment.role
    for j, role in enumerate(roles, start=len(existing)):
        data[f"role_assignments-{j}-role"] = role
        data[f"role_assignments-{j}-user"] = user.pk
    return data


def test_a_policy_adviser_gets_no_admin(client_for, policy_adviser_nijmegen):
    client = client_for(policy_adviser_nijmegen)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    assert client.get(USERS, follow=True).status_code == 403


@pytest.mark.parametrize("fixture", ["consultant", "board_member", "policy_adviser_wijchen"])
def test_other_roles_get_no_admin_either(request, client_for, fixture):
    user = request.getfixturevalue(fixture)
    assert client_for(user).get("/beheer/", follow=True).status_code == 403


def test_a_functional_administrator_sees_all_staff(
    client_for, functional_admin, policy_adviser_nijmegen, dvo_admin
):
    response = client_for(functional_admin).get(USERS)
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert {policy_adviser_nijmegen, dvo_admin, functional_admin} <= shown
    with translation.override("nl"):
        assert str(escape(Role.POLICY_ADVISER.label)) in response.content.decode()


def test_a_dvo_administrator_sees_only_colleagues_of_their_organisation(
    client_for, dvo_admin, consultant, policy_adviser_nijmegen
):
    client = client_for(dvo_admin)
    assert client.get("/beheer/").status_code == 200
    response = client.get(USERS)
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert consultant in shown and dvo_admin in shown
    assert policy_adviser_nijmegen not in shown
    other = client.get(change_url(policy_adviser_nijmegen))
    assert other.status_code == 302 and other.url == "/beheer/"  # "does not exist"


def test_a_dvo_administrator_cannot_change_staff(client_for, dvo_admin, consultant):
    client = client_for(dvo_admin)
    page = client.get(change_url(consultant))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    data = role_form(consultant, consultant.organisation, [Role.DVO_ADMIN])
    assert client.post(change_url(consultant), data).status_code == 403
    assert consultant.role_set == frozenset({Role.CONSULTANT})
    assert client.get(f"{USERS}add/").status_code == 403


def test_a_dvo_administrator_can_browse_the_agreements_admin(client_for, dvo_admin):
    response = client_for(dvo_admin).get("/beheer/")
    assert response.status_code == 200
    apps = {app["app_label"] for app in response.context["app_list"]}
    assert "agreements" in apps


def test_a_functional_administrator_gives_a_role_that_fits(
    client_for, functional_admin, policy_adviser_nijmegen, nijmegen
):
    existing = list(policy_adviser_nijmegen.role_assignments.all())
    data = role_form(
        policy_adviser_nijmegen, nijmegen, [Role.INCOME_CASE_MANAGER], existing=existing
    )
    response = client_for(functional_admin).post(change_url(policy_adviser_nijmegen), data)
    assert response.status_code == 302, response.context["errors"]
    user = User.objects.get(pk=policy_adviser_nijmegen.pk)
    assert user.role_set == frozenset({Role.POLICY_ADVISER, Role.INCOME_CASE_MANAGER})


def test_a_role_that_does_not_fit_the_organisation_is_refused(
    client_for, functional_admin, policy_adviser_nijmegen, nijmegen
):
    existing = list(policy_adviser_nijmegen.role_assignments.all())
    data = role_form(policy_adviser_nijmegen, nijmegen, [Role.DVO_ADMIN], existing=existing)
    response = client_for(functional_admin).post(change_url(policy_adviser_nijmegen), data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors().as_data()
    assert [e.code for e in errors] == ["role_not_for_organisation"]
    assert User.objects.get(pk=policy_adviser_nijmegen.pk).role_set == frozenset(
        {Role.POLICY_ADVISER}
    )


def test_moving_an_account_to_another_kind_of_organisation_checks_its_roles(
    client_for, functional_admin, policy_adviser_nijmegen, werkbedrijf_org
):
    existing = list(policy_adviser_nijmegen.role_assignments.all())
    data = role_form(policy_adviser_nijmegen, werkbedrijf_org, [], existing=existing)
    response = client_for(functional_admin).post(change_url(policy_adviser_nijmegen), data)
    assert response.status_code == 200
    assert User.objects.get(pk=policy_adviser_nijmegen.pk).organisation.cbs_code == "GM0268"


def test_a_functional_administrator_adds_an_account(client_for, functional_admin, wijchen):
    data = {
        "username": "nieuw.wijchen",
        "usable_password": "false",
        "password1": "",
        "password2": "",
        "first_name": "Nieuw",
        "last_name": "Wijchen",
        "email": "nieuw@wijchen.example",
        "organisation": wijchen.pk,
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": "1",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-role": Role.POLICY_ADVISER,
    }
    response = client_for(functional_admin).post(f"{USERS}add/", data)
    assert response.status_code == 302, response.context["errors"]
    user = User.objects.get(username="nieuw.wijchen")
    assert user.organisation == wijchen and user.role_set == frozenset({Role.POLICY_ADVISER})
    assert not user.has_usable_password()


def test_an_account_needs_an_organisation(client_for, functional_admin):
    data = {
        "username": "zonder.organisatie",
        "usable_password": "false",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    response = client_for(functional_admin).post(f"{USERS}add/", data)
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="zonder.organisatie").exists()


def test_resetting_the_second_factor_makes_the_user_set_up_an_app_again(
    client_for, functional_admin, policy_adviser_nijmegen
):
    add_totp_device(policy_adviser_nijmegen)
    response = client_for(functional_admin).post(
        USERS,
        {"action": "reset_second_factor", "_selected_action": [policy_adviser_nijmegen.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=policy_adviser_nijmegen).exists()
    assert not StaticDevice.objects.filter(user=policy_adviser_nijmegen).exists()


def test_a_dvo_administrator_cannot_reset_second_factors(client_for, dvo_admin, consultant):
    client_for(dvo_admin).post(
        USERS, {"action": "reset_second_factor", "_selected_action": [consultant.pk]}
    )
    assert StaticDevice.objects.filter(user=consultant).exists()


def test_a_functional_administrator_unlocks_a_locked_account(
    client_for, functional_admin, policy_adviser_nijmegen
):
    from django.test import Client

    client = Client()
    login = {"username": policy_adviser_nijmegen.username, "password": "wrong password 123"}
    for _ in range(5):
        client.post("/accounts/inloggen/", login)
    login["password"] = "correct horse battery staple"
    assert client.post("/accounts/inloggen/", login).status_code == 429
    client_for(functional_admin).post(
        USERS, {"action": "unlock", "_selected_action": [policy_adviser_nijmegen.pk]}
    )
    assert client.post("/accounts/inloggen/", login).status_code == 302


@pytest.mark.parametrize("view", ["config", "qrcode"])
def test_the_admin_never_shows_a_second_factor_secret(functional_admin, client_for, view):
    """django-otp's device views show the TOTP key and its QR code; they are switched off
    (OTP_ADMIN_HIDE_SENSITIVE_DATA), also for a device id that does not exist (no 500)."""
    device = TOTPDevice.objects.create(user=functional_admin, name="telefoon", confirmed=True)
    client = client_for(functional_admin)
    for pk in (device.pk, 999_999):
        response = client.get(f"/beheer/otp_totp/totpdevice/{pk}/{view}/")
        assert response.status_code == 403
        assert device.key not in response.content.decode()
