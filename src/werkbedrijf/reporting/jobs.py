"""The report's long work as background jobs: making its PDF and XLSX, and publishing it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from werkbedrijf.jobs.registry import job
from werkbedrijf.jobs.services import attach_result

from . import documents, services
from .models import Report

PDF = "application/pdf"


@job("reporting.generate", title=_("Making a report"))
def generate_report(job, progress) -> None:
    report = Report.objects.get(uuid=job.params["report"])
    report = services.generate(report.pk, progress)
    attach_result(job, documents.filename(report, "pdf"), bytes(report.pdf), PDF)


@job("reporting.publish", title=_("Publishing a report"), retries=0)
def publish_report(job, progress) -> None:
    report = Report.objects.get(uuid=job.params["report"])
    report = services.publish(actor=job.user, report=report, progress=progress)
    attach_result(job, documents.filename(report, "pdf"), bytes(report.pdf), PDF)
