"""The caseload and the search for a candidate (by name, part of a BSN, or a full BSN by POST)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils.paging import Page

from .. import selectors
from ..forms import BsnSearchForm, CaseloadFilterForm
from .common import all_municipalities, caseload_rows, referral_municipalities, render_section

CASELOAD_PAGE_SIZE = 50


def _caseload_form(request, data):
    user = request.user
    own = policy.municipality_of(user)
    municipalities = (
        all_municipalities().filter(pk=own.pk) if own is not None else all_municipalities()
    )
    form = CaseloadFilterForm(
        data,
        consultants=selectors.business_consultants(user),
        municipalities=municipalities,
    )
    if own is not None:  # a municipality sees its own residents only: nothing to choose
        del form.fields["municipality"]
    if not policy.can_filter_caseload_by_consultant(user):
        del form.fields["consultant"]
    return form


def _filters(form) -> selectors.Filters:
    data = form.cleaned_data
    return selectors.Filters(
        name=(data.get("name") or "").strip(),
        bsn_part=data.get("bsn_part") or "",
        phase=data.get("phase") or "",
        focus_group=data.get("focus_group") or "",
        consultant=data["consultant"].pk if data.get("consultant") else None,
        municipality=data["municipality"].pk if data.get("municipality") else None,
        active_only=not data.get("closed"),
        referred_since=data.get("referred_since"),
    )


def _caseload_page(request, *, bsn_form=None, status=200):
    user = request.user
    form = _caseload_form(request, request.GET or None)
    page = Page([], None)
    if not form.is_bound:
        form.is_valid()  # an unbound form has no cleaned data; the defaults apply
        page = selectors.caseload(user, selectors.Filters(), page_size=CASELOAD_PAGE_SIZE)
    elif form.is_valid():
        page = selectors.caseload(
            user,
            _filters(form),
            cursor=selectors.keyset_after(user, request.GET.get("cursor")),
            page_size=CASELOAD_PAGE_SIZE,
        )
    base = reverse("candidates:caseload")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"{base}?{query.urlencode()}" if request.GET.get("cursor") else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = str(page.rows[-1].uuid)
        next_url = f"{base}?{query.urlencode()}"
    context = {
        "form": form,
        "bsn_form": bsn_form or BsnSearchForm(),
        "rows": caseload_rows(page),
        "next_url": next_url,
        "first_url": first_url,
        "may_refer": referral_municipalities(user).exists(),
    }
    if request.htmx and status == 200:
        response = render_section(request, "candidates/partials/caseload_results.html", context)
    else:
        response = render_section(request, "candidates/caseload.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view
@require_GET
def caseload(request):
    policy.require(policy.can_view_candidates(request.user))
    return _caseload_page(request)


@staff_view
@require_POST
def bsn_search(request):
    """A full BSN comes by POST and leaves as a redirect to the candidate's uuid."""
    user = request.user
    policy.require(policy.can_view_candidates(user))
    form = BsnSearchForm(request.POST)
    if form.is_valid():
        uuid = (
            selectors.candidate_scope(user)
            .filter(bsn=form.cleaned_data["bsn"])
            .values_list("uuid", flat=True)
            .first()
        )
        if uuid is not None:
            # Finding the person by BSN is itself a read of their data: logged (get_candidate).
            found = selectors.get_candidate(user, uuid)
            return redirect("candidates:candidate", uuid=found.uuid)
        form.add_error("bsn", _("There is no candidate with this BSN among your candidates."))
    return _caseload_page(request, bsn_form=form, status=400)
