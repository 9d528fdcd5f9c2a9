"""The privacy officer's screens, mounted at /privacy/. No BSN is ever part of these URLs."""

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("inzageverzoek/", views.access_request, name="access_request"),
    path("inzageverzoek/<slug:token>/", views.access_request_result, name="access_request_result"),
    path(
        "inzageverzoek/<slug:token>/export.xlsx",
        views.access_request_export,
        name="access_request_export",
    ),
]
