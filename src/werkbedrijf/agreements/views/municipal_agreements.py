"""One municipality's agreement: its budgets, choices, opinions and signature."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import exports, selectors, services
from werkbedrijf.agreements.forms import (
    OpinionForm,
    SignatureForm,
)
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import refuse_stale, save_form
from werkbedrijf.utils.exceptions import ConflictError

from .shared import choice_rows, findings_of


def _municipal_page(request, ma, *, opinion_form=None, signature_form=None, status=200):
    user = request.user
    agreement = ma.agreement
    # Every year's check and history at once: a fixed number of queries, not six per year.
    reports = selectors.check_municipal_agreements([ma], agreement.years)
    histories = selectors.choice_histories(ma, agreement.years)
    price_unit = (
        reports[(ma.pk, agreement.years[0])].price_unit
        if agreement.years
        else selectors.card_terms(ma).price_unit
    )
    budgets = [
        {"budget": b, "effective": selectors.budget_amount(b, price_unit)}
        for b in selectors.budgets_of(ma)
    ]
    can_edit = policy.can_edit_choices(user, ma)
    years = []
    for year in agreement.years:
        report = reports[(ma.pk, year)]
        history = histories[year]
        years.append(
            {
                "year": year,
                "report": report,
                "rows": choice_rows(report.choices),
                "findings": findings_of(report),
                "history": choice_rows(history)
                if any(c.valid_from or c.valid_until for c in history)
                else [],
            }
        )
    can_opinion = policy.can_record_opinion(user, ma)
    opinions = list(selectors.opinions_of(ma))
    for opinion in opinions:
        opinion.can_answer = policy.can_answer_opinion(user, opinion)
    can_sign = policy.can_record_signature(user, ma)
    this_year = selectors.in_force(ma.municipality_id, timezone.localdate().year)
    context = {
        # this agreement's last choices and budget hold in the present year (art. 16.1)
        "carried_into": this_year
        if this_year.carried_over_from is not None
        and this_year.municipal_agreement is not None
        and this_year.municipal_agreement.pk == ma.pk
        else None,
        "ma": ma,
        "agreement": agreement,
        "effective": selectors.effective_status(agreement),
        "price_unit": price_unit,
        "budgets": budgets,
        "years": years,
        "extra_work": ma.extra_work.all().order_by("period_start", "id"),
        "opinions": opinions,
        "changes": selectors.changes_of(ma),
        "can_edit": can_edit,
        "can_opinion": can_opinion,
        "opinion_form": opinion_form or (OpinionForm() if can_opinion else None),
        "can_sign": can_sign,
        "signature_form": signature_form
        or (
            SignatureForm(
                initial={
                    "signed_on": ma.signed_on,
                    "signed_by": ma.signed_by,
                    "version": ma.lock_version,
                }
            )
            if can_sign
            else None
        ),
        "can_change": policy.can_record_midterm_change(user, ma),
        "export_formats": exports.FORMATS,
    }
    return render(request, "agreements/municipal_agreement.html", context, status=status)


@staff_view
def municipal_agreement(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    return _municipal_page(request, ma)


def _back_to_section(request, uuid, message: str, anchor: str):
    messages.success(request, message)
    return redirect(reverse("agreements:municipal_agreement", kwargs={"uuid": uuid}) + anchor)


@require_POST
@staff_view
def record_opinion(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    policy.require(policy.can_record_opinion(request.user, ma))
    form = OpinionForm(request.POST, request.FILES)

    def save(data):
        services.record_opinion(
            actor=request.user,
            municipal_agreement=ma,
            kind=data["kind"],
            text=data["text"],
            received_on=data["received_on"],
            document=data["document"],
        )

    if save_form(form, save):
        return _back_to_section(request, uuid, _("The opinion is recorded."), "#opinions")
    return _municipal_page(request, ma, opinion_form=form, status=400)


@require_POST
@staff_view
def record_signature(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    policy.require(policy.can_record_signature(request.user, ma))
    form = SignatureForm(request.POST, request.FILES)

    def save(data):
        services.record_signature(
            actor=request.user,
            municipal_agreement=ma,
            signed_on=data["signed_on"],
            signed_by=data["signed_by"],
            document=data["document"],
            expected_version=data["version"],
        )

    try:
        if save_form(form, save):
            return _back_to_section(request, uuid, _("The signature is recorded."), "#signature")
    except ConflictError:
        ma = selectors.get_municipal_agreement(request.user, uuid)
        message = _(
            "Someone else changed this agreement after you opened the page. Your "
            "signature details are not saved. The signature as it is recorded now is "
            "shown above; what you entered is still in the form. Save again if yours "
            "is the right one."
        )
        refuse_stale(form, message, "version", ma.lock_version)
        return _municipal_page(request, ma, signature_form=form, status=409)
    return _municipal_page(request, ma, signature_form=form, status=400)
