"""The session's account read in one statement with its organisation, roles and second factors:
the same account as the ORM's, and every change to it counts from the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.models import IdentityProviderDevice, Role, User
from werkbedrijf.accounts.selectors import signed_in_user
from werkbedrijf.accounts.services import add_totp_device, set_roles
from werkbedrijf.conftest import verified_client

INKOMEN = "/kandidaten/inkomen/"
SKIPPED = {"_state", "_role_cache", "confirmed_devices"}


def fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if k not in SKIPPED}


@pytest.mark.parametrize("with_totp", [False, True])
def test_the_signed_in_user_is_the_orms_user_with_its_organisation_roles_and_devices(
    case_manager, with_totp
):
    if with_totp:
        add_totp_device(case_manager)
        TOTPDevice.objects.create(user=case_manager, name="unconfirmed", confirmed=False)
    IdentityProviderDevice.objects.create(user=case_manager, issuer="https://idp.example")
    set_roles(user=case_manager, roles=[Role.INCOME_CASE_MANAGER, Role.PRIVACY_OFFICER])
    orm = User.objects.get(pk=case_manager.pk)

    read = signed_in_user(case_manager.pk)

    assert fields(read) == fields(orm)
    assert fields(read.organisation) == fields(orm.organisation)
    assert read.role_set == orm.role_set == {Role.INCOME_CASE_MANAGER, Role.PRIVACY_OFFICER}
    if connection.vendor == "postgresql":
        expected = {d.persistent_id for d in devices_for_user(orm, confirmed=True)}
        assert read.confirmed_devices == expected
        assert len(expected) == (3 if with_totp else 2)


def test_an_account_without_organisation_and_an_unknown_id(region, django_user_model):
    admin = django_user_model.objects.create_superuser("bootstrap", password="x" * 16)
    read = signed_in_user(admin.pk)
    assert read.organisation is None and read.role_set == frozenset()
    assert signed_in_user(admin.pk + 1000) is None


def test_a_screen_reads_the_account_with_everything_in_one_statement(case_manager):
    client = verified_client(case_manager)
    client.get(INKOMEN)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INKOMEN).status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    account = [s for s in sql if 'FROM "accounts_user"' in s and "accounts_roleassignment" in s]
    assert len(account) == 1
    assert "otp_static_staticdevice" in account[0] and "organisations_organisation" in account[0]
    # Nothing else about the account itself: its roles, its organisation, its device.
    assert not [s for s in sql if s.startswith('SELECT "accounts_roleassignment"')]
    assert not [s for s in sql if 'FROM "otp_' in s and s is not account[0]]


def test_a_revoked_role_counts_from_the_next_request(case_manager):
    client = verified_client(case_manager)
    assert client.get(INKOMEN).status_code == 200
    set_roles(user=case_manager, roles=[Role.POLICY_ADVISER])
    assert client.get(INKOMEN).status_code == 403


def test_a_granted_role_counts_from_the_next_request(policy_adviser_nijmegen):
    client = verified_client(policy_adviser_nijmegen)
    assert client.get(INKOMEN).status_code == 403
    set_roles(user=policy_adviser_nijmegen, roles=[Role.INCOME_CASE_MANAGER])
    assert client.get(INKOMEN).status_code == 200


def test_a_deactivated_account_is_signed_out_on_the_next_request(case_manager):
    client = verified_client(case_manager)
    assert client.get(INKOMEN).status_code == 200
    User.objects.filter(pk=case_manager.pk).update(is_active=False)
    response = client.get(INKOMEN)
    assert response.status_code == 302 and response.url.startswith("/accounts/inloggen/")


def test_a_removed_second_factor_asks_for_the_second_step_on_the_next_request(case_manager):
    client = verified_client(case_manager)
    assert client.get(INKOMEN).status_code == 200
    StaticDevice.objects.filter(user=case_manager).delete()
    response = client.get(INKOMEN)
    assert response.status_code == 302 and response.url.startswith("/accounts/tweede-factor/")
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_unconfirmed_second_factor_does_not_verify(case_manager):
    client = verified_client(case_manager)
    StaticDevice.objects.filter(user=case_manager).update(confirmed=False)
    response = client.get(INKOMEN)
    assert response.status_code == 302 and response.url.startswith("/accounts/tweede-factor/")


def test_another_accounts_second_factor_does_not_verify(case_manager, consultant):
    client = verified_client(case_manager)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = StaticDevice.objects.get(user=consultant).persistent_id
    session.save()
    response = client.get(INKOMEN)
    assert response.status_code == 302 and response.url.startswith("/accounts/tweede-factor/")


def test_the_verifying_device_is_the_sessions(case_manager, rf):
    from werkbedrijf.accounts.middleware import VerifiedDeviceMiddleware

    device = StaticDevice.objects.get(user=case_manager)
    request = rf.get(INKOMEN)
    request.session = {DEVICE_ID_SESSION_KEY: device.persistent_id}
    request.user = signed_in_user(case_manager.pk)
    VerifiedDeviceMiddleware(lambda r: None)(request)
    assert request.user.is_verified()
    assert request.user.otp_device == device


def test_the_screens_get_the_account_itself_not_its_lazy_wrappers(case_manager, client):
    response = verified_client(case_manager).get(INKOMEN)
    user = response.wsgi_request.user
    assert type(user) is User and user.pk == case_manager.pk and user.is_verified()
    anonymous = client.get(INKOMEN).wsgi_request.user
    assert not anonymous.is_authenticated and not anonymous.is_verified()
