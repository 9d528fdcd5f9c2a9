"""The CBS delivery file (SRG, DVO art. 12.4): the records of a month, written out; a month with
invalid records refused with every problem named; a month not yet over refused; only the
municipality's own Inkomen case manager; every person exported in the processing log."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates.models import Candidate, Instrument, Phase, Placement, Trajectory
from werkbedrijf.employers.models import Employer
from werkbedrijf.processing_log.models import ProcessedObjects, ProcessingLogEntry
from werkbedrijf.reporting import srg, srg_selectors
from werkbedrijf.utils.bsn import valid_bsns

pytestmark = pytest.mark.django_db

MARCH = srg.month_period(2025, 3)
BSN_A, BSN_B, BSN_C, BSN_D = valid_bsns(999993000, 4)


def _trajectory(municipality, bsn, last_name, benefit_type):
    candidate = Candidate.objects.create(
        bsn=bsn,
        first_name="Test",
        last_name=last_name,
        date_of_birth=date(1980, 1, 1),
        municipality=municipality,
        benefit_type=benefit_type,
    )
    return Trajectory.objects.create(
        candidate=candidate,
        municipality=municipality,
        referred_on=date(2024, 12, 1),
        channel="screen",
        phase=Phase.MAIN_ROUTE,
        phase_since=date(2024, 12, 1),
    )


def _instrument(trajectory, kind, start, end=None):
    return Instrument.objects.create(
        trajectory=trajectory, kind=kind, start=start, end=end, srg_category="x"
    )


@pytest.fixture
def residents(nijmegen, wijchen):
    employer = Employer.objects.create(
        name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )
    a = _trajectory(nijmegen, BSN_A, "Aalders", "bijstand")
    b = _trajectory(nijmegen, BSN_B, "Bakker", "none")
    w = _trajectory(wijchen, BSN_C, "Wijchenaar", "ioaw")
    coaching = _instrument(a, "job_coaching", date(2025, 2, 1), date(2025, 4, 30))
    trial = Placement.objects.create(
        trajectory=a,
        employer=employer,
        form="trial",
        start=date(2025, 3, 10),
        hours_per_week=Decimal(20),
    )
    aids = _instrument(b, "portable_aids", date(2025, 3, 31))
    _instrument(b, "job_coaching", date(2025, 1, 1), date(2025, 2, 28))  # over before March
    _instrument(w, "job_coaching", date(2025, 3, 1))  # Wijchen's resident
    Placement.objects.create(  # regular work is not a facility
        trajectory=b,
        employer=employer,
        form="regular",
        start=date(2025, 3, 1),
        hours_per_week=Decimal(32),
    )
    return {"a": a, "b": b, "coaching": coaching, "trial": trial, "aids": aids}


def test_the_file_of_a_month_holds_each_facility_that_ran_in_it(residents, case_manager):
    found, sheet = srg_selectors.export(case_manager, MARCH)
    assert sheet.header == list(srg.HEADER)
    assert sheet.rows == [
        [
            "0268", "202503", BSN_A, "bijstand", "30", "Jobcoach/begeleiding op de werkplek",
            date(2025, 2, 1), date(2025, 4, 30), "instrument", str(residents["coaching"].uuid),
        ],
        [
            "0268", "202503", BSN_A, "bijstand", "23", "Proefplaatsing t.b.v. loonwaardebepaling",
            date(2025, 3, 10), None, "placement", str(residents["trial"].uuid),
        ],
        [
            "0268", "202503", BSN_B, "geen", "59", "Overige faciliterende voorziening",
            date(2025, 3, 31), None, "instrument", str(residents["aids"].uuid),
        ],
    ]  # fmt: skip
    assert found.persons == 2


def test_every_person_in_the_file_is_logged_as_exported(residents, case_manager):
    srg_selectors.export(case_manager, MARCH)
    exported = ProcessingLogEntry.objects.filter(action="export", record_type="srg_record")
    assert {e.record_uuid for e in exported} == {
        residents["coaching"].uuid,
        residents["trial"].uuid,
        residents["aids"].uuid,
    }
    assert {e.data_subject_uuid for e in exported} == {
        residents["a"].candidate.uuid,
        residents["b"].candidate.uuid,
    }
    assert all(e.purpose and e.legal_basis and e.actor == case_manager for e in exported)
    assert all(BSN_A not in e.detail for e in ProcessingLogEntry.objects.all())


def test_a_month_with_invalid_records_is_refused_naming_each_problem(
    residents, case_manager, nijmegen
):
    d = _trajectory(nijmegen, BSN_D, "Dekker", "")  # benefit type not recorded
    _instrument(d, "training", date(2025, 3, 5))  # no SRG code established for Scholing
    with pytest.raises(ValidationError) as refused:
        srg_selectors.export(case_manager, MARCH)
    message = refused.value.message_dict["month"][0]
    assert message.startswith("De maand heeft 1 ongeldige records")
    assert "Test Dekker, Scholing vanaf 05-03-2025" in message
    assert "soort uitkering" in message and "SRG-code" in message
    assert BSN_D not in message
    assert not ProcessingLogEntry.objects.filter(action="export").exists()
    problems = srg_selectors.delivery(case_manager, MARCH).problems
    assert len(problems) == 2 and {p.record.candidate_name for p in problems} == {"Test Dekker"}


def test_an_invalid_bsn_is_a_problem(residents, case_manager):
    Candidate.objects.filter(bsn=BSN_B).update(bsn="123456789")
    problems = srg_selectors.delivery(case_manager, MARCH).problems
    assert [p.message for p in problems] == ["Het BSN voldoet niet aan de 11-proef."]


def test_a_month_that_has_not_ended_is_refused(case_manager):
    from django.utils import timezone

    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        srg_selectors.export(case_manager, srg.month_period(today.year, today.month))
    assert "nog niet voorbij" in refused.value.message_dict["month"][0]


def test_only_the_municipalitys_own_case_manager_gets_the_file(
    residents, policy_adviser_nijmegen, consultant, dvo_admin, make_user, wijchen
):
    for user in (policy_adviser_nijmegen, consultant, dvo_admin):
        with pytest.raises(AccessDenied):
            srg_selectors.export(user, MARCH)
    from werkbedrijf.accounts.models import Role

    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    _found, sheet = srg_selectors.export(wijchen_manager, MARCH)
    assert [row[2] for row in sheet.rows] == [BSN_C]


def test_the_month_is_read_as_jjjj_mm():
    assert srg.parse_month("2025-03") == MARCH
    for wrong in ("2025-13", "03-2025", "2025", "abcd-ef", "1999-01"):
        with pytest.raises(ValueError):
            srg.parse_month(wrong)


def test_every_instrument_kind_is_in_the_code_table_and_a_code_is_two_digits():
    from werkbedrijf.candidates.models import InstrumentKind

    assert set(srg.INSTRUMENT_TYPES) == set(InstrumentKind.values)
    codes = [t.code for t in [*srg.INSTRUMENT_TYPES.values(), *srg.PLACEMENT_TYPES.values()]]
    assert all(c is None or (len(c) == 2 and c.isdigit()) for c in codes)


# --- the screen and the API -------------------------------------------------------------------


def test_the_screen_checks_a_month_and_downloads_its_file(residents, case_manager, client_for):
    client = client_for(case_manager)
    page = client.get(reverse("reporting:srg"), {"month": "2025-03"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-srg-download" in html and "data-srg-problems" not in html
    download = client.get(reverse("reporting:srg_download"), {"month": "2025-03", "format": "csv"})
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('srg-gm0268-2025-03.csv"')
    text = download.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(srg.HEADER)
    assert f"0268;202503;{BSN_A};bijstand;30;" in text
    xlsx = client.get(reverse("reporting:srg_download"), {"month": "2025-03", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_screen_refuses_an_invalid_month_with_the_problems(
    residents, case_manager, client_for, nijmegen
):
    d = _trajectory(nijmegen, BSN_D, "Dekker", "")
    _instrument(d, "training", date(2025, 3, 5))
    client = client_for(case_manager)
    refused = client.get(reverse("reporting:srg_download"), {"month": "2025-03", "format": "csv"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "data-srg-problems" in html and "Test Dekker" in html and "ongeldige records" in html
    assert BSN_D not in html
    problems = client.get(reverse("reporting:srg"), {"month": "2025-03", "export": "csv"})
    lines = problems.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Persoon;Voorziening;Begin;Probleem" and len(lines) == 3
    assert all(line.startswith("Test Dekker;Scholing;05-03-2025;") for line in lines[1:])
    assert ProcessingLogEntry.objects.filter(action="export", record_type="srg_problem").exists()
    wrong = client.get(reverse("reporting:srg"), {"month": "maart"})
    assert wrong.status_code == 400 and "jjjj-mm" in wrong.content.decode()


def test_a_policy_adviser_may_not_open_the_screen(policy_adviser_nijmegen, client_for):
    assert client_for(policy_adviser_nijmegen).get(reverse("reporting:srg")).status_code == 403


def test_the_api_answers_the_records_or_a_problem(residents, case_manager, client_for, nijmegen):
    client = client_for(case_manager)
    response = client.get("/api/v1/srg-deliveries", {"month": "2025-03"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["persons"] == 2 and data["provisional"] is True
    assert [(r["bsn"], r["facilityCode"]) for r in data["records"]] == [
        (BSN_A, "30"),
        (BSN_A, "23"),
        (BSN_B, "59"),
    ]
    assert ProcessingLogEntry.objects.filter(action="export", channel="api").count() == 3
    d = _trajectory(nijmegen, BSN_D, "Dekker", "")
    _instrument(d, "training", date(2025, 3, 5))
    refused = client.get("/api/v1/srg-deliveries", {"month": "2025-03"})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "Test Dekker" in refused.content.decode()
    for wrong in ("2025-3", "1999-12", "0000-01"):
        bad = client.get("/api/v1/srg-deliveries", {"month": wrong})
        assert bad.status_code == 400 and "jjjj-mm" in bad.content.decode()


def test_the_api_refuses_other_roles(policy_adviser_nijmegen, client_for):
    response = client_for(policy_adviser_nijmegen).get(
        "/api/v1/srg-deliveries", {"month": "2025-03"}
    )
    assert response.status_code == 403
    assert not ProcessedObjects.objects.exists()
