"""Routes of the candidate API, relative to /api/v1/ (included there with an empty prefix).

Resources go by UUID; a BSN never appears in a path or query string."""

from django.urls import path

from . import chain, moves, views

app_name = "candidates_api"

urlpatterns = [
    path("referrals", views.ReferralView.as_view(), name="referral-list"),
    path("referrals/upload", views.ReferralUploadView.as_view(), name="referral-upload"),
    path("candidates", views.CandidateListView.as_view(), name="candidate-list"),
    path(
        "candidates/search-by-bsn",
        views.CandidateSearchByBsnView.as_view(),
        name="candidate-search-by-bsn",
    ),
    path("candidates/<uuid:uuid>", views.CandidateDetailView.as_view(), name="candidate-detail"),
    path(
        "candidates/<uuid:uuid>/contact-person",
        views.ContactPersonView.as_view(),
        name="candidate-contact-person",
    ),
    path(
        "candidates/<uuid:uuid>/assessments",
        views.AssessmentView.as_view(),
        name="candidate-assessments",
    ),
    path("candidates/<uuid:uuid>/moves", moves.CandidateMoveView.as_view(), name="candidate-moves"),
    path("candidate-moves", moves.CandidateMoveListView.as_view(), name="candidate-move-list"),
    path(
        "chain-partner-lookups",
        chain.ChainPartnerLookupView.as_view(),
        name="chain-partner-lookups",
    ),
    path(
        "trajectories/<uuid:uuid>", views.TrajectoryDetailView.as_view(), name="trajectory-detail"
    ),
    path("trajectories/<uuid:uuid>/steps", views.StepView.as_view(), name="trajectory-steps"),
    path(
        "trajectories/<uuid:uuid>/intake-notes",
        views.IntakeNoteView.as_view(),
        name="trajectory-intake-notes",
    ),
    path(
        "trajectories/<uuid:uuid>/activities",
        views.ActivityView.as_view(),
        name="trajectory-activities",
    ),
    path(
        "trajectories/<uuid:uuid>/placements",
        views.PlacementView.as_view(),
        name="trajectory-placements",
    ),
    path(
        "trajectories/<uuid:uuid>/instruments",
        views.InstrumentView.as_view(),
        name="trajectory-instruments",
    ),
    path(
        "trajectories/<uuid:uuid>/sanction-signals",
        views.SanctionSignalView.as_view(),
        name="trajectory-sanction-signals",
    ),
    path(
        "trajectories/<uuid:uuid>/three-way-talks",
        views.ThreeWayTalkView.as_view(),
        name="trajectory-three-way-talks",
    ),
    path(
        "sanction-signals/<uuid:uuid>/decision",
        views.SanctionDecisionView.as_view(),
        name="sanction-signal-decision",
    ),
    path(
        "three-way-talks/<uuid:uuid>/outcome",
        views.TalkOutcomeView.as_view(),
        name="three-way-talk-outcome",
    ),
    path("employers", views.EmployerListView.as_view(), name="employer-list"),
    path("employers/<uuid:uuid>", views.EmployerDetailView.as_view(), name="employer-detail"),
    path("realisation", views.RealisationView.as_view(), name="realisation"),
    path("returns", views.ReturnsView.as_view(), name="returns"),
]
