"""The start page: the day's work of the signed-in staff member, by role; and the consultant's
full work list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors as agreement_selectors
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.ui.decorators import staff_view

from . import exports, selectors, worklist
from .policies import WorkKind

# The start page shows the first rows of the work list; the rest is one click away.
WORKLIST_ON_START = 12


def caseload_url(**params) -> str:
    """The caseload with its filters filled in (the list behind a count)."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{reverse('candidates:caseload')}?{urlencode(query)}"


def worklist_url(kind: str | None = None) -> str:
    url = reverse("start:worklist")
    return f"{url}?{urlencode({'soort': kind})}" if kind else url


def _linked_phases(rows, **params):
    return [(row, caseload_url(phase=row.phase, **params)) for row in rows]


def _consultant_context(user, today):
    me = str(user.uuid)
    phases = selectors.my_caseload(user, today)
    work = worklist.worklist(user, limit=WORKLIST_ON_START, today=today)
    return {
        "my_phases": _linked_phases(phases, consultant=me),
        "my_total": sum(r.count for r in phases),
        "my_caseload_url": caseload_url(consultant=me),
        "work": work,
        "work_kinds": [
            (kind, label, count, worklist_url(kind)) for kind, label, count in work.kinds if count
        ],
        "worklist_url": worklist_url(),
    }


def _income_context(user, today):
    summary = selectors.income_summary(user, today)
    since = summary.referred_since.isoformat()
    income = reverse("candidates:income")
    return {
        "income": summary,
        "income_links": {
            "signals": f"{income}#signals",
            "returns": f"{income}#returns",
            "talks": f"{income}#talks",
        },
        "new_referrals": _linked_phases(summary.new_referrals, referred_since=since, closed="on"),
        "new_referrals_url": caseload_url(referred_since=since, closed="on"),
    }


def _team_context(user, today):
    overview = selectors.team_overview(user, today)
    consultants = [
        {
            "consultant": row.consultant,
            "in_team": row.in_team,
            "total": row.total if row.in_team else row.total_shown,
            "url": caseload_url(consultant=str(row.consultant.uuid)),
            "phases": _linked_phases(row.counts, consultant=str(row.consultant.uuid))
            if row.in_team
            else [(shown, None) for shown in row.shown],
        }
        for row in overview.consultants
    ]
    return {"team": overview, "team_rows": consultants, "phases": selectors.ACTIVE_PHASES}


def _dvo_context(user, today):
    return {
        "next_steps": selectors.next_steps(user, today),
        "open_deviations": selectors.open_deviations(user),
    }


@staff_view
@require_GET
def home(request):
    user = request.user
    today = timezone.localdate()
    agreements = list(agreement_selectors.agreements_for(user))
    effective = agreement_selectors.effective_statuses(agreements, today)
    for agreement in agreements:
        agreement.effective = effective[agreement.pk]
    own = policy.municipality_of(user)
    to_compose = []
    own_agreements = []
    if own is not None:
        own_agreements = list(
            agreement_selectors.municipal_agreements_for(user).filter(municipality=own)
        )
        for ma in own_agreements:
            if policy.can_edit_choices(user, ma):
                to_compose.extend((ma, year) for year in ma.agreement.years)
    context = {
        "today": today,
        "agreements": agreements,
        "open_agreements": [a for a in agreements if a.status != AgreementStatus.ADOPTED],
        "own_municipality": own,
        "own_agreements": own_agreements,
        "to_compose": to_compose,
        "roles": user.role_labels,
        "is_dvo_admin": policy.can_manage_cycle(user),
        "can_compose_own_choices": policy.can_compose_own_choices(user),
        "can_use_admin": policy.can_use_admin(user),
        "can_manage_staff": policy.can_manage_staff(user),
        "can_answer_access_request": policy.can_answer_access_request(user),
        "overview": selectors.municipal_overview(user, today),
    }
    if policy.can_use_worklist(user):
        context.update(_consultant_context(user, today))
    if policy.can_use_income_screen(user):
        context.update(_income_context(user, today))
    if policy.can_view_team_overview(user):
        context.update(_team_context(user, today))
    if policy.can_manage_cycle(user):
        context.update(_dvo_context(user, today))
    return render(request, "start/home.html", context)


@staff_view
@require_GET
def worklist_page(request):
    """The consultant's whole work list, or one kind of it (``?soort=``)."""
    user = request.user
    policy.require(policy.can_use_worklist(user))
    kind = _kind(request)
    today = timezone.localdate()
    work = worklist.worklist(user, kind=kind, today=today)
    context = {
        "today": today,
        "work": work,
        "kind": kind,
        "kind_label": WorkKind(kind).label if kind else "",
        "work_kinds": [
            (k, label, count, worklist_url(k)) for k, label, count in work.kinds if count
        ],
        "worklist_url": worklist_url(),
        "export_query": urlencode({"soort": kind}) if kind else "",
    }
    return render(request, "start/worklist.html", context)


def _kind(request) -> str | None:
    kind = request.GET.get("soort") or None
    if kind is not None and kind not in WorkKind.values:
        raise Http404
    return kind


@staff_view
@require_GET
def worklist_export(request):
    """The work list (or one kind of it) as XLSX (``?formaat=xlsx``, the default) or CSV."""
    user = request.user
    policy.require(policy.can_use_worklist(user))
    try:
        content, content_type, filename = exports.export_worklist(
            user, request.GET.get("formaat") or "xlsx", _kind(request), timezone.localdate()
        )
    except ValidationError as exc:
        return render(request, "ui/bad_request.html", {"errors": exc.messages}, status=400)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
