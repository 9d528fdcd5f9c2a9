"""Fixtures of the access-request tests: privacy officers, and people with a record of every kind."""

from datetime import date

import pytest
from django.utils import timezone

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import (
    Activity,
    CandidateMove,
    ContactAssignment,
    DigitalAssessment,
    FurtherDiagnosis,
    Instrument,
    IntakeNote,
    JourneyStep,
    LadderStep,
    Placement,
    SanctionSignal,
    ThreeWayTalk,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.models import Employer
from werkbedrijf.reference_data import organisations as orgs
from werkbedrijf.retention.models import LegalHold

BSN = "999990019"  # test range; passes the 11-proef
OTHER_BSN = "999990020"
WIJCHEN_BSN = "999990032"
UNKNOWN_BSN = "999990044"


@pytest.fixture
def officer_werkbedrijf(make_user, werkbedrijf_org):
    return make_user(Role.PRIVACY_OFFICER, werkbedrijf_org)


@pytest.fixture
def officer_nijmegen(make_user, nijmegen):
    return make_user(Role.PRIVACY_OFFICER, nijmegen)


def _refer(actor, municipality, bsn, last_name, marker):
    return candidate_services.refer_candidate(
        actor=actor,
        municipality=municipality,
        person=PersonInput(
            bsn=bsn,
            first_name="Ådne",
            last_name=last_name,
            date_of_birth=date(1990, 5, 1),
            extra={"sector_wishes": ["cleaning"], "available_days": ["mon", "tue"]},
        ),
        referred_on=date(2026, 1, 5),
        note=f"{marker} aanmelding",
    )


def _fill(trajectory, consultant, case_manager, marker):
    """One record of every kind under the person, each carrying ``marker``."""
    candidate = trajectory.candidate
    JourneyStep.objects.create(
        trajectory=trajectory,
        from_phase="referred",
        to_phase="welcome",
        occurred_on=date(2026, 1, 10),
        reason=f"{marker} stap",
        recorded_by=consultant,
    )
    IntakeNote.objects.create(
        trajectory=trajectory,
        theme="obstacles",
        text=f"{marker} notitie",
        author=consultant,
        written_on=date(2026, 1, 12),
    )
    FurtherDiagnosis.objects.create(
        trajectory=trajectory, kind="health", start=date(2026, 1, 15), outcome=f"{marker} diagnose"
    )
    Activity.objects.create(
        trajectory=trajectory, kind="workshop", name=f"{marker} activiteit", start=date(2026, 2, 1)
    )
    employer, _ = Employer.objects.get_or_create(
        kvk_number="12345678", defaults={"name": "Schoon BV", "sector_group": "cleaning"}
    )
    Placement.objects.create(
        trajectory=trajectory,
        employer=employer,
        form="trial",
        start=date(2026, 3, 1),
        hours_per_week=24,
    )
    Instrument.objects.create(
        trajectory=trajectory,
        kind="travel",
        description=f"{marker} voorziening",
        start=date(2026, 3, 1),
        amount="123.45",
        srg_category="reiskosten",
    )
    SanctionSignal.objects.create(
        trajectory=trajectory,
        facts=f"{marker} feiten",
        advice="Waarschuwing",
        signalled_on=date(2026, 3, 5),
        signalled_by=consultant,
        decision="followed",
        decision_reasons=f"{marker} besluit",
        decided_on=date(2026, 3, 10),
        decided_by=case_manager,
    )
    ThreeWayTalk.objects.create(
        trajectory=trajectory,
        planned_on=date(2026, 3, 20),
        income_participant=case_manager,
        werkbedrijf_participant=consultant,
        outcome=f"{marker} gesprek",
    )
    LadderStep.objects.create(
        trajectory=trajectory, moment="intake", step=2, recorded_on=date(2026, 3, 1)
    )
    from werkbedrijf.matching.models import (
        Competence,
        ObtainedCertificate,
        Occupation,
        Proposal,
        Vacancy,
        WorkProfile,
    )
    from werkbedrijf.satisfaction.models import Invitation

    certificate, _ = Competence.objects.get_or_create(
        code="privacy-vca", defaults={"label": "VCA", "kind": "certificate"}
    )
    ObtainedCertificate.objects.create(
        trajectory=trajectory, certificate=certificate, obtained_on=date(2026, 3, 2)
    )

    WorkProfile.objects.create(candidate=candidate, experience=f"{marker} werkervaring")
    occupation, _ = Occupation.objects.get_or_create(
        code="privacy-schoonmaker", defaults={"label": "Schoonmaker", "sector_group": "cleaning"}
    )
    vacancy = Vacancy.objects.create(
        employer=employer,
        postcode="6511AB",
        title="Schoonmaker",
        occupation=occupation,
        sector_group="cleaning",
        hours_per_week=24,
        start_date=date(2026, 4, 1),
        status_since=date(2026, 3, 1),
        created_on=date(2026, 3, 1),
        created_by=consultant,
    )
    Proposal.objects.create(
        vacancy=vacancy,
        trajectory=trajectory,
        candidate=candidate,
        reason=f"{marker} voorstel",
        score="71.5",
        proposed_on=date(2026, 3, 3),
        proposed_by=consultant,
    )

    Invitation.objects.create(
        trajectory=trajectory,
        municipality=trajectory.municipality,
        moment="intake",
        token=f"{marker}-token",
        created_on=date(2026, 3, 2),
        expires_on=date(2026, 4, 1),
    )
    ContactAssignment.objects.create(
        candidate=candidate,
        contact=consultant,
        since=timezone.now(),
        handover_note=f"{marker} overdracht",
        recorded_by=consultant,
    )
    DigitalAssessment.objects.create(
        candidate=candidate,
        language="Tigrinya",
        completed_on=date(2026, 1, 20),
        competences=f"{marker} assessment",
    )
    LegalHold.objects.create(
        candidate=candidate, reason=f"{marker} bewaarplicht", placed_on=date(2026, 4, 1)
    )
    # Moved in from Wijchen before the referral (recorded as such, not through the service).
    CandidateMove.objects.create(
        candidate=candidate,
        from_municipality=orgs.municipality("GM0296"),
        to_municipality=candidate.municipality,
        moved_on=date(2025, 12, 1),
        reason=f"{marker} verhuizing",
        recorded_by=consultant,
    )


@pytest.fixture
def person(case_manager, consultant, nijmegen):
    trajectory = _refer(case_manager, nijmegen, BSN, "Çelik", "PERSOON-A")
    _fill(trajectory, consultant, case_manager, "PERSOON-A")
    return trajectory.candidate


@pytest.fixture
def other_person(case_manager, consultant, nijmegen):
    trajectory = _refer(case_manager, nijmegen, OTHER_BSN, "Jansen", "PERSOON-B")
    _fill(trajectory, consultant, case_manager, "PERSOON-B")
    return trajectory.candidate


@pytest.fixture
def wijchen_resident(make_user, wijchen):
    manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    return _refer(manager, wijchen, WIJCHEN_BSN, "Wijchenaar", "PERSOON-W").candidate
