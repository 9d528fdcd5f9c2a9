"""Certificates obtained in a trajectory: dated, from the catalogue, within the trajectory, added
to the work profile with source certificate, recorded on the candidate's page and through the API,
and every reading and recording in the processing log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import Activity, ActivityKind, Instrument, Phase
from werkbedrijf.candidates.tests.forms_on_demand import with_forms
from werkbedrijf.matching import services
from werkbedrijf.matching.models import Competence, ObtainedCertificate, WorkProfile
from werkbedrijf.processing_log.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

API = "/api/v1"
PROBLEM = "application/problem+json"


def _trajectory(candidate):
    return candidate.trajectories.get()


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_certificate_is_recorded_and_enters_the_work_profile(make_candidate, consultant):
    candidate = make_candidate(
        profile={"competences": [{"code": "bhv", "source": "training", "level": 2}]}
    )
    trajectory = _trajectory(candidate)
    day = timezone.localdate() - timedelta(days=3)
    training = Activity.objects.create(
        trajectory=trajectory, kind=ActivityKind.TRAINING, name="VCA-training", start=day
    )
    record = services.record_certificate(
        actor=consultant,
        trajectory=trajectory,
        certificate="vca-basis",
        obtained_on=day,
        activity=training,
    )
    assert (record.certificate.code, record.obtained_on, record.activity) == (
        "vca-basis",
        day,
        training,
    )
    assert record.recorded_by == consultant
    services.record_certificate(
        actor=consultant, trajectory=trajectory, certificate="bhv", obtained_on=day
    )
    profile = WorkProfile.objects.get(candidate=candidate)
    by_code = {c["code"]: c for c in profile.competences}
    assert by_code["vca-basis"] == {"code": "vca-basis", "source": "certificate", "level": 4}
    # A competence the profile had from a training is now proven by the certificate.
    assert by_code["bhv"] == {"code": "bhv", "source": "certificate", "level": 2}
    assert [c["code"] for c in profile.competences].count("bhv") == 1
    assert ProcessingLogEntry.objects.filter(
        action="create", record_uuid=trajectory.uuid, detail="certificate"
    ).exists()
    assert ProcessingLogEntry.objects.filter(
        action="update", record_uuid=profile.uuid, detail="certificate obtained"
    ).exists()


def test_without_a_work_profile_none_is_made(make_candidate, consultant):
    candidate = make_candidate(profile=False)
    services.record_certificate(
        actor=consultant,
        trajectory=_trajectory(candidate),
        certificate="heftruck",
        obtained_on=timezone.localdate(),
    )
    assert not WorkProfile.objects.filter(candidate=candidate).exists()
    assert ObtainedCertificate.objects.count() == 1


def test_bad_certificates_are_refused_naming_the_field(make_candidate, consultant):
    trajectory = _trajectory(make_candidate())
    today = timezone.localdate()

    def record(**changes):
        data = {"certificate": "heftruck", "obtained_on": today, **changes}
        return lambda: services.record_certificate(actor=consultant, trajectory=trajectory, **data)

    assert "toekomst" in _errors(record(obtained_on=today + timedelta(days=1)))["obtained_on"][0]
    before = trajectory.referred_on - timedelta(days=1)
    assert "vóór de aanmelding" in _errors(record(obtained_on=before))["obtained_on"][0]
    assert "catalogus" in _errors(record(certificate="vliegbrevet"))["certificate"][0]
    # A competence of the catalogue that is not a certificate is not one either.
    assert Competence.objects.get(code="orders-verzamelen").kind == "skill"
    assert "catalogus" in _errors(record(certificate="orders-verzamelen"))["certificate"][0]
    other = make_candidate()
    elsewhere = Activity.objects.create(
        trajectory=_trajectory(other), kind=ActivityKind.TRAINING, start=today
    )
    assert "activity" in _errors(record(activity=elsewhere))
    record()()
    assert "al vastgelegd" in _errors(record())["certificate"][0]
    assert ObtainedCertificate.objects.count() == 1


def test_a_closed_trajectory_takes_a_certificate_obtained_before_its_end(
    make_candidate, consultant, case_manager
):
    trajectory = _trajectory(make_candidate())
    ended = timezone.localdate() - timedelta(days=10)
    trajectory = candidate_services.take_step(
        actor=consultant,
        trajectory=trajectory,
        target=Phase.RETURNED,
        occurred_on=ended,
        reason="Verhuisd",
    )
    assert trajectory.closed_on == ended
    after = _errors(
        lambda: services.record_certificate(
            actor=consultant,
            trajectory=trajectory,
            certificate="bhv",
            obtained_on=ended + timedelta(days=1),
        )
    )
    assert "na het einde" in after["obtained_on"][0]
    services.record_certificate(
        actor=consultant, trajectory=trajectory, certificate="bhv", obtained_on=ended
    )
    with pytest.raises(AccessDenied):
        services.record_certificate(
            actor=case_manager, trajectory=trajectory, certificate="haccp", obtained_on=ended
        )


def test_the_database_refuses_a_double_and_two_sources(make_candidate, consultant):
    trajectory = _trajectory(make_candidate())
    today = timezone.localdate()
    record = services.record_certificate(
        actor=consultant, trajectory=trajectory, certificate="bhv", obtained_on=today
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ObtainedCertificate.objects.create(
            trajectory=trajectory, certificate=record.certificate, obtained_on=today
        )
    training = Activity.objects.create(
        trajectory=trajectory, kind=ActivityKind.TRAINING, start=today
    )
    instrument = Instrument.objects.create(
        trajectory=trajectory, kind="training", start=today, srg_category="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ObtainedCertificate.objects.create(
            trajectory=trajectory,
            certificate=Competence.objects.get(code="haccp"),
            obtained_on=today,
            activity=training,
            instrument=instrument,
        )


def test_through_the_api_with_problems_for_bad_input(
    client_for, make_candidate, consultant, case_manager
):
    trajectory = _trajectory(make_candidate())
    url = f"{API}/trajectories/{trajectory.uuid}/certificates"
    client = client_for(consultant)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for body, field in (
        ({"certificate": "heftruck", "obtainedOn": tomorrow}, "obtainedOn"),
        ({"certificate": "vliegbrevet", "obtainedOn": "2020-01-01"}, "certificate"),
        ({"certificate": "heftruck", "obtainedOn": "2000-01-01"}, "obtainedOn"),
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == PROBLEM
        assert field in {p["name"] for p in response.json()["invalidParams"]}
    elsewhere = Activity.objects.create(
        trajectory=_trajectory(make_candidate()),
        kind=ActivityKind.TRAINING,
        start=timezone.localdate(),
    )
    response = client.post(
        url,
        {
            "certificate": "heftruck",
            "obtainedOn": timezone.localdate().isoformat(),
            "activity": str(elsewhere.uuid),
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    day = timezone.localdate().isoformat()
    response = client.post(
        url, {"certificate": "heftruck", "obtainedOn": day}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["certificate"] == "heftruck" and made["obtainedOn"] == day
    assert made["certificateName"] == "Heftruckcertificaat" and made["activity"] is None
    listed = client_for(case_manager).get(url)
    assert listed.status_code == 200
    assert [c["uuid"] for c in listed.json()["results"]] == [made["uuid"]]
    read = ProcessingLogEntry.objects.filter(
        action="read", actor=case_manager, record_type="matching.ObtainedCertificate"
    ).get()
    assert read.data_subject_uuid == trajectory.candidate.uuid
    refused = client_for(case_manager).post(
        url, {"certificate": "bhv", "obtainedOn": day}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert ObtainedCertificate.objects.count() == 1


def test_recorded_on_the_candidates_page(client_for, make_candidate, consultant):
    candidate = make_candidate()
    trajectory = _trajectory(candidate)
    client = client_for(consultant)
    page = client.get(f"/kandidaten/{candidate.uuid}/").content.decode()
    # The form is folded: fetched when its section is opened.
    assert "data-certificates-obtained" in page and 'data-form="certificate"' not in page
    assert 'data-form-on-demand="certificate"' in page
    assert 'data-form="certificate"' in with_forms(client, page)
    url = f"/kandidaten/vacatures/trajecten/{trajectory.uuid}/certificaten/"
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    refused = client.post(
        url, {"certificate-certificate": "bhv", "certificate-obtained_on": future}
    )
    assert refused.status_code == 400
    assert "toekomst" in refused.content.decode()
    day = timezone.localdate()
    saved = client.post(
        url, {"certificate-certificate": "bhv", "certificate-obtained_on": day.isoformat()}
    )
    assert saved.status_code == 302
    page = client.get(f"/kandidaten/{candidate.uuid}/").content.decode()
    assert 'data-certificate="bhv"' in page and f"{day:%d-%m-%Y}" in page


def test_the_form_is_not_offered_to_who_may_not_record(client_for, make_candidate, case_manager):
    candidate = make_candidate()
    client = client_for(case_manager)
    page = client.get(f"/kandidaten/{candidate.uuid}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-certificates-obtained" in html and 'data-form-on-demand="certificate"' not in html
    form = reverse(
        "candidates:candidate_form", kwargs={"uuid": candidate.uuid, "slug": "certificate"}
    )
    assert client.get(form, headers={"HX-Request": "true"}).status_code == 404


def test_a_renewal_is_a_second_record_on_another_day(make_candidate, consultant):
    trajectory = _trajectory(make_candidate())
    today = timezone.localdate()
    for day in (today - timedelta(days=20), today):
        services.record_certificate(
            actor=consultant, trajectory=trajectory, certificate="bhv", obtained_on=day
        )
    assert list(
        ObtainedCertificate.objects.filter(trajectory=trajectory).values_list(
            "obtained_on", flat=True
        )
    ) == [today - timedelta(days=20), today]


def test_the_candidates_page_logs_its_reads_in_one_statement(
    client_for, make_candidate, consultant
):
    """The candidate, the work profile and the certificates obtained, each its own entry about
    the candidate, written together (processing_log.written_together): one commit."""
    candidate = make_candidate()
    trajectory = _trajectory(candidate)
    day = timezone.localdate() - timedelta(days=2)
    found = [
        services.record_certificate(
            actor=consultant, trajectory=trajectory, certificate=code, obtained_on=day
        )
        for code in ("bhv", "vca-basis")
    ]
    client = client_for(consultant)
    before = ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/kandidaten/{candidate.uuid}/")
    assert page.status_code == 200
    inserts = [q for q in queries.captured_queries if "INSERT INTO processing_log" in q["sql"]]
    assert len(inserts) == 1
    entries = ProcessingLogEntry.objects.filter(id__gt=before, actor=consultant, action="read")
    assert {(e.record_type, e.data_subject_uuid) for e in entries} == {
        ("candidates.Candidate", candidate.uuid),
        ("matching.WorkProfile", candidate.uuid),
        ("matching.ObtainedCertificate", candidate.uuid),
    }
    certificates = entries.get(record_type="matching.ObtainedCertificate")
    assert {r for r, _s in certificates.processed_pairs()} == {c.uuid for c in found}
