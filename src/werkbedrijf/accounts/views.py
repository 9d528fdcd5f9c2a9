"""Login in two steps: password, then a second factor (TOTP or a backup code)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


@sensitive_post_parameters("password")
def login_view(request):
    from .forms import LoginForm

    if request.user.is_authenticated and request.user.is_verified():
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        next_url = _next_url(request)
        return redirect(f"{_url('accounts:verify')}?next={next_url}")
    expired = request.GET.get("expired")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "expired": expired, "next": _next_url(request)},
        status=400 if request.method == "POST" else 200,
    )


def _url(name):
    from django.urls import reverse

    return reverse(name)


def verify_view(request):
    """Second step. A user without a device first sets up TOTP."""
    from .forms import TokenForm

    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if user.is_verified():
        return redirect(_next_url(request))
    has_device = any(True for _ in devices_for_user(user, confirmed=True))
    if not has_device:
        return redirect("accounts:setup_totp")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not correct or has already been used."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if request.method == "POST" else 200,
    )


def setup_totp_view(request):
    from .forms import TokenForm

    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if any(True for _ in devices_for_user(user, confirmed=True)):
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(settings.LOGIN_REDIRECT_URL)
        form.add_error("token", _("This code is not correct. Check the time on your phone."))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    qr = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/setup_totp.html", {"form": form, "qr": qr, "secret": secret})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")
