"""The background job of a large referral upload: the held file is imported in chunks while the
upload screen shows the progress; the result is the report per row as a CSV file."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.jobs.registry import job
from werkbedrijf.jobs.services import attach_result, record_outcome

from . import imports

IMPORT_REFERRALS = "candidates.import_referrals"


@job(IMPORT_REFERRALS, title=gettext_lazy("Upload of referrals"))
def import_referrals(job, progress):
    """params: ``staged`` (uuid of the held file) and ``mapping`` (confirmed column names).
    Running it again after a failure is safe: the import stores no row twice."""
    staged = imports.staged_upload(job.user, job.params["staged"])
    if staged is None:
        raise ValidationError(_("The uploaded file is no longer available. Upload it again."))
    report = imports.import_staged(
        job.user,
        staged,
        job.params.get("mapping") or {},
        progress=lambda percent, text: progress(min(percent, 99), text),
    )
    attach_result(job, "verslag-aanmeldingen.csv", report_csv(report), "text/csv; charset=utf-8")
    record_outcome(
        job,
        created=report.created,
        already_referred=report.already_referred,
        errors=report.errors,
        empty=report.empty,
    )


def report_csv(report: imports.ImportReport) -> bytes:
    """The report per row, as the screen shows it, for Excel (UTF-8 with BOM, semicolons)."""
    labels = dict(imports.RowStatus.choices)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Row"), _("Name"), _("Result"), _("What to correct")])
    for row in report.rows:
        corrections = "; ".join(
            f"{column}: {message}" if column != imports.ROW else message
            for column, messages in sorted(row.errors.items())
            for message in messages
        )
        writer.writerow(
            [row.number, row.name, str(labels.get(row.status, row.status)), corrections]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
