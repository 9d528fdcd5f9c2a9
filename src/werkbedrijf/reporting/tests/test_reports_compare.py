"""The seven municipal reports of one period side by side: the figures stored in each report (the
published version, else a draft whose figures were made), never recomputed, masked as in every
report; for the readers of the whole region; exportable."""

from datetime import date

import pytest
from django.test import override_settings

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates.models import Candidate, Phase, Trajectory
from werkbedrijf.conftest import verified_client
from werkbedrijf.reporting import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user, werkbedrijf_org):
    return make_user(Role.MANAGER, werkbedrijf_org)


@pytest.fixture
def two_reports(population, manager):
    published = services.create_report(
        actor=manager, kind="interim", year=2025, municipality=population.nijmegen
    )
    published = services.publish(actor=manager, report=published)
    draft = services.create_report(
        actor=manager, kind="interim", year=2025, municipality=population.wijchen
    )
    draft.figures = services.report_figures(draft)
    draft.save(update_fields=["figures"])
    # A referral recorded after publication: the published figures stay as they were.
    candidate = Candidate.objects.create(
        bsn="999990019",
        first_name="Laat",
        last_name="Gemeld",
        date_of_birth=date(1990, 1, 1),
        municipality=population.nijmegen,
    )
    Trajectory.objects.create(
        candidate=candidate,
        municipality=population.nijmegen,
        referred_on=date(2025, 3, 1),
        channel="screen",
        phase=Phase.REFERRED,
        phase_since=date(2025, 3, 1),
    )
    return published, draft


def _by_name(columns, rows):
    names = [c.municipality.name for c in columns]
    return {code: dict(zip(names, cells, strict=True)) for code, _n, _u, cells in rows}


@override_settings(SMALL_COUNT_THRESHOLD=2)
def test_the_stored_figures_of_each_report_side_by_side(two_reports, board_member):
    published, draft = two_reports
    columns, rows = selectors.reports_side_by_side(board_member, "interim", 2025)
    assert len(columns) == 7
    chosen = {c.municipality.name: c.report for c in columns}
    assert chosen["Nijmegen"] == published and chosen["Wijchen"] == draft
    assert chosen["Beuningen"] is None
    figures = _by_name(columns, rows)
    assert figures["inflow"]["Nijmegen"].text == "4"  # frozen: the late referral is not in it
    assert figures["inflow"]["Wijchen"].text == "2"
    assert figures["inflow"]["Beuningen"] is None
    assert figures["ownw"]["Nijmegen"].text == "< 2"  # one person: masked, as in the report


def test_a_correction_in_progress_does_not_replace_the_published_version(
    two_reports, board_member, manager
):
    published, _draft = two_reports
    correction = services.correct(actor=manager, report=published)
    columns, _rows = selectors.reports_side_by_side(board_member, "interim", 2025)
    chosen = {c.municipality.name: c.report for c in columns}
    assert chosen["Nijmegen"] == published and correction.version == 2


def test_the_board_sees_the_table_and_exports_it_a_policy_adviser_does_not(
    two_reports, board_member, policy_adviser_nijmegen
):
    client = verified_client(board_member)
    page = client.get("/rapportages/verslagen/naast-elkaar/?kind=interim&year=2025")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-indicator="inflow"' in html and "data-reports-compare" in html
    export = client.get("/rapportages/verslagen/naast-elkaar/?kind=interim&year=2025&export=csv")
    assert export.status_code == 200
    header = export.content.decode("utf-8-sig").splitlines()[0]
    assert "Nijmegen (v1, gepubliceerd)" in header and "Wijchen (v1, concept)" in header
    adviser = verified_client(policy_adviser_nijmegen)
    assert adviser.get("/rapportages/verslagen/naast-elkaar/").status_code == 403


@override_settings(SMALL_COUNT_THRESHOLD=2)
def test_the_api_answers_the_same_stored_figures_as_the_screen(
    two_reports, board_member, policy_adviser_nijmegen
):
    published, draft = two_reports
    client = verified_client(board_member)
    response = client.get("/api/v1/reports/side-by-side?kind=interim&year=2025")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["kind"], data["year"]) == ("interim", 2025)
    columns = {c["municipalityName"]: c for c in data["columns"]}
    assert len(columns) == 7
    assert columns["Nijmegen"]["report"] == str(published.uuid)
    assert (columns["Nijmegen"]["version"], columns["Nijmegen"]["status"]) == (1, "published")
    assert (columns["Wijchen"]["report"], columns["Wijchen"]["status"]) == (
        str(draft.uuid),
        "draft",
    )
    assert columns["Beuningen"]["report"] is None
    names = [c["municipalityName"] for c in data["columns"]]
    api = {row["code"]: dict(zip(names, row["figures"], strict=True)) for row in data["indicators"]}
    assert api["inflow"]["Nijmegen"] == {"value": "4.00", "masked": False, "text": "4"}
    assert api["ownw"]["Nijmegen"] == {"value": None, "masked": True, "text": "< 2"}
    assert api["inflow"]["Beuningen"] is None
    # The screen's selector, cell by cell: the same text everywhere.
    screen = _by_name(*selectors.reports_side_by_side(board_member, "interim", 2025))
    assert set(api) == set(screen)
    for code, cells in screen.items():
        for name, cell in cells.items():
            assert (api[code][name] or {}).get("text") == (cell.text if cell else None)
    adviser = verified_client(policy_adviser_nijmegen)
    refused = adviser.get("/api/v1/reports/side-by-side?kind=interim&year=2025")
    assert refused.status_code == 403


def test_the_api_refuses_an_unknown_kind_as_a_problem(board_member):
    response = verified_client(board_member).get("/api/v1/reports/side-by-side?kind=monthly")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalidParams"]} == {"kind", "year"}
