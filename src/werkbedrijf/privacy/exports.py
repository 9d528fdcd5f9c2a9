"""The answer to an access request (AVG art. 15) as one XLSX workbook: a cover sheet, the person's
data, a sheet per kind of record and the processing log.

The sheets are built from ``services.KINDS`` and every field the models hold (``exported_fields``),
so what the workbook holds follows the models. Values are shown as on screen: Dutch labels for
choices, "ja"/"nee", dates as dates, staff by name and organisation.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.candidates.models import Candidate, Trajectory, Weekday
from werkbedrijf.employers.models import SectorGroup
from werkbedrijf.organisations.models import Organisation
from werkbedrijf.processing_log.models import Action, ProcessingLogEntry
from werkbedrijf.processing_log.services import ACCESS_REQUEST, REINTEGRATION

from .services import LOG_COLUMNS, AccessReport, exported_fields, field_label

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD-MM-YYYY"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"

# JSON lists of codes, shown by their labels.
_LIST_LABELS = {
    "sector_wishes": dict(SectorGroup.choices),
    "available_days": dict(Weekday.choices),
}


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]


def staff_label(user: User | None) -> str:
    if user is None:
        return ""
    name = user.display_name
    return f"{name} ({user.organisation})" if user.organisation_id else name


def trajectory_label(trajectory: Trajectory) -> str:
    return _("Referred on %(date)s (%(municipality)s)") % {
        "date": trajectory.referred_on.strftime("%d-%m-%Y"),
        "municipality": trajectory.municipality.name,
    }


def display_value(record: models.Model, field: models.Field):
    """The value of ``field`` as the person would read it; dates stay dates for the spreadsheet."""
    if field.is_relation:
        related = getattr(record, field.name)
        if related is None:
            return ""
        if isinstance(related, User):
            return staff_label(related)
        if isinstance(related, Trajectory):
            return trajectory_label(related)
        if isinstance(related, Organisation):
            return related.name
        return str(related)
    value = getattr(record, field.attname)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, list):
        labels = _LIST_LABELS.get(field.name, {})
        return ", ".join(
            str(labels.get(v, v)) if isinstance(v, str | int) else _plain(v) for v in value
        )
    if isinstance(value, dict):
        return _plain(value)
    if isinstance(value, UUID):
        return str(value)
    if value is None:
        return ""
    return value


def _record_type_label(record_type: str) -> str:
    try:
        return str(capfirst(apps.get_model(record_type)._meta.verbose_name))
    except (LookupError, ValueError):
        return record_type


def _channel_label(channel: str) -> str:
    labels = {
        "ui": _("Screen"),
        "screen": _("Screen"),
        "api": _("API"),
        "upload": _("File upload"),
        "self": _("Self-registration"),
    }
    return str(labels.get(channel, channel))


def _roles_label(roles: str) -> str:
    labels = []
    for role in filter(None, roles.split(",")):
        try:
            labels.append(str(Role(role).label))
        except ValueError:
            labels.append(role)
    return ", ".join(labels)


def log_row(entry: ProcessingLogEntry) -> list:
    values = {
        "occurred_at": timezone.localtime(entry.occurred_at).replace(tzinfo=None),
        "roles": _roles_label(entry.roles),
        "action": str(dict(Action.choices).get(entry.action, entry.action)),
        "record_type": _record_type_label(entry.record_type),
        "record_uuid": str(entry.record_uuid) if entry.record_uuid else "",
        "channel": _channel_label(entry.channel),
    }
    return [values.get(name, getattr(entry, name)) for name in LOG_COLUMNS]


def log_header() -> list[str]:
    labels = {
        "occurred_at": _("When"),
        "actor_username": _("Who (user name)"),
        "organisation_name": _("Organisation"),
        "roles": _("Roles"),
        "action": _("Action"),
        "record_type": _("Kind of record"),
        "record_uuid": _("Record (reference)"),
        "processing_activity": _("Processing activity"),
        "purpose": _("Purpose"),
        "legal_basis": _("Legal basis"),
        "channel": _("Channel"),
        "detail": _("Detail"),
    }
    return [labels[name] for name in LOG_COLUMNS]


def _cover(report: AccessReport) -> Sheet:
    subject, officer = report.subject, report.officer
    years_file = settings.RETENTION_CANDIDATE_FILE_YEARS
    years_log = settings.RETENTION_PROCESSING_LOG_YEARS
    rows = [
        [_("Access request (AVG art. 15)"), ""],
        ["", ""],
        [_("Date of the request"), timezone.localtime(report.made_at).replace(tzinfo=None)],
        [_("Handled by"), staff_label(officer)],
        [_("Data subject"), subject.full_name],
        [_("Date of birth"), subject.date_of_birth],
        [
            _("Controller"),
            _("Municipality of %(municipality)s (DVO art. 12.3)")
            % {"municipality": subject.municipality.name},
        ],
        [_("Processor"), _("WerkBedrijf Rijk van Nijmegen, on behalf of the municipality")],
        [_("Legal basis of this answer"), ACCESS_REQUEST.legal_basis],
        [_("Purpose of the processing"), REINTEGRATION.purpose],
        [_("Legal basis of the processing"), REINTEGRATION.legal_basis],
        [
            _("Sources"),
            _(
                "The referral by the municipality (on screen, by the API or by file upload) or the "
                "person's own registration, and what WerkBedrijf records during the journey. Who "
                "read, changed or exported the data is in the processing log."
            ),
        ],
        [
            _("Recipients"),
            _(
                "The municipality of residence (Inkomen) and WerkBedrijf; employers only for a "
                "placement they offer."
            ),
        ],
        [
            _("Retention"),
            _(
                "The candidate file is destroyed %(file)s years after the last trajectory ended, "
                "unless a legal hold applies; processing-log entries are destroyed %(log)s years "
                "after the processing (docs/retention.md; Archiefwet 1995, Selectielijst "
                "gemeenten)."
            )
            % {"file": years_file, "log": years_log},
        ],
        [
            _("Rights"),
            _(
                "The person may ask for rectification, erasure or restriction (AVG art. 16-18) "
                "and may complain to the Autoriteit Persoonsgegevens."
            ),
        ],
        ["", ""],
        [_("Contents"), _("Number of records")],
        [_("Personal data"), 1],
        *[[title, count] for title, count in report.counts()],
        [_("Processing log"), len(report.log_entries)],
    ]
    return Sheet(_("Cover sheet"), [], rows)


def _person(subject: Candidate) -> Sheet:
    rows = [
        [str(capfirst(field_label(f))), display_value(subject, f)]
        for f in exported_fields(Candidate)
    ]
    return Sheet(_("Personal data"), [_("Field"), _("Value")], rows)


def sheets(report: AccessReport) -> list[Sheet]:
    result = [_cover(report), _person(report.subject)]
    for section in report.sections:
        fields = exported_fields(section.kind.model)
        result.append(
            Sheet(
                str(section.kind.title),
                [str(capfirst(field_label(f))) for f in fields],
                [[display_value(r, f) for f in fields] for r in section.records],
            )
        )
    result.append(
        Sheet(_("Processing log"), log_header(), [log_row(e) for e in report.log_entries])
    )
    return result


def _number_format(value) -> str | None:
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    return None


def workbook(report: AccessReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets(report):
        ws = book.create_sheet(sheet.title[:31])
        if sheet.header:
            ws.append(sheet.header)
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append(row)
            for column, value in enumerate(row, start=1):
                fmt = _number_format(value)
                if fmt:
                    ws.cell(ws.max_row, column).number_format = fmt
        if sheet.header and sheet.rows:
            ws.auto_filter.ref = ws.dimensions
        width = len(sheet.header) or 2
        for index in range(1, width + 1):
            values = ([sheet.header[index - 1]] if sheet.header else []) + [
                r[index - 1] for r in sheet.rows[:500] if len(r) >= index
            ]
            longest = max((len(str(v or "")) for v in values), default=10)
            ws.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 12), 70)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 70:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if not sheet.header:  # the cover: its title in bold
            ws["A1"].font = Font(bold=True, size=14)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def filename(report: AccessReport) -> str:
    """No name or BSN in the file name: it ends up in download lists and browser histories."""
    stamp = timezone.localtime(report.made_at).strftime("%Y%m%d-%H%M")
    return f"inzageverzoek-{stamp}-{str(report.subject.uuid)[:8]}.xlsx"


def _plain(value) -> str:
    """A JSON value in a cell: a mapping as "key: value" pairs, anything else as text."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)
