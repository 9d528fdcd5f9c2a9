"""The DVO as an editable Word document (python-docx): headings, paragraphs and tables."""

from __future__ import annotations

import io

from docx import Document as WordDocument

from .content import Document


def render(document: Document) -> bytes:
    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.author = "WerkBedrijf Rijk van Nijmegen"
    for block in document.blocks:
        if block.kind == "heading":
            word.add_heading(block.text, level=1)
        elif block.kind == "subheading":
            word.add_heading(block.text, level=2)
        elif block.kind == "table":
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = str(text)
            word.add_paragraph()
        else:
            word.add_paragraph(block.text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
