"""Composing the choices of a year, with the live budget meter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import compose as composing
from werkbedrijf.agreements import exports, selectors, services
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils.exceptions import ConflictError

from .shared import choice_rows, conflict_with_saved, year_of


def _previous_year(ma, year):
    if year - 1 not in ma.agreement.years:
        return None
    report = selectors.check_municipal_year(ma, year - 1)
    return {"year": year - 1, "report": report, "rows": choice_rows(report.choices)}


@require_http_methods(["GET", "POST"])
@staff_view
def compose(request, uuid, year):
    user = request.user
    ma = selectors.get_municipal_agreement(user, uuid)
    year = year_of(ma.agreement, year)
    can_edit = policy.can_edit_choices(user, ma)
    status = 200
    form = None
    conflict = None
    if request.method == "POST":
        policy.require(can_edit)
        form = composing.bound_form(ma, year, request.POST)
        status = 400
        if form.is_valid() and not form.non_row_errors:
            entered = form.entered()
            try:
                services.save_choices(
                    actor=user,
                    municipal_agreement=ma,
                    year=year,
                    lines=[line for _row, line in entered],
                    expected_version=form.version or None,
                )
            except ValidationError as exc:
                form.add_service_errors(exc, entered)
            except ConflictError:
                status = 409
                conflict = conflict_with_saved(
                    ma,
                    year,
                    form,
                    _(
                        "Someone else saved these choices after you opened the page. Your "
                        "changes are not saved. Below are the choices as they are saved now; "
                        "what you entered is still in the form. Compare the two and save again "
                        "if you want to keep your entries."
                    ),
                )
            else:
                messages.success(
                    request, _("The choices for %(year)s are saved as a draft.") % {"year": year}
                )
                return redirect("agreements:compose", uuid=ma.uuid, year=year)
    elif can_edit:
        form = composing.initial_form(ma, year)
    if form is not None:
        preview = composing.preview(form)
        saved_rows = []
    else:
        report = selectors.check_municipal_year(ma, year)
        preview = composing.Preview(report.check, report.price_unit, [], {})
        saved_rows = choice_rows(report.choices)
    budget = selectors.budget_of(ma, year)
    context = {
        "ma": ma,
        "agreement": ma.agreement,
        "year": year,
        "can_edit": can_edit,
        "form": form,
        "preview": preview,
        "price_unit": preview.price_unit,
        "budget": budget,
        "saved_rows": saved_rows,
        "conflict": conflict,
        "previous": _previous_year(ma, year),
        "export_formats": exports.FORMATS,
        "can_change": policy.can_record_midterm_change(user, ma),
    }
    return render(request, "agreements/compose.html", context, status=status)


@require_POST
@staff_view
def compose_meter(request, uuid, year):
    """The live budget meter: the check over the rows as entered, nothing saved."""
    ma = selectors.get_municipal_agreement(request.user, uuid)
    year = year_of(ma.agreement, year)
    form = composing.bound_form(ma, year, request.POST)
    preview = composing.preview(form)
    return render(
        request,
        "agreements/partials/budget_meter.html",
        {"preview": preview, "rows": form.rows, "year": year, "oob": True},
    )
