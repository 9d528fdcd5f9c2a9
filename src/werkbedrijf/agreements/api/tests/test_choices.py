"""Composing local choices through the API: add, replace a year, change, delete, with ETags; and
every kind of bad input refused with invalidParams while nothing is saved."""

import uuid

import pytest

from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.api.testing import API, call, invalid_names, problem_of

from .conftest import card, snapshot

pytestmark = pytest.mark.django_db


def choices_url(ma, year=None):
    url = f"{API}/municipal-agreements/{ma.uuid}/choices"
    return f"{url}?year={year}" if year else url


def test_an_adviser_adds_a_choice_at_card_price(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma
):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        choices_url(nijmegen_ma),
        {"year": 2024, "service": card(draft_dvo, "zorgjongeren"), "quantity": 18},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["agreedAmount"] == "54000.00" and body["quantity"] == "18.00"
    assert body["service"]["code"] == "zorgjongeren" and body["label"] == "Zorgjongeren"
    assert body["year"] == 2024 and body["position"] == 1
    assert response["ETag"] == '"1"' and body["version"] == 1
    assert response["Location"].endswith(f"{API}/choices/{body['uuid']}")


def test_a_service_not_on_the_card_is_named_with_an_amount(
    client_for, policy_adviser_nijmegen, nijmegen_ma
):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        choices_url(nijmegen_ma),
        {"year": 2025, "customName": "Kwartiermaker", "agreedAmount": "35000.50"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["service"] is None and body["label"] == "Kwartiermaker"
    assert body["agreedAmount"] == "35000.50"


def test_a_json_number_with_cents_is_taken_exactly(
    client_for, policy_adviser_nijmegen, nijmegen_ma
):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        choices_url(nijmegen_ma),
        {"year": 2025, "customName": "X", "agreedAmount": 1234.1},
    )
    assert response.status_code == 201
    assert response.json()["agreedAmount"] == "1234.10"


def test_the_choices_of_a_year_are_listed_in_order(
    client_for, policy_adviser_nijmegen, nijmegen_ma, nijmegen_choices
):
    client = client_for(policy_adviser_nijmegen)
    body = client.get(choices_url(nijmegen_ma, 2024)).json()
    assert [(c["label"], c["quantity"], c["agreedAmount"]) for c in body] == [
        ("Maatwerk-interventies", "10.00", "30000.00"),
        ("Participatiecoaching", "0.50", "42500.00"),
    ]
    assert client.get(choices_url(nijmegen_ma, 2025)).json() == []
    assert len(client.get(choices_url(nijmegen_ma)).json()) == 2


def test_a_whole_year_is_replaced_at_once(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma, nijmegen_choices
):
    response = call(
        client_for(policy_adviser_nijmegen),
        "put",
        choices_url(nijmegen_ma),
        {
            "year": 2024,
            "lines": [
                {"service": card(draft_dvo, "zorgjongeren"), "quantity": "20"},
                {"customName": "Vrij budget", "agreedAmount": "5000", "note": "accent"},
            ],
        },
    )
    assert response.status_code == 200, response.content
    assert [(c["label"], c["agreedAmount"], c["position"]) for c in response.json()] == [
        ("Zorgjongeren", "60000.00", 1),
        ("Vrij budget", "5000.00", 2),
    ]
    assert LocalChoice.objects.filter(municipal_agreement=nijmegen_ma).count() == 2
    assert not LocalChoice.objects.filter(uuid=nijmegen_choices[0].uuid).exists()


def test_a_choice_is_read_with_its_etag_and_changed_with_if_match(
    client_for, policy_adviser_nijmegen, nijmegen_choices
):
    client = client_for(policy_adviser_nijmegen)
    url = f"{API}/choices/{nijmegen_choices[0].uuid}"
    read = client.get(url)
    assert read.status_code == 200 and read["ETag"] == '"1"'
    changed = call(client, "patch", url, {"quantity": "20", "agreedAmount": None}, If_Match='"1"')
    assert changed.status_code == 200, changed.content
    assert changed["ETag"] == '"2"'
    assert changed.json()["quantity"] == "20.00" and changed.json()["agreedAmount"] == "60000.00"
    replaced = call(
        client,
        "put",
        url,
        {"customName": "Eigen dienst", "agreedAmount": "1000"},
        If_Match=changed["ETag"],
    )
    assert replaced.status_code == 200
    assert replaced.json()["service"] is None and replaced.json()["version"] == 3


