"""The candidate API: each endpoint's happy path, every refusal the issue lists, scoping (404 outside
the scope, 403 when visible but not allowed), the BSN kept out of URLs, and the processing log."""

import json
from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.accounts.services import issue_api_token
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.api.base import represent
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.api.serializers.candidates import (
    CandidateDetailSerializer,
    CaseloadRowSerializer,
    caseload_rows,
)
from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    ContactAssignment,
    Instrument,
    Placement,
    Trajectory,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.models import Employer
from werkbedrijf.employers.services import register_employer
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.utils.bsn import nth_test_bsn, valid_bsns

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def reserved_bsns(count: int, start: int = 999990000) -> list[str]:
    """BSNs from the range reserved for test data that pass the 11-proef."""
    return list(valid_bsns(start, count))


VALID_BSN, OTHER_BSN, THIRD_BSN = reserved_bsns(3, start=999990010)


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def druten(region):
    return orgs.municipality("GM0225")


@pytest.fixture
def case_manager_wijchen(make_user, wijchen):
    return make_user(Role.INCOME_CASE_MANAGER, wijchen)


@pytest.fixture
def case_manager_druten(make_user, druten):
    return make_user(Role.INCOME_CASE_MANAGER, druten)


def body(**overrides) -> dict:
    data = {
        "bsn": VALID_BSN,
        "firstName": "Ådne",
        "lastName": "Çelik-ʼt Hooft",
        "dateOfBirth": "1990-05-01",
        "postcode": "6511 pp",
        "houseNumber": 12,
        "note": "Wil graag in de zorg werken",
        "warmHandover": True,
    }
    data.update(overrides)
    return data


def post(client, url, data=None, **headers):
    return client.post(API + url, data or {}, content_type="application/json", headers=headers)


def get(client, url, **params):
    return client.get(API + url, params)


def invalid_names(response) -> set[str]:
    assert response["Content-Type"] == PROBLEM, response.content
    return {param["name"] for param in response.json()["invalidParams"]}


@pytest.fixture
def referred(case_manager, nijmegen) -> Trajectory:
    return services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(VALID_BSN, "Ådne", "Çelik-ʼt Hooft", date(1990, 5, 1)),
        referred_on=date(2026, 1, 5),
    )


def in_main_route(trajectory, consultant) -> Trajectory:
    trajectory = services.take_step(
        actor=consultant, trajectory=trajectory, target="intake", occurred_on=date(2026, 2, 1)
    )
    return services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target="main_route",
        occurred_on=date(2026, 2, 1),
        sector_group="cleaning",
        business_consultant=consultant,
    )


@pytest.fixture
def employer(consultant) -> Employer:
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def api_log(**filters):
    return ProcessingLogEntry.objects.filter(channel="api", **filters)


# --- referrals -----------------------------------------------------------------------------------


def test_municipality_refers_a_resident_through_the_api(case_manager, nijmegen, client_for):
    response = post(client_for(case_manager), "/referrals", body(municipality=str(nijmegen.uuid)))
    assert response.status_code == 201, response.content
    data = response.json()
    trajectory = Trajectory.objects.get(uuid=data["uuid"])
    assert data["phase"] == "referred" and data["warmHandover"] is True
    assert data["candidate"]["maskedBsn"] == "*****" + VALID_BSN[-4:]
    assert VALID_BSN not in response.content.decode()
    assert trajectory.channel == "api" and trajectory.candidate.postcode == "6511PP"
    assert trajectory.candidate.last_name == "Çelik-ʼt Hooft"
    assert response["Location"].endswith(f"/api/v1/trajectories/{trajectory.uuid}")
    assert response["ETag"] == '"1"'
    assert api_log(record_uuid=trajectory.uuid, action="create").exists()


def test_referral_with_an_invalid_bsn_is_refused(case_manager, nijmegen, client_for):
    response = post(
        client_for(case_manager),
        "/referrals",
        body(bsn="123456789", municipality=str(nijmegen.uuid)),
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"bsn"}
    assert not Candidate.objects.exists()


def test_a_second_active_referral_is_refused(referred, case_manager, nijmegen, client_for):
    response = post(client_for(case_manager), "/referrals", body(municipality=str(nijmegen.uuid)))
    assert response.status_code == 400
    assert invalid_names(response) == {"bsn"}
    assert Trajectory.objects.count() == 1


