"""The candidate journey: referral, steps, placements, instruments, activities, the Inkomen loop,
and every refusal the issue names."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import policies, selectors, services
from werkbedrijf.candidates.models import Candidate, ContactAssignment, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.employers.services import register_employer
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn as _bsn

pytestmark = pytest.mark.django_db

VALID_BSN = "999990019"  # test range, passes the 11-proef
OTHER_BSN = "999990020"


def test_test_bsns_pass_the_11_proef():
    from werkbedrijf.utils.bsn import is_valid_bsn

    assert is_valid_bsn(VALID_BSN)
    assert not is_valid_bsn("123456789")


@pytest.fixture
def case_manager_wijchen(make_user, wijchen):
    return make_user(Role.INCOME_CASE_MANAGER, wijchen)


def person(bsn=VALID_BSN, born=date(1990, 5, 1), **extra):
    return PersonInput(
        bsn=bsn, first_name="Ådne", last_name="Çelik-ʼt Hooft", date_of_birth=born, extra=extra
    )


@pytest.fixture
def referred(case_manager, nijmegen):
    return services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=person(postcode="6511 pp"),
        referred_on=date(2026, 1, 5),
    )


def test_municipality_refers_a_resident(referred):
    assert referred.phase == "referred"
    assert referred.candidate.postcode == "6511PP"
    assert referred.candidate.last_name == "Çelik-ʼt Hooft"
    assert ProcessingLogEntry.objects.filter(record_uuid=referred.uuid, action="create").exists()


def test_invalid_bsn_is_refused(case_manager, nijmegen):
    with pytest.raises(ValidationError) as error:
        services.refer_candidate(
            actor=case_manager, municipality=nijmegen, person=person(bsn="123456789")
        )
    assert "bsn" in error.value.message_dict
    assert not Candidate.objects.exists()


def test_second_active_referral_is_refused(referred, case_manager, nijmegen):
    with pytest.raises(ValidationError) as error:
        services.refer_candidate(actor=case_manager, municipality=nijmegen, person=person())
    assert "bsn" in error.value.message_dict
    assert Trajectory.objects.count() == 1


def test_date_of_birth_in_the_future_is_refused(case_manager, nijmegen):
    with pytest.raises(ValidationError) as error:
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=person(born=timezone.localdate() + timedelta(days=1)),
        )
    assert "date_of_birth" in error.value.message_dict


def test_case_manager_cannot_refer_for_another_municipality(case_manager, wijchen):
    with pytest.raises(AccessDenied):
        services.refer_candidate(actor=case_manager, municipality=wijchen, person=person())


def test_other_municipality_cannot_see_the_candidate(referred, case_manager_wijchen):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.get_candidate(case_manager_wijchen, referred.candidate.uuid)
    assert selectors.caseload(case_manager_wijchen, selectors.Filters()).rows == []


def test_get_candidate_reads_the_candidate_as_the_orm_does(
    referred, consultant, case_manager, case_manager_wijchen
):
    """get_candidate's own statement gives every field of the candidate and its municipality as
    the ORM reads them (JSON lists, dates, flags), logs the read naming the person, and is 404
    outside the user's scope, for an unknown UUID and for no UUID at all."""
    from uuid import uuid4

    from django.http import Http404

    Candidate.objects.filter(pk=referred.candidate.pk).update(
        sector_wishes=["cleaning", "care"], available_days=["mon"], hours_per_week=24
    )
    expected = Candidate.objects.select_related("municipality").get(pk=referred.candidate.pk)
    for user in (consultant, case_manager):
        found = selectors.get_candidate(user, str(expected.uuid))
        for model, one, other in (
            (Candidate, found, expected),
            (type(expected.municipality), found.municipality, expected.municipality),
        ):
            fields = [f.attname for f in model._meta.concrete_fields]
            assert [getattr(one, f) for f in fields] == [getattr(other, f) for f in fields]
        assert found.sector_wishes == ["cleaning", "care"]
        assert found.has_moves is False  # the page reads no moves (test_moves: one that has)
        entry = ProcessingLogEntry.objects.filter(actor=user).latest("id")
        assert (entry.action, entry.record_type) == ("read", "candidates.Candidate")
        assert entry.record_uuid == entry.data_subject_uuid == expected.uuid
    for user, uuid in (
        (case_manager_wijchen, expected.uuid),
        (consultant, uuid4()),
        (consultant, "not-a-uuid"),
    ):
        with pytest.raises(Http404):
            selectors.get_candidate(user, uuid)


