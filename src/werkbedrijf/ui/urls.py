from django.urls import path

from . import views

app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
    path("dvo/", views.agreements, name="agreements"),
]
