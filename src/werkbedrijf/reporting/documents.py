"""The interim and annual report as a PDF (reportlab: charts and tables, Dutch formats) and an XLSX
with its figures, both made from the report's stored figures. A report is read by people who may
not see the persons behind its figures, so the "< 5" rule always applies here."""

from __future__ import annotations

import io
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.utils import exports

from . import charts, policies
from .models import Report


def _shown(section: dict, figure: dict) -> policies.ShownFigure:
    value = None if figure["value"] is None else Decimal(figure["value"])
    return policies.shown(
        section["unit"],
        value,
        figure["persons"],
        may_see_persons=False,
        threshold=int(settings.SMALL_COUNT_THRESHOLD),
    )


def _norm_text(section: dict) -> str:
    if section["norm"] is None:
        return "–"
    return policies.format_value(section["unit"], Decimal(section["norm"]))


def title_of(report: Report) -> str:
    scope = report.municipality.name if report.municipality_id else _("Region Rijk van Nijmegen")
    return f"{report.get_kind_display()} {report.year} – {scope}"


def _status_line(report: Report) -> str:
    start = f"{report.period_start:%d-%m-%Y}"
    end = f"{report.period_end:%d-%m-%Y}"
    if report.is_published:
        published = timezone.localtime(report.published_at)
        status = _("version %(version)s, published on %(date)s") % {
            "version": report.version,
            "date": f"{published:%d-%m-%Y}",
        }
    else:
        status = _("version %(version)s, draft (not published)") % {"version": report.version}
    return _("Period %(start)s to %(end)s; %(status)s; definitions version %(definitions)s") % {
        "start": start,
        "end": end,
        "status": status,
        "definitions": report.figures.get("definitions_version", report.definitions_version),
    }


def report_pdf(report: Report) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    title = title_of(report)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="WerkBedrijf Rijk van Nijmegen",
        lang="nl-NL",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    table_style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#154273")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(_status_line(report)), styles["BodyText"]),
        Paragraph(
            escape(
                _(
                    "Figures about fewer than %(threshold)s persons are shown as "
                    "'< %(threshold)s'. Every figure follows the definition printed with it."
                )
                % {"threshold": settings.SMALL_COUNT_THRESHOLD}
            ),
            small,
        ),
        Spacer(1, 0.5 * cm),
    ]
    for section in report.figures.get("sections", []):
        total = _shown(section, section["total"])
        block = [
            Paragraph(escape(section["name"]), styles["Heading2"]),
            Paragraph(escape(section["definition"]), small),
            Spacer(1, 0.2 * cm),
        ]
        rows = [[_("Period"), _("Value"), _("Norm")]]
        rows.append([_("Whole period"), total.text, _norm_text(section)])
        for quarter in section["quarters"]:
            rows.append([quarter["label"], _shown(section, quarter).text, ""])
        block.append(Table(rows, colWidths=[7 * cm, 4 * cm, 4 * cm], style=table_style))
        quarter_values = [_shown(section, q).value for q in section["quarters"]]
        if any(v is not None for v in quarter_values):
            block.append(
                charts.trend_drawing(
                    [q["label"] for q in section["quarters"]],
                    quarter_values,
                    None if section["norm"] is None else Decimal(section["norm"]),
                    integer=section["unit"] == policies.Unit.COUNT,
                )
            )
        block = [KeepTogether(block)]
        if section["categories"]:
            rows = [[section["category_name"] or _("Category"), _("Value")]]
            rows += [
                [Paragraph(escape(c["label"]), small), _shown(section, c).text]
                for c in section["categories"]
            ]
            block.append(Spacer(1, 0.2 * cm))
            block.append(Table(rows, colWidths=[11 * cm, 4 * cm], style=table_style))
        if section.get("municipalities"):
            rows = [[_("Municipality"), _("Value")]]
            rows += [[m["label"], _shown(section, m).text] for m in section["municipalities"]]
            block.append(Spacer(1, 0.2 * cm))
            block.append(Table(rows, colWidths=[11 * cm, 4 * cm], style=table_style))
        explanation = report.explanations.get(section["code"])
        if explanation:
            block.append(Spacer(1, 0.2 * cm))
            block.append(Paragraph(f"<b>{escape(_('Explanation'))}</b>", small))
            block.append(Paragraph(escape(explanation), styles["BodyText"]))
        block.append(Spacer(1, 0.4 * cm))
        story.extend(block)
    document.build(story)
    return buffer.getvalue()


def report_tables(report: Report) -> list[exports.Sheet]:
    sections = report.figures.get("sections", [])
    summary = exports.Sheet(
        _("Figures"),
        [_("Code"), _("Indicator"), _("Unit"), _("Value"), _("Norm"), _("Definition")],
        [],
    )
    quarters = exports.Sheet(
        _("Quarters"), [_("Code"), _("Indicator"), _("Quarter"), _("Value")], []
    )
    split = exports.Sheet(_("Breakdown"), [_("Code"), _("Indicator"), _("Of"), _("Value")], [])
    for s in sections:
        unit = str(policies.Unit(s["unit"]).label)
        total = _shown(s, s["total"])
        summary.rows.append(
            [
                s["code"],
                s["name"],
                unit,
                total.text if total.masked or total.value is None else total.value,
                None if s["norm"] is None else Decimal(s["norm"]),
                s["definition"],
            ]
        )
        for q in s["quarters"]:
            shown = _shown(s, q)
            quarters.rows.append(
                [
                    s["code"],
                    s["name"],
                    q["label"],
                    shown.text if shown.value is None else shown.value,
                ]
            )
        for c in s["categories"] + s.get("municipalities", []):
            shown = _shown(s, c)
            split.rows.append(
                [
                    s["code"],
                    s["name"],
                    c["label"],
                    shown.text if shown.value is None else shown.value,
                ]
            )
    return [summary, quarters, split]


def report_xlsx(report: Report) -> bytes:
    return exports.xlsx(report_tables(report))


def filename(report: Report, fmt: str) -> str:
    from django.utils.text import slugify

    scope = report.municipality.name if report.municipality_id else "regio"
    return f"{slugify(report.get_kind_display())}-{report.year}-{slugify(scope)}-v{report.version}.{fmt}"
