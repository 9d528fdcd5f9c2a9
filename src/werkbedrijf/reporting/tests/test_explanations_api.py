"""The explanation per section of a report through the API, as on the report's screen: read,
set before publication, refused on a published report; bad input stores nothing."""

from datetime import date

import pytest
from django.utils import timezone

from werkbedrijf.api.testing import API, call, invalid_names, problem_of
from werkbedrijf.reporting.indicators import all_indicators
from werkbedrijf.reporting.models import Report

pytestmark = pytest.mark.django_db


def _report(nijmegen, *, published=False) -> Report:
    year = date.today().year - 1
    return Report.objects.create(
        kind="annual",
        year=year,
        municipality=nijmegen,
        version=1,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        definitions_version="test",
        status="published" if published else "draft",
        published_at=timezone.now() if published else None,
        explanations={"inflow": "Meer verwijzingen door de nieuwe werkwijze."},
    )


def test_a_manager_reads_and_sets_the_explanations(
    dvo_admin, policy_adviser_nijmegen, nijmegen, client_for
):
    report = _report(nijmegen)
    first, second = (i.code for i in all_indicators()[:2])
    url = f"{API}/reports/{report.uuid}/explanations"
    read = client_for(policy_adviser_nijmegen).get(url)
    assert read.status_code == 200
    sections = {s["section"]: s for s in read.json()["sections"]}
    assert len(sections) == len(all_indicators())
    assert sections["inflow"]["explanation"] == "Meer verwijzingen door de nieuwe werkwijze."
    body = {
        "sections": [
            {"section": first, "explanation": "  Toelichting één. "},
            {"section": "inflow", "explanation": ""},
        ]
    }
    if first == "inflow":
        body["sections"][0]["section"] = second
    changed = call(client_for(dvo_admin), "patch", url, body)
    assert changed.status_code == 200, changed.content
    report.refresh_from_db()
    code = body["sections"][0]["section"]
    assert report.explanations == {code: "Toelichting één."}
    shown = {s["section"]: s["explanation"] for s in changed.json()["sections"]}
    assert shown[code] == "Toelichting één." and shown["inflow"] == ""


def test_a_published_report_is_frozen(dvo_admin, nijmegen, client_for):
    report = _report(nijmegen, published=True)
    url = f"{API}/reports/{report.uuid}/explanations"
    body = {"sections": [{"section": "inflow", "explanation": "Achteraf"}]}
    refused = call(client_for(dvo_admin), "patch", url, body)
    assert invalid_names(refused) == {"report"}
    assert "gepubliceerd" in problem_of(refused, 400)["invalidParams"][0]["reason"]
    report.refresh_from_db()
    assert report.explanations == {"inflow": "Meer verwijzingen door de nieuwe werkwijze."}


def test_a_policy_adviser_may_not_set_them(policy_adviser_nijmegen, nijmegen, client_for):
    report = _report(nijmegen)
    url = f"{API}/reports/{report.uuid}/explanations"
    body = {"sections": [{"section": "inflow", "explanation": "Anders"}]}
    problem_of(call(client_for(policy_adviser_nijmegen), "patch", url, body), 403)
    report.refresh_from_db()
    assert report.explanations["inflow"] == "Meer verwijzingen door de nieuwe werkwijze."


def test_bad_input_changes_nothing(dvo_admin, nijmegen, client_for):
    report = _report(nijmegen)
    client = client_for(dvo_admin)
    url = f"{API}/reports/{report.uuid}/explanations"
    unknown = {"sections": [{"section": "geen-indicator", "explanation": "x"}]}
    assert invalid_names(call(client, "patch", url, unknown)) == {"sections.0.section"}
    twice = {
        "sections": [
            {"section": "inflow", "explanation": "a"},
            {"section": "inflow", "explanation": "b"},
        ]
    }
    refused = problem_of(call(client, "patch", url, twice), 400)
    assert refused["invalidParams"][0]["name"] == "sections"
    assert "twee keer" in refused["invalidParams"][0]["reason"]
    assert invalid_names(call(client, "patch", url, {"sections": []})) == {
        "sections.nonFieldErrors"
    }
    report.refresh_from_db()
    assert report.explanations == {"inflow": "Meer verwijzingen door de nieuwe werkwijze."}
