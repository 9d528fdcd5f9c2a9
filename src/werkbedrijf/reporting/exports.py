"""Tables of figures as XLSX (one sheet per table) and CSV (one table), as Excel with Dutch
settings opens them. A figure about a small group is the text "< 5" in both."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")
EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
NUMBER_FORMAT = "#,##0.##"


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]
    euro_columns: frozenset[int] = frozenset()


def xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        ws = workbook.create_sheet(table.title[:31])
        ws.append(table.header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for column, value in enumerate(row):
                if isinstance(value, Decimal):
                    ws.cell(ws.max_row, column + 1).number_format = (
                        EURO_FORMAT if column in table.euro_columns else NUMBER_FORMAT
                    )
        ws.freeze_panes = "A2"
        for index, title in enumerate(table.header, start=1):
            longest = max([len(str(title))] + [len(str(r[index - 1] or "")) for r in table.rows])
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


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a BOM and semicolons, the header row first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