def test_policy_adviser_sees_no_candidates(referred, policy_adviser_nijmegen):
    assert selectors.caseload(policy_adviser_nijmegen, selectors.Filters()).rows == []


def walk(trajectory, actor, *steps):
    for target, kwargs in steps:
        trajectory = services.take_step(
            actor=actor,
            trajectory=trajectory,
            target=target,
            occurred_on=date(2026, 2, 1),
            **kwargs,
        )
    return trajectory


def test_the_whole_journey_to_outflow(referred, consultant, employer):
    trajectory = walk(
        referred,
        consultant,
        ("welcome", {}),
        ("intake", {}),
        ("further_diagnosis", {}),
        ("main_route", {"sector_group": "cleaning", "business_consultant": consultant}),
    )
    services.add_placement(  # "At work" needs the placement
        actor=consultant,
        trajectory=trajectory,
        employer=employer,
        form="regular",
        start=date(2026, 2, 1),
        planned_end=None,
        hours_per_week=32,
    )
    trajectory = walk(trajectory, consultant, ("at_work", {"aftercare": True}), ("outflow", {}))
    assert trajectory.phase == "outflow" and trajectory.closed_on == date(2026, 2, 1)
    assert [s.to_phase for s in trajectory.steps.all()] == [
        "referred",
        "welcome",
        "intake",
        "further_diagnosis",
        "main_route",
        "at_work",
        "outflow",
    ]


def test_a_step_the_state_machine_does_not_allow_is_refused(referred, consultant):
    with pytest.raises(ValidationError) as error:
        services.take_step(actor=consultant, trajectory=referred, target="at_work")
    assert "phase" in error.value.message_dict
    referred.refresh_from_db()
    assert referred.phase == "referred"


def test_main_route_needs_sector_group_and_consultant(referred, consultant):
    trajectory = walk(referred, consultant, ("intake", {}))
    with pytest.raises(ValidationError):
        services.take_step(actor=consultant, trajectory=trajectory, target="main_route")


def test_return_needs_a_reason_and_is_visible_to_the_municipality(
    referred, consultant, case_manager
):
    with pytest.raises(ValidationError):
        services.take_step(actor=consultant, trajectory=referred, target="returned")
    services.take_step(
        actor=consultant,
        trajectory=referred,
        target="returned",
        reason="Werk is nu niet haalbaar",
        warm_handover=True,
    )
    page = selectors.caseload(case_manager, selectors.Filters(active_only=False, phase="returned"))
    assert [r.return_reason for r in page.rows] == ["Werk is nu niet haalbaar"]


def test_a_new_referral_after_return_is_allowed(referred, consultant, case_manager, nijmegen):
    services.take_step(actor=consultant, trajectory=referred, target="returned", reason="x")
    again = services.refer_candidate(actor=case_manager, municipality=nijmegen, person=person())
    assert again.candidate_id == referred.candidate_id


def test_one_contact_person_at_a_time_with_handovers(
    referred, consultant, make_user, werkbedrijf_org
):
    other = make_user(Role.CONSULTANT, werkbedrijf_org)
    candidate = referred.candidate
    services.assign_contact(actor=consultant, candidate=candidate, contact=consultant)
    services.assign_contact(actor=consultant, candidate=candidate, contact=other, note="verlof")
    assert ContactAssignment.objects.filter(candidate=candidate).count() == 2
    assert selectors.current_contact(candidate).contact == other


