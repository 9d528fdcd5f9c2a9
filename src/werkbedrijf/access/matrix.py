"""The access matrix: who may use which screen, API operation, export and admin page, on whose records.

This module DECLARES; it decides nothing. The application asks ``werkbedrijf.access.policy`` and only
that. The matrix is the same rules written down independently, as an auditor reads them, and
``tests/security/test_access_matrix.py`` holds the running application to it: every URL name of the
URL configuration and every operation of the OpenAPI document must be declared here (a new endpoint
fails the test until it is), and every role is tried on records of its own municipality and of
another. Nothing here is derived from ``policy.py``: a difference between the two is a finding.

How to read an entry
--------------------
``ENDPOINTS`` maps a URL name ("candidates:trajectory", "admin:accounts_user_change") or an OpenAPI
operationId ("getCandidate") to an :class:`Endpoint`. Per HTTP method a :class:`Rule` says which
principals may use it and on which records:

* a principal is a role (``Role.CONSULTANT``), or a role at one kind of organisation
  (``(Role.PRIVACY_OFFICER, OrganisationKind.MUNICIPALITY)``) where a role may be held at several;
* a :class:`Grant` says on which records: ``ALL`` (every municipality's), ``OWN`` (those of the
  user's own organisation: a municipality's residents, its agreement, its colleagues), ``TEAM``
  (the caseload of the team the user leads: the candidates whose contact person is a member of
  it, and the records under them), ``DRAFT`` /
  ``ADOPTED`` (agreements not yet adopted / adopted), combined with ``|`` (or) and ``&`` (and).
  ``NOTHING`` means: may call it, gets an empty answer (only meaningful for lists);
* a principal that is not named is refused: 403 or 404, never data. In the admin, Django answers
  an object outside the user's scope like one that does not exist (a redirect to the admin index)
  and staff without admin access are sent to the admin login, which answers them 403.

``target`` names the kind of record the request is about (in the path, the query or the body);
an endpoint without a target is a page or a list, and ``lists`` names the kind of record a list
shows, each row only within the grant. ``personal_data`` says whether the endpoint returns or
changes personal data: every allowed use of such an endpoint writes the processing log
(``werkbedrijf.processing_log``) with purpose and legal basis; ``Rule.logged_as`` names the action
when it is not the obvious one (read for GET, create or update for a change).

Regenerate ``docs/access-matrix.md`` with::

    .venv/bin/python manage.py shell -v 0 -c \\
        "from werkbedrijf.access.matrix import render_markdown; print(render_markdown(), end='')" \\
        > docs/access-matrix.md
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product
from pathlib import Path

from werkbedrijf.accounts.models import Role
from werkbedrijf.organisations.models import OrganisationKind

OPENAPI_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
API_PREFIX = "api/v1/"
CHANGING_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# --- grants: on which records ------------------------------------------------------------------

OWN_RECORD, TEAM_RECORD, OTHER_RECORD, UNBOUND = "own", "team", "other", "none"
DRAFT_STAGE, ADOPTED_STAGE, NO_STAGE = "draft", "adopted", "none"
RELATIONS = (OWN_RECORD, TEAM_RECORD, OTHER_RECORD, UNBOUND)
STAGES = (DRAFT_STAGE, ADOPTED_STAGE, NO_STAGE)


@dataclass(frozen=True)
class Grant:
    """A set of cases (relation of the record to the user's organisation, stage of its agreement).

    The relation is "own" (the record belongs to the user's own organisation), "team" (it is
    about a candidate whose contact person is in the team the user leads, and not the user's own
    organisation's), "other" (to another organisation) or "none" (it belongs to no organisation:
    an agreement, an employer). The stage
    is "draft" (an agreement not yet adopted), "adopted", or "none" for records outside the cycle.
    """

    cases: frozenset[tuple[str, str]]
    label: str

    def covers(self, relation: str, stage: str = NO_STAGE) -> bool:
        return (relation, stage) in self.cases

    def __or__(self, other: Grant) -> Grant:
        return Grant(self.cases | other.cases, f"{self.label} or {other.label}")

    def __and__(self, other: Grant) -> Grant:
        return Grant(self.cases & other.cases, f"{self.label}, {other.label}")

    def __str__(self) -> str:
        return self.label


def _cases(relations=RELATIONS, stages=STAGES) -> frozenset[tuple[str, str]]:
    return frozenset(product(relations, stages))


ALL = Grant(_cases(), "all records")
OWN = Grant(_cases(relations=(OWN_RECORD,)), "own organisation's records")
TEAM = Grant(_cases(relations=(TEAM_RECORD,)), "their team's caseload")
DRAFT = Grant(_cases(stages=(DRAFT_STAGE,)), "agreements not yet adopted")
ADOPTED = Grant(_cases(stages=(ADOPTED_STAGE,)), "adopted agreements")
NOTHING = Grant(frozenset(), "an empty answer")

# A principal: a role, or a role at one kind of organisation.
Principal = Role | tuple[Role, OrganisationKind]


# --- the kinds of record a request can be about ------------------------------------------------


class Record(StrEnum):
    CANDIDATE = "candidate"
    TRAJECTORY = "trajectory"
    ACTIVITY = "activity"
    SANCTION_SIGNAL = "sanction signal"
    THREE_WAY_TALK = "three-way talk"
    MUNICIPALITY = "municipality"
    ORGANISATION = "organisation"
    TEAM = "team"
    STAFF_ACCOUNT = "staff account"
    AGREEMENT = "agreement"
    CATALOGUE = "keuzekaart"
    CATALOGUE_SERVICE = "keuzekaart service"
    MUNICIPAL_AGREEMENT = "municipal agreement"
    LOCAL_CHOICE = "local choice"
    BUDGET = "budget"
    DEVIATION_ACCEPTANCE = "accepted deviation"
    DOCUMENT = "document"
    CYCLE_STEP = "step of the cycle"
    OPINION = "opinion"
    EMPLOYER = "employer"
    EMPLOYER_EVENT = "employer event"
    EMPLOYER_WISH = "employer wish"
    PROCESSING_LOG_ENTRY = "processing log entry"
    ACCESS_REQUEST = "access request"
    CANDIDATE_MOVE = "move to another municipality"
    ADMIN_APP = "admin section"
    AUTH_GROUP = "permission group"
    OTP_DEVICE = "second-factor device"
    LOGIN_RECORD = "login attempt record"
    VACANCY = "vacancy"
    PROPOSAL = "proposal"
    JOB = "background job"
    REPORT = "report"


@dataclass(frozen=True)
class RecordKind:
    description: str
    bound: bool = False  # belongs to one organisation (own/other)
    staged: bool = False  # belongs to an agreement in the cycle (draft/adopted)
    # about a candidate, so in the caseload of the team of the candidate's contact person (team)
    caseload: bool = False


RECORDS: dict[Record, RecordKind] = {
    Record.CANDIDATE: RecordKind(
        "a resident referred to WerkBedrijf (personal data)", bound=True, caseload=True
    ),
    Record.TRAJECTORY: RecordKind("a candidate's referral and journey", bound=True, caseload=True),
    Record.ACTIVITY: RecordKind("an activity in a trajectory", bound=True, caseload=True),
    Record.SANCTION_SIGNAL: RecordKind(
        "a signal of sanction-worthy behaviour", bound=True, caseload=True
    ),
    Record.THREE_WAY_TALK: RecordKind(
        "a three-way talk (piramidegesprek)", bound=True, caseload=True
    ),
    Record.MUNICIPALITY: RecordKind("a municipality as the subject of a request", bound=True),
    Record.ORGANISATION: RecordKind("an organisation of the region", bound=True),
    Record.TEAM: RecordKind("a team within an organisation", bound=True),
    Record.STAFF_ACCOUNT: RecordKind("a staff member's account (personal data)", bound=True),
    Record.AGREEMENT: RecordKind("a DVO version", staged=True),
    Record.CATALOGUE: RecordKind("the keuzekaart of a DVO version", staged=True),
    Record.CATALOGUE_SERVICE: RecordKind("a service on a keuzekaart", staged=True),
    Record.MUNICIPAL_AGREEMENT: RecordKind("one municipality's agreement", bound=True, staged=True),
    Record.LOCAL_CHOICE: RecordKind("a municipality's local choice", bound=True, staged=True),
    Record.BUDGET: RecordKind("a municipality's budget for a year", bound=True, staged=True),
    Record.DEVIATION_ACCEPTANCE: RecordKind("an accepted deviation", bound=True, staged=True),
    Record.DOCUMENT: RecordKind(
        "an uploaded document: opinion, consent, signature", bound=True, staged=True
    ),
    Record.OPINION: RecordKind(
        "a municipality's opinion, council wish or client-council advice, with the college's "
        "answer",
        bound=True,
        staged=True,
    ),
    Record.CYCLE_STEP: RecordKind(
        "a step of a DVO's cycle, to be taken by a role at one organisation", bound=True
    ),
    Record.EMPLOYER: RecordKind("an employer (an organisation, not a person)"),
    Record.EMPLOYER_EVENT: RecordKind("a job market, company visit or speed dates"),
    Record.EMPLOYER_WISH: RecordKind("an employer's wish for werkbaar werk"),
    Record.PROCESSING_LOG_ENTRY: RecordKind("an entry of the processing log"),
    Record.ACCESS_REQUEST: RecordKind(
        "an access request about one data subject", bound=True, caseload=True
    ),
    Record.CANDIDATE_MOVE: RecordKind(
        "a resident's move between municipalities: own to both the municipality left and the "
        "one moved to",
        bound=True,
        caseload=True,
    ),
    Record.ADMIN_APP: RecordKind("a section of the admin"),
    Record.AUTH_GROUP: RecordKind("a Django permission group (unused)"),
    Record.OTP_DEVICE: RecordKind("a second-factor device of a staff member"),
    Record.LOGIN_RECORD: RecordKind("a record of a login attempt (django-axes)"),
    Record.VACANCY: RecordKind("a vacancy of an employer (not personal data)"),
    Record.PROPOSAL: RecordKind(
        "a proposal of a candidate for a vacancy", bound=True, caseload=True
    ),
    Record.JOB: RecordKind(
        "a background job (a report, a large import): own to the staff member who started it",
        bound=True,
    ),
    Record.REPORT: RecordKind(
        "an interim or annual report (art. 14) of one municipality, or of the region", bound=True
    ),
}


# --- the declaration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who may use one HTTP method of an endpoint, and on which records."""

    grants: Mapping[Principal, Grant]
    # None: as the endpoint. False for a method that shows an empty form only.
    personal_data: bool | None = None
    # The processing-log action an allowed use writes; None: "read" for GET, else a change.
    logged_as: str | None = None
    # Status codes of an allowed use when not the obvious ones (200 for GET).
    answers: tuple[int, ...] = ()
    note: str = ""

    def grant_for(self, role: Role, kind: str) -> Grant | None:
        found = self.grants.get((role, kind))
        return found if found is not None else self.grants.get(role)


@dataclass(frozen=True)
class Endpoint:
    key: str  # the URL name, or the OpenAPI operationId
    area: str
    methods: Mapping[str, Rule]
    personal_data: bool
    target: Record | None = None  # what the request is about
    target_in: str = "path"  # path, query, body, or form (a choice the form offers)
    lists: Record | None = None  # the records a list shows, each within the grant
    public: bool = False  # reachable without logging in (the login pages)
    shows_pseudonyms: bool = False  # shows data subjects' uuids (never names or BSNs)
    note: str = ""

    def personal_for(self, method: str) -> bool:
        rule = self.methods[method]
        return self.personal_data if rule.personal_data is None else rule.personal_data

    @property
    def is_api_operation(self) -> bool:
        return self.area == AREA_API


AREA_ACCOUNTS = "Login and account"
AREA_DVO = "Screens: the DVO"
AREA_CANDIDATES = "Screens: candidates"
AREA_PRIVACY = "Screens: privacy officer"
AREA_API = "API"
AREA_API_ROUTES = "API (not an operation)"
AREA_ADMIN = "Admin"
AREA_JOBS = "Screens: background jobs"
AREA_COSTS = "Screens: cost per task"
AREA_SATISFACTION = "Screens: candidate satisfaction"
AREA_REPORTING = "Screens: indicators and reports"

# --- who: the audiences, as the policy documents describe them -----------------------------------

CONSULTANT = Role.CONSULTANT
DVO_ADMIN = Role.DVO_ADMIN
INCOME_CASE_MANAGER = Role.INCOME_CASE_MANAGER
POLICY_ADVISER = Role.POLICY_ADVISER
BOARD_MEMBER = Role.BOARD_MEMBER
FUNCTIONAL_ADMIN = Role.FUNCTIONAL_ADMIN
PRIVACY_AT_MUNICIPALITY = (Role.PRIVACY_OFFICER, OrganisationKind.MUNICIPALITY)
PRIVACY_AT_WERKBEDRIJF = (Role.PRIVACY_OFFICER, OrganisationKind.WERKBEDRIJF)
MANAGER = Role.MANAGER
CHAIN_PARTNER = Role.CHAIN_PARTNER

# What each role is for; a role without a line here fails the test (declare a new role first).
ROLE_SUMMARIES: dict[Role, str] = {
    CONSULTANT: "WerkBedrijf: works on the journeys of all seven municipalities' candidates.",
    DVO_ADMIN: (
        "WerkBedrijf: manages the DVO cycle and the admin of the agreements; sees budgets, "
        "realisation and aggregates, never a candidate's personal data (AVG art. 5.1c)."
    ),
    INCOME_CASE_MANAGER: "Municipality: refers its own residents, decides on sanction signals, sees its own only.",
    POLICY_ADVISER: "Municipality: composes its own local choices and opinions; no personal data of candidates.",
    BOARD_MEMBER: "MGR: reads adopted agreements and the realisation; no personal data of candidates.",
    FUNCTIONAL_ADMIN: "WerkBedrijf: manages staff accounts and reads the processing log; no candidates.",
    Role.PRIVACY_OFFICER: (
        "Answers access requests (AVG art. 15): at a municipality for its own residents, at "
        "WerkBedrijf for everybody. No caseload, changes nothing."
    ),
    MANAGER: (
        "WerkBedrijf: leads a team (the team of their account); sees the region's aggregates and "
        "the caseload of the team: the candidates whose contact person is in it."
    ),
    CHAIN_PARTNER: (
        "Municipality (Buurtteam, Zorg, Leerrecht): asks whether an own resident is in service "
        "at WerkBedrijf, the phase and the one contact person; nothing else about anybody."
    ),
}

EVERY_STAFF_MEMBER: dict[Principal, Grant] = dict.fromkeys(Role, ALL)
# A background job is "own" to the staff member who started it, and to nobody else.
JOB_STARTERS: dict[Principal, Grant] = dict.fromkeys(Role, OWN)
# Cost per task: kept by WerkBedrijf's managers and DVO administrators, read by the MGR board and
# the municipalities' policy advisers; hours registered by consultants (their own) and managers.
COST_KEEPERS: dict[Principal, Grant] = {DVO_ADMIN: ALL, MANAGER: ALL}
COST_READERS: dict[Principal, Grant] = {**COST_KEEPERS, BOARD_MEMBER: ALL, POLICY_ADVISER: ALL}
HOURS_REGISTRARS: dict[Principal, Grant] = {**COST_KEEPERS, CONSULTANT: ALL}
PAPER_TYPISTS: dict[Principal, Grant] = {CONSULTANT: ALL, MANAGER: ALL}
# Indicators, dashboards and reports (art. 13-14): aggregates, no personal data. A policy adviser
# reads their own municipality's; WerkBedrijf's managers, DVO administrators and consultants and
# the MGR board read every municipality's and the region's.
INDICATOR_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    DVO_ADMIN: ALL,
    MANAGER: ALL,
    BOARD_MEMBER: ALL,
    POLICY_ADVISER: OWN,
}
REGION_INDICATOR_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    DVO_ADMIN: ALL,
    MANAGER: ALL,
    BOARD_MEMBER: ALL,
}
# The candidates behind a figure (the drill-down): who may see the persons behind figures.
PERSONS_BEHIND_FIGURES: dict[Principal, Grant] = {CONSULTANT: ALL}
# The CBS delivery file (SRG, art. 12.4) holds BSNs: the municipality's Inkomen case manager, for
# its own residents only (docs/srg.md explains the choice).
SRG_EXPORTERS: dict[Principal, Grant] = {INCOME_CASE_MANAGER: OWN}
# A WerkBedrijf manager (or DVO administrator) makes, explains, publishes and corrects a report.
REPORT_MANAGERS: dict[Principal, Grant] = {MANAGER: ALL, DVO_ADMIN: ALL}
# Personal data of candidates: WerkBedrijf's consultants for everybody, a team manager for the
# team's caseload, a municipality for its own residents (and so the candidate's contact handover).
CANDIDATE_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    MANAGER: TEAM,
    INCOME_CASE_MANAGER: OWN,
}
# The journey itself (steps, notes, activities, placements, instruments, signals) is WerkBedrijf's.
JOURNEY_WORKERS: dict[Principal, Grant] = {CONSULTANT: ALL}
# Three-way talks are planned and recorded by both sides.
TALK_PARTIES: dict[Principal, Grant] = {CONSULTANT: ALL, INCOME_CASE_MANAGER: OWN}
# Only the municipality decides on a sanction signal; the system never does.
SANCTION_DECIDERS: dict[Principal, Grant] = {INCOME_CASE_MANAGER: OWN}
# The municipality refers its own residents; WerkBedrijf registers self-registrations.
REFERRERS: dict[Principal, Grant] = {CONSULTANT: ALL, INCOME_CASE_MANAGER: OWN}
# A move to another municipality: recorded by WerkBedrijf or by the municipality the person
# leaves; seen by WerkBedrijf and by both municipalities ("own" is either side of the move).
MOVERS: dict[Principal, Grant] = {CONSULTANT: ALL, INCOME_CASE_MANAGER: OWN}
MOVE_READERS: dict[Principal, Grant] = {CONSULTANT: ALL, INCOME_CASE_MANAGER: OWN}
# Council wish 2: a chain partner asks about its own municipality's residents only; a person of
# another municipality is answered like one who does not exist.
CHAIN_PARTNERS: dict[Principal, Grant] = {CHAIN_PARTNER: OWN}
# A list of candidates: the roles that read candidates, each within its scope; the other roles get
# no list at all (403), in the API as on the screens (policy.can_view_candidates).
CANDIDATE_LIST_API: dict[Principal, Grant] = dict(CANDIDATE_READERS)
# An agreement per municipality: adopted ones are public to all staff, drafts only to WerkBedrijf
# and the municipality itself.
AGREEMENT_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    DVO_ADMIN: ALL,
    MANAGER: ALL,
    FUNCTIONAL_ADMIN: ALL,
    PRIVACY_AT_WERKBEDRIJF: ALL,
    INCOME_CASE_MANAGER: OWN | ADOPTED,
    POLICY_ADVISER: OWN | ADOPTED,
    PRIVACY_AT_MUNICIPALITY: OWN | ADOPTED,
    CHAIN_PARTNER: OWN | ADOPTED,
    BOARD_MEMBER: ADOPTED,
}
# Composing local choices and recording opinions: before adoption, by the municipality's policy
# adviser for its own agreement or by a DVO administrator.
CHOICE_EDITORS: dict[Principal, Grant] = {DVO_ADMIN: DRAFT, POLICY_ADVISER: OWN & DRAFT}
OPINION_RECORDERS: dict[Principal, Grant] = {DVO_ADMIN: DRAFT, POLICY_ADVISER: OWN & DRAFT}
# The college's answer to an opinion often comes after adoption: recorded by the municipality's
# policy adviser or a DVO administrator at any stage.
OPINION_ANSWERERS: dict[Principal, Grant] = {DVO_ADMIN: ALL, POLICY_ADVISER: OWN}
DVO_ADMINISTRATORS: dict[Principal, Grant] = {DVO_ADMIN: ALL}
# A version's keuzekaart and budgets: set up by a DVO administrator before adoption.
DRAFT_AGREEMENT_ADMINISTRATORS: dict[Principal, Grant] = {DVO_ADMIN: DRAFT}
# A step of the cycle is marked done by a DVO administrator or by whoever must act on it: the
# role named on the step, at the step's own organisation. The steps tried are a municipality's
# policy adviser's (own: Nijmegen's, other: Wijchen's); a step for another role is the same rule.
STEP_ACTORS: dict[Principal, Grant] = {DVO_ADMIN: ALL, POLICY_ADVISER: OWN}
# Art. 16.3 changes and signatures: on an adopted agreement, by a DVO administrator.
ADOPTED_AGREEMENT_ADMINISTRATORS: dict[Principal, Grant] = {DVO_ADMIN: ADOPTED}
# The realisation of local choices: aggregates, no personal data; like an agreement, but a
# municipality sees only its own.
REALISATION_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    DVO_ADMIN: ALL,
    MANAGER: ALL,
    FUNCTIONAL_ADMIN: ALL,
    PRIVACY_AT_WERKBEDRIJF: ALL,
    BOARD_MEMBER: ALL,
    INCOME_CASE_MANAGER: OWN,
    POLICY_ADVISER: OWN,
    PRIVACY_AT_MUNICIPALITY: OWN,
    CHAIN_PARTNER: OWN,
}
# The delivery of local choices (half-days, presence at teams, coaching, delivery notes): recorded
# by WerkBedrijf's managers and DVO administrators; the records, which name the workers, are read
# by them and by the municipality's own policy adviser.
DELIVERY_RECORDERS: dict[Principal, Grant] = {MANAGER: ALL, DVO_ADMIN: ALL}
DELIVERY_READERS: dict[Principal, Grant] = {**DELIVERY_RECORDERS, POLICY_ADVISER: OWN}
# Employers (their contact persons are personal data): every staff member but a chain partner,
# who needs none of them.
EMPLOYER_READERS: dict[Principal, Grant] = {
    role: ALL for role in Role if role is not Role.CHAIN_PARTNER
}
EMPLOYER_MANAGERS: dict[Principal, Grant] = {CONSULTANT: ALL, DVO_ADMIN: ALL}
# Employer services (contact moments with the names of the people spoken to, events, wishes,
# locations, the account manager): recorded and seen by WerkBedrijf's consultants
# (bedrijfsdienstverlening) and team managers.
EMPLOYER_SERVICE_WORKERS: dict[Principal, Grant] = {CONSULTANT: ALL, MANAGER: ALL}
# Employer reach: an aggregate about organisations. WerkBedrijf and the MGR see every
# municipality and the region; a municipality's staff their own municipality (its policy adviser
# above all); a chain partner none.
REACH_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    DVO_ADMIN: ALL,
    MANAGER: ALL,
    FUNCTIONAL_ADMIN: ALL,
    PRIVACY_AT_WERKBEDRIJF: ALL,
    BOARD_MEMBER: ALL,
    INCOME_CASE_MANAGER: OWN,
    POLICY_ADVISER: OWN,
    PRIVACY_AT_MUNICIPALITY: OWN,
}
# Vacancies (issue 10): employers' facts, read by WerkBedrijf's consultants and team managers.
VACANCY_READERS: dict[Principal, Grant] = {CONSULTANT: ALL, MANAGER: ALL}
# Match lists, proposals and the decisions on them name candidates: the consultants who propose.
MATCHERS: dict[Principal, Grant] = {CONSULTANT: ALL}
# A work profile: consultants, and a team manager for the team's caseload.
WORK_PROFILE_READERS: dict[Principal, Grant] = {CONSULTANT: ALL, MANAGER: TEAM}
# The bias monitor: aggregates only, counts below five shown as "< 5".
BIAS_MONITOR_READERS: dict[Principal, Grant] = {
    CONSULTANT: ALL,
    MANAGER: ALL,
    DVO_ADMIN: ALL,
    BOARD_MEMBER: ALL,
}
# Access requests (AVG art. 15): the municipality is the controller of its residents' data.
ACCESS_REQUEST_ANSWERERS: dict[Principal, Grant] = {
    PRIVACY_AT_MUNICIPALITY: OWN,
    PRIVACY_AT_WERKBEDRIJF: ALL,
}
# The admin: functional administrators and DVO administrators.
ADMIN_USERS: dict[Principal, Grant] = {DVO_ADMIN: ALL, FUNCTIONAL_ADMIN: ALL}
FUNCTIONAL_ADMINS: dict[Principal, Grant] = {FUNCTIONAL_ADMIN: ALL}
# Staff accounts in the admin: a functional administrator sees all, a DVO administrator their
# own organisation's colleagues.
STAFF_READERS: dict[Principal, Grant] = {FUNCTIONAL_ADMIN: ALL, DVO_ADMIN: OWN}
# The processing log: functional administrators. Other admin users may open its admin section,
# which shows them nothing (access.policy.processing_log_scope).
LOG_READERS: dict[Principal, Grant] = {FUNCTIONAL_ADMIN: ALL, DVO_ADMIN: NOTHING}
NOBODY: dict[Principal, Grant] = {}

