"""Who may see and change what: the one authorisation layer.

The UI, the API, the admin and every export call these functions; nothing else decides access.
Scopes (``*_scope``) narrow a queryset to what the user may see; checks (``can_*``) decide about one
object. An object outside a user's scope is reported as not found (404), never as forbidden, so ids
cannot be probed.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.agreements.policies import may_edit_choices
from werkbedrijf.organisations.models import OrganisationKind


class AccessDenied(Exception):
    """Raised by ``require``; the UI answers 403, the API a problem+json 403."""


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.organisation_id)


def is_werkbedrijf(user) -> bool:
    return _active_staff(user) and user.organisation.kind == OrganisationKind.WERKBEDRIJF


def municipality_of(user):
    """The municipality a municipal user works for, or None."""
    if _active_staff(user) and user.organisation.kind == OrganisationKind.MUNICIPALITY:
        return user.organisation
    return None


def has_role(user, *roles: str) -> bool:
    return _active_staff(user) and any(user.has_role(role) for role in roles)


def require(allowed: bool) -> None:
    if not allowed:
        raise AccessDenied


# --- agreements ------------------------------------------------------------------------------

PUBLIC_STATUSES = {AgreementStatus.ADOPTED}


def agreement_scope(user, qs: QuerySet) -> QuerySet:
    """Every staff member sees the DVO versions themselves (an adopted DVO is public)."""
    return qs if _active_staff(user) else qs.none()


def municipal_agreement_scope(user, qs: QuerySet, prefix: str = "") -> QuerySet:
    """Adopted agreements are public to all staff; drafts only to WerkBedrijf and the municipality.

    ``prefix`` is the path from the queryset's model to the municipal agreement, e.g.
    ``"municipal_agreement__"`` for local choices.
    """
    if not _active_staff(user):
        return qs.none()
    if is_werkbedrijf(user):
        return qs
    public = Q(**{f"{prefix}agreement__status__in": list(PUBLIC_STATUSES)})
    municipality = municipality_of(user)
    if municipality is not None:
        return qs.filter(public | Q(**{f"{prefix}municipality": municipality}))
    return qs.filter(public)


def can_view_municipal_agreement(user, municipal_agreement) -> bool:
    if not _active_staff(user):
        return False
    if is_werkbedrijf(user) or municipal_agreement.agreement.status in PUBLIC_STATUSES:
        return True
    return municipal_agreement.municipality_id == user.organisation_id


def can_edit_choices(user, municipal_agreement) -> bool:
    """The municipality's policy adviser composes its own choices; a DVO administrator may too."""
    if not may_edit_choices(municipal_agreement.agreement.status):
        return False
    if has_role(user, Role.DVO_ADMIN):
        return True
    return (
        has_role(user, Role.POLICY_ADVISER)
        and municipal_agreement.municipality_id == user.organisation_id
    )


def can_record_opinion(user, municipal_agreement) -> bool:
    if municipal_agreement.agreement.status == AgreementStatus.ADOPTED:
        return False
    if has_role(user, Role.DVO_ADMIN):
        return True
    return (
        has_role(user, Role.POLICY_ADVISER)
        and municipal_agreement.municipality_id == user.organisation_id
    )


def can_manage_cycle(user) -> bool:
    return has_role(user, Role.DVO_ADMIN)


def can_accept_deviations(user) -> bool:
    return has_role(user, Role.DVO_ADMIN)


def can_record_midterm_change(user, municipal_agreement) -> bool:
    """Art. 16.3: recorded by a DVO administrator once both written consents are in."""
    return (
        has_role(user, Role.DVO_ADMIN)
        and municipal_agreement.agreement.status == AgreementStatus.ADOPTED
    )


def can_record_signature(user, municipal_agreement) -> bool:
    return (
        has_role(user, Role.DVO_ADMIN)
        and municipal_agreement.agreement.status == AgreementStatus.ADOPTED
    )


def can_edit_catalogue(user, agreement) -> bool:
    return has_role(user, Role.DVO_ADMIN) and agreement.status != AgreementStatus.ADOPTED


def can_create_agreement(user) -> bool:
    """A new DVO version (its period, parties and a copy of a previous card) is set up by a DVO
    administrator; the municipalities then compose their choices in it."""
    return has_role(user, Role.DVO_ADMIN)