def test_a_date_of_birth_in_the_future_is_refused(case_manager, nijmegen, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post(
        client_for(case_manager),
        "/referrals",
        body(dateOfBirth=tomorrow.isoformat(), municipality=str(nijmegen.uuid)),
    )
    assert response.status_code == 400
    assert invalid_names(response) == {"dateOfBirth"}
    assert not Candidate.objects.exists()


def test_a_case_manager_cannot_refer_for_another_municipality(case_manager, wijchen, client_for):
    response = post(client_for(case_manager), "/referrals", body(municipality=str(wijchen.uuid)))
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert not Candidate.objects.exists()


def test_a_referral_needs_a_known_municipality(case_manager, client_for):
    response = post(
        client_for(case_manager),
        "/referrals",
        body(municipality="00000000-0000-0000-0000-000000000000", lastName=""),
    )
    assert response.status_code == 400
    assert "lastName" in invalid_names(response)


def _upload(client, municipality, content: bytes, filename="verwijzingen.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"{API}/referrals/upload",
        {"file": SimpleUploadedFile(filename, content), "municipality": str(municipality.uuid)},
    )


def test_an_uploaded_file_refers_each_valid_row_once(case_manager, nijmegen, client_for):
    content = (
        "\ufeffbsn;voornaam;achternaam;geboortedatum;postcode\r\n"
        f"{VALID_BSN};Ådne;Çelik-ʼt Hooft;01-05-1990;6511 PP\r\n"
        ";;;;\r\n"
        "123456789;Piet;Jansen;02-03-1980;\r\n"
        f"{OTHER_BSN};Fatima;El Amrani;1995-07-14;\r\n"
    ).encode()
    client = client_for(case_manager)
    response = _upload(client, nijmegen, content)
    assert response.status_code == 200, response.content
    report = response.json()
    assert (report["created"], report["notStored"], report["empty"]) == (2, 1, 1)
    assert [r["status"] for r in report["rows"]] == ["created", "empty", "error", "created"]
    assert list(report["rows"][2]["errors"]) == ["bsn"]
    assert VALID_BSN not in response.content.decode()
    assert Candidate.objects.get(bsn=VALID_BSN).last_name == "Çelik-ʼt Hooft"
    again = _upload(client, nijmegen, content).json()
    assert (again["created"], again["alreadyReferred"]) == (0, 2)
    assert Trajectory.objects.count() == 2
    assert api_log(action="create", detail="referral").count() == 2


def test_an_upload_with_a_wrong_column_is_refused_whole(case_manager, nijmegen, client_for):
    content = f"bsn;voornaam;achternaam;geboortedatum;schoenmaat\n{VALID_BSN};A;B;01-01-1990;44\n"
    response = _upload(client_for(case_manager), nijmegen, content.encode())
    assert response.status_code == 400 and invalid_names(response) == {"file"}
    assert not Candidate.objects.exists()


def test_an_upload_for_another_municipality_is_forbidden(case_manager, wijchen, client_for):
    content = f"bsn;voornaam;achternaam;geboortedatum\n{VALID_BSN};A;B;01-01-1990\n"
    response = _upload(client_for(case_manager), wijchen, content.encode())
    assert response.status_code == 403
    assert not Candidate.objects.exists()


# --- the caseload --------------------------------------------------------------------------------


@pytest.fixture
def many_referred(case_manager, nijmegen):
    bsns = reserved_bsns(30, start=999991000)
    return [
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Achternaam{i:03d}", date(1980, 1, 1)),
        )
        for i, bsn in enumerate(bsns)
    ]


def test_the_caseload_pages_by_a_next_link(many_referred, consultant, client_for):
    client = client_for(consultant)
    first = get(client, "/candidates", pageSize=10, phase="referred").json()
    assert [r["candidate"]["fullName"] for r in first["results"]][:2] == [
        "Test Achternaam000",
        "Test Achternaam001",
    ]
    assert first["next"].startswith("http://testserver/api/v1/candidates?")
    second = client.get(first["next"]).json()
    assert {r["uuid"] for r in first["results"]}.isdisjoint({r["uuid"] for r in second["results"]})
    assert second["results"][0]["candidate"]["fullName"] == "Test Achternaam010"
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 10 and third["next"] is None


def test_next_links_hold_no_bsn_and_no_name(many_referred, consultant, client_for):
    client = client_for(consultant)
    link = get(client, "/candidates", pageSize=5, bsnPart="", name="Test").json()["next"]
    candidates = Candidate.objects.all()
    assert link and not any(c.bsn in link or c.last_name in link for c in candidates)
    assert "bsn=" not in link


def test_the_caseload_shows_the_bsn_masked_only(many_referred, consultant, client_for):
    response = get(client_for(consultant), "/candidates", pageSize=100)
    content = response.content.decode()
    assert not any(c.bsn in content for c in Candidate.objects.all())
    row = response.json()["results"][0]
    assert row["candidate"]["maskedBsn"].startswith("*****") and "bsn" not in row["candidate"]


def test_the_caseload_uses_a_fixed_number_of_queries_whatever_the_page_size(
    many_referred, consultant, client_for, django_assert_max_num_queries
):
    client = client_for(consultant)
    get(client, "/candidates", pageSize=1)  # warm the session
    counts = {}
    for size in (2, 10, 30):
        with CaptureQueriesContext(connection) as queries:
            response = get(client, "/candidates", pageSize=size, activeOnly="true")
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert len(set(counts.values())) == 1, counts
    # Session, user, second factor, organisation, roles, the page, the log entry, the session's
    # save (3); one more to resolve a cursor or a consultant's UUID.
    with django_assert_max_num_queries(10):
        get(client, "/candidates", pageSize=30)
    next_link = get(client, "/candidates", pageSize=5).json()["next"]
    for size in (5, 25):
        with django_assert_max_num_queries(11):
            response = client.get(next_link.replace("pageSize=5", f"pageSize={size}"))
        assert len(response.json()["results"]) == size
    with django_assert_max_num_queries(11):
        get(client, "/candidates", pageSize=30, consultant=str(consultant.uuid))


def test_through_a_token_the_caseload_also_takes_a_fixed_number_of_queries(
    many_referred, consultant
):
    _token, raw = issue_api_token(user=consultant, name="script")
    client = Client(headers={"Authorization": f"Token {raw}"})
    get(client, "/candidates", pageSize=1)  # the token's first use is written once
    counts, settings = {}, {}
    for size in (2, 30):
        with CaptureQueriesContext(connection) as queries:
            response = get(client, "/candidates", pageSize=size)
        assert len(response.json()["results"]) == size
        statements = [q["sql"] for q in queries.captured_queries]
        counts[size] = [sql.split()[0] for sql in statements if "set_config" not in sql]
        settings[size] = sum("set_config" in sql for sql in statements)
    # The token with its user and roles, then the page with its processing-log entry (one
    # statement, which writes the entry with the persons shown): no write of the token.
    assert counts[2] == counts[30] == ["SELECT", "WITH"], counts
    # No setting of the page's plan: a statement that writes is never planned in parallel.
    assert settings[2] == settings[30] == 0, settings
    # A name prefix's page is planned at the cost of a database in memory (_serial_page_plan):
    # set, and put back inside the test's transaction (unless it is read in parallel, as the OR).
    with CaptureQueriesContext(connection) as queries:
        get(client, "/candidates", name="Achter")
    parallel = selectors._parallel_page(selectors.Filters(name="Achter"))  # noqa: SLF001
    assert sum("set_config" in q["sql"] for q in queries.captured_queries) == (0 if parallel else 2)


