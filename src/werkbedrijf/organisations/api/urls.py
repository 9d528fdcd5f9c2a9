"""Routes of the organisations API, relative to /api/v1/ (included there with an empty prefix)."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations", views.OrganisationListView.as_view(), name="api-organisation-list"),
    path(
        "organisations/<uuid:uuid>",
        views.OrganisationDetailView.as_view(),
        name="api-organisation-detail",
    ),
]
