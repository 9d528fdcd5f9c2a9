"""The questionnaire's public page (no account, no personal data), typing in a paper form, and
the figures per municipality with their export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils import exports as tables

from . import policies, selectors, services
from .forms import PaperQuestionnaireForm, QuestionnaireForm
from .models import Invitation


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """Anyone with the link; the page shows nothing about the person it was sent to."""
    invitation = Invitation.objects.filter(token=token).first()
    today = timezone.localdate()
    refusal = (
        _("This link is unknown. Check that you copied it completely.")
        if invitation is None
        else policies.link_error(
            invitation.created_on, invitation.expires_on, invitation.used_on, today
        )
    )
    if refusal:
        return render(request, "satisfaction/closed.html", {"message": refusal}, status=410)
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(token=token, **form.answers())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "satisfaction/thanks.html")
    status = 400 if form.is_bound else 200
    return render(request, "satisfaction/answer.html", {"form": form}, status=status)


@staff_view(allowed=policy.can_enter_paper_questionnaire)
@require_http_methods(["GET", "POST"])
def paper(request):
    form = PaperQuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(
                token=form.cleaned_data["token"], entered_by=request.user, **form.answers()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The questionnaire is recorded."))
            return redirect("satisfaction:paper")
    status = 400 if form.is_bound else 200
    return render(request, "satisfaction/paper.html", {"form": form}, status=status)


def _sheet(rows, year) -> tables.Sheet:
    header = [
        _("Municipality"),
        _("Moment"),
        _("Invited"),
        _("Answered"),
        _("Response rate (%)"),
        _("Average score"),
    ]
    body = []
    for row in rows:
        small = row.hidden
        body.append(
            [
                row.municipality.name if row.municipality else _("Region"),
                row.moment_label,
                row.figures.invited,
                row.figures.answered,
                row.figures.response_rate,
                f"< {selectors.threshold()}" if small else row.figures.average_score,
            ]
        )
    return tables.Sheet(_("Satisfaction %(year)s") % {"year": year}, header, body)


@staff_view(allowed=policy.can_view_satisfaction)
def figures(request):
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        year = timezone.localdate().year
    rows = selectors.figures_for(request.user, year)
    fmt = request.GET.get("formaat")
    if fmt:
        return tables.download([_sheet(rows, year)], fmt, [_("satisfaction"), str(year)])
    return render(
        request,
        "satisfaction/figures.html",
        {
            "rows": rows,
            "year": year,
            "years": range(year - 3, year + 1),
            "threshold": selectors.threshold(),
        },
    )
