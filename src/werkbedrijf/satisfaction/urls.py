from django.urls import path

from . import views

app_name = "satisfaction"

urlpatterns = [
    path("cijfers/", views.figures, name="figures"),
    path("papier/", views.paper, name="paper"),
    path("<str:token>/", views.answer, name="answer"),
]
