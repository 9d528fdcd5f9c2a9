"""Routes of the DVO API, relative to /api/v1/ (included there with an empty prefix)."""

from django.urls import path

from .views import (
    agreement_events,
    agreements,
    catalogues,
    check,
    choices,
    cycle,
    delivery,
    document_template,
    documents,
    municipal_agreements,
    opinions_and_changes,
    versions,
)

MA = "municipal-agreements/<uuid:uuid>"

urlpatterns = [
    path("deliveries", delivery.DeliveryListView.as_view(), name="api-delivery-list"),
    path(
        "quarterly-realisation",
        delivery.QuarterlyRealisationView.as_view(),
        name="api-quarterly-realisation",
    ),
    path("agreements", agreements.AgreementListView.as_view(), name="api-agreement-list"),
    path(
        "agreements/<uuid:uuid>",
        agreements.AgreementDetailView.as_view(),
        name="api-agreement-detail",
    ),
    path(
        "agreements/<uuid:uuid>/transitions",
        agreements.AgreementTransitionView.as_view(),
        name="api-agreement-transitions",
    ),
    path(
        "agreements/<uuid:uuid>/events",
        agreement_events.AgreementEventListView.as_view(),
        name="api-agreement-event-list",
    ),
    path(
        "agreements/<uuid:uuid>/withdrawals",
        agreement_events.WithdrawalView.as_view(),
        name="api-agreement-withdrawal-list",
    ),
    path(
        "agreements/<uuid:uuid>/amendments",
        agreement_events.AmendmentView.as_view(),
        name="api-agreement-amendment-list",
    ),
    path(
        "agreements/<uuid:uuid>/standard-steps",
        agreements.AgreementStandardStepsView.as_view(),
        name="api-agreement-standard-steps",
    ),
    path(
        "agreements/<uuid:uuid>/document-template",
        document_template.DocumentTemplateView.as_view(),
        name="api-agreement-document-template",
    ),
    path(
        "agreements/<uuid:uuid>/catalogue",
        catalogues.AgreementCatalogueView.as_view(),
        name="api-agreement-catalogue",
    ),
    path("catalogues", catalogues.CatalogueListView.as_view(), name="api-catalogue-list"),
    path(
        "agreement-documents/<str:kind>/<uuid:uuid>",
        documents.AgreementDocumentView.as_view(),
        name="api-agreement-document",
    ),
    path("cycle-steps", cycle.CycleStepCreateView.as_view(), name="api-cycle-step-list"),
    path(
        "cycle-steps/<uuid:uuid>",
        cycle.CycleStepDetailView.as_view(),
        name="api-cycle-step-detail",
    ),
    path(
        "cycle-steps/<uuid:uuid>/completion",
        cycle.CycleStepCompletionView.as_view(),
        name="api-cycle-step-completion",
    ),
    path(
        "catalogues/<uuid:uuid>",
        catalogues.CatalogueDetailView.as_view(),
        name="api-catalogue-detail",
    ),
    path(
        "municipal-agreements",
        municipal_agreements.MunicipalAgreementListView.as_view(),
        name="api-municipal-agreement-list",
    ),
    path(
        MA,
        municipal_agreements.MunicipalAgreementDetailView.as_view(),
        name="api-municipal-agreement-detail",
    ),
    path(f"{MA}/budgets", municipal_agreements.BudgetListView.as_view(), name="api-budget-list"),
    path(f"{MA}/budgets/<int:year>", versions.BudgetYearView.as_view(), name="api-budget-year"),
    path(
        "catalogue-services/<uuid:uuid>",
        versions.CatalogueServiceView.as_view(),
        name="api-catalogue-service-detail",
    ),
    path(f"{MA}/choices", choices.MunicipalChoicesView.as_view(), name="api-choice-list"),
    path(f"{MA}/check", check.CheckView.as_view(), name="api-check"),
    path(
        f"{MA}/deviation-acceptances",
        check.DeviationAcceptanceView.as_view(),
        name="api-deviation-acceptance-list",
    ),
    path(f"{MA}/opinions", opinions_and_changes.OpinionView.as_view(), name="api-opinion-list"),
    path(f"{MA}/changes", opinions_and_changes.ChoiceChangeView.as_view(), name="api-change-list"),
    path(
        "opinions/<uuid:uuid>/answer",
        opinions_and_changes.OpinionAnswerView.as_view(),
        name="api-opinion-answer",
    ),
    path("choices/<uuid:uuid>", choices.ChoiceDetailView.as_view(), name="api-choice-detail"),
]
