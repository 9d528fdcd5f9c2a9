"""Routes of the DVO screens, under /dvo/ (namespace ``agreements``)."""

from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("dvo/", views.agreements, name="agreements"),
    path("dvo/<uuid:uuid>/", views.agreement_detail, name="agreement"),
    path("dvo/<uuid:uuid>/status/", views.agreement_transition, name="agreement_transition"),
    path("dvo/<uuid:uuid>/export/<str:fmt>/", views.export, name="export"),
    path("dvo/gemeente/<uuid:uuid>/", views.municipal_agreement, name="municipal_agreement"),
    path("dvo/gemeente/<uuid:uuid>/zienswijze/", views.record_opinion, name="record_opinion"),
    path(
        "dvo/gemeente/<uuid:uuid>/ondertekening/",
        views.record_signature,
        name="record_signature",
    ),
    path("dvo/gemeente/<uuid:uuid>/<int:year>/samenstellen/", views.compose, name="compose"),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/budgetmeter/",
        views.compose_meter,
        name="compose_meter",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/tussentijdse-wijziging/",
        views.midterm_change,
        name="midterm_change",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/afwijking-accepteren/",
        views.accept_deviation,
        name="accept_deviation",
    ),
    path("dvo/document/<str:kind>/<uuid:uuid>/", views.document, name="document"),
]
