"""Shared test fixtures: the reference organisations, staff of every role, logged-in clients."""

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from werkbedrijf.accounts.models import Role
from werkbedrijf.accounts.services import add_backup_codes, create_staff_account
from werkbedrijf.reference_data import organisations as orgs


@pytest.fixture
def region(db):
    return orgs.load_organisations()


@pytest.fixture
def nijmegen(region):
    return orgs.municipality("GM0268")


@pytest.fixture
def wijchen(region):
    return orgs.municipality("GM0296")


@pytest.fixture
def werkbedrijf_org(region):
    return orgs.werkbedrijf()


@pytest.fixture
def mgr_org(region):
    return orgs.mgr()


@pytest.fixture
def make_user(region):
    """make_user(role, organisation) -> a staff account with that role and a backup code."""
    counter = {"n": 0}

    def make(role: str, organisation, username: str | None = None):
        counter["n"] += 1
        user = create_staff_account(
            username=username
            or f"{role}-{organisation.cbs_code or organisation.kind}-{counter['n']}",
            organisation=organisation,
            roles=[role],
            password="correct horse battery staple",
        )
        add_backup_codes(user, [f"{counter['n']:08d}"])
        return user

    return make


def verified_client(user) -> Client:
    """A client logged in with both factors, as after the real two-step login."""
    client = Client()
    client.force_login(user, backend="werkbedrijf.accounts.backends.StaffBackend")
    device = StaticDevice.objects.filter(user=user).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for():
    return verified_client


@pytest.fixture
def policy_adviser_nijmegen(make_user, nijmegen):
    return make_user(Role.POLICY_ADVISER, nijmegen)


@pytest.fixture
def policy_adviser_wijchen(make_user, wijchen):
    return make_user(Role.POLICY_ADVISER, wijchen)


@pytest.fixture
def case_manager(make_user, nijmegen):
    """A municipal Inkomen case manager of Nijmegen."""
    return make_user(Role.INCOME_CASE_MANAGER, nijmegen)


@pytest.fixture
def dvo_admin(make_user, werkbedrijf_org):
    return make_user(Role.DVO_ADMIN, werkbedrijf_org)


@pytest.fixture
def consultant(make_user, werkbedrijf_org):
    return make_user(Role.CONSULTANT, werkbedrijf_org)


@pytest.fixture
def board_member(make_user, mgr_org):
    return make_user(Role.BOARD_MEMBER, mgr_org)


@pytest.fixture
def functional_admin(make_user, werkbedrijf_org):
    return make_user(Role.FUNCTIONAL_ADMIN, werkbedrijf_org)


@pytest.fixture
def reference_dvo(region):
    """The DVO 2024-2025, 2021-2022 and the 2026-2027 draft, as loaded from the documents."""
    from werkbedrijf.reference_data.loader import load_reference_data

    load_reference_data()
    from werkbedrijf.agreements.models import AgreementVersion

    return AgreementVersion.objects.get(title="DVO 2024-2025")


@pytest.fixture
def draft_dvo(region, nijmegen, wijchen):
    """A draft DVO 2024-2025 look-alike for composing: a small card, budgets for two municipalities.

    Nijmegen € 100.000 and Wijchen € 50.000 in both years; no choices yet.
    """
    from werkbedrijf.agreements.testing import build_draft_dvo

    return build_draft_dvo(region, nijmegen, wijchen)
