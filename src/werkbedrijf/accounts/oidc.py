"""Single sign-on by OpenID Connect, configured per organisation, for existing staff accounts only.

Off unless settings.OIDC_ENABLED is set and an organisation has ``oidc_enabled`` with its issuer,
client id and e-mail domain. The user gives their e-mail address on the login page; its domain picks
the organisation and so the provider. The provider's answer logs in the one active staff account of
that organisation with that e-mail address: it never creates an account and never changes roles
(roles are given in the admin, by a functional administrator). The login counts as two factors only
when the provider asserts multi-factor authentication (``amr``/``acr``); otherwise the user still
enters a code from their authenticator app.

Built on mozilla-django-oidc, whose settings-based single provider is replaced by the organisation's
provider: endpoints from the issuer's discovery document, the client secret from the environment.
"""

from __future__ import annotations

import hashlib
import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import View
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from werkbedrijf.organisations.models import Organisation

from .models import IdentityProviderDevice
from .selectors import signed_in_user

logger = logging.getLogger(__name__)

SESSION_ORGANISATION = "oidc_organisation"
DISCOVERY_CACHE_SECONDS = 3600


# --- which organisation, which provider ---------------------------------------------------------


def email_domain(email: str) -> str:
    _local, at, domain = (email or "").strip().rpartition("@")
    return domain.lower() if at and _local else ""


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation that signs in staff with this e-mail domain through its provider."""
    domain = email_domain(email)
    if not domain or not settings.OIDC_ENABLED:
        return None
    return (
        Organisation.objects.filter(oidc_enabled=True, oidc_email_domain__iexact=domain)
        .exclude(oidc_issuer="")
        .exclude(oidc_client_id="")
        .first()
    )


def sso_available() -> bool:
    return bool(settings.OIDC_ENABLED) and Organisation.objects.filter(oidc_enabled=True).exists()


def _same_issuer(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.rstrip("/") == b.rstrip("/")


def provider_metadata(issuer: str) -> dict:
    """The provider's discovery document (cached); its issuer must be the configured one."""
    key = "oidc-discovery:" + hashlib.sha256(issuer.encode()).hexdigest()
    metadata = cache.get(key)
    if metadata is None:
        response = requests.get(
            issuer.rstrip("/") + "/.well-known/openid-configuration",
            timeout=settings.OIDC_TIMEOUT,
        )
        response.raise_for_status()
        metadata = response.json()
        if not _same_issuer(metadata.get("issuer", ""), issuer):
            raise SuspiciousOperation("OIDC discovery document names another issuer.")
        cache.set(key, metadata, DISCOVERY_CACHE_SECONDS)
    return metadata


def client_secret_for(client_id: str) -> str:
    """OIDC_RP_CLIENT_SECRETS holds ``client_id=secret`` per provider; else OIDC_RP_CLIENT_SECRET."""
    for entry in settings.OIDC_RP_CLIENT_SECRETS:
        name, sep, secret = entry.partition("=")
        if sep and name.strip() == client_id:
            return secret.strip()
    return settings.OIDC_RP_CLIENT_SECRET


# --- claims to a staff account -----------------------------------------------------------------


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def asserts_mfa(claims: dict) -> bool:
    """Did the provider authenticate the user with more than one factor (RFC 8176 ``amr``, or an
    ``acr`` that the configuration names as multi-factor)?"""
    amr = set(_as_list(claims.get("amr")))
    if amr & set(settings.OIDC_MFA_AMR_VALUES):
        return True
    return str(claims.get("acr") or "") in set(settings.OIDC_MFA_ACR_VALUES)


def staff_for_claims(organisation: Organisation, claims: dict):
    """The one active staff account of ``organisation`` these ID-token claims stand for, or None.

    ``claims`` are the verified ID-token claims (issuer, audience) with the e-mail address from the
    token or the userinfo endpoint. Nothing is created or changed here.
    """
    if not organisation.oidc_enabled:
        return None
    if not _same_issuer(str(claims.get("iss") or ""), organisation.oidc_issuer):
        logger.warning("OIDC login refused: token from another issuer")
        return None
    if organisation.oidc_client_id not in _as_list(claims.get("aud")):
        logger.warning("OIDC login refused: token for another client")
        return None
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is False:
        logger.info("OIDC login refused: no verified e-mail address")
        return None
    domain = organisation.oidc_email_domain.strip().lower().lstrip("@")
    if not domain or email_domain(email) != domain:
        logger.info("OIDC login refused: e-mail domain is not the organisation's")
        return None
    users = list(
        get_user_model().objects.filter(
            organisation=organisation, email__iexact=email, is_active=True
        )[:2]
    )
    if len(users) != 1:
        logger.info("OIDC login refused: %s staff accounts match", len(users))
        return None
    return users[0]


def record_provider_mfa(request, user, issuer: str) -> None:
    """Count the provider's multi-factor login as this session's second factor."""
    device, _created = IdentityProviderDevice.objects.get_or_create(
        user=user, issuer=issuer, defaults={"name": issuer[:64], "confirmed": True}
    )
    IdentityProviderDevice.objects.filter(pk=device.pk).update(last_used_at=timezone.now())
    otp_login(request, device)


