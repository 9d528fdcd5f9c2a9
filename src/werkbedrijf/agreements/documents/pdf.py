"""The DVO as PDF (reportlab): the blocks laid out on A4, tables with a grid."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .content import Document


def render(document: Document) -> bytes:
    styles = getSampleStyleSheet()
    style = {
        "title": styles["Title"],
        "heading": styles["Heading2"],
        "subheading": styles["Heading4"],
        "paragraph": styles["BodyText"],
    }
    cell = styles["BodyText"]
    story = []
    for block in document.blocks:
        if block.kind == "table":
            data = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in block.header]]
            data += [[Paragraph(escape(str(v)), cell) for v in row] for row in block.rows]
            widths = _widths(len(block.header))
            table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.extend([table, Spacer(1, 0.3 * cm)])
        else:
            story.append(Paragraph(escape(block.text), style.get(block.kind, cell)))
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=document.title,
        author="WerkBedrijf Rijk van Nijmegen",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    pdf.build(story)
    return buffer.getvalue()


def _widths(columns: int) -> list[float]:
    usable = A4[0] - 4 * cm
    if columns == 4:
        return [1.4 * cm, usable - 1.4 * cm - 3 * cm - 3 * cm, 3 * cm, 3 * cm]
    return [usable / columns] * columns
