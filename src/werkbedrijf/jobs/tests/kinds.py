"""Kinds of job used by the tests: one that succeeds with a file, one refused, one broken."""

from django.core.exceptions import ValidationError

from werkbedrijf.jobs.registry import job
from werkbedrijf.jobs.services import attach_result, record_outcome


@job("tests.echo", title="Echo")
def echo(job, progress):
    progress(50, "half way")
    attach_result(job, "echo.txt", job.params["text"].encode(), "text/plain")
    record_outcome(job, length=len(job.params["text"]))


@job("tests.refused", title="Refused")
def refused(job, progress):
    raise ValidationError("De periode is nog niet voorbij.")


@job("tests.broken", title="Broken")
def broken(job, progress):
    raise RuntimeError("bug with BSN 123456782 in it")
