"""Routes of the candidate API, relative to /api/v1/ (included there with an empty prefix).

Resources go by UUID; a BSN never appears in a path or query string."""

from django.urls import path

from .views import (
    candidates,
    chain_partner,
    income,
    journey,
    moves,
    realisation,
    referrals,
    returns,
)

app_name = "candidates_api"

urlpatterns = [
    path("referrals", referrals.ReferralView.as_view(), name="referral-list"),
    path("referrals/upload", referrals.ReferralUploadView.as_view(), name="referral-upload"),
    path(
        "referrals/upload-columns",
        referrals.ReferralUploadColumnsView.as_view(),
        name="referral-upload-columns",
    ),
    path("candidates", candidates.CandidateListView.as_view(), name="candidate-list"),
    path(
        "candidates/search-by-bsn",
        candidates.CandidateSearchByBsnView.as_view(),
        name="candidate-search-by-bsn",
    ),
    path(
        "candidates/<uuid:uuid>", candidates.CandidateDetailView.as_view(), name="candidate-detail"
    ),
    path(
        "candidates/<uuid:uuid>/contact-person",
        candidates.ContactPersonView.as_view(),
        name="candidate-contact-person",
    ),
    path(
        "candidates/<uuid:uuid>/assessments",
        candidates.AssessmentView.as_view(),
        name="candidate-assessments",
    ),
    path("candidates/<uuid:uuid>/moves", moves.CandidateMoveView.as_view(), name="candidate-moves"),
    path("candidate-moves", moves.CandidateMoveListView.as_view(), name="candidate-move-list"),
    path(
        "chain-partner-lookups",
        chain_partner.ChainPartnerLookupView.as_view(),
        name="chain-partner-lookups",
    ),
    path(
        "trajectories/<uuid:uuid>", journey.TrajectoryDetailView.as_view(), name="trajectory-detail"
    ),
    path("trajectories/<uuid:uuid>/steps", journey.StepView.as_view(), name="trajectory-steps"),
    path(
        "trajectories/<uuid:uuid>/intake-notes",
        journey.IntakeNoteView.as_view(),
        name="trajectory-intake-notes",
    ),
    path(
        "trajectories/<uuid:uuid>/ladder-steps",
        journey.LadderStepView.as_view(),
        name="trajectory-ladder-steps",
    ),
    path(
        "trajectories/<uuid:uuid>/further-diagnoses",
        journey.FurtherDiagnosisView.as_view(),
        name="trajectory-further-diagnoses",
    ),
    path(
        "trajectories/<uuid:uuid>/activities",
        journey.ActivityView.as_view(),
        name="trajectory-activities",
    ),
    path(
        "activities/<uuid:uuid>/status",
        journey.ActivityStatusView.as_view(),
        name="activity-status",
    ),
    path(
        "trajectories/<uuid:uuid>/placements",
        journey.PlacementView.as_view(),
        name="trajectory-placements",
    ),
    path(
        "trajectories/<uuid:uuid>/instruments",
        journey.InstrumentView.as_view(),
        name="trajectory-instruments",
    ),
    path(
        "trajectories/<uuid:uuid>/sanction-signals",
        income.SanctionSignalView.as_view(),
        name="trajectory-sanction-signals",
    ),
    path(
        "trajectories/<uuid:uuid>/three-way-talks",
        income.ThreeWayTalkView.as_view(),
        name="trajectory-three-way-talks",
    ),
    path(
        "sanction-signals/<uuid:uuid>/decision",
        income.SanctionDecisionView.as_view(),
        name="sanction-signal-decision",
    ),
    path(
        "three-way-talks/<uuid:uuid>/outcome",
        income.TalkOutcomeView.as_view(),
        name="three-way-talk-outcome",
    ),
    path("realisation", realisation.RealisationView.as_view(), name="realisation"),
    path("returns", returns.ReturnsView.as_view(), name="returns"),
]
