"""The benefit type on the candidate (bijstand, IOAW, IOAZ, Anw, none; DVO art. 12.4): a database
constraint, and the referral screen, API and upload accept it; the candidate page shows it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from werkbedrijf.candidates import policies
from werkbedrijf.candidates.imports import import_referrals
from werkbedrijf.candidates.models import Candidate

from .test_api import API, body, invalid_names
from .test_imports import BSN_1, BSN_2, HEADER, csv_bytes, row
from .test_views import BSN, referral_data

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_unknown_benefit_type(nijmegen):
    candidate = Candidate.objects.create(
        bsn="999990019",
        first_name="A",
        last_name="B",
        date_of_birth="1990-01-01",
        municipality=nijmegen,
        benefit_type="ioaw",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(benefit_type="ww")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bijstand", "bijstand"),
        (" IOAW ", "ioaw"),
        ("ioaz", "ioaz"),
        ("Anw", "anw"),
        ("geen", "none"),
    ],
)
def test_the_words_a_file_uses_for_the_benefit_type(text, expected):
    assert policies.benefit_type_from_text(text) == expected


def test_an_unknown_word_is_not_a_benefit_type():
    with pytest.raises(ValueError):
        policies.benefit_type_from_text("WW")


def test_the_api_referral_records_the_benefit_type(case_manager, nijmegen, client_for):
    client = client_for(case_manager)
    response = client.post(
        f"{API}/referrals",
        body(municipality=str(nijmegen.uuid), benefitType="ioaw"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    candidate = Candidate.objects.get(uuid=response.json()["candidate"]["uuid"])
    assert candidate.benefit_type == "ioaw"
    refused = client.post(
        f"{API}/referrals",
        body(municipality=str(nijmegen.uuid), benefitType="ww", bsn="999990020"),
        content_type="application/json",
    )
    assert refused.status_code == 400 and invalid_names(refused) == {"benefitType"}


def test_the_upload_reads_the_benefit_type_and_refuses_an_unknown_one(case_manager, nijmegen):
    header = [*HEADER, "soort_uitkering"]
    data = csv_bytes([[*row(BSN_1), "Anw"], [*row(BSN_2), "WW"]], header=header)
    report = import_referrals(
        actor=case_manager, municipality=nijmegen, uploaded_file_bytes=data, filename="v.csv"
    )
    assert Candidate.objects.get(bsn=BSN_1).benefit_type == "anw"
    refused = [r for r in report.rows if r.status != "created"]
    assert len(refused) == 1 and "soort_uitkering" in refused[0].errors
    assert "IOAW" in refused[0].errors["soort_uitkering"][0]
    assert not Candidate.objects.filter(bsn=BSN_2).exists()


def test_the_referral_screen_records_it_and_the_candidate_page_shows_it(
    client_for, case_manager, nijmegen
):
    client = client_for(case_manager)
    assert 'name="benefit_type"' in client.get(reverse("candidates:refer")).content.decode()
    response = client.post(
        reverse("candidates:refer"),
        referral_data(municipality=str(nijmegen.uuid), benefit_type="bijstand"),
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get(bsn=BSN)
    assert candidate.benefit_type == "bijstand"
    page = client.get(response["Location"]).content.decode()
    assert "Bijstand (Participatiewet)" in page
