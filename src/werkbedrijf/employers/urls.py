"""The employer screens, mounted at /kandidaten/werkgevers/ (in the candidates' section)."""

from django.urls import path

from . import views
from .views import detail, events, reach

app_name = "employers"
urlpatterns = [
    path("", views.employers, name="list"),
    path("zoeken/", views.employer_search, name="search"),
    path("bereik/", reach.reach, name="reach"),
    path("evenementen/", events.events, name="events"),
    path("evenementen/<uuid:uuid>/", events.event, name="event"),
    path("wensen/<uuid:uuid>/status/", detail.wish_status, name="wish_status"),
    path("<uuid:uuid>/", detail.detail, name="detail"),
    path("<uuid:uuid>/profiel/", detail.edit_profile, name="edit_profile"),
    path("<uuid:uuid>/locaties/nieuw/", detail.add_location, name="add_location"),
    path("<uuid:uuid>/contacten/nieuw/", detail.record_contact, name="record_contact"),
    path("<uuid:uuid>/wensen/nieuw/", detail.record_wish, name="record_wish"),
]
