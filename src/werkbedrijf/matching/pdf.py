"""The anonymised profile for an employer, as PDF: competences and availability only. No name,
BSN, age, address, municipality or functional limitation; the profile is named by a reference
that only WerkBedrijf can trace back."""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from werkbedrijf.candidates.models import DutchLevel, Weekday
from werkbedrijf.employers.models import SectorGroup

from .models import CompetenceSource, DrivingLicence, Shift, Transport, WorkProfile

# The fields of a work profile that the anonymised profile shows; a test holds the PDF to it.
SHOWN = (
    "competences",
    "sector_wishes",
    "occupation_wishes",
    "experience_years",
    "hours_per_week",
    "days",
    "shifts",
    "max_travel_km",
    "transport",
    "driving_licences",
    "dutch_level",
    "available_from",
)


def reference(profile: WorkProfile) -> str:
    return "WB-" + profile.uuid.hex[:8].upper()


def _labels(values, choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values) or "–"


def anonymised_profile_pdf(profile: WorkProfile, labels: dict[str, str], today: date) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Anonymised profile %(ref)s") % {"ref": reference(profile)},
        author="WerkBedrijf Rijk van Nijmegen",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    story = [
        Paragraph(_("Anonymised profile %(ref)s") % {"ref": reference(profile)}, styles["Title"]),
        Paragraph(
            _(
                "Made on %(day)s by WerkBedrijf Rijk van Nijmegen. Without name, BSN, age or "
                "address: ask your contact at WerkBedrijf about this candidate."
            )
            % {"day": today.strftime("%d-%m-%Y")},
            styles["Normal"],
        ),
        Spacer(1, 0.5 * cm),
        Paragraph(_("Availability"), styles["Heading2"]),
    ]
    facts = [
        (_("Sector groups wished"), _labels(profile.sector_wishes, SectorGroup.choices)),
        (
            _("Occupations wished"),
            ", ".join(labels.get(c, c) for c in profile.occupation_wishes) or "–",
        ),
        (_("Hours per week available"), str(profile.hours_per_week or "–")),
        (_("Days available"), _labels(profile.days, Weekday.choices)),
        (_("Shifts available"), _labels(profile.shifts, Shift.choices)),
        (_("Maximum travel distance (km)"), str(profile.max_travel_km or "–")),
        (_("Means of transport"), _labels(profile.transport, Transport.choices)),
        (_("Driving licences"), _labels(profile.driving_licences, DrivingLicence.choices)),
        (
            _("Dutch level"),
            str(dict(DutchLevel.choices).get(profile.dutch_level, "–"))
            if profile.dutch_level
            else "–",
        ),
        (
            _("Available from"),
            profile.available_from.strftime("%d-%m-%Y") if profile.available_from else "–",
        ),
        (_("Years of work experience"), str(profile.experience_years or "–")),
    ]
    story.append(
        _table(
            [
                (Paragraph(str(a), styles["Normal"]), Paragraph(b, styles["Normal"]))
                for a, b in facts
            ]
        )
    )
    story += [Spacer(1, 0.5 * cm), Paragraph(_("Competences"), styles["Heading2"])]
    sources = dict(CompetenceSource.choices)
    rows = [(_("Competence"), _("Shown in"), _("Level (1-4)"))] + [
        (
            labels.get(c["code"], c["code"]),
            str(sources.get(c["source"], c["source"])),
            str(c["level"]),
        )
        for c in profile.competences
    ]
    story.append(_table(rows, header=True))
    doc.build(story)
    return buffer.getvalue()


def _table(rows, header: bool = False) -> Table:
    table = Table(rows, colWidths=None, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
    ]
    if header:
        style.append(("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"))
    table.setStyle(TableStyle(style))
    return table
