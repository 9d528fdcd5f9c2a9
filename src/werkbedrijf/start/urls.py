"""The routes of the start page, at the root of the site."""

from django.urls import path

from . import views

app_name = "start"
urlpatterns = [
    path("", views.home, name="home"),
    path("werklijst/", views.worklist_page, name="worklist"),
    path("werklijst/export/", views.worklist_export, name="worklist_export"),
]
