"""The standard steps of a new DVO version: the pure policy that derives them from the period,
and the service that plans them (also from the screen that creates a version)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements import services
from werkbedrijf.agreements.models import AgreementVersion, CycleStep
from werkbedrijf.agreements.policies.standard_steps import month_end, standard_steps
from werkbedrijf.reference_data import dvo_2026_2027

# --- the policy ----------------------------------------------------------------------------------


def test_month_end_counts_months_from_the_periods_first_month():
    start = date(2028, 1, 1)
    assert month_end(start, -3) == date(2027, 10, 31)
    assert month_end(start, -2) == date(2027, 11, 30)
    assert month_end(start, 0) == date(2028, 1, 31)
    assert month_end(start, 1) == date(2028, 2, 29)  # a leap year
    assert month_end(start, 11) == date(2028, 12, 31)
    assert month_end(date(2029, 7, 1), -7) == date(2028, 12, 31)


def test_the_standard_steps_of_a_two_year_version():
    steps = standard_steps(date(2028, 1, 1), date(2029, 12, 31), ["a", "b"])
    due = {s.key: s.due_on for s in steps}
    assert due == {
        "draft-sent": date(2027, 10, 31),
        "councils-asked:a": date(2027, 11, 30),
        "councils-asked:b": date(2027, 11, 30),
        "opinions-due:a": date(2028, 1, 31),
        "opinions-due:b": date(2028, 1, 31),
        "board-adopts": date(2028, 2, 29),
        "municipality-signs:a": date(2028, 3, 31),
        "municipality-signs:b": date(2028, 3, 31),
        "revision:a": date(2028, 12, 31),
        "revision:b": date(2028, 12, 31),
    }
    by_key = {s.key: s for s in steps}
    assert by_key["revision:a"].second_year == 2029
    assert (by_key["draft-sent"].actor_role, by_key["draft-sent"].actor) == (
        "dvo_admin",
        "werkbedrijf",
    )
    assert (by_key["board-adopts"].actor_role, by_key["board-adopts"].actor) == (
        "board_member",
        "mgr",
    )
    assert by_key["opinions-due:b"].actor == by_key["opinions-due:b"].party == "b"
    assert by_key["revision:b"].after == "municipality-signs:b"
    # Every step follows a step listed before it and is not due before it.
    seen = {}
    for step in steps:
        if step.after is not None:
            assert step.after in seen and seen[step.after] <= step.due_on
        seen[step.key] = step.due_on


def test_a_one_year_version_has_no_revision_of_a_second_year():
    steps = standard_steps(date(2030, 1, 1), date(2030, 12, 31), ["a"])
    assert "revision" not in {s.kind for s in steps}
    assert len(steps) == 5


def test_the_standard_dates_match_the_2026_2027_cycle_of_the_reference_data():
    """The shape is the documented 2026-2027 cycle: the same kinds fall in the same months."""
    reference = {s["kind"]: s["due_on"] for s in dvo_2026_2027.STEPS}
    steps = standard_steps(date(2026, 1, 1), date(2027, 12, 31), ["GM0268"])
    derived = {s.kind: s.due_on for s in steps}
    for kind in ("opinions_due", "board_adopts", "municipality_signs", "revision"):
        assert derived[kind] == reference[kind], kind
    for kind in ("draft_sent",):
        assert (derived[kind].year, derived[kind].month) == (
            reference[kind].year,
            reference[kind].month,
        )


# --- the service -----------------------------------------------------------------------------


def _version(dvo_admin, nijmegen, wijchen, **changes) -> AgreementVersion:
    data = {
        "title": "DVO 2028-2029",
        "period_start": date(2028, 1, 1),
        "period_end": date(2029, 12, 31),
        "municipalities": [str(nijmegen.uuid), str(wijchen.uuid)],
        **changes,
    }
    return services.create_version(actor=dvo_admin, data=services.VersionInput(**data))


def test_a_new_version_gets_the_standard_steps_with_who_must_act(
    dvo_admin, nijmegen, wijchen, werkbedrijf_org, mgr_org
):
    agreement = _version(dvo_admin, nijmegen, wijchen, standard_steps=True)
    steps = list(agreement.steps.select_related("municipal_agreement__municipality"))
    assert len(steps) == 1 + 2 * 4 + 1
    draft = next(s for s in steps if s.kind == "draft_sent")
    assert (draft.actor_organisation, draft.due_on) == (werkbedrijf_org, date(2027, 10, 31))
    adopts = next(s for s in steps if s.kind == "board_adopts")
    assert (adopts.actor_organisation, adopts.actor_role) == (mgr_org, "board_member")
    assert adopts.depends_on == draft
    signs = next(
        s for s in steps if s.kind == "municipality_signs" and s.actor_organisation == wijchen
    )
    assert signs.municipal_agreement.municipality == wijchen and signs.depends_on == adopts
    revision = next(s for s in steps if s.kind == "revision" and s.actor_organisation == nijmegen)
    assert revision.title == "Bijstelling van de lokale keuzes 2029 van Nijmegen"
    assert revision.due_on == date(2028, 12, 31)


def test_the_standard_steps_stay_editable(dvo_admin, nijmegen, wijchen, mgr_org):
    agreement = _version(dvo_admin, nijmegen, wijchen, standard_steps=True)
    adopts = agreement.steps.get(kind="board_adopts")
    services.update_step(
        actor=dvo_admin,
        step=adopts,
        data=services.StepInput(
            kind=adopts.kind,
            title="Het DB stelt vast in maart",
            due_on=date(2028, 3, 15),
            actor_role=adopts.actor_role,
            actor_organisation=mgr_org,
            depends_on=adopts.depends_on,
        ),
    )
    adopts.refresh_from_db()
    assert (adopts.title, adopts.due_on) == ("Het DB stelt vast in maart", date(2028, 3, 15))


def test_without_the_option_no_steps_and_they_can_be_planned_once(dvo_admin, nijmegen, wijchen):
    agreement = _version(dvo_admin, nijmegen, wijchen)
    assert not agreement.steps.exists()
    planned = services.plan_standard_steps(actor=dvo_admin, agreement=agreement)
    assert len(planned) == 10
    with pytest.raises(ValidationError) as refused:
        services.plan_standard_steps(actor=dvo_admin, agreement=agreement)
    assert "al stappen" in str(refused.value.message_dict["agreement"])
    assert agreement.steps.count() == 10


def test_only_a_dvo_administrator_plans_them(dvo_admin, policy_adviser_nijmegen, nijmegen, wijchen):
    agreement = _version(dvo_admin, nijmegen, wijchen)
    with pytest.raises(AccessDenied):
        services.plan_standard_steps(actor=policy_adviser_nijmegen, agreement=agreement)
    assert not CycleStep.objects.filter(agreement=agreement).exists()


def test_a_refused_version_plans_no_steps(dvo_admin, nijmegen, wijchen):
    with pytest.raises(ValidationError):
        _version(dvo_admin, nijmegen, wijchen, period_end=date(2027, 1, 1), standard_steps=True)
    assert not AgreementVersion.objects.filter(title="DVO 2028-2029").exists()
    assert not CycleStep.objects.exists()


def test_the_screen_offers_and_plans_the_standard_steps(client_for, dvo_admin, nijmegen, wijchen):
    client = client_for(dvo_admin)
    page = client.get("/dvo/nieuw/")
    assert page.status_code == 200
    assert 'name="standard_steps"' in page.content.decode() and "checked" in page.content.decode()
    response = client.post(
        "/dvo/nieuw/",
        {
            "title": "DVO 2028-2029",
            "period_start": "2028-01-01",
            "period_end": "2029-12-31",
            "municipalities": [str(nijmegen.uuid), str(wijchen.uuid)],
            "copy_from": "",
            "standard_steps": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = AgreementVersion.objects.get(title="DVO 2028-2029")
    assert agreement.steps.count() == 10
    assert (
        agreement.steps.get(kind="draft_sent").title == "Ontwerp van DVO 2028-2029 naar de colleges"
    )
