"""The vacancy screens: the list and the entry of a vacancy, one vacancy with its shortlist and
evidence, the proposal of a candidate and the decisions on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils import exports as tables
from werkbedrijf.utils.exceptions import DecidedElsewhere

from .. import policies, selectors, services
from ..forms import DecisionForm, ProposeForm, VacancyFilterForm, VacancyForm, VacancyStatusForm
from ..models import ProposalStatus, VacancyStatus
from . import exports
from .common import render_matching


@staff_view(allowed=policy.can_view_vacancies)
@require_http_methods(["GET", "POST"])
def vacancies(request):
    user = request.user
    may_enter = policy.can_manage_vacancies(user)
    form = VacancyForm() if may_enter else None
    status = 200
    if request.method == "POST":
        policy.require(may_enter)
        form = VacancyForm(request.POST)
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                vacancy = services.create_vacancy(
                    actor=user,
                    employer=data.pop("employer"),
                    occupation=data.pop("occupation"),
                    **data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The vacancy is entered."))
                return redirect("matching:vacancy", uuid=vacancy.uuid)
    filters = VacancyFilterForm(request.GET or None)
    chosen = {"status": "open", "sector_group": ""}
    if filters.is_valid():
        chosen = {k: filters.cleaned_data[k] for k in chosen}
    rows = selectors.vacancies(user, **chosen)
    if fmt := exports.wanted(request):
        return tables.download([exports.vacancies_sheet(rows)], fmt, [_("vacancies")])
    context = {"form": form, "filters": filters, "vacancies": rows}
    return render_matching(request, "matching/vacancies.html", context, status=status)


@staff_view(allowed=policy.can_match, cache=False)
def vacancy(request, uuid):
    """One vacancy with its match list: for the consultants who propose."""
    user = request.user
    found = selectors.get_vacancy(user, uuid)
    shortlist = selectors.shortlist(user, found)
    if fmt := exports.wanted(request):
        exports.log_export(user, [r.candidate for r in shortlist.rows], "match list export")
        return tables.download([exports.shortlist_sheet(shortlist)], fmt, [found.title])
    context = {
        "vacancy": found,
        "status_form": _status_form(found),
        "weights": policies.WEIGHTS,
        "shortlist": shortlist,
        "proposals": [
            (p, DecisionForm(initial={"version": p.lock_version}, prefix=f"p-{p.uuid}"))
            for p in selectors.proposals_of_vacancy(user, found)
        ],
    }
    return render_matching(request, "matching/vacancy.html", context)


@staff_view(allowed=policy.can_match, cache=False)
@require_POST
def propose(request, uuid):
    user = request.user
    found = selectors.get_vacancy(user, uuid)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the proposal."))
        return redirect("matching:vacancy", uuid=found.uuid)
    candidate = (
        policy.candidate_scope(user, Candidate.objects.all())
        .filter(uuid=form.cleaned_data["candidate"])
        .first()
    )
    if candidate is None:
        raise Http404
    try:
        services.propose_candidate(
            actor=user, vacancy=found, candidate=candidate, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The candidate is proposed. Discuss it with the candidate."))
    return redirect("matching:vacancy", uuid=found.uuid)


@staff_view(allowed=policy.can_match, cache=False)
@require_POST
def decide(request, uuid):
    user = request.user
    proposal = selectors.get_proposal(user, uuid)
    form = DecisionForm(request.POST, prefix=f"p-{proposal.uuid}")
    if not form.is_valid():
        messages.error(request, _("Choose a step and fill in what it needs."))
        return redirect("matching:vacancy", uuid=proposal.vacancy.uuid)
    data = form.cleaned_data
    step, version = data["step"], data["version"]
    try:
        if step == "view":
            services.record_candidate_view(
                actor=user,
                proposal=proposal,
                version=version,
                view=data["view"],
                agrees=bool(data["agrees"]),
            )
        elif step == "introduce":
            services.introduce(actor=user, proposal=proposal, version=version)
        else:
            services.record_outcome(
                actor=user,
                proposal=proposal,
                version=version,
                outcome=step,
                reason=data["reason"],
                form=data["form"],
                start=data["start"],
                planned_end=data["planned_end"],
            )
    except DecidedElsewhere as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        proposal.refresh_from_db()
        messages.success(
            request,
            _("Saved: %(status)s.") % {"status": ProposalStatus(proposal.status).label},
        )
    return redirect("matching:vacancy", uuid=proposal.vacancy.uuid)


def _status_form(found, data=None) -> VacancyStatusForm | None:
    """The form for the next status, or None for a withdrawn vacancy (it changes no more)."""
    following = policies.VACANCY_TRANSITIONS[VacancyStatus(found.status)]
    if data is None and not following:
        return None
    allowed = [(s.value, s.label) for s in VacancyStatus if data is not None or s in following]
    return VacancyStatusForm(data, initial={"version": found.lock_version}, allowed=allowed)


@staff_view(allowed=policy.can_manage_vacancies, cache=False)
@require_POST
def change_status(request, uuid):
    """Put the vacancy on hold, open it again, mark it filled or withdraw it."""
    user = request.user
    found = selectors.get_vacancy(user, uuid)
    form = _status_form(found, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return redirect("matching:vacancy", uuid=found.uuid)
    try:
        changed = services.change_vacancy_status(
            actor=user,
            vacancy=found,
            status=form.cleaned_data["status"],
            version=form.cleaned_data["version"],
        )
    except DecidedElsewhere as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The vacancy is %(status)s since %(date)s.")
            % {
                "status": VacancyStatus(changed.status).label.lower(),
                "date": changed.status_since.strftime("%d-%m-%Y"),
            },
        )
    return redirect("matching:vacancy", uuid=found.uuid)