def can_edit_budgets(user, agreement) -> bool:
    """The budgets per municipality and year are entered by a DVO administrator before adoption;
    afterwards only a recorded change alters what was agreed."""
    return has_role(user, Role.DVO_ADMIN) and agreement.status != AgreementStatus.ADOPTED


# --- organisations and staff -------------------------------------------------------------------


def organisation_scope(user, qs: QuerySet) -> QuerySet:
    """Organisations are not personal data: every staff member sees the region's organisations."""
    return qs if _active_staff(user) else qs.none()


def staff_scope(user, qs: QuerySet) -> QuerySet:
    """Staff accounts are personal data: a functional administrator sees all, others their own
    organisation's colleagues."""
    if not _active_staff(user):
        return qs.none()
    if has_role(user, Role.FUNCTIONAL_ADMIN):
        return qs
    return qs.filter(organisation=user.organisation)


def can_manage_staff(user) -> bool:
    return has_role(user, Role.FUNCTIONAL_ADMIN)


def can_use_admin(user) -> bool:
    return has_role(user, Role.FUNCTIONAL_ADMIN, Role.DVO_ADMIN)


def processing_log_scope(user, qs: QuerySet) -> QuerySet:
    if has_role(user, Role.FUNCTIONAL_ADMIN):
        return qs
    return qs.none()


# --- candidates (personal data) -----------------------------------------------------------------
# WerkBedrijf's consultants work for all seven municipalities; a team manager sees the caseload of
# the team they lead (the candidates whose contact person is in it); a municipality's Inkomen case
# managers see their own residents. The DVO administrator, the board, policy advisers and
# functional administrators see no personal data of candidates, only aggregates such as the
# realisation (AVG art. 5.1c). A chain partner learns one thing about its own municipality's
# residents: whether they are in service, in which phase, and who their contact person is.


def _consultant(user) -> bool:
    return is_werkbedrijf(user) and has_role(user, Role.CONSULTANT)


def _team_manager(user) -> bool:
    return is_werkbedrijf(user) and has_role(user, Role.MANAGER)


def _case_manager(user) -> bool:
    return municipality_of(user) is not None and has_role(user, Role.INCOME_CASE_MANAGER)


def teams_led_by(user) -> list[int]:
    """The teams whose caseload a team manager sees: the team of their own account."""
    if not _team_manager(user) or not user.team_id:
        return []
    return [user.team_id]


def _team_caseload(user):
    """The candidates whose current contact person is a member of a team ``user`` leads."""
    from werkbedrijf.candidates.models import ContactAssignment

    return ContactAssignment.objects.filter(
        until__isnull=True, contact__team_id__in=teams_led_by(user)
    ).values("candidate_id")


def _candidate_key(qs: QuerySet, prefix: str) -> str:
    """The path from the queryset's model to the candidate's key, next to ``prefix``."""
    if (not prefix and qs.model._meta.label == "candidates.Candidate") or prefix.endswith(
        "candidate__"
    ):
        return f"{prefix}pk"
    return f"{prefix}candidate_id"


def candidate_scope(user, qs: QuerySet, prefix: str = "") -> QuerySet:
    """Narrow candidates (or records under them, via ``prefix``) to what ``user`` may see.

    ``prefix`` is the path to the owning municipality's field, e.g. ``"trajectory__"`` for records
    whose municipality is ``trajectory__municipality``."""
    if _consultant(user):
        return qs
    if _team_manager(user):
        return qs.filter(**{f"{_candidate_key(qs, prefix)}__in": _team_caseload(user)})
    if _case_manager(user):
        return qs.filter(**{f"{prefix}municipality": municipality_of(user)})
    return qs.none()


def candidate_scope_key(user) -> tuple:
    """What ``candidate_scope`` narrows by for ``user``, as a value: users with equal keys get
    the same narrowing (the same SQL, the same parameters), so that SQL built on it may be
    reused for them (the caseload's page, candidates.selectors._page_ids)."""
    if _consultant(user):
        return ("all",)
    if _team_manager(user):
        return ("team", tuple(teams_led_by(user)))
    if _case_manager(user):
        return ("municipality", municipality_of(user).pk)
    return ("none",)


def can_view_candidate(user, candidate) -> bool:
    if _consultant(user):
        return True
    if _team_manager(user):
        return _team_caseload(user).filter(candidate_id=candidate.pk).exists()
    return _case_manager(user) and candidate.municipality_id == user.organisation_id


def can_view_candidates(user) -> bool:
    """Whether the user works with candidates' personal data at all (caseload, search, candidate
    pages); the others are refused (403), not shown an empty list."""
    return _consultant(user) or _team_manager(user) or _case_manager(user)


