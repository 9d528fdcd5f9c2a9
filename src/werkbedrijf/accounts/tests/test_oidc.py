"""Single sign-on per organisation: only existing active staff, never new accounts or roles; the
provider's MFA counts as the second factor, a password at the provider does not. No network: the
provider's answers are stubbed."""

from unittest import mock

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts import oidc
from werkbedrijf.accounts.models import IdentityProviderDevice, Role, User
from werkbedrijf.accounts.services import create_staff_account

ISSUER = "https://login.nijmegen.example/realms/gemeente"
CLIENT_ID = "werkbedrijf-dvo"
METADATA = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/auth",
    "token_endpoint": f"{ISSUER}/token",
    "userinfo_endpoint": f"{ISSUER}/userinfo",
    "jwks_uri": f"{ISSUER}/certs",
}


@pytest.fixture
def sso_nijmegen(nijmegen, settings):
    settings.OIDC_ENABLED = True
    nijmegen.oidc_enabled = True
    nijmegen.oidc_issuer = ISSUER
    nijmegen.oidc_client_id = CLIENT_ID
    nijmegen.oidc_email_domain = "nijmegen.example"
    nijmegen.save()
    return nijmegen


@pytest.fixture
def anna(sso_nijmegen):
    return create_staff_account(
        username="a.jansen",
        organisation=sso_nijmegen,
        roles=[Role.POLICY_ADVISER],
        password=None,
        email="A.Jansen@Nijmegen.example",
    )


def claims(**overrides):
    base = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "123",
        "email": "a.jansen@nijmegen.example",
        "email_verified": True,
    }
    return {**base, **overrides}


# --- claims to a staff account -------------------------------------------------------------------


def test_the_claims_find_the_staff_account_by_email(anna, sso_nijmegen):
    assert oidc.staff_for_claims(sso_nijmegen, claims()) == anna
    assert oidc.staff_for_claims(sso_nijmegen, claims(aud=["other", CLIENT_ID])) == anna
    assert oidc.staff_for_claims(sso_nijmegen, claims(iss=ISSUER + "/")) == anna


@pytest.mark.parametrize(
    "bad",
    [
        {"iss": "https://login.wijchen.example"},
        {"aud": "another-client"},
        {"email": ""},
        {"email_verified": False},
        {"email": "a.jansen@wijchen.example"},
        {"email": "someone.else@nijmegen.example"},
    ],
)
def test_claims_that_do_not_fit_log_nobody_in(anna, sso_nijmegen, bad):
    assert oidc.staff_for_claims(sso_nijmegen, claims(**bad)) is None


def test_an_inactive_account_is_not_logged_in(anna, sso_nijmegen):
    anna.is_active = False
    anna.save()
    assert oidc.staff_for_claims(sso_nijmegen, claims()) is None


def test_an_account_of_another_organisation_is_not_logged_in(sso_nijmegen, wijchen):
    create_staff_account(
        username="b.wijchen",
        organisation=wijchen,
        roles=[Role.POLICY_ADVISER],
        password=None,
        email="b@nijmegen.example",
    )
    assert oidc.staff_for_claims(sso_nijmegen, claims(email="b@nijmegen.example")) is None


def test_two_accounts_with_one_address_log_nobody_in(anna, sso_nijmegen):
    create_staff_account(
        username="a.jansen2",
        organisation=sso_nijmegen,
        roles=[Role.INCOME_CASE_MANAGER],
        password=None,
        email="a.jansen@nijmegen.example",
    )
    assert oidc.staff_for_claims(sso_nijmegen, claims()) is None


def test_an_organisation_without_sso_logs_nobody_in(anna, sso_nijmegen):
    sso_nijmegen.oidc_enabled = False
    assert oidc.staff_for_claims(sso_nijmegen, claims()) is None


@pytest.mark.parametrize(
    ("token_claims", "mfa"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": "mfa"}, True),
        ({"acr": "http://schemas.openid.net/pape/policies/2007/06/multi-factor"}, True),
        ({"acr": "1"}, False),
        ({}, False),
    ],
)
def test_only_an_asserted_mfa_counts_as_two_factors(token_claims, mfa):
    assert oidc.asserts_mfa(token_claims) is mfa


def test_the_organisation_is_found_by_email_domain(sso_nijmegen):
    assert oidc.organisation_for_email("x@NIJMEGEN.example") == sso_nijmegen
    assert oidc.organisation_for_email("x@wijchen.example") is None
    assert oidc.organisation_for_email("no-address") is None


def test_sso_is_off_unless_enabled(sso_nijmegen, settings):
    settings.OIDC_ENABLED = False
    assert oidc.organisation_for_email("x@nijmegen.example") is None
    assert not oidc.sso_available()


def test_client_secrets_per_provider(settings):
    settings.OIDC_RP_CLIENT_SECRETS = ["werkbedrijf-dvo=s3cret=with=equals", "other=x"]
    settings.OIDC_RP_CLIENT_SECRET = "fallback"
    assert oidc.client_secret_for("werkbedrijf-dvo") == "s3cret=with=equals"
    assert oidc.client_secret_for("unknown") == "fallback"


# --- the backend never creates or changes ---------------------------------------------------------


def _backend(organisation):
    backend = oidc.OrganisationOIDCBackend()
    backend.organisation = organisation
    backend.OIDC_OP_USER_ENDPOINT = None
    return backend


