"""What users do with indicators and reports: set a norm, make a report, explain it, publish it,
correct it. One transaction each; access first; one ValidationError naming every bad field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.organisations.models import Organisation

from . import policies, selectors
from .indicators import (
    DEFINITIONS_VERSION,
    REGISTRY,
    TOTAL,
    Indicator,
    all_indicators,
    shared_reads,
)
from .indicators.base import merge_small_categories
from .models import IndicatorNorm, Report, ReportStatus
from .policies import Period, ReportKind

Progress = Callable[[int, str], None]


def _no_progress(percent: int, text: str) -> None:
    return None


# --- norms (art. 13) --------------------------------------------------------------------------


@transaction.atomic
def set_norm(
    *,
    actor,
    indicator: str,
    year: int,
    value,
    source: str,
    municipality: Organisation | None = None,
) -> IndicatorNorm:
    """Enter the norm of an indicator for a year from the MGR budget; the previous one stays as
    history."""
    if not policy.can_set_norms(actor):
        raise AccessDenied
    errors: dict[str, list[str]] = {}
    known = REGISTRY.get(indicator)
    if known is None:
        errors["indicator"] = [_("Choose an indicator.")]
    try:
        number = None if value in (None, "") else Decimal(str(value))
    except InvalidOperation:
        number = None
        errors["value"] = [_("Enter the norm as a number.")]
    if known is not None and "value" not in errors:
        for field, message in policies.norm_errors(known.unit, number).items():
            errors.setdefault(field, []).append(message)
    if not (source or "").strip():
        errors["source"] = [_("Name the source of the norm (the MGR budget of the year).")]
    if not year or not 2000 <= int(year) <= 2100:
        errors["year"] = [_("Enter the year the norm is for.")]
    if errors:
        raise ValidationError(errors, code="invalid_norm")
    assert number is not None  # norm_errors refuses a missing norm
    return IndicatorNorm.objects.create(
        indicator=indicator,
        year=int(year),
        municipality=municipality,
        value=number,
        source=source.strip(),
        set_by=actor,
    )


# --- the figures of a report ------------------------------------------------------------------


def _plain(figure) -> dict:
    return {
        "value": None if figure.value is None else str(figure.value),
        "persons": figure.persons,
    }


def indicator_section(
    indicator: Indicator, municipality: Organisation | None, period: Period, seven=()
) -> dict:
    """One section of a report: the indicator's declaration and its raw figures (the "< 5" rule
    is applied when a reader sees them, so the stored figures stay exact)."""
    scope = selectors.scope_of(municipality, period)
    figures = indicator.compute(scope)
    if indicator.free_text_categories:  # a report's readers may not see the persons
        figures = merge_small_categories(figures, selectors.threshold())
    norm = selectors.norm_of(indicator, period.end.year, municipality)
    return {
        "code": indicator.code,
        "name": str(indicator.name),
        "definition": str(indicator.definition),
        "unit": indicator.unit,
        "population": str(indicator.population),
        "period": str(indicator.period),
        "category_name": str(indicator.category_name),
        "norm": None if norm is None else str(norm),
        "total": _plain(figures[TOTAL]),
        "quarters": [
            {"label": q.label, **_plain(indicator.compute(scope.with_period(q))[TOTAL])}
            for q in policies.quarters(period)
        ],
        "categories": [
            {"key": key, "label": indicator.category_label(key), **_plain(f)}
            for key, f in figures.items()
            if key != TOTAL
        ],
        "municipalities": [
            {
                "label": m.name,
                **_plain(indicator.compute(selectors.scope_of(m, period))[TOTAL]),
            }
            for m in seven
        ],
    }


def report_figures(report: Report, progress: Progress = _no_progress) -> dict:
    period = Period(report.period_start, report.period_end)
    seven = list(selectors.municipalities()) if report.municipality is None else []
    indicators = all_indicators()
    sections = []
    with shared_reads():
        for number, indicator in enumerate(indicators, start=1):
            progress(
                int(80 * (number - 1) / len(indicators)),
                _("Computing %(indicator)s") % {"indicator": indicator.name},
            )
            sections.append(indicator_section(indicator, report.municipality, period, seven))
    return {
        "period": [period.start.isoformat(), period.end.isoformat()],
        "definitions_version": DEFINITIONS_VERSION,
        "computed_at": timezone.now().isoformat(),
        "sections": sections,
    }


# --- reports (art. 14) ------------------------------------------------------------------------


def _scope_filter(kind: str, year: int, municipality):
    return Report.objects.filter(kind=kind, year=year, municipality=municipality)


@transaction.atomic
def create_report(
    *, actor, kind: str, year: int, municipality: Organisation | None, today: date | None = None
) -> Report:
    """A new draft of the interim report (first half year) or annual report, for a municipality
    or the region, for a period that has ended."""
    if not policy.can_manage_reports(actor) or not policy.can_view_indicators(actor, municipality):
        raise AccessDenied
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if kind not in ReportKind.values:
        errors["kind"] = [_("Choose the interim report or the annual report.")]
    else:
        period = policies.report_period(kind, int(year))
        error = policies.period_not_ended_error(period, today)
        if error:
            errors["year"] = [error]
        else:
            existing = _scope_filter(kind, year, municipality).select_for_update()
            if existing.filter(status=ReportStatus.DRAFT).exists():
                errors["kind"] = [_("A draft of this report exists already: continue with it.")]
            elif existing.filter(status=ReportStatus.PUBLISHED).exists():
                errors["kind"] = [
                    _(
                        "This report has been published. To change it, make a correction: "
                        "a new version."
                    )
                ]
    if errors:
        raise ValidationError(errors, code="invalid_report")
    return Report.objects.create(
        kind=kind,
        year=year,
        municipality=municipality,
        version=1,
        period_start=period.start,
        period_end=period.end,
        definitions_version=DEFINITIONS_VERSION,
        created_by=actor,
    )


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=report.pk)
    )


def _published_error() -> ValidationError:
    return ValidationError(
        {
            "status": [
                _("This report has been published and is frozen; a correction is a new version.")
            ]
        },
        code="published",
    )


@transaction.atomic
def explain(*, actor, report: Report, explanations: dict[str, str]) -> Report:
    """The manager's explanation per section (an indicator's code), before publication."""
    if not policy.can_manage_reports(actor):
        raise AccessDenied
    report = _locked(report)
    if report.is_published:
        raise _published_error()
    unknown = [code for code in explanations if code not in REGISTRY]
    if unknown:
        raise ValidationError(
            {"explanations": [_("Unknown section: %(codes)s.") % {"codes": ", ".join(unknown)}]},
            code="invalid",
        )
    merged = dict(report.explanations)
    for code, text in explanations.items():
        text = (text or "").strip()
        if text:
            merged[code] = text
        else:
            merged.pop(code, None)
    report.explanations = merged
    report.save(update_fields=["explanations"])
    return report


@transaction.atomic
def publish(*, actor, report: Report, progress: Progress = _no_progress) -> Report:
    """Freeze the report: its figures as computed now, the definitions' version and the period
    are stored, and the PDF and XLSX made from them; never again recomputed."""
    from .documents import report_pdf, report_xlsx

    if not policy.can_manage_reports(actor):
        raise AccessDenied
    report = _locked(report)
    if report.is_published:
        raise _published_error()
    report.figures = report_figures(report, progress)
    report.definitions_version = DEFINITIONS_VERSION
    report.status = ReportStatus.PUBLISHED
    report.published_by = actor
    report.published_at = timezone.now()
    progress(85, _("Writing the PDF"))
    report.pdf = report_pdf(report)
    progress(95, _("Writing the XLSX"))
    report.xlsx = report_xlsx(report)
    report.save()
    progress(100, _("Published"))
    return report


@transaction.atomic
def correct(*, actor, report: Report) -> Report:
    """A correction of a published report: a new draft version, with the explanations copied."""
    if not policy.can_manage_reports(actor):
        raise AccessDenied
    report = _locked(report)
    if not report.is_published:
        raise ValidationError(
            {"status": [_("Only a published report is corrected; edit the draft instead.")]},
            code="draft",
        )
    scope = _scope_filter(report.kind, report.year, report.municipality).select_for_update()
    if scope.filter(status=ReportStatus.DRAFT).exists():
        raise ValidationError(
            {"status": [_("A correction of this report is in draft already.")]}, code="draft"
        )
    latest = scope.aggregate(latest=Max("version"))["latest"] or report.version
    return Report.objects.create(
        kind=report.kind,
        year=report.year,
        municipality=report.municipality,
        version=latest + 1,
        period_start=report.period_start,
        period_end=report.period_end,
        explanations=dict(report.explanations),
        definitions_version=DEFINITIONS_VERSION,
        corrects=report,
        created_by=actor,
    )


def generate(report_id: int, progress: Progress = _no_progress) -> Report:
    """Make the report's PDF and XLSX: a draft from figures computed now, a published version
    from its frozen figures. The long work of the report job."""
    from .documents import report_pdf, report_xlsx

    report = Report.objects.select_related("municipality").get(pk=report_id)
    if not report.is_published:
        report.figures = report_figures(report, progress)
    progress(85, _("Writing the PDF"))
    report.pdf = report_pdf(report)
    progress(95, _("Writing the XLSX"))
    report.xlsx = report_xlsx(report)
    fields = ["pdf", "xlsx"] if report.is_published else ["pdf", "xlsx", "figures"]
    Report.objects.filter(pk=report.pk).update(**{f: getattr(report, f) for f in fields})
    progress(100, _("Done"))
    return report
