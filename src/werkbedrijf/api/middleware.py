"""NL GOV API Design Rules for every answer under /api/: the exact version in a header (API-57),
and errors as application/problem+json, also those that never reach a DRF view."""

from django.conf import settings

from .problems import PROBLEM, problem_response


class ApiVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/"):
            return response
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(PROBLEM):
            # Django's own answers (an unknown URL or a crash with DEBUG on, a refused CSRF
            # token, a lock-out) would be HTML; the API answers a problem with the same status.
            allow = response.get("Allow")
            response = problem_response(response.status_code, request)
            if allow:
                response["Allow"] = allow
        response["API-Version"] = settings.API_VERSION
        return response
