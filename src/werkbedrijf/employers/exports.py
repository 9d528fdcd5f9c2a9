"""Employer reach as XLSX or CSV: one sheet, the header row first. Aggregates about organisations,
no personal data."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")


def reach_table(reach) -> tuple[list[str], list[list]]:
    header = [
        _("Sector group"),
        _("Employers with a contact"),
        _("Contact moments"),
        _("Employers registered"),
    ]
    rows = [[r.label, r.employers_reached, r.contacts, r.employers_registered] for r in reach.rows]
    rows.append([_("Total"), reach.employers_reached, reach.contacts, reach.employers_registered])
    return header, rows


def export_reach(reach, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the reach table in ``fmt`` ("xlsx" or "csv")."""
    header, rows = reach_table(reach)
    where = reach.municipality.name if reach.municipality is not None else _("region")
    filename = f"werkgeversbereik-{reach.year}-{where}".lower().replace(" ", "-")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Employer reach")[:31]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].width = 36
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), XLSX, f"{filename}.xlsx"
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8"), CSV, f"{filename}.csv"
