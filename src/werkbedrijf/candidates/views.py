"""The candidate screens: caseload and search, referral (one person or a file), the candidate's
page with the journey, the Inkomen screen, employers and the realisation of local choices.

Views stay thin: selectors read (scoped and written to the processing log), services change
(checked and logged), access.policy decides. A record outside the user's scope answers 404, a
record the user may see but not change answers 403. A full BSN never travels in a URL: it is
searched by POST and answered with a redirect to the candidate's uuid.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.agreements.selectors import agreements_for
from werkbedrijf.agreements.services import ConflictError
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from . import imports, move_selectors, policies, selectors, services
from .forms import (
    DAYS,
    ActivityForm,
    ActivityStatusForm,
    AssessmentForm,
    BsnSearchForm,
    CaseloadFilterForm,
    ContactForm,
    DiagnosisForm,
    EmployerFilterForm,
    EmployerForm,
    EmployerSearchForm,
    InstrumentForm,
    IntakeNoteForm,
    PlacementForm,
    PlanTalkForm,
    RealisationForm,
    ReferralForm,
    ReferralUploadForm,
    SanctionDecisionForm,
    SignalForm,
    StepForm,
    TalkOutcomeForm,
)
from .models import (
    Activity,
    ActivityStatus,
    Candidate,
    Employer,
    Phase,
    SanctionSignal,
    SectorGroup,
    ThreeWayTalk,
)

CASELOAD_PAGE_SIZE = 50
INCOME_CASELOAD_SIZE = 20
PHASE_ORDER = list(Phase.values)


def staff_view(view):
    """Signed in (the middleware sees to the second factor); AccessDenied becomes 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied from exc

    return wrapper


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's messages next to the fields they are about; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _section_nav(request) -> list[dict]:
    """The candidate screens this user may open, for the navigation within the section."""
    user = request.user
    items = []
    if policy.can_view_candidates(user):
        items.append((_("Caseload"), reverse("candidates:caseload")))
    if _referral_municipalities(user).exists():
        items.append((_("Refer a candidate"), reverse("candidates:refer")))
        items.append((_("Upload referrals"), reverse("candidates:upload")))
    if policy.can_use_income_screen(user):
        items.append((_("Inkomen"), reverse("candidates:income")))
    if policy.can_view_moves(user):
        items.append((_("Moves"), reverse("candidates:moves")))
    if policy.can_view_employers(user):
        items.append((_("Employers"), reverse("candidates:employers")))
    items.append((_("Realisation of local choices"), reverse("candidates:realisation")))
    return [{"label": label, "url": url, "current": request.path == url} for label, url in items]


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context = {"section_nav": _section_nav(request), **context}
    return render(request, template, context, status=status)


def _municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


def _referral_municipalities(user):
    allowed = [m.pk for m in _municipalities() if policy.can_refer(user, m)]
    return _municipalities().filter(pk__in=allowed)


def _candidate_url(candidate) -> str:
    return reverse("candidates:candidate", kwargs={"uuid": candidate.uuid})


# --- caseload and search -------------------------------------------------------------------------


def _caseload_form(request, data):
    user = request.user
    own = policy.municipality_of(user)
    municipalities = _municipalities().filter(pk=own.pk) if own is not None else _municipalities()
    form = CaseloadFilterForm(
        data,
        consultants=selectors.business_consultants(user),
        municipalities=municipalities,
    )
    if own is not None:  # a municipality sees its own residents only: nothing to choose
        del form.fields["municipality"]
    if not policy.is_werkbedrijf(user):
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
    )


def _caseload_rows(page) -> list[dict]:
    labels = policies.focus_group_labels()
    return [
        {
            "trajectory": row,
            "candidate": row.candidate,
            "focus_groups": [
                (code, labels[code]) for code in selectors.focus_groups_of(row.candidate)
            ],
        }
        for row in page.rows
    ]


