"""The employers API: WerkBedrijf registers, every staff member reads, an invalid KvK number is
refused with the field named, and the list pages by name."""

import pytest

from werkbedrijf.employers.models import Employer
from werkbedrijf.employers.services import register_employer

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def post(client, url, data=None):
    return client.post(API + url, data or {}, content_type="application/json")


def get(client, url, **params):
    return client.get(API + url, params)


def invalid_names(response) -> set[str]:
    assert response["Content-Type"] == PROBLEM, response.content
    return {param["name"] for param in response.json()["invalidParams"]}


def test_werkbedrijf_registers_an_employer(consultant, case_manager, client_for):
    data = {"name": "Groen & Co", "kvkNumber": "87654321", "sectorGroup": "grey_green"}
    response = post(client_for(consultant), "/employers", data)
    assert response.status_code == 201, response.content
    employer = response.json()
    assert employer["kvkNumber"] == "87654321"
    assert response["Location"].endswith(f"/api/v1/employers/{employer['uuid']}")
    detail = get(client_for(case_manager), f"/employers/{employer['uuid']}")
    assert detail.status_code == 200 and detail.json()["name"] == "Groen & Co"
    assert (
        post(client_for(case_manager), "/employers", {**data, "kvkNumber": "1"}).status_code == 403
    )


def test_an_employer_with_an_invalid_kvk_number_is_refused(consultant, client_for):
    response = post(
        client_for(consultant),
        "/employers",
        {"name": "X", "kvkNumber": "1234", "sectorGroup": "cleaning"},
    )
    assert response.status_code == 400 and invalid_names(response) == {"kvkNumber"}
    assert not Employer.objects.exists()


def test_employers_page_by_name(consultant, client_for):
    for i in range(5):
        register_employer(
            actor=consultant, name=f"Bedrijf {i}", kvk_number=f"1000000{i}", sector_group="cleaning"
        )
    client = client_for(consultant)
    first = get(client, "/employers", pageSize=3).json()
    assert [e["name"] for e in first["results"]] == ["Bedrijf 0", "Bedrijf 1", "Bedrijf 2"]
    second = client.get(first["next"]).json()
    assert [e["name"] for e in second["results"]] == ["Bedrijf 3", "Bedrijf 4"]
    assert second["next"] is None
    assert get(client, "/employers/00000000-0000-0000-0000-000000000000").status_code == 404
