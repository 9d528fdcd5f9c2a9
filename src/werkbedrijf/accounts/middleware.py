"""Every staff page needs two factors and a live session.

A session ends after SESSION_IDLE_SECONDS without a request, and in any case SESSION_COOKIE_AGE
after the login (Django's own cookie age slides with every saved session, so it is not enough on
its own). A user who passed only the password step reaches nothing but the login pages: pages and
the admin redirect to the second step, and the API treats the session as anonymous (see
api.authentication.TwoFactorSessionAuthentication).
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .signals import LAST_SEEN, SESSION_STARTED

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/", "/health")
API_PREFIX = "/api/"
# Writing the session on every request costs a database write; a few seconds of slack is harmless.
LAST_SEEN_RESOLUTION = 15


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if self._expired(request):
                logout(request)
                if request.path.startswith(API_PREFIX):
                    return self.get_response(request)  # answered as anonymous: 401
                return redirect(f"{reverse('accounts:login')}?expired=1")
            if (
                settings.TWO_FACTOR_REQUIRED
                and not user.is_verified()
                and not request.path.startswith(EXEMPT_PREFIXES)
            ):
                query = "?" + urlencode({"next": request.get_full_path()})
                if request.method != "GET":
                    query = ""
                return redirect(f"{reverse('accounts:verify')}{query}")
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> bool:
        session = request.session
        now = int(time.time())
        started = session.setdefault(SESSION_STARTED, now)
        last = session.get(LAST_SEEN) or now
        if now - last > settings.SESSION_IDLE_SECONDS:
            return True
        if now - started > settings.SESSION_COOKIE_AGE:
            return True
        if now - last >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return False
