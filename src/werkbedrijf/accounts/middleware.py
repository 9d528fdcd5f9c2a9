"""Every staff page needs two factors and a live session."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/", "/health", "/oidc/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get("last_seen")
            if last and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?expired=1")
            request.session["last_seen"] = now
            if (
                settings.TWO_FACTOR_REQUIRED
                and not user.is_verified()
                and not request.path.startswith(EXEMPT_PREFIXES)
            ):
                return redirect("accounts:verify")
        return self.get_response(request)
