"""What the candidate screens share: the section's navigation and its municipalities."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from .. import policies, selectors
from ..models import Phase


def section_nav(request, referring: bool | None = None) -> list[dict]:
    """The candidate screens this user may open, for the navigation within the section.
    ``referring``: ``may_refer`` when the screen knows it already."""
    user = request.user
    items = []
    if policy.can_view_candidates(user):
        items.append((_("Caseload"), reverse("candidates:caseload")))
    if may_refer(user) if referring is None else referring:
        items.append((_("Refer a candidate"), reverse("candidates:refer")))
        items.append((_("Upload referrals"), reverse("candidates:upload")))
    if policy.can_use_income_screen(user):
        items.append((_("Inkomen"), reverse("candidates:income")))
    if policy.can_view_moves(user):
        items.append((_("Moves"), reverse("candidates:moves")))
    if policy.can_view_employers(user):
        items.append((_("Employers"), reverse("employers:list")))
    if policy.can_view_employer_services(user):
        items.append((_("Events"), reverse("employers:events")))
    if policy.can_view_employer_reach(user, policy.municipality_of(user)):
        items.append((_("Employer reach"), reverse("employers:reach")))
    if policy.can_view_vacancies(user):
        items.append((_("Vacancies"), reverse("matching:vacancies")))
    items.append((_("Realisation of local choices"), reverse("candidates:realisation")))
    return [{"label": label, "url": url, "current": request.path == url} for label, url in items]


def render_section(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context = {"section_nav": section_nav(request, context.get("may_refer")), **context}
    return render(request, template, context, status=status)


def all_municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


def referral_municipalities(user):
    allowed = [m.pk for m in all_municipalities() if policy.can_refer(user, m)]
    return all_municipalities().filter(pk__in=allowed)


def may_refer(user) -> bool:
    """Whether ``referral_municipalities`` holds any, for the navigation and links: no query when
    the user may refer for their own municipality (one of them), else one."""
    own = policy.municipality_of(user)
    if own is not None and policy.can_refer(user, own):
        return True
    return any(policy.can_refer(user, m) for m in all_municipalities())


def trajectory_record(user, model, uuid, related: str):
    """A record of a trajectory (activity, signal, talk) within the user's scope, or 404."""
    scope = policy.candidate_scope(user, model.objects.all(), prefix="trajectory__")
    try:
        return scope.select_related(related).get(uuid=uuid)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def candidate_url(candidate) -> str:
    return reverse("candidates:candidate", kwargs={"uuid": candidate.uuid})


def caseload_rows(page) -> list[dict]:
    """The rows of the caseload table from a page of ``selectors.caseload_values`` (plain dicts,
    read with ``CASELOAD_EXTRA``): what the table shows, nothing more."""
    labels = policies.focus_group_labels()
    phases = dict(Phase.choices)
    today = timezone.localdate()
    rows = []
    for row in page.rows:
        prefix = row["candidate__name_prefix"]
        consultant = row["business_consultant__username"]
        if consultant is not None:
            first = row["business_consultant__first_name"]
            consultant = f"{first} {row['business_consultant__last_name']}".strip() or consultant
        rows.append(
            {
                "candidate_uuid": row["candidate__uuid"],
                "name": f"{row['candidate__last_name']}, {row['candidate__first_name']}"
                + (f" {prefix}" if prefix else ""),
                "masked_bsn": "*****" + row["bsn_tail"],
                "date_of_birth": row["candidate__date_of_birth"],
                "municipality": row["municipality__name"],
                "phase": row["phase"],
                "phase_label": phases.get(row["phase"], row["phase"]),
                "phase_since": row["phase_since"],
                "return_reason": row["return_reason"],
                "focus_groups": [
                    (code, labels[code]) for code in selectors.focus_groups_of_row(row, today)
                ],
                "contact_name": row["contact_name"],
                "consultant": consultant,
            }
        )
    return rows


# The trajectory's columns the caseload table shows beyond the API's row.
CASELOAD_EXTRA = ("return_reason",)
