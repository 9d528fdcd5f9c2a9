"""The demo: an account for every role at every organisation it fits, logging in with the printed
password and backup code; safe to run twice; refused outside development."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.models import ROLE_ORGANISATION_KINDS, Role, User
from werkbedrijf.demo.management.commands.seed_demo import (
    DEMO_PASSWORD,
    demo_backup_code,
)
from werkbedrijf.organisations.models import Organisation


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_every_role_at_every_organisation_it_fits_has_a_demo_account(seeded):
    for organisation in Organisation.objects.all():
        for role, kinds in ROLE_ORGANISATION_KINDS.items():
            if organisation.kind not in kinds:
                continue
            assert User.objects.filter(
                organisation=organisation, role_assignments__role=role
            ).exists(), f"no demo {role} at {organisation}"


def test_the_demo_accounts_are_named_after_role_and_municipality(seeded):
    assert User.objects.get(username="beleid.nijmegen").role_set == {Role.POLICY_ADVISER}
    assert User.objects.get(username="inkomen.wijchen").organisation.cbs_code == "GM0296"
    assert User.objects.get(username="beleid.berg-en-dal").organisation.name == "Berg en Dal"
    assert User.objects.get(username="bestuur.mgr").role_set == {Role.BOARD_MEMBER}
    assert User.objects.get(username="privacy.nijmegen").role_set == {Role.PRIVACY_OFFICER}
    assert User.objects.get(username="privacy.werkbedrijf").organisation.kind == "werkbedrijf"
    assert User.objects.get(username="keten.wijchen").role_set == {Role.CHAIN_PARTNER}
    assert User.objects.get(username="keten.nijmegen").team.name == "Buurtteam Nijmegen"
    manager = User.objects.get(username="teamleider.werkbedrijf")
    assert manager.role_set == {Role.MANAGER}
    assert manager.team is not None
    assert manager.team == User.objects.get(username="consulent.werkbedrijf").team
    assert User.objects.filter(username__contains=".").count() == 7 * 4 + 6


def test_the_table_prints_every_login(seeded):
    assert "DEMO" in seeded
    for user in User.objects.all():
        line = next(line for line in seeded.splitlines() if line.startswith(user.username + " "))
        assert DEMO_PASSWORD in line and demo_backup_code(user.username) in line


def test_a_demo_account_logs_in_with_the_printed_password_and_code(seeded):
    client = Client()
    response = client.post(
        "/accounts/inloggen/", {"username": "beleid.wijchen", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    response = client.post(
        "/accounts/tweede-factor/", {"token": demo_backup_code("beleid.wijchen")}
    )
    assert response.status_code == 302
    assert client.get("/dvo/").status_code == 200


def test_a_demo_account_also_has_an_authenticator_key(seeded):
    device = TOTPDevice.objects.get(user__username="dvobeheer.werkbedrijf")
    client = Client()
    client.post(
        "/accounts/inloggen/", {"username": "dvobeheer.werkbedrijf", "password": DEMO_PASSWORD}
    )
    client.post("/accounts/tweede-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.get("/beheer/").status_code == 200


def test_running_it_twice_changes_nothing_but_restores_the_codes(seeded, settings):
    user = User.objects.get(username="inkomen.druten")
    user.set_password("iets anders 123")
    user.save()
    user.staticdevice_set.get().token_set.all().delete()
    count = User.objects.count()
    call_command("seed_demo", stdout=StringIO())
    user.refresh_from_db()
    assert User.objects.count() == count
    assert user.check_password(DEMO_PASSWORD)
    assert (
        user.staticdevice_set.get()
        .token_set.filter(token=demo_backup_code("inkomen.druten"))
        .exists()
    )
    assert user.role_set == {Role.INCOME_CASE_MANAGER}
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_other_accounts_are_left_alone(seeded, make_user, nijmegen):
    other = make_user(Role.POLICY_ADVISER, nijmegen, username="echte.collega")
    password = other.password
    call_command("seed_demo", stdout=StringIO())
    other.refresh_from_db()
    assert other.password == password


def test_it_refuses_to_run_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(username="beleid.nijmegen").exists()


def test_force_runs_it_anyway(db, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force", stdout=StringIO())
    assert User.objects.filter(username="beleid.nijmegen").exists()