# The start page: every staff member has one, but only a consultant's names persons (the work
# list of their own candidates); to the other roles it shows counts, no persons at all.
START_PAGE_READERS: dict[Principal, Grant] = {
    **dict.fromkeys(Role, NOTHING),
    CONSULTANT: ALL,
}

# The audiences by name, as the document below shows them.
AUDIENCES: dict[str, Mapping[Principal, Grant]] = {
    "every staff member": EVERY_STAFF_MEMBER,
    "candidate readers": CANDIDATE_READERS,
    "journey workers": JOURNEY_WORKERS,
    "parties to a three-way talk": TALK_PARTIES,
    "sanction deciders": SANCTION_DECIDERS,
    "referrers": REFERRERS,
    "candidate lists (API)": CANDIDATE_LIST_API,
    "movers": MOVERS,
    "move readers": MOVE_READERS,
    "chain partners": CHAIN_PARTNERS,
    "agreement readers": AGREEMENT_READERS,
    "choice editors": CHOICE_EDITORS,
    "opinion recorders": OPINION_RECORDERS,
    "opinion answerers": OPINION_ANSWERERS,
    "DVO administrators": DVO_ADMINISTRATORS,
    "step actors": STEP_ACTORS,
    "DVO administrators, adopted agreements": ADOPTED_AGREEMENT_ADMINISTRATORS,
    "DVO administrators, agreements not yet adopted": DRAFT_AGREEMENT_ADMINISTRATORS,
    "realisation readers": REALISATION_READERS,
    "delivery recorders": DELIVERY_RECORDERS,
    "delivery readers": DELIVERY_READERS,
    "employer readers": EMPLOYER_READERS,
    "employer managers": EMPLOYER_MANAGERS,
    "employer service workers": EMPLOYER_SERVICE_WORKERS,
    "employer reach readers": REACH_READERS,
    "vacancy readers": VACANCY_READERS,
    "matchers": MATCHERS,
    "work-profile readers": WORK_PROFILE_READERS,
    "bias-monitor readers": BIAS_MONITOR_READERS,
    "access-request answerers": ACCESS_REQUEST_ANSWERERS,
    "starters of a background job": JOB_STARTERS,
    "cost keepers": COST_KEEPERS,
    "cost readers": COST_READERS,
    "hours registrars": HOURS_REGISTRARS,
    "typists of paper questionnaires": PAPER_TYPISTS,
    "admin users": ADMIN_USERS,
    "functional administrators": FUNCTIONAL_ADMINS,
    "staff readers": STAFF_READERS,
    "log readers": LOG_READERS,
    "indicator readers": INDICATOR_READERS,
    "region indicator readers": REGION_INDICATOR_READERS,
    "report managers": REPORT_MANAGERS,
    "nobody": NOBODY,
    "start page readers": START_PAGE_READERS,
}

