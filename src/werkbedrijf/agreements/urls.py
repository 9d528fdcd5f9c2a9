"""Routes of the DVO screens, under /dvo/ (namespace ``agreements``)."""

from django.urls import path

from .views import (
    agreements,
    compose,
    deadlines,
    delivery,
    documents,
    exports,
    midterm_change,
    municipal_agreements,
    opinions,
    versions,
)

app_name = "agreements"
urlpatterns = [
    path("dvo/", agreements.agreements, name="agreements"),
    path("dvo/nieuw/", versions.new_agreement, name="new_agreement"),
    path("dvo/<uuid:uuid>/", agreements.agreement_detail, name="agreement"),
    path("dvo/<uuid:uuid>/keuzekaart/", versions.edit_catalogue, name="edit_catalogue"),
    path("dvo/<uuid:uuid>/keuzekaart/kopie/", versions.copy_catalogue, name="copy_catalogue"),
    path("dvo/<uuid:uuid>/budgetten/", versions.edit_budgets, name="edit_budgets"),
    path("dvo/<uuid:uuid>/status/", agreements.agreement_transition, name="agreement_transition"),
    path("dvo/<uuid:uuid>/export/<str:fmt>/", exports.export, name="export"),
    path(
        "dvo/gemeente/<uuid:uuid>/",
        municipal_agreements.municipal_agreement,
        name="municipal_agreement",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/zienswijze/",
        municipal_agreements.record_opinion,
        name="record_opinion",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/ondertekening/",
        municipal_agreements.record_signature,
        name="record_signature",
    ),
    path("dvo/gemeente/<uuid:uuid>/<int:year>/samenstellen/", compose.compose, name="compose"),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/budgetmeter/",
        compose.compose_meter,
        name="compose_meter",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/tussentijdse-wijziging/",
        midterm_change.midterm_change,
        name="midterm_change",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/<int:year>/afwijking-accepteren/",
        agreements.accept_deviation,
        name="accept_deviation",
    ),
    path("dvo/document/<str:kind>/<uuid:uuid>/", exports.document, name="document"),
    path("dvo/zienswijze/<uuid:uuid>/antwoord/", opinions.answer_opinion, name="answer_opinion"),
    path("dvo/termijnen/", deadlines.deadlines_list, name="deadlines"),
    path("dvo/levering/", delivery.delivery, name="delivery"),
    path("dvo/levering/vastleggen/", delivery.record_delivery, name="record_delivery"),
    path("dvo/termijnen/nieuw/", deadlines.plan_step, name="plan_step"),
    path(
        "dvo/gemeente/<uuid:uuid>/overeenkomst.<str:fmt>",
        documents.download,
        name="agreement_document",
    ),
    path(
        "dvo/gemeente/<uuid:uuid>/vergelijken/",
        documents.compare_choices,
        name="compare_choices",
    ),
    path("dvo/<uuid:uuid>/sjabloon/", documents.document_template, name="document_template"),
    path("dvo/<uuid:uuid>/wijzigingen/", documents.agreement_events, name="agreement_events"),
    path(
        "dvo/<uuid:uuid>/wijzigingen/uittreding/",
        documents.record_withdrawal,
        name="record_withdrawal",
    ),
    path(
        "dvo/<uuid:uuid>/wijzigingen/wijziging/",
        documents.record_amendment,
        name="record_amendment",
    ),
    path("dvo/termijnen/export/<str:fmt>/", deadlines.deadlines_export, name="deadlines_export"),
    path("dvo/termijnen/<uuid:uuid>/gereed/", deadlines.complete_step, name="complete_step"),
]
