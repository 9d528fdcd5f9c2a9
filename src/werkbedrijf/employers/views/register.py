"""The employers screen and the placement form's employer picker (the candidate's page shows the
picker; its search asks here)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.candidates.views.common import render_section
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors

from .. import selectors, services
from ..forms import EmployerFilterForm, EmployerForm, EmployerSearchForm

# The pickers on the candidate's page, by the name of their radio buttons: the placement form's,
# and the one of the step to "At work", which records the placement with the step.
PICKERS = {"placement-employer": "employer", "at_work-employer": "at-work-employer"}


def picker_field(data) -> str:
    """The radio buttons' name a search answers for (an unknown one: the placement form's)."""
    field = data.get("field", "")
    return field if field in PICKERS else "placement-employer"


def employer_picker(user, data, field: str = "placement-employer") -> dict:
    """The placement form's employer picker: what was searched, the matches and what the live
    region says. ``data`` is the GET of the search endpoint or of the candidate's page."""
    form = EmployerSearchForm(data if "q" in data else None)
    query = form.query
    _kind, term = selectors.employer_search_terms(query)
    matches = selectors.employer_search(user, query, keep=data.get(field))
    return {
        "form": form,
        "query": query,
        "searched": bool(term),
        "too_short": 0 < len(term) < selectors.EMPLOYER_SEARCH_MIN_CHARS,
        "found": len(matches.rows),
        "more": matches.more,
        "limit": selectors.EMPLOYER_SEARCH_LIMIT,
        "min_chars": selectors.EMPLOYER_SEARCH_MIN_CHARS,
        "employers": matches.rows,
        "kept": matches.kept,
        "field": field,
        "ids": PICKERS[field],
    }


@staff_view
@require_http_methods(["GET", "POST"])
def employers(request):
    user = request.user
    policy.require(policy.can_view_employers(user))
    may_register = policy.can_manage_employers(user)
    register_form = EmployerForm() if may_register else None
    status = 200
    if request.method == "POST":
        policy.require(may_register)
        register_form = EmployerForm(request.POST)
        status = 400
        if register_form.is_valid():
            data = dict(register_form.cleaned_data)
            try:
                employer = services.register_employer(
                    actor=user,
                    name=data.pop("name"),
                    kvk_number=data.pop("kvk_number"),
                    sector_group=data.pop("sector_group"),
                    **data,
                )
            except ValidationError as exc:
                add_service_errors(register_form, exc)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": employer.name})
                return redirect("employers:list")
    filter_form = EmployerFilterForm(request.GET or None)
    name = sector_group = ""
    if filter_form.is_valid():
        name = filter_form.cleaned_data["name"].strip()
        sector_group = filter_form.cleaned_data["sector_group"]
    page = selectors.employers(
        user, name=name, sector_group=sector_group, cursor=request.GET.get("cursor") or None
    )
    next_url = None
    if page.next_cursor:
        query = request.GET.copy()
        query["cursor"] = page.next_cursor
        next_url = f"{reverse('employers:list')}?{query.urlencode()}"
    context = {
        "filter_form": filter_form,
        "register_form": register_form,
        "employers": page.rows,
        "next_url": next_url,
    }
    return render_section(request, "employers/employers.html", context, status=status)


@staff_view
@require_GET
def employer_search(request):
    """The placement form's employer picker asks here as the consultant types (htmx, GET ?q=):
    at most selectors.EMPLOYER_SEARCH_LIMIT radio buttons, and the count for the live region.
    Without JavaScript the same search runs on the candidate's page."""
    policy.require(policy.can_view_employers(request.user))
    field = picker_field(request.GET)
    search = employer_picker(request.user, request.GET, field)
    employers = ([search["kept"]] if search["kept"] else []) + search["employers"]
    context = {
        "search": search,
        "employers": employers,
        "chosen": request.GET.get(field, ""),
        "field": field,
        "ids": search["ids"],
    }
    return render(request, "employers/partials/employer_search_results.html", context)
