from django.urls import path

from . import views

app_name = "costs"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("uren/", views.hours, name="hours"),
    path("beheer/", views.manage, name="manage"),
    path("teams/", views.teams, name="teams"),
    path("scenario/", views.scenario, name="scenario"),
]
