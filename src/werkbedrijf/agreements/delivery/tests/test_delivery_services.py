"""Recording deliveries: what is accepted, and bad input refused with a Dutch message and nothing
written."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements.delivery import services
from werkbedrijf.agreements.delivery.models import (
    CoachingAssignment,
    DeliveryNote,
    HalfDaySession,
    TeamPresence,
)

HALF_DAYS = "extra-arbeidsbemiddeling-op-locatie"
BUURTTEAMS = "intensieve-aansluiting-buurtteams"
COACHING = "participatiecoaching"
KWARTIERMAKER = "Kwartiermaker Economisch Collectief Nijmegen"


def refused(call, field: str, code: str) -> str:
    """Run ``call`` in Dutch; it must raise one ValidationError with ``code`` on ``field``."""
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        call()
    errors = caught.value.error_dict
    assert field in errors, errors
    assert code in [e.code for e in errors[field]], errors
    return " ".join(m for e in errors[field] for m in e.messages)


def nothing_written():
    return not any(
        m.objects.exists() for m in (HalfDaySession, TeamPresence, CoachingAssignment, DeliveryNote)
    )


def test_a_half_day_of_nijmegen_is_recorded(manager, nijmegen, choice):
    session = services.record_half_day(
        actor=manager,
        municipality=nijmegen,
        choice=str(choice(HALF_DAYS).uuid),
        location=" Wijkcentrum Dukenburg ",
        day=date(2025, 3, 4),
        part_of_day="morning",
        status="held",
    )
    assert (session.location, session.status, session.recorded_by) == (
        "Wijkcentrum Dukenburg",
        "held",
        manager,
    )


def test_a_choice_of_another_municipality_is_refused(manager, nijmegen, choice):
    wijchen_half_days = choice(HALF_DAYS, cbs="GM0296")
    message = refused(
        lambda: services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=str(wijchen_half_days.uuid),
            location="Wijkcentrum",
            day=date(2025, 3, 4),
            part_of_day="morning",
        ),
        "choice",
        "other_municipality",
    )
    assert message == "Deze lokale keuze is er een van Wijchen, niet van Nijmegen."
    assert nothing_written()


def test_a_half_day_before_the_agreement_started_is_refused(manager, nijmegen, choice):
    # The DVO 2024-2025 started on 1 July 2024: the second quarter of 2024 lies outside it.
    message = refused(
        lambda: services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(HALF_DAYS, 2024),
            location="Wijkcentrum",
            day=date(2024, 5, 14),
            part_of_day="afternoon",
        ),
        "date",
        "outside_agreement",
    )
    assert "14-05-2024" in message and "kwartaal 2 van 2024" in message
    assert "01-07-2024" in message and "31-12-2024" in message
    assert nothing_written()


def test_a_date_in_the_next_year_belongs_to_the_next_years_choice(manager, nijmegen, choice):
    refused(
        lambda: services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(HALF_DAYS, 2024),
            location="Wijkcentrum",
            day=date(2025, 1, 7),
            part_of_day="morning",
        ),
        "date",
        "outside_agreement",
    )
    assert nothing_written()


def test_the_same_half_day_twice_is_refused(manager, nijmegen, choice):
    def record():
        return services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(HALF_DAYS),
            location="Wijkcentrum",
            day=date(2025, 3, 4),
            part_of_day="morning",
        )

    record()
    refused(record, "date", "duplicate")
    assert HalfDaySession.objects.count() == 1


def test_a_record_of_the_wrong_kind_is_refused(manager, nijmegen, choice):
    message = refused(
        lambda: services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(BUURTTEAMS),
            location="Buurtteam Oost",
            day=date(2025, 3, 4),
            part_of_day="morning",
        ),
        "choice",
        "wrong_kind",
    )
    assert "aanwezigheid bij een team" in message
    assert nothing_written()


def test_a_policy_adviser_records_nothing(policy_adviser_nijmegen, nijmegen, choice):
    with pytest.raises(AccessDenied):
        services.record_half_day(
            actor=policy_adviser_nijmegen,
            municipality=nijmegen,
            choice=choice(HALF_DAYS),
            location="Wijkcentrum",
            day=date(2025, 3, 4),
            part_of_day="morning",
        )
    assert nothing_written()


def test_presence_at_a_buurtteam_needs_a_werkbedrijf_worker(
    manager, coach, policy_adviser_nijmegen, nijmegen, choice
):
    refused(
        lambda: services.record_team_presence(
            actor=manager,
            municipality=nijmegen,
            choice=choice(BUURTTEAMS),
            location="Buurtteam Oost",
            worker=str(policy_adviser_nijmegen.uuid),
            start=date(2025, 1, 1),
        ),
        "worker",
        "unknown_worker",
    )
    assert nothing_written()
    presence = services.record_team_presence(
        actor=manager,
        municipality=nijmegen,
        choice=choice(BUURTTEAMS),
        location="Buurtteam Oost",
        worker=str(coach.uuid),
        start=date(2025, 1, 1),
    )
    assert presence.end is None and presence.worker == coach


def test_presence_ending_before_it_starts_is_refused(manager, coach, nijmegen, choice):
    refused(
        lambda: services.record_team_presence(
            actor=manager,
            municipality=nijmegen,
            choice=choice(BUURTTEAMS),
            location="Buurtteam Oost",
            worker=coach,
            start=date(2025, 6, 1),
            end=date(2025, 5, 1),
        ),
        "end",
        "end_before_start",
    )
    assert nothing_written()


def test_coaching_above_one_fte_is_refused(manager, coach, berg_en_dal, choice):
    bed = choice(COACHING, cbs="GM1945")
    refused(
        lambda: services.record_coaching(
            actor=manager,
            municipality=berg_en_dal,
            choice=bed,
            coach=coach,
            fte="1,2",
            start=date(2025, 1, 1),
        ),
        "fte",
        "fte_out_of_range",
    )
    services.record_coaching(
        actor=manager,
        municipality=berg_en_dal,
        choice=bed,
        coach=coach,
        fte="0,8",
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
    )
    # 0.8 until June plus 0.4 from May is 1.2 fte in May and June.
    message = refused(
        lambda: services.record_coaching(
            actor=manager,
            municipality=berg_en_dal,
            choice=bed,
            coach=coach,
            fte=D("0.4"),
            start=date(2025, 5, 1),
        ),
        "fte",
        "fte_over_full_time",
    )
    assert "0.80" in message or "0,80" in message
    assert CoachingAssignment.objects.count() == 1
    # From July the coach is free again.
    services.record_coaching(
        actor=manager,
        municipality=berg_en_dal,
        choice=bed,
        coach=coach,
        fte=D("0.4"),
        start=date(2025, 7, 1),
    )
    assert CoachingAssignment.objects.count() == 2


def test_a_delivery_note_for_the_kwartiermaker(manager, nijmegen, choice):
    note = services.record_delivery_note(
        actor=manager,
        municipality=nijmegen,
        choice=choice(KWARTIERMAKER),
        kind="periodic",
        day=date(2025, 3, 31),
        text="Drie bijeenkomsten ECN op Winkelsteeg en Bijsterhuizen.",
    )
    assert note.status == "delivered" and note.extra_work is None


def test_a_note_names_a_choice_or_meerwerk_not_both(manager, nijmegen, choice, detainee_work):
    refused(
        lambda: services.record_delivery_note(
            actor=manager,
            municipality=nijmegen,
            choice=choice(KWARTIERMAKER),
            extra_work=str(detainee_work.uuid),
            kind="milestone",
            day=date(2024, 3, 31),
            text="Iets",
        ),
        "choice",
        "choice_or_extra_work",
    )
    assert nothing_written()


def test_meerwerk_outside_its_period_is_refused(manager, nijmegen, detainee_work):
    # The 0,8 fte for (ex-)detainees ran in 2024 only (art. 10.3).
    message = refused(
        lambda: services.record_delivery_note(
            actor=manager,
            municipality=nijmegen,
            extra_work=str(detainee_work.uuid),
            kind="periodic",
            day=date(2025, 2, 1),
            text="Inzet in het team",
        ),
        "date",
        "outside_agreement",
    )
    assert "01-01-2024" in message and "31-12-2024" in message
    assert nothing_written()
    services.record_delivery_note(
        actor=manager,
        municipality=nijmegen,
        extra_work=str(detainee_work.uuid),
        kind="periodic",
        day=date(2024, 6, 30),
        text="Inzet in het team, eerste halfjaar",
    )


def test_meerwerk_of_another_municipality_is_refused(manager, wijchen, detainee_work):
    refused(
        lambda: services.record_delivery_note(
            actor=manager,
            municipality=wijchen,
            extra_work=str(detainee_work.uuid),
            kind="periodic",
            day=date(2024, 6, 30),
            text="Inzet",
        ),
        "extra_work",
        "other_municipality",
    )
    assert nothing_written()


def test_every_bad_field_is_named_at_once(manager, nijmegen, choice):
    with pytest.raises(ValidationError) as caught:
        services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(HALF_DAYS),
            location="  ",
            day=date(2023, 1, 1),
            part_of_day="evening",
            status="maybe",
        )
    assert set(caught.value.error_dict) == {"location", "part_of_day", "status", "date"}
    assert nothing_written()


def test_a_half_day_cannot_be_held_in_the_future(manager, nijmegen, choice):
    refused(
        lambda: services.record_half_day(
            actor=manager,
            municipality=nijmegen,
            choice=choice(HALF_DAYS),
            location="Wijkcentrum",
            day=date(2025, 12, 2),
            part_of_day="morning",
            status="held",
            today=date(2025, 11, 1),
        ),
        "status",
        "held_in_future",
    )
    assert nothing_written()