def test_caseload_rows_answer_what_the_serializer_declares(many_referred, consultant, nijmegen):
    trajectories = Trajectory.objects.filter(candidate__in=[t.candidate for t in many_referred])
    trajectories.filter(candidate__last_name__endswith="1").update(business_consultant=consultant)
    trajectories.filter(candidate__last_name__endswith="2").update(closed_on=date(2026, 1, 31))
    for trajectory in trajectories.filter(candidate__last_name__endswith="3"):
        ContactAssignment.objects.create(
            candidate=trajectory.candidate, contact=consultant, since=timezone.now()
        )
    Candidate.objects.filter(
        pk__in=trajectories.filter(candidate__last_name__endswith="4").values("candidate_id")
    ).update(functional_limitations="Geen tilwerk", refugee=True)
    filters = selectors.Filters(active_only=False)
    rows = selectors.caseload(consultant, filters, page_size=100).rows
    assert {r.business_consultant_id for r in rows} == {None, consultant.pk}
    assert {r.contact_username for r in rows} == {None, consultant.username}
    assert None in {r.closed_on for r in rows} and date(2026, 1, 31) in {r.closed_on for r in rows}

    declared = CaseloadRowSerializer(rows, many=True).data
    lean = caseload_rows(selectors.caseload_values(consultant, filters, page_size=100).rows)
    assert any("work_limitation" in row["candidate"]["focusGroups"] for row in declared)
    assert lean == declared
    assert [list(row) for row in lean] == [list(row) for row in declared]  # the same key order


def test_the_caseload_json_is_what_the_serializer_answers(
    many_referred, consultant, case_manager, client_for, monkeypatch
):
    """The rows PostgreSQL writes as JSON are the bytes DRF renders from caseload_rows."""
    today = timezone.localdate()
    trajectories = Trajectory.objects.filter(candidate__in=[t.candidate for t in many_referred])
    trajectories.filter(candidate__last_name__endswith="1").update(business_consultant=consultant)
    User.objects.filter(pk=case_manager.pk).update(first_name="", last_name="")
    User.objects.filter(pk=consultant.pk).update(first_name="\tAnna\u00a0", last_name="Smit ")
    trajectories.filter(candidate__last_name__endswith="5").update(business_consultant=case_manager)
    trajectories.filter(candidate__last_name__endswith="2").update(closed_on=date(2026, 1, 31))
    for trajectory in trajectories.filter(candidate__last_name__endswith="3"):
        ContactAssignment.objects.create(
            candidate=trajectory.candidate, contact=consultant, since=timezone.now()
        )
    born = selectors._years_before
    varied = {  # by the last digit of the last name: the bounds of each focus group, odd text
        "0": dict(date_of_birth=born(today, 27)),
        "1": dict(date_of_birth=born(today, 27) + timedelta(days=1)),
        "2": dict(date_of_birth=born(today, 56), refugee=True),
        "3": dict(date_of_birth=born(today, 56) + timedelta(days=1)),
        "4": dict(functional_limitations="\u00a0\n ", benefit_start_date=today),
        "6": dict(functional_limitations="Geen tilwerk", benefit_start_date=today - timedelta(186)),
        "7": dict(benefit_start_date=today - timedelta(187), name_prefix="van 't"),
        "8": dict(benefit_start_date=today + timedelta(1), job_agreement_register=True),
        "9": dict(first_name='Zoë "Z" \\ \u2028 <b>', name_prefix=""),
    }
    for digit, values in varied.items():
        Candidate.objects.filter(last_name__endswith=digit).update(**values)

    headers = set()

    def pages(user, **params) -> list[bytes]:
        client, contents = client_for(user), []
        url = API + "/candidates"
        while url:
            response = client.get(url, params if url.endswith("candidates") else None)
            assert response.status_code == 200 and response["Content-Type"] == "application/json"
            contents.append(response.content)
            response.headers.pop("Content-Length")  # the one header that differs per page
            headers.add(frozenset(response.headers.items()))
            url = response.json()["next"]
        return contents

    for user in (consultant, case_manager):
        made = pages(user, pageSize=7, activeOnly="false")
        with monkeypatch.context() as serializer_only:
            serializer_only.setattr(selectors, "caseload_json", lambda *args, **kwargs: None)
            declared = pages(user, pageSize=7, activeOnly="false")
        assert made == declared and len(made) == 5
        assert len(headers) == 1  # the same headers on both paths (and every page)
    rows = [row for content in made for row in json.loads(content)["results"]]
    groups = {group for row in rows for group in row["candidate"]["focusGroups"]}
    assert groups == {"under_27", "over_55", "refugee", "work_limitation", "new_in_assistance"}
    assert {row["businessConsultant"]["name"] for row in rows if row["businessConsultant"]} == {
        "Anna\u00a0 Smit",
        case_manager.username,
    }
    assert b"\\u2028" in b"".join(made) and "\u2028".encode() not in b"".join(made)


