"""The API over the real DVO 2024-2025: the same check as everywhere else, public once adopted."""

import pytest

from werkbedrijf.agreements import selectors
from werkbedrijf.api.testing import API

pytestmark = pytest.mark.django_db


def test_the_api_check_is_the_budget_check_for_every_municipality_and_year(
    client_for, policy_adviser_wijchen, reference_dvo
):
    client = client_for(policy_adviser_wijchen)
    listed = client.get(f"{API}/municipal-agreements", {"agreement": reference_dvo.uuid}).json()
    assert len(listed) == 7  # adopted, so every municipality's agreement is public
    over_budget = set()
    for ma in reference_dvo.municipal_agreements.select_related("municipality", "agreement"):
        for year in reference_dvo.years:
            body = client.get(f"{API}/municipal-agreements/{ma.uuid}/check", {"year": year}).json()
            report = selectors.check_municipal_year(ma, year)
            assert [(f["kind"], f["key"]) for f in body["findings"]] == [
                (f.kind.value, f.key) for f in report.check.findings
            ]
            assert body["total"] == f"{report.check.total:.2f}"
            assert body["overBudget"] is report.check.over_budget
            if body["overBudget"]:
                over_budget.add((ma.municipality.name, year))
    assert over_budget  # the document holds overruns; the API reports them


def test_the_reference_catalogue_is_served(client_for, consultant, reference_dvo):
    catalogue = client_for(consultant).get(f"{API}/agreements/{reference_dvo.uuid}/catalogue")
    services = {s["code"]: s for s in catalogue.json()["services"]}
    assert services
    assert any(s["printedOptions"] for s in services.values())
