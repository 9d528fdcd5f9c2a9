"""The world the access matrix is tried in: for Nijmegen and Wijchen each a candidate with a
trajectory and every kind of record under it, a returned candidate, a draft and an adopted DVO with
their choices, opinions, signatures, consents and documents; an employer; staff to look up in the
admin; and one signed-in staff member (session with both factors, and an API token) for every role
at every kind of organisation it may belong to.

"own" is Nijmegen's record (the municipal test users work at Nijmegen), "other" Wijchen's; a staff
account is "own" when it is a colleague of the user asking. WerkBedrijf's test users are members of
the team of the contact person of Nijmegen's candidates, so for them Nijmegen's candidates are
their team's caseload ("team"); Wijchen's candidates have a contact person in another team. Two
residents moved: one from Nijmegen to Wijchen (a move is "own" to both municipalities), one from
Wijchen to Berg en Dal. Every record carries the strings that would give it away (a person's
names, BSN and uuid; a draft's secret choice), so a test can check an answer holds none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from werkbedrijf.access.matrix import Record
from werkbedrijf.accounts.models import ROLE_ORGANISATION_KINDS, Role
from werkbedrijf.accounts.services import (
    add_backup_codes,
    add_totp_device,
    create_staff_account,
    issue_api_token,
)
from werkbedrijf.agreements import selectors as agreement_selectors
from werkbedrijf.agreements import services as agreement_services
from werkbedrijf.agreements.models import AgreementVersion, CatalogueService
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.agreements.testing import build_dvo
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.conftest import verified_client
from werkbedrijf.employers import services as employer_services
from werkbedrijf.organisations.models import OrganisationKind, Team
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.utils.bsn import nth_test_bsn

OWN, OTHER = "own", "other"
YEAR = 2025  # the year composed, changed and checked in both agreements
# Stages of the documents of a municipal agreement, and the kind in the download's URL.
DOCUMENTS = {
    "opinion": ("zienswijze", "draft"),
    "municipality-consent": ("instemming-gemeente", "adopted"),
    "board-consent": ("instemming-db", "adopted"),
    "signature": ("ondertekening", "adopted"),
}


@dataclass
class Actor:
    """A signed-in staff member with one role."""

    role: Role
    kind: str
    user: object
    session_key: str
    token: str

    @property
    def label(self) -> str:
        return f"{self.role.value}@{self.kind}"

    @property
    def organisation(self):
        return self.user.organisation


@dataclass
class Target:
    """One record a request can be about."""

    obj: object
    organisation: object = None  # the organisation it belongs to, None if none
    stage: str = "none"  # draft / adopted for records of an agreement
    markers: tuple[str, ...] = ()  # what would give it away in an answer
    extra: dict = field(default_factory=dict)
    team: object = None  # about a candidate: the team of their contact person
    parties: tuple = ()  # further organisations it is own to (a move: the municipality left)

    @property
    def uuid(self) -> str:
        """Its uuid, as in its URL (the few records without one: their key)."""
        found = getattr(self.obj, "uuid", None) or getattr(self.obj, "pk", None)
        return str(found or "")


def variants_of(kind: Record | None, bound: bool, staged: bool) -> tuple[str, ...]:
    """The variants a request about ``kind`` is tried with."""
    if kind is None:
        return ("-",)
    if kind is Record.DOCUMENT:
        return tuple(f"{side}-{doc}" for doc in DOCUMENTS for side in (OWN, OTHER))
    if bound and staged:
        return tuple(f"{side}-{stage}" for stage in ("draft", "adopted") for side in (OWN, OTHER))
    if bound:
        return (OWN, OTHER)
    if staged:
        return ("draft", "adopted")
    return ("-",)


class World:
    def __init__(self):
        self.today = timezone.localdate()
        self.actors: dict[str, Actor] = {}
        self.targets: dict[tuple[Record, str], Target] = {}
        self.colleagues: dict[int, object] = {}  # organisation pk -> a staff member to look up
        self.admin_objects: dict[str, Target] = {}
        self.candidates: list[Target] = []  # every person, for the leak checks
        self.municipal_agreements: list[Target] = []
        self.staff: list[Target] = []
        self.moves: list[Target] = []

    # --- lookups for the tests ---

    def target(self, kind: Record, variant: str, actor: Actor | None, key: str = "") -> Target:
        if kind is Record.STAFF_ACCOUNT:
            if variant == OWN and actor is not None:
                return self._staff_target(self.colleagues[actor.organisation.pk])
            return self._staff_target(self.colleagues[self.wijchen.pk])
        if kind in (Record.OTP_DEVICE, Record.LOGIN_RECORD):
            model = key.split(":", 1)[1].rsplit("_", 1)[0]  # admin:otp_totp_totpdevice_change
            if model.endswith(("_config", "_qrcode")):
                model = model.rsplit("_", 1)[0]
            return self.admin_objects[model]
        if kind is Record.JOB:
            return self._job_target(actor if variant == OWN and actor is not None else None)
        return self.targets[(kind, variant)]

    def _job_target(self, actor) -> Target:
        """A finished job with a result: the asking actor's own, or a Wijchen colleague's."""
        from django.core.files.base import ContentFile

        from werkbedrijf.jobs.models import Job, JobStatus

        user = actor.user if actor is not None else self.colleagues[self.wijchen.pk]
        job = Job.objects.create(
            kind="matrix", user=user, status=JobStatus.DONE, progress=100, result_name="r.txt"
        )
        job.result.save("r.txt", ContentFile(b"matrix"), save=True)
        return Target(job, organisation=user.organisation)

    def _staff_target(self, user) -> Target:
        return Target(
            user,
            organisation=user.organisation,
            markers=(user.first_name, user.last_name, user.email),
        )

    def records_of(self, kind: Record) -> list[Target]:
        """The world's records of a kind a list may show, for the list checks."""
        if kind is Record.CANDIDATE:
            return self.candidates
        if kind is Record.MUNICIPAL_AGREEMENT:
            return self.municipal_agreements
        if kind is Record.STAFF_ACCOUNT:
            return self.staff
        if kind is Record.CANDIDATE_MOVE:
            return self.moves
        return []