# Wherever it turns up (a page, a list, an export, a message, a redirect), a record of these kinds
# is shown only to these principals; to nobody else, in no answer of any endpoint.
VISIBILITY: dict[Record, Mapping[Principal, Grant]] = {
    # A person: WerkBedrijf's and the municipality's staff who work with candidates, and the
    # privacy officer answering the person's access request.
    Record.CANDIDATE: {**CANDIDATE_READERS, **ACCESS_REQUEST_ANSWERERS},
    # A move names its person: to WerkBedrijf, to both municipalities, to the team manager on
    # the candidate's page, and in the answer to the person's access request.
    Record.CANDIDATE_MOVE: {**MOVE_READERS, MANAGER: TEAM, **ACCESS_REQUEST_ANSWERERS},
    # A draft agreement of a municipality: WerkBedrijf and that municipality.
    Record.MUNICIPAL_AGREEMENT: AGREEMENT_READERS,
}


def _rules(**methods: Mapping[Principal, Grant] | Rule) -> dict[str, Rule]:
    return {m: r if isinstance(r, Rule) else Rule(r) for m, r in methods.items()}


def page(key, area, *, personal_data, **kwargs) -> Endpoint:
    methods = {m: kwargs.pop(m) for m in ("GET", *CHANGING_METHODS) if m in kwargs}
    return Endpoint(key, area, _rules(**methods), personal_data, **kwargs)


def operation(key, method, *, personal_data, rule, **kwargs) -> Endpoint:
    return Endpoint(key, AREA_API, _rules(**{method: rule}), personal_data, **kwargs)


def admin_model(
    model: str,
    *,
    target: Record,
    personal_data: bool,
    view: Mapping,
    add: Mapping = NOBODY,
    change: Mapping = NOBODY,
    delete: Mapping = NOBODY,
    changelist_post: Rule | None = None,
    note: str = "",
    shows_pseudonyms: bool = False,
) -> list[Endpoint]:
    """The five admin pages of one model: list, add, change (also the read-only view), delete and
    history. The empty add form shows no personal data."""
    name = f"admin:{model}"
    changelist = {"GET": Rule(view)}
    if changelist_post is not None:
        changelist["POST"] = changelist_post
    common = dict(personal_data=personal_data, note=note, shows_pseudonyms=shows_pseudonyms)
    return [
        Endpoint(f"{name}_changelist", AREA_ADMIN, changelist, lists=target, **common),
        Endpoint(
            f"{name}_add",
            AREA_ADMIN,
            {"GET": Rule(add, personal_data=False), "POST": Rule(add, logged_as="create")},
            **common,
        ),
        Endpoint(
            f"{name}_change",
            AREA_ADMIN,
            {"GET": Rule(view), "POST": Rule(change, logged_as="update")},
            target=target,
            **common,
        ),
        Endpoint(
            f"{name}_delete",
            AREA_ADMIN,
            {"GET": Rule(delete), "POST": Rule(delete, logged_as="delete")},
            target=target,
            **common,
        ),
        Endpoint(f"{name}_history", AREA_ADMIN, {"GET": Rule(view)}, target=target, **common),
    ]


