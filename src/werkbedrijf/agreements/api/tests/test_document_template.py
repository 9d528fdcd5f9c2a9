"""GET and PUT /api/v1/agreements/{uuid}/document-template: the general articles, with If-Match."""

import pytest

from werkbedrijf.agreements.models import DocumentTemplate
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

pytestmark = pytest.mark.django_db

TEXT = "# {{ citeertitel }}\n\n{{ lokale_afspraken }}\n"


def url(agreement):
    return f"{API}/agreements/{agreement.uuid}/document-template"


def test_an_administrator_replaces_the_template_with_if_match(client_for, dvo_admin, draft_dvo):
    client = client_for(dvo_admin)
    read = client.get(url(draft_dvo))
    assert read.status_code == 200 and read["ETag"] == '"0"' and read.json()["version"] == 0
    response = call(client, "put", url(draft_dvo), {"text": TEXT}, If_Match=read["ETag"])
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"1"' and response.json()["text"] == TEXT
    assert DocumentTemplate.objects.get(agreement=draft_dvo).text == TEXT
    # The ETag read before that save is stale now: nothing changes.
    stale = call(client, "put", url(draft_dvo), {"text": "# Anders\n"}, If_Match=read["ETag"])
    problem_of(stale, 412)
    assert DocumentTemplate.objects.get(agreement=draft_dvo).text == TEXT


def test_an_unknown_placeholder_is_refused_naming_it(client_for, dvo_admin, draft_dvo):
    response = call(client_for(dvo_admin), "put", url(draft_dvo), {"text": "{{ onbekend }}\n"})
    assert invalid_names(response) == {"text"}
    assert "onbekend" in response.json()["invalidParams"][0]["reason"]
    assert not DocumentTemplate.objects.filter(agreement=draft_dvo).exists()


def test_a_policy_adviser_cannot_replace_the_template(
    client_for, policy_adviser_nijmegen, draft_dvo
):
    response = call(client_for(policy_adviser_nijmegen), "put", url(draft_dvo), {"text": TEXT})
    problem_of(response, 403)
