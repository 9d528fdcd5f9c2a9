"""Reads of indicators, norms and reports, always for an acting user: access first, then the
figures, each masked by the "< 5" rule for a reader who may not see the persons behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from werkbedrijf.access import policy
from werkbedrijf.candidates.models import FocusGroup
from werkbedrijf.employers.models import SectorGroup
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import policies
from .indicators import REGISTRY, TOTAL, Indicator, Scope, all_indicators, shared_reads
from .indicators.base import merge_small_categories
from .models import IndicatorNorm, Report
from .policies import Breakdown, Period, ShownFigure


def threshold() -> int:
    return int(settings.SMALL_COUNT_THRESHOLD)


def municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


def visible_municipalities(user) -> list[Organisation]:
    return [m for m in municipalities() if policy.can_view_indicators(user, m)]


def require_view(user, municipality: Organisation | None) -> None:
    """A municipality (or the region) outside the user's view answers as not found."""
    if not policy.can_view_indicators(user, municipality):
        raise Http404


def scope_of(
    municipality: Organisation | None, period: Period, focus_group: str = "", sector_group: str = ""
) -> Scope:
    return Scope(
        period,
        None if municipality is None else (municipality.pk,),
        focus_group=focus_group,
        sector_group=sector_group,
    )


def norm_of(indicator: Indicator, year: int, municipality: Organisation | None) -> Decimal | None:
    """The norm in force: the latest one entered for the year (and municipality); for the region
    the indicator's default (the capacity of 4,200) when the budget set none."""
    norm = (
        IndicatorNorm.objects.filter(indicator=indicator.code, year=year, municipality=municipality)
        .order_by("-set_at", "-id")
        .values_list("value", flat=True)
        .first()
    )
    if norm is None and municipality is None:
        return indicator.default_norm
    return norm


def norms_entered(user, limit: int = 200) -> list[tuple[IndicatorNorm, str, str]]:
    """The norms as entered, newest first (the history of changes): (norm, indicator, value)."""
    if not policy.can_set_norms(user) and not policy.can_view_indicators(user, None):
        return []
    rows = IndicatorNorm.objects.select_related("municipality", "set_by").order_by(
        "-set_at", "-id"
    )[:limit]
    result = []
    for norm in rows:
        known = REGISTRY.get(norm.indicator)
        name = str(known.name) if known else norm.indicator
        value = policies.format_value(known.unit, norm.value) if known else str(norm.value)
        result.append((norm, name, value))
    return result


def mask(user, indicator: Indicator, figures: dict, municipality=None) -> dict[str, ShownFigure]:
    may_see = policy.can_see_persons_behind_figures(user, municipality)
    return {
        key: policies.shown(
            indicator.unit, f.value, f.persons, may_see_persons=may_see, threshold=threshold()
        )
        for key, f in figures.items()
    }


def figures(
    user,
    indicator: Indicator,
    municipality: Organisation | None,
    period: Period,
    *,
    focus_group: str = "",
    sector_group: str = "",
) -> dict[str, ShownFigure]:
    """The indicator's total (key TOTAL) and categories for the municipality (None: region)."""
    require_view(user, municipality)
    raw = indicator.compute(scope_of(municipality, period, focus_group, sector_group))
    if indicator.free_text_categories and not policy.can_see_persons_behind_figures(
        user, municipality
    ):
        raw = merge_small_categories(raw, threshold())
    return mask(user, indicator, raw, municipality)


