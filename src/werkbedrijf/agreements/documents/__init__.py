"""The agreement as a document: the DVO text generated from the data, as PDF and DOCX.

``content.build`` assembles the document as plain blocks (headings, paragraphs, tables) from the
administrator's template and the data; ``pdf.render`` and ``docx.render`` only lay them out.
"""
