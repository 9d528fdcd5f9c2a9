"""The candidate screens, mounted at /kandidaten/. Candidates and trajectories are addressed by
uuid; a BSN is never part of a URL."""

from django.urls import path

from . import chain_views, move_views, views

app_name = "candidates"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("zoeken-op-bsn/", views.bsn_search, name="bsn_search"),
    path("aanmelden/", views.refer, name="refer"),
    path("aanmelden/bestand/", views.upload, name="upload"),
    path("aanmelden/bestand/sjabloon.csv", views.upload_template, name="upload_template"),
    path("inkomen/", views.income, name="income"),
    path("inkomen/signalen/<uuid:uuid>/besluit/", views.decide_signal, name="decide_signal"),
    path("piramidegesprekken/<uuid:uuid>/uitkomst/", views.talk_outcome, name="talk_outcome"),
    path("werkgevers/", views.employers, name="employers"),
    path("werkgevers/zoeken/", views.employer_search, name="employer_search"),
    path("realisatie/", views.realisation, name="realisation"),
    path("ketenpartner/", chain_views.chain_partner_lookup, name="chain_partner_lookup"),
    path("verhuizingen/", move_views.moves, name="moves"),
    path("activiteiten/<uuid:uuid>/status/", views.activity_status, name="activity_status"),
    path("trajecten/<uuid:uuid>/", views.trajectory, name="trajectory"),
    path("trajecten/<uuid:uuid>/stap/<str:target>/", views.take_step, name="take_step"),
    path("trajecten/<uuid:uuid>/vervolgdiagnose/", views.start_diagnosis, name="start_diagnosis"),
    path("trajecten/<uuid:uuid>/notities/", views.add_note, name="add_note"),
    path("trajecten/<uuid:uuid>/activiteiten/", views.add_activity, name="add_activity"),
    path("trajecten/<uuid:uuid>/plaatsingen/", views.add_placement, name="add_placement"),
    path("trajecten/<uuid:uuid>/voorzieningen/", views.add_instrument, name="add_instrument"),
    path("trajecten/<uuid:uuid>/signalen/", views.signal_sanction, name="signal_sanction"),
    path("trajecten/<uuid:uuid>/piramidegesprekken/", views.plan_talk, name="plan_talk"),
    path("<uuid:uuid>/", views.candidate, name="candidate"),
    path("<uuid:uuid>/aanspreekpunt/", views.assign_contact, name="assign_contact"),
    path("<uuid:uuid>/assessment/", views.record_assessment, name="record_assessment"),
    path("<uuid:uuid>/verhuizing/", move_views.move_candidate, name="move_candidate"),
]
