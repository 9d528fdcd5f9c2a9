"""Routes of the privacy API, relative to /api/v1/."""

from django.urls import path

from .views import AccessRequestView

app_name = "privacy_api"
urlpatterns = [
    path("access-requests", AccessRequestView.as_view(), name="access-request"),
]
