"""Routes of the jobs API, relative to /api/v1/."""

from django.urls import path

from . import views

app_name = "jobs_api"

urlpatterns = [
    path("jobs/<uuid:uuid>", views.JobDetailView.as_view(), name="job-detail"),
]
