"""The work list of the cycle ('Termijnen'): what is due and overdue for the user, every step of
the cycle, its export, and marking a step as done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import exports, selectors, services
from werkbedrijf.agreements.cycle_forms import CompleteStepForm, StepForm
from werkbedrijf.agreements.policies import deadlines
from werkbedrijf.organisations.selectors import organisations_for
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form


def _state_label(state: str) -> str:
    return {
        deadlines.DONE: _("Done"),
        deadlines.OVERDUE: _("Overdue"),
        deadlines.DUE: _("Due soon"),
        deadlines.UPCOMING: _("Upcoming"),
    }[state]


def _rows(user, rows):
    return [
        {
            "row": r,
            "state_label": _state_label(r.state),
            "days": abs(r.days_left),
            "can_complete": r.step.done_on is None and policy.can_complete_step(user, r.step),
        }
        for r in rows
    ]


def _page(request, *, form=None, failed_step=None, status=200):
    user = request.user
    today = timezone.localdate()
    agreement = None
    if request.GET.get("dvo"):
        agreement = selectors.get_agreement(user, request.GET["dvo"])
    context = {
        "today": today,
        "due": _rows(user, selectors.due_steps(user, today)),
        "steps": _rows(user, selectors.cycle_steps(user, today, agreement)),
        "agreements": selectors.agreements_for(user),
        "agreement": agreement,
        "form": form,
        "failed_step": failed_step,
        "export_formats": exports.FORMATS,
        "can_plan": policy.can_manage_cycle(user),
    }
    return render(request, "agreements/deadlines.html", context, status=status)


@staff_view
def deadlines_list(request):
    return _page(request)


@require_POST
@staff_view
def complete_step(request, uuid):
    step = selectors.get_step(request.user, uuid)
    policy.require(policy.can_complete_step(request.user, step))
    form = CompleteStepForm(request.POST)

    def save(data):
        services.complete_step(
            actor=request.user, step=step, done_on=data["done_on"], note=data["note"]
        )

    if save_form(form, save):
        messages.success(request, _("The step is marked as done."))
        return redirect(reverse("agreements:deadlines"))
    return _page(request, form=form, failed_step=step, status=400)


@staff_view
def deadlines_export(request, fmt):
    user = request.user
    today = timezone.localdate()
    agreement = None
    if request.GET.get("dvo"):
        agreement = selectors.get_agreement(user, request.GET["dvo"])
    mine = request.GET.get("lijst") == "mijn"
    rows = (
        selectors.due_steps(user, today) if mine else selectors.cycle_steps(user, today, agreement)
    )
    header = [
        _("Agreement"),
        _("Step"),
        _("Deadline"),
        _("Status"),
        _("Days left"),
        _("Who must act"),
        _("Organisation"),
        _("Municipality"),
        _("Follows step"),
        _("Done on"),
        _("Source document"),
    ]
    table = [
        [
            r.step.agreement.title,
            r.step.title,
            r.step.due_on,
            _state_label(r.state),
            r.days_left if r.step.done_on is None else None,
            r.step.get_actor_role_display(),
            r.step.actor_organisation.name,
            r.step.municipal_agreement.municipality.name if r.step.municipal_agreement else "",
            r.step.depends_on.title if r.step.depends_on else "",
            r.step.done_on,
            r.step.source,
        ]
        for r in rows
    ]
    try:
        content, content_type = exports.table_file(_("Deadlines"), header, table, fmt)
    except ValidationError as exc:
        return render(request, "ui/bad_request.html", {"errors": exc.messages}, status=400)
    response = HttpResponse(content, content_type=content_type)
    name = "termijnen-mijn" if mine else "termijnen"
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _pick(items, uuid):
    return next((item for item in items if str(item.uuid) == uuid), None)


@staff_view(allowed=policy.can_manage_cycle)
def plan_step(request):
    """A DVO administrator plans a step: its deadline, what it follows and who must act."""
    user = request.user
    today = timezone.localdate()
    agreements = list(selectors.agreements_for(user))
    organisations = list(organisations_for(user).order_by("kind", "name"))
    steps = [r.step for r in selectors.cycle_steps(user, today)]
    choices = dict(agreements=agreements, organisations=organisations, steps=steps)
    status = 200
    if request.method == "POST":
        form = StepForm(request.POST, **choices)

        def save(data):
            services.add_step(
                actor=user,
                agreement=_pick(agreements, data["agreement"]),
                data=services.StepInput(
                    kind=data["kind"],
                    title=data["title"],
                    due_on=data["due_on"],
                    actor_role=data["actor_role"],
                    actor_organisation=_pick(organisations, data["actor_organisation"]),
                    depends_on=_pick(steps, data["depends_on"]),
                    description=data["description"],
                    remind_days_before=data["remind_days_before"],
                ),
            )

        if save_form(form, save):
            messages.success(request, _("The step is planned."))
            return redirect(reverse("agreements:deadlines") + "#all")
        status = 400
    else:
        form = StepForm(**choices)
    return render(request, "agreements/plan_step.html", {"form": form}, status=status)
