"""Background jobs: started on commit, progress and result recorded, failures told in Dutch,
and only their starter sees them."""

import pytest

from werkbedrijf.jobs import services
from werkbedrijf.jobs.models import Job, JobStatus

from . import kinds  # noqa: F401  (registers the test kinds)

pytestmark = pytest.mark.django_db


def _run(consultant, kind, django_capture_on_commit_callbacks, **params):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(kind, user=consultant, params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_once_committed_and_keeps_its_result(
    consultant, django_capture_on_commit_callbacks
):
    job = _run(consultant, "tests.echo", django_capture_on_commit_callbacks, text="hallo")
    assert job.status == JobStatus.DONE
    assert job.progress == 100
    assert job.result.read() == b"hallo"
    assert job.outcome == {"length": 5}
    assert job.started_at is not None and job.finished_at >= job.started_at


def test_a_job_is_not_sent_when_its_transaction_rolls_back(
    consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.enqueue("tests.echo", user=consultant, params={"text": "x"})
    # Nothing ran before the commit: the worker never sees a job that may be rolled back.
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert len(callbacks) == 1


def test_a_refused_job_fails_with_the_services_own_message(
    consultant, django_capture_on_commit_callbacks
):
    job = _run(consultant, "tests.refused", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert job.error == "De periode is nog niet voorbij."


def test_a_broken_job_fails_with_a_general_message_and_no_details(
    consultant, django_capture_on_commit_callbacks
):
    job = _run(consultant, "tests.broken", django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert "123456782" not in job.error
    assert job.error


def test_an_unknown_kind_cannot_be_started(consultant):
    with pytest.raises(ValueError):
        services.enqueue("no.such.kind", user=consultant)


def test_a_finished_job_is_not_run_again_on_redelivery(
    consultant, django_capture_on_commit_callbacks
):
    job = _run(consultant, "tests.echo", django_capture_on_commit_callbacks, text="een")
    finished = job.finished_at
    services.execute(str(job.uuid), final_attempt=True)
    job.refresh_from_db()
    assert job.attempts == 1 and job.finished_at == finished


def test_the_progress_bar_polls_until_done(consultant, client_for):
    job = Job.objects.create(kind="tests.echo", user=consultant, progress=40, progress_text="bezig")
    client = client_for(consultant)
    running = client.get(f"/taken/{job.uuid}/voortgang/").content.decode()
    assert 'hx-trigger="every 1s"' in running and 'value="40"' in running
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100)
    done = client.get(f"/taken/{job.uuid}/voortgang/").content.decode()
    assert "hx-trigger" not in done
    page = client.get(f"/taken/{job.uuid}/").content.decode()
    assert "Echo" in page


def test_only_the_starter_sees_a_job(consultant, make_user, werkbedrijf_org, client_for):
    from werkbedrijf.accounts.models import Role

    job = Job.objects.create(kind="tests.echo", user=consultant)
    colleague = make_user(Role.CONSULTANT, werkbedrijf_org)
    assert client_for(colleague).get(f"/taken/{job.uuid}/").status_code == 403
    assert client_for(colleague).get(f"/api/v1/jobs/{job.uuid}").status_code == 403
    api = client_for(consultant).get(f"/api/v1/jobs/{job.uuid}")
    assert api.status_code == 200 and api.json()["status"] == "queued"


def test_old_finished_jobs_are_removed(consultant, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    job = _run(consultant, "tests.echo", django_capture_on_commit_callbacks, text="oud")
    later = timezone.now() + timedelta(days=30)
    assert services.remove_old_results(now=later) == 1
    assert not Job.objects.filter(pk=job.pk).exists()
