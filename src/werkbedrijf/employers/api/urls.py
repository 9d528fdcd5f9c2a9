"""Routes of the employers API, relative to /api/v1/ (included there with an empty prefix)."""

from django.urls import path

from . import views

app_name = "employers_api"

urlpatterns = [
    path("employers", views.EmployerListView.as_view(), name="employer-list"),
    path("employers/<uuid:uuid>", views.EmployerDetailView.as_view(), name="employer-detail"),
]