def test_caseload_filters(many_referred, referred, consultant, case_manager, nijmegen, client_for):
    client = client_for(consultant)
    found = get(client, "/candidates", name="Çelik").json()["results"]
    assert [r["candidate"]["uuid"] for r in found] == [str(referred.candidate.uuid)]
    found = get(client, "/candidates", bsnPart=VALID_BSN[-4:]).json()["results"]
    assert str(referred.uuid) in {r["uuid"] for r in found}
    services.assign_contact(actor=consultant, candidate=referred.candidate, contact=consultant)
    found = get(client, "/candidates", consultant=str(consultant.uuid)).json()["results"]
    assert [r["uuid"] for r in found] == [str(referred.uuid)]
    assert found[0]["contactPerson"] == consultant.display_name
    assert get(client, "/candidates", municipality=str(nijmegen.uuid), pageSize=100).json()[
        "results"
    ]
    assert get(client, "/candidates", phase="outflow").json()["results"] == []
    assert get(client, "/candidates", focusGroup="over_55").json()["results"] == []
    services.take_step(actor=consultant, trajectory=referred, target="returned", reason="x")
    active = {r["uuid"] for r in get(client, "/candidates", pageSize=100).json()["results"]}
    everything = get(client, "/candidates", pageSize=100, activeOnly="false").json()["results"]
    assert str(referred.uuid) not in active
    assert str(referred.uuid) in {r["uuid"] for r in everything}


def test_a_bsn_part_longer_than_four_digits_is_refused(referred, consultant, client_for):
    client = client_for(consultant)
    response = get(client, "/candidates", bsnPart=VALID_BSN[-5:])
    assert response.status_code == 400 and invalid_names(response) == {"bsnPart"}
    response = get(client, "/candidates", bsn=VALID_BSN)
    assert response.status_code == 400 and invalid_names(response) == {"bsn"}


def test_unknown_filter_values_are_refused(referred, consultant, client_for):
    client = client_for(consultant)
    for params, name in (
        ({"phase": "nowhere"}, "phase"),
        ({"focusGroup": "everyone"}, "focusGroup"),
        ({"consultant": "00000000-0000-0000-0000-000000000000"}, "consultant"),
        ({"cursor": "00000000-0000-0000-0000-000000000000"}, "cursor"),
        ({"pageSize": "1000"}, "pageSize"),
    ):
        response = get(client, "/candidates", **params)
        assert response.status_code == 400 and invalid_names(response) == {name}


def test_caseload_reads_are_logged_with_channel_api(referred, consultant, client_for):
    get(client_for(consultant), "/candidates")
    assert api_log(record_uuid=referred.candidate.uuid, action="read", detail="list").exists()


# --- one candidate -------------------------------------------------------------------------------


def test_the_detail_of_a_candidate_shows_the_full_bsn(referred, consultant, client_for):
    candidate = referred.candidate
    candidate.refugee = True
    candidate.save()
    services.assign_contact(actor=consultant, candidate=candidate, contact=consultant)
    response = get(client_for(consultant), f"/candidates/{candidate.uuid}")
    assert response.status_code == 200
    data = response.json()
    assert data["bsn"] == VALID_BSN and data["maskedBsn"].endswith(VALID_BSN[-4:])
    assert data["lastName"] == "Çelik-ʼt Hooft" and data["municipality"]["name"] == "Nijmegen"
    assert data["focusGroups"] == ["refugee"]
    assert data["contactPerson"]["contact"]["uuid"] == str(consultant.uuid)
    assert [t["uuid"] for t in data["trajectories"]] == [str(referred.uuid)]
    assert response["Cache-Control"] == "no-store"
    assert api_log(record_uuid=candidate.uuid, action="read").exists()


def test_the_candidate_detail_answers_what_the_serializer_declares(
    referred, consultant, case_manager_wijchen, make_user, werkbedrijf_org
):
    candidate = referred.candidate
    Candidate.objects.filter(pk=candidate.pk).update(refugee=True)
    candidate.refresh_from_db()
    other = make_user(Role.CONSULTANT, werkbedrijf_org)
    other.first_name, other.last_name = "", ""
    other.save()
    services.assign_contact(actor=consultant, candidate=candidate, contact=consultant)
    services.assign_contact(actor=consultant, candidate=candidate, contact=other, note="verlof")
    services.record_assessment(
        actor=consultant, candidate=candidate, language="Tigrinya", completed_on=date(2026, 1, 10)
    )
    services.take_step(actor=consultant, trajectory=referred, target="returned", reason="x")
    Trajectory.objects.create(
        candidate=candidate,
        municipality=referred.municipality,
        referred_on=referred.referred_on + timedelta(days=30),
        channel=referred.channel,
        phase="referred",
        phase_since=referred.referred_on + timedelta(days=30),
    )

    declared = represent(
        CandidateDetailSerializer, selectors.get_candidate(consultant, candidate.uuid)
    )
    lean = represent(
        CandidateDetailSerializer, selectors.candidate_detail(consultant, candidate.uuid)
    )
    assert len(declared["contactHistory"]) == 2 and len(declared["trajectories"]) == 2
    assert declared["assessments"] and declared["contactHistory"][0]["until"] is not None
    assert lean == declared
    assert json.dumps(lean) == json.dumps(declared)  # the same key order, the same types
    with pytest.raises(Http404):
        selectors.candidate_detail(case_manager_wijchen, candidate.uuid)
    with pytest.raises(Http404):
        selectors.candidate_detail(consultant, uuid4())


def test_search_by_bsn_goes_in_the_body(referred, consultant, client_for):
    client = client_for(consultant)
    response = post(client, "/candidates/search-by-bsn", {"bsn": VALID_BSN})
    assert response.status_code == 200 and response.json()["uuid"] == str(referred.candidate.uuid)
    assert api_log(record_uuid=referred.candidate.uuid, action="read").exists()
    assert post(client, "/candidates/search-by-bsn", {"bsn": OTHER_BSN}).status_code == 404
    response = post(client, "/candidates/search-by-bsn", {"bsn": "123456789"})
    assert response.status_code == 400 and invalid_names(response) == {"bsn"}