def can_use_income_screen(user) -> bool:
    """The Inkomen screen (signals to decide, returns, three-way talks) is the municipality's."""
    return _case_manager(user)


def can_refer(user, municipality) -> bool:
    """The municipality refers its own residents; WerkBedrijf registers self-registrations."""
    if _consultant(user):
        return True
    return _case_manager(user) and municipality.pk == user.organisation_id


def can_use_staged_upload(user, staged) -> bool:
    """A referral file held for confirming its columns is only its uploader's, while they may
    still refer (for its municipality, or for any when its rows name their own)."""
    if staged.user_id != getattr(user, "pk", None):
        return False
    if staged.municipality is not None:
        return can_refer(user, staged.municipality)
    return _consultant(user) or _case_manager(user)


def can_work_on_journey(user, trajectory) -> bool:
    """Steps, notes, activities, placements and instruments are WerkBedrijf's consultants' work."""
    return _consultant(user)


def can_record_assessment(user, candidate) -> bool:
    """A refugee's digital assessment is part of WerkBedrijf's intake."""
    return _consultant(user)


def can_hand_over_contact(user, candidate) -> bool:
    """Both sides hand a candidate they see over to a new contact person: a consultant, the team
    manager (dividing the team's caseload) or the municipality's case manager."""
    return can_view_candidate(user, candidate)


def can_move_candidate(user, candidate) -> bool:
    """A move to another municipality of the region is recorded by a WerkBedrijf consultant or by
    an Inkomen case manager of the municipality the person leaves (it stops being the controller
    of their data); not by the municipality they move to, which does not know them yet."""
    if _consultant(user):
        return True
    return _case_manager(user) and candidate.municipality_id == user.organisation_id


def can_view_moves(user) -> bool:
    """The list of moves: consultants, and case managers for moves from or to their municipality."""
    return _consultant(user) or _case_manager(user)


def move_scope(user, qs: QuerySet) -> QuerySet:
    """Moves between municipalities: a consultant sees all; a case manager those from or to their
    own municipality (both were or become the controller of the person's data)."""
    if _consultant(user):
        return qs
    if _case_manager(user):
        own = municipality_of(user)
        return qs.filter(Q(from_municipality=own) | Q(to_municipality=own))
    return qs.none()


def can_decide_sanction(user, trajectory) -> bool:
    """Only the municipality decides; the system never does."""
    return _case_manager(user) and trajectory.municipality_id == user.organisation_id


def can_plan_talk(user, trajectory) -> bool:
    return can_work_on_journey(user, trajectory) or can_decide_sanction(user, trajectory)


def can_manage_employers(user) -> bool:
    return is_werkbedrijf(user) and has_role(user, Role.CONSULTANT, Role.DVO_ADMIN)


def can_view_employers(user) -> bool:
    """Every staff member but a chain partner, who needs no employers' contact persons."""
    return _active_staff(user) and not _only(user, Role.CHAIN_PARTNER)


def can_record_employer_services(user) -> bool:
    """Contact moments, events, locations, the account manager and wishes of employers are
    recorded by WerkBedrijf's consultants (bedrijfsdienstverlening) and team managers."""
    return is_werkbedrijf(user) and has_role(user, Role.CONSULTANT, Role.MANAGER)


def can_view_employer_services(user) -> bool:
    """The contact moments (with the names of the people spoken to), events and wishes of an
    employer: WerkBedrijf's people who work with employers. Municipalities see aggregates only
    (employer reach, the realisation of item 6)."""
    return can_record_employer_services(user)


def can_view_employer_reach(user, municipality=None) -> bool:
    """Employer reach (unique employers with a contact) is an aggregate about organisations:
    WerkBedrijf and the MGR see the region and every municipality; a municipality's staff (its
    policy adviser above all) its own municipality only. ``municipality`` None: the region."""
    if not _active_staff(user) or _only(user, Role.CHAIN_PARTNER):
        return False
    if is_werkbedrijf(user) or user.organisation.kind == OrganisationKind.MGR:
        return True
    return municipality is not None and municipality.pk == user.organisation_id


def employer_reach_default_municipality(user):
    """The municipality whose reach a municipal user sees; None (the region) for the others."""
    return municipality_of(user)


def _only(user, role: str) -> bool:
    return user.role_set == {role}


