"""A mid-term change of an adopted agreement's choices (art. 16.3)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.agreements import compose as composing
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.forms import (
    MidtermChangeForm,
)
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils.exceptions import ConflictError

from .shared import conflict_with_saved, year_of


@require_http_methods(["GET", "POST"])
@staff_view
def midterm_change(request, uuid, year):
    """Art. 16.3: change an adopted agreement's choices for a year, with both written consents."""
    user = request.user
    ma = selectors.get_municipal_agreement(user, uuid)
    year = year_of(ma.agreement, year)
    policy.require(policy.can_record_midterm_change(user, ma))
    status = 200
    conflict = None
    if request.method == "POST":
        form = composing.bound_form(ma, year, request.POST)
        change_form = MidtermChangeForm(request.POST, request.FILES)
        status = 400
        if form.is_valid() and not form.non_row_errors and change_form.is_valid():
            entered = form.entered()
            data = change_form.cleaned_data
            try:
                services.change_choices_midterm(
                    actor=user,
                    municipal_agreement=ma,
                    year=year,
                    effective_from=data["effective_from"],
                    reason=data["reason"],
                    lines=[line for _row, line in entered],
                    municipality_consent_on=data["municipality_consent_on"],
                    municipality_consent_document=data["municipality_consent_document"],
                    board_consent_on=data["board_consent_on"],
                    board_consent_document=data["board_consent_document"],
                    expected_version=form.version or None,
                )
            except ConflictError:
                status = 409
                conflict = conflict_with_saved(
                    ma,
                    year,
                    form,
                    _(
                        "Someone else changed these choices after you opened the page. Your "
                        "mid-term change is not recorded. Below are the choices as they are now; "
                        "what you entered is still in the form, but choose the consent documents "
                        "again. Compare the two and record the change again if it still applies."
                    ),
                )
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                lines = {k: v for k, v in errors.items() if k.startswith("lines.")}
                if lines:
                    form.add_service_errors(ValidationError(lines), entered)
                for name, texts in errors.items():
                    for text in [] if name in lines else texts:
                        change_form.add_error(name if name in change_form.fields else None, text)
            else:
                messages.success(request, _("The mid-term change is recorded."))
                return redirect(
                    reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}) + "#changes"
                )
    else:
        form = composing.initial_form(ma, year)
        change_form = MidtermChangeForm()
    summary = [
        (f"{change_form[name].label}: {message}", change_form[name].id_for_label)
        if name in change_form.fields
        else (message, "")
        for name, texts in change_form.errors.items()
        for message in texts
    ] + form.error_summary
    context = {
        "ma": ma,
        "agreement": ma.agreement,
        "year": year,
        "form": form,
        "change_form": change_form,
        "summary": summary,
        "conflict": conflict,
        "preview": composing.preview(form),
        "price_unit": selectors.card_terms(ma).price_unit,
        "budget": selectors.budget_of(ma, year),
    }
    return render(request, "agreements/midterm_change.html", context, status=status)
