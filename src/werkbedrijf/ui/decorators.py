"""The one decorator of every staff screen: signed in, allowed, and AccessDenied answered as 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from werkbedrijf.access.policy import AccessDenied


def staff_view(view=None, *, allowed: Callable[[object], bool] | None = None, cache: bool = True):
    """Signed in (the middleware sees to the second factor); ``AccessDenied`` becomes 403.

    ``allowed`` is a rule of ``access.policy`` about the user alone (``can_answer_access_request``)
    that the whole screen needs; ``cache=False`` keeps pages with personal data out of caches.
    Use as ``@staff_view`` or ``@staff_view(allowed=..., cache=False)``."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if allowed is not None and not allowed(request.user):
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except AccessDenied as exc:
                raise PermissionDenied from exc

        wrapped = login_required(wrapper)
        return wrapped if cache else never_cache(wrapped)

    return decorate(view) if view is not None else decorate
