"""The start page shows each role its own tasks."""

import pytest
from django.urls import reverse

from werkbedrijf.agreements.models import MunicipalAgreement

pytestmark = pytest.mark.django_db


def test_home_of_a_policy_adviser_links_to_composing(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen
):
    ma_nijmegen = MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)
    html = client_for(policy_adviser_nijmegen).get(reverse("start:home")).content.decode()
    for year in (2024, 2025):
        assert (
            reverse("agreements:compose", kwargs={"uuid": ma_nijmegen.uuid, "year": year}) in html
        )


def test_home_of_a_dvo_admin_links_to_the_budget_status(client_for, dvo_admin, draft_dvo):
    html = client_for(dvo_admin).get(reverse("start:home")).content.decode()
    assert reverse("agreements:agreement", kwargs={"uuid": draft_dvo.uuid}) in html
    assert reverse("admin:index") in html


@pytest.mark.parametrize(
    "role, offered",
    [("policy_adviser_nijmegen", True), ("dvo_admin", False), ("consultant", False)],
)
def test_only_a_municipality_s_policy_adviser_is_offered_composing(
    request, client_for, draft_dvo, role, offered
):
    html = client_for(request.getfixturevalue(role)).get(reverse("start:home")).content.decode()
    assert ('id="task-compose"' in html) is offered
