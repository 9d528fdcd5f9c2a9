"""The CBS delivery file (SRG, DVO art. 12.4): a month's records of the municipality's residents,
the problems that keep it from being exported, and the file itself."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils import exports

from .. import srg_selectors
from ..forms import SrgMonthForm


def _page(request, form, found=None, status: int = 200):
    return render(
        request,
        "reporting/srg.html",
        {
            "form": form,
            "delivery": found,
            "srg_types": srg_selectors.srg.INSTRUMENT_TYPES,
            "formats": exports.FORMATS,
        },
        status=status,
    )


@staff_view(allowed=policy.can_export_srg, cache=False)
@require_GET
def delivery(request):
    form = SrgMonthForm(request.GET if "month" in request.GET else None)
    found = None
    if form.is_bound and form.is_valid():
        found = srg_selectors.delivery(request.user, form.cleaned_data["month"])
        fmt = request.GET.get("export")
        if fmt:
            if fmt not in exports.FORMATS:
                raise Http404
            sheet = srg_selectors.problems_sheet(request.user, found)
            return exports.response(sheet, fmt, f"srg-problemen-{found.month.start:%Y-%m}")
    return _page(request, form, found, 200 if not form.is_bound or form.is_valid() else 400)


@staff_view(allowed=policy.can_export_srg, cache=False)
@require_GET
def download(request):
    form = SrgMonthForm(request.GET)
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        raise Http404
    if not form.is_valid():
        return _page(request, form, status=400)
    month = form.cleaned_data["month"]
    try:
        found, sheet = srg_selectors.export(request.user, month)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _page(request, form, srg_selectors.delivery(request.user, month), status=400)
    code = found.municipality.cbs_code or ""
    return exports.response(sheet, fmt, f"srg-{code.lower()}-{month.start:%Y-%m}")
