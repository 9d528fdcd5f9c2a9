"""Routes of the matching API, relative to /api/v1/ (included there with an empty prefix)."""

from django.urls import path

from . import views

app_name = "matching_api"

urlpatterns = [
    path("competences", views.CompetenceListView.as_view(), name="competence-list"),
    path("vacancies", views.VacancyListView.as_view(), name="vacancy-list"),
    path("vacancies/<uuid:uuid>", views.VacancyDetailView.as_view(), name="vacancy-detail"),
    path(
        "vacancies/<uuid:uuid>/status-changes",
        views.VacancyStatusChangeView.as_view(),
        name="vacancy-status-changes",
    ),
    path(
        "vacancies/<uuid:uuid>/candidates",
        views.VacancyCandidatesView.as_view(),
        name="vacancy-candidates",
    ),
    path(
        "candidates/<uuid:uuid>/vacancies",
        views.CandidateVacanciesView.as_view(),
        name="candidate-vacancies",
    ),
    path(
        "candidates/<uuid:uuid>/work-profile",
        views.WorkProfileView.as_view(),
        name="candidate-work-profile",
    ),
    path(
        "trajectories/<uuid:uuid>/certificates",
        views.CertificatesObtainedView.as_view(),
        name="trajectory-certificates",
    ),
    path("proposals", views.ProposalListView.as_view(), name="proposal-list"),
    path(
        "proposals/<uuid:uuid>/decisions",
        views.ProposalDecisionView.as_view(),
        name="proposal-decisions",
    ),
]