def in_main_route(referred, consultant):
    return walk(
        referred,
        consultant,
        ("intake", {}),
        ("main_route", {"sector_group": "cleaning", "business_consultant": consultant}),
    )


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def test_leerwerkplek_of_seven_months_without_bbl_is_refused(referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    with pytest.raises(ValidationError) as error:
        services.add_placement(
            actor=consultant,
            trajectory=trajectory,
            employer=employer,
            form="work_experience",
            start=date(2026, 3, 1),
            planned_end=date(2026, 10, 1),
            hours_per_week=24,
        )
    assert "planned_end" in error.value.message_dict
    placement = services.add_placement(
        actor=consultant,
        trajectory=trajectory,
        employer=employer,
        form="work_experience",
        start=date(2026, 3, 1),
        planned_end=date(2026, 10, 1),
        hours_per_week=24,
        with_bbl=True,
    )
    assert placement.with_bbl


def test_taalstage_for_someone_who_is_not_a_statushouder_is_refused(referred, consultant, employer):
    trajectory = in_main_route(referred, consultant)
    with pytest.raises(ValidationError) as error:
        services.add_placement(
            actor=consultant,
            trajectory=trajectory,
            employer=employer,
            form="language_internship",
            start=date(2026, 3, 1),
            planned_end=date(2026, 5, 1),
            hours_per_week=16,
        )
    assert "form" in error.value.message_dict


def test_scholing_over_1500_in_total_is_refused(referred, consultant):
    services.add_instrument(
        actor=consultant,
        trajectory=referred,
        kind="training",
        start=date(2026, 3, 1),
        amount="1000",
    )
    with pytest.raises(ValidationError) as error:
        services.add_instrument(
            actor=consultant,
            trajectory=referred,
            kind="training",
            start=date(2026, 4, 1),
            amount="600",
        )
    assert "amount" in error.value.message_dict
    services.add_instrument(
        actor=consultant, trajectory=referred, kind="training", start=date(2026, 4, 1), amount="500"
    )


def test_reiskosten_at_8_km_is_refused(referred, consultant):
    with pytest.raises(ValidationError) as error:
        services.add_instrument(
            actor=consultant,
            trajectory=referred,
            kind="travel",
            start=date(2026, 3, 1),
            distance_km="8",
        )
    assert "distance_km" in error.value.message_dict
    instrument = services.add_instrument(
        actor=consultant,
        trajectory=referred,
        kind="travel",
        start=date(2026, 3, 1),
        distance_km="12.5",
    )
    assert instrument.srg_category


def test_wage_subsidy_needs_an_indication(referred, consultant):
    with pytest.raises(ValidationError):
        services.add_instrument(
            actor=consultant, trajectory=referred, kind="wage_subsidy", start=date(2026, 3, 1)
        )
    with pytest.raises(ValidationError):
        services.add_instrument(
            actor=consultant,
            trajectory=referred,
            kind="wage_subsidy_lump_sum",
            start=date(2026, 3, 1),
            end=date(2026, 10, 1),
            job_agreement_indication=True,
        )


def test_sanction_advice_is_decided_by_the_municipality_only(
    referred, consultant, case_manager, case_manager_wijchen
):
    signal = services.signal_sanction(
        actor=consultant, trajectory=referred, facts="Drie keer niet verschenen", advice="Maatregel"
    )
    with pytest.raises(AccessDenied):
        services.decide_sanction(actor=consultant, signal=signal, decision="followed", reasons="x")
    with pytest.raises(AccessDenied):
        services.decide_sanction(
            actor=case_manager_wijchen, signal=signal, decision="followed", reasons="x"
        )
    decided = services.decide_sanction(
        actor=case_manager,
        signal=signal,
        decision="deviated",
        reasons="Zorgen thuis; eerst piramidegesprek",
    )
    assert decided.decision == "deviated" and decided.decided_by == case_manager


def test_focus_groups_are_derived():
    today = date(2026, 11, 22)
    young = policies.PersonFacts(
        date(2001, 1, 1), refugee=True, benefit_start_date=date(2026, 9, 1)
    )
    assert policies.focus_groups(young, today) == ["under_27", "refugee", "new_in_assistance"]
    older = policies.PersonFacts(date(1965, 1, 1), job_agreement_register=True)
    assert policies.focus_groups(older, today) == ["over_55", "work_limitation"]


def test_the_person_checks_of_a_referral_name_every_bad_field():
    wrong = PersonInput(
        "123456789",
        " ",
        "",
        date(2030, 1, 1),
        extra={"postcode": "1234", "hours_per_day": "25", "hours_per_week": "40"},
    )
    assert set(policies.referral_person_errors(wrong, date(2026, 1, 5))) == {
        "bsn",
        "date_of_birth",
        "first_name",
        "last_name",
        "postcode",
        "hours_per_day",
    }
    right = person(postcode="6511 pp", hours_per_week=36)
    assert policies.referral_person_errors(right, date(2026, 1, 5)) == {}


def test_self_registration_starts_the_four_week_search_period(consultant, nijmegen):
    trajectory = services.self_register(
        actor=consultant,
        municipality=nijmegen,
        person=person(born=date(2005, 1, 1)),
        registered_on=date(2026, 11, 2),
    )
    assert policies.search_period_end(trajectory.search_period_start) == date(2026, 11, 30)


def test_intensieve_begeleiding_27_plus_only_from_27(consultant, case_manager, nijmegen):
    young = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=person(bsn=OTHER_BSN, born=date(2004, 1, 1)),
    )
    with pytest.raises(ValidationError):
        services.add_activity(
            actor=consultant, trajectory=young, kind="multi_problem_27", start=date(2026, 3, 1)
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel workers are PostgreSQL's")
def test_a_caseload_page_is_planned_without_parallel_workers(referred, consultant, case_manager):
    def show() -> tuple[str, str]:
        with connection.cursor() as db:
            db.execute("SHOW max_parallel_workers_per_gather")
            parallel = db.fetchone()[0]
            db.execute("SHOW random_page_cost")
            return parallel, db.fetchone()[0]

    before = show()
    assert before[0] != "0"
    assert before[1] != "1.1"
    read = selectors.caseload_values
    with CaptureQueriesContext(connection) as queries:
        page = read(case_manager, selectors.Filters(phase=referred.phase))
    statements = [q["sql"] for q in queries.captured_queries]
    setting = next(i for i, sql in enumerate(statements) if "set_config" in sql)
    page_query = next(i for i, sql in enumerate(statements) if "ORDER BY" in sql)
    assert setting < page_query
    # Priced for a database in memory, in the same statement (bench/README.md).
    assert "random_page_cost" in statements[setting]
    assert [row["uuid"] for row in page.rows] == [referred.uuid]
    # Put back after the page, inside the test's transaction as in any caller's.
    assert show() == before
    # A name prefix read as the OR of the two prefixes (another collation) keeps them.
    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(selectors, "_code_point_order", return_value=False),
    ):
        named = read(case_manager, selectors.Filters(name=referred.candidate.last_name[:3]))
    assert not any("set_config" in q["sql"] for q in queries.captured_queries)
    assert [row["uuid"] for row in named.rows] == [referred.uuid]