def test_patch_changes_only_what_it_names(client_for, policy_adviser_nijmegen, nijmegen_choices):
    url = f"{API}/choices/{nijmegen_choices[0].uuid}"
    response = call(client_for(policy_adviser_nijmegen), "patch", url, {"note": "besproken"})
    body = response.json()
    assert (body["note"], body["quantity"], body["agreedAmount"]) == (
        "besproken",
        "10.00",
        "30000.00",
    )
    assert body["service"]["code"] == "maatwerk-interventies"


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_a_stale_if_match_is_refused_with_412(
    client_for, policy_adviser_nijmegen, nijmegen_ma, nijmegen_choices, method
):
    client = client_for(policy_adviser_nijmegen)
    url = f"{API}/choices/{nijmegen_choices[0].uuid}"
    call(client, "patch", url, {"note": "eerst"})  # someone else saved: version 2
    before = snapshot(nijmegen_ma)
    body = {"customName": "X", "agreedAmount": "1"} if method != "delete" else None
    for stale in ('"1"', "garbage"):
        problem_of(call(client, method, url, body, If_Match=stale), 412)
    assert snapshot(nijmegen_ma) == before


def test_a_choice_is_deleted(client_for, policy_adviser_nijmegen, nijmegen_choices):
    client = client_for(policy_adviser_nijmegen)
    url = f"{API}/choices/{nijmegen_choices[0].uuid}"
    response = call(client, "delete", url, If_Match='"1"')
    assert response.status_code == 204
    assert not LocalChoice.objects.filter(uuid=nijmegen_choices[0].uuid).exists()
    problem_of(client.get(url), 404)


# --- bad input ---------------------------------------------------------------------------------

BAD_LINES = [
    pytest.param({"service": "maatwerk-interventies", "quantity": 0}, "quantity", id="zero"),
    pytest.param({"service": "maatwerk-interventies", "quantity": -10}, "quantity", id="negative"),
    pytest.param(
        {"service": "maatwerk-interventies", "quantity": "2.5"}, "quantity", id="fraction"
    ),
    pytest.param(
        {"service": "zorgjongeren", "quantity": 10, "year": 2025}, "quantity", id="not-available"
    ),
    pytest.param({"service": "unknown", "quantity": 10}, "service", id="unknown-service"),
    pytest.param({"service": "not-a-uuid", "quantity": 10}, "service", id="malformed-service"),
    pytest.param(
        {"service": "maatwerk-interventies", "quantity": 10, "agreedAmount": "30000.001"},
        "agreedAmount",
        id="three-decimals",
    ),
    pytest.param(
        {"service": "maatwerk-interventies", "quantity": 10, "agreedAmount": "-5"},
        "agreedAmount",
        id="negative-amount",
    ),
    pytest.param(
        {"service": "participatiecoaching", "quantity": "0.125"}, "quantity", id="quantity-3-dec"
    ),
    pytest.param(
        {"service": "maatwerk-interventies", "quantity": "1e9"}, "quantity", id="huge-quantity"
    ),
    pytest.param(
        {"service": "maatwerk-interventies", "quantity": 10, "agreedAmount": "1e30"},
        "agreedAmount",
        id="huge-amount",
    ),
    pytest.param({"service": "maatwerk-interventies", "quantity": "NaN"}, "quantity", id="nan"),
    pytest.param({"service": "maatwerk-interventies", "quantity": "tien"}, "quantity", id="text"),
    pytest.param({"service": "maatwerk-interventies"}, "quantity", id="no-quantity"),
    pytest.param({"customName": "Eigen dienst"}, "agreedAmount", id="custom-without-amount"),
    pytest.param({}, "service", id="nothing"),
    pytest.param(
        {"service": "participatiecoaching", "quantity": 1, "year": 2026}, "year", id="year"
    ),
    pytest.param({"customName": "X", "agreedAmount": True}, "agreedAmount", id="boolean"),
]


def _line(draft_dvo, line: dict) -> tuple[dict, int]:
    line = dict(line)
    year = line.pop("year", 2024)
    code = line.get("service")
    if code == "unknown":
        line["service"] = str(uuid.uuid4())
    elif code and code != "not-a-uuid":
        line["service"] = card(draft_dvo, code)
    return line, year


@pytest.mark.parametrize(("line", "name"), BAD_LINES)
def test_a_bad_choice_is_refused_and_nothing_is_saved(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma, nijmegen_choices, line, name
):
    client = client_for(policy_adviser_nijmegen)
    line, year = _line(draft_dvo, line)
    before = snapshot(nijmegen_ma)
    response = call(client, "post", choices_url(nijmegen_ma), {"year": year, **line})
    assert name in invalid_names(response)
    assert snapshot(nijmegen_ma) == before


