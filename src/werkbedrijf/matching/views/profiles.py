"""The work profile of a candidate (with its completeness and the best vacancies for them), and
the least complete profiles of the consultant's caseload."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils import exports as tables
from werkbedrijf.utils.exceptions import ConflictError

from .. import policies, selectors, services
from ..forms import CompetenceFormSet, WorkProfileForm
from . import exports
from .common import render_matching

LIST_FIELDS = (
    "sector_wishes",
    "occupation_wishes",
    "days",
    "shifts",
    "transport",
    "driving_licences",
    "limitations",
)


def _initial(profile) -> dict:
    if profile is None:
        return {}
    initial = {name: getattr(profile, name) for name in selectors.PROFILE_FIELDS}
    initial["experience"] = profile.experience
    initial["version"] = profile.lock_version
    return initial


@staff_view(cache=False)
@require_http_methods(["GET", "POST"])
def work_profile(request, uuid):
    user = request.user
    candidate = selectors.find_candidate(user, uuid)
    policy.require(policy.can_view_work_profile(user, candidate))
    may_edit = policy.can_edit_work_profile(user, candidate)
    policy.require(may_edit or request.method == "GET")
    profile = selectors.get_work_profile(user, candidate)
    form = WorkProfileForm(initial=_initial(profile)) if may_edit else None
    rows = [
        {"code": c["code"], "source": c["source"], "level": str(c["level"])}
        for c in (profile.competences if profile else [])
    ]
    formset = CompetenceFormSet(initial=rows, prefix="comp") if may_edit else None
    status = 200
    if request.method == "POST":
        form = WorkProfileForm(request.POST)
        formset = CompetenceFormSet(request.POST, prefix="comp")
        status = 400
        if form.is_valid() and formset.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            data["competences"] = [
                {"code": r["code"], "source": r["source"], "level": r["level"] or 1}
                for r in formset.cleaned_data
                if r and r.get("code")
            ]
            try:
                services.save_work_profile(actor=user, candidate=candidate, version=version, **data)
            except ConflictError:
                form.add_error(
                    None,
                    _(
                        "Someone else saved this work profile after you opened it; nothing was "
                        "saved. Open the profile again."
                    ),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The work profile is saved."))
                return redirect("matching:work_profile", uuid=candidate.uuid)
    score, missing = policies.completeness(selectors.profile_values(profile, candidate))
    context = {
        "candidate": candidate,
        "profile": profile,
        "form": form,
        "formset": formset,
        "score": score,
        "missing": missing,
        "matches": selectors.vacancies_for(user, candidate) if policy.can_match(user) else [],
    }
    return render_matching(request, "matching/work_profile.html", context, status=status)


@staff_view(allowed=policy.can_match, cache=False)
def incomplete_profiles(request):
    rows = selectors.least_complete_profiles(request.user)
    if fmt := exports.wanted(request):
        exports.log_export(request.user, [r.candidate for r in rows], "work profiles export")
        return tables.download([exports.profiles_sheet(rows)], fmt, [_("work profiles")])
    return render_matching(request, "matching/incomplete_profiles.html", {"rows": rows})
