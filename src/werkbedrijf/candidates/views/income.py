"""The Inkomen screen: signals to decide, returns and three-way talks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form

from .. import selectors, services
from ..forms import SanctionDecisionForm, TalkOutcomeForm
from ..models import SanctionSignal, ThreeWayTalk
from .common import CASELOAD_EXTRA, caseload_rows, render_section, trajectory_record
from .journey import submit

INCOME_CASELOAD_SIZE = 20


def _income_page(request, *, bound: dict | None = None, status=200):
    user = request.user
    bound = bound or {}
    page = selectors.caseload_values(
        user, selectors.Filters(), page_size=INCOME_CASELOAD_SIZE, extra=CASELOAD_EXTRA
    )
    signals = [
        {
            "signal": signal,
            "form": bound.get(f"signal:{signal.uuid}")
            or SanctionDecisionForm(prefix=f"signal-{signal.uuid}"),
        }
        for signal in selectors.open_signals(user)
    ]
    talks = [
        {
            "talk": talk,
            "form": bound.get(f"talk:{talk.uuid}") or TalkOutcomeForm(prefix=f"talk-{talk.uuid}"),
        }
        for talk in selectors.planned_talks(user)
    ]
    context = {
        "municipality": policy.municipality_of(user),
        "rows": caseload_rows(page),
        "more_url": reverse("candidates:caseload") if page.next_cursor else None,
        "signals": signals,
        "returns": selectors.recent_return_rows(user),
        "talks": talks,
        "bound_forms": list(bound.values()),
    }
    return render_section(request, "candidates/income.html", context, status=status)


@staff_view
@require_GET
def income(request):
    policy.require(policy.can_use_income_screen(request.user))
    return _income_page(request)


@staff_view
@require_POST
def decide_signal(request, uuid):
    user = request.user
    signal = trajectory_record(user, SanctionSignal, uuid, "trajectory")
    policy.require(policy.can_decide_sanction(user, signal.trajectory))
    form = SanctionDecisionForm(request.POST, prefix=f"signal-{signal.uuid}")

    def save(data):
        services.decide_sanction(
            actor=user,
            signal=signal,
            decision=data["decision"],
            reasons=data["reasons"],
            decided_on=data["decided_on"],
        )

    if save_form(form, save):
        messages.success(request, _("The decision is recorded."))
        return redirect("candidates:income")
    return _income_page(request, bound={f"signal:{signal.uuid}": form}, status=400)


@staff_view
@require_POST
def talk_outcome(request, uuid):
    """The outcome of a talk, from the Inkomen screen or from the candidate's page (``origin``)."""
    user = request.user
    talk = trajectory_record(user, ThreeWayTalk, uuid, "trajectory__candidate")
    policy.require(policy.can_plan_talk(user, talk.trajectory))
    form = TalkOutcomeForm(request.POST, prefix=f"talk-{talk.uuid}")

    def save(data):
        services.record_talk(actor=user, talk=talk, **data)

    key, done = f"talk:{talk.uuid}", _("The outcome of the talk is recorded.")
    if request.POST.get("origin") == "candidate":
        return submit(request, talk.trajectory.candidate, key, form, save, done)
    if save_form(form, save):
        messages.success(request, done)
        return redirect("candidates:income")
    return _income_page(request, bound={key: form}, status=400)
