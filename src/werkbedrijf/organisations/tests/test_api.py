"""The organisations API: the region's organisations, listed and read by uuid."""

import uuid

import pytest

from werkbedrijf.api.testing import API, problem_of

pytestmark = pytest.mark.django_db


def test_organisations_are_listed_and_read_by_uuid(client_for, consultant, nijmegen):
    client = client_for(consultant)
    listed = client.get(f"{API}/organisations").json()
    assert {o["cbsCode"] for o in listed if o["kind"] == "municipality"} == {
        "GM1945",
        "GM0209",
        "GM0225",
        "GM0252",
        "GM0944",
        "GM0268",
        "GM0296",
    }
    one = client.get(f"{API}/organisations/{nijmegen.uuid}").json()
    assert one == {
        "uuid": str(nijmegen.uuid),
        "name": nijmegen.name,
        "cbsCode": "GM0268",
        "kind": "municipality",
        "region": nijmegen.region.name,
    }
    problem_of(client.get(f"{API}/organisations/{uuid.uuid4()}"), 404)
