"""The screens of a background job: its page with a progress bar, the bar alone (polled by htmx),
and the download of its result."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render

from werkbedrijf.ui.decorators import staff_view

from . import selectors
from .registry import kind_of


def _context(job) -> dict:
    kind = kind_of(job.kind)
    return {"job": job, "title": kind.title if kind else job.kind}


@staff_view(cache=False)
def detail(request, uuid):
    job = selectors.job_for(request.user, uuid)
    return render(request, "jobs/detail.html", _context(job))


@staff_view(cache=False)
def progress(request, uuid):
    job = selectors.job_for(request.user, uuid)
    # A finished job's bar carries no hx-trigger, so polling stops by itself.
    return render(request, "jobs/partials/progress.html", _context(job))


@staff_view(cache=False)
def download(request, uuid):
    job = selectors.job_for(request.user, uuid)
    if not job.result:
        raise Http404
    return FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type or "application/octet-stream",
    )
