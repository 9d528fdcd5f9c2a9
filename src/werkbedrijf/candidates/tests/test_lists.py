"""The caseload starts with a consultant's own candidates and shows the total; each list downloads
as XLSX and CSV (the CSV starts with its header line); people are shown by name."""

import io
from datetime import date

import pytest
from django.urls import reverse

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db


def refer(actor, municipality, n: int, last_name: str):
    return services.refer_candidate(
        actor=actor,
        municipality=municipality,
        person=PersonInput(nth_test_bsn(500 + n), "Sem", last_name, date(1990, 5, 1)),
        referred_on=date(2026, 1, 5),
    )


@pytest.fixture
def named_consultant(make_user, werkbedrijf_org):
    user = make_user(Role.CONSULTANT, werkbedrijf_org, username="c.jansen")
    user.first_name, user.last_name = "Carla", "Jansen"
    user.save()
    return user


@pytest.fixture
def three(case_manager, nijmegen, named_consultant):
    rows = [refer(case_manager, nijmegen, i, name) for i, name in enumerate(("Aa", "Bee", "Cee"))]
    services.assign_contact(
        actor=named_consultant, candidate=rows[0].candidate, contact=named_consultant, note=""
    )
    return rows


def test_a_consultants_caseload_starts_with_their_own_candidates_and_the_total(
    client_for, named_consultant, three
):
    client = client_for(named_consultant)
    mine = client.get(reverse("candidates:caseload")).content.decode()
    assert mine.count("data-candidate=") == 1
    assert f'data-candidate="{three[0].candidate.uuid}"' in mine
    assert 'data-total="1"' in mine
    every = client.get(reverse("candidates:caseload"), {"whose": "all"}).content.decode()
    assert every.count("data-candidate=") == 3 and 'data-total="3"' in every


def test_a_case_manager_has_no_mine_choice(client_for, case_manager, three):
    html = client_for(case_manager).get(reverse("candidates:caseload")).content.decode()
    assert 'name="whose"' not in html
    assert html.count("data-candidate=") == 3 and 'data-total="3"' in html


def test_the_caseload_shows_the_contact_person_by_name(client_for, named_consultant, three):
    html = client_for(named_consultant).get(reverse("candidates:caseload")).content.decode()
    assert "Carla Jansen" in html and "c.jansen" not in html


def test_the_caseload_exports_as_csv_with_the_header_first_and_is_logged(
    client_for, named_consultant, three
):
    client = client_for(named_consultant)
    url = reverse("candidates:caseload_export", args=["csv"])
    response = client.get(url, {"whose": "all"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Achternaam;Voornaam;BSN;")
    assert len(lines) == 4
    assert "Carla Jansen" in text and "999" not in lines[1].split(";")[2][:3]
    logged = ProcessingLogEntry.objects.filter(
        action="export", record_type="candidates.Candidate", actor=named_consultant
    )
    assert logged.count() == 3


def test_the_caseload_exports_as_xlsx_with_the_filters_on_screen(
    client_for, named_consultant, three
):
    from openpyxl import load_workbook

    response = client_for(named_consultant).get(
        reverse("candidates:caseload_export", args=["xlsx"])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Achternaam" and len(rows) == 2  # mine: one candidate
    assert rows[1][0] == "Aa"


def test_an_unknown_export_format_is_not_found(client_for, named_consultant):
    url = reverse("candidates:caseload_export", args=["pdf"])
    assert client_for(named_consultant).get(url).status_code == 404


def test_the_moves_list_exports_and_is_logged(client_for, consultant, three, wijchen):
    services.move_candidate(
        actor=consultant,
        candidate=three[1].candidate,
        to_municipality=wijchen,
        moved_on=date(2026, 2, 1),
        reason="Nieuw adres.",
    )
    client = client_for(consultant)
    page = client.get(reverse("candidates:moves")).content.decode()
    assert reverse("candidates:moves_export", args=["csv"]) in page
    response = client.get(reverse("candidates:moves_export", args=["csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Datum van de verhuizing;")
    assert "01-02-2026" in lines[1] and "Wijchen" in lines[1]
    assert ProcessingLogEntry.objects.filter(
        action="export", record_type="candidates.CandidateMove"
    ).exists()
    xlsx = client.get(reverse("candidates:moves_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_returns_name_who_returned_the_candidate(client_for, named_consultant, three):
    services.take_step(
        actor=named_consultant,
        trajectory=three[2],
        target="returned",
        occurred_on=date(2026, 2, 1),
        reason="Niet bemiddelbaar.",
    )
    from werkbedrijf.candidates import selectors

    (row,) = selectors.recent_returns(named_consultant, days=10_000)
    assert row.returned_by == "Carla Jansen"
