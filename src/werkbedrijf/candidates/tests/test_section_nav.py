"""The candidate screens' navigation: whether the user may refer, without a query where the
user's own municipality answers it, and once per screen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkbedrijf.access import policy
from werkbedrijf.accounts.selectors import signed_in_user
from werkbedrijf.candidates.views.common import all_municipalities, may_refer
from werkbedrijf.conftest import verified_client

pytestmark = pytest.mark.django_db

ROLES = [
    "consultant",
    "case_manager",
    "policy_adviser_nijmegen",
    "dvo_admin",
    "board_member",
    "functional_admin",
]


@pytest.mark.parametrize("role", ROLES)
def test_may_refer_is_whether_any_municipality_may_be_referred_for(request, role):
    user = request.getfixturevalue(role)
    assert may_refer(user) == any(policy.can_refer(user, m) for m in all_municipalities())


def test_a_case_manager_may_refer_without_a_query(case_manager):
    user = signed_in_user(case_manager.pk)  # as a request has it
    with CaptureQueriesContext(connection) as queries:
        assert may_refer(user)
    assert len(queries) == 0


@pytest.mark.parametrize("role", ["consultant", "case_manager"])
def test_the_caseload_reads_the_municipalities_for_may_refer_at_most_once(request, role):
    user = request.getfixturevalue(role)
    client = verified_client(user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("candidates:caseload")).content.decode()
    municipalities = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "organisations_organisation"')
    ]
    # The consultant's: may_refer and the filter's choice of municipality; none for a case
    # manager, who refers for their own and chooses none.
    assert len(municipalities) == (2 if role == "consultant" else 0)
    # The section's link and the button.
    assert html.count(f'href="{reverse("candidates:refer")}"') == 2