def test_a_wijchen_case_manager_gets_404_for_a_nijmegen_candidate(
    referred, case_manager_wijchen, client_for
):
    client = client_for(case_manager_wijchen)
    for response in (
        get(client, f"/candidates/{referred.candidate.uuid}"),
        get(client, f"/trajectories/{referred.uuid}"),
        post(client, "/candidates/search-by-bsn", {"bsn": VALID_BSN}),
        post(client, f"/trajectories/{referred.uuid}/three-way-talks", {"plannedOn": "2026-03-01"}),
        post(client, f"/candidates/{referred.candidate.uuid}/contact-person", {"contact": "x"}),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    assert get(client, "/candidates").json()["results"] == []
    assert not api_log(record_uuid=referred.candidate.uuid, action="read").exists()


def test_a_policy_adviser_sees_no_candidates(referred, policy_adviser_nijmegen, client_for):
    client = client_for(policy_adviser_nijmegen)
    for path in ("/candidates", "/returns"):
        response = get(client, path)
        assert response.status_code == 403 and response["Content-Type"] == PROBLEM
        assert referred.candidate.last_name not in response.content.decode()
    # A role without candidates is refused outright (403), whatever the uuid.
    assert get(client, f"/candidates/{referred.candidate.uuid}").status_code == 403
    assert get(client, f"/trajectories/{referred.uuid}").status_code == 403


def test_the_api_needs_a_logged_in_staff_member(referred, client):
    response = client.get(f"{API}/candidates/{referred.candidate.uuid}")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


def test_contact_person_handover(referred, consultant, make_user, werkbedrijf_org, client_for):
    other = make_user(Role.CONSULTANT, werkbedrijf_org)
    client = client_for(consultant)
    url = f"/candidates/{referred.candidate.uuid}/contact-person"
    assert post(client, url, {"contact": str(consultant.uuid)}).status_code == 200
    response = post(client, url, {"contact": str(other.uuid), "note": "verlof"})
    assert response.status_code == 200
    assert response.json()["contact"]["uuid"] == str(other.uuid)
    assert response.json()["handoverNote"] == "verlof"
    assert ContactAssignment.objects.filter(candidate=referred.candidate).count() == 2
    detail = get(client, f"/candidates/{referred.candidate.uuid}").json()
    assert len(detail["contactHistory"]) == 2
    response = post(client, url, {"contact": "00000000-0000-0000-0000-000000000000"})
    assert response.status_code == 400 and invalid_names(response) == {"contact"}


def test_digital_assessment_is_for_statushouders(referred, consultant, case_manager, client_for):
    url = f"/candidates/{referred.candidate.uuid}/assessments"
    data = {"language": "Tigrinya", "completedOn": "2026-01-10", "dutchLevel": "A1"}
    response = post(client_for(consultant), url, data)
    assert response.status_code == 400 and invalid_names(response) == {"language"}
    Candidate.objects.filter(pk=referred.candidate_id).update(refugee=True)
    response = post(client_for(consultant), url, data)
    assert response.status_code == 201 and response.json()["dutchLevel"] == "A1"
    assert post(client_for(case_manager), url, data).status_code == 403


# --- the journey ---------------------------------------------------------------------------------


def test_a_trajectory_with_its_timeline_and_etag(referred, consultant, client_for):
    services.add_intake_note(
        actor=consultant, trajectory=referred, theme="obstacles", text="Geen rijbewijs"
    )
    response = get(client_for(consultant), f"/trajectories/{referred.uuid}")
    assert response.status_code == 200
    data = response.json()
    assert response["ETag"] == '"1"' and data["version"] == 1
    assert data["allowedSteps"] == ["intake", "returned", "welcome"]
    assert [e["kind"] for e in data["timeline"]] == ["step", "note"]
    assert data["timeline"][0]["item"]["toPhase"] == "referred"
    assert data["timeline"][1]["item"]["text"] == "Geen rijbewijs"
    assert api_log(record_uuid=referred.uuid, action="read").exists()


def test_a_step_with_if_match(referred, consultant, client_for):
    client = client_for(consultant)
    url = f"/trajectories/{referred.uuid}/steps"
    response = post(client, url, {"target": "welcome", "occurredOn": "2026-01-10"}, If_Match='"1"')
    assert response.status_code == 201, response.content
    assert response.json()["phase"] == "welcome" and response["ETag"] == '"2"'
    assert api_log(record_uuid=referred.uuid, action="update").exists()
    stale = post(client, url, {"target": "intake"}, If_Match='"1"')
    assert stale.status_code == 412 and stale["Content-Type"] == PROBLEM
    referred.refresh_from_db()
    assert referred.phase == "welcome" and referred.steps.count() == 2
    unconditional = post(client, url, {"target": "intake"})  # as in the DVO API: If-Match optional
    assert unconditional.status_code == 201 and unconditional["ETag"] == '"3"'


def test_a_step_the_journey_does_not_allow_is_refused(referred, consultant, client_for):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/steps",
        {"target": "at_work"},
        If_Match='"1"',
    )
    assert response.status_code == 400 and invalid_names(response) == {"target"}
    referred.refresh_from_db()
    assert referred.phase == "referred" and referred.steps.count() == 1


def test_the_main_route_names_a_sector_group_and_a_consultant(referred, consultant, client_for):
    client = client_for(consultant)
    url = f"/trajectories/{referred.uuid}/steps"
    assert post(client, url, {"target": "intake"}, If_Match='"1"').status_code == 201
    step = {
        "target": "main_route",
        "sectorGroup": "cleaning",
        "businessConsultant": str(consultant.uuid),
    }
    response = post(client, url, step, If_Match='"2"')
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["sectorGroup"] == "cleaning"
    assert data["businessConsultant"]["uuid"] == str(consultant.uuid)


def test_the_municipality_cannot_take_steps(referred, case_manager, client_for):
    response = post(
        client_for(case_manager),
        f"/trajectories/{referred.uuid}/steps",
        {"target": "welcome"},
        If_Match='"1"',
    )
    assert response.status_code == 403


