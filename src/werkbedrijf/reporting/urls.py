"""The reporting screens, mounted at /rapportages/."""

from django.urls import path

from .views import dashboard, reports

app_name = "reporting"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("gemeenten/", dashboard.compare, name="compare"),
    path("indicatoren/<slug:code>/", dashboard.indicator, name="indicator"),
    path("normen/", reports.norms, name="norms"),
    path("verslagen/", reports.reports, name="reports"),
    path("verslagen/<uuid:uuid>/", reports.report, name="report"),
    path("verslagen/<uuid:uuid>/maken/", reports.generate, name="generate"),
    path("verslagen/<uuid:uuid>/publiceren/", reports.publish, name="publish"),
    path("verslagen/<uuid:uuid>/correctie/", reports.correct, name="correct"),
    path("verslagen/<uuid:uuid>/<str:fmt>/", reports.download, name="download"),
]
