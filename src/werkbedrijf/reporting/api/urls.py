from django.urls import path

from . import views

app_name = "reporting_api"
urlpatterns = [
    path("indicators", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<slug:code>/values", views.IndicatorValuesView.as_view(), name="values"),
]
