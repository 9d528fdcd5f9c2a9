"""The candidate's page and the steps of the journey taken on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from werkbedrijf.access import policy
from werkbedrijf.employers import selectors as employer_selectors
from werkbedrijf.employers.forms import EmployerSearchForm
from werkbedrijf.employers.models import SectorGroup
from werkbedrijf.employers.views import employer_picker
from werkbedrijf.organisations.models import OrganisationKind
from werkbedrijf.processing_log.services import written_together
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import refuse_stale, save_form
from werkbedrijf.utils.compiled import compiled_list
from werkbedrijf.utils.exceptions import ConflictError

from .. import move_selectors, policies, selectors, services
from ..forms import (
    ActivityForm,
    ActivityStatusForm,
    AssessmentForm,
    AtWorkForm,
    ContactForm,
    DiagnosisForm,
    InstrumentForm,
    IntakeNoteForm,
    LadderStepForm,
    PlacementForm,
    PlanTalkForm,
    SignalForm,
    StepForm,
    TalkOutcomeForm,
)
from ..models import OPEN_ACTIVITY_STATUSES, Activity, Candidate, Phase, Weekday
from .common import candidate_url, render_section, trajectory_record

PHASE_ORDER = list(Phase.values)


def _step_targets(trajectory) -> list[str]:
    """The steps offered as forms, in the order of the journey. Further diagnosis has a form of
    its own, because it also records what the diagnosis is about."""
    allowed = policies.allowed_steps(trajectory.phase) - {Phase.FURTHER_DIAGNOSIS}
    return sorted(allowed, key=PHASE_ORDER.index)


class Folded:
    """A form of the candidate's page whose section is closed: not built until it is shown (its
    section open on the page, or fetched by ``candidate_form``). What the page asks of it
    unbuilt: that it is offered, not bound, and a step's target and label."""

    is_bound = False

    def __init__(self, build: Callable[[], Any], target: str = ""):
        self._build = build
        self.target = target

    @property
    def label(self) -> str:
        return str(policies.phase_label(self.target))

    def build(self) -> Any:
        return self._build()


def built(form):
    """``form`` itself, or the form a ``Folded`` stands for."""
    return form.build() if isinstance(form, Folded) else form


def _journey_forms(
    user, candidate, trajectory, employer_search, *, has_placement: bool, contact
) -> dict:
    """The forms for all the work this user may do on this candidate now, unbound and unbuilt
    (``Folded``). ``has_placement`` and ``contact`` (the current contact assignment or None), as
    the page read them."""
    found: dict[str, Folded] = {}
    active = trajectory is not None and trajectory.is_active
    if trajectory is not None and active and policy.can_work_on_journey(user, trajectory):
        offered = employer_search["employers"] if employer_search else ()
        for target in _step_targets(trajectory):
            if target == Phase.AT_WORK and not has_placement:
                found[f"step:{target}"] = Folded(
                    lambda: AtWorkForm(
                        prefix="at_work",
                        employers=employer_selectors.employer_choices(user),
                        offered=offered,
                        trajectory=trajectory,
                    ),
                    target,
                )
                continue
            found[f"step:{target}"] = Folded(
                lambda target=target: StepForm(
                    prefix=f"step-{target}",
                    target=target,
                    consultants=selectors.business_consultants(user),
                    trajectory=trajectory,
                ),
                target,
            )
        if (
            Phase.FURTHER_DIAGNOSIS in policies.allowed_steps(trajectory.phase)
            or trajectory.phase == Phase.FURTHER_DIAGNOSIS
        ):
            found["diagnosis"] = Folded(lambda: DiagnosisForm(prefix="diagnosis"))
        found["note"] = Folded(lambda: IntakeNoteForm(prefix="note"))
        found["ladder"] = Folded(lambda: LadderStepForm(prefix="ladder"))
        found["activity"] = Folded(
            lambda: ActivityForm(
                prefix="activity", choices=selectors.chargeable_choices(user, trajectory)
            )
        )
        found["placement"] = Folded(
            lambda: PlacementForm(
                prefix="placement",
                employers=employer_selectors.employer_choices(user),
                offered=offered,
            )
        )
        found["instrument"] = Folded(lambda: InstrumentForm(prefix="instrument"))
        found["signal"] = Folded(lambda: SignalForm(prefix="signal"))
        if candidate.refugee:
            found["assessment"] = Folded(lambda: AssessmentForm(prefix="assessment"))
    if trajectory is not None and active and policy.can_plan_talk(user, trajectory):
        found["talk"] = Folded(lambda: PlanTalkForm(prefix="talk"))
    if policy.can_hand_over_contact(user, candidate):
        found["contact"] = Folded(
            lambda: ContactForm(
                prefix="contact",
                staff=selectors.possible_contacts(user),
                current=contact,
            )
        )
    return found