# --- chain partners (council wish 2: one contact person across the chain) ------------------------


def can_look_up_as_chain_partner(user) -> bool:
    """A municipality's Buurtteam, Zorg or Leerrecht worker asks whether a resident is in service."""
    return municipality_of(user) is not None and has_role(user, Role.CHAIN_PARTNER)


def chain_partner_scope(user, qs: QuerySet) -> QuerySet:
    """The candidates a chain partner may ask about: its own municipality's residents."""
    if not can_look_up_as_chain_partner(user):
        return qs.none()
    return qs.filter(municipality=municipality_of(user))


def can_view_realisation(user, municipality) -> bool:
    """Aggregated delivery of local choices: no personal data; visible like an adopted DVO."""
    if not _active_staff(user):
        return False
    if is_werkbedrijf(user) or user.organisation.kind == OrganisationKind.MGR:
        return True
    return municipality.pk == user.organisation_id


# --- access requests of data subjects (AVG art. 15) ------------------------------------------------
# The municipality is the controller of its residents' data (DVO art. 12.3): its privacy officer
# answers for its own residents; WerkBedrijf's privacy officer, as processor for all seven, for
# everybody. A privacy officer has no caseload and changes nothing: can_view_candidate and the other
# checks above stay closed to the role; only this search and its export are open.


def can_answer_access_request(user) -> bool:
    return has_role(user, Role.PRIVACY_OFFICER) and (
        is_werkbedrijf(user) or municipality_of(user) is not None
    )


def access_request_scope(user, qs: QuerySet, prefix: str = "") -> QuerySet:
    """Narrow candidates (or records under them, via ``prefix``) to the data subjects whose access
    request ``user`` may answer."""
    if not can_answer_access_request(user):
        return qs.none()
    if is_werkbedrijf(user):
        return qs
    return qs.filter(**{f"{prefix}municipality": municipality_of(user)})


# --- agreements: rules named for the screens ----


def can_compose_own_choices(user) -> bool:
    """A municipality's policy adviser composes that municipality's local choices: the start page
    offers the task (which agreements are open for it is ``can_edit_choices``)."""
    return municipality_of(user) is not None and has_role(user, Role.POLICY_ADVISER)


# --- candidates and employers: rules named for the screens and API ----------------------------


def has_own_caseload(user) -> bool:
    """A consultant's caseload starts with their own candidates (those they are the contact person
    or the consultant bedrijfsdienstverlening of); all candidates are one choice away."""
    return _consultant(user)


def can_filter_caseload_by_consultant(user) -> bool:
    """WerkBedrijf's own people divide the caseload among consultants; a municipality sees its
    residents whoever their consultant is."""
    return _consultant(user) or _team_manager(user)


def can_register_self_registration(user) -> bool:
    """A young person's self-registration is registered by WerkBedrijf (for which municipality is
    can_refer's to say)."""
    return _consultant(user)


# --- the start page: which sections a user gets, and whose figures -------------------------------


def can_use_worklist(user) -> bool:
    """A consultant's own caseload and the work list of their candidates' deadlines."""
    return _consultant(user)


def can_view_team_overview(user) -> bool:
    """A team manager's overview: the caseload of the team's consultants, per phase."""
    return _team_manager(user)


def can_view_region_figures(user) -> bool:
    """Counts of the region's candidates per phase: aggregates, for WerkBedrijf and the MGR."""
    return is_werkbedrijf(user) or (
        _active_staff(user) and user.organisation.kind == OrganisationKind.MGR
    )


def overview_municipality_scope(user, qs: QuerySet) -> QuerySet:
    """The municipalities whose figures (budget, choices, realisation, candidates in service,
    inflow and outflow; aggregates only) the start page shows: a policy adviser their own, an MGR
    board member all seven."""
    if has_role(user, Role.BOARD_MEMBER):
        return qs
    if has_role(user, Role.POLICY_ADVISER) and municipality_of(user) is not None:
        return qs.filter(pk=municipality_of(user).pk)
    return qs.none()


def can_see_persons_behind(user, municipality=None) -> bool:
    """Whether ``user`` may see every person a count of ``municipality``'s candidates (None: the
    region's) is about; to the others a count of fewer than SMALL_COUNT_THRESHOLD people is shown
    as "< 5" (AVG art. 5.1c)."""
    if _consultant(user):
        return True
    return (
        municipality is not None and _case_manager(user) and municipality.pk == user.organisation_id
    )