_ENDPOINTS: list[Endpoint] = [
    # --- login and account: public, the user's own account only -------------------------------
    page("accounts:login", AREA_ACCOUNTS, personal_data=False, public=True, GET={}, POST={}),
    page("accounts:verify", AREA_ACCOUNTS, personal_data=False, public=True, GET={}, POST={}),
    page("accounts:setup_totp", AREA_ACCOUNTS, personal_data=False, public=True, GET={}, POST={}),
    page("accounts:logout", AREA_ACCOUNTS, personal_data=False, public=True, POST={}),
    page(
        "accounts:sso_start",
        AREA_ACCOUNTS,
        personal_data=False,
        public=True,
        GET={},
        POST={},
        note="404 unless single sign-on is on (OIDC_ENABLED).",
    ),
    page(
        "accounts:oidc_callback",
        AREA_ACCOUNTS,
        personal_data=False,
        public=True,
        GET={},
        note="404 unless single sign-on is on (OIDC_ENABLED).",
    ),
    # --- indicators, dashboards and reports (art. 13-14): aggregates ------------------------------
    page(
        "reporting:dashboard",
        AREA_REPORTING,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=INDICATOR_READERS,
        note="Figures about fewer than five persons are shown as '< 5' to all but consultants.",
    ),
    page(
        "reporting:indicator",
        AREA_REPORTING,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=INDICATOR_READERS,
    ),
    page(
        "reporting:persons",
        AREA_REPORTING,
        personal_data=True,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=PERSONS_BEHIND_FIGURES,
        note="The candidates a figure counts: only for who may see the persons behind figures; "
        "logged (an export too). The others keep the breakdowns.",
    ),
    page("reporting:compare", AREA_REPORTING, personal_data=False, GET=REGION_INDICATOR_READERS),
    page(
        "reporting:reports_compare",
        AREA_REPORTING,
        personal_data=False,
        GET=REGION_INDICATOR_READERS,
        note="The seven municipal reports of one period side by side, from their stored figures.",
    ),
    page(
        "reporting:norms",
        AREA_REPORTING,
        personal_data=False,
        GET=DVO_ADMINISTRATORS,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "reporting:reports",
        AREA_REPORTING,
        personal_data=False,
        lists=Record.REPORT,
        GET=INDICATOR_READERS,
        POST=REPORT_MANAGERS,
    ),
    page(
        "reporting:report",
        AREA_REPORTING,
        personal_data=False,
        target=Record.REPORT,
        GET=INDICATOR_READERS,
        POST=REPORT_MANAGERS,
        note="POST saves the explanations of a draft.",
    ),
    page(
        "reporting:generate",
        AREA_REPORTING,
        personal_data=False,
        target=Record.REPORT,
        POST=REPORT_MANAGERS,
    ),
    page(
        "reporting:publish",
        AREA_REPORTING,
        personal_data=False,
        target=Record.REPORT,
        POST=REPORT_MANAGERS,
    ),
    page(
        "reporting:correct",
        AREA_REPORTING,
        personal_data=False,
        target=Record.REPORT,
        POST=REPORT_MANAGERS,
    ),
    page(
        "reporting:download",
        AREA_REPORTING,
        personal_data=False,
        target=Record.REPORT,
        GET=INDICATOR_READERS,
    ),
    page(
        "reporting:srg",
        AREA_REPORTING,
        personal_data=True,
        GET=SRG_EXPORTERS,
        note="The CBS delivery (SRG) of the user's own municipality: checking a month reads "
        "its residents' records and is logged.",
    ),
    page(
        "reporting:srg_download",
        AREA_REPORTING,
        personal_data=True,
        GET=Rule(SRG_EXPORTERS, logged_as="export"),
        note="The file holds BSNs; every person in it is logged as exported.",
    ),
    # --- background jobs: the starter's own -----------------------------------------------------
    page("jobs:detail", AREA_JOBS, personal_data=False, target=Record.JOB, GET=JOB_STARTERS),
    page("jobs:progress", AREA_JOBS, personal_data=False, target=Record.JOB, GET=JOB_STARTERS),
    page(
        "jobs:download",
        AREA_JOBS,
        personal_data=False,
        target=Record.JOB,
        GET=JOB_STARTERS,
        note="A result holds no personal data beyond what its starter was shown when starting it; "
        "the job that made it logged its processing.",
    ),
    # --- cost per task: the organisations' money; hours are personal data of the staff member --
    page(
        "costs:overview",
        AREA_COSTS,
        personal_data=False,
        GET=COST_READERS,
        note="A policy adviser sees the region's tasks and their own municipality's row only.",
    ),
    page("costs:scenario", AREA_COSTS, personal_data=False, GET=COST_READERS, POST=COST_READERS),
    page("costs:manage", AREA_COSTS, personal_data=False, GET=COST_KEEPERS, POST=COST_KEEPERS),
    page(
        "costs:teams",
        AREA_COSTS,
        personal_data=False,
        GET=COST_KEEPERS,
        POST=COST_KEEPERS,
        note="A team's fte and time split are the organisation's planning, not one person's hours.",
    ),
    page(
        "costs:hours",
        AREA_COSTS,
        personal_data=True,
        GET=HOURS_REGISTRARS,
        POST=HOURS_REGISTRARS,
        note="A consultant registers their own hours, a manager or DVO administrator anybody's at "
        "WerkBedrijf; every registration and every view of hours is logged about the person.",
    ),
    # --- candidate satisfaction: answers are stored without a link to the person --------------
    page(
        "satisfaction:answer",
        AREA_SATISFACTION,
        personal_data=False,
        public=True,
        GET={},
        POST={},
        note="The questionnaire behind a one-time link: no account, no personal data shown.",
    ),
    page(
        "satisfaction:paper",
        AREA_SATISFACTION,
        personal_data=False,
        GET=PAPER_TYPISTS,
        POST=PAPER_TYPISTS,
        note="Typed in by the letter's code; the answer is stored without the person.",
    ),
    page(
        "satisfaction:figures",
        AREA_SATISFACTION,
        personal_data=False,
        GET=COST_READERS,
        note="Aggregates only; a policy adviser sees their own municipality; averages of fewer "
        "than five answers are hidden.",
    ),
    # --- the DVO screens: agreements between public bodies, no personal data ------------------
    page(
        "start:home",
        AREA_DVO,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=START_PAGE_READERS,
        note="Every staff member's start page. Only a consultant's shows persons: the work list "
        "of their own candidates (logged, also when empty: computing it reads their dates). The "
        "other roles see counts only; to those who may not see the persons behind a count, "
        "fewer than SMALL_COUNT_THRESHOLD people show as '< 5'.",
    ),
    page(
        "start:worklist",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=JOURNEY_WORKERS,
        note="A consultant's whole work list: the deadlines of their own candidates.",
    ),
    page(
        "start:worklist_export",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=Rule(JOURNEY_WORKERS, logged_as="export"),
        note="The work list as XLSX or CSV (?formaat=); every person in it logged as exported.",
    ),
    page(
        "agreements:agreements",
        AREA_DVO,
        personal_data=False,
        GET=EVERY_STAFF_MEMBER,
        lists=Record.MUNICIPAL_AGREEMENT,
        note="Counts each agreement's municipalities within the user's view.",
    ),
    page(
        "agreements:agreement",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        GET=EVERY_STAFF_MEMBER,
        note="The budget overview lists only the municipal agreements the user may see.",
    ),
    page(
        "agreements:new_agreement",
        AREA_DVO,
        personal_data=False,
        GET=DVO_ADMINISTRATORS,
        POST=Rule(DVO_ADMINISTRATORS, answers=(302,)),
        note="A new DVO version: its period, parties and a copy of a previous keuzekaart.",
    ),
    page(
        "agreements:edit_catalogue",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        GET=DRAFT_AGREEMENT_ADMINISTRATORS,
        POST=DRAFT_AGREEMENT_ADMINISTRATORS,
        note="Prices, units and availability of the card's services, before adoption.",
    ),
    page(
        "agreements:copy_catalogue",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        POST=Rule(DRAFT_AGREEMENT_ADMINISTRATORS, answers=(302,)),
        note="Fills an empty keuzekaart with a copy of another version's card.",
    ),
    page(
        "agreements:edit_budgets",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        GET=DRAFT_AGREEMENT_ADMINISTRATORS,
        POST=DRAFT_AGREEMENT_ADMINISTRATORS,
        note="The budget per municipality and year, before adoption.",
    ),
    page(
        "agreements:agreement_transition",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "agreements:export",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        target_in="query",
        GET=AGREEMENT_READERS,
        note="XLSX/CSV of the choices and the budget check: an export holds no municipality the "
        "user could not open on screen.",
    ),
    page(
        "agreements:municipal_agreement",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        GET=AGREEMENT_READERS,
        note="Shows who signed for the municipality: an official acting in office.",
    ),
    page(
        "agreements:record_opinion",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        POST=OPINION_RECORDERS,
    ),
    page(
        "agreements:record_signature",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        POST=ADOPTED_AGREEMENT_ADMINISTRATORS,
    ),
    page(
        "agreements:compose",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        GET=AGREEMENT_READERS,
        POST=CHOICE_EDITORS,
    ),
    page(
        "agreements:compose_meter",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        POST=Rule(
            AGREEMENT_READERS, note="A preview: the check over the rows typed; saves nothing."
        ),
    ),
    page(
        "agreements:midterm_change",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        GET=ADOPTED_AGREEMENT_ADMINISTRATORS,
        POST=ADOPTED_AGREEMENT_ADMINISTRATORS,
    ),
    page(
        "agreements:accept_deviation",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "agreements:document",
        AREA_DVO,
        personal_data=False,
        target=Record.DOCUMENT,
        GET=AGREEMENT_READERS,
        note="File downloads: never served directly, only through this view within the scope of "
        "the municipal agreement they belong to.",
    ),
    page(
        "agreements:answer_opinion",
        AREA_DVO,
        personal_data=False,
        target=Record.OPINION,
        GET=OPINION_ANSWERERS,
        POST=OPINION_ANSWERERS,
    ),
    page(
        "agreements:agreement_document",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        GET=AGREEMENT_READERS,
        note="The DVO text as PDF or DOCX, with art. 5-11 only of the municipal agreements the "
        "user may see; '?ondertekend=1' the signed copy (400 unless adopted and signed).",
    ),
    page(
        "agreements:compare_choices",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        GET=AGREEMENT_READERS,
        note="Offers only the versions of the municipality the user may see; '?export=' XLSX/CSV.",
    ),
    page(
        "agreements:agreement_events",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        GET=EVERY_STAFF_MEMBER,
        note="Art. 16.2 changes and art. 16.4 withdrawals: as public as the DVO versions.",
    ),
    page(
        "agreements:record_withdrawal",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "agreements:record_amendment",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "agreements:document_template",
        AREA_DVO,
        personal_data=False,
        target=Record.AGREEMENT,
        GET=DVO_ADMINISTRATORS,
        POST={DVO_ADMIN: DRAFT},
        note="An adopted agreement's text changes only by art. 16.2: its template is read-only.",
    ),
    page(
        "agreements:deadlines",
        AREA_DVO,
        personal_data=False,
        GET=EVERY_STAFF_MEMBER,
        note="The steps of the cycle are as public as the DVO versions; 'due for you' lists the "
        "steps for the user's role at the user's organisation.",
    ),
    page(
        "agreements:deadlines_export",
        AREA_DVO,
        personal_data=False,
        GET=EVERY_STAFF_MEMBER,
        note="XLSX/CSV of the same lists.",
    ),
    page(
        "agreements:plan_step",
        AREA_DVO,
        personal_data=False,
        GET=DVO_ADMINISTRATORS,
        POST=DVO_ADMINISTRATORS,
    ),
    page(
        "agreements:delivery",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=REALISATION_READERS,
        note="Delivery of local choices per quarter and local presence against an earlier year: "
        "aggregates. The records below them (which name WerkBedrijf's workers, never a candidate) "
        "only for the delivery readers. Exported as XLSX or CSV by ?format=.",
    ),
    page(
        "agreements:record_delivery",
        AREA_DVO,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=DELIVERY_RECORDERS,
        POST=DELIVERY_RECORDERS,
        note="Half-days, presence at a team, participatiecoaching, delivery notes; marks a "
        "half-day held.",
    ),
    page(
        "agreements:complete_step",
        AREA_DVO,
        personal_data=False,
        target=Record.CYCLE_STEP,
        POST=STEP_ACTORS,
    ),
    # --- the candidate screens -----------------------------------------------------------------
    page(
        "candidates:caseload",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=CANDIDATE_READERS,
    ),
    page(
        "candidates:caseload_export",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=Rule(CANDIDATE_READERS, logged_as="export"),
        note="The caseload with the filters on screen as XLSX or CSV.",
    ),
    page(
        "candidates:bsn_search",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        target_in="form",
        POST=Rule(
            CANDIDATE_READERS,
            logged_as="read",
            answers=(302,),
            note="A BSN outside the user's candidates is answered as not found on the form.",
        ),
    ),
    page(
        "candidates:refer",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.MUNICIPALITY,
        target_in="form",
        GET=Rule(REFERRERS, personal_data=False),
        POST=Rule(REFERRERS, logged_as="create"),
        note="The form offers only the municipalities the user may refer for.",
    ),
    page(
        "candidates:upload",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.MUNICIPALITY,
        target_in="form",
        GET=Rule(REFERRERS, personal_data=False),
        POST=Rule(REFERRERS, logged_as="create", answers=(200,)),
    ),
    page(
        "candidates:upload_template",
        AREA_CANDIDATES,
        personal_data=False,
        GET=REFERRERS,
        note="An empty file with the column names.",
    ),
    page(
        "candidates:income",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=SANCTION_DECIDERS,
        note="The Inkomen screen is the municipality's.",
    ),
    page(
        "candidates:decide_signal",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.SANCTION_SIGNAL,
        POST=Rule(SANCTION_DECIDERS, logged_as="update"),
    ),
    page(
        "candidates:talk_outcome",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.THREE_WAY_TALK,
        POST=Rule(TALK_PARTIES, logged_as="update"),
    ),
    page(
        "employers:list",
        AREA_CANDIDATES,
        personal_data=True,
        GET=EMPLOYER_READERS,
        POST=Rule(EMPLOYER_MANAGERS, logged_as="create"),
        note="Employers are organisations, but the name, phone and e-mail of their contact person "
        "are that person's personal data: showing or registering them is logged "
        "(employers.selectors.log_employer_contacts).",
    ),
    page(
        "employers:search",
        AREA_CANDIDATES,
        personal_data=False,
        GET=EMPLOYER_READERS,
        note="The placement form's employer picker: name, KvK number and place only, never the "
        "contact person, so nothing personal to log.",
    ),
    # --- vacancies and matching (issue 10) ---------------------------------------------------
    page(
        "matching:vacancies",
        AREA_CANDIDATES,
        personal_data=False,
        GET=VACANCY_READERS,
        POST=Rule(MATCHERS, answers=(302,)),
        note="Vacancies are employers' facts; entering one is logged as employer services.",
    ),
    page(
        "matching:vacancy",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.VACANCY,
        GET=MATCHERS,
        note="The vacancy with its match list and proposals: every view is logged, also when "
        "the list names nobody.",
    ),
    page(
        "matching:propose",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.VACANCY,
        POST=Rule(MATCHERS, logged_as="create", answers=(302,)),
        note="Refused when a hard constraint excludes the candidate.",
    ),
    page(
        "matching:vacancy_status",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.VACANCY,
        POST=Rule(MATCHERS, answers=(302,)),
        note="On hold, open again, filled or withdrawn; the date is recorded.",
    ),
    page(
        "matching:decide",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.PROPOSAL,
        POST=Rule(MATCHERS, logged_as="update", answers=(302,)),
    ),
    page(
        "matching:incomplete_profiles",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=MATCHERS,
        note="The consultant's own caseload, least complete work profile first.",
    ),
    page(
        "matching:work_profile",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        GET=WORK_PROFILE_READERS,
        POST=Rule(MATCHERS, answers=(302,)),
    ),
    page(
        "matching:profile_pdf",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        GET=Rule(WORK_PROFILE_READERS, logged_as="export"),
        note="Anonymised for an employer: no name, BSN, age, address or limitation.",
    ),
    page(
        "matching:batch",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE,
        GET=MATCHERS,
        note="Congestion-aware shortlists for all open vacancies.",
    ),
    page(
        "matching:bias",
        AREA_CANDIDATES,
        personal_data=False,
        GET=BIAS_MONITOR_READERS,
        note="Aggregates per focus group, municipality and quarter; fewer than five as '< 5'.",
    ),
    page(
        "employers:detail",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.EMPLOYER,
        GET=EMPLOYER_READERS,
        note="The employer's contact person to all employer readers; its contact moments (with "
        "the names of the people spoken to), wishes and events to WerkBedrijf's employer service "
        "workers; placements of the candidates in the user's own scope. Each shown name is logged.",
    ),
    page(
        "employers:edit_profile",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.EMPLOYER,
        GET=EMPLOYER_SERVICE_WORKERS,
        POST=EMPLOYER_SERVICE_WORKERS,
        note="Size and account manager (a WerkBedrijf consultant).",
    ),
    page(
        "employers:add_location",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.EMPLOYER,
        GET=EMPLOYER_SERVICE_WORKERS,
        POST=EMPLOYER_SERVICE_WORKERS,
    ),
    page(
        "employers:record_contact",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.EMPLOYER,
        GET=Rule(EMPLOYER_SERVICE_WORKERS, personal_data=False),
        POST=Rule(EMPLOYER_SERVICE_WORKERS, logged_as="create"),
        note="The name of the person spoken to is personal data: recording it is logged.",
    ),
    page(
        "employers:record_wish",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.EMPLOYER,
        GET=EMPLOYER_SERVICE_WORKERS,
        POST=EMPLOYER_SERVICE_WORKERS,
    ),
    page(
        "employers:wish_status",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.EMPLOYER_WISH,
        POST=EMPLOYER_SERVICE_WORKERS,
    ),
    page(
        "employers:events",
        AREA_CANDIDATES,
        personal_data=False,
        GET=EMPLOYER_SERVICE_WORKERS,
        POST=EMPLOYER_SERVICE_WORKERS,
        note="Events with the number of employers and candidates taking part; no names.",
    ),
    page(
        "employers:event",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.EMPLOYER_EVENT,
        GET=EMPLOYER_SERVICE_WORKERS,
        POST=EMPLOYER_SERVICE_WORKERS,
        note="The candidates taking part are listed only as far as they are in the user's "
        "caseload (access.policy.candidate_scope), and that read is logged; the others as a "
        "number.",
    ),
    page(
        "employers:reach",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=REACH_READERS,
        note="Unique employers with a contact per sector group: aggregates about organisations. "
        "Without a municipality: the region, for WerkBedrijf and the MGR; a municipality's staff "
        "see their own. Exported as XLSX or CSV by ?format=.",
    ),
    page(
        "candidates:realisation",
        AREA_CANDIDATES,
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        GET=REALISATION_READERS,
        note="Aggregates of delivered local choices.",
    ),
    page(
        "candidates:activity_status",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.ACTIVITY,
        POST=Rule(JOURNEY_WORKERS, logged_as="update"),
    ),
    page(
        "candidates:trajectory",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.TRAJECTORY,
        GET=Rule(CANDIDATE_READERS, answers=(302,), note="Redirects to the candidate's page."),
    ),
    *(
        page(
            f"candidates:{name}",
            AREA_CANDIDATES,
            personal_data=True,
            target=Record.TRAJECTORY,
            POST=Rule(JOURNEY_WORKERS, logged_as=logged_as),
        )
        for name, logged_as in (
            ("take_step", "update"),
            ("start_diagnosis", "create"),
            ("add_note", "create"),
            ("record_ladder_step", "create"),
            ("add_activity", "create"),
            ("add_placement", "create"),
            ("add_instrument", "create"),
            ("signal_sanction", "create"),
        )
    ),
    page(
        "matching:record_certificate",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.TRAJECTORY,
        POST=Rule(JOURNEY_WORKERS, logged_as="create"),
        note="A certificate obtained, from the candidate's page; also on a closed trajectory, "
        "dated on or before its end.",
    ),
    page(
        "candidates:plan_talk",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.TRAJECTORY,
        POST=Rule(TALK_PARTIES, logged_as="create"),
    ),
    page(
        "candidates:candidate",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        GET=CANDIDATE_READERS,
    ),
    page(
        "candidates:candidate_form",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        GET=CANDIDATE_READERS,
        note="A form of the candidate's page, fetched when its closed section is opened (or on a "
        "page of its own without JavaScript); a form the page does not offer the user: 404.",
    ),
    page(
        "candidates:assign_contact",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        POST=Rule(CANDIDATE_READERS, logged_as="update"),
        note="Both sides hand over, each to a colleague of their own organisation.",
    ),
    page(
        "candidates:record_assessment",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        POST=Rule(JOURNEY_WORKERS, logged_as="create"),
    ),
    page(
        "candidates:move_candidate",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        GET=MOVERS,
        POST=Rule(MOVERS, logged_as="update", answers=(302,)),
        note="The move to another municipality: the person, the trajectory that runs and the "
        "control of their data go to the new municipality.",
    ),
    page(
        "candidates:moves",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE_MOVE,
        GET=MOVE_READERS,
        note="Each move names its person; a case manager sees the moves from and to their "
        "municipality.",
    ),
    page(
        "candidates:moves_export",
        AREA_CANDIDATES,
        personal_data=True,
        lists=Record.CANDIDATE_MOVE,
        GET=Rule(MOVE_READERS, logged_as="export"),
        note="The moves list as XLSX or CSV.",
    ),
    page(
        "candidates:chain_partner_lookup",
        AREA_CANDIDATES,
        personal_data=True,
        target=Record.CANDIDATE,
        target_in="form",
        GET=Rule(CHAIN_PARTNERS, personal_data=False),
        POST=Rule(
            CHAIN_PARTNERS,
            logged_as="read",
            answers=(200,),
            note="The BSN comes by POST and is never echoed. The answer is the phase and the one "
            "contact person; a resident not in service, an unknown person and another "
            "municipality's resident get one answer on the form (400).",
        ),
    ),
    # --- the privacy officer's screens (AVG art. 15) -----------------------------------------
    page(
        "privacy:access_request",
        AREA_PRIVACY,
        personal_data=True,
        target=Record.ACCESS_REQUEST,
        target_in="form",
        GET=Rule(ACCESS_REQUEST_ANSWERERS, personal_data=False),
        POST=Rule(
            ACCESS_REQUEST_ANSWERERS,
            logged_as="read",
            answers=(302,),
            note="The BSN comes by POST; a person outside the officer's municipality is not found.",
        ),
    ),
    page(
        "privacy:access_request_result",
        AREA_PRIVACY,
        personal_data=True,
        target=Record.ACCESS_REQUEST,
        GET=ACCESS_REQUEST_ANSWERERS,
        note="Addressed by a random token kept in the officer's own session.",
    ),
    page(
        "privacy:access_request_export",
        AREA_PRIVACY,
        personal_data=True,
        target=Record.ACCESS_REQUEST,
        GET=Rule(ACCESS_REQUEST_ANSWERERS, logged_as="export"),
    ),
    # --- the API: routes that are not operations of the OpenAPI document -----------------------
    Endpoint(
        "api-schema",
        AREA_API_ROUTES,
        _rules(GET=EVERY_STAFF_MEMBER),
        personal_data=False,
        note="The OpenAPI document itself, for staff that are logged in.",
    ),
    # --- the API: every operation of src/openapi.yaml -----------------------------------------
    operation("listOrganisations", "GET", personal_data=False, rule=EVERY_STAFF_MEMBER),
    operation(
        "getOrganisation",
        "GET",
        personal_data=False,
        target=Record.ORGANISATION,
        rule=EVERY_STAFF_MEMBER,
    ),
    operation("listAgreements", "GET", personal_data=False, rule=EVERY_STAFF_MEMBER),
    operation(
        "listCycleSteps",
        "GET",
        personal_data=False,
        rule=EVERY_STAFF_MEMBER,
        note="The steps of the cycle are as public as the DVO versions; mine=true: the user's "
        "work list.",
    ),
    operation(
        "createCycleStep",
        "POST",
        personal_data=False,
        rule=DVO_ADMINISTRATORS,
        note="As the screen agreements:plan_step.",
    ),
    operation(
        "updateCycleStep",
        "PATCH",
        personal_data=False,
        target=Record.CYCLE_STEP,
        rule=DVO_ADMINISTRATORS,
        note="Planning the cycle: as the screen agreements:plan_step.",
    ),
    operation(
        "getAgreementDocument",
        "GET",
        personal_data=False,
        target=Record.DOCUMENT,
        rule=AGREEMENT_READERS,
        note="As the screen agreements:document: uploads are served only through it, within "
        "the scope of the municipal agreement they belong to.",
    ),
    operation(
        "listAgreementEvents",
        "GET",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=EVERY_STAFF_MEMBER,
        note="As the screen agreements:agreement_events: as public as the DVO versions.",
    ),
    operation(
        "createAgreementWithdrawal",
        "POST",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=DVO_ADMINISTRATORS,
        note="As the screen agreements:record_withdrawal (art. 16.4), multipart with the decision.",
    ),
    operation(
        "createAgreementAmendment",
        "POST",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=DVO_ADMINISTRATORS,
        note="As the screen agreements:record_amendment (art. 16.2), multipart with the decision "
        "and every party's written consent.",
    ),
    operation(
        "createStandardCycleSteps",
        "POST",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=DVO_ADMINISTRATORS,
        note="Planning the cycle: the standard steps with deadlines from the period, as the "
        "screen agreements:new_agreement offers them for a new version.",
    ),
    operation(
        "completeCycleStep",
        "POST",
        personal_data=False,
        target=Record.CYCLE_STEP,
        rule=STEP_ACTORS,
        note="As the screen agreements:complete_step.",
    ),
    operation(
        "getAgreement", "GET", personal_data=False, target=Record.AGREEMENT, rule=EVERY_STAFF_MEMBER
    ),
    operation("createAgreement", "POST", personal_data=False, rule=DVO_ADMINISTRATORS),
    operation(
        "getDocumentTemplate",
        "GET",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=DVO_ADMINISTRATORS,
        note="As the screen agreements:document_template.",
    ),
    operation(
        "replaceDocumentTemplate",
        "PUT",
        personal_data=False,
        target=Record.AGREEMENT,
        rule={DVO_ADMIN: DRAFT},
        note="As the screen agreements:document_template: an adopted agreement's text changes "
        "only by art. 16.2.",
    ),
    operation(
        "getCatalogueService",
        "GET",
        personal_data=False,
        target=Record.CATALOGUE_SERVICE,
        rule=EVERY_STAFF_MEMBER,
    ),
    operation(
        "updateCatalogueService",
        "PATCH",
        personal_data=False,
        target=Record.CATALOGUE_SERVICE,
        rule=DRAFT_AGREEMENT_ADMINISTRATORS,
    ),
    operation(
        "replaceBudget",
        "PUT",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=DRAFT_AGREEMENT_ADMINISTRATORS,
    ),
    operation(
        "createAgreementTransition",
        "POST",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=DVO_ADMINISTRATORS,
    ),
    operation(
        "getAgreementCatalogue",
        "GET",
        personal_data=False,
        target=Record.AGREEMENT,
        rule=EVERY_STAFF_MEMBER,
    ),
    operation("listCatalogues", "GET", personal_data=False, rule=EVERY_STAFF_MEMBER),
    operation(
        "getCatalogue", "GET", personal_data=False, target=Record.CATALOGUE, rule=EVERY_STAFF_MEMBER
    ),
    operation(
        "listMunicipalAgreements",
        "GET",
        personal_data=False,
        lists=Record.MUNICIPAL_AGREEMENT,
        rule=AGREEMENT_READERS,
    ),
    *(
        operation(
            key,
            "GET",
            personal_data=False,
            target=Record.MUNICIPAL_AGREEMENT,
            rule=AGREEMENT_READERS,
        )
        for key in (
            "getMunicipalAgreement",
            "listBudgets",
            "listChoices",
            "getBudgetCheck",
            "listDeviationAcceptances",
            "listOpinions",
            "listChoiceChanges",
        )
    ),
    operation(
        "createChoice",
        "POST",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=CHOICE_EDITORS,
    ),
    operation(
        "replaceYearChoices",
        "PUT",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=CHOICE_EDITORS,
    ),
    operation(
        "getChoice", "GET", personal_data=False, target=Record.LOCAL_CHOICE, rule=AGREEMENT_READERS
    ),
    *(
        operation(key, method, personal_data=False, target=Record.LOCAL_CHOICE, rule=CHOICE_EDITORS)
        for key, method in (
            ("replaceChoice", "PUT"),
            ("updateChoice", "PATCH"),
            ("deleteChoice", "DELETE"),
        )
    ),
    operation(
        "createDeviationAcceptance",
        "POST",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=DVO_ADMINISTRATORS,
    ),
    operation(
        "createOpinion",
        "POST",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=OPINION_RECORDERS,
    ),
    operation(
        "answerOpinion",
        "POST",
        personal_data=False,
        target=Record.OPINION,
        rule=OPINION_ANSWERERS,
        note="As the screen agreements:answer_opinion.",
    ),
    operation(
        "createChoiceChange",
        "POST",
        personal_data=False,
        target=Record.MUNICIPAL_AGREEMENT,
        rule=ADOPTED_AGREEMENT_ADMINISTRATORS,
    ),
    operation(
        "createReferral",
        "POST",
        personal_data=True,
        target=Record.MUNICIPALITY,
        target_in="body",
        rule=Rule(REFERRERS, logged_as="create"),
    ),
    operation(
        "checkReferralUploadColumns",
        "POST",
        personal_data=False,
        rule=REFERRERS,
        note="Reads only the header row and stores nothing; a first row of values is refused "
        "without being quoted back.",
    ),
    operation(
        "uploadReferrals",
        "POST",
        personal_data=True,
        target=Record.MUNICIPALITY,
        target_in="body",
        rule=Rule(REFERRERS, logged_as="create"),
    ),
    operation(
        "listCandidates",
        "GET",
        personal_data=True,
        lists=Record.CANDIDATE,
        rule=CANDIDATE_LIST_API,
    ),
    operation(
        "searchCandidateByBsn",
        "POST",
        personal_data=True,
        target=Record.CANDIDATE,
        target_in="body",
        rule=Rule(CANDIDATE_READERS, logged_as="read"),
    ),
    operation(
        "getCandidate", "GET", personal_data=True, target=Record.CANDIDATE, rule=CANDIDATE_READERS
    ),
    operation(
        "assignContactPerson",
        "POST",
        personal_data=True,
        target=Record.CANDIDATE,
        rule=Rule(CANDIDATE_READERS, logged_as="update"),
    ),
    operation(
        "createAssessment",
        "POST",
        personal_data=True,
        target=Record.CANDIDATE,
        rule=Rule(JOURNEY_WORKERS, logged_as="create"),
    ),
    operation(
        "moveCandidate",
        "POST",
        personal_data=True,
        target=Record.CANDIDATE,
        rule=Rule(MOVERS, logged_as="update"),
    ),
    operation(
        "listCandidateMoves",
        "GET",
        personal_data=True,
        lists=Record.CANDIDATE_MOVE,
        rule=MOVE_READERS,
    ),
    operation(
        "lookUpResidentForChainPartner",
        "POST",
        personal_data=True,
        target=Record.CANDIDATE,
        target_in="body",
        rule=Rule(
            CHAIN_PARTNERS,
            logged_as="read",
            note="The BSN in the body; a resident not in service, an unknown person and another "
            "municipality's resident are one answer (404).",
        ),
    ),
    operation(
        "getTrajectory",
        "GET",
        personal_data=True,
        target=Record.TRAJECTORY,
        rule=CANDIDATE_READERS,
    ),
    *(
        operation(
            key,
            "POST",
            personal_data=True,
            target=Record.TRAJECTORY,
            rule=Rule(JOURNEY_WORKERS, logged_as=logged_as),
        )
        for key, logged_as in (
            ("createStep", "update"),
            ("createIntakeNote", "create"),
            ("createLadderStep", "create"),
            ("createFurtherDiagnosis", "create"),
            ("createActivity", "create"),
            ("createPlacement", "create"),
            ("createInstrument", "create"),
            ("createSanctionSignal", "create"),
        )
    ),
    operation(
        "listCertificatesObtained",
        "GET",
        personal_data=True,
        target=Record.TRAJECTORY,
        rule=CANDIDATE_READERS,
    ),
    operation(
        "createCertificateObtained",
        "POST",
        personal_data=True,
        target=Record.TRAJECTORY,
        rule=Rule(JOURNEY_WORKERS, logged_as="create"),
    ),
    operation(
        "updateActivityStatus",
        "POST",
        personal_data=True,
        target=Record.ACTIVITY,
        rule=Rule(JOURNEY_WORKERS, logged_as="update"),
    ),
    operation(
        "createThreeWayTalk",
        "POST",
        personal_data=True,
        target=Record.TRAJECTORY,
        rule=Rule(TALK_PARTIES, logged_as="create"),
    ),
    operation(
        "decideSanctionSignal",
        "POST",
        personal_data=True,
        target=Record.SANCTION_SIGNAL,
        rule=Rule(SANCTION_DECIDERS, logged_as="update"),
    ),
    operation(
        "recordThreeWayTalkOutcome",
        "POST",
        personal_data=True,
        target=Record.THREE_WAY_TALK,
        rule=Rule(TALK_PARTIES, logged_as="update"),
    ),
    operation(
        "listReturns",
        "GET",
        personal_data=True,
        lists=Record.CANDIDATE,
        rule=CANDIDATE_LIST_API,
    ),
    operation(
        "answerAccessRequest",
        "POST",
        personal_data=True,
        target=Record.ACCESS_REQUEST,
        target_in="body",
        rule=Rule(
            ACCESS_REQUEST_ANSWERERS,
            logged_as="export",
            note="The BSN in the body; a person outside the officer's remit is not found (404).",
        ),
    ),
    operation("listEmployers", "GET", personal_data=True, rule=EMPLOYER_READERS),
    operation(
        "createEmployer",
        "POST",
        personal_data=True,
        rule=Rule(EMPLOYER_MANAGERS, logged_as="create"),
    ),
    operation(
        "getEmployer", "GET", personal_data=True, target=Record.EMPLOYER, rule=EMPLOYER_READERS
    ),
    operation("listCompetences", "GET", personal_data=False, rule=EVERY_STAFF_MEMBER),
    operation("listVacancies", "GET", personal_data=False, rule=VACANCY_READERS),
    operation("createVacancy", "POST", personal_data=False, rule=MATCHERS),
    operation(
        "getVacancy", "GET", personal_data=False, target=Record.VACANCY, rule=VACANCY_READERS
    ),
    operation(
        "createVacancyStatusChange",
        "POST",
        personal_data=False,
        target=Record.VACANCY,
        rule=MATCHERS,
        note="On hold, open again, filled or withdrawn, as the screen matching:vacancy_status.",
    ),
    operation(
        "listVacancyCandidates", "GET", personal_data=True, target=Record.VACANCY, rule=MATCHERS
    ),
    operation(
        "listCandidateVacancies", "GET", personal_data=True, target=Record.CANDIDATE, rule=MATCHERS
    ),
    operation(
        "getWorkProfile",
        "GET",
        personal_data=True,
        target=Record.CANDIDATE,
        rule=WORK_PROFILE_READERS,
    ),
    operation(
        "replaceWorkProfile", "PUT", personal_data=True, target=Record.CANDIDATE, rule=MATCHERS
    ),
    operation(
        "createProposal", "POST", personal_data=True, rule=Rule(MATCHERS, logged_as="create")
    ),
    operation(
        "createProposalDecision",
        "POST",
        personal_data=True,
        target=Record.PROPOSAL,
        rule=Rule(MATCHERS, logged_as="update"),
    ),
    operation(
        "getReportsSideBySide",
        "GET",
        personal_data=False,
        rule=REGION_INDICATOR_READERS,
        note="As the screen reporting:reports_compare: the stored figures, masked as in every "
        "report.",
    ),
    operation(
        "listReports",
        "GET",
        personal_data=False,
        rule=INDICATOR_READERS,
        lists=Record.REPORT,
        note="As the screen reporting:reports: a policy adviser their own municipality's.",
    ),
    operation("createReport", "POST", personal_data=False, rule=REPORT_MANAGERS),
    operation(
        "getSrgDelivery",
        "GET",
        personal_data=True,
        rule=Rule(SRG_EXPORTERS, logged_as="export"),
        note="As the screen reporting:srg_download: the user's own municipality's residents.",
    ),
    operation("setIndicatorNorm", "POST", personal_data=False, rule=DVO_ADMINISTRATORS),
    operation(
        "getReport", "GET", personal_data=False, target=Record.REPORT, rule=INDICATOR_READERS
    ),
    operation(
        "getReportExplanations",
        "GET",
        personal_data=False,
        target=Record.REPORT,
        rule=INDICATOR_READERS,
        note="As the screen reporting:report shows them.",
    ),
    operation(
        "updateReportExplanations",
        "PATCH",
        personal_data=False,
        target=Record.REPORT,
        rule=REPORT_MANAGERS,
        note="As the screen reporting:report saves them: a published report refuses (400).",
    ),
    *(
        operation(key, "POST", personal_data=False, target=Record.REPORT, rule=REPORT_MANAGERS)
        for key in (
            "createReportGeneration",
            "createReportPublication",
            "createReportCorrection",
        )
    ),
    operation("getCosts", "GET", personal_data=False, rule=COST_READERS),
    operation("setHourlyRate", "POST", personal_data=False, rule=COST_KEEPERS),
    operation("createDirectCost", "POST", personal_data=False, rule=COST_KEEPERS),
    operation("listTeamAllocations", "GET", personal_data=False, rule=COST_KEEPERS),
    operation("setTeamAllocation", "POST", personal_data=False, rule=COST_KEEPERS),
    operation(
        "getSatisfactionFigures",
        "GET",
        personal_data=False,
        rule=COST_READERS,
        note="As the screen satisfaction:figures: aggregates only; a policy adviser sees their "
        "own municipality; averages of fewer than five answers are masked.",
    ),
    operation(
        "createQuestionnaireAnswer",
        "POST",
        personal_data=False,
        rule=PAPER_TYPISTS,
        note="As the screen satisfaction:paper: the answer is stored without the person.",
    ),
    operation(
        "createTimeEntry",
        "POST",
        personal_data=True,
        rule=HOURS_REGISTRARS,
        note="Own hours for a consultant, anybody's at WerkBedrijf for a manager; logged.",
    ),
    operation(
        "getJob",
        "GET",
        personal_data=False,
        target=Record.JOB,
        rule=JOB_STARTERS,
        note="Status and progress only; the result is downloaded from jobs:download.",
    ),
    operation("listIndicators", "GET", personal_data=False, rule=INDICATOR_READERS),
    operation(
        "getIndicatorValues",
        "GET",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        rule=INDICATOR_READERS,
        note="Without a municipality: the region, for the region's readers only.",
    ),
    operation(
        "updateEmployer",
        "PATCH",
        personal_data=True,
        target=Record.EMPLOYER,
        rule=Rule(EMPLOYER_SERVICE_WORKERS, logged_as="update"),
        note="Size and account manager; the answer holds the contact person (logged).",
    ),
    operation(
        "listEmployerLocations",
        "GET",
        personal_data=False,
        target=Record.EMPLOYER,
        rule=EMPLOYER_READERS,
    ),
    operation(
        "createEmployerLocation",
        "POST",
        personal_data=False,
        target=Record.EMPLOYER,
        rule=EMPLOYER_SERVICE_WORKERS,
    ),
    operation(
        "listEmployerContacts",
        "GET",
        personal_data=True,
        target=Record.EMPLOYER,
        rule=EMPLOYER_SERVICE_WORKERS,
        note="The names of the people spoken to: logged.",
    ),
    operation(
        "createEmployerContact",
        "POST",
        personal_data=True,
        target=Record.EMPLOYER,
        rule=Rule(EMPLOYER_SERVICE_WORKERS, logged_as="create"),
    ),
    operation(
        "listEmployerWishes",
        "GET",
        personal_data=False,
        target=Record.EMPLOYER,
        rule=EMPLOYER_SERVICE_WORKERS,
    ),
    operation(
        "createEmployerWish",
        "POST",
        personal_data=False,
        target=Record.EMPLOYER,
        rule=EMPLOYER_SERVICE_WORKERS,
    ),
    operation(
        "updateEmployerWish",
        "PATCH",
        personal_data=False,
        target=Record.EMPLOYER_WISH,
        rule=EMPLOYER_SERVICE_WORKERS,
    ),
    operation("listEmployerEvents", "GET", personal_data=False, rule=EMPLOYER_SERVICE_WORKERS),
    operation(
        "createEmployerEvent",
        "POST",
        personal_data=False,
        rule=EMPLOYER_SERVICE_WORKERS,
        note="Candidates taking part are named by uuid, only from the user's caseload; adding "
        "them is logged.",
    ),
    operation(
        "getEmployerEvent",
        "GET",
        personal_data=False,
        target=Record.EMPLOYER_EVENT,
        rule=EMPLOYER_SERVICE_WORKERS,
        note="Lists the candidates taking part that are in the user's caseload (logged).",
    ),
    operation(
        "updateEmployerEvent",
        "PATCH",
        personal_data=False,
        target=Record.EMPLOYER_EVENT,
        rule=EMPLOYER_SERVICE_WORKERS,
    ),
    operation(
        "getEmployerReach",
        "GET",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        rule=REACH_READERS,
    ),
    operation(
        "getRealisation",
        "GET",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        rule=REALISATION_READERS,
    ),
    operation(
        "getQuarterlyRealisation",
        "GET",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        rule=REALISATION_READERS,
        note="As the screen agreements:delivery: aggregates per local choice and quarter.",
    ),
    operation(
        "listDeliveries",
        "GET",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="query",
        rule=DELIVERY_READERS,
        note="The delivery records name WerkBedrijf's workers, never a candidate.",
    ),
    operation(
        "recordDelivery",
        "POST",
        personal_data=False,
        target=Record.MUNICIPALITY,
        target_in="body",
        rule=DELIVERY_RECORDERS,
        note="As the screen agreements:record_delivery.",
    ),
    # --- the admin -------------------------------------------------------------------------------
    page("admin:index", AREA_ADMIN, personal_data=False, GET=ADMIN_USERS),
    page(
        "admin:login",
        AREA_ADMIN,
        personal_data=False,
        public=True,
        GET={},
        note="No form of its own: sends to the two-step login, or answers 403 to staff without "
        "admin access.",
    ),
    page("admin:logout", AREA_ADMIN, personal_data=False, public=True, POST={}),
    page(
        "admin:password_change",
        AREA_ADMIN,
        personal_data=False,
        GET=ADMIN_USERS,
        POST=ADMIN_USERS,
        note="The user's own password.",
    ),
    page("admin:password_change_done", AREA_ADMIN, personal_data=False, GET=ADMIN_USERS),
    page(
        "admin:autocomplete",
        AREA_ADMIN,
        personal_data=False,
        GET=NOBODY,
        note="No admin uses autocomplete fields: refused for everybody.",
    ),
    page("admin:jsi18n", AREA_ADMIN, personal_data=False, GET=ADMIN_USERS),
    page(
        "admin:view_on_site",
        AREA_ADMIN,
        personal_data=False,
        GET=NOBODY,
        note="No model has a page outside the admin: 404 for everybody.",
    ),
    page(
        "admin:app_list",
        AREA_ADMIN,
        personal_data=False,
        target=Record.ADMIN_APP,
        GET=ADMIN_USERS,
    ),
    *admin_model(
        "accounts_user",
        target=Record.STAFF_ACCOUNT,
        personal_data=True,
        view=STAFF_READERS,
        add=FUNCTIONAL_ADMINS,
        change=FUNCTIONAL_ADMINS,
        changelist_post=Rule(
            STAFF_READERS,
            logged_as="export",
            note="The export action (CSV) of the selected accounts.",
        ),
    ),
    page(
        "admin:auth_user_password_change",
        AREA_ADMIN,
        personal_data=True,
        target=Record.STAFF_ACCOUNT,
        GET=FUNCTIONAL_ADMINS,
        POST=Rule(FUNCTIONAL_ADMINS, logged_as="update"),
    ),
    *admin_model(
        "processing_log_processinglogentry",
        target=Record.PROCESSING_LOG_ENTRY,
        personal_data=True,
        view=LOG_READERS,
        shows_pseudonyms=True,
        note="Read-only. Shows who processed whose data, by the data subject's uuid; reading it "
        "is itself logged.",
    ),
    *admin_model(
        "organisations_organisation",
        target=Record.ORGANISATION,
        personal_data=False,
        view=ADMIN_USERS,
        change=FUNCTIONAL_ADMINS,
    ),
    *admin_model(
        "organisations_team",
        target=Record.TEAM,
        personal_data=False,
        view=ADMIN_USERS,
        add=FUNCTIONAL_ADMINS,
        change=FUNCTIONAL_ADMINS,
    ),
    *admin_model(
        "agreements_agreementversion",
        target=Record.AGREEMENT,
        personal_data=False,
        view=ADMIN_USERS,
    ),
    *admin_model(
        "agreements_catalogue", target=Record.CATALOGUE, personal_data=False, view=ADMIN_USERS
    ),
    *admin_model(
        "agreements_catalogueservice",
        target=Record.CATALOGUE_SERVICE,
        personal_data=False,
        view=ADMIN_USERS,
    ),
    *admin_model(
        "agreements_municipalagreement",
        target=Record.MUNICIPAL_AGREEMENT,
        personal_data=False,
        view=ADMIN_USERS,
    ),
    *admin_model(
        "agreements_localchoice",
        target=Record.LOCAL_CHOICE,
        personal_data=False,
        view=ADMIN_USERS,
    ),
    *admin_model("agreements_budget", target=Record.BUDGET, personal_data=False, view=ADMIN_USERS),
    *admin_model(
        "agreements_deviationacceptance",
        target=Record.DEVIATION_ACCEPTANCE,
        personal_data=False,
        view=ADMIN_USERS,
    ),
    # Registered by Django and third-party apps; they need Django model permissions, which no
    # role is given (roles are ours, see access.policy): nobody, only a bootstrap superuser.
    *admin_model("auth_group", target=Record.AUTH_GROUP, personal_data=False, view=NOBODY),
    *admin_model("otp_totp_totpdevice", target=Record.OTP_DEVICE, personal_data=True, view=NOBODY),
    page(
        "admin:otp_totp_totpdevice_config",
        AREA_ADMIN,
        personal_data=True,
        target=Record.OTP_DEVICE,
        GET=NOBODY,
    ),
    page(
        "admin:otp_totp_totpdevice_qrcode",
        AREA_ADMIN,
        personal_data=True,
        target=Record.OTP_DEVICE,
        GET=NOBODY,
    ),
    *admin_model(
        "otp_static_staticdevice", target=Record.OTP_DEVICE, personal_data=True, view=NOBODY
    ),
    *admin_model("axes_accessattempt", target=Record.LOGIN_RECORD, personal_data=True, view=NOBODY),
    *admin_model("axes_accesslog", target=Record.LOGIN_RECORD, personal_data=True, view=NOBODY),
    *admin_model(
        "axes_accessfailurelog", target=Record.LOGIN_RECORD, personal_data=True, view=NOBODY
    ),
]

