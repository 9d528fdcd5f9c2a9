"""The pages for refused, missing and failed requests: Dutch, in the site's layout, with a way
back; on /api/ paths problem+json instead. ``werkbedrijf.urls`` names these as its handlers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import requires_csrf_token

from werkbedrijf.api import problems


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


@requires_csrf_token
def not_found(request, exception=None):
    if _is_api(request):
        return problems.api_not_found(request, exception)
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request, exception=None):
    if _is_api(request):
        return problems.problem_response(403, request)
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent with a missing or stale CSRF token (often: a page left open past the session)."""
    if _is_api(request):
        return problems.problem_response(403, request)
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def server_error(request):
    """Rendered without the request or the database: either may be what failed."""
    if _is_api(request):
        return problems.api_server_error(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


class NotFoundPageMiddleware:
    """With DEBUG on, Django answers a 404 with its technical page (the URL patterns tried), not
    with ``handler404``; this shows our page there too, so development looks like production.
    Not used when DEBUG is off: then Django calls ``handler404`` itself.

    It comes last in MIDDLEWARE: after CommonMiddleware, which turns a 404 for a path without its
    slash into a redirect, after the authentication middleware, so the page shows the navigation,
    and inside the security headers."""

    def __init__(self, get_response):
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404 as exc:
            return not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return not_found(request, exception)
        return None
