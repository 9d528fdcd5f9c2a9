"""The reporting screens, mounted at /rapportages/."""

from django.urls import path

from .views import dashboard, reports, srg

app_name = "reporting"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("gemeenten/", dashboard.compare, name="compare"),
    path("indicatoren/<slug:code>/", dashboard.indicator, name="indicator"),
    path("indicatoren/<slug:code>/personen/", dashboard.persons, name="persons"),
    path("normen/", reports.norms, name="norms"),
    path("cbs-levering/", srg.delivery, name="srg"),
    path("cbs-levering/bestand/", srg.download, name="srg_download"),
    path("verslagen/", reports.reports, name="reports"),
    path("verslagen/naast-elkaar/", reports.compare_reports, name="reports_compare"),
    path("verslagen/<uuid:uuid>/", reports.report, name="report"),
    path("verslagen/<uuid:uuid>/maken/", reports.generate, name="generate"),
    path("verslagen/<uuid:uuid>/publiceren/", reports.publish, name="publish"),
    path("verslagen/<uuid:uuid>/correctie/", reports.correct, name="correct"),
    path("verslagen/<uuid:uuid>/<str:fmt>/", reports.download, name="download"),
]
