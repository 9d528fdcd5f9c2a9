"""Indicators of WerkBedrijf's work with employers: reach and contacts (Dienstenboek, key figure:
contact with about 1,859 of the region's businesses in 2019). A contact moment belongs to the
municipality it was recorded for; the sector group is the employer's."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from werkbedrijf.employers.models import ContactMoment, SectorGroup

from ..policies import Breakdown, Unit
from .base import TOTAL, Figure, Indicator, Scope, count_figure, register

# Employers have no focus group: the breakdowns that apply to them.
EMPLOYER_BREAKDOWNS = (Breakdown.MUNICIPALITY, Breakdown.SECTOR_GROUP, Breakdown.QUARTER)


def _contacts(scope: Scope):
    qs = ContactMoment.objects.filter(contact_on__gte=scope.start, contact_on__lte=scope.end)
    if scope.municipality_ids is not None:
        qs = qs.filter(municipality_id__in=scope.municipality_ids)
    if scope.sector_group:
        qs = qs.filter(employer__sector_group=scope.sector_group)
    if scope.focus_group:  # no employer is in a focus group of candidates
        qs = qs.none()
    return qs


def employers_reached(scope: Scope) -> dict[str, Figure]:
    qs = _contacts(scope)
    rows = qs.values("employer__sector_group").annotate(n=Count("employer", distinct=True))
    figures = {row["employer__sector_group"]: count_figure(row["n"]) for row in rows.order_by()}
    figures[TOTAL] = count_figure(qs.values("employer_id").distinct().count())
    return figures


def employer_contacts(scope: Scope) -> dict[str, Figure]:
    rows = _contacts(scope).values("kind").annotate(n=Count("id")).order_by()
    figures = {row["kind"]: count_figure(row["n"]) for row in rows}
    figures[TOTAL] = count_figure(sum(f.persons for f in figures.values()))
    return figures


register(
    Indicator(
        code="employers_reached",
        name=_("Employers reached"),
        definition=_(
            "The number of different employers with at least one contact moment in the period, "
            "per sector group; in a municipality: the contacts recorded for it."
        ),
        unit=Unit.COUNT,
        population=_("Employers with a contact moment"),
        period=_("Date of the contact within the period"),
        query=employers_reached,
        breakdowns=EMPLOYER_BREAKDOWNS,
        categories=lambda: dict(SectorGroup.choices),
        category_name=_("Sector group"),
    )
)


def _contact_kinds() -> dict[str, str]:
    from werkbedrijf.employers.models import ContactKind

    return dict(ContactKind.choices)


register(
    Indicator(
        code="employer_contacts",
        name=_("Contacts with employers"),
        definition=_(
            "The number of contact moments with employers (visits, calls, meetings) in the "
            "period, per kind."
        ),
        unit=Unit.COUNT,
        population=_("Contact moments with employers"),
        period=_("Date of the contact within the period"),
        query=employer_contacts,
        breakdowns=EMPLOYER_BREAKDOWNS,
        categories=_contact_kinds,
        category_name=_("Kind of contact"),
    )
)
