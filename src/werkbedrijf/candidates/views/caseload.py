"""The caseload and the search for a candidate (by name, part of a BSN, or a full BSN by POST)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils import exports
from werkbedrijf.utils.paging import Page

from .. import policies, selectors
from ..forms import BsnSearchForm, CaseloadFilterForm
from .common import (
    CASELOAD_EXTRA,
    all_municipalities,
    caseload_rows,
    may_refer,
    render_section,
)

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
    if not policy.has_own_caseload(user):
        del form.fields["whose"]
    return form


def _filters(form, user) -> selectors.Filters:
    """The filters of a valid (or unbound) form. A consultant sees their own candidates unless
    they choose all of them or another consultant's."""
    data = form.cleaned_data if form.is_bound else {}
    consultant = data["consultant"].pk if data.get("consultant") else None
    mine = (data.get("whose") or CaseloadFilterForm.MINE) == CaseloadFilterForm.MINE
    if consultant is None and "whose" in form.fields and mine:
        consultant = user.pk
    return selectors.Filters(
        name=(data.get("name") or "").strip(),
        bsn_part=data.get("bsn_part") or "",
        phase=data.get("phase") or "",
        focus_group=data.get("focus_group") or "",
        consultant=consultant,
        municipality=data["municipality"].pk if data.get("municipality") else None,
        active_only=not data.get("closed"),
        referred_since=data.get("referred_since"),
    )


def _caseload_page(request, *, bsn_form=None, status=200):
    user = request.user
    form = _caseload_form(request, request.GET or None)
    page, total = Page([], None), None
    if not form.is_bound or form.is_valid():
        filters = _filters(form, user)
        page = selectors.caseload_values(
            user,
            filters,
            cursor=selectors.keyset_after(user, request.GET.get("cursor")),
            page_size=CASELOAD_PAGE_SIZE,
            extra=CASELOAD_EXTRA,
        )
        total = selectors.caseload_count(user, filters)
    base = reverse("candidates:caseload")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"{base}?{query.urlencode()}" if request.GET.get("cursor") else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = str(page.rows[-1]["uuid"])
        next_url = f"{base}?{query.urlencode()}"
    context = {
        "form": form,
        "bsn_form": bsn_form or BsnSearchForm(),
        "rows": caseload_rows(page),
        "total": total,
        "export_query": _export_query(request),
        "export_formats": exports.FORMATS,
        "filters_used": form.is_bound
        and any(request.GET.get(name) for name in form.fields if name != "whose"),
        "next_url": next_url,
        "first_url": first_url,
        "may_refer": may_refer(user),
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


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("cursor", None)
    return query.urlencode()


@staff_view
@require_GET
def caseload_export(request, fmt):
    """The caseload with the filters on screen as XLSX or CSV (an export of personal data,
    logged per candidate). Invalid filters show the caseload with their messages."""
    user = request.user
    policy.require(policy.can_view_candidates(user))
    form = _caseload_form(request, request.GET or None)
    if form.is_bound and not form.is_valid():
        return _caseload_page(request, status=400)
    rows = selectors.caseload_export(user, _filters(form, user))
    labels = policies.focus_group_labels()
    sheet = exports.Sheet(
        _("Caseload"),
        [
            _("Last name"),
            _("First name"),
            _("BSN"),
            _("Date of birth"),
            _("Municipality"),
            _("Phase"),
            _("In this phase since"),
            _("Focus groups"),
            _("Contact person"),
            _("Consultant bedrijfsdienstverlening"),
        ],
    )
    for t in rows:
        c = t.candidate
        consultant = t.business_consultant
        sheet.rows.append(
            [
                f"{c.name_prefix} {c.last_name}".strip() if c.name_prefix else c.last_name,
                c.first_name,
                c.masked_bsn,
                c.date_of_birth,
                t.municipality.name,
                str(t.get_phase_display()),
                t.phase_since,
                ", ".join(str(labels[g]) for g in selectors.focus_groups_of(c)),
                t.contact_name or "",
                consultant.display_name if consultant else "",
            ]
        )
    stem = f"{slugify(_('caseload'))}-{timezone.localdate():%Y-%m-%d}"
    return exports.response(sheet, fmt, stem)


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
