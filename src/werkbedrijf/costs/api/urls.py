"""Routes of the cost API, relative to /api/v1/."""

from django.urls import path

from . import views

app_name = "costs_api"

urlpatterns = [
    path("costs", views.CostOverviewView.as_view(), name="costs"),
    path("time-entries", views.TimeEntryListView.as_view(), name="time-entry-list"),
    path("hourly-rates", views.HourlyRateView.as_view(), name="hourly-rates"),
    path("team-allocations", views.TeamAllocationView.as_view(), name="team-allocations"),
    path("direct-costs", views.DirectCostView.as_view(), name="direct-costs"),
]