def test_an_intake_note(referred, consultant, client_for):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/intake-notes",
        {"theme": "resources", "text": "Sterk netwerk"},
    )
    assert response.status_code == 201 and response.json()["theme"] == "resources"
    assert api_log(record_uuid=referred.uuid, action="create", detail="intake-note").exists()
    empty = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/intake-notes",
        {"theme": "resources", "text": " "},
    )
    assert empty.status_code == 400 and invalid_names(empty) == {"text"}


@pytest.fixture
def druten_trajectory(reference_dvo, case_manager_druten, druten):
    return services.refer_candidate(
        actor=case_manager_druten,
        municipality=druten,
        person=PersonInput(THIRD_BSN, "Jan", "de Vries", date(1985, 3, 3)),
        referred_on=date(2024, 8, 1),
    )


def _choice(municipality, code, year=2024):
    return LocalChoice.objects.filter(
        municipal_agreement__municipality=municipality,
        municipal_agreement__agreement__title="DVO 2024-2025",
        year=year,
        service__code=code,
        valid_until__isnull=True,
    ).first()


def test_an_activity_charged_to_bought_units_warns_before_they_run_out(
    druten_trajectory, druten, consultant, client_for
):
    choice = _choice(druten, "zorgjongeren")  # 4 bought for 2024, so 2 in the half year
    client = client_for(consultant)
    url = f"/trajectories/{druten_trajectory.uuid}/activities"
    activity = {"kind": "care_youth", "start": "2024-09-01", "chargeTo": str(choice.uuid)}
    first = post(client, url, activity)
    assert first.status_code == 201, first.content
    assert first.json()["warning"] is None and first.json()["chargeTo"] == str(choice.uuid)
    second = post(client, url, activity)
    assert second.status_code == 201 and second.json()["warning"]
    exhausted = post(client, url, activity)
    assert exhausted.status_code == 400 and invalid_names(exhausted) == {"chargeTo"}
    assert Activity.objects.filter(charged_to=choice).count() == 2


def test_an_activity_charged_to_units_the_municipality_never_bought_is_refused(
    druten_trajectory, druten, consultant, client_for
):
    assert _choice(druten, "maatwerk-interventies") is None
    elsewhere = (
        LocalChoice.objects.filter(year=2024, service__code="maatwerk-interventies")
        .exclude(municipal_agreement__municipality=druten)
        .first()
    )
    response = post(
        client_for(consultant),
        f"/trajectories/{druten_trajectory.uuid}/activities",
        {"kind": "versnelling", "start": "2024-09-01", "chargeTo": str(elsewhere.uuid)},
    )
    assert response.status_code == 400 and invalid_names(response) == {"chargeTo"}
    assert not Activity.objects.exists()


def test_an_activity_without_charge(referred, consultant, client_for):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/activities",
        {"kind": "workshop", "name": "Start klaar!", "start": "2026-03-01"},
    )
    assert response.status_code == 201
    assert response.json()["chargeTo"] is None and response.json()["units"] == "1.00"


def test_a_leerwerkplek_of_seven_months_without_bbl_is_refused(
    referred, consultant, employer, client_for
):
    trajectory = in_main_route(referred, consultant)
    client = client_for(consultant)
    placement = {
        "employer": str(employer.uuid),
        "form": "work_experience",
        "start": "2026-03-01",
        "plannedEnd": "2026-10-01",
        "hoursPerWeek": "24",
    }
    url = f"/trajectories/{trajectory.uuid}/placements"
    response = post(client, url, placement)
    assert response.status_code == 400 and invalid_names(response) == {"plannedEnd"}
    assert not Placement.objects.exists()
    response = post(client, url, {**placement, "withBbl": True})
    assert response.status_code == 201, response.content
    assert response.json()["employerName"] == "Schoon BV" and response.json()["withBbl"] is True


def test_a_taalstage_for_someone_who_is_not_a_statushouder_is_refused(
    referred, consultant, employer, client_for
):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/placements",
        {
            "employer": str(employer.uuid),
            "form": "language_internship",
            "start": "2026-03-01",
            "plannedEnd": "2026-05-01",
            "hoursPerWeek": "16",
        },
    )
    assert response.status_code == 400 and invalid_names(response) == {"form"}


def test_scholing_over_1500_in_total_is_refused(referred, consultant, client_for):
    client = client_for(consultant)
    url = f"/trajectories/{referred.uuid}/instruments"
    first = post(client, url, {"kind": "training", "start": "2026-03-01", "amount": "1000.00"})
    assert first.status_code == 201 and first.json()["srgCategory"] == "Scholing en opleiding"
    response = post(client, url, {"kind": "training", "start": "2026-04-01", "amount": "600.00"})
    assert response.status_code == 400 and invalid_names(response) == {"amount"}
    assert Instrument.objects.count() == 1


def test_reiskosten_at_8_km_is_refused(referred, consultant, client_for):
    client = client_for(consultant)
    url = f"/trajectories/{referred.uuid}/instruments"
    response = post(client, url, {"kind": "travel", "start": "2026-03-01", "distanceKm": "8"})
    assert response.status_code == 400 and invalid_names(response) == {"distanceKm"}
    response = post(client, url, {"kind": "travel", "start": "2026-03-01", "distanceKm": "12.5"})
    assert response.status_code == 201 and response.json()["distanceKm"] == "12.5"


