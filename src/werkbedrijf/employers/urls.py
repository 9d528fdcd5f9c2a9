"""The employer screens, mounted at /kandidaten/werkgevers/ (in the candidates' section)."""

from django.urls import path

from . import views

app_name = "employers"
urlpatterns = [
    path("", views.employers, name="list"),
    path("zoeken/", views.employer_search, name="search"),
]
