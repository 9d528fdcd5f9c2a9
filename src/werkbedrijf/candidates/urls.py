"""The candidate screens, mounted at /kandidaten/. Candidates and trajectories are addressed by
uuid; a BSN is never part of a URL."""

from django.urls import path

from .views import caseload, chain_partner, income, journey, moves, realisation, referral

app_name = "candidates"
urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("export.<str:fmt>", caseload.caseload_export, name="caseload_export"),
    path("zoeken-op-bsn/", caseload.bsn_search, name="bsn_search"),
    path("aanmelden/", referral.refer, name="refer"),
    path("aanmelden/bestand/", referral.upload, name="upload"),
    path("aanmelden/bestand/sjabloon.csv", referral.upload_template, name="upload_template"),
    path("inkomen/", income.income, name="income"),
    path("inkomen/signalen/<uuid:uuid>/besluit/", income.decide_signal, name="decide_signal"),
    path("piramidegesprekken/<uuid:uuid>/uitkomst/", income.talk_outcome, name="talk_outcome"),
    path("realisatie/", realisation.realisation, name="realisation"),
    path("ketenpartner/", chain_partner.chain_partner_lookup, name="chain_partner_lookup"),
    path("verhuizingen/", moves.moves, name="moves"),
    path("verhuizingen/export.<str:fmt>", moves.moves_export, name="moves_export"),
    path("activiteiten/<uuid:uuid>/status/", journey.activity_status, name="activity_status"),
    path("trajecten/<uuid:uuid>/", journey.trajectory, name="trajectory"),
    path("trajecten/<uuid:uuid>/stap/<str:target>/", journey.take_step, name="take_step"),
    path("trajecten/<uuid:uuid>/vervolgdiagnose/", journey.start_diagnosis, name="start_diagnosis"),
    path("trajecten/<uuid:uuid>/notities/", journey.add_note, name="add_note"),
    path(
        "trajecten/<uuid:uuid>/participatieladder/",
        journey.record_ladder_step,
        name="record_ladder_step",
    ),
    path("trajecten/<uuid:uuid>/activiteiten/", journey.add_activity, name="add_activity"),
    path("trajecten/<uuid:uuid>/plaatsingen/", journey.add_placement, name="add_placement"),
    path("trajecten/<uuid:uuid>/voorzieningen/", journey.add_instrument, name="add_instrument"),
    path("trajecten/<uuid:uuid>/signalen/", journey.signal_sanction, name="signal_sanction"),
    path("trajecten/<uuid:uuid>/piramidegesprekken/", journey.plan_talk, name="plan_talk"),
    path("<uuid:uuid>/", journey.candidate, name="candidate"),
    path("<uuid:uuid>/formulier/<slug:slug>/", journey.candidate_form, name="candidate_form"),
    path("<uuid:uuid>/aanspreekpunt/", journey.assign_contact, name="assign_contact"),
    path("<uuid:uuid>/assessment/", journey.record_assessment, name="record_assessment"),
    path("<uuid:uuid>/verhuizing/", moves.move_candidate, name="move_candidate"),
]