def test_caseload_uses_a_fixed_number_of_queries(
    referred, consultant, django_assert_max_num_queries, case_manager, nijmegen
):
    for i in range(30):
        bsn = _bsn(100 + i)
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(bsn, "Test", f"Achternaam{i:03d}", date(1980, 1, 1)),
        )
    with django_assert_max_num_queries(4):
        page = selectors.caseload(consultant, selectors.Filters(), page_size=10)
    assert len(page.rows) == 10 and page.next_cursor
    second = selectors.caseload(
        consultant, selectors.Filters(), cursor=page.next_cursor, page_size=10
    )
    assert not {r.id for r in page.rows} & {r.id for r in second.rows}


def test_the_records_compiled_once_are_each_trajectorys_own(referred, consultant, case_manager):
    """trajectory_records compiles each kind's SQL once per process (utils.compiled): a second
    trajectory gets its own records, as the ORM reads them, and each record its trajectory."""
    first = in_main_route(referred, consultant)
    services.add_intake_note(actor=consultant, trajectory=first, theme="current", text="Eerste")
    second = services.refer_candidate(
        actor=case_manager,
        municipality=referred.municipality,
        person=person(bsn=OTHER_BSN),
        referred_on=date(2026, 1, 6),
    )
    for trajectory in (first, second, first):
        records = selectors.trajectory_records(trajectory)
        assert [s.pk for s in records.steps] == [s.pk for s in trajectory.steps.all()]
        assert [n.pk for n in records.notes] == [n.pk for n in trajectory.notes.all()]
        with CaptureQueriesContext(connection) as queries:
            assert all(step.trajectory is trajectory for step in records.steps)
            assert [s.recorded_by for s in records.steps] == [
                s.recorded_by for s in trajectory.steps.select_related("recorded_by")
            ]
        assert len(queries) == 1  # only the comparison's own read
    assert len(selectors.trajectory_records(first).steps) == 3
    assert selectors.trajectory_records(second).notes == []


