"""django-csp's middleware with the settings' policy built once per process instead of twice per
response (the policy and the report-only policy): a response without a policy of its own (no
``csp`` decorator, no nonce asked for) gets the same headers every time."""

from __future__ import annotations

import http.client
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_POLICIES: dict[bool, str] = {}  # report only or not -> the settings' policy


def settings_policy(report_only: bool) -> str:
    """``build_policy`` of the settings alone, made once (and again after the settings change)."""
    policy = _POLICIES.get(report_only)
    if policy is None:
        policy = _POLICIES[report_only] = build_policy(report_only=report_only)
    return policy


@receiver(setting_changed, dispatch_uid="ui.csp.forget_policies")
def _forget_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _POLICIES.clear()


def _policy(parts: PolicyParts, report_only: bool) -> str:
    if (parts.config, parts.update, parts.replace, parts.nonce) == (None, None, None, None):
        return settings_policy(report_only)
    return build_policy(**asdict(parts), report_only=report_only)


class SettingsPolicyCSPMiddleware(CSPMiddleware):
    """django-csp 4.0's ``process_response`` line for line, but for where the policy comes from
    (``_policy``); ``ui.tests.test_csp`` holds its headers equal to django-csp's own."""

    def process_response(self, request, response):
        exempted_debug_codes = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)
        if response.status_code in exempted_debug_codes and settings.DEBUG:
            return response
        for report_only, header, exempt, setting in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            parts = self.get_policy_parts(
                request=request, response=response, report_only=report_only
            )
            csp = _policy(parts, report_only)
            if csp:
                is_not_exempt = getattr(response, exempt, False) is False
                no_header = header not in response
                policy = getattr(settings, setting, None) or {}
                prefixes = policy.get("EXCLUDE_URL_PREFIXES", None) or ()
                is_not_excluded = not request.path_info.startswith(tuple(prefixes))
                if no_header and is_not_exempt and is_not_excluded:
                    response[header] = csp
        # As django-csp: a nonce asked for after the header is written is an error.
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
