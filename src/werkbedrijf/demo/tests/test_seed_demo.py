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


def _printed_logins(output: str) -> dict[str, str]:
    """{username: the rest of its line} of every printed account line."""
    usernames = set(User.objects.values_list("username", flat=True))
    logins = {}
    for line in output.splitlines():
        for word in line.split():
            if word in usernames:
                logins[word] = line
    return logins


def test_the_short_list_prints_one_login_for_every_role_in_dutch(seeded):
    assert f"Wachtwoord van elk account: {DEMO_PASSWORD}" in seeded
    logins = _printed_logins(seeded)
    for role in Role:
        assert any(role in User.objects.get(username=username).role_set for username in logins), (
            f"no login printed for {role}"
        )
    for username, line in logins.items():
        assert demo_backup_code(username) in line
    assert "teamleider.werkbedrijf" in logins and "keten.nijmegen" in logins
    assert "beleid.wijchen" not in logins  # other municipalities: named by pattern
    assert "keten.<gemeente>" in seeded and "seed_demo --all" in seeded


def test_all_prints_every_login(db, settings, seeded):
    out = StringIO()
    call_command("seed_demo", "--all", stdout=out)
    logins = _printed_logins(out.getvalue())
    assert set(logins) == set(User.objects.values_list("username", flat=True))
    for username, line in logins.items():
        assert demo_backup_code(username) in line


def test_verbosity_0_prints_nothing(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", verbosity=0, stdout=out)
    assert out.getvalue() == ""


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
