"""Routes of the questionnaire API, relative to /api/v1/."""

from django.urls import path

from . import figures, views

app_name = "satisfaction_api"

urlpatterns = [
    path("satisfaction-figures", figures.SatisfactionFiguresView.as_view(), name="figures"),
    path("questionnaire-answers", views.PaperAnswerView.as_view(), name="paper-answers"),
]