def year_to_date(year: int, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(date(year, 1, 1), min(date(year, 12, 31), max(today, date(year, 1, 1))))


@dataclass
class DashboardRow:
    indicator: Indicator
    total: ShownFigure
    quarters: list[tuple[Period, ShownFigure]]
    norm: Decimal | None

    @property
    def norm_text(self) -> str:
        if self.norm is None:
            return "–"
        return policies.format_value(self.indicator.unit, self.norm)


def dashboard(
    user, municipality: Organisation | None, period: Period, indicators=None
) -> list[DashboardRow]:
    """Each indicator over the period, with its trend per quarter and its norm."""
    require_view(user, municipality)
    rows = []
    with shared_reads():
        for indicator in indicators or all_indicators():
            total = figures(user, indicator, municipality, period)[TOTAL]
            trend = [
                (quarter, figures(user, indicator, municipality, quarter)[TOTAL])
                for quarter in policies.quarters(period)
            ]
            norm = norm_of(indicator, period.end.year, municipality)
            rows.append(DashboardRow(indicator, total, trend, norm))
    return rows


def categories(
    user, indicator: Indicator, municipality: Organisation | None, period: Period
) -> list[tuple[str, str, ShownFigure]]:
    """The indicator's own split (channel, form, kind, ...): (key, label, figure), total last."""
    shown = figures(user, indicator, municipality, period)
    keys = [k for k in indicator.categories() if k in shown] + sorted(
        k for k in shown if k not in indicator.categories() and k != TOTAL
    )
    rows = [(k, indicator.category_label(k), shown[k]) for k in keys]
    return rows


def breakdown(
    user, indicator: Indicator, municipality: Organisation | None, period: Period, by: str
) -> list[tuple[str | None, str, ShownFigure]]:
    """The indicator's total broken down by municipality, focus group, sector group or quarter:
    (key, label, figure)."""
    require_view(user, municipality)
    if not indicator.allows(by):
        raise Http404
    if by == Breakdown.MUNICIPALITY:
        wanted = [municipality] if municipality is not None else visible_municipalities(user)
        return [(m.cbs_code, m.name, figures(user, indicator, m, period)[TOTAL]) for m in wanted]
    if by == Breakdown.QUARTER:
        return [
            (q.start.isoformat(), q.label, figures(user, indicator, municipality, q)[TOTAL])
            for q in policies.quarters(period)
        ]
    if by == Breakdown.FOCUS_GROUP:
        return [
            (
                g.value,
                str(g.label),
                figures(user, indicator, municipality, period, focus_group=g.value)[TOTAL],
            )
            for g in FocusGroup
        ]
    if by == Breakdown.SECTOR_GROUP:
        return [
            (
                g.value,
                str(g.label),
                figures(user, indicator, municipality, period, sector_group=g.value)[TOTAL],
            )
            for g in SectorGroup
        ]
    raise Http404


def side_by_side(user, period: Period, indicators=None):
    """The region and every municipality the user sees, per indicator: the board's view."""
    require_view(user, None)
    seven = visible_municipalities(user)
    rows = []
    with shared_reads():
        for indicator in indicators or all_indicators():
            region = figures(user, indicator, None, period)[TOTAL]
            per = [(m, figures(user, indicator, m, period)[TOTAL]) for m in seven]
            rows.append((indicator, region, per))
    return seven, rows


@dataclass(frozen=True)
class BreakdownRow:
    """The scope of one row of a breakdown: the figure it shows is the total of this scope."""

    municipality: Organisation | None
    period: Period
    focus_group: str = ""
    sector_group: str = ""
    label: str = ""


def breakdown_row(
    user,
    indicator: Indicator,
    municipality: Organisation | None,
    period: Period,
    by: str,
    key: str,
) -> BreakdownRow:
    """The row ``key`` of the breakdown ``by`` (as ``breakdown`` names its rows) as a scope; a
    key that is not one of its rows is not found."""
    require_view(user, municipality)
    if not indicator.allows(by):
        raise Http404
    if by == Breakdown.MUNICIPALITY:
        wanted = [municipality] if municipality is not None else visible_municipalities(user)
        found = next((m for m in wanted if m.cbs_code == key), None)
        if found is None:
            raise Http404
        return BreakdownRow(found, period, label=found.name)
    if by == Breakdown.QUARTER:
        quarter = next((q for q in policies.quarters(period) if q.start.isoformat() == key), None)
        if quarter is None:
            raise Http404
        return BreakdownRow(municipality, quarter, label=quarter.label)
    if by == Breakdown.FOCUS_GROUP and key in FocusGroup.values:
        return BreakdownRow(municipality, period, focus_group=key, label=str(FocusGroup(key).label))
    if by == Breakdown.SECTOR_GROUP and key in SectorGroup.values:
        return BreakdownRow(
            municipality, period, sector_group=key, label=str(SectorGroup(key).label)
        )
    raise Http404


# --- reports ----------------------------------------------------------------------------------


def reports_for(user):
    """The report versions the user may see: those of the municipalities (and the region) whose
    figures they may see."""
    if policy.can_view_indicators(user, None):
        return Report.objects.select_related("municipality")
    own = [m.pk for m in visible_municipalities(user)]
    return Report.objects.filter(municipality_id__in=own).select_related("municipality")


def get_report(user, uuid) -> Report:
    try:
        return reports_for(user).get(uuid=uuid)
    except (Report.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@dataclass
class ReportColumn:
    municipality: Organisation
    report: Report | None  # the version compared: the latest published, else the latest made


def reports_side_by_side(user, kind: str, year: int):
    """The seven municipal reports of one period side by side, from the figures stored in each
    (the latest published version, else the latest draft whose figures were made): the columns,
    and per indicator (code, name, one figure or None per column). Masked by the "< 5" rule for
    everybody, as every report is."""
    require_view(user, None)
    columns = []
    for municipality in visible_municipalities(user):
        versions = (
            Report.objects.filter(kind=kind, year=year, municipality=municipality)
            .defer("pdf", "xlsx")
            .order_by("-version")
        )
        chosen = versions.filter(published_at__isnull=False).first() or next(
            (r for r in versions if r.figures.get("sections")), None
        )
        columns.append(ReportColumn(municipality, chosen))
    sections: dict[str, dict] = {}
    for column in columns:
        for section in (column.report.figures if column.report else {}).get("sections", []):
            sections.setdefault(section["code"], section)
    order = [i.code for i in all_indicators() if i.code in sections] + sorted(
        code for code in sections if code not in REGISTRY
    )
    rows = []
    for code in order:
        unit = sections[code]["unit"]
        cells = []
        for column in columns:
            found = next(
                (
                    s
                    for s in (column.report.figures if column.report else {}).get("sections", [])
                    if s["code"] == code
                ),
                None,
            )
            cells.append(None if found is None else _stored_figure(unit, found["total"]))
        rows.append((code, sections[code]["name"], unit, cells))
    return columns, rows


def _stored_figure(unit: str, total: dict) -> ShownFigure:
    value = None if total["value"] is None else Decimal(total["value"])
    return policies.shown(
        unit, value, total["persons"], may_see_persons=False, threshold=threshold()
    )


# --- the rows behind a figure -------------------------------------------------------------------

PERSONS_SHOWN = 500  # rows on the screen; the export holds them all


def persons_behind(
    user,
    indicator: Indicator,
    municipality: Organisation | None,
    period: Period,
    category: str = TOTAL,
    *,
    focus_group: str = "",
    sector_group: str = "",
    limit: int | None = PERSONS_SHOWN,
    exported: bool = False,
) -> tuple[list, int]:
    """The trajectories a figure counts (its total, or one category; of one focus group or sector
    group for a row of a breakdown) with their candidates, for a role that may see the persons
    behind figures; (rows, how many in all). Every row read is in the processing log, as a read
    or (``exported``) an export."""
    from werkbedrijf.candidates.models import Trajectory
    from werkbedrijf.processing_log.models import Action
    from werkbedrijf.processing_log.services import DVO_ADMINISTRATION, log_processing

    from .indicators.rows import opens, rows_of

    require_view(user, municipality)
    policy.require(policy.can_see_persons_behind_figures(user, municipality))
    rows = rows_of(indicator.code)
    if rows is None or not opens(indicator.code, category):
        raise Http404
    qs = (
        Trajectory.objects.filter(
            id__in=rows(scope_of(municipality, period, focus_group, sector_group), category)
        )
        .select_related("candidate", "municipality")
        .order_by("candidate__last_name", "candidate__first_name", "id")
    )
    count = qs.count()
    found = list(qs[:limit] if limit is not None else qs)
    log_processing(
        actor=user,
        action=Action.EXPORT if exported else Action.READ,
        record_type="trajectory",
        objects=[(t.uuid, t.candidate.uuid) for t in found],
        purpose=DVO_ADMINISTRATION,
        detail=" ".join(
            part
            for part in (
                f"indicator {indicator.code} {period.start}..{period.end}",
                category,
                focus_group,
                sector_group,
            )
            if part
        ),
    )
    return found, count
