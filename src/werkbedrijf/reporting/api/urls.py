from django.urls import path

from . import explanations, views

app_name = "reporting_api"
urlpatterns = [
    path("indicators", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<slug:code>/values", views.IndicatorValuesView.as_view(), name="values"),
    path("indicator-norms", views.NormView.as_view(), name="norms"),
    path("srg-deliveries", views.SrgDeliveryView.as_view(), name="srg-delivery"),
    path("reports", views.ReportListView.as_view(), name="reports"),
    path(
        "reports/side-by-side", views.ReportsSideBySideView.as_view(), name="reports-side-by-side"
    ),
    path("reports/<uuid:uuid>", views.ReportDetailView.as_view(), name="report"),
    path(
        "reports/<uuid:uuid>/explanations",
        explanations.ReportExplanationsView.as_view(),
        name="report-explanations",
    ),
    path(
        "reports/<uuid:uuid>/generation",
        views.ReportGenerationView.as_view(),
        name="report-generation",
    ),
    path(
        "reports/<uuid:uuid>/publication",
        views.ReportPublicationView.as_view(),
        name="report-publication",
    ),
    path(
        "reports/<uuid:uuid>/correction",
        views.ReportCorrectionView.as_view(),
        name="report-correction",
    ),
]
