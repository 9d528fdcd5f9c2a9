"""Routes of the employers API, relative to /api/v1/ (included there with an empty prefix)."""

from django.urls import path

from . import services_views as s
from . import views

app_name = "employers_api"

urlpatterns = [
    path("employers", views.EmployerListView.as_view(), name="employer-list"),
    path("employers/<uuid:uuid>", views.EmployerDetailView.as_view(), name="employer-detail"),
    path(
        "employers/<uuid:uuid>/locations",
        s.LocationListView.as_view(),
        name="employer-locations",
    ),
    path("employers/<uuid:uuid>/contacts", s.ContactListView.as_view(), name="employer-contacts"),
    path("employers/<uuid:uuid>/wishes", s.WishListView.as_view(), name="employer-wishes"),
    path("employer-wishes/<uuid:uuid>", s.WishDetailView.as_view(), name="employer-wish"),
    path("employer-events", s.EventListView.as_view(), name="employer-events"),
    path("employer-events/<uuid:uuid>", s.EventDetailView.as_view(), name="employer-event"),
    path("employer-reach", s.ReachView.as_view(), name="employer-reach"),
]
