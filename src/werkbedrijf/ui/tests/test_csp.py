"""The Content-Security-Policy headers of SettingsPolicyCSPMiddleware are django-csp's own."""

import pytest
from csp.decorators import csp, csp_exempt, csp_replace, csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse, HttpResponseNotFound
from django.test import override_settings

from werkbedrijf.ui.csp import SettingsPolicyCSPMiddleware

REPORT_ONLY = {
    "EXCLUDE_URL_PREFIXES": ["/beheer/"],
    "DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report/"},
}


def plain(request):
    return HttpResponse("ok")


def with_nonce(request):
    return HttpResponse(f"nonce {request.csp_nonce}")


VIEWS = {
    "plain": plain,
    "nonce": with_nonce,
    "update": csp_update({"img-src": ["https://example.org"]})(plain),
    "replace": csp_replace({"script-src": ["https://example.org"]})(plain),
    "own": csp({"default-src": ["'none'"]})(plain),
    "exempt": csp_exempt()(plain),
    "exempt report only": csp_exempt(REPORT_ONLY=True)(plain),
    "update report only": csp_update({"img-src": ["data:"]}, REPORT_ONLY=True)(plain),
    "not found": lambda request: HttpResponseNotFound("gone"),
}


def headers(middleware_class, rf, view, path):
    middleware = middleware_class(view)
    request = rf.get(path)
    response = middleware(request)
    return {k: v for k, v in response.items() if k.startswith("Content-Security-Policy")}


@pytest.mark.parametrize("path", ["/kandidaten/", "/beheer/accounts/"])
@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("report_only", [False, True])
@pytest.mark.parametrize("debug", [False, True])
def test_the_headers_are_django_csps(rf, settings, name, path, report_only, debug):
    settings.DEBUG = debug
    if report_only:
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY
    view = VIEWS[name]
    theirs = headers(CSPMiddleware, rf, view, path)
    assert headers(SettingsPolicyCSPMiddleware, rf, view, path) == theirs
    if name == "plain":
        assert ("Content-Security-Policy-Report-Only" in theirs) == (
            report_only and not path.startswith("/beheer/")
        )


def test_a_changed_policy_is_built_again(rf):
    before = headers(SettingsPolicyCSPMiddleware, rf, plain, "/")
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        changed = headers(SettingsPolicyCSPMiddleware, rf, plain, "/")
        assert changed == headers(CSPMiddleware, rf, plain, "/")
    assert changed != before
    assert headers(SettingsPolicyCSPMiddleware, rf, plain, "/") == before


def test_a_nonce_asked_for_after_the_header_is_an_error_as_with_django_csp(rf):
    from csp.exceptions import CSPNonceError

    request = rf.get("/")
    SettingsPolicyCSPMiddleware(plain)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
