"""Events for employers and candidates: the list with the form to register one, and one event's
page where it is marked held or cancelled and employers join it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.candidates.views.common import render_section
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form

from .. import selectors, services
from ..forms import EventForm, EventUpdateForm


@staff_view
@require_http_methods(["GET", "POST"])
def events(request):
    user = request.user
    policy.require(policy.can_view_employer_services(user))
    may_record = policy.can_record_employer_services(user)
    form = EventForm(initial={"status": "planned"}) if may_record else None
    status = 200
    if request.method == "POST":
        policy.require(may_record)
        form = EventForm(request.POST)
        created = {}

        def save(data):
            created["event"] = services.record_event(actor=user, **data)

        if save_form(form, save):
            messages.success(request, _("The event is registered."))
            return redirect("employers:event", uuid=created["event"].uuid)
        status = 400
    context = {"events": selectors.events(user), "form": form}
    return render_section(request, "employers/events.html", context, status=status)


@staff_view
@require_http_methods(["GET", "POST"])
def event(request, uuid):
    user = request.user
    policy.require(policy.can_view_employer_services(user))
    found = selectors.event(user, uuid)
    may_record = policy.can_record_employer_services(user)
    addable = selectors.candidates_to_add(user, found) if may_record else []
    form = (
        EventUpdateForm(initial={"status": found.status}, candidates=addable)
        if may_record
        else None
    )
    status = 200
    if request.method == "POST":
        policy.require(may_record)
        form = EventUpdateForm(request.POST, candidates=addable)

        def save(data):
            joining = []
            if data["kvk_number"]:
                employer = selectors.employer_by_kvk(user, data["kvk_number"])
                if employer is None:
                    from django.core.exceptions import ValidationError

                    raise ValidationError(
                        {"kvk_number": _("No employer with this KvK number is registered.")}
                    )
                joining = [employer]
            chosen = set(data.get("candidates") or ())
            services.update_event(
                actor=user,
                event=found,
                status=data["status"],
                employers=joining,
                candidates=[c for c in addable if str(c.uuid) in chosen],
            )

        if save_form(form, save):
            messages.success(request, _("The event is saved."))
            return redirect("employers:event", uuid=found.uuid)
        status = 400
    context = {
        "event": found,
        "employers": selectors.event_employers(user, found),
        "candidates": selectors.event_candidates(user, found),
        "candidate_count": selectors.event_candidate_count(user, found),
        "form": form,
    }
    return render_section(request, "employers/event.html", context, status=status)
