"""The cycle as work: steps with deadlines, the work list, reminders sent once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.models import AgreementVersion, CycleStep, StepReminder
from werkbedrijf.agreements.policies import deadlines
from werkbedrijf.agreements.services import StepInput

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(due=days, today=days, window=st.integers(min_value=0, max_value=60))
def test_an_open_step_is_overdue_exactly_after_its_deadline(due, today, window):
    state = deadlines.step_state(due, None, today, window)
    assert (state == deadlines.OVERDUE) == (today > due)
    assert (state == deadlines.UPCOMING) == (today < due - timedelta(days=window))


@given(due=days, today=days, done=days, window=st.integers(min_value=0, max_value=60))
def test_a_done_step_is_done_and_never_reminded(due, today, done, window):
    assert deadlines.step_state(due, done, today, window) == deadlines.DONE
    assert not deadlines.reminder_due(due, done, today, window)


@given(due=days, before=days)
def test_a_deadline_before_its_dependency_is_refused(due, before):
    assert deadlines.deadline_before_dependency(due, before) == (due < before)


def test_quarter_ends():
    assert deadlines.quarter_end(2026, 4) == date(2026, 12, 31)
    assert deadlines.quarter_end(2026, 1) == date(2026, 3, 31)
    assert deadlines.quarter_end(2027, 2) == date(2027, 6, 30)


@pytest.fixture
def cycle_2026(reference_dvo):
    return AgreementVersion.objects.get(title="DVO 2026-2027")


def test_the_2026_2027_cycle_holds_the_letters_dates_and_promises(cycle_2026):
    steps = {s.kind: s for s in cycle_2026.steps.all()}
    assert steps["council_wishes"].done_on == date(2025, 12, 17)
    assert steps["opinions_due"].due_on == date(2026, 1, 31)
    assert steps["opinions_due"].done_on == date(2026, 3, 3)
    assert steps["board_adopts"].due_on == date(2026, 2, 28)
    assert steps["board_adopts"].actor_role == "board_member"
    review = steps["review"]
    assert review.due_on == date(2026, 12, 31)
    assert "dagdelen in 2027" in review.description
    assert review.opinion.number == 1 and review.opinion.kind == "council_wishes"
    revision = steps["revision"]
    assert revision.due_on == date(2026, 12, 31)
    assert revision.depends_on == review
    assert revision.municipal_agreement.municipality.name == "Nijmegen"
    # Every step follows its dependency.
    for step in cycle_2026.steps.exclude(depends_on=None):
        assert step.due_on >= step.depends_on.due_on


def test_the_council_wishes_are_answered_one_by_one_by_the_letter_of_march_2026(cycle_2026):
    nijmegen = cycle_2026.municipal_agreements.get(municipality__name="Nijmegen")
    wishes = list(nijmegen.opinions.filter(kind="council_wishes").order_by("number"))
    assert [w.number for w in wishes] == [1, 2]
    assert all(w.answered_on == date(2026, 3, 3) for w in wishes)
    assert all(w.answer_reference == "E26.000183" for w in wishes)
    assert "niveau van 2026" in wishes[0].text
    assert "één aanspreekpunt" in wishes[1].text
    assert "vierde kwartaal 2026" in wishes[0].answer


def test_loading_the_reference_data_twice_doubles_no_step(cycle_2026):
    from werkbedrijf.reference_data.loader import load_reference_data

    before = cycle_2026.steps.count()
    load_reference_data()
    assert cycle_2026.steps.count() == before
    assert (
        cycle_2026.municipal_agreements.get(municipality__name="Nijmegen")
        .opinions.filter(kind="council_wishes")
        .count()
        == 2
    )


@pytest.fixture
def nijmegen_adviser(make_user, nijmegen):
    user = make_user(Role.POLICY_ADVISER, nijmegen)
    user.email = "beleid@nijmegen.example"
    user.save()
    return user


def test_the_work_list_shows_nijmegens_open_steps_with_their_dates(cycle_2026, nijmegen_adviser):
    rows = selectors.due_steps(nijmegen_adviser, date(2026, 12, 7))
    by_kind = {r.step.kind: r for r in rows}
    assert by_kind["review"].state == deadlines.DUE
    assert by_kind["review"].days_left == 24
    assert by_kind["revision"].step.due_on == date(2026, 12, 31)
    assert by_kind["municipality_signs"].state == deadlines.OVERDUE
    # Done steps, and steps for someone else (the board), are not on this list.
    assert "opinions_due" not in by_kind and "board_adopts" not in by_kind


def test_the_work_list_of_another_municipality_is_empty(cycle_2026, policy_adviser_wijchen):
    assert selectors.due_steps(policy_adviser_wijchen, date(2026, 12, 7)) == []


def test_the_board_sees_the_overdue_adoption(cycle_2026, board_member):
    rows = selectors.due_steps(board_member, date(2026, 12, 7))
    assert [r.step.kind for r in rows] == ["board_adopts"]
    assert rows[0].overdue


def _input(step, **changes):
    data = dict(
        kind=step.kind,
        title=step.title,
        due_on=step.due_on,
        actor_role=step.actor_role,
        actor_organisation=step.actor_organisation,
        depends_on=step.depends_on,
        municipal_agreement=step.municipal_agreement,
        opinion=step.opinion,
        description=step.description,
    )
    data.update(changes)
    return StepInput(**data)


def test_a_deadline_before_the_step_it_follows_is_refused(cycle_2026, dvo_admin, nijmegen):
    review = cycle_2026.steps.get(kind="review")
    with pytest.raises(ValidationError) as exc:
        services.add_step(
            actor=dvo_admin,
            agreement=cycle_2026,
            data=StepInput(
                kind="other",
                title="Raad informeren over de inventarisatie",
                due_on=date(2026, 11, 30),
                actor_role="policy_adviser",
                actor_organisation=nijmegen,
                depends_on=review,
            ),
        )
    message = exc.value.message_dict["due_on"][0]
    assert "30-11-2026" in message and "31-12-2026" in message
    assert not cycle_2026.steps.filter(title="Raad informeren over de inventarisatie").exists()


def test_moving_a_deadline_past_a_step_that_follows_it_is_refused(cycle_2026, dvo_admin):
    review = cycle_2026.steps.get(kind="review")
    with pytest.raises(ValidationError) as exc:
        services.update_step(
            actor=dvo_admin, step=review, data=_input(review, due_on=date(2027, 1, 31))
        )
    assert "Bijstelling" in exc.value.message_dict["due_on"][0]
    review.refresh_from_db()
    assert review.due_on == date(2026, 12, 31)


def test_a_role_the_organisation_cannot_hold_is_refused(cycle_2026, dvo_admin, werkbedrijf_org):
    with pytest.raises(ValidationError) as exc:
        services.add_step(
            actor=dvo_admin,
            agreement=cycle_2026,
            data=StepInput(
                kind="other",
                title="Iets",
                due_on=date(2026, 12, 1),
                actor_role="policy_adviser",
                actor_organisation=werkbedrijf_org,
            ),
        )
    assert "actor_role" in exc.value.message_dict


def test_only_a_dvo_administrator_plans_steps(cycle_2026, nijmegen_adviser, nijmegen):
    from werkbedrijf.access.policy import AccessDenied

    with pytest.raises(AccessDenied):
        services.add_step(
            actor=nijmegen_adviser,
            agreement=cycle_2026,
            data=StepInput(
                kind="other",
                title="Iets",
                due_on=date(2026, 12, 1),
                actor_role="policy_adviser",
                actor_organisation=nijmegen,
            ),
        )


def test_whoever_must_act_marks_the_step_done(cycle_2026, nijmegen_adviser):
    review = cycle_2026.steps.get(kind="review")
    services.complete_step(
        actor=nijmegen_adviser, step=review, done_on=date(2026, 12, 15), note="Inventarisatie"
    )
    rows = selectors.due_steps(nijmegen_adviser, date(2026, 12, 16))
    assert "review" not in {r.step.kind for r in rows}


def test_moving_the_clock_past_a_deadline_sends_the_reminder_once(
    cycle_2026, nijmegen_adviser, settings
):
    settings.DVO_REMINDER_DAYS = 14
    CycleStep.objects.exclude(kind="review").update(done_on=date(2026, 3, 31))
    review = cycle_2026.steps.get(kind="review")

    assert services.send_due_reminders(date(2026, 12, 1)) == 0  # 30 days ahead: not yet
    assert mail.outbox == []

    assert services.send_due_reminders(date(2026, 12, 17)) == 1  # 14 days before
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["beleid@nijmegen.example"]
    assert "31-12-2026" in mail.outbox[0].subject

    # The clock moves past the deadline: no second reminder.
    assert services.send_due_reminders(date(2027, 1, 5)) == 0
    assert services.send_due_reminders(date(2027, 1, 6)) == 0
    assert len(mail.outbox) == 1
    assert StepReminder.objects.get(step=review).sent_on == date(2026, 12, 17)


def test_a_step_first_seen_after_its_deadline_is_reminded_once_as_overdue(
    cycle_2026, nijmegen_adviser
):
    CycleStep.objects.exclude(kind="municipality_signs").update(done_on=date(2026, 3, 31))
    assert services.send_due_reminders(date(2026, 12, 7)) == 1
    assert mail.outbox[0].subject.startswith("Termijn verstreken: Nijmegen ondertekent")
    assert services.send_due_reminders(date(2026, 12, 8)) == 0


def test_a_step_can_set_its_own_reminder_days(cycle_2026, nijmegen_adviser, settings):
    settings.DVO_REMINDER_DAYS = 14
    CycleStep.objects.exclude(kind="review").update(done_on=date(2026, 3, 31))
    CycleStep.objects.filter(kind="review").update(remind_days_before=60)
    assert services.send_due_reminders(date(2026, 11, 1)) == 1


def test_the_periodic_task_sends_the_reminders(cycle_2026, nijmegen_adviser):
    from werkbedrijf.agreements.tasks import send_due_reminders

    CycleStep.objects.exclude(kind="review").update(done_on=date(2026, 3, 31))
    assert send_due_reminders.apply(kwargs={"today": "2026-12-20"}).get() == 1
    assert send_due_reminders.apply(kwargs={"today": "2026-12-21"}).get() == 0