def build_world() -> World:
    world = World()
    orgs.load_organisations()
    nijmegen, wijchen = orgs.municipality("GM0268"), orgs.municipality("GM0296")
    berg_en_dal = orgs.municipality("GM1945")
    werkbedrijf, mgr = orgs.werkbedrijf(), orgs.mgr()
    world.berg_en_dal = berg_en_dal
    # The team whose caseload Nijmegen's candidates are, and another one.
    own_team = Team.objects.get(organisation=werkbedrijf, name="Intake en diagnose")
    other_team = Team.objects.get(organisation=werkbedrijf, name="Bedrijfsdienstverlening")
    world.nijmegen, world.wijchen, world.werkbedrijf, world.mgr = (
        nijmegen,
        wijchen,
        werkbedrijf,
        mgr,
    )
    at_kind = {
        OrganisationKind.MUNICIPALITY: nijmegen,
        OrganisationKind.WERKBEDRIJF: werkbedrijf,
        OrganisationKind.MGR: mgr,
    }
    today = world.today

    def staff(username, organisation, role, **names):
        if organisation == werkbedrijf:
            names.setdefault("team", own_team)
        return create_staff_account(
            username=username, organisation=organisation, roles=[role], password=None, **names
        )

    # Who builds the world (not the ones tried), and the contact persons: Nijmegen's candidates
    # have one in the tried users' team, Wijchen's one in another team.
    consultant = staff("setup-consultant", werkbedrijf, Role.CONSULTANT)
    contacts = {
        nijmegen.pk: consultant,
        wijchen.pk: staff("setup-consultant-other", werkbedrijf, Role.CONSULTANT, team=other_team),
    }
    teams = {nijmegen.pk: own_team, wijchen.pk: other_team}
    dvo_admin = staff("setup-dvo-admin", werkbedrijf, Role.DVO_ADMIN)
    case_managers = {
        m.pk: staff(f"setup-icm-{m.cbs_code}", m, Role.INCOME_CASE_MANAGER)
        for m in (nijmegen, wijchen)
    }

    # Everybody tried: every role at every kind of organisation it may belong to.
    for role in Role:
        for kind in sorted(ROLE_ORGANISATION_KINDS[role]):
            user = staff(f"matrix-{role.value}-{kind}", at_kind[kind], role)
            add_backup_codes(user, ["12345678"])
            session_key = verified_client(user).session.session_key
            _token, raw = issue_api_token(user=user, name="matrix")
            actor = Actor(role, kind, user, session_key, raw)
            world.actors[actor.label] = actor

    # A staff member per organisation to look up in the admin: "own" is the asker's colleague.
    for organisation, (first, last) in {
        nijmegen: ("Hiltje", "Hazelworm-Nijmegen"),
        wijchen: ("Wobbe", "Wespendief-Wijchen"),
        werkbedrijf: ("Wendelmoet", "Waterral-Werkbedrijf"),
        mgr: ("Meinard", "Mantelmeeuw-Mgr"),
    }.items():
        colleague = create_staff_account(
            username=f"colleague-{organisation.pk}",
            organisation=organisation,
            roles=[],
            password=None,
            first_name=first,
            last_name=last,
            email=f"{last.lower()}@example.org",
        )
        world.colleagues[organisation.pk] = colleague
        world.staff.append(world._staff_target(colleague))

    for organisation, side in ((nijmegen, OWN), (wijchen, OTHER)):
        world.targets[(Record.MUNICIPALITY, side)] = Target(organisation, organisation=organisation)
        world.targets[(Record.ORGANISATION, side)] = Target(organisation, organisation=organisation)
        team = Team.objects.create(organisation=organisation, kind="income", name="Team Inkomen")
        world.targets[(Record.TEAM, side)] = Target(team, organisation=organisation)

    # --- the employer ---
    employer = employer_services.register_employer(
        actor=consultant,
        name="Matrix Schoonmaak BV",
        kvk_number="11223344",
        sector_group="cleaning",
        contact_name="Els Contactpersoon",
    )
    world.employer = employer
    world.targets[(Record.EMPLOYER, "-")] = Target(employer)

    # --- the agreements: a draft and an adopted one, each for Nijmegen and Wijchen ---
    for stage in ("draft", "adopted"):
        agreement = build_dvo(
            nijmegen.region,
            {nijmegen: 100000, wijchen: 100000},
            title=f"DVO matrix {stage}",
            services=("maatwerk-interventies",),
        )
        catalogue = agreement.catalogue
        service = catalogue.services.get()
        world.targets[(Record.AGREEMENT, stage)] = Target(agreement, stage=stage)
        world.targets[(Record.CATALOGUE, stage)] = Target(catalogue, stage=stage)
        world.targets[(Record.CATALOGUE_SERVICE, stage)] = Target(service, stage=stage)
        mas = {}
        for municipality, side in ((nijmegen, OWN), (wijchen, OTHER)):
            ma = agreement.municipal_agreements.get(municipality=municipality)
            secret = f"Geheimkeuze-{municipality.name}-{stage}"
            agreement_services.save_choices(
                actor=dvo_admin,
                municipal_agreement=ma,
                year=YEAR,
                lines=[
                    # 10 candidates at € 25.000 instead of the card's € 30.000: a deviation.
                    LineInput(service=str(service.uuid), quantity=10, agreed_amount=25000),
                    LineInput(
                        custom_name=secret, custom_unit="traject", quantity=1, agreed_amount=1
                    ),
                ],
            )
            for finding in agreement_selectors.check_municipal_year(ma, YEAR).unaccepted:
                agreement_services.accept_deviation(
                    actor=dvo_admin,
                    municipal_agreement=ma,
                    year=YEAR,
                    finding_key=finding.key,
                    reason="Afgesproken",
                )
            opinion = agreement_services.record_opinion(
                actor=dvo_admin,
                municipal_agreement=ma,
                kind="college_opinion",
                text=f"Zienswijze {secret}",
                received_on=date(2024, 5, 1),
                document=SimpleUploadedFile("zienswijze.pdf", b"%PDF-1.4 zienswijze"),
            )
            mas[side] = (ma, secret, opinion)
        if stage == "adopted":
            AgreementVersion.objects.filter(pk=agreement.pk).update(
                status="adopted", adopted_on=date(2024, 6, 20)
            )
            agreement.refresh_from_db()
        for side, (ma, secret, opinion) in mas.items():
            ma.refresh_from_db()
            markers = (secret,) if stage == "draft" else ()
            ma_target = Target(ma, ma.municipality, stage, markers)
            world.targets[(Record.MUNICIPAL_AGREEMENT, f"{side}-{stage}")] = ma_target
            world.municipal_agreements.append(ma_target)
            choice = ma.choices.filter(custom_name=secret).get()
            world.targets[(Record.LOCAL_CHOICE, f"{side}-{stage}")] = Target(
                choice, ma.municipality, stage, markers
            )
            world.targets[(Record.BUDGET, f"{side}-{stage}")] = Target(
                ma.budgets.get(year=YEAR), ma.municipality, stage, markers
            )
            acceptance = ma.acceptances.filter(year=YEAR).first()
            world.targets[(Record.DEVIATION_ACCEPTANCE, f"{side}-{stage}")] = Target(
                acceptance,
                ma.municipality,
                stage,
                markers,
                extra={"finding_key": acceptance.finding_key},
            )
            ma_target.extra["finding_key"] = acceptance.finding_key
            ma_target.extra["service"] = str(
                CatalogueService.objects.get(catalogue__agreement=ma.agreement).uuid
            )
            if stage == "draft":
                world.targets[(Record.DOCUMENT, f"{side}-opinion")] = Target(
                    opinion, ma.municipality, stage, markers, extra={"kind": "zienswijze"}
                )
                continue
            ma = agreement_services.record_signature(
                actor=dvo_admin,
                municipal_agreement=ma,
                signed_on=date(2024, 7, 1),
                signed_by="Wethouder Werk",
                document=SimpleUploadedFile("ondertekening.pdf", b"%PDF-1.4 getekend"),
            )
            change = agreement_services.change_choices_midterm(
                actor=dvo_admin,
                municipal_agreement=ma,
                year=YEAR,
                effective_from=date(2025, 7, 1),
                reason="Tussentijds",
                lines=[
                    LineInput(service=ma_target.extra["service"], quantity=10),
                    LineInput(
                        custom_name=secret, custom_unit="traject", quantity=1, agreed_amount=1
                    ),
                ],
                municipality_consent_on=date(2025, 6, 1),
                municipality_consent_document=SimpleUploadedFile("gemeente.pdf", b"%PDF-1.4 g"),
                board_consent_on=date(2025, 6, 15),
                board_consent_document=SimpleUploadedFile("db.pdf", b"%PDF-1.4 db"),
            )
            choice = ma.choices.filter(custom_name=secret, valid_until__isnull=True).get()
            world.targets[(Record.LOCAL_CHOICE, f"{side}-{stage}")] = Target(
                choice, ma.municipality, stage, markers
            )
            for doc, kind_of_document, holder in (
                ("municipality-consent", "instemming-gemeente", change),
                ("board-consent", "instemming-db", change),
                ("signature", "ondertekening", ma),
            ):
                world.targets[(Record.DOCUMENT, f"{side}-{doc}")] = Target(
                    holder, ma.municipality, stage, markers, extra={"kind": kind_of_document}
                )

    # --- candidates: per municipality one in the journey with every record, one returned ---
    people = {
        nijmegen: [("Quirijntje", "Vlindervanger"), ("Zebediah", "Kwartelkoning")],
        wijchen: [("Wilhelmientje", "Wolkenkrabber"), ("Xaverius", "IJsvogeltje")],
    }
    n = 600
    for municipality, side in ((nijmegen, OWN), (wijchen, OTHER)):
        case_manager = case_managers[municipality.pk]
        (first, last), (first_returned, last_returned) = people[municipality]
        n += 1
        trajectory = candidate_services.refer_candidate(
            actor=case_manager,
            municipality=municipality,
            person=PersonInput(
                nth_test_bsn(n), first, last, date(1990, 5, 1), extra={"refugee": True}
            ),
            referred_on=today - timedelta(days=60),
        )
        for target, days_ago in (("welcome", 50), ("intake", 40)):
            trajectory = candidate_services.take_step(
                actor=consultant,
                trajectory=trajectory,
                target=target,
                occurred_on=today - timedelta(days=days_ago),
            )
        candidate = trajectory.candidate
        markers = (candidate.first_name, candidate.last_name, candidate.bsn, str(candidate.uuid))

        def about(obj, candidate=candidate, municipality=municipality, markers=markers):
            return Target(
                obj,
                municipality,
                markers=markers,
                extra={"person": candidate.uuid},
                team=teams[municipality.pk],
            )

        person = about(candidate)
        world.candidates.append(person)
        world.targets[(Record.CANDIDATE, side)] = person
        world.targets[(Record.TRAJECTORY, side)] = about(trajectory)
        world.targets[(Record.ACCESS_REQUEST, side)] = about(candidate)
        candidate_services.add_intake_note(
            actor=consultant, trajectory=trajectory, theme="obstacles", text="Geen rijbewijs"
        )
        activity, _warning = candidate_services.add_activity(
            actor=consultant,
            trajectory=trajectory,
            kind="workshop",
            start=today - timedelta(days=20),
        )
        world.targets[(Record.ACTIVITY, side)] = about(activity)
        candidate_services.add_placement(
            actor=consultant,
            trajectory=trajectory,
            employer=employer,
            form="work_experience",
            start=today - timedelta(days=30),
            planned_end=today + timedelta(days=60),
            hours_per_week=24,
        )
        candidate_services.add_instrument(
            actor=consultant,
            trajectory=trajectory,
            kind="training",
            start=today - timedelta(days=30),
            amount=Decimal(100),
        )
        signal = candidate_services.signal_sanction(
            actor=consultant, trajectory=trajectory, facts="Niet verschenen", advice="Maatregel"
        )
        world.targets[(Record.SANCTION_SIGNAL, side)] = about(signal)
        talk = candidate_services.plan_talk(
            actor=consultant, trajectory=trajectory, planned_on=today + timedelta(days=10)
        )
        world.targets[(Record.THREE_WAY_TALK, side)] = about(talk)
        candidate_services.assign_contact(
            actor=consultant, candidate=candidate, contact=contacts[municipality.pk]
        )
        candidate_services.record_assessment(
            actor=consultant, candidate=candidate, language="Tigrinya", completed_on=today
        )
        n += 1
        returned = candidate_services.refer_candidate(
            actor=case_manager,
            municipality=municipality,
            person=PersonInput(nth_test_bsn(n), first_returned, last_returned, date(1985, 1, 1)),
            referred_on=today - timedelta(days=30),
        )
        candidate_services.take_step(
            actor=consultant,
            trajectory=returned,
            target="returned",
            reason="Eerst zorg",
            occurred_on=today - timedelta(days=5),
        )
        other = returned.candidate
        candidate_services.assign_contact(
            actor=consultant, candidate=other, contact=contacts[municipality.pk]
        )
        world.candidates.append(
            Target(
                other,
                municipality,
                markers=(other.first_name, other.last_name, other.bsn, str(other.uuid)),
                team=teams[municipality.pk],
            )
        )

    # --- moves: from Nijmegen to Wijchen (own to Nijmegen), from Wijchen to Berg en Dal ---
    for (first, last), leaves, moves_to in (
        (("Odilia", "Oeverzwaluw"), nijmegen, wijchen),
        (("Wouter", "Wegtrekker"), wijchen, berg_en_dal),
    ):
        n += 1
        moving = candidate_services.refer_candidate(
            actor=case_managers[leaves.pk],
            municipality=leaves,
            person=PersonInput(nth_test_bsn(n), first, last, date(1992, 3, 1)),
            referred_on=today - timedelta(days=40),
        ).candidate
        move = candidate_services.move_candidate(
            actor=consultant,
            candidate=moving,
            to_municipality=moves_to,
            moved_on=today - timedelta(days=10),
            reason="Nieuw adres",
        )
        world.moves.append(
            Target(
                move,
                moves_to,
                markers=(first, last, moving.bsn, str(moving.uuid)),
                parties=(leaves,),
            )
        )

    # --- what only the admin shows ---
    entry = ProcessingLogEntry.objects.filter(
        data_subject_uuid__isnull=False, record_type="candidates.Trajectory"
    ).first()
    world.targets[(Record.PROCESSING_LOG_ENTRY, "-")] = Target(entry)
    world.targets[(Record.AUTH_GROUP, "-")] = Target(Group.objects.create(name="Ongebruikt"))
    world.targets[(Record.ADMIN_APP, "-")] = Target(None, extra={"app_label": "agreements"})
    wijchen_colleague = world.colleagues[wijchen.pk]
    world.admin_objects["otp_totp_totpdevice"] = Target(add_totp_device(wijchen_colleague))
    world.admin_objects["otp_static_staticdevice"] = Target(
        StaticDevice.objects.create(user=wijchen_colleague, name="backup")
    )
    login = dict(
        username=wijchen_colleague.username,
        ip_address="192.0.2.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/inloggen/",
    )
    world.admin_objects["axes_accessattempt"] = Target(
        AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **login)
    )
    world.admin_objects["axes_accesslog"] = Target(AccessLog.objects.create(**login))
    world.admin_objects["axes_accessfailurelog"] = Target(AccessFailureLog.objects.create(**login))
    person = world.targets[(Record.CANDIDATE, OTHER)]
    world.view_on_site = (ContentType.objects.get_for_model(person.obj).pk, person.obj.pk)
    return world