ENDPOINTS: dict[str, Endpoint] = {}
for _endpoint in _ENDPOINTS:
    if _endpoint.key in ENDPOINTS:
        raise ValueError(f"{_endpoint.key} is declared twice in the access matrix")
    ENDPOINTS[_endpoint.key] = _endpoint

# URL patterns without a name, and why they need no entry of their own.
UNNAMED_PATTERNS: dict[str, str] = {
    "beheer/(?P<url>.*)$": "The admin's catch-all: an unknown admin address (404, or the login).",
    "api/v1/^.*$": "Anything else under /api/v1/: a problem+json 404.",
    # The admin redirects an object's bare address to its change page (same checks there).
    **{
        f"beheer/{model}/<path:object_id>/": "Redirects to the change page of the same object."
        for model in (
            "auth/group",
            "otp_totp/totpdevice",
            "otp_static/staticdevice",
            "axes/accessattempt",
            "axes/accesslog",
            "axes/accessfailurelog",
            "organisations/organisation",
            "organisations/team",
            "accounts/user",
            "processing_log/processinglogentry",
            "agreements/agreementversion",
            "agreements/municipalagreement",
            "agreements/localchoice",
            "agreements/budget",
            "agreements/deviationacceptance",
            "agreements/catalogue",
            "agreements/catalogueservice",
        )
    },
}


