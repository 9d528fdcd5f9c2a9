"""Routes of the API, relative to /api/v1/: lowercase paths with hyphens, no trailing slash,
resources by UUID (NL GOV API Design Rules). Anything else under /api/ is a problem+json 404."""

from django.urls import include, path, re_path

from . import views
from .problems import api_not_found

MA = "municipal-agreements/<uuid:uuid>"

urlpatterns = [
    path("schema", views.SchemaView.as_view(), name="api-schema"),
    path("organisations", views.OrganisationListView.as_view(), name="api-organisation-list"),
    path(
        "organisations/<uuid:uuid>",
        views.OrganisationDetailView.as_view(),
        name="api-organisation-detail",
    ),
    path("agreements", views.AgreementListView.as_view(), name="api-agreement-list"),
    path(
        "agreements/<uuid:uuid>", views.AgreementDetailView.as_view(), name="api-agreement-detail"
    ),
    path(
        "agreements/<uuid:uuid>/transitions",
        views.AgreementTransitionView.as_view(),
        name="api-agreement-transitions",
    ),
    path(
        "agreements/<uuid:uuid>/catalogue",
        views.AgreementCatalogueView.as_view(),
        name="api-agreement-catalogue",
    ),
    path("catalogues", views.CatalogueListView.as_view(), name="api-catalogue-list"),
    path(
        "catalogues/<uuid:uuid>", views.CatalogueDetailView.as_view(), name="api-catalogue-detail"
    ),
    path(
        "municipal-agreements",
        views.MunicipalAgreementListView.as_view(),
        name="api-municipal-agreement-list",
    ),
    path(MA, views.MunicipalAgreementDetailView.as_view(), name="api-municipal-agreement-detail"),
    path(f"{MA}/budgets", views.BudgetListView.as_view(), name="api-budget-list"),
    path(f"{MA}/choices", views.MunicipalChoicesView.as_view(), name="api-choice-list"),
    path(f"{MA}/check", views.CheckView.as_view(), name="api-check"),
    path(
        f"{MA}/deviation-acceptances",
        views.DeviationAcceptanceView.as_view(),
        name="api-deviation-acceptance-list",
    ),
    path(f"{MA}/opinions", views.OpinionView.as_view(), name="api-opinion-list"),
    path(f"{MA}/changes", views.ChoiceChangeView.as_view(), name="api-change-list"),
    path("choices/<uuid:uuid>", views.ChoiceDetailView.as_view(), name="api-choice-detail"),
    path("", include("werkbedrijf.candidates.api.urls")),
    path("", include("werkbedrijf.employers.api.urls")),
    path("", include("werkbedrijf.privacy.api_urls")),
    # Last: an unknown path answers a problem, also with DEBUG on.
    re_path(r"^.*$", api_not_found),
]
