"""Employer reach: per year and sector group, the unique employers with a contact moment, for
the region or one municipality, with an export to XLSX and CSV."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.candidates.views.common import all_municipalities, render_section
from werkbedrijf.ui.decorators import staff_view

from .. import exports, selectors
from ..forms import ReachForm


@staff_view
@require_GET
def reach(request):
    user = request.user
    municipalities = [m for m in all_municipalities() if policy.can_view_employer_reach(user, m)]
    policy.require(bool(municipalities))
    region = policy.can_view_employer_reach(user, None)
    years = selectors.reach_years(user, timezone.localdate())
    default = None if region else policy.employer_reach_default_municipality(user)
    asked = "year" in request.GET
    form = ReachForm(
        request.GET if asked else None,
        years=years,
        municipalities=all_municipalities().filter(pk__in=[m.pk for m in municipalities]),
        initial={"year": years[-1], "municipality": default.uuid if default else None},
    )
    year, municipality = years[-1], default
    if asked:
        if not form.is_valid():
            raise Http404
        year, municipality = form.cleaned_data["year"], form.cleaned_data["municipality"]
        if municipality is None and not region:
            municipality = default
    result = selectors.employer_reach(user, year, municipality)
    fmt = request.GET.get("format")
    if fmt in exports.FORMATS:
        content, content_type, filename = exports.export_reach(result, fmt)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "reach": result,
        "export_links": [(fmt, f"?{_with(query, fmt)}") for fmt in exports.FORMATS],
    }
    return render_section(request, "employers/reach.html", context)


def _with(query, fmt: str) -> str:
    query = query.copy()
    query["format"] = fmt
    return query.urlencode()