def _candidate_page(request, candidate: Candidate, *, bound: dict | None = None, status=200):
    context = _candidate_context(request, candidate, bound)
    return render_section(request, "candidates/candidate.html", context, status=status)


def _candidate_context(request, candidate: Candidate, bound: dict | None = None) -> dict:
    """What the candidate's page shows, with an unbound form for all the work the user may do
    (or the ``bound`` one of a refused submission). The forms of closed sections are built but
    not rendered: the page fetches them when opened (``candidate_form``)."""
    user = request.user
    today = timezone.localdate()
    trajectories = compiled_list("candidate_page.trajectories", _trajectories, candidate)
    trajectory = trajectories[0] if trajectories else None
    # Each kind of record is read once, for its section and for the timeline.
    records = selectors.trajectory_records(trajectory) if trajectory is not None else None
    contact_history = selectors.contact_history(candidate)
    contact = next((a for a in contact_history if a.until is None), None)
    # Without JavaScript the employer picker searches by opening this page with ?q=.
    employer_search = employer_picker(user, request.GET)
    forms = _journey_forms(
        user,
        candidate,
        trajectory,
        employer_search,
        has_placement=bool(records and records.placements),
        contact=contact,
    )
    bound = bound or {}
    forms.update(bound)
    # The sections that open with the page show their form: a search for an employer (without
    # JavaScript the picker opens the page again with ?q=) opens the step to "At work" or the
    # placement.
    at_work_search = request.GET.get("field") == "at_work-employer"
    if employer_search and employer_search["searched"] and not at_work_search:
        opened = "placement"
    else:
        opened = f"step:{Phase.AT_WORK}" if at_work_search else ""
    if opened in forms:
        forms[opened] = built(forms[opened])
    labels = policies.focus_group_labels()
    search_period = None
    if trajectory is not None and trajectory.search_period_start:
        end = policies.search_period_end(trajectory.search_period_start)
        search_period = {"start": trajectory.search_period_start, "end": end, "ended": end <= today}
    activities = []
    if trajectory is not None:
        may_work = policy.can_work_on_journey(user, trajectory)
        for activity in records.activities:
            open_ = activity.status in OPEN_ACTIVITY_STATUSES
            key = f"activity:{activity.uuid}"
            form = None
            if may_work and open_:
                form = bound.get(key) or Folded(
                    lambda activity=activity: ActivityStatusForm(prefix=f"activity-{activity.uuid}")
                )
            activities.append(
                {"activity": activity, "form": form, "slug": f"activity-{activity.uuid}"}
            )
    talks = []
    if trajectory is not None and policy.can_plan_talk(user, trajectory):
        for talk in records.open_talks:
            key = f"talk:{talk.uuid}"
            talks.append(
                {
                    "talk": talk,
                    "form": bound.get(key) or TalkOutcomeForm(prefix=f"talk-{talk.uuid}"),
                }
            )
    sectors = dict(SectorGroup.choices)
    days = dict(Weekday.choices)
    may_decide = trajectory is not None and policy.can_decide_sanction(user, trajectory)
    may_work_on = trajectory is not None and policy.can_work_on_journey(user, trajectory)
    context = {
        "candidate": candidate,
        "age": policies.age_on(candidate.date_of_birth, today),
        "sector_wishes": ", ".join(str(sectors.get(s, s)) for s in candidate.sector_wishes or []),
        "available_days": ", ".join(str(days.get(d, d)) for d in candidate.available_days or []),
        "focus_groups": [(code, labels[code]) for code in selectors.focus_groups_of(candidate)],
        "trajectory": trajectory,
        "earlier": trajectories[1:],
        "contact": contact,
        "contact_history": contact_history,
        # Shown for a statushouder only (the digital assessment is theirs).
        "assessments": (
            compiled_list("candidate_page.assessments", _assessments, candidate)
            if candidate.refugee
            else []
        ),
        "search_period": search_period,
        "timeline": selectors.timeline(trajectory, records) if trajectory is not None else [],
        "forms": forms,
        "step_forms": [f for k, f in forms.items() if k.startswith("step:")],
        "has_placement": bool(records and records.placements),
        "activities": activities,
        "open_talks": talks,
        "bound_forms": list(bound.values()),
        "may_refer_again": (
            trajectory is not None
            and not trajectory.is_active
            and policy.can_refer(user, candidate.municipality)
        ),
        "may_decide": may_decide,
        "employer_search": employer_search,
        "at_work_search_form": EmployerSearchForm(
            request.GET if "q" in request.GET else None, auto_id="at-work-employer-search-%s"
        ),
        "at_work_search": at_work_search,
        # get_candidate says whether there are any (on PostgreSQL; elsewhere they are read).
        "moves": move_selectors.moves_of(candidate)
        if getattr(candidate, "has_moves", True)
        else [],
        "placements": records.placements if trajectory is not None else [],
        "instruments": records.instruments if trajectory is not None else [],
        "signals": (
            records.signals if trajectory is not None and (may_work_on or may_decide) else []
        ),
        "may_move": policy.can_move_candidate(user, candidate),
    }
    return context


