"""The dashboards: every indicator with its trend per quarter and its norm, one indicator with its
breakdowns, and the region with the seven municipalities side by side."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils import exports

from .. import charts, selectors
from ..forms import ScopeForm, YearForm
from ..indicators import REGISTRY, TOTAL, rows
from ..policies import Breakdown, Unit
from .common import chosen_scope, export_response, render_section, scope_value


def _scope_name(municipality) -> str:
    return municipality.name if municipality is not None else _("Region")


def _cell(figure):
    """A figure in an export: the number itself, or the text ('< 5', '–') when there is none."""
    return figure.value if figure.value is not None else figure.text


def _chart(row) -> str | None:
    values = [figure.value for _quarter, figure in row.quarters]
    if all(v is None for v in values):
        return None
    return charts.trend_svg_data_uri(
        [q.label for q, _f in row.quarters],
        values,
        row.norm,
        integer=row.indicator.unit == Unit.COUNT,
    )


@staff_view(allowed=policy.can_use_dashboard)
@require_GET
def dashboard(request):
    user = request.user
    municipality, year = chosen_scope(request)
    period = selectors.year_to_date(year)
    rows = selectors.dashboard(user, municipality, period)
    name = _scope_name(municipality)
    table = exports.Sheet(
        _("Indicators"),
        [_("Indicator"), _("Unit"), _("Value"), _("Norm")]
        + [q.label for q, _f in rows[0].quarters],
        [
            [str(r.indicator.name), str(Unit(r.indicator.unit).label), _cell(r.total), r.norm]
            + [_cell(f) for _q, f in r.quarters]
            for r in rows
        ],
    )
    exported = export_response(request, table, f"indicatoren-{slugify(name)}-{year}")
    if exported:
        return exported
    form = ScopeForm(
        initial={"municipality": scope_value(municipality), "year": year},
        municipalities=selectors.visible_municipalities(user),
        with_region=policy.can_view_indicators(user, None),
    )
    return render_section(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "municipality": municipality,
            "scope_name": name,
            "scope_value": scope_value(municipality),
            "year": year,
            "period": period,
            "rows": [(row, _chart(row)) for row in rows],
            "quarters": rows[0].quarters if rows else [],
            "may_manage_reports": policy.can_manage_reports(user),
            "threshold": selectors.threshold(),
        },
    )


@staff_view(allowed=policy.can_use_dashboard)
@require_GET
def indicator(request, code: str):
    user = request.user
    found = REGISTRY.get(code)
    if found is None:
        raise Http404
    municipality, year = chosen_scope(request)
    period = selectors.year_to_date(year)
    by = request.GET.get("by") or Breakdown.QUARTER
    if by not in Breakdown.values or not found.allows(by):
        raise Http404
    categories = selectors.categories(user, found, municipality, period)
    total = selectors.figures(user, found, municipality, period)
    split = selectors.breakdown(user, found, municipality, period, by)
    name = _scope_name(municipality)
    table = exports.Sheet(
        str(found.name)[:31],
        [str(Breakdown(by).label), _("Value")],
        [[label, _cell(figure)] for _key, label, figure in split],
    )
    exported = export_response(request, table, f"{code}-{slugify(name)}-{year}-{by}")
    if exported:
        return exported
    norm = selectors.norm_of(found, year, municipality)
    may_open = policy.can_see_persons_behind_figures(user, municipality)
    return render_section(
        request,
        "reporting/indicator.html",
        {
            "indicator": found,
            "unit_label": Unit(found.unit).label,
            "municipality": municipality,
            "scope_name": name,
            "scope_value": scope_value(municipality),
            "year": year,
            "period": period,
            "total": total[TOTAL],
            "norm_text": selectors.DashboardRow(found, total[TOTAL], [], norm).norm_text,
            "categories": categories,
            "by": by,
            "by_label": Breakdown(by).label,
            "breakdowns": [(b.value, b.label) for b in Breakdown if found.allows(b)],
            "split": split,
            "opens_total": may_open and rows.opens(code, TOTAL),
            "opens": {k for k, _l, _f in categories if may_open and rows.opens(code, k)},
            "opens_split": may_open and rows.opens(code, TOTAL),
        },
    )


@staff_view(allowed=policy.can_use_dashboard, cache=False)
@require_GET
def persons(request, code: str):
    """The candidates a figure counts, for a role that may see them; logged, exportable."""
    user = request.user
    found = REGISTRY.get(code)
    if found is None:
        raise Http404
    municipality, year = chosen_scope(request)
    period = selectors.year_to_date(year)
    category = request.GET.get("category", TOTAL)
    fmt = request.GET.get("export")
    if fmt and fmt not in exports.FORMATS:
        raise Http404
    by, key = request.GET.get("by", ""), request.GET.get("key", "")
    label = found.category_label(category)
    row = selectors.BreakdownRow(municipality, period)
    if by:
        if by not in Breakdown.values:
            raise Http404
        row = selectors.breakdown_row(user, found, municipality, period, by, key)
        label = f"{label}: {row.label}"
    rows, count = selectors.persons_behind(
        user,
        found,
        row.municipality,
        row.period,
        category,
        focus_group=row.focus_group,
        sector_group=row.sector_group,
        limit=None if fmt else selectors.PERSONS_SHOWN,
        exported=bool(fmt),
    )
    name = _scope_name(municipality)
    if fmt:
        table = exports.Sheet(
            str(found.name)[:31],
            [_("Name"), _("Municipality"), _("Referred on"), _("Phase")],
            [
                [t.candidate.full_name, t.municipality.name, t.referred_on, t.get_phase_display()]
                for t in rows
            ],
        )
        suffix = "".join(f"-{slugify(part)}" for part in (category, by, key) if part)
        return exports.response(table, fmt, f"{code}{suffix}-{slugify(name)}-{year}-personen")
    return render_section(
        request,
        "reporting/persons.html",
        {
            "indicator": found,
            "category": category,
            "category_label": label,
            "by": by,
            "key": key,
            "row_period": row.period,
            "scope_name": name,
            "scope_value": scope_value(municipality),
            "year": year,
            "period": period,
            "rows": rows,
            "count": count,
            "more": count - len(rows),
        },
    )


@staff_view(allowed=policy.can_use_dashboard)
@require_GET
def compare(request):
    user = request.user
    policy.require(policy.can_view_indicators(user, None))
    form = YearForm(request.GET or None)
    if form.is_valid():
        year = form.cleaned_data["year"]
    else:
        year = timezone.localdate().year
        form = YearForm(initial={"year": year})
    period = selectors.year_to_date(year)
    seven, rows = selectors.side_by_side(user, period)
    table = exports.Sheet(
        _("Side by side"),
        [_("Indicator"), _("Region")] + [m.name for m in seven],
        [
            [str(indicator.name), _cell(region)] + [_cell(f) for _m, f in per]
            for indicator, region, per in rows
        ],
    )
    exported = export_response(request, table, f"gemeenten-naast-elkaar-{year}")
    if exported:
        return exported
    return render_section(
        request,
        "reporting/compare.html",
        {
            "form": form,
            "year": year,
            "period": period,
            "seven": seven,
            "rows": rows,
            "threshold": selectors.threshold(),
        },
    )
