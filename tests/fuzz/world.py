"""The world the API fuzzer runs in (reference DVOs, a draft, candidates with trajectories,
employers, signals and talks, a real API token per account), the count of what it sent, and the
fingerprint of the stored data that a refused request may not change."""

from __future__ import annotations

import hashlib
import time
import uuid as uuid_module
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, transaction
from django.utils import timezone

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.accounts.services import create_staff_account, issue_api_token
from werkbedrijf.agreements import selectors
from werkbedrijf.agreements import services as agreement_services
from werkbedrijf.agreements.models import (
    AgreementVersion,
    Catalogue,
    CatalogueService,
    CycleStep,
    LocalChoice,
    MunicipalAgreement,
    Opinion,
)
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.agreements.testing import build_draft_dvo
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates import synthetic
from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers import services as employer_services
from werkbedrijf.matching import services as matching_services
from werkbedrijf.matching.models import Proposal, Vacancy
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.reference_data.loader import load_reference_data
from werkbedrijf.utils.bsn import valid_bsns

# The accounts the fuzzer calls the API with, each with a real token and one role: a WerkBedrijf
# DVO administrator (the agreements, no candidates), a WerkBedrijf consultant (the candidates), a
# Nijmegen Inkomen case manager, a privacy officer (the only one who answers access requests) and
# a Nijmegen chain partner (the only one who asks whether a resident is in service).
DVO_ADMIN, WERKBEDRIJF, INKOMEN, PRIVACY, CHAIN_PARTNER = (
    "dvo-admin",
    "werkbedrijf",
    "inkomen",
    "privacy",
    "chain-partner",
)

# Tables a refused request must leave exactly as they were. Not the processing log (a read is
# logged even when the request is refused afterwards), not accounts (a token's last use is
# stamped on every request), not sessions or lock-out attempts.
GUARDED_APPS = ("organisations", "agreements", "candidates", "retention", "privacy", "matching")


# --- counting ------------------------------------------------------------------------------------


@dataclass
class FuzzStats:
    """What the fuzzer sent: every HTTP request (also those a check re-sends), and per operation
    the generated cases by answer."""

    requests: int = 0
    cases: Counter = field(default_factory=Counter)
    statuses: dict = field(default_factory=lambda: defaultdict(Counter))
    modes: dict = field(default_factory=lambda: defaultdict(Counter))
    accounts: Counter = field(default_factory=Counter)
    started: float | None = None
    seconds: float = 0.0
    crashes: list[str] = field(default_factory=list)

    def record(self, case, account: str, status: int) -> None:
        self.accounts[account] += 1
        now = time.monotonic()
        self.started = self.started or now
        self.seconds = now - self.started
        label = case.operation.label
        if case.method.upper() != case.operation.method.upper():
            # A check's probe with a method the operation does not have (405 expected).
            label = f"{case.method.upper()} probes"
        self.cases[label] += 1
        self.statuses[label][status] += 1
        mode = case.meta.generation.mode.value if case.meta is not None else "explicit"
        self.modes[label][mode] += 1

    def summary(self) -> str:
        operations = [label for label in self.cases if not label.endswith(" probes")]
        lines = [
            f"API fuzzing: {self.requests} HTTP requests, {sum(self.cases.values())} generated "
            f"cases over {len(operations)} operations in {self.seconds:.0f} s.",
            "  per account: "
            + ", ".join(f"{account} {n}" for account, n in sorted(self.accounts.items())),
        ]
        for label in sorted(self.cases):
            answers = ", ".join(f"{code}×{n}" for code, n in sorted(self.statuses[label].items()))
            modes = ", ".join(f"{mode} {n}" for mode, n in sorted(self.modes[label].items()))
            lines.append(f"  {label}: {self.cases[label]} ({modes}) -> {answers}")
        return "\n".join(lines)


STATS = FuzzStats()


class CountingApp:
    """Django's WSGI application, counting every request it answers."""

    def __init__(self, stats: FuzzStats):
        self.handler = WSGIHandler()
        self.stats = stats

    def __call__(self, environ, start_response):
        self.stats.requests += 1
        return self.handler(environ, start_response)


