"""The report API does what the report screens do: create, generate, publish, correct."""

from datetime import date

import pytest

from werkbedrijf.jobs.models import Job
from werkbedrijf.reporting.models import Report

pytestmark = pytest.mark.django_db


def test_a_report_is_made_published_and_corrected_through_the_api(
    region,
    dvo_admin,
    nijmegen,
    policy_adviser_wijchen,
    client_for,
    django_capture_on_commit_callbacks,
):
    client = client_for(dvo_admin)
    year = date.today().year - 1
    body = {"kind": "annual", "year": year, "municipality": str(nijmegen.uuid)}
    created = client.post("/api/v1/reports", body, content_type="application/json")
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    again = client.post("/api/v1/reports", body, content_type="application/json")
    assert again.status_code == 400 and "kind" in str(again.json())
    future = {**body, "year": date.today().year + 1}
    assert (
        client.post("/api/v1/reports", future, content_type="application/json").status_code == 400
    )
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/api/v1/reports/{uuid}/publication")
    assert published.status_code == 202
    assert Job.objects.get(uuid=published.json()["job"]).status == "done"
    assert client.get(f"/api/v1/reports/{uuid}").json()["status"] == "published"
    second = client.post(f"/api/v1/reports/{uuid}/publication")
    assert second.status_code == 400
    correction = client.post(f"/api/v1/reports/{uuid}/correction")
    assert correction.status_code == 201 and correction.json()["version"] == 2
    assert Report.objects.get(uuid=uuid).status == "published"  # the published one stays
    # Another municipality's policy adviser does not see Nijmegen's report.
    assert client_for(policy_adviser_wijchen).get(f"/api/v1/reports/{uuid}").status_code == 404


def test_a_norm_is_set_through_the_api_and_a_share_above_100_is_refused(
    region, dvo_admin, client_for
):
    from werkbedrijf.reporting.indicators import REGISTRY
    from werkbedrijf.reporting.models import IndicatorNorm

    share = next(code for code, i in REGISTRY.items() if str(i.unit) == "share")
    client = client_for(dvo_admin)
    body = {"indicator": share, "year": 2027, "value": "101", "source": "MGR-begroting 2027"}
    refused = client.post("/api/v1/indicator-norms", body, content_type="application/json")
    assert refused.status_code == 400 and "value" in str(refused.json())
    body["value"] = "35"
    assert (
        client.post("/api/v1/indicator-norms", body, content_type="application/json").status_code
        == 201
    )
    assert IndicatorNorm.objects.get(indicator=share).value == 35
