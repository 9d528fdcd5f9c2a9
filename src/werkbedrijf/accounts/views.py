"""Login in two steps: password, then a second factor (TOTP or a backup code).

A user without an authenticator app sets one up right after the password step and receives backup
codes once. Single sign-on (oidc.py) replaces the password step for organisations that use it.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import oidc
from .forms import LoginForm, SingleSignOnForm, TokenForm
from .services import add_backup_codes


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def may_set_up_second_factor(user) -> bool:
    """Only an account that has no second factor at all (new, or reset by a functional
    administrator) sets one up right after the password step. An account whose backup codes are
    used up does not: that would make the password alone enough to take it over."""
    return (
        not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        and not StaticDevice.objects.filter(user=user).exists()
    )


def _factors_used_up(user) -> bool:
    return (
        not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        and not StaticToken.objects.filter(device__user=user).exists()
    )


@sensitive_post_parameters("password")
def login_view(request):
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(_next_url(request))
    # The form calls django.contrib.auth.authenticate(request, ...): axes' backend sees every
    # attempt, and after AXES_FAILURE_LIMIT failures its middleware answers with the lock-out page.
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="werkbedrijf.accounts.backends.StaffBackend")
        return redirect(_with_next("accounts:verify", _next_url(request)))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "expired": request.GET.get("expired"),
            "next": _next_url(request),
            "sso_available": oidc.sso_available(),
            "sso_form": SingleSignOnForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@sensitive_post_parameters("token")
def verify_view(request):
    """Second step. A user without a second factor first sets up an authenticator app."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if user.is_verified():
        return redirect(_next_url(request))
    if may_set_up_second_factor(user):
        return redirect(_with_next("accounts:setup_totp", _next_url(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Each device throttles wrong codes itself (django-otp), so guessing is slowed down.
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once fully logged in
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not correct or has already been used."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next_url(request), "used_up": _factors_used_up(user)},
        status=400 if request.method == "POST" else 200,
    )


@sensitive_post_parameters("token")
def setup_totp_view(request):
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if not may_set_up_second_factor(user):
        return redirect(_with_next("accounts:verify", _next_url(request)))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, device)
            request.session.cycle_key()
            codes = add_backup_codes(user)
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _("This code is not correct. Check the time on your phone."))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    qr = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/setup_totp.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next_url(request)},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("You have been logged out."))
    return redirect("accounts:login")