# --- the world -----------------------------------------------------------------------------------


@dataclass
class World:
    tokens: dict[str, str]
    users: dict[str, User]
    # Existing identifiers, by the kind of record a path or a field names.
    pools: dict[str, list[str]]
    # Named records for the requests that must succeed: identifiers, a BSN, a finding's key.
    records: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""

    def auth(self, account: str) -> dict[str, str]:
        return {"Authorization": f"Token {self.tokens[account]}"}

    def known(self, kind: str, generated, seed: int):
        """An existing record of ``kind`` three times in four; else the ``generated`` value."""
        pool = self.pools.get(kind)
        if not pool or seed % 4 == 0:
            return generated
        return pool[(seed // 4) % len(pool)]


def _draft(region, nijmegen, wijchen, adviser) -> AgreementVersion:
    """A draft DVO with a small card, budgets for Nijmegen and Wijchen, and Nijmegen's choices."""
    agreement = build_draft_dvo(region, nijmegen, wijchen, title="DVO ontwerp fuzz")
    card = {s.code: s for s in CatalogueService.objects.filter(catalogue__agreement=agreement)}
    interventions = card["maatwerk-interventies"]
    coaching = card["participatiecoaching"]
    agreement_services.save_choices(
        actor=adviser,
        municipal_agreement=MunicipalAgreement.objects.get(
            agreement=agreement, municipality=nijmegen
        ),
        year=2024,
        lines=[
            LineInput(service=str(interventions.uuid), quantity=10),
            LineInput(service=str(coaching.uuid), quantity="0.5"),
            LineInput(custom_name="Taalcoaching op maat", agreed_amount="4500"),
        ],
    )
    return agreement


def _staff(roles: list[str], organisation, name: str) -> User:
    return create_staff_account(
        username=name, organisation=organisation, roles=roles, password="fuzz horse battery"
    )


def _journeys(case_manager, consultant, nijmegen) -> list[Trajectory]:
    """Nijmegen residents referred through the service, one in each kind of place in the journey."""
    today = timezone.localdate()
    bsns = valid_bsns(999_991_000, 4)
    trajectories = []
    for index, bsn in enumerate(bsns):
        trajectories.append(
            candidate_services.refer_candidate(
                actor=case_manager,
                municipality=nijmegen,
                person=PersonInput(bsn, "Fuzz", f"Kandidaat {index}", date(1990, 1, 1 + index)),
                referred_on=today - timedelta(days=60),
            )
        )
    for trajectory in trajectories[1:]:
        candidate_services.take_step(
            actor=consultant,
            trajectory=trajectory,
            target="intake",
            occurred_on=today - timedelta(days=50),
        )
    for trajectory in trajectories[2:]:
        candidate_services.take_step(
            actor=consultant,
            trajectory=Trajectory.objects.get(pk=trajectory.pk),
            target="main_route",
            occurred_on=today - timedelta(days=40),
            sector_group="cleaning",
            business_consultant=consultant,
        )
    return [Trajectory.objects.get(pk=t.pk) for t in trajectories]


def _uuids(queryset, limit: int = 12) -> list[str]:
    return [str(u) for u in queryset.order_by("pk").values_list("uuid", flat=True)[:limit]]


def _by_status(queryset, prefix: str, limit: int) -> list[str]:
    """Records of a draft first, then of a DVO in its opinion round, then of adopted ones: what
    may still change comes up most."""
    found = []
    for status in ("draft", "opinions_requested", "adopted"):
        found += _uuids(queryset.filter(**{prefix + "status": status}), limit)
    return found


def build_world() -> World:
    region = orgs.load_organisations()
    load_reference_data()
    nijmegen, wijchen = orgs.municipality("GM0268"), orgs.municipality("GM0296")
    werkbedrijf = orgs.werkbedrijf()
    users = {
        DVO_ADMIN: _staff([Role.DVO_ADMIN], werkbedrijf, "fuzz-dvo-admin"),
        WERKBEDRIJF: _staff([Role.CONSULTANT], werkbedrijf, "fuzz-werkbedrijf"),
        INKOMEN: _staff([Role.INCOME_CASE_MANAGER], nijmegen, "fuzz-inkomen"),
        PRIVACY: _staff([Role.PRIVACY_OFFICER], werkbedrijf, "fuzz-privacy"),
        CHAIN_PARTNER: _staff([Role.CHAIN_PARTNER], nijmegen, "fuzz-chain-partner"),
    }
    adviser = _staff([Role.POLICY_ADVISER], nijmegen, "fuzz-adviser")
    tokens = {name: issue_api_token(user=user, name="fuzz")[1] for name, user in users.items()}
    draft = _draft(region, nijmegen, wijchen, adviser)

    consultant, case_manager = users[WERKBEDRIJF], users[INKOMEN]
    synthetic.generate_population("demo", seed=2026, count=40, include_existing_consultants=True)
    journeys = _journeys(case_manager, consultant, nijmegen)
    employers = [
        employer_services.register_employer(
            actor=consultant, name=name, kvk_number=kvk, sector_group=sector
        )
        for name, kvk, sector in (
            ("Schoon BV", "12345678", "cleaning"),
            ("Zorg Zuid", "23456789", "hospitality_care_retail"),
            ("Bouw & Co", "34567890", "construction_ict"),
        )
    ]
    # Vacancies and matching: two vacancies that fit the candidate in the main route, who is
    # proposed for the second.
    matchable = journeys[2].candidate
    Candidate.objects.filter(pk=matchable.pk).update(postcode="6511AB")
    matching_services.save_work_profile(
        actor=consultant,
        candidate=matchable,
        hours_per_week=32,
        days=["mon", "tue"],
        max_travel_km=10,
        competences=[{"code": "schoonmaaktechniek", "source": "intake", "level": 2}],
    )
    vacancies = [
        matching_services.create_vacancy(
            actor=consultant,
            employer=employers[0],
            title=title,
            occupation="schoonmaker",
            postcode="6511AB",
            sector_group="cleaning",
            hours_per_week=20,
            days=["mon"],
            start_date=timezone.localdate() + timedelta(days=14),
            employment_forms=["regular"],
            places=3,
        )
        for title in ("Schoonmaker", "Schoonmaker avond")
    ]
    proposal = matching_services.propose_candidate(
        actor=consultant, vacancy=vacancies[1], candidate=matchable, reason="Past goed."
    )
    signalled = journeys[-1]
    candidate_services.signal_sanction(
        actor=consultant,
        trajectory=signalled,
        facts="Niet verschenen op de afspraak.",
        advice="Een waarschuwing.",
    )
    candidate_services.plan_talk(
        actor=case_manager,
        trajectory=signalled,
        planned_on=timezone.localdate() + timedelta(days=7),
        income_participant=case_manager,
        werkbedrijf_participant=consultant,
    )
    activity, _warning = candidate_services.add_activity(
        actor=consultant,
        trajectory=journeys[2],
        kind="workshop",
        start=timezone.localdate() - timedelta(days=30),
    )

    wish = employer_services.record_wish(
        actor=consultant, employer=employers[0], kind="job_carving", description="Inpakwerk"
    )
    event = employer_services.record_event(
        actor=consultant,
        kind="job_market",
        title="Banenmarkt",
        held_on=timezone.localdate() + timedelta(days=14),
        place="Wijkcentrum",
        municipality=nijmegen,
        employers=employers[:1],
    )
    location = employer_services.add_location(
        actor=consultant,
        employer=employers[0],
        street="Markt",
        house_number="1",
        postcode="6511PP",
        city="Nijmegen",
        municipality=nijmegen,
    )

    step = CycleStep.objects.create(
        agreement=draft,
        kind="other",
        title="Stap van de fuzz-DVO",
        due_on=timezone.localdate() + timedelta(days=20),
        actor_role=Role.POLICY_ADVISER,
        actor_organisation=nijmegen,
    )
    draft_nijmegen = MunicipalAgreement.objects.get(agreement=draft, municipality=nijmegen)
    opinion = agreement_services.record_opinion(
        actor=users[DVO_ADMIN],
        municipal_agreement=draft_nijmegen,
        kind="council_wishes",
        text="De raad wil de inburgering betrekken.",
        received_on=timezone.localdate() - timedelta(days=10),
    )
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    werkbedrijf_staff = User.objects.filter(organisation__kind=OrganisationKind.WERKBEDRIJF)
    pools = {
        "organisations": _uuids(Organisation.objects.all()),
        "municipalities": _uuids(municipalities),
        "agreements": _uuids(AgreementVersion.objects.all()),
        "catalogues": _uuids(Catalogue.objects.all()),
        "services": _uuids(CatalogueService.objects.all(), limit=60),
        "municipal-agreements": _by_status(MunicipalAgreement.objects.all(), "agreement__", 4),
        "choices": _by_status(LocalChoice.objects.all(), "municipal_agreement__agreement__", 6),
        "cycle-steps": _uuids(CycleStep.objects.filter(agreement=draft)),
        "opinions": _uuids(Opinion.objects.all()),
        # Nijmegen's own first, so the case manager also reaches records in scope.
        "candidates": [str(t.candidate.uuid) for t in journeys]
        + _uuids(Candidate.objects.exclude(municipality=nijmegen)),
        "trajectories": [str(t.uuid) for t in journeys] + _uuids(Trajectory.objects.all()),
        "sanction-signals": _uuids(SanctionSignal.objects.all()),
        "three-way-talks": _uuids(ThreeWayTalk.objects.all()),
        # Nijmegen's own first (the synthetic population's), then those of elsewhere.
        "activities": [str(activity.uuid)]
        + _uuids(Activity.objects.filter(trajectory__municipality=nijmegen))
        + _uuids(Activity.objects.exclude(trajectory__municipality=nijmegen)),
        "employers": [str(e.uuid) for e in employers],
        "employer-events": [str(event.uuid)],
        "employer-wishes": [str(wish.uuid)],
        "employer-locations": [str(location.uuid)],
        "vacancies": _uuids(Vacancy.objects.all()),
        "proposals": _uuids(Proposal.objects.all()),
        "reports": [_fuzz_report(nijmegen)],
        "werkbedrijf-staff": _uuids(werkbedrijf_staff),
        "municipal-staff": _uuids(User.objects.filter(organisation=nijmegen)),
    }
    finding = selectors.check_municipal_year(draft_nijmegen, 2024).check.needing_acceptance()[0]
    refugee = journeys[1].candidate
    Candidate.objects.filter(pk=refugee.pk).update(refugee=True)
    records = {
        "nijmegen": str(nijmegen.uuid),
        "wijchen": str(wijchen.uuid),
        "draft": str(draft.uuid),
        "draft-nijmegen": str(draft_nijmegen.uuid),
        "cycle-step": str(step.uuid),
        "opinion": str(opinion.uuid),
        "draft-service": str(draft.catalogue.services.order_by("number")[0].uuid),
        "adopted": str(AgreementVersion.objects.get(title="DVO 2024-2025").uuid),
        "draft-choice": str(LocalChoice.objects.filter(municipal_agreement=draft_nijmegen)[0].uuid),
        "finding-key": finding.key,
        "in-opinion-round-nijmegen": str(
            MunicipalAgreement.objects.get(
                agreement__status="opinions_requested", municipality=nijmegen
            ).uuid
        ),
        "adopted-nijmegen": str(
            MunicipalAgreement.objects.get(
                agreement__title="DVO 2024-2025", municipality=nijmegen
            ).uuid
        ),
        "kwartiermaker": str(
            LocalChoice.objects.get(
                municipal_agreement__agreement__title="DVO 2024-2025",
                municipal_agreement__municipality=nijmegen,
                year=2025,
                custom_name__startswith="Kwartiermaker",
                valid_until__isnull=True,
            ).uuid
        ),
        "referred": str(journeys[0].uuid),
        "in-intake": str(journeys[1].uuid),
        "in-main-route": str(journeys[2].uuid),
        "refugee": str(refugee.uuid),
        "candidate": str(journeys[2].candidate.uuid),
        "bsn": journeys[2].candidate.bsn,
        "new-bsns": ",".join(valid_bsns(999_992_000, 2)),
        "signal": str(SanctionSignal.objects.get(trajectory=signalled).uuid),
        "talk": str(ThreeWayTalk.objects.get(trajectory=signalled).uuid),
        "activity": str(activity.uuid),
        "employer": str(employers[0].uuid),
        "vacancy": str(vacancies[0].uuid),
        "proposal": str(proposal.uuid),
        "matchable": str(matchable.uuid),
        "consultant": str(consultant.uuid),
        "employer-event": str(event.uuid),
        "employer-wish": str(wish.uuid),
        "employer-location": str(location.uuid),
        "questionnaire-code": _questionnaire_code(journeys[1]),
        "report": _fuzz_report(nijmegen),
        "published-report": _fuzz_report(nijmegen, published=True),
        "cost-team": _cost_team(),
    }
    return World(
        tokens=tokens,
        users=users,
        pools=pools,
        records=records,
        fingerprint=database_fingerprint(),
    )


def _cost_team() -> str:
    """A WerkBedrijf team without members, whose time can be allocated in fte."""
    from werkbedrijf.organisations.models import Team, TeamKind
    from werkbedrijf.reference_data.organisations import werkbedrijf

    team, _created = Team.objects.get_or_create(
        organisation=werkbedrijf(), name="Jobcoaching", defaults={"kind": TeamKind.WERKBEDRIJF}
    )
    return str(team.uuid)


# --- every request in a savepoint, and what a refused request may not change ---------------------


def _guarded_tables() -> list[str]:
    tables = []
    for label in GUARDED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if not model._meta.managed or model._meta.proxy:
                continue
            tables.append(connection.ops.quote_name(model._meta.db_table))
    return sorted(tables)


def database_fingerprint() -> str:
    """Per guarded table its number of rows and the sum of a hash of every row, in one query."""
    parts = [
        f"(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM {table} t)"
        for table in _guarded_tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT concat_ws(',', " + ", ".join(parts) + ")")
        return cursor.fetchone()[0]


@contextmanager
def rolled_back():
    """Run the block in a savepoint that is always rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def is_uuid(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid_module.UUID(value)) == value
    except ValueError:
        return False


def stable_hash(text: str) -> int:
    """A hash that is the same in every run (Python's own hash() of a str is salted)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def _questionnaire_code(trajectory) -> str:
    """The code of a questionnaire letter for ``trajectory``, for the paper-answer operation."""
    from werkbedrijf.satisfaction.models import Invitation

    today = timezone.localdate()
    invitation = Invitation.objects.create(
        trajectory=trajectory,
        municipality=trajectory.municipality,
        moment="intake",
        token="fuzz-questionnaire-code",
        created_on=today,
        expires_on=today + timedelta(days=30),
    )
    return invitation.token


def _fuzz_report(municipality, *, published: bool = False) -> str:
    """A draft interim report of last year for ``municipality`` (the same one each call), or a
    published annual report of the year before."""
    from werkbedrijf.reporting.models import Report

    year = timezone.localdate().year - (2 if published else 1)
    kind = "annual" if published else "interim"
    report, _ = Report.objects.get_or_create(
        kind=kind,
        year=year,
        municipality=municipality,
        version=1,
        defaults={
            "period_start": date(year, 1, 1),
            "period_end": date(year, 12 if published else 6, 31 if published else 30),
            "definitions_version": "fuzz",
            "status": "published" if published else "draft",
            "published_at": timezone.now() if published else None,
        },
    )
    return str(report.uuid)
