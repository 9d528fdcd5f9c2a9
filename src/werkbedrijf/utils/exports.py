"""Tables as XLSX and CSV files: one way for every export of the product.

A CSV starts with its header row (no title line before it), so that it opens as one table: UTF-8
with a BOM and semicolons, as Excel with Dutch settings opens it; a decimal has a comma. An XLSX
has one sheet per table, a bold, frozen header row with a filter, and amounts and quantities in
Dutch number formats."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")

EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
POINTS_FORMAT = "#,##0.00"
QUANTITY_FORMAT = "#,##0.##"
DATE_FORMAT = "DD-MM-YYYY"


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    money_columns: set[int] = field(default_factory=set)  # amounts in the row's price unit
    quantity_columns: set[int] = field(default_factory=set)
    units: list[str] | None = None  # the price unit of each row: "eur" or "points"


def xlsx(sheets: list[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        units = sheet.units if sheet.units is not None else ["eur"] * len(sheet.rows)
        for row, unit in zip(sheet.rows, units, strict=True):
            ws.append(row)
            for column in sheet.money_columns:
                ws.cell(ws.max_row, column + 1).number_format = (
                    POINTS_FORMAT if unit == "points" else EURO_FORMAT
                )
            for column in sheet.quantity_columns:
                ws.cell(ws.max_row, column + 1).number_format = QUANTITY_FORMAT
            for column, value in enumerate(row):
                if isinstance(value, date):
                    ws.cell(ws.max_row, column + 1).number_format = DATE_FORMAT
        ws.freeze_panes = "A2"
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
        for index, title in enumerate(sheet.header, start=1):
            longest = max(
                [len(str(title))] + [len(str(r[index - 1] or "")) for r in sheet.rows[:500]]
            )
            ws.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """The header row first, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export(sheet: Sheet, fmt: str) -> tuple[bytes, str]:
    """One table as (content, content type) in ``fmt`` (one of FORMATS)."""
    if fmt == "csv":
        return csv_bytes(sheet), CSV
    if fmt == "xlsx":
        return xlsx([sheet]), XLSX
    raise ValueError(fmt)


def response(sheet: Sheet, fmt: str, stem: str):
    """An HTTP answer that downloads the table as ``<stem>.<fmt>``; an unknown format is not
    found (404)."""
    from django.http import Http404, HttpResponse
    from django.utils.http import content_disposition_header

    if fmt not in FORMATS:
        raise Http404
    content, content_type = export(sheet, fmt)
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    answer["Cache-Control"] = "no-store"
    return answer


def filename(parts: list[str], fmt: str) -> str:
    from django.utils.text import slugify

    return "-".join(slugify(str(p)) for p in parts if p) + f".{fmt}"


def render(sheets: list[Sheet], fmt: str, name_parts: list[str], sheet: int = 0):
    """(content, content type, file name) of several tables: all as one XLSX, or table ``sheet``
    as CSV (its title in the file name). Raises ValidationError for an unknown format."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if fmt not in FORMATS:
        raise ValidationError(_("Unknown export format."), code="unknown_format")
    if fmt == "xlsx":
        return xlsx(sheets), XLSX, filename(name_parts, fmt)
    chosen = sheets[sheet]
    return csv_bytes(chosen), CSV, filename([*name_parts, chosen.title], fmt)


def download(sheets: list[Sheet], fmt: str, name_parts: list[str], sheet: int = 0):
    """An HTTP answer that downloads ``render``'s file; an unknown format is not found (404)."""
    from django.http import Http404, HttpResponse
    from django.utils.http import content_disposition_header

    if fmt not in FORMATS:
        raise Http404
    content, content_type, name = render(sheets, fmt, name_parts, sheet)
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = content_disposition_header(True, name)
    answer["Cache-Control"] = "no-store"
    return answer
