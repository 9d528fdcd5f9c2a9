"""Every staff page needs two factors and a live session.

A session ends after SESSION_IDLE_SECONDS without a request, and in any case SESSION_COOKIE_AGE
after the login (Django's own cookie age slides with every saved session, so it is not enough on
its own). A user who passed only the password step reaches nothing but the login pages: pages and
the admin redirect to the second step, and the API treats the session as anonymous (see
api.authentication.TwoFactorSessionAuthentication).
"""

import time
from functools import partial

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, SimpleLazyObject, empty
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from .signals import LAST_SEEN, SESSION_STARTED

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/api/", "/health")
API_PREFIX = "/api/"
# Writing the session on every request costs a database write; a few seconds of slack is harmless.
LAST_SEEN_RESOLUTION = 15


class VerifiedDeviceMiddleware(OTPMiddleware):
    """django-otp's middleware (``user.otp_device``, ``user.is_verified()``) without its query
    for the session's device: the account comes with the persistent ids of its confirmed second
    factors (``selectors.signed_in_user``), and the session's device verifies the user when it is
    one of them: django-otp's own rule (the device exists, is the user's and is confirmed),
    checked against this request's read. The device itself is read only when something asks for
    it. An account read otherwise (another backend) takes django-otp's way."""

    def _verify_user_sync(self, request, user):
        confirmed = getattr(user, "confirmed_devices", None)  # reads the account
        if confirmed is None:
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if persistent_id and self._normalize_persistent_id(persistent_id) in confirmed:
            user.otp_device = SimpleLazyObject(
                partial(self._device_from_persistent_id, persistent_id)
            )
        elif persistent_id is not None:
            del request.session[DEVICE_ID_SESSION_KEY]  # as django-otp: no longer valid
        return user


def _unwrapped(obj):
    """The object behind (nested) lazy objects, which are evaluated if they were not."""
    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    return obj


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            # Read here in any case (is_authenticated); from here on the account itself, not
            # the two lazy wrappers of the authentication and OTP middleware that every one of
            # a screen's hundreds of attribute reads (access.policy) went through.
            user = request.user = _unwrapped(user)
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