def test_the_backend_never_creates_an_account(sso_nijmegen):
    before = User.objects.count()
    user = _backend(sso_nijmegen).get_or_create_user(
        "at", "it", claims(email="new@nijmegen.example")
    )
    assert user is None
    assert User.objects.count() == before


def test_the_backend_never_changes_names_or_roles(anna, sso_nijmegen):
    user = _backend(sso_nijmegen).get_or_create_user(
        "at", "it", claims(roles=["functional_admin"], given_name="Other", groups=["admins"])
    )
    user.refresh_from_db()
    assert user == anna
    assert user.first_name == "" and user.role_set == frozenset({Role.POLICY_ADVISER})


def test_userinfo_about_another_subject_is_refused(anna, sso_nijmegen):
    from django.core.exceptions import SuspiciousOperation

    backend = _backend(sso_nijmegen)
    backend.OIDC_OP_USER_ENDPOINT = METADATA["userinfo_endpoint"]
    with (
        mock.patch.object(backend, "get_userinfo", return_value={"sub": "999"}),
        pytest.raises(SuspiciousOperation),
    ):
        backend.get_or_create_user("at", "it", claims())


def test_a_password_login_never_reaches_the_backend(anna, rf):
    request = rf.get("/?code=x&state=y")
    assert oidc.OrganisationOIDCBackend().authenticate(request, username="a", password="b") is None


# --- the whole round trip, with the provider stubbed ----------------------------------------------


def _round_trip(token_claims):
    client = Client()
    with mock.patch.object(oidc, "provider_metadata", return_value=METADATA):
        start = client.post(
            "/accounts/organisatie-account/?next=/dvo/", {"email": "a.jansen@nijmegen.example"}
        )
        assert start.status_code == 302 and start.url.startswith(METADATA["authorization_endpoint"])
        assert "login_hint=a.jansen%40nijmegen.example" in start.url
        state = next(iter(client.session["oidc_states"]))
        nonce = client.session["oidc_states"][state]["nonce"]
        payload = {**claims(), "nonce": nonce, **token_claims}
        with (
            mock.patch.object(
                oidc.OrganisationOIDCBackend,
                "get_token",
                return_value={"id_token": "id", "access_token": "access"},
            ),
            mock.patch.object(oidc.OrganisationOIDCBackend, "verify_token", return_value=payload),
            mock.patch.object(
                oidc.OrganisationOIDCBackend,
                "get_userinfo",
                return_value={"sub": "123", "email": "a.jansen@nijmegen.example"},
            ),
        ):
            response = client.get(f"/accounts/organisatie-account/terug/?code=c&state={state}")
    return client, response


def test_sso_with_mfa_at_the_provider_logs_in_with_two_factors(anna):
    client, response = _round_trip({"amr": ["pwd", "mfa"]})
    assert response.status_code == 302 and response.url == "/dvo/"
    assert client.get("/dvo/").status_code == 200
    assert IdentityProviderDevice.objects.get(user=anna).issuer == ISSUER


def test_sso_without_mfa_still_asks_for_the_code(anna):
    client, response = _round_trip({"amr": ["pwd"]})
    assert response.status_code == 302 and response.url.startswith("/accounts/tweede-factor/")
    assert int(client.session["_auth_user_id"]) == anna.pk
    assert client.get("/dvo/").status_code == 302
    # Anna has no app yet: she sets one up, as after a password.
    assert client.get("/accounts/tweede-factor/").url.startswith(
        "/accounts/tweede-factor/instellen/"
    )
    assert not IdentityProviderDevice.objects.filter(user=anna).exists()


def test_sso_for_an_unknown_address_logs_nobody_in(sso_nijmegen):
    client, response = _round_trip({"email": "nobody@nijmegen.example", "amr": ["mfa"]})
    assert response.status_code == 302 and response.url == "/accounts/inloggen/"
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="nobody@nijmegen.example").exists()


def test_the_provider_device_does_not_open_the_code_step(anna):
    IdentityProviderDevice.objects.create(user=anna, issuer=ISSUER, name="idp")
    assert not TOTPDevice.objects.filter(user=anna).exists()
    from werkbedrijf.accounts.views import may_set_up_second_factor

    assert may_set_up_second_factor(anna)


# --- the login page -------------------------------------------------------------------------------


def test_the_login_page_offers_sso_only_when_an_organisation_uses_it(sso_nijmegen, settings):
    page = Client().get("/accounts/inloggen/")
    assert page.context["sso_available"]
    assert b"/accounts/organisatie-account/" in page.content
    settings.OIDC_ENABLED = False
    page = Client().get("/accounts/inloggen/")
    assert not page.context["sso_available"]
    assert b"/accounts/organisatie-account/" not in page.content


def test_sso_urls_answer_404_when_off(db, settings):
    settings.OIDC_ENABLED = False
    assert Client().post("/accounts/organisatie-account/", {"email": "a@b.nl"}).status_code == 404
    assert Client().get("/accounts/organisatie-account/terug/?code=a&state=b").status_code == 404


def test_an_address_of_an_organisation_without_sso_goes_back_to_the_login(sso_nijmegen):
    response = Client().post("/accounts/organisatie-account/", {"email": "x@wijchen.example"})
    assert response.status_code == 302 and response.url.startswith("/accounts/inloggen/")
