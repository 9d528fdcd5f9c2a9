"""The task queue end to end: a real Celery worker takes a job from the real Redis broker."""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from werkbedrijf.celery import app
from werkbedrijf.jobs import services
from werkbedrijf.jobs.models import JobStatus

from . import kinds  # noqa: F401  (registers the test kinds)


@pytest.fixture
def worker_queue(settings):
    """A worker on a queue of this test alone, so other test runs on the same broker do not
    take its job (and it takes none of theirs)."""
    queue = f"test-{uuid.uuid4().hex}"
    eager, default_queue = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False):
            yield queue
    finally:
        app.conf.task_always_eager = eager
        app.conf.task_default_queue = default_queue


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_job_from_the_redis_broker(consultant, worker_queue):
    from django.db import transaction

    with transaction.atomic():
        job = services.enqueue("tests.echo", user=consultant, params={"text": "via redis"})
    import time

    for _ in range(200):  # up to 20 s for the worker to pick it up on a busy machine
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.1)
    assert job.status == JobStatus.DONE, job.error
    assert job.result.read() == b"via redis"