def _trajectories(candidate: Candidate):
    return candidate.trajectories.select_related(
        "municipality", "business_consultant", "referred_by"
    ).order_by("-referred_on", "-id")


def _assessments(candidate: Candidate):
    return candidate.assessments.order_by("-completed_on", "-id")


# The forms of the candidate's page that are folded in a closed section, by the slug of their
# address (candidates:candidate_form): their kind (partials/folded_form.html) and their title.
_FOLDED_TITLES = {
    "diagnosis": gettext_lazy("Start the further diagnosis"),
    "note": gettext_lazy("Write an intake note"),
    "ladder": gettext_lazy("Record the step on the participatieladder"),
    "activity": gettext_lazy("Add an activity"),
    "placement": gettext_lazy("Add a placement"),
    "instrument": gettext_lazy("Add an instrument"),
    "signal": gettext_lazy("Signal to Inkomen"),
    "talk": gettext_lazy("Plan a three-way talk"),
    "contact": gettext_lazy("Hand over to another contact person"),
    "assessment": gettext_lazy("Record the digital assessment"),
}


def _folded_form(context: dict, slug: str, user) -> tuple[str, object, dict, str] | None:
    """The form of the candidate's page under ``slug``: (kind, form, extra context, title), or
    None when the page offers the user no such form."""
    forms = context["forms"]
    if slug == "certificate":
        # The matching area's form, in its section of the page.
        from werkbedrijf.matching.views.certificates import form_on_demand

        form = form_on_demand(user, context["trajectory"])
        if form is None:
            return None
        return "certificate", form, {}, _("Record a certificate obtained")
    if slug.startswith("step-"):
        form = forms.get(f"step:{slug.removeprefix('step-')}")
        if form is None:
            return None
        return "step", form, {}, _("To: %(phase)s") % {"phase": form.label}
    if slug.startswith("activity-"):
        for item in context["activities"]:
            if item["form"] is not None and item["slug"] == slug:
                extra = {"activity_uuid": item["activity"].uuid}
                return "activity-status", item["form"], extra, _("Change the status")
        return None
    if slug in _FOLDED_TITLES and forms.get(slug) is not None:
        return slug, forms[slug], {}, str(_FOLDED_TITLES[slug])
    return None