# --- mozilla-django-oidc, per organisation ------------------------------------------------------


def _session_organisation(request) -> Organisation | None:
    value = request.session.get(SESSION_ORGANISATION)
    if not value:
        return None
    return Organisation.objects.filter(uuid=value, oidc_enabled=True).first()


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates the answer of the organisation's provider (see ``staff_for_claims``).

    Listed in AUTHENTICATION_BACKENDS always, but it does nothing unless OIDC_ENABLED is set and
    the request is the provider's callback: a password login never reaches it.
    """

    def __init__(self, *args, **kwargs):
        # The parent reads one provider from the settings here; ours is chosen per login.
        self.UserModel = get_user_model()
        self.organisation = None

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None:
            return None
        if "username" in kwargs or "password" in kwargs or "nonce" not in kwargs:
            return None
        organisation = _session_organisation(request)
        if organisation is None:
            return None
        try:
            metadata = provider_metadata(organisation.oidc_issuer)
        except (requests.RequestException, ValueError, SuspiciousOperation):
            logger.exception("OIDC provider of %s unavailable", organisation)
            return None
        self.organisation = organisation
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata.get("jwks_uri")
        self.OIDC_RP_CLIENT_ID = organisation.oidc_client_id
        self.OIDC_RP_CLIENT_SECRET = client_secret_for(organisation.oidc_client_id)
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("Userinfo is about another subject than the ID token.")
            for key in ("email", "email_verified"):
                if key not in claims and key in userinfo:
                    claims[key] = userinfo[key]
        user = staff_for_claims(self.organisation, claims)
        if user is not None:
            user.oidc_issuer = self.organisation.oidc_issuer
            user.oidc_mfa = asserts_mfa(payload)
        return user

    def create_user(self, claims):
        raise SuspiciousOperation("Single sign-on never creates staff accounts.")

    def get_user(self, user_id):
        """The session's account as the password login's backend reads it (one statement); a
        deactivated account is signed out, as with the password login."""
        user = signed_in_user(user_id)
        return user if user is not None and user.is_active else None

    def update_user(self, user, claims):
        return user  # names and roles are kept as the functional administrator set them


class _AuthenticationRequest(OIDCAuthenticationRequestView):
    def __init__(self, *, organisation: Organisation, authorization_endpoint: str, email: str):
        View.__init__(self)  # the parent would read a single provider from the settings
        self.OIDC_OP_AUTH_ENDPOINT = authorization_endpoint
        self.OIDC_RP_CLIENT_ID = organisation.oidc_client_id
        self.email = email

    def get_extra_params(self, request):
        return {"login_hint": self.email}


def _back_to_login(request, message: str):
    messages.error(request, message)
    next_url = request.GET.get("next")
    query = "?" + urlencode({"next": next_url}) if next_url else ""
    return redirect(reverse("accounts:login") + query)


def start_view(request):
    """POST an e-mail address: go to the provider of the organisation with that domain."""
    from .forms import SingleSignOnForm

    if not settings.OIDC_ENABLED:
        raise Http404
    if request.method != "POST":
        return redirect("accounts:login")
    form = SingleSignOnForm(request.POST)
    if not form.is_valid():
        return _back_to_login(request, _("Enter your e-mail address at your organisation."))
    email = form.cleaned_data["email"]
    organisation = organisation_for_email(email)
    if organisation is None:
        return _back_to_login(
            request,
            _("Your organisation does not use single sign-on. Log in with your username."),
        )
    try:
        metadata = provider_metadata(organisation.oidc_issuer)
        endpoint = metadata["authorization_endpoint"]
    except (requests.RequestException, ValueError, KeyError, SuspiciousOperation):
        logger.exception("OIDC provider of %s unavailable", organisation)
        return _back_to_login(
            request,
            _("The login service of your organisation cannot be reached. Try again later."),
        )
    request.session[SESSION_ORGANISATION] = str(organisation.uuid)
    view = _AuthenticationRequest(
        organisation=organisation, authorization_endpoint=endpoint, email=email
    )
    return view.get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: log in, and ask for the code unless the provider did MFA."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)

    def login_failure(self):
        self.request.session.pop(SESSION_ORGANISATION, None)
        messages.error(
            self.request,
            _(
                "Logging in through your organisation did not succeed. Your account may not "
                "be known here under this e-mail address; log in with your username or ask "
                "your functional administrator."
            ),
        )
        return redirect("accounts:login")

    def login_success(self):
        response = super().login_success()
        self.request.session.pop(SESSION_ORGANISATION, None)
        if getattr(self.user, "oidc_mfa", False):
            record_provider_mfa(self.request, self.user, self.user.oidc_issuer)
            return response
        query = urlencode({"next": self.success_url})
        return redirect(f"{reverse('accounts:verify')}?{query}")
