"""Routes of the questionnaire API, relative to /api/v1/."""

from django.urls import path

from . import views

app_name = "satisfaction_api"

urlpatterns = [
    path("questionnaire-answers", views.PaperAnswerView.as_view(), name="paper-answers"),
]