# --- enumerating what exists -------------------------------------------------------------------


@dataclass(frozen=True)
class UrlPattern:
    name: str | None  # with its namespaces, e.g. "candidates:trajectory"
    route: str  # the full route, e.g. "kandidaten/trajecten/<uuid:uuid>/"
    callback: object = field(compare=False, repr=False)

    @property
    def is_api(self) -> bool:
        return self.route.startswith(API_PREFIX)

    @property
    def openapi_path(self) -> str:
        """The path as the OpenAPI document writes it: /api/v1/choices/{uuid}."""
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.route)


def url_patterns() -> list[UrlPattern]:
    """Every URL pattern of the URL configuration, the admin's included, with its full name."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix: str, namespaces: tuple[str, ...]) -> Iterator[UrlPattern]:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespaces + ((entry.namespace,) if entry.namespace else ())
                yield from walk(entry, route, inner)
            elif isinstance(entry, URLPattern):
                name = ":".join((*namespaces, entry.name)) if entry.name else None
                yield UrlPattern(name, route, entry.callback)

    return list(walk(get_resolver(), "", ()))


@dataclass(frozen=True)
class ApiOperation:
    operation_id: str
    method: str
    path: str  # as in the document: /api/v1/choices/{uuid}


def api_operations(path: Path = OPENAPI_PATH) -> list[ApiOperation]:
    """Every operation of the committed OpenAPI document."""
    import yaml

    document = yaml.safe_load(path.read_text())
    return [
        ApiOperation(spec["operationId"], method.upper(), api_path)
        for api_path, item in document["paths"].items()
        for method, spec in item.items()
        if method.upper() in ("GET", *CHANGING_METHODS)
    ]


# --- the document ------------------------------------------------------------------------------


def _principal_label(principal: Principal) -> str:
    if isinstance(principal, tuple):
        role, kind = principal
        return f"{role.label} at {OrganisationKind(kind).label.lower()}"
    return str(principal.label)


def _grants(grants: Mapping[Principal, Grant]) -> str:
    return "; ".join(f"{_principal_label(p)}: {g}" for p, g in grants.items())


def _who(rule: Rule) -> str:
    for name, audience in AUDIENCES.items():
        if rule.grants is audience:
            return f"*{name}*"
    return _grants(rule.grants) or "nobody"


def render_markdown() -> str:
    """docs/access-matrix.md: the matrix as tables, one per area."""
    from django.utils import translation

    lines = [
        "# Access matrix",
        "",
        "Who may use which screen, API operation, export, download and admin page, on the records",
        "of their own organisation or of another. Generated from `src/werkbedrijf/access/matrix.py`",
        "(see its docstring for how to regenerate); `tests/security/test_access_matrix.py` fails when",
        "this file is out of date, when an endpoint exists that the matrix does not declare, and when",
        "the application allows or refuses anything other than declared here. The application",
        "itself decides in `src/werkbedrijf/access/policy.py` only.",
        "",
        "Reading it: *all records* are those of every municipality; *own organisation's records*",
        "those of the user's own municipality (its residents, its agreement) or organisation (its",
        "staff); *their team's caseload* the candidates whose contact person is a member of the",
        "team the user leads, and the records about them; *agreements not yet adopted* and",
        "*adopted agreements* narrow by the DVO cycle. Anyone",
        "not named is refused (403 or 404, never data; in the admin, an object outside the user's",
        "scope is answered like one that does not exist, and staff without admin access are sent",
        "to the admin login, which answers them 403). Where the target is chosen in a form, a",
        "choice outside the user's remit is a form error. *An empty answer*: may call it, gets no",
        "records. *Personal data*: every allowed use writes the processing log with purpose and",
        "legal basis (the action in brackets).",
        "",
        "## Roles",
        "",
        "| Role | What for |",
        "| --- | --- |",
    ]
    with translation.override("en"):
        for role, summary in ROLE_SUMMARIES.items():
            lines.append(f"| {role.label} | {summary} |")
        lines += ["", "## Audiences", "", "| Audience | Who, on which records |", "| --- | --- |"]
        for name, audience in AUDIENCES.items():
            if audience is EVERY_STAFF_MEMBER:
                lines.append(f"| {name} | every role: all records |")
            else:
                lines.append(f"| {name} | {_grants(audience) or 'nobody'} |")
        lines += [
            "",
            "Visible wherever they turn up (a page, a list, an export, a message, a redirect), to",
            "these and nobody else:",
            "",
        ]
        for kind, audience in VISIBILITY.items():
            lines.append(f"- a {kind}: {_grants(audience)}")
        lines.append("")
        first = (AREA_ACCOUNTS, AREA_DVO, AREA_CANDIDATES, AREA_PRIVACY)
        last = (AREA_API, AREA_API_ROUTES, AREA_ADMIN)
        # Every area that has an endpoint: the usual ones first, the newer screens after them.
        middle = [a for a in dict.fromkeys(e.area for e in _ENDPOINTS) if a not in first + last]
        for area in (*first, *middle, *last):
            lines += [
                f"## {area}",
                "",
                "| Endpoint | Method | About | Personal data | Who may, on which records |",
                "| --- | --- | --- | --- | --- |",
            ]
            for endpoint in _ENDPOINTS:
                if endpoint.area != area:
                    continue
                about = endpoint.target or (f"list of {endpoint.lists}" if endpoint.lists else "")
                for method, rule in endpoint.methods.items():
                    personal = "yes" if endpoint.personal_for(method) else "no"
                    if rule.logged_as and personal == "yes":
                        personal += f" ({rule.logged_as})"
                    who = "public" if endpoint.public else _who(rule)
                    notes = " ".join(n for n in (rule.note, endpoint.note) if n)
                    if notes:
                        who += f". *{notes}*"
                    lines.append(f"| `{endpoint.key}` | {method} | {about} | {personal} | {who} |")
            lines.append("")
        lines += ["## URL patterns without a name", "", "| Pattern | Why |", "| --- | --- |"]
        lines += [f"| `{route}` | {why} |" for route, why in UNNAMED_PATTERNS.items()]
    return "\n".join(lines) + "\n"
