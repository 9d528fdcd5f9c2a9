"""Every table a user sees can be exported: sheets to XLSX (several) or CSV (one, header first,
semicolons and a BOM as Excel with Dutch settings opens it), and the download response."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")
EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
POINTS_FORMAT = "#,##0.00"
QUANTITY_FORMAT = "#,##0.##"


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)  # amounts (in the row's price unit)
    quantity_columns: set[int] = field(default_factory=set)
    units: list[str] | None = None  # the price unit of each row: "eur" (default) or "points"


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
        units = sheet.units or ["eur"] * len(sheet.rows)
        for row, unit in zip(sheet.rows, units, strict=True):
            ws.append(row)
            for column in sheet.money_columns:
                ws.cell(ws.max_row, column + 1).number_format = (
                    POINTS_FORMAT if unit == "points" else EURO_FORMAT
                )
            for column in sheet.quantity_columns:
                ws.cell(ws.max_row, column + 1).number_format = QUANTITY_FORMAT
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


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """The header row first, then the rows; UTF-8 with a BOM and semicolons."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def filename(parts: list[str], fmt: str) -> str:
    return "-".join(slugify(p) for p in parts if p) + f".{fmt}"


def render(sheets: list[Sheet], fmt: str, name_parts: list[str], sheet: int = 0):
    """(content, content type, file name) of the sheets as XLSX, or of sheet ``sheet`` as CSV."""
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown export format."), code="unknown_format")
    if fmt == "xlsx":
        return xlsx(sheets), XLSX, filename(name_parts, fmt)
    chosen = sheets[sheet]
    return csv_bytes(chosen), CSV, filename([*name_parts, chosen.title], fmt)


def download(sheets: list[Sheet], fmt: str, name_parts: list[str], sheet: int = 0) -> HttpResponse:
    content, content_type, name = render(sheets, fmt, name_parts, sheet)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