def test_a_trajectorys_records_are_read_for_the_kinds_it_has(
    referred, consultant, case_manager, employer
):
    """trajectory_records asks first which kinds the trajectory has any of and reads only those:
    as each kind gets its first record, every list is still what the ORM reads, and a kind
    without records costs no query of its own."""
    trajectory = in_main_route(referred, consultant)
    day = date(2026, 3, 2)
    reads = {
        "steps": lambda t: t.steps.all(),
        "notes": lambda t: t.notes.all(),
        "activities": lambda t: t.activities.order_by("start", "id"),
        "placements": lambda t: t.placements.order_by("start", "id"),
        "instruments": lambda t: t.instruments.order_by("start", "id"),
        "signals": lambda t: t.signals.order_by("-signalled_on", "-id"),
        "talks": lambda t: t.talks.order_by("planned_on", "id"),
        "diagnoses": lambda t: t.diagnoses.all(),
    }
    first_of_each = [
        lambda: services.add_intake_note(
            actor=consultant, trajectory=trajectory, theme="current", text="Eerste"
        ),
        lambda: services.add_activity(
            actor=consultant, trajectory=trajectory, kind="workshop", start=day
        ),
        lambda: services.add_placement(
            actor=consultant,
            trajectory=trajectory,
            employer=employer,
            form="regular",
            start=day,
            planned_end=None,
            hours_per_week=32,
        ),
        lambda: services.add_instrument(
            actor=consultant, trajectory=trajectory, kind="job_coaching", start=day
        ),
        lambda: services.signal_sanction(
            actor=consultant, trajectory=trajectory, facts="Niet verschenen", advice="Gesprek"
        ),
        lambda: services.plan_talk(
            actor=consultant,
            trajectory=trajectory,
            planned_on=day,
            income_participant=case_manager,
            werkbedrijf_participant=consultant,
        ),
        lambda: services.start_further_diagnosis(
            actor=consultant, trajectory=trajectory, kind="health", start=day
        ),
    ]
    for step in [None, *first_of_each]:
        if step is not None:
            step()
        trajectory.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            records = selectors.trajectory_records(trajectory)
        had = {kind for kind, read in reads.items() if read(trajectory).exists()}
        for kind, read in reads.items():
            assert [r.pk for r in getattr(records, kind)] == [r.pk for r in read(trajectory)], kind
        assert len(queries) == 1 + len(had)  # the question, and a read per kind it has
