"""The consultant's work list as XLSX or CSV, through the export helper of every table
(``utils.exports``: one sheet, header first; dates as on paper, 31-12-2026)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from werkbedrijf.processing_log.models import Action
from werkbedrijf.utils.exports import FORMATS, Sheet, render

from . import policies, worklist


def _urgency_label(urgency: str) -> str:
    return {
        policies.OVERDUE: _("overdue"),
        policies.TODAY: _("today"),
        policies.SINCE: _("since"),
    }.get(urgency, "")


def export_worklist(
    user, fmt: str, kind: str | None = None, today: date | None = None
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the user's work list (of one ``kind``); the persons
    in it are logged as exported. Raises ValidationError for an unknown format."""
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown export format."), code="unknown_format")
    work = worklist.worklist(user, kind=kind, today=today, action=Action.EXPORT)
    rows = [
        [
            item.due.strftime("%d-%m-%Y"),
            _urgency_label(item.urgency),
            item.kind_label,
            item.candidate.full_name,
            item.detail,
        ]
        for item in work.items
    ]
    sheet = Sheet(
        title=str(_("Work list")),
        header=[_("Date"), _("Status"), _("What"), _("Candidate"), _("Details")],
        rows=rows,
    )
    stamp = (today or date.today()).isoformat()
    return render([sheet], fmt, [_("work-list"), *([kind] if kind else []), stamp])
