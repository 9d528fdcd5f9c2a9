"""A small hand-built population in Nijmegen and Wijchen, first half of 2025, whose figures the
tests write out. Records are made directly (not through the services) so every date is exact."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import CatalogueService, LocalChoice, MunicipalAgreement
from werkbedrijf.candidates.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Candidate,
    Instrument,
    JourneyStep,
    LadderStep,
    Phase,
    Placement,
    SanctionSignal,
    Trajectory,
)
from werkbedrijf.employers.models import ContactMoment, Employer
from werkbedrijf.matching.catalogue import load_matching_reference_data
from werkbedrijf.matching.models import Competence, ObtainedCertificate
from werkbedrijf.reporting.policies import Period

H1_2025 = Period(date(2025, 1, 1), date(2025, 6, 30))


@dataclass
class World:
    nijmegen: object
    wijchen: object
    t: dict


@pytest.fixture
def population(region, nijmegen, wijchen, draft_dvo, make_user, werkbedrijf_org):
    consultant = make_user(Role.CONSULTANT, werkbedrijf_org)
    employer = Employer.objects.create(
        name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )
    bsn = iter(range(100000001, 100000100))

    def trajectory(municipality, referred_on, channel, born, phase=Phase.MAIN_ROUTE, **extra):
        candidate = Candidate.objects.create(
            bsn=str(next(bsn)),
            first_name="Test",
            last_name="Persoon",
            date_of_birth=born,
            municipality=municipality,
        )
        return Trajectory.objects.create(
            candidate=candidate,
            municipality=municipality,
            referred_on=referred_on,
            channel=channel,
            phase=phase,
            phase_since=referred_on,
            **extra,
        )

    def at_work(t, on, form):
        JourneyStep.objects.create(
            trajectory=t, from_phase=Phase.MAIN_ROUTE, to_phase=Phase.AT_WORK, occurred_on=on
        )
        return Placement.objects.create(
            trajectory=t, employer=employer, form=form, start=on, hours_per_week=Decimal(32)
        )

    t = {}
    t[1] = trajectory(
        nijmegen,
        date(2025, 1, 10),
        "screen",
        date(2000, 1, 1),
        Phase.AT_WORK,
        sector_group="cleaning",
    )
    at_work(t[1], date(2025, 3, 1), "regular")
    t[2] = trajectory(nijmegen, date(2025, 2, 1), "api", date(1960, 5, 5))
    t[3] = trajectory(
        nijmegen,
        date(2025, 4, 15),
        "screen",
        date(1990, 1, 1),
        Phase.RETURNED,
        closed_on=date(2025, 6, 1),
        return_reason="Verhuisd buiten de regio",
    )
    t[4] = trajectory(
        nijmegen,
        date(2024, 6, 1),
        "screen",
        date(1980, 1, 1),
        Phase.AT_WORK,
        sector_group="cleaning",
    )
    Placement.objects.create(
        trajectory=t[4],
        employer=employer,
        form="regular",
        start=date(2024, 9, 1),
        actual_end=date(2025, 5, 10),
        hours_per_week=Decimal(20),
    )
    at_work(t[4], date(2025, 5, 11), "secondment")
    t[5] = trajectory(
        nijmegen,
        date(2024, 1, 1),
        "screen",
        date(1970, 1, 1),
        Phase.OUTFLOW,
        closed_on=date(2024, 12, 31),
    )
    Placement.objects.create(
        trajectory=t[5],
        employer=employer,
        form="regular",
        start=date(2024, 7, 15),
        actual_end=date(2024, 12, 31),
        hours_per_week=Decimal(36),
    )
    t[6] = trajectory(nijmegen, date(2025, 3, 3), "self", date(2005, 2, 2), Phase.REFERRED)
    t["w1"] = trajectory(wijchen, date(2025, 1, 5), "upload", date(1985, 1, 1))
    t["w2"] = trajectory(wijchen, date(2025, 5, 5), "self", date(2004, 4, 4), Phase.INTAKE)

    def instrument(tr, kind, start, amount, wage_value=None):
        Instrument.objects.create(
            trajectory=tr,
            kind=kind,
            start=start,
            amount=amount,
            srg_category="x",
            wage_value=wage_value,
        )

    instrument(t[1], "wage_subsidy", date(2025, 3, 1), Decimal("1000.00"), Decimal(60))
    instrument(t["w1"], "wage_subsidy_lump_sum", date(2025, 2, 1), None, Decimal(45))
    instrument(t[2], "training", date(2025, 2, 10), Decimal("250.50"))
    instrument(t[2], "ownw", date(2025, 2, 1), None)
    instrument(t[4], "training", date(2024, 12, 1), Decimal("999.00"))  # before the period

    def signal(tr, on, decision="", decided_on=None):
        SanctionSignal.objects.create(
            trajectory=tr,
            facts="f",
            advice="a",
            signalled_on=on,
            signalled_by=consultant,
            decision=decision,
            decided_on=decided_on,
            decision_reasons="r" if decision else "",
        )

    signal(t[2], date(2025, 3, 1), "followed", date(2025, 3, 15))
    signal(t[4], date(2025, 4, 1), "deviated", date(2025, 4, 20))
    signal(t[1], date(2025, 5, 1))

    for tr, step, on in (
        (t[2], 2, date(2025, 2, 5)),
        (t[2], 3, date(2025, 6, 1)),
        (t[4], 3, date(2024, 6, 10)),
        (t[4], 3, date(2025, 5, 1)),
        (t[1], 2, date(2025, 1, 20)),
    ):
        LadderStep.objects.create(trajectory=tr, moment="review", step=step, recorded_on=on)

    training = Activity.objects.create(
        trajectory=t[2],
        kind=ActivityKind.TRAINING,
        start=date(2025, 3, 1),
        end=date(2025, 4, 30),
        status=ActivityStatus.COMPLETED,
    )
    Activity.objects.create(trajectory=t[6], kind=ActivityKind.CARE_YOUTH, start=date(2025, 2, 1))

    # Certificates: t2 two (one from the training), t1 one, all in Nijmegen in the half year;
    # Wijchen one in the half year (w2) and one in 2024 (w1).
    load_matching_reference_data()
    for tr, code, on, source in (
        (t[2], "vca-basis", date(2025, 4, 30), training),
        (t[2], "heftruck", date(2025, 5, 2), None),
        (t[1], "vca-basis", date(2025, 2, 1), None),
        (t["w1"], "bhv", date(2024, 12, 15), None),
        (t["w2"], "bhv", date(2025, 6, 10), None),
    ):
        ObtainedCertificate.objects.create(
            trajectory=tr,
            certificate=Competence.objects.get(code=code),
            obtained_on=on,
            activity=source,
        )

    # Further diagnoses that ended: t2 back to the main route, t3 returned to the municipality in
    # the half year; t4's ended in 2024.
    for tr, to_phase, on in (
        (t[2], Phase.MAIN_ROUTE, date(2025, 2, 20)),
        (t[3], Phase.RETURNED, date(2025, 6, 1)),
        (t[4], Phase.MAIN_ROUTE, date(2024, 8, 1)),
    ):
        JourneyStep.objects.create(
            trajectory=tr, from_phase=Phase.FURTHER_DIAGNOSIS, to_phase=to_phase, occurred_on=on
        )

    # Contacts with employers: three for Nijmegen with two employers, one for Wijchen with one of
    # them, one in 2024.
    builder = Employer.objects.create(
        name="Bouw BV", kvk_number="87654321", sector_group="construction_ict"
    )
    for who, kind, on, municipality in (
        (employer, "visit", date(2025, 2, 1), nijmegen),
        (employer, "call", date(2025, 5, 1), nijmegen),
        (builder, "meeting", date(2025, 3, 3), nijmegen),
        (employer, "call", date(2025, 4, 4), wijchen),
        (builder, "visit", date(2024, 12, 1), nijmegen),
    ):
        ContactMoment.objects.create(
            employer=who,
            kind=kind,
            contact_on=on,
            subject="Vacatures",
            consultant=consultant,
            municipality=municipality,
        )

    # Nijmegen bought 20 maatwerk-interventies for 2025; three were delivered in the half year.
    draft_dvo.status = "adopted"
    draft_dvo.save()
    choice = LocalChoice.objects.create(
        municipal_agreement=MunicipalAgreement.objects.get(
            agreement=draft_dvo, municipality=nijmegen
        ),
        year=2025,
        service=CatalogueService.objects.get(
            catalogue__agreement=draft_dvo, code="maatwerk-interventies"
        ),
        quantity=Decimal(20),
    )
    for tr, status in (
        (t[1], "completed"),
        (t[2], "completed"),
        (t[4], "completed"),
        (t[6], "in_progress"),
    ):
        Activity.objects.create(
            trajectory=tr,
            kind=ActivityKind.TARGET_GROUP,
            start=date(2025, 2, 15),
            status=status,
            charged_to=choice,
        )
    return World(nijmegen, wijchen, t)