def test_the_inkomen_loop(referred, consultant, case_manager, case_manager_wijchen, client_for):
    werkbedrijf, municipality = client_for(consultant), client_for(case_manager)
    response = post(
        werkbedrijf,
        f"/trajectories/{referred.uuid}/sanction-signals",
        {"facts": "Drie keer niet verschenen", "advice": "Maatregel"},
    )
    assert response.status_code == 201
    signal = response.json()["uuid"]
    decision = {"decision": "deviated", "reasons": "Zorgen thuis; eerst piramidegesprek"}
    url = f"/sanction-signals/{signal}/decision"
    assert post(werkbedrijf, url, decision).status_code == 403
    assert post(client_for(case_manager_wijchen), url, decision).status_code == 404
    response = post(municipality, url, decision)
    assert response.status_code == 200 and response.json()["decision"] == "deviated"
    assert response.json()["decidedBy"]["uuid"] == str(case_manager.uuid)
    again = post(municipality, url, decision)
    assert again.status_code == 400 and invalid_names(again) == {"decision"}

    response = post(
        municipality,
        f"/trajectories/{referred.uuid}/three-way-talks",
        {
            "plannedOn": "2026-03-01",
            "incomeParticipant": str(case_manager.uuid),
            "werkbedrijfParticipant": str(consultant.uuid),
        },
    )
    assert response.status_code == 201, response.content
    talk = response.json()
    assert talk["incomeParticipant"] == str(case_manager.uuid)
    response = post(
        werkbedrijf,
        f"/three-way-talks/{talk['uuid']}/outcome",
        {"heldOn": "2026-03-01", "outcome": "Afspraken over vervoer"},
    )
    assert response.status_code == 200 and response.json()["outcome"] == "Afspraken over vervoer"
    kinds = [
        e["kind"] for e in get(municipality, f"/trajectories/{referred.uuid}").json()["timeline"]
    ]
    assert "signal" in kinds and "talk" in kinds


def test_a_sanction_signal_needs_facts_and_advice(referred, consultant, client_for):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/sanction-signals",
        {"facts": "", "advice": ""},
    )
    assert response.status_code == 400 and invalid_names(response) == {"facts", "advice"}


def test_returns_are_visible_to_the_municipality_at_once(
    referred, consultant, case_manager, case_manager_wijchen, nijmegen, client_for
):
    services.take_step(
        actor=consultant,
        trajectory=referred,
        target="returned",
        reason="Werk is nu niet haalbaar",
        warm_handover=True,
    )
    response = get(client_for(case_manager), "/returns", municipality=str(nijmegen.uuid))
    rows = response.json()["results"]
    assert [(r["uuid"], r["returnReason"], r["returnWarmHandover"]) for r in rows] == [
        (str(referred.uuid), "Werk is nu niet haalbaar", True)
    ]
    assert get(client_for(case_manager_wijchen), "/returns").json()["results"] == []


# --- realisation ---------------------------------------------------------------------------------


def test_the_realisation_of_local_choices(
    druten_trajectory, druten, consultant, policy_adviser_wijchen, client_for
):
    choice = _choice(druten, "zorgjongeren")
    services.add_activity(
        actor=consultant,
        trajectory=druten_trajectory,
        kind="care_youth",
        start=date(2024, 9, 1),
        charge_to=choice,
    )
    response = get(client_for(consultant), "/realisation", municipality=str(druten.uuid), year=2024)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["municipality"]["name"] == "Druten" and data["year"] == 2024
    row = next(r for r in data["services"] if r["localChoice"] == str(choice.uuid))
    assert row["service"]["code"] == "zorgjongeren"
    assert (Decimal(row["bought"]), Decimal(row["inProgress"]), Decimal(row["delivered"])) == (
        Decimal(2),
        Decimal(1),
        Decimal(0),
    )
    assert "forecast" in row
    other = get(
        client_for(policy_adviser_wijchen), "/realisation", municipality=str(druten.uuid), year=2024
    )
    assert other.status_code == 404
    missing = get(client_for(consultant), "/realisation", year=2024)
    assert missing.status_code == 400 and invalid_names(missing) == {"municipality"}


def test_the_realisation_of_this_year_marks_the_carried_over_choices(
    referred, reference_dvo, nijmegen, consultant, client_for
):
    """The 2024-2025 DVO is extended tacitly while 2026-2027 is a draft (art. 16.1)."""
    this_year = timezone.localdate().year
    choice = _choice(nijmegen, "maatwerk-interventies", 2025)
    services.add_activity(
        actor=consultant,
        trajectory=referred,
        kind="versnelling",
        start=timezone.localdate(),
        charge_to=choice,
    )
    response = get(client_for(consultant), "/realisation", municipality=str(nijmegen.uuid))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["year"] == this_year
    row = next(r for r in data["services"] if r["localChoice"] == str(choice.uuid))
    assert row["carriedOverFrom"] == 2025 and Decimal(row["inProgress"]) == 1
    own_year = get(
        client_for(consultant), "/realisation", municipality=str(nijmegen.uuid), year=2025
    )
    assert {r["carriedOverFrom"] for r in own_year.json()["services"]} == {None}


# --- the contract: OpenAPI, the BSN, the processing log -----------------------------------------


@pytest.fixture
def openapi():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def candidate_paths(openapi) -> dict:
    """The operations of this API: the routes in candidates.api.urls."""
    from werkbedrijf.candidates.api.urls import urlpatterns

    mounted = {f"/api/v1/{p.pattern}".replace("<uuid:uuid>", "{uuid}") for p in urlpatterns}
    assert mounted <= set(openapi["paths"]), "the candidate API is not mounted under /api/v1/"
    return {route: openapi["paths"][route] for route in mounted}


def test_the_bsn_never_appears_in_a_url_of_the_api(openapi):
    candidate_paths(openapi)
    for route, operations in openapi["paths"].items():
        assert "bsn" not in route.replace("search-by-bsn", ""), route
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if "bsn" not in parameter["name"].lower():
                    continue
                assert parameter["name"] == "bsnPart" and parameter["in"] == "query"
                schemas = parameter["schema"].get("oneOf", [parameter["schema"]])
                assert all(0 <= schema["maxLength"] <= 4 for schema in schemas), (route, method)
    assert list(openapi["paths"]["/api/v1/candidates/search-by-bsn"]) == ["post"]


