"""Routes of the API, relative to /api/v1/: lowercase paths with hyphens, no trailing slash,
resources by UUID (NL GOV API Design Rules). Each business area brings its own routes; anything
else under /api/ is a problem+json 404."""

from django.urls import include, path, re_path

from .base import SchemaView
from .problems import api_not_found

urlpatterns = [
    path("schema", SchemaView.as_view(), name="api-schema"),
    # The candidates' routes first: the most requested (the caseload list), and Django tries the
    # routes in order (the 31 of organisations and agreements first took 18 of the 29 us of
    # resolving /candidates). No route of one app starts as one of another's, so each path
    # finds the same view in any order of these three.
    path("", include("werkbedrijf.candidates.api.urls")),
    path("", include("werkbedrijf.organisations.api.urls")),
    path("", include("werkbedrijf.agreements.api.urls")),
    path("", include("werkbedrijf.employers.api.urls")),
    path("", include("werkbedrijf.matching.api.urls")),
    path("", include("werkbedrijf.privacy.api.urls")),
    path("", include("werkbedrijf.reporting.api.urls")),
    path("", include("werkbedrijf.jobs.api.urls")),
    path("", include("werkbedrijf.costs.api.urls")),
    path("", include("werkbedrijf.satisfaction.api.urls")),
    # Last: an unknown path answers a problem, also with DEBUG on.
    re_path(r"^.*$", api_not_found),
]