# --- indicators and reports (art. 13-14): aggregates ------------------------------------------
# A policy adviser sees the figures of their own municipality; WerkBedrijf's managers, DVO
# administrators and consultants and the MGR board see every municipality and the region. A figure
# about fewer persons than the "< 5" threshold is shown as such to everybody who may not see the
# persons behind it (SMALL_COUNT_THRESHOLD, docs/reporting.md).


def _indicator_reader_for_region(user) -> bool:
    if not _active_staff(user):
        return False
    if user.organisation.kind == OrganisationKind.MGR:
        return has_role(user, Role.BOARD_MEMBER)
    return is_werkbedrijf(user) and has_role(user, Role.MANAGER, Role.DVO_ADMIN, Role.CONSULTANT)


def can_view_indicators(user, municipality=None) -> bool:
    """The figures of ``municipality`` (None: the whole region)."""
    if _indicator_reader_for_region(user):
        return True
    return (
        municipality is not None
        and has_role(user, Role.POLICY_ADVISER)
        and municipality.pk == user.organisation_id
    )


def can_use_dashboard(user) -> bool:
    return _indicator_reader_for_region(user) or (
        municipality_of(user) is not None and has_role(user, Role.POLICY_ADVISER)
    )


def can_see_persons_behind_figures(user, municipality=None) -> bool:
    """Who may see the persons behind a figure sees small groups as they are: WerkBedrijf's
    consultants (every candidate). Everybody else reads "< 5"."""
    return _consultant(user)


def can_export_srg(user) -> bool:
    """DVO art. 12.4: the monthly file of a municipality's residents' re-integration facilities for
    its CBS delivery (SRG). It holds BSNs, so only the municipality's own Inkomen case manager,
    who already sees its residents' journeys, downloads it; always for their own municipality
    (policy advisers and WerkBedrijf see no personal data for this purpose). docs/srg.md."""
    return _case_manager(user)


def can_manage_reports(user) -> bool:
    """A WerkBedrijf manager (or DVO administrator) makes a report, explains it and publishes it."""
    return is_werkbedrijf(user) and has_role(user, Role.MANAGER, Role.DVO_ADMIN)


def can_set_norms(user) -> bool:
    """Art. 13: the norms come from the MGR budget; the DVO administrator enters them."""
    return has_role(user, Role.DVO_ADMIN)


# --- vacancies and matching (issue 10) ----------------------------------------------------------
# Vacancies are employers' facts, not personal data: WerkBedrijf's consultants enter and match
# them; its team managers read them. A match list, a work profile and a proposal are about a
# candidate: WerkBedrijf's consultants work on them for all seven municipalities (as on the
# journey). The bias monitor is aggregates only ("< 5" for small groups): WerkBedrijf's
# consultants, team managers and DVO administrators and the MGR board see it.


def can_view_vacancies(user) -> bool:
    return _consultant(user) or _team_manager(user)


def can_manage_vacancies(user) -> bool:
    return _consultant(user)


def can_match(user) -> bool:
    """Match lists name candidates: the consultants who propose them."""
    return _consultant(user)


def can_view_work_profile(user, candidate) -> bool:
    return can_view_candidate(user, candidate) and (_consultant(user) or _team_manager(user))


def can_edit_work_profile(user, candidate) -> bool:
    return _consultant(user)


def can_decide_proposal(user, proposal) -> bool:
    """Proposing, the candidate's view, the introduction and the outcome: a consultant's work;
    the system never decides or contacts anybody itself."""
    return _consultant(user)


def can_view_bias_monitor(user) -> bool:
    return (
        _consultant(user)
        or _team_manager(user)
        or has_role(user, Role.DVO_ADMIN, Role.BOARD_MEMBER)
    )


# --- background jobs ---------------------------------------------------------------------------


def can_view_job(user, job) -> bool:
    """A job's progress and result are its starter's own: the starter was allowed to ask for the
    work, and a colleague may not have been."""
    return _active_staff(user) and job.user_id == user.pk


# --- cost per task (task-based financing) -------------------------------------------------------


def can_manage_costs(user) -> bool:
    """WerkBedrijf's managers and DVO administrators keep the tasks, rates and direct costs, and
    register hours for any colleague."""
    return is_werkbedrijf(user) and has_role(user, Role.MANAGER, Role.DVO_ADMIN)


