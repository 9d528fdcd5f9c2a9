"""The interim and annual report: made for an ended period only, explained, published once and
frozen, corrected as a new version; the PDF holds the figures."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from pypdf import PdfReader

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates.models import Trajectory
from werkbedrijf.reporting import services
from werkbedrijf.reporting.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user, werkbedrijf_org):
    return make_user(Role.MANAGER, werkbedrijf_org)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_report_for_a_period_not_ended_is_refused(manager, nijmegen):
    with pytest.raises(ValidationError) as refused:
        services.create_report(
            actor=manager, kind="annual", year=2026, municipality=nijmegen, today=date(2026, 12, 7)
        )
    assert refused.value.message_dict["year"] == [
        "De periode 01-01-2026 tot en met 31-12-2026 is nog niet voorbij: een rapportage kan "
        "alleen over een afgelopen periode worden gemaakt."
    ]
    assert not Report.objects.exists()
    # The interim report of 2026 covers the first half year, which has ended.
    report = services.create_report(
        actor=manager, kind="interim", year=2026, municipality=nijmegen, today=date(2026, 12, 7)
    )
    assert (report.period_start, report.period_end) == (date(2026, 1, 1), date(2026, 6, 30))


def test_a_policy_adviser_makes_no_report(policy_adviser_nijmegen, nijmegen):
    with pytest.raises(AccessDenied):
        services.create_report(
            actor=policy_adviser_nijmegen, kind="interim", year=2025, municipality=nijmegen
        )


@override_settings(SMALL_COUNT_THRESHOLD=2)
def test_publish_freezes_the_figures_and_the_pdf_holds_them(population, manager):
    report = services.create_report(
        actor=manager, kind="interim", year=2025, municipality=population.nijmegen
    )
    services.explain(
        actor=manager, report=report, explanations={"inflow": "Minder aanmeldingen door de zomer."}
    )
    report = services.publish(actor=manager, report=report)
    assert report.status == ReportStatus.PUBLISHED
    sections = {s["code"]: s for s in report.figures["sections"]}
    assert sections["inflow"]["total"] == {"value": "4", "persons": 4}
    assert sections["days_to_work"]["total"] == {"value": "197.0", "persons": 2}
    assert sections["local_choices"]["total"] == {"value": "15.0", "persons": 3}
    assert report.figures["period"] == ["2025-01-01", "2025-06-30"]
    assert report.definitions_version == report.figures["definitions_version"]

    text = pdf_text(bytes(report.pdf))
    assert "Tussenrapportage 2025 – Nijmegen" in text
    assert "01-01-2025" in text and "30-06-2025" in text
    assert "Instroom: aanmeldingen" in text
    assert "Minder aanmeldingen door de zomer." in text
    # With the threshold at 2 (this population is small): the figures, and "< 2" for one person.
    assert "197" in text  # median days from referral to work
    assert "€ 1.250,50" in text  # the amount of the instruments
    assert "15 %" in text  # the realisation of the local choices
    assert "50 %" in text  # decisions that followed the advice
    assert "< 2" in text  # one Op Weg Naar Werk arrangement
    # Nothing changes a published report: a new referral does not move its figures.
    Trajectory.objects.filter(pk=population.t[5].pk).update(referred_on=date(2025, 3, 1))
    report.refresh_from_db()
    assert {s["code"]: s for s in report.figures["sections"]}["inflow"]["total"]["value"] == "4"


def test_a_second_publication_is_refused_and_a_correction_is_a_new_version(population, manager):
    report = services.create_report(
        actor=manager, kind="interim", year=2025, municipality=population.nijmegen
    )
    report = services.publish(actor=manager, report=report)
    frozen = report.figures
    with pytest.raises(ValidationError) as refused:
        services.publish(actor=manager, report=report)
    assert "gepubliceerd" in refused.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        services.explain(actor=manager, report=report, explanations={"inflow": "later"})
    with pytest.raises(ValidationError):
        services.create_report(
            actor=manager, kind="interim", year=2025, municipality=population.nijmegen
        )
    correction = services.correct(actor=manager, report=report)
    assert (correction.version, correction.corrects, correction.status) == (2, report, "draft")
    report.refresh_from_db()
    assert report.figures == frozen and report.status == ReportStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.correct(actor=manager, report=report)  # one correction in draft at a time


def test_the_region_report_shows_the_seven_side_by_side(population, manager):
    report = services.create_report(actor=manager, kind="annual", year=2025, municipality=None)
    report = services.generate(report.pk)
    sections = {s["code"]: s for s in report.figures["sections"]}
    per = {m["label"]: m["value"] for m in sections["inflow"]["municipalities"]}
    assert per["Nijmegen"] == "4" and per["Wijchen"] == "2" and len(per) == 7
    assert sections["inflow"]["total"]["value"] == "6"
    text = pdf_text(bytes(Report.objects.get(pk=report.pk).pdf))
    assert "Jaarverslag 2025 – Regio Rijk van Nijmegen" in text
    assert "concept" in text
    assert "< 5" in text  # Wijchen's two referrals
