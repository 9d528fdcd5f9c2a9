"""Who sees and changes which municipality's agreement through the API: a draft is visible only to
its municipality and WerkBedrijf (404 for others, so uuids cannot be probed); an adopted DVO is
public to all staff, but only changed through a recorded mid-term change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import MunicipalAgreement
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.api.testing import API, call, problem_of
from werkbedrijf.organisations.models import Organisation

from .conftest import card, snapshot

pytestmark = pytest.mark.django_db


def reads(ma, choice):
    base = f"{API}/municipal-agreements/{ma.uuid}"
    return [
        base,
        f"{base}/budgets",
        f"{base}/choices?year=2024",
        f"{base}/check?year=2024",
        f"{base}/deviation-acceptances",
        f"{base}/opinions",
        f"{base}/changes",
        f"{API}/choices/{choice.uuid}",
    ]


def writes(draft_dvo, ma, choice):
    line = {"service": card(draft_dvo, "maatwerk-interventies"), "quantity": 50}
    base = f"{API}/municipal-agreements/{ma.uuid}"
    return [
        ("post", f"{base}/choices", {"year": 2024, **line}),
        ("put", f"{base}/choices", {"year": 2024, "lines": [line]}),
        ("patch", f"{API}/choices/{choice.uuid}", {"quantity": 50}),
        ("put", f"{API}/choices/{choice.uuid}", line),
        ("delete", f"{API}/choices/{choice.uuid}", None),
        ("post", f"{base}/opinions", {"kind": "college_opinion", "text": "Wij willen meer"}),
    ]


def test_another_municipality_cannot_see_a_draft(
    client_for, policy_adviser_wijchen, nijmegen_ma, nijmegen_choices
):
    client = client_for(policy_adviser_wijchen)
    for url in reads(nijmegen_ma, nijmegen_choices[0]):
        problem_of(client.get(url), 404)
    listed = client.get(f"{API}/municipal-agreements").json()
    assert [m["municipality"]["cbsCode"] for m in listed] == ["GM0296"]


def test_another_municipality_cannot_change_a_draft(
    client_for, policy_adviser_wijchen, draft_dvo, nijmegen_ma, nijmegen_choices
):
    client = client_for(policy_adviser_wijchen)
    before = snapshot(nijmegen_ma)
    for method, url, body in writes(draft_dvo, nijmegen_ma, nijmegen_choices[0]):
        problem_of(call(client, method, url, body), 404)
    assert snapshot(nijmegen_ma) == before
    assert not nijmegen_ma.opinions.exists()


def test_the_own_municipality_and_werkbedrijf_see_the_draft(
    client_for, policy_adviser_nijmegen, consultant, nijmegen_ma, nijmegen_choices
):
    for user in (policy_adviser_nijmegen, consultant):
        client = client_for(user)
        for url in reads(nijmegen_ma, nijmegen_choices[0]):
            assert client.get(url).status_code == 200, (user, url)


def test_a_consultant_sees_but_does_not_compose_choices(
    client_for, consultant, draft_dvo, nijmegen_ma, nijmegen_choices
):
    client = client_for(consultant)
    before = snapshot(nijmegen_ma)
    for method, url, body in writes(draft_dvo, nijmegen_ma, nijmegen_choices[0]):
        problem_of(call(client, method, url, body), 403)
    assert snapshot(nijmegen_ma) == before


def test_once_adopted_every_municipality_reads_but_none_changes(
    client_for,
    policy_adviser_wijchen,
    policy_adviser_nijmegen,
    draft_dvo,
    nijmegen_ma,
    nijmegen_choices,
    adopt,
):
    adopt(draft_dvo)
    wijchen = client_for(policy_adviser_wijchen)
    for url in reads(nijmegen_ma, nijmegen_choices[0]):
        assert wijchen.get(url).status_code == 200, url
    body = wijchen.get(f"{API}/municipal-agreements/{nijmegen_ma.uuid}/check?year=2024").json()
    assert body["total"] == "72500.00"
    before = snapshot(nijmegen_ma)
    for user in (policy_adviser_wijchen, policy_adviser_nijmegen):
        client = client_for(user)
        for method, url, body in writes(draft_dvo, nijmegen_ma, nijmegen_choices[0]):
            problem_of(call(client, method, url, body), 403)
    assert snapshot(nijmegen_ma) == before


def test_a_board_member_sees_adopted_agreements_only(
    client_for, board_member, draft_dvo, nijmegen_ma, nijmegen_choices, adopt
):
    client = client_for(board_member)
    assert client.get(f"{API}/municipal-agreements").json() == []
    for url in reads(nijmegen_ma, nijmegen_choices[0]):
        problem_of(client.get(url), 404)
    assert client.get(f"{API}/agreements/{draft_dvo.uuid}").status_code == 200
    adopt(draft_dvo)
    assert len(client.get(f"{API}/municipal-agreements").json()) == 2
    for url in reads(nijmegen_ma, nijmegen_choices[0]):
        assert client.get(url).status_code == 200, url


def test_a_dvo_administrator_composes_for_any_municipality(
    client_for, dvo_admin, draft_dvo, wijchen_ma
):
    response = call(
        client_for(dvo_admin),
        "post",
        f"{API}/municipal-agreements/{wijchen_ma.uuid}/choices",
        {"year": 2025, "service": card(draft_dvo, "participatiecoaching"), "quantity": "0.25"},
    )
    assert response.status_code == 201
    assert response.json()["agreedAmount"] == "21250.00"


def test_the_municipal_agreement_list_does_not_query_per_row(client_for, consultant, draft_dvo):
    client = client_for(consultant)
    url = f"{API}/municipal-agreements?agreement={draft_dvo.uuid}"
    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as two:
        assert len(client.get(url).json()) == 2
    for organisation in Organisation.objects.filter(kind="municipality").exclude(
        municipal_agreements__agreement=draft_dvo
    ):
        MunicipalAgreement.objects.create(agreement=draft_dvo, municipality=organisation)
    with CaptureQueriesContext(connection) as seven:
        assert len(client.get(url).json()) == 7
    assert len(seven) == len(two)


def test_the_choice_list_does_not_query_per_row(
    client_for, consultant, dvo_admin, draft_dvo, nijmegen_ma
):
    client = client_for(consultant)
    url = f"{API}/municipal-agreements/{nijmegen_ma.uuid}/choices?year=2024"
    line = LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10)

    def compose(n):
        services.save_choices(
            actor=dvo_admin, municipal_agreement=nijmegen_ma, year=2024, lines=[line] * n
        )

    compose(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()) == 2
    compose(12)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()) == 12
    assert len(many) == len(few)