def can_register_hours(user, person) -> bool:
    """A WerkBedrijf consultant registers their own hours; a manager anybody's at WerkBedrijf."""
    if not is_werkbedrijf(user) or not is_werkbedrijf(person):
        return False
    return can_manage_costs(user) or (person.pk == user.pk and has_role(user, Role.CONSULTANT))


def can_view_costs(user, municipality=None) -> bool:
    """The cost figures are the organisations' money, not personal data: WerkBedrijf's managers
    and DVO administrators and the MGR board see all municipalities, a policy adviser their
    own. ``municipality`` None asks about the overview itself."""
    if can_manage_costs(user) or (_active_staff(user) and has_role(user, Role.BOARD_MEMBER)):
        return True
    own = municipality_of(user)
    if own is None or not has_role(user, Role.POLICY_ADVISER):
        return False
    return municipality is None or municipality.pk == own.pk


def can_use_hours_screen(user) -> bool:
    """The hours screen: consultants for their own hours, managers for their colleagues'."""
    return can_manage_costs(user) or can_register_hours(user, user)


# --- candidate satisfaction ---------------------------------------------------------------------


def can_enter_paper_questionnaire(user) -> bool:
    """WerkBedrijf's consultants and managers type in a paper questionnaire by its code."""
    return is_werkbedrijf(user) and has_role(user, Role.CONSULTANT, Role.MANAGER)


def can_view_satisfaction(user, municipality=None) -> bool:
    """The figures (never single answers next to a name): WerkBedrijf's managers and DVO
    administrators and the MGR board for all, a policy adviser for their own municipality."""
    return can_view_costs(user, municipality)


# --- the cycle's deadlines, answers, changes of the whole agreement, documents (issue 12) -------


def cycle_step_scope(user, qs: QuerySet) -> QuerySet:
    """The steps of the cycle are as public as the DVO versions: every staff member sees them."""
    return qs if _active_staff(user) else qs.none()


def steps_to_act_on_scope(user, qs: QuerySet) -> QuerySet:
    """The steps on which ``user`` must act: their role, at their own organisation."""
    if not _active_staff(user):
        return qs.none()
    return qs.filter(actor_role__in=sorted(user.role_set), actor_organisation=user.organisation)


def users_to_act(step) -> QuerySet:
    """Who must act on a step: the active staff with the step's role at its organisation."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True,
        organisation_id=step.actor_organisation_id,
        role_assignments__role=step.actor_role,
    )


def can_complete_step(user, step) -> bool:
    """A DVO administrator, or whoever must act on it, marks a step as done."""
    if has_role(user, Role.DVO_ADMIN):
        return True
    return has_role(user, step.actor_role) and step.actor_organisation_id == user.organisation_id


def can_answer_opinion(user, opinion) -> bool:
    """The college's answer to a council wish or advice: recorded by the municipality's policy
    adviser or a DVO administrator, also after adoption (the answer often comes later)."""
    if has_role(user, Role.DVO_ADMIN):
        return True
    return (
        has_role(user, Role.POLICY_ADVISER)
        and opinion.municipal_agreement.municipality_id == user.organisation_id
    )


def can_record_agreement_event(user) -> bool:
    """Art. 16.2 changes and art. 16.4 withdrawals are recorded by a DVO administrator once the
    documents are in."""
    return has_role(user, Role.DVO_ADMIN)


def can_edit_document_template(user) -> bool:
    return has_role(user, Role.DVO_ADMIN)


def can_change_document_text(user, agreement) -> bool:
    """The text of an adopted agreement changes only by art. 16.2, not in its template."""
    return can_edit_document_template(user) and agreement.status != AgreementStatus.ADOPTED


# --- delivery of local choices ------------------------------------------------------------------


def can_record_delivery(user, municipality) -> bool:
    """WerkBedrijf's managers and DVO administrators record what was delivered of any
    municipality's local choices: half-days, presence at teams, coaching, delivery notes."""
    return is_werkbedrijf(user) and has_role(user, Role.MANAGER, Role.DVO_ADMIN)


def can_view_deliveries(user, municipality) -> bool:
    """The delivery records name WerkBedrijf's workers: seen by those who record them and by the
    municipality's own policy adviser."""
    if can_record_delivery(user, municipality):
        return True
    own = municipality_of(user)
    return own is not None and own.pk == municipality.pk and has_role(user, Role.POLICY_ADVISER)


def can_deliver_local_service(person) -> bool:
    """Who can be recorded as the worker or participatiecoach: an active WerkBedrijf colleague."""
    return is_werkbedrijf(person)
