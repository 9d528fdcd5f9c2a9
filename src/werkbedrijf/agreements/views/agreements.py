"""The list of agreements, and one agreement: its status, cycle and budget overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import exports, policies, selectors, services
from werkbedrijf.agreements.forms import (
    AcceptDeviationForm,
    TransitionForm,
)
from werkbedrijf.agreements.models import (
    AgreementStatus,
)
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils.exceptions import ConflictError

from .shared import back_to, findings_of, year_of


@staff_view
def agreements(request):
    items = list(selectors.agreements_for(request.user))
    effective = selectors.effective_statuses(items)
    visible = selectors.municipal_agreement_counts(request.user)
    for agreement in items:
        agreement.effective = effective[agreement.pk]
        agreement.visible_count = visible.get(agreement.pk, 0)
    return render(
        request,
        "agreements/agreements.html",
        {"agreements": items, "can_create": policy.can_create_agreement(request.user)},
    )


def _agreement_page(request, agreement, *, transition_errors=None, status=200):
    user = request.user
    municipal_agreements = list(selectors.municipal_agreements_for(user, agreement))
    checks = selectors.check_municipal_agreements(municipal_agreements, agreement.years)
    overview = []
    for ma in municipal_agreements:
        reports = [checks[(ma.pk, year)] for year in agreement.years]
        overview.append(
            {
                "ma": ma,
                "years": [
                    {
                        "report": report,
                        "needing": len(report.check.needing_acceptance()),
                        "unaccepted": len(report.unaccepted),
                        "errors": len(report.check.errors),
                        "findings": findings_of(report),
                    }
                    for report in reports
                ],
            }
        )
    try:
        catalogue = selectors.catalogue_of(user, agreement)
        card = list(selectors.services_of(catalogue))
    except Http404:
        catalogue, card = None, []
    targets = []
    if policy.can_manage_cycle(user):
        targets = [
            (target, AgreementStatus(target).label)
            for target in sorted(policies.ALLOWED_TRANSITIONS.get(agreement.status, ()))
        ]
    context = {
        "agreement": agreement,
        "can_template": policy.can_edit_document_template(user),
        "effective": selectors.effective_status(agreement),
        "history": selectors.status_history(agreement).select_related("changed_by"),
        "overview": overview,
        "catalogue": catalogue,
        "card": card,
        "targets": targets,
        "transition_errors": transition_errors or [],
        "can_accept": policy.can_accept_deviations(user),
        "can_edit_card": policy.can_edit_catalogue(user, agreement),
        "can_edit_budgets": policy.can_edit_budgets(user, agreement),
        "any_deviations": any(y["needing"] or y["errors"] for i in overview for y in i["years"]),
        "export_formats": exports.FORMATS,
    }
    return render(request, "agreements/agreement_detail.html", context, status=status)


@staff_view
def agreement_detail(request, uuid):
    agreement = selectors.get_agreement(request.user, uuid)
    return _agreement_page(request, agreement)


@require_POST
@staff_view
def agreement_transition(request, uuid):
    agreement = selectors.get_agreement(request.user, uuid)
    policy.require(policy.can_manage_cycle(request.user))
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.transition_agreement(
                actor=request.user,
                agreement=agreement,
                target=data["target"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                opinion_deadline=data["opinion_deadline"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("The agreement is now: %(status)s.")
                % {"status": dict(AgreementStatus.choices).get(data["target"], data["target"])},
            )
            return redirect("agreements:agreement", uuid=agreement.uuid)
    else:
        errors = [f"{form[name].label}: {e}" for name in form.errors for e in form.errors[name]]
    agreement.refresh_from_db()
    return _agreement_page(request, agreement, transition_errors=errors, status=400)


@require_POST
@staff_view
def accept_deviation(request, uuid, year):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    year = year_of(ma.agreement, year)
    policy.require(policy.can_accept_deviations(request.user))
    back = back_to(request, reverse("agreements:agreement", kwargs={"uuid": ma.agreement.uuid}))
    form = AcceptDeviationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for accepting this deviation."))
        return redirect(back)
    try:
        services.accept_deviation(
            actor=request.user,
            municipal_agreement=ma,
            year=year,
            finding_key=form.cleaned_data["finding_key"],
            reason=form.cleaned_data["reason"],
            replace=False,  # the form is only offered for a deviation not accepted yet
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ConflictError:
        messages.error(
            request,
            _(
                "Someone else accepted this deviation after you opened the page. Your reason "
                "(“%(reason)s”) is not saved; the reason that was saved is shown with the "
                "deviation."
            )
            % {"reason": form.cleaned_data["reason"].strip()},
        )
    else:
        messages.success(
            request,
            _("The deviation for %(municipality)s %(year)s is accepted.")
            % {"municipality": ma.municipality.name, "year": year},
        )
    return redirect(back)
