"""Employer reach as XLSX or CSV: one sheet, the header row first. Aggregates about organisations,
no personal data."""

from __future__ import annotations

from django.utils.translation import gettext as _

from werkbedrijf.utils import exports as tables

FORMATS = tables.FORMATS


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
    sheet = tables.Sheet(_("Employer reach"), header, rows)
    return tables.render([sheet], fmt, [_("employer reach"), str(reach.year), where])
