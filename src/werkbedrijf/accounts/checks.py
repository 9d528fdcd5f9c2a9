"""System checks that stop a deployment which could let staff in with a password alone."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def two_factors_required_outside_debug(app_configs, **kwargs):
    if getattr(settings, "TWO_FACTOR_REQUIRED", True) or settings.DEBUG:
        return []
    return [
        Error(
            "TWO_FACTOR_REQUIRED is False while DEBUG is False.",
            hint="Every staff account logs in with two factors outside development; remove the "
            "override of TWO_FACTOR_REQUIRED.",
            id="accounts.E001",
        )
    ]


@register(Tags.security)
def axes_sees_every_login(app_configs, **kwargs):
    """Lock-out only works when axes' backend comes first and its middleware is installed."""
    errors = []
    backends = list(settings.AUTHENTICATION_BACKENDS)
    if not backends or backends[0] != "axes.backends.AxesStandaloneBackend":
        errors.append(
            Error(
                "axes.backends.AxesStandaloneBackend must be the first authentication backend.",
                id="accounts.E002",
            )
        )
    if "axes.middleware.AxesMiddleware" not in settings.MIDDLEWARE:
        errors.append(Error("axes.middleware.AxesMiddleware is not installed.", id="accounts.E003"))
    return errors
