"""What the reporting screens share: which municipality (or the region) and year are asked for,
the section's navigation, and the answer of an export."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.utils import exports

from .. import selectors
from ..forms import REGION, years


def section_nav(request) -> list[dict]:
    user = request.user
    items = [(_("Dashboard"), reverse("reporting:dashboard"))]
    if policy.can_view_indicators(user, None):
        items.append((_("Municipalities side by side"), reverse("reporting:compare")))
    items.append((_("Reports"), reverse("reporting:reports")))
    if policy.can_view_indicators(user, None):
        items.append((_("Reports side by side"), reverse("reporting:reports_compare")))
    if policy.can_set_norms(user):
        items.append((_("Norms"), reverse("reporting:norms")))
    return [{"label": label, "url": url, "current": request.path == url} for label, url in items]


def render_section(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(
        request, template, {"section_nav": section_nav(request), **context}, status=status
    )


def chosen_scope(request):
    """(municipality or None for the region, year) from the query; a municipality outside the
    user's view is not found. Without a choice: a policy adviser's own municipality, else the
    region."""
    user = request.user
    wanted = request.GET.get("municipality", "")
    municipality = None
    if wanted and wanted != REGION:
        municipality = next((m for m in selectors.municipalities() if str(m.uuid) == wanted), None)
        if municipality is None:
            raise Http404
    elif not wanted and not policy.can_view_indicators(user, None):
        own = policy.municipality_of(user)
        municipality = own
    selectors.require_view(user, municipality)
    year = timezone.localdate().year
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError as exc:
            raise Http404 from exc
        if year not in years():
            raise Http404
    return municipality, year


def scope_value(municipality) -> str:
    return REGION if municipality is None else str(municipality.uuid)


def export_response(request, table: exports.Sheet, name: str) -> HttpResponse | None:
    """The table as a file when the query asks for one (?export=xlsx or csv)."""
    fmt = request.GET.get("export")
    if not fmt:
        return None
    if fmt not in exports.FORMATS:
        raise Http404
    if fmt == "xlsx":
        content, content_type = exports.xlsx([table]), exports.XLSX
    else:
        content, content_type = exports.csv_bytes(table), exports.CSV
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