def test_every_operation_is_documented(openapi):
    for route, operations in candidate_paths(openapi).items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation["tags"], (route, method)
            assert any(code.startswith("2") for code in operation["responses"]), (route, method)
            assert "400" in operation["responses"] or method == "get", (route, method)
            if method == "post":
                assert "requestBody" in operation, (route, method)
            problem = operation["responses"].get("404", {}).get("content", {})
            assert "{uuid}" not in route or "application/problem+json" in problem, route


def test_the_timeline_uses_a_fixed_number_of_queries(
    referred, consultant, case_manager, employer, client_for, django_assert_max_num_queries
):
    trajectory = in_main_route(referred, consultant)
    client = client_for(consultant)
    url = f"/trajectories/{trajectory.uuid}"
    get(client, url)  # warm the session

    def add_one_of_each():
        services.add_activity(
            actor=consultant, trajectory=trajectory, kind="workshop", start=date(2026, 3, 1)
        )
        services.add_instrument(
            actor=consultant, trajectory=trajectory, kind="job_coaching", start=date(2026, 3, 1)
        )
        signal = services.signal_sanction(
            actor=consultant, trajectory=trajectory, facts="Niet verschenen", advice="Gesprek"
        )
        services.decide_sanction(
            actor=case_manager, signal=signal, decision="followed", reasons="Eens"
        )
        services.plan_talk(
            actor=consultant,
            trajectory=trajectory,
            planned_on=date(2026, 3, 2),
            income_participant=case_manager,
            werkbedrijf_participant=consultant,
        )
        services.add_placement(
            actor=consultant,
            trajectory=trajectory,
            employer=employer,
            form="regular",
            start=date(2026, 4, 1),
            planned_end=None,
            hours_per_week=32,
        )

    add_one_of_each()
    with CaptureQueriesContext(connection) as once:
        get(client, url)
    for _ in range(4):
        add_one_of_each()
    with django_assert_max_num_queries(len(once)):
        response = get(client, url)
    assert len(response.json()["timeline"]) == 3 + 5 * 5  # three steps, five records a round


# --- rules that keep the figures true --------------------------------------------------------


def test_an_activity_dated_before_the_referral_is_refused(referred, consultant, client_for):
    response = post(
        client_for(consultant),
        f"/trajectories/{referred.uuid}/activities",
        {"kind": "workshop", "start": "2026-01-04"},
    )
    assert response.status_code == 400 and invalid_names(response) == {"start"}
    assert not Activity.objects.exists()


def test_an_activity_charged_to_a_choice_of_another_kind_is_refused(
    druten_trajectory, druten, consultant, client_for
):
    response = post(
        client_for(consultant),
        f"/trajectories/{druten_trajectory.uuid}/activities",
        {
            "kind": "participation_coaching",
            "start": "2024-09-01",
            "chargeTo": str(_choice(druten, "zorgjongeren").uuid),
        },
    )
    assert response.status_code == 400 and invalid_names(response) == {"chargeTo"}
    assert not Activity.objects.exists()


def test_at_work_without_a_placement_answers_400(referred, consultant, client_for):
    trajectory = in_main_route(referred, consultant)
    response = post(
        client_for(consultant),
        f"/trajectories/{trajectory.uuid}/steps",
        {"target": "at_work", "occurredOn": "2026-03-01"},
    )
    assert response.status_code == 400 and invalid_names(response) == {"placement"}
    trajectory.refresh_from_db()
    assert trajectory.phase == "main_route"


def test_an_activity_is_completed_through_the_api(referred, consultant, client_for):
    activity, _warning = services.add_activity(
        actor=consultant, trajectory=referred, kind="workshop", start=date(2026, 2, 1)
    )
    client = client_for(consultant)
    url = f"/activities/{activity.uuid}/status"
    before = post(client, url, {"status": "completed", "end": "2026-01-31"})
    assert before.status_code == 400 and invalid_names(before) == {"end"}
    done = post(client, url, {"status": "completed", "end": "2026-02-15"})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "completed" and done.json()["end"] == "2026-02-15"
    again = post(client, url, {"status": "stopped"})
    assert again.status_code == 400 and invalid_names(again) == {"status"}
    assert api_log(record_uuid=referred.uuid, action="update").exists()


def test_another_municipality_cannot_complete_an_activity(
    referred, consultant, case_manager_wijchen, client_for
):
    activity, _warning = services.add_activity(
        actor=consultant, trajectory=referred, kind="workshop", start=date(2026, 2, 1)
    )
    response = post(
        client_for(case_manager_wijchen),
        f"/activities/{activity.uuid}/status",
        {"status": "completed"},
    )
    assert response.status_code in (403, 404)
    activity.refresh_from_db()
    assert activity.status == "planned"


def test_the_participatieladder_step_is_recorded_through_the_api_as_on_the_screen(
    consultant, case_manager, nijmegen, client_for
):
    from werkbedrijf.candidates.models import LadderStep

    trajectory = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(
            bsn=nth_test_bsn(811),
            first_name="Trede",
            last_name="Kandidaat",
            date_of_birth=date(1991, 1, 1),
        ),
        referred_on=date.today() - timedelta(days=30),
    )
    client = client_for(consultant)
    url = f"/api/v1/trajectories/{trajectory.uuid}/ladder-steps"
    refused = client.post(url, {"moment": "intake", "step": 7}, content_type="application/json")
    assert refused.status_code == 400 and "step" in str(refused.json())
    created = client.post(url, {"moment": "intake", "step": 2}, content_type="application/json")
    assert created.status_code == 201 and created.json()["step"] == 2
    assert LadderStep.objects.get(trajectory=trajectory).step == 2
