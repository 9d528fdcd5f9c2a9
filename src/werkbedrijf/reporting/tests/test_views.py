"""The reporting screens: a policy adviser's own dashboard, the board's seven side by side, the
drill-down, the exports, and a report made and published in the background."""

import io
import re

import pytest
from openpyxl import load_workbook

from werkbedrijf.accounts.models import Role
from werkbedrijf.conftest import verified_client
from werkbedrijf.jobs.models import Job, JobStatus
from werkbedrijf.reporting.indicators import REGISTRY
from werkbedrijf.reporting.models import Report

pytestmark = pytest.mark.django_db


def test_a_policy_adviser_sees_their_own_municipality_with_small_groups_masked(
    population, policy_adviser_nijmegen
):
    client = verified_client(policy_adviser_nijmegen)
    page = client.get("/rapportages/?year=2025").content.decode()
    assert "Nijmegen" in page
    card = re.search(r'data-indicator="in_service".*?</section>', page, re.S).group(0)
    # Four of Nijmegen's trajectories run on 31-12-2025: fewer than five, so masked.
    assert "&lt; 5" in card
    assert "data-norm>–<" in card  # no norm for a municipality unless the budget sets one
    # Another municipality or the region: not found.
    wijchen = population.wijchen.uuid
    assert client.get(f"/rapportages/?municipality={wijchen}&year=2025").status_code == 404
    assert client.get("/rapportages/?municipality=regio&year=2025").status_code == 404
    assert client.get("/rapportages/gemeenten/").status_code == 403


def test_the_board_compares_the_region_and_the_seven(population, board_member):
    client = verified_client(board_member)
    page = client.get("/rapportages/gemeenten/?year=2025").content.decode()
    row = re.search(r'<tr class="utrecht-table__row" data-indicator="inflow">.*?</tr>', page, re.S)
    row = row.group(0)
    assert "data-region>6<" in row
    assert 'data-municipality="GM0268">&lt; 5<' in row
    assert page.count("data-municipality=") == 7 * len(REGISTRY)
    csv = client.get("/rapportages/gemeenten/?year=2025&export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Indicator;Regio;")
    assert any(line.startswith("Instroom: aanmeldingen;6;") for line in lines)


def test_the_dashboard_of_the_region_has_charts_and_exports(population, make_user, werkbedrijf_org):
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    client = verified_client(manager)
    page = client.get("/rapportages/?municipality=regio&year=2025").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'alt="Trend per kwartaal van' in page
    xlsx = client.get("/rapportages/?municipality=regio&year=2025&export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["Kandidaten in dienstverlening"][3] == 4200  # the capacity of the region
    assert rows["Instroom: aanmeldingen"][2] == 6


def test_drill_down_into_a_breakdown(population, make_user, werkbedrijf_org):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    client = verified_client(consultant)
    nijmegen = population.nijmegen.uuid
    page = client.get(
        f"/rapportages/indicatoren/inflow/?municipality={nijmegen}&year=2025&by=focus_group"
    ).content.decode()
    assert "data-definition" in page
    cell = re.search(r'data-key="under_27">.*?</tr>', page, re.S).group(0)
    assert ">2<" in cell  # a consultant may see the persons: no masking
    assert client.get("/rapportages/indicatoren/inflow/?by=nonsense").status_code == 404
    assert client.get("/rapportages/indicatoren/unknown/").status_code == 404


def test_a_manager_makes_publishes_and_downloads_a_report(
    population, make_user, werkbedrijf_org, django_capture_on_commit_callbacks
):
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    client = verified_client(manager)
    response = client.post(
        "/rapportages/verslagen/",
        {"kind": "interim", "municipality": str(population.nijmegen.uuid), "year": "2025"},
    )
    report = Report.objects.get()
    assert response.status_code == 302 and str(report.uuid) in response["Location"]
    refused = client.post(
        "/rapportages/verslagen/",
        {"kind": "annual", "municipality": str(population.nijmegen.uuid), "year": "2026"},
    )
    assert "is nog niet voorbij" in refused.content.decode()
    client.post(f"/rapportages/verslagen/{report.uuid}/", {"inflow": "Toelichting op de instroom."})
    report.refresh_from_db()
    assert report.explanations == {"inflow": "Toelichting op de instroom."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rapportages/verslagen/{report.uuid}/maken/")
    job = Job.objects.get(kind="reporting.generate")
    assert job.status == JobStatus.DONE and job.progress == 100
    page = client.get(f"/rapportages/verslagen/{report.uuid}/").content.decode()
    assert "<progress" in page and 'data-download="pdf"' in page
    pdf = client.get(f"/rapportages/verslagen/{report.uuid}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rapportages/verslagen/{report.uuid}/publiceren/")
    report.refresh_from_db()
    assert report.is_published
    # A policy adviser of Nijmegen reads the published report but changes nothing.
    adviser = verified_client(make_user(Role.POLICY_ADVISER, population.nijmegen))
    assert adviser.get(f"/rapportages/verslagen/{report.uuid}/").status_code == 200
    assert adviser.post(f"/rapportages/verslagen/{report.uuid}/publiceren/").status_code == 403
    wijchen = verified_client(make_user(Role.POLICY_ADVISER, population.wijchen))
    assert wijchen.get(f"/rapportages/verslagen/{report.uuid}/").status_code == 404


def test_a_dvo_administrator_enters_a_norm_and_a_bad_one_is_refused(dvo_admin):
    client = verified_client(dvo_admin)
    refused = client.post(
        "/rapportages/normen/",
        {
            "indicator": "advice_followed",
            "municipality": "regio",
            "year": "2025",
            "value": "120",
            "source": "Begroting 2025",
        },
    )
    assert "vul een norm van 0 tot en met 100 in" in refused.content.decode()
    saved = client.post(
        "/rapportages/normen/",
        {
            "indicator": "advice_followed",
            "municipality": "regio",
            "year": "2025",
            "value": "85,5",
            "source": "Begroting 2025",
        },
    )
    assert saved.status_code == 302
    assert "85,5 %" in client.get("/rapportages/normen/").content.decode()
