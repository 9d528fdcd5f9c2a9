"""Starting a background job, and what a running job records: progress, its result, its end."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus
from .registry import kind_of

logger = logging.getLogger(__name__)


def enqueue(kind: str, *, user, params: dict[str, Any] | None = None) -> Job:
    """Record a job of ``kind`` for ``user`` and hand it to the queue once the caller's
    transaction commits (a worker never sees a job that was rolled back).

    The caller has checked that ``user`` may start it; ``params`` must be JSON (uuids as
    strings, dates as ISO text)."""
    if kind_of(kind) is None:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, user=user, params=params or {})
    transaction.on_commit(lambda: _send(job))
    return job


def _send(job: Job) -> None:
    from .tasks import run_job

    try:
        run_job.delay(str(job.uuid))
    except Exception:  # the broker is down: the job stays visible as failed, not waiting forever
        logger.exception("Could not hand job %s to the task queue", job.uuid)
        Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED,
            error=_("The task queue cannot be reached. Try again later or ask the administrator."),
            finished_at=timezone.now(),
        )


def report_progress(job: Job, percent: int, text: str = "") -> None:
    """Record how far ``job`` is (0-100), outside any transaction of the work itself."""
    percent = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job.pk).update(progress=percent, progress_text=str(text)[:200])
    job.progress, job.progress_text = percent, str(text)[:200]


def attach_result(job: Job, filename: str, content: bytes, content_type: str) -> None:
    """Store the file ``job`` produced; the owner downloads it from the job's page."""
    job.result.save(filename, ContentFile(content), save=False)
    job.result_name = filename
    job.result_content_type = content_type
    job.save(update_fields=["result", "result_name", "result_content_type"])


def record_outcome(job: Job, **outcome: Any) -> None:
    """Store what the job produced besides a file (JSON), for the screen that started it."""
    job.outcome = {**job.outcome, **outcome}
    job.save(update_fields=["outcome"])


class RetryLater(Exception):
    """The job met a passing fault (the database could not be reached) and should run again."""


def execute(job_uuid: str, *, final_attempt: bool) -> Job | None:
    """Run the job with ``job_uuid`` once; its status tells how it ended.

    Raises ``RetryLater`` for a passing fault when another attempt follows."""
    job = Job.objects.filter(uuid=job_uuid).first()
    if job is None or job.finished:
        return job  # deleted, or a redelivery of a job that already ended
    kind = kind_of(job.kind)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=job.attempts + 1, error=""
    )
    job.refresh_from_db()
    try:
        if kind is None:
            raise ValidationError(_("This kind of job no longer exists."))
        kind.run(job, partial(report_progress, job))
    except ValidationError as exc:
        _finish(job, JobStatus.FAILED, " ".join(str(m) for m in exc.messages))
    except OperationalError as exc:
        if not final_attempt:
            Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
            raise RetryLater from exc
        logger.exception("Job %s failed after its retries", job.uuid)
        _finish(job, JobStatus.FAILED, _("The database could not be reached. Try again later."))
    except Exception:
        logger.exception("Job %s failed", job.uuid)
        _finish(
            job,
            JobStatus.FAILED,
            _("The job failed because of an error in the application. It has been logged."),
        )
    else:
        report_progress(job, 100, _("Done"))
        _finish(job, JobStatus.DONE, "")
    job.refresh_from_db()
    return job


def _finish(job: Job, status: str, error: str) -> None:
    Job.objects.filter(pk=job.pk).update(status=status, error=error, finished_at=timezone.now())


def remove_old_results(now=None) -> int:
    """Delete finished jobs (and their files) older than ``JOB_RESULT_DAYS``; returns how many."""
    from datetime import timedelta

    from django.conf import settings

    now = now or timezone.now()
    old = Job.objects.filter(finished_at__lt=now - timedelta(days=settings.JOB_RESULT_DAYS))
    count = 0
    for job in old.iterator():
        if job.result:
            job.result.delete(save=False)
        job.delete()
        count += 1
    return count