@staff_view
@require_GET
def candidate_form(request, uuid, slug):
    """A form of the candidate's page that is folded there: its body alone for htmx when the
    section is opened, else (without JavaScript) on a page of its own. The form posts to the same
    address as on the page; refused, the candidate's page shows it again, open."""
    policy.require(policy.can_view_candidates(request.user))
    candidate = selectors.get_candidate(request.user, uuid)
    context = _candidate_context(request, candidate)
    found = _folded_form(context, slug, request.user)
    if found is None:
        raise Http404
    kind, form, extra, title = found
    context.update(extra, kind=kind, slug=slug, form=built(form), title=title)
    if request.htmx:
        response = render(request, "candidates/partials/folded_form.html", context)
    else:
        response = render_section(request, "candidates/candidate_form.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@staff_view
@require_GET
def candidate(request, uuid):
    policy.require(policy.can_view_candidates(request.user))  # the others: refused, not "not found"
    # The page reads the candidate, the work profile and the certificates obtained: their log
    # entries are committed together.
    with written_together():
        return _candidate_page(request, selectors.get_candidate(request.user, uuid))


@staff_view
@require_GET
def trajectory(request, uuid):
    """A trajectory's address (as in an upload report) leads to its candidate. The redirect names
    the person, so it is a read of the trajectory (logged by trajectorys_candidate, which reads
    the two UUIDs and nothing else)."""
    policy.require(policy.can_view_candidates(request.user))
    candidate_uuid = selectors.trajectorys_candidate(request.user, uuid)
    return redirect(reverse("candidates:candidate", kwargs={"uuid": candidate_uuid}))


def _candidate_for_change(user, uuid) -> Candidate:
    try:
        return selectors.candidate_scope(user).select_related("municipality").get(uuid=uuid)
    except Candidate.DoesNotExist as exc:
        raise Http404 from exc


def _done(request, candidate, message: str):
    messages.success(request, message)
    return redirect(candidate_url(candidate))


def show_again(request, candidate, key: str, form, status: int = 400):
    """Show the candidate's page again with the refused form and its messages."""
    with written_together():  # the page's reads, as in ``candidate``
        page_candidate = selectors.get_candidate(request.user, candidate.uuid)
        return _candidate_page(request, page_candidate, bound={key: form}, status=status)


def submit(request, candidate, key: str, form, save, done: str):
    """The course of every form on the candidate's page: ``save`` calls the service with the
    cleaned data; saved, the user is sent back to the page with ``done``; refused, the page is
    shown again with the form under ``key`` and its messages (400)."""
    if save_form(form, save):
        return _done(request, candidate, done)
    return show_again(request, candidate, key, form)


def _trajectory_to_work_on(request, uuid, rule=policy.can_work_on_journey):
    trajectory = selectors.trajectory_for_change(request.user, uuid)
    policy.require(rule(request.user, trajectory))
    return trajectory


@staff_view
@require_POST
def take_step(request, uuid, target):
    if target not in Phase.values:
        raise Http404
    user = request.user
    trajectory = _trajectory_to_work_on(request, uuid)
    key = f"step:{target}"
    if target == Phase.AT_WORK and "at_work-version" in request.POST:
        return _start_work(request, trajectory)
    form = StepForm(
        request.POST,
        prefix=f"step-{target}",
        target=target,
        consultants=selectors.business_consultants(user),
    )

    def save(data):
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

    done = _("Step recorded: %(phase)s.") % {"phase": policies.phase_label(target)}
    try:
        return submit(request, trajectory.candidate, key, form, save, done)
    except ConflictError:
        return _stale_step(request, uuid, key, form)


def _start_work(request, trajectory):
    """The step to "At work" with the placement it needs, from one form: both saved or neither."""
    user = request.user
    employers = employer_selectors.employer_choices(user)
    form = AtWorkForm(request.POST, prefix="at_work", employers=employers)

    def save(data):
        step, placement = form.step_and_placement()
        try:
            services.take_step(
                actor=user,
                trajectory=trajectory,
                target=Phase.AT_WORK,
                occurred_on=step["occurred_on"],
                reason=step["reason"],
                aftercare=step["aftercare"],
                expected_version=step["version"],
                placement=placement,
            )
        except ValidationError as exc:
            # The placement's messages go next to the placement's fields of this form.
            named = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            raise ValidationError(
                {name.removeprefix("placement."): msgs for name, msgs in named.items()}
            ) from exc

    done = _("Step recorded: %(phase)s, with the placement.") % {
        "phase": policies.phase_label(Phase.AT_WORK)
    }
    try:
        return submit(request, trajectory.candidate, f"step:{Phase.AT_WORK}", form, save, done)
    except ConflictError:
        return _stale_step(request, trajectory.uuid, f"step:{Phase.AT_WORK}", form)


def _stale_step(request, uuid, key: str, form):
    """Nothing was written. Say where the journey is now and check a second try against it."""
    now = selectors.trajectory_for_change(request.user, uuid)
    message = _(
        "Someone else recorded a step after you opened the page: the trajectory is "
        "now in the phase “%(phase)s” (since %(date)s). Your step is not saved. "
        "Check the journey and take the step again if it still applies."
    ) % {
        "phase": policies.phase_label(now.phase),
        "date": now.phase_since.strftime("%d-%m-%Y"),
    }
    refuse_stale(form, message, "version", now.lock_version)
    return show_again(request, now.candidate, key, form, status=409)


@staff_view
@require_POST
def start_diagnosis(request, uuid):
    trajectory = _trajectory_to_work_on(request, uuid)
    form = DiagnosisForm(request.POST, prefix="diagnosis")

    def save(data):
        try:
            services.start_further_diagnosis(actor=request.user, trajectory=trajectory, **data)
        except ValidationError as exc:
            # A step the journey does not allow now is all there is to say.
            if hasattr(exc, "error_dict") and "phase" in exc.error_dict:
                raise ValidationError(exc.message_dict["phase"]) from exc
            raise

    done = _("The further diagnosis is started.")
    return submit(request, trajectory.candidate, "diagnosis", form, save, done)


@staff_view
@require_POST
def add_note(request, uuid):
    trajectory = _trajectory_to_work_on(request, uuid)
    form = IntakeNoteForm(request.POST, prefix="note")

    def save(data):
        services.add_intake_note(actor=request.user, trajectory=trajectory, **data)

    return submit(request, trajectory.candidate, "note", form, save, _("The note is saved."))


@staff_view
@require_POST
def record_ladder_step(request, uuid):
    trajectory = _trajectory_to_work_on(request, uuid)
    form = LadderStepForm(request.POST, prefix="ladder")

    def save(data):
        services.record_ladder_step(actor=request.user, trajectory=trajectory, **data)

    return submit(request, trajectory.candidate, "ladder", form, save, _("The step is recorded."))


@staff_view
@require_POST
def add_activity(request, uuid):
    user = request.user
    trajectory = _trajectory_to_work_on(request, uuid)
    choices = selectors.chargeable_choices(user, trajectory)
    form = ActivityForm(request.POST, prefix="activity", choices=choices)

    def save(data):
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
        if warning:
            messages.warning(request, warning)

    done = _("The activity is added.")
    return submit(request, trajectory.candidate, "activity", form, save, done)


@staff_view
@require_POST
def activity_status(request, uuid):
    user = request.user
    activity = trajectory_record(user, Activity, uuid, "trajectory__candidate")
    policy.require(policy.can_work_on_journey(user, activity.trajectory))
    form = ActivityStatusForm(request.POST, prefix=f"activity-{activity.uuid}")

    def save(data):
        services.update_activity_status(actor=user, activity=activity, **data)

    key, done = f"activity:{activity.uuid}", _("The activity's status is saved.")
    return submit(request, activity.trajectory.candidate, key, form, save, done)


@staff_view
@require_POST
def add_placement(request, uuid):
    user = request.user
    trajectory = _trajectory_to_work_on(request, uuid)
    employers = employer_selectors.employer_choices(user)
    form = PlacementForm(request.POST, prefix="placement", employers=employers)

    def save(data):
        services.add_placement(actor=user, trajectory=trajectory, **data)

    done = _("The placement is added.")
    return submit(request, trajectory.candidate, "placement", form, save, done)


@staff_view
@require_POST
def add_instrument(request, uuid):
    trajectory = _trajectory_to_work_on(request, uuid)
    form = InstrumentForm(request.POST, prefix="instrument")

    def save(data):
        services.add_instrument(
            actor=request.user,
            trajectory=trajectory,
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            amount=data["amount"],
            distance_km=data["distance_km"],
            wage_value=data["wage_value"],
            **{name: data[name] for name in InstrumentForm.FLAGS},
        )

    done = _("The instrument is added.")
    return submit(request, trajectory.candidate, "instrument", form, save, done)


@staff_view
@require_POST
def signal_sanction(request, uuid):
    trajectory = _trajectory_to_work_on(request, uuid)
    form = SignalForm(request.POST, prefix="signal")

    def save(data):
        services.signal_sanction(actor=request.user, trajectory=trajectory, **data)

    done = _("The signal is sent to the municipality, which decides.")
    return submit(request, trajectory.candidate, "signal", form, save, done)


def _talk_participants(user, trajectory):
    """Who takes part, as (WerkBedrijf's, the municipality's): the one planning takes part for
    their side; the other side is the candidate's contact person when that person works there."""
    contact = selectors.current_contact(trajectory.candidate)
    contact_user = contact.contact if contact else None
    own_is_werkbedrijf = policy.is_werkbedrijf(user)  # not an access rule: the planner's side
    contact_org = contact_user.organisation if contact_user else None
    other = None
    if contact_org is not None:
        wanted = (
            contact_org.pk == trajectory.municipality_id
            if own_is_werkbedrijf
            else contact_org.kind == OrganisationKind.WERKBEDRIJF
        )
        other = contact_user if wanted else None
    return (user, other) if own_is_werkbedrijf else (other, user)


@staff_view
@require_POST
def plan_talk(request, uuid):
    user = request.user
    trajectory = _trajectory_to_work_on(request, uuid, rule=policy.can_plan_talk)
    form = PlanTalkForm(request.POST, prefix="talk")

    def save(data):
        werkbedrijf, income = _talk_participants(user, trajectory)
        services.plan_talk(
            actor=user,
            trajectory=trajectory,
            planned_on=data["planned_on"],
            werkbedrijf_participant=werkbedrijf,
            income_participant=income,
        )

    done = _("The three-way talk is planned.")
    return submit(request, trajectory.candidate, "talk", form, save, done)


@staff_view
@require_POST
def assign_contact(request, uuid):
    user = request.user
    candidate = _candidate_for_change(user, uuid)
    form = ContactForm(request.POST, prefix="contact", staff=selectors.possible_contacts(user))

    def save(data):
        services.assign_contact(
            actor=user,
            candidate=candidate,
            contact=data["contact"],
            note=data["note"],
            expected_current=form.expected_current(),
        )

    done = _("The contact person is handed over.")
    try:
        return submit(request, candidate, "contact", form, save, done)
    except ConflictError:
        now = selectors.current_contact(candidate)
        who = now.contact.display_name if now else "–"
        message = _(
            "Someone else handed this candidate over after you opened the page: the "
            "contact person is now %(name)s. Your handover is not saved. Hand over "
            "again if the candidate should still go to the colleague you chose."
        ) % {"name": who}
        refuse_stale(form, message, "current", str(now.uuid) if now else "")
        return show_again(request, candidate, "contact", form, status=409)


@staff_view
@require_POST
def record_assessment(request, uuid):
    user = request.user
    candidate = _candidate_for_change(user, uuid)
    form = AssessmentForm(request.POST, prefix="assessment")

    def save(data):
        services.record_assessment(actor=user, candidate=candidate, **data)

    done = _("The digital assessment is recorded.")
    return submit(request, candidate, "assessment", form, save, done)
