"""Reading background jobs: only the user's own."""

from __future__ import annotations

from django.http import Http404

from werkbedrijf.access import policy

from .models import Job


def job_for(user, uuid) -> Job:
    """The job ``uuid`` if ``user`` may see it; 404 when it does not exist, 403 when not theirs."""
    job = Job.objects.filter(uuid=uuid).first()
    if job is None:
        raise Http404
    policy.require(policy.can_view_job(user, job))
    return job


def recent_jobs(user, limit: int = 10) -> list[Job]:
    return list(Job.objects.filter(user=user).order_by("-created_at")[:limit])
