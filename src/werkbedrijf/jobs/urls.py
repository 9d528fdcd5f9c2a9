from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/voortgang/", views.progress, name="progress"),
    path("<uuid:uuid>/bestand/", views.download, name="download"),
]