@pytest.mark.parametrize(("line", "name"), BAD_LINES)
def test_one_bad_line_refuses_the_whole_year(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma, nijmegen_choices, line, name
):
    client = client_for(policy_adviser_nijmegen)
    line, year = _line(draft_dvo, line)
    good = {"service": card(draft_dvo, "maatwerk-interventies"), "quantity": 20}
    before = snapshot(nijmegen_ma)
    response = call(client, "put", choices_url(nijmegen_ma), {"year": year, "lines": [good, line]})
    expected = name if name == "year" else f"lines.1.{name}"
    assert expected in invalid_names(response)
    assert snapshot(nijmegen_ma) == before


@pytest.mark.parametrize(("line", "name"), [p for p in BAD_LINES if "year" not in p.values[0]])
def test_a_bad_change_of_a_choice_is_refused(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma, nijmegen_choices, line, name
):
    client = client_for(policy_adviser_nijmegen)
    line, _year = _line(draft_dvo, line)
    before = snapshot(nijmegen_ma)
    response = call(client, "put", f"{API}/choices/{nijmegen_choices[0].uuid}", line)
    assert name in invalid_names(response)
    assert snapshot(nijmegen_ma) == before


def test_a_refusal_names_the_reason_and_a_code(
    client_for, policy_adviser_nijmegen, draft_dvo, nijmegen_ma
):
    response = call(
        client_for(policy_adviser_nijmegen),
        "post",
        choices_url(nijmegen_ma),
        {"year": 2024, "service": card(draft_dvo, "maatwerk-interventies"), "quantity": "2.5"},
    )
    (param,) = problem_of(response, 400)["invalidParams"]
    assert param["name"] == "quantity" and param["code"] == "fraction_not_allowed"
    assert "2,5" in param["reason"] or "2.5" in param["reason"]


def test_a_body_that_is_not_an_object_is_refused(client_for, policy_adviser_nijmegen, nijmegen_ma):
    response = call(client_for(policy_adviser_nijmegen), "post", choices_url(nijmegen_ma), [1, 2])
    assert invalid_names(response) == {"nonFieldErrors"}


@pytest.mark.parametrize("year", ["2026", "twee", ""])
def test_a_year_outside_the_agreement_is_refused_when_reading(
    client_for, policy_adviser_nijmegen, nijmegen_ma, year
):
    client = client_for(policy_adviser_nijmegen)
    if year:
        assert invalid_names(client.get(choices_url(nijmegen_ma, year))) == {"year"}
    assert invalid_names(
        client.get(f"{API}/municipal-agreements/{nijmegen_ma.uuid}/check", {"year": year})
    ) == {"year"}


def test_replacing_a_year_with_a_stale_if_match_is_refused_with_412(
    client_for, policy_adviser_nijmegen, dvo_admin, draft_dvo, nijmegen_ma
):
    adviser, admin = client_for(policy_adviser_nijmegen), client_for(dvo_admin)
    read = call(adviser, "get", choices_url(nijmegen_ma, 2024))
    assert read.status_code == 200 and read["ETag"].startswith('"')
    version = read["ETag"]
    # Someone else replaces the year first, with the same version: that one goes through.
    first = {"year": 2024, "lines": [{"customName": "Kwartiermaker", "agreedAmount": "35000"}]}
    saved = call(admin, "put", choices_url(nijmegen_ma), first, If_Match=version)
    assert saved.status_code == 200, saved.content
    assert saved["ETag"] != version
    # The adviser's replace, composed on the old version, is refused and nothing is overwritten.
    second = {"year": 2024, "lines": [{"customName": "Pilot", "agreedAmount": "1000"}]}
    refused = call(adviser, "put", choices_url(nijmegen_ma), second, If_Match=version)
    problem_of(refused, 412)
    stored = LocalChoice.objects.filter(municipal_agreement=nijmegen_ma, year=2024)
    assert [c.custom_name for c in stored] == ["Kwartiermaker"]
    # With the fresh ETag the adviser's replace goes through deliberately.
    again = call(adviser, "put", choices_url(nijmegen_ma), second, If_Match=saved["ETag"])
    assert again.status_code == 200
    assert [c.custom_name for c in stored.all()] == ["Pilot"]
    # The year's ETag is the same in the GET as in the PUT's answer.
    assert call(adviser, "get", choices_url(nijmegen_ma, 2024))["ETag"] == again["ETag"]
    # An If-Match that can never match is a failed precondition too.
    problem_of(call(adviser, "put", choices_url(nijmegen_ma), second, If_Match='"7"'), 412)
