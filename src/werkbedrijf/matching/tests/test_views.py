"""The matching screens: a consultant enters a vacancy, reads the shortlist with its evidence,
proposes and decides; the work profile, the batch, the bias monitor and the anonymised PDF."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from werkbedrijf.matching.models import Proposal, Vacancy
from werkbedrijf.processing_log.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db


def _vacancy_form(employer, **changes):
    data = {
        "employer": str(employer.uuid),
        "title": "Orderpicker",
        "occupation": "orderpicker",
        "sector_group": "production_logistics",
        "postcode": "6601 AB",
        "hours_per_week": "24",
        "days": ["mon", "tue"],
        "shifts": ["day"],
        "start_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "employment_forms": ["regular"],
        "places": "1",
        "certificates": ["heftruck"],
        "dutch_level": "A2",
        "competences_must": ["orders-verzamelen"],
    }
    data.update(changes)
    return data


def test_consultant_enters_a_vacancy_and_sees_the_shortlist(
    client_for, consultant, employer, make_candidate
):
    candidate = make_candidate()
    client = client_for(consultant)
    response = client.post(reverse("matching:vacancies"), _vacancy_form(employer))
    assert response.status_code == 302, response.content.decode()[:3000]
    vacancy = Vacancy.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert candidate.full_name in page
    assert "rijbewijs" not in page or "gevraagd en aanwezig" in page
    assert "Heftruckcertificaat gevraagd en aanwezig" in page
    assert "Gewicht" in page or "Weging" in page
    response = client.post(
        reverse("matching:propose", args=[vacancy.uuid]),
        {"candidate": str(candidate.uuid), "reason": "Sterke praktijkdiagnose"},
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    prefix = f"p-{proposal.uuid}"
    for step, extra in (
        ("view", {"view": "Wil graag", "agrees": "yes"}),
        ("introduce", {}),
        ("hired", {"form": "regular", "start": timezone.localdate().isoformat()}),
    ):
        proposal.refresh_from_db()
        data = {f"{prefix}-step": step, f"{prefix}-version": proposal.lock_version}
        data.update({f"{prefix}-{k}": v for k, v in extra.items()})
        client.post(reverse("matching:decide", args=[proposal.uuid]), data)
    proposal.refresh_from_db()
    assert proposal.status == "hired"
    assert proposal.placement is not None


def test_a_zero_hour_vacancy_is_refused_on_the_screen(client_for, consultant, employer, catalogue):
    response = client_for(consultant).post(
        reverse("matching:vacancies"), _vacancy_form(employer, hours_per_week="0")
    )
    assert response.status_code == 400
    assert "meer dan 0" in response.content.decode()
    assert not Vacancy.objects.exists()


def test_a_stale_decision_says_so(client_for, consultant, vacancy, make_candidate):
    from werkbedrijf.matching import services

    proposal = services.propose_candidate(
        actor=consultant, vacancy=vacancy, candidate=make_candidate(), reason="Goed"
    )
    services.record_candidate_view(
        actor=consultant, proposal=proposal, version=1, view="Ja", agrees=True
    )
    prefix = f"p-{proposal.uuid}"
    response = client_for(consultant).post(
        reverse("matching:decide", args=[proposal.uuid]),
        {f"{prefix}-step": "rejected", f"{prefix}-version": "1", f"{prefix}-reason": "Nee"},
        follow=True,
    )
    assert "Iemand anders" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_work_profile_screen_shows_completeness_and_saves(client_for, consultant, make_candidate):
    candidate = make_candidate(profile=False)
    client = client_for(consultant)
    url = reverse("matching:work_profile", args=[candidate.uuid])
    page = client.get(url).content.decode()
    assert 'data-completeness="' in page
    response = client.post(
        url,
        {
            "max_travel_km": "500",
            "comp-TOTAL_FORMS": "0",
            "comp-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "hoogstens 100 km" in response.content.decode()
    response = client.post(
        url,
        {
            "max_travel_km": "12",
            "hours_per_week": "20",
            "comp-TOTAL_FORMS": "1",
            "comp-INITIAL_FORMS": "0",
            "comp-0-code": "samenwerken",
            "comp-0-source": "intake",
            "comp-0-level": "2",
        },
    )
    assert response.status_code == 302
    candidate.work_profile.refresh_from_db()
    assert candidate.work_profile.competences == [
        {"code": "samenwerken", "source": "intake", "level": 2}
    ]


def test_anonymised_profile_has_no_name_bsn_or_address(client_for, consultant, make_candidate):
    candidate = make_candidate(first_name="Zeldzame", last_name="Achternaamsen")
    response = client_for(consultant).get(reverse("matching:profile_pdf", args=[candidate.uuid]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Heftruckcertificaat" in text
    for secret in ("Zeldzame", "Achternaamsen", candidate.bsn, "6511", "1990"):
        assert secret not in text
    assert ProcessingLogEntry.objects.filter(action="export", detail="anonymised profile").exists()


def test_batch_and_bias_monitor_render(client_for, consultant, vacancy, make_candidate):
    from datetime import date

    make_candidate()
    make_candidate(date_of_birth=date(2004, 3, 1))  # one person under 27: "< 5"
    client = client_for(consultant)
    page = client.get(reverse("matching:batch"), {"size": "3", "per_candidate": "1"})
    assert page.status_code == 200
    assert vacancy.title in page.content.decode()
    page = client.get(reverse("matching:bias"))
    assert page.status_code == 200
    assert "&lt; 5" in page.content.decode()


def test_case_manager_gets_no_match_list(client_for, case_manager, vacancy):
    assert client_for(case_manager).get(
        reverse("matching:vacancy", args=[vacancy.uuid])
    ).status_code in (403, 404)


def test_tables_export_as_csv_and_xlsx(client_for, consultant, vacancy, make_candidate):
    from datetime import date

    candidate = make_candidate(date_of_birth=date(2004, 3, 1))
    client = client_for(consultant)
    response = client.get(reverse("matching:bias"), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "< 5" in response.content.decode("utf-8-sig")
    response = client.get(reverse("matching:vacancy", args=[vacancy.uuid]), {"formaat": "xlsx"})
    assert response.content.startswith(b"PK")
    assert ProcessingLogEntry.objects.filter(
        action="export", data_subject_uuid=candidate.uuid, detail="match list export"
    ).exists()
    response = client.get(reverse("matching:vacancies"), {"formaat": "csv"})
    assert vacancy.title in response.content.decode("utf-8-sig")


def test_consultant_puts_a_vacancy_on_hold_and_a_refused_change_says_why(
    client_for, consultant, vacancy
):
    client = client_for(consultant)
    page = client.get(reverse("matching:vacancy", args=[vacancy.uuid])).content.decode()
    assert 'data-form="vacancy-status"' in page
    url = reverse("matching:vacancy_status", args=[vacancy.uuid])
    response = client.post(url, {"status": "on_hold", "version": "1"}, follow=True)
    assert "De vacature is aangehouden sinds " + timezone.localdate().strftime("%d-%m-%Y") in (
        response.content.decode()
    )
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.status_since) == ("on_hold", timezone.localdate())
    # A page opened before that change: nothing is written, and the screen says so.
    response = client.post(url, {"status": "withdrawn", "version": "1"}, follow=True)
    assert "Iemand anders heeft deze vacature gewijzigd" in response.content.decode()
    client.post(url, {"status": "withdrawn", "version": "2"})
    response = client.post(url, {"status": "open", "version": "3"}, follow=True)
    page = response.content.decode()
    assert "Een ingetrokken vacature kan niet meer veranderen" in page
    assert 'data-form="vacancy-status"' not in page
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.lock_version) == ("withdrawn", 3)


def test_candidate_page_links_to_the_work_profile_with_its_completeness(
    client_for, consultant, case_manager, make_candidate
):
    without = make_candidate(profile=False)
    page = client_for(consultant).get(reverse("candidates:candidate", args=[without.uuid]))
    html = page.content.decode()
    assert "Nog geen werkprofiel." in html
    assert reverse("matching:work_profile", args=[without.uuid]) in html
    candidate = make_candidate(profile={"occupation_wishes": []})
    html = (
        client_for(consultant)
        .get(reverse("candidates:candidate", args=[candidate.uuid]))
        .content.decode()
    )
    assert 'data-work-profile-summary data-completeness="82"' in html
    assert "Ontbreekt: gewenste beroepen, beschikbaar vanaf." in html
    assert ProcessingLogEntry.objects.filter(
        record_type="matching.WorkProfile", detail="work profile", actor=consultant
    ).exists()
    # The municipality's case manager sees the candidate, not the work profile.
    html = (
        client_for(case_manager)
        .get(reverse("candidates:candidate", args=[candidate.uuid]))
        .content.decode()
    )
    assert "data-work-profile-summary" not in html