def _caseload_page(request, *, bsn_form=None, status=200):
    user = request.user
    form = _caseload_form(request, request.GET or None)
    page = selectors.Page([], None)
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
        "rows": _caseload_rows(page),
        "next_url": next_url,
        "first_url": first_url,
        "may_refer": _referral_municipalities(user).exists(),
    }
    if request.htmx and status == 200:
        response = _render(request, "candidates/partials/caseload_results.html", context)
    else:
        response = _render(request, "candidates/caseload.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view
@require_GET
def caseload(request):
    _require(policy.can_view_candidates(request.user))
    return _caseload_page(request)


@staff_view
@require_POST
def bsn_search(request):
    """A full BSN comes by POST and leaves as a redirect to the candidate's uuid."""
    user = request.user
    _require(policy.can_view_candidates(user))
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


# --- referral ------------------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def refer(request):
    user = request.user
    municipalities = _referral_municipalities(user)
    _require(municipalities.exists())
    form = ReferralForm(
        request.POST or None,
        municipalities=municipalities,
        may_self_register=policy.is_werkbedrijf(user),
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = services.PersonInput(
                bsn=data["bsn"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                extra=form.person_extra(),
            )
            try:
                if data.get("self_registration"):
                    trajectory = services.self_register(
                        actor=user, municipality=data["municipality"], person=person
                    )
                else:
                    trajectory = services.refer_candidate(
                        actor=user,
                        municipality=data["municipality"],
                        person=person,
                        note=data["note"],
                        warm_handover=data["warm_handover"],
                    )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is referred to WerkBedrijf.")
                    % {"name": trajectory.candidate.full_name},
                )
                return redirect(_candidate_url(trajectory.candidate))
        else:
            # Report the BSN and date-of-birth rules as well, so everything is fixed in one go.
            today = timezone.localdate()
            rules = policies.person_errors(
                form.cleaned_data.get("bsn", ""), form.cleaned_data.get("date_of_birth"), today
            )
            for field, message in rules.items():
                if field in form.cleaned_data:
                    form.add_error(field, message)
    status = 400 if request.method == "POST" else 200
    return _render(request, "candidates/refer.html", {"form": form}, status=status)


@staff_view
@require_http_methods(["GET", "POST"])
def upload(request):
    user = request.user
    municipalities = _referral_municipalities(user)
    _require(municipalities.exists())
    form = ReferralUploadForm(
        request.POST or None, request.FILES or None, municipalities=municipalities
    )
    report = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                report = imports.import_referrals(
                    actor=user,
                    municipality=form.cleaned_data["municipality"],
                    uploaded_file_bytes=upload_file.read(),
                    filename=upload_file.name,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                status = 200
    context = {
        "form": form,
        "report": report,
        "rows": _report_rows(report) if report else [],
        "columns": imports.COLUMNS,
    }
    return _render(request, "candidates/upload.html", context, status=status)


def _report_rows(report) -> list[dict]:
    labels = dict(imports.RowStatus.choices)
    return [
        {
            "row": row,
            "status_label": labels.get(row.status, row.status),
            "errors": sorted(row.errors.items()),
        }
        for row in report.rows
    ]


@staff_view
@require_GET
def upload_template(request):
    _require(_referral_municipalities(request.user).exists())
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aanmeldingen.csv"'
    return response


# --- the candidate's page ------------------------------------------------------------------------


def _employer_choices(user):
    if not policy.can_view_employers(user):
        return Employer.objects.none()
    return Employer.objects.order_by("name", "id")


def _employer_search(user, data) -> dict:
    """The placement form's employer picker: what was searched, the matches and what the live
    region says. ``data`` is the GET of the search endpoint or of the candidate's page."""
    form = EmployerSearchForm(data if "q" in data else None)
    query = form.query
    _kind, term = selectors.employer_search_terms(query)
    matches = selectors.employer_search(user, query, keep=data.get("placement-employer"))
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
    }


def _step_targets(trajectory) -> list[str]:
    """The steps offered as forms, in the order of the journey. Further diagnosis has a form of
    its own, because it also records what the diagnosis is about."""
    allowed = policies.allowed_steps(trajectory.phase) - {Phase.FURTHER_DIAGNOSIS}
    return sorted(allowed, key=PHASE_ORDER.index)


def _journey_forms(user, candidate, trajectory, employer_search=None) -> dict:
    """Unbound forms for all the work this user may do on this candidate now."""
    found = {}
    active = trajectory is not None and trajectory.is_active
    if trajectory is not None and active and policy.can_work_on_journey(user, trajectory):
        consultants = selectors.business_consultants(user)
        for target in _step_targets(trajectory):
            found[f"step:{target}"] = StepForm(
                prefix=f"step-{target}",
                target=target,
                consultants=consultants,
                trajectory=trajectory,
            )
        if (
            Phase.FURTHER_DIAGNOSIS in policies.allowed_steps(trajectory.phase)
            or trajectory.phase == Phase.FURTHER_DIAGNOSIS
        ):
            found["diagnosis"] = DiagnosisForm(prefix="diagnosis")
        found["note"] = IntakeNoteForm(prefix="note")
        found["activity"] = ActivityForm(
            prefix="activity", choices=selectors.chargeable_choices(user, trajectory)
        )
        found["placement"] = PlacementForm(
            prefix="placement",
            employers=_employer_choices(user),
            offered=employer_search["employers"] if employer_search else (),
        )
        found["instrument"] = InstrumentForm(prefix="instrument")
        found["signal"] = SignalForm(prefix="signal")
        if candidate.refugee:
            found["assessment"] = AssessmentForm(prefix="assessment")
    if trajectory is not None and active and policy.can_plan_talk(user, trajectory):
        found["talk"] = PlanTalkForm(prefix="talk")
    if policy.can_hand_over_contact(user, candidate):
        found["contact"] = ContactForm(
            prefix="contact",
            staff=selectors.possible_contacts(user),
            current=selectors.current_contact(candidate),
        )
    return found


def _candidate_page(request, candidate: Candidate, *, bound: dict | None = None, status=200):
    user = request.user
    today = timezone.localdate()
    trajectories = list(
        candidate.trajectories.select_related(
            "municipality", "business_consultant", "referred_by"
        ).order_by("-referred_on", "-id")
    )
    trajectory = trajectories[0] if trajectories else None
    # Without JavaScript the employer picker searches by opening this page with ?q=.
    employer_search = _employer_search(user, request.GET)
    forms = _journey_forms(user, candidate, trajectory, employer_search)
    bound = bound or {}
    forms.update(bound)
    labels = policies.focus_group_labels()
    search_period = None
    if trajectory is not None and trajectory.search_period_start:
        end = policies.search_period_end(trajectory.search_period_start)
        search_period = {"start": trajectory.search_period_start, "end": end, "ended": end <= today}
    activities = []
    if trajectory is not None:
        may_work = policy.can_work_on_journey(user, trajectory)
        for activity in trajectory.activities.select_related("charged_to__service").order_by(
            "start", "id"
        ):
            open_ = activity.status in (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)
            key = f"activity:{activity.uuid}"
            form = None
            if may_work and open_:
                form = bound.get(key) or ActivityStatusForm(prefix=f"activity-{activity.uuid}")
            activities.append({"activity": activity, "form": form})
    talks = []
    if trajectory is not None and policy.can_plan_talk(user, trajectory):
        for talk in trajectory.talks.filter(held_on__isnull=True).order_by("planned_on", "id"):
            key = f"talk:{talk.uuid}"
            talks.append(
                {
                    "talk": talk,
                    "form": bound.get(key) or TalkOutcomeForm(prefix=f"talk-{talk.uuid}"),
                }
            )
    sectors = dict(SectorGroup.choices)
    days = dict(DAYS)
    context = {
        "candidate": candidate,
        "age": policies.age_on(candidate.date_of_birth, today),
        "sector_wishes": ", ".join(str(sectors.get(s, s)) for s in candidate.sector_wishes or []),
        "available_days": ", ".join(str(days.get(d, d)) for d in candidate.available_days or []),
        "focus_groups": [(code, labels[code]) for code in selectors.focus_groups_of(candidate)],
        "trajectory": trajectory,
        "earlier": trajectories[1:],
        "contact": selectors.current_contact(candidate),
        "contact_history": selectors.contact_history(candidate),
        "assessments": list(candidate.assessments.order_by("-completed_on", "-id")),
        "search_period": search_period,
        "timeline": selectors.timeline(trajectory) if trajectory is not None else [],
        "forms": forms,
        "step_forms": [f for k, f in forms.items() if k.startswith("step:")],
        "activities": activities,
        "open_talks": talks,
        "bound_forms": list(bound.values()),
        "may_refer_again": (
            trajectory is not None
            and not trajectory.is_active
            and policy.can_refer(user, candidate.municipality)
        ),
        "may_decide": trajectory is not None and policy.can_decide_sanction(user, trajectory),
        "employer_search": employer_search,
        "moves": move_selectors.moves_of(candidate),
        "may_move": policy.can_move_candidate(user, candidate),
    }
    return _render(request, "candidates/candidate.html", context, status=status)


@staff_view
@require_GET
def candidate(request, uuid):
    _require(policy.can_view_candidates(request.user))  # the others: a refusal, not "not found"
    return _candidate_page(request, selectors.get_candidate(request.user, uuid))


@staff_view
@require_GET
def trajectory(request, uuid):
    """A trajectory's address (as in an upload report) leads to its candidate. The redirect names
    the person, so it is a read of the trajectory (logged by get_trajectory)."""
    _require(policy.can_view_candidates(request.user))
    found = selectors.get_trajectory(request.user, uuid)
    return redirect(_candidate_url(found.candidate))


def _candidate_for_change(user, uuid) -> Candidate:
    try:
        return selectors.candidate_scope(user).select_related("municipality").get(uuid=uuid)
    except Candidate.DoesNotExist as exc:
        raise Http404 from exc


def _done(request, candidate, message: str):
    messages.success(request, message)
    return redirect(_candidate_url(candidate))


def _again(request, candidate, key: str, form, status: int = 400):
    """Show the candidate's page again with the refused form and its messages."""
    page_candidate = selectors.get_candidate(request.user, candidate.uuid)
    return _candidate_page(request, page_candidate, bound={key: form}, status=status)


@staff_view
@require_POST
def take_step(request, uuid, target):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    if target not in Phase.values:
        raise Http404
    _require(policy.can_work_on_journey(user, trajectory))
    form = StepForm(
        request.POST,
        prefix=f"step-{target}",
        target=target,
        consultants=selectors.business_consultants(user),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.take_step(
                actor=user,
                trajectory=trajectory,
                target=target,
                occurred_on=data["occurred_on"],
                reason=data.get("reason", ""),
                sector_group=data.get("sector_group", ""),
                business_consultant=data.get("business_consultant"),
                aftercare=data.get("aftercare"),
                warm_handover=data.get("warm_handover", False),
                expected_version=data["version"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except ConflictError:
            # Nothing was written. Say where the journey is now, keep what was typed, and let a
            # deliberate second try be checked against the state just shown.
            now = selectors.trajectory_for_change(user, uuid)
            form.add_error(
                None,
                _(
                    "Someone else recorded a step after you opened the page: the trajectory is "
                    "now in the phase “%(phase)s” (since %(date)s). Your step is not saved. "
                    "Check the journey and take the step again if it still applies."
                )
                % {
                    "phase": policies.phase_label(now.phase),
                    "date": now.phase_since.strftime("%d-%m-%Y"),
                },
            )
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = now.lock_version
            return _again(request, now.candidate, f"step:{target}", form, status=409)
        else:
            return _done(
                request,
                trajectory.candidate,
                _("Step recorded: %(phase)s.") % {"phase": policies.phase_label(target)},
            )
    return _again(request, trajectory.candidate, f"step:{target}", form)


@staff_view
@require_POST
def start_diagnosis(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = DiagnosisForm(request.POST, prefix="diagnosis")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.start_further_diagnosis(actor=user, trajectory=trajectory, **data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "phase" in exc.error_dict:
                form.add_error(None, exc.message_dict["phase"])
            else:
                _add_errors(form, exc)
        else:
            return _done(request, trajectory.candidate, _("The further diagnosis is started."))
    return _again(request, trajectory.candidate, "diagnosis", form)


@staff_view
@require_POST
def add_note(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = IntakeNoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            services.add_intake_note(actor=user, trajectory=trajectory, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, trajectory.candidate, _("The note is saved."))
    return _again(request, trajectory.candidate, "note", form)


@staff_view
@require_POST
def add_activity(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = ActivityForm(
        request.POST, prefix="activity", choices=selectors.chargeable_choices(user, trajectory)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            _activity, warning = services.add_activity(
                actor=user,
                trajectory=trajectory,
                kind=data["kind"],
                name=data["name"],
                start=data["start"],
                end=data["end"],
                charge_to=data["charge_to"],
                units=data["units"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if warning:
                messages.warning(request, warning)
            return _done(request, trajectory.candidate, _("The activity is added."))
    return _again(request, trajectory.candidate, "activity", form)


@staff_view
@require_POST
def activity_status(request, uuid):
    user = request.user
    try:
        activity = (
            policy.candidate_scope(user, Activity.objects.all(), prefix="trajectory__")
            .select_related("trajectory__candidate")
            .get(uuid=uuid)
        )
    except Activity.DoesNotExist as exc:
        raise Http404 from exc
    _require(policy.can_work_on_journey(user, activity.trajectory))
    form = ActivityStatusForm(request.POST, prefix=f"activity-{activity.uuid}")
    if form.is_valid():
        try:
            services.update_activity_status(actor=user, activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(
                request, activity.trajectory.candidate, _("The activity's status is saved.")
            )
    return _again(request, activity.trajectory.candidate, f"activity:{activity.uuid}", form)


@staff_view
@require_POST
def add_placement(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = PlacementForm(request.POST, prefix="placement", employers=_employer_choices(user))
    if form.is_valid():
        try:
            services.add_placement(actor=user, trajectory=trajectory, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, trajectory.candidate, _("The placement is added."))
    return _again(request, trajectory.candidate, "placement", form)


@staff_view
@require_POST
def add_instrument(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = InstrumentForm(request.POST, prefix="instrument")
    if form.is_valid():
        data = form.cleaned_data
        flags = {name: data[name] for name in InstrumentForm.FLAGS}
        try:
            services.add_instrument(
                actor=user,
                trajectory=trajectory,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                amount=data["amount"],
                distance_km=data["distance_km"],
                **flags,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, trajectory.candidate, _("The instrument is added."))
    return _again(request, trajectory.candidate, "instrument", form)


@staff_view
@require_POST
def signal_sanction(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_work_on_journey(user, trajectory))
    form = SignalForm(request.POST, prefix="signal")
    if form.is_valid():
        try:
            services.signal_sanction(actor=user, trajectory=trajectory, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(
                request,
                trajectory.candidate,
                _("The signal is sent to the municipality, which decides."),
            )
    return _again(request, trajectory.candidate, "signal", form)


@staff_view
@require_POST
def plan_talk(request, uuid):
    user = request.user
    trajectory = selectors.trajectory_for_change(user, uuid)
    _require(policy.can_plan_talk(user, trajectory))
    form = PlanTalkForm(request.POST, prefix="talk")
    if form.is_valid():
        # The one planning it takes part for their side; the other side is the candidate's
        # contact person when that person works there.
        contact = selectors.current_contact(trajectory.candidate)
        contact_user = contact.contact if contact else None
        own_is_werkbedrijf = policy.is_werkbedrijf(user)
        contact_org = contact_user.organisation if contact_user else None
        other = None
        if contact_org is not None:
            wanted = (
                contact_org.pk == trajectory.municipality_id
                if own_is_werkbedrijf
                else contact_org.kind == OrganisationKind.WERKBEDRIJF
            )
            other = contact_user if wanted else None
        try:
            services.plan_talk(
                actor=user,
                trajectory=trajectory,
                planned_on=form.cleaned_data["planned_on"],
                werkbedrijf_participant=user if own_is_werkbedrijf else other,
                income_participant=other if own_is_werkbedrijf else user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, trajectory.candidate, _("The three-way talk is planned."))
    return _again(request, trajectory.candidate, "talk", form)


@staff_view
@require_POST
def assign_contact(request, uuid):
    user = request.user
    candidate = _candidate_for_change(user, uuid)
    form = ContactForm(request.POST, prefix="contact", staff=selectors.possible_contacts(user))
    if form.is_valid():
        try:
            services.assign_contact(
                actor=user,
                candidate=candidate,
                contact=form.cleaned_data["contact"],
                note=form.cleaned_data["note"],
                expected_current=form.expected_current(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except ConflictError:
            now = selectors.current_contact(candidate)
            who = (now.contact.get_full_name() or now.contact.username) if now else "–"
            form.add_error(
                None,
                _(
                    "Someone else handed this candidate over after you opened the page: the "
                    "contact person is now %(name)s. Your handover is not saved. Hand over "
                    "again if the candidate should still go to the colleague you chose."
                )
                % {"name": who},
            )
            form.data = form.data.copy()
            form.data[form.add_prefix("current")] = str(now.uuid) if now else ""
            return _again(request, candidate, "contact", form, status=409)
        else:
            return _done(request, candidate, _("The contact person is handed over."))
    return _again(request, candidate, "contact", form)


@staff_view
@require_POST
def record_assessment(request, uuid):
    user = request.user
    candidate = _candidate_for_change(user, uuid)
    form = AssessmentForm(request.POST, prefix="assessment")
    if form.is_valid():
        try:
            services.record_assessment(actor=user, candidate=candidate, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _done(request, candidate, _("The digital assessment is recorded."))
    return _again(request, candidate, "assessment", form)


# --- the Inkomen screen --------------------------------------------------------------------------


def _income_page(request, *, bound: dict | None = None, status=200):
    user = request.user
    bound = bound or {}
    page = selectors.caseload(user, selectors.Filters(), page_size=INCOME_CASELOAD_SIZE)
    signals = [
        {
            "signal": signal,
            "form": bound.get(f"signal:{signal.uuid}")
            or SanctionDecisionForm(prefix=f"signal-{signal.uuid}"),
        }
        for signal in selectors.open_signals(user)
    ]
    talks = [
        {
            "talk": talk,
            "form": bound.get(f"talk:{talk.uuid}") or TalkOutcomeForm(prefix=f"talk-{talk.uuid}"),
        }
        for talk in selectors.planned_talks(user)
    ]
    context = {
        "municipality": policy.municipality_of(user),
        "rows": _caseload_rows(page),
        "more_url": reverse("candidates:caseload") if page.next_cursor else None,
        "signals": signals,
        "returns": selectors.recent_returns(user),
        "talks": talks,
        "bound_forms": list(bound.values()),
    }
    return _render(request, "candidates/income.html", context, status=status)


@staff_view
@require_GET
def income(request):
    _require(policy.can_use_income_screen(request.user))
    return _income_page(request)


@staff_view
@require_POST
def decide_signal(request, uuid):
    user = request.user
    try:
        signal = (
            policy.candidate_scope(user, SanctionSignal.objects.all(), prefix="trajectory__")
            .select_related("trajectory")
            .get(uuid=uuid)
        )
    except SanctionSignal.DoesNotExist as exc:
        raise Http404 from exc
    _require(policy.can_decide_sanction(user, signal.trajectory))
    form = SanctionDecisionForm(request.POST, prefix=f"signal-{signal.uuid}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_sanction(
                actor=user,
                signal=signal,
                decision=data["decision"],
                reasons=data["reasons"],
                decided_on=data["decided_on"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("candidates:income")
    return _income_page(request, bound={f"signal:{signal.uuid}": form}, status=400)


@staff_view
@require_POST
def talk_outcome(request, uuid):
    user = request.user
    try:
        talk = (
            policy.candidate_scope(user, ThreeWayTalk.objects.all(), prefix="trajectory__")
            .select_related("trajectory__candidate")
            .get(uuid=uuid)
        )
    except ThreeWayTalk.DoesNotExist as exc:
        raise Http404 from exc
    _require(policy.can_plan_talk(user, talk.trajectory))
    form = TalkOutcomeForm(request.POST, prefix=f"talk-{talk.uuid}")
    from_candidate = request.POST.get("origin") == "candidate"
    if form.is_valid():
        try:
            services.record_talk(actor=user, talk=talk, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The outcome of the talk is recorded."))
            if from_candidate:
                return redirect(_candidate_url(talk.trajectory.candidate))
            return redirect("candidates:income")
    if from_candidate:
        return _again(request, talk.trajectory.candidate, f"talk:{talk.uuid}", form)
    return _income_page(request, bound={f"talk:{talk.uuid}": form}, status=400)


# --- employers -----------------------------------------------------------------------------------


@staff_view
@require_http_methods(["GET", "POST"])
def employers(request):
    user = request.user
    _require(policy.can_view_employers(user))
    may_register = policy.can_manage_employers(user)
    register_form = EmployerForm() if may_register else None
    status = 200
    if request.method == "POST":
        _require(may_register)
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
                _add_errors(register_form, exc)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": employer.name})
                return redirect("candidates:employers")
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
        next_url = f"{reverse('candidates:employers')}?{query.urlencode()}"
    context = {
        "filter_form": filter_form,
        "register_form": register_form,
        "employers": page.rows,
        "next_url": next_url,
    }
    return _render(request, "candidates/employers.html", context, status=status)


@staff_view
@require_GET
def employer_search(request):
    """The placement form's employer picker asks here as the consultant types (htmx, GET ?q=):
    at most selectors.EMPLOYER_SEARCH_LIMIT radio buttons, and the count for the live region.
    Without JavaScript the same search runs on the candidate's page."""
    _require(policy.can_view_employers(request.user))
    search = _employer_search(request.user, request.GET)
    employers = ([search["kept"]] if search["kept"] else []) + search["employers"]
    context = {
        "search": search,
        "employers": employers,
        "chosen": request.GET.get("placement-employer", ""),
    }
    return render(request, "candidates/partials/employer_search_results.html", context)


# --- realisation of local choices ----------------------------------------------------------------


@staff_view
@require_GET
def realisation(request):
    """Per municipality and year: for each bought service the units bought (prorated for 2024),
    delivered, in progress, and a forecast for the year at the current pace."""
    user = request.user
    visible = [m.pk for m in _municipalities() if policy.can_view_realisation(user, m)]
    _require(bool(visible))
    municipalities = _municipalities().filter(pk__in=visible)
    years = sorted(
        {
            year
            for agreement in agreements_for(user).filter(status=AgreementStatus.ADOPTED)
            for year in agreement.years
        }
    )
    today = timezone.localdate()
    own = policy.municipality_of(user)
    municipality = own if own is not None and own.pk in visible else municipalities.first()
    wanted = request.GET.get("municipality")
    if wanted:
        try:
            municipality = _municipalities().get(uuid=wanted)
        except (Organisation.DoesNotExist, ValidationError, ValueError) as exc:
            raise Http404 from exc
    year = today.year if today.year in years else (years[-1] if years else today.year)
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError as exc:
            raise Http404 from exc
    rows = selectors.realisation(user, municipality, year)  # 404 outside the user's view
    form = RealisationForm(
        initial={"municipality": municipality.uuid, "year": year},
        municipalities=municipalities,
        years=years or [year],
    )
    context = {
        "form": form,
        "municipality": municipality,
        "year": year,
        "rows": rows,
        "prorated": any(row.bought != (row.choice.quantity or 0) for row in rows),
        "today": today,
    }
    return _render(request, "candidates/realisation.html", context)
