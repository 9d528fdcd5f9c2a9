"""The interim and annual reports: list and new, one report with its explanations, making its PDF
in the background with a progress bar, publishing, correcting, downloading; and the norms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from werkbedrijf.access import policy
from werkbedrijf.jobs.models import Job
from werkbedrijf.jobs.services import enqueue
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form
from werkbedrijf.utils import exports

from .. import documents, selectors, services
from ..forms import REGION, ExplanationForm, NewReportForm, NormForm, ReportPeriodForm
from ..indicators import all_indicators
from .common import export_response, render_section


def _municipality(value: str):
    if not value or value == REGION:
        return None
    found = next((m for m in selectors.municipalities() if str(m.uuid) == value), None)
    if found is None:
        raise Http404
    return found


@staff_view(allowed=policy.can_use_dashboard)
def reports(request):
    user = request.user
    may_manage = policy.can_manage_reports(user)
    form = None
    if may_manage:
        form = NewReportForm(
            request.POST or None,
            initial={"municipality": request.GET.get("municipality", REGION)},
            municipalities=selectors.visible_municipalities(user),
            with_region=True,
        )
        if request.method == "POST":
            created = {}

            def save(data):
                created["report"] = services.create_report(
                    actor=user,
                    kind=data["kind"],
                    year=data["year"],
                    municipality=_municipality(data["municipality"]),
                )

            if save_form(form, save):
                return redirect("reporting:report", uuid=created["report"].uuid)
    elif request.method == "POST":
        policy.require(False)
    rows = selectors.reports_for(user).order_by("-year", "kind", "municipality__name", "-version")
    return render_section(request, "reporting/reports.html", {"form": form, "reports": rows[:200]})


def _latest_job(user, report):
    return (
        Job.objects.filter(user=user, params__report=str(report.uuid))
        .order_by("-created_at", "-id")
        .first()
    )


@staff_view(allowed=policy.can_use_dashboard, cache=False)
def report(request, uuid):
    user = request.user
    found = selectors.get_report(user, uuid)
    may_manage = policy.can_manage_reports(user)
    form = None
    if may_manage and not found.is_published:
        form = ExplanationForm(request.POST or None, initial=found.explanations)
        if request.method == "POST" and save_form(
            form, lambda data: services.explain(actor=user, report=found, explanations=data)
        ):
            messages.success(request, _("The explanations are saved."))
            return redirect("reporting:report", uuid=found.uuid)
    elif request.method == "POST":
        policy.require(False)
    sections = {s["code"]: s for s in found.figures.get("sections", [])}
    return render_section(
        request,
        "reporting/report.html",
        {
            "report": found,
            "title": documents.title_of(found),
            "form": form,
            "may_manage": may_manage,
            "job": _latest_job(user, found),
            "has_files": bool(found.pdf),
            "explained": [
                (indicator, found.explanations.get(indicator.code), sections.get(indicator.code))
                for indicator in all_indicators()
            ],
        },
    )


@staff_view(allowed=policy.can_manage_reports)
@require_POST
def generate(request, uuid):
    found = selectors.get_report(request.user, uuid)
    enqueue("reporting.generate", user=request.user, params={"report": str(found.uuid)})
    return redirect("reporting:report", uuid=found.uuid)


@staff_view(allowed=policy.can_manage_reports)
@require_POST
def publish(request, uuid):
    found = selectors.get_report(request.user, uuid)
    if found.is_published:
        messages.error(
            request,
            _("This report has been published and is frozen; a correction is a new version."),
        )
    else:
        enqueue("reporting.publish", user=request.user, params={"report": str(found.uuid)})
    return redirect("reporting:report", uuid=found.uuid)


@staff_view(allowed=policy.can_manage_reports)
@require_POST
def correct(request, uuid):
    found = selectors.get_report(request.user, uuid)
    try:
        correction = services.correct(actor=request.user, report=found)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reporting:report", uuid=found.uuid)
    return redirect("reporting:report", uuid=correction.uuid)


@staff_view(allowed=policy.can_use_dashboard)
@require_GET
def download(request, uuid, fmt: str):
    found = selectors.get_report(request.user, uuid)
    content = {"pdf": found.pdf, "xlsx": found.xlsx}.get(fmt)
    if not content:
        raise Http404
    content_type = "application/pdf" if fmt == "pdf" else exports.XLSX
    response = HttpResponse(bytes(content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(found, fmt)}"'
    return response


@staff_view(allowed=policy.can_set_norms)
def norms(request):
    user = request.user
    form = NormForm(request.POST or None, municipalities=selectors.municipalities())
    if request.method == "POST" and save_form(
        form,
        lambda data: services.set_norm(
            actor=user,
            indicator=data["indicator"],
            year=data["year"],
            value=data["value"],
            source=data["source"],
            municipality=_municipality(data["municipality"]),
        ),
    ):
        messages.success(request, _("The norm is saved."))
        return redirect("reporting:norms")
    return render_section(
        request, "reporting/norms.html", {"form": form, "history": selectors.norms_entered(user)}
    )


@staff_view(allowed=policy.can_use_dashboard)
@require_GET
def compare_reports(request):
    """The seven municipal reports of one period side by side, from their stored figures."""
    from django.utils import timezone

    from ..policies import ReportKind

    user = request.user
    policy.require(policy.can_view_indicators(user, None))
    form = ReportPeriodForm(request.GET or None)
    if form.is_valid():
        kind, year = form.cleaned_data["kind"], form.cleaned_data["year"]
    else:
        kind, year = ReportKind.ANNUAL.value, timezone.localdate().year - 1
        form = ReportPeriodForm(initial={"kind": kind, "year": year})
    columns, rows = selectors.reports_side_by_side(user, kind, year)

    def heading(column) -> str:
        if column.report is None:
            return column.municipality.name
        state = _("published") if column.report.is_published else _("draft")
        return f"{column.municipality.name} (v{column.report.version}, {state})"

    table = exports.Sheet(
        _("Reports side by side"),
        [_("Indicator")] + [heading(c) for c in columns],
        [
            [name]
            + [None if f is None else (f.value if f.value is not None else f.text) for f in cells]
            for _code, name, _unit, cells in rows
        ],
    )
    exported = export_response(request, table, f"verslagen-naast-elkaar-{kind}-{year}")
    if exported:
        return exported
    return render_section(
        request,
        "reporting/reports_compare.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": ReportKind(kind).label,
            "year": year,
            "columns": columns,
            "rows": rows,
            "threshold": selectors.threshold(),
        },
    )
