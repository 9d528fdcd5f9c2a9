"""A consultant's work list: one test per kind of deadline, each through the start page's count
and the list that count links to (the count matches the rows behind it), plus who sees what."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates.models import (
    FurtherDiagnosis,
    Instrument,
    Phase,
    Placement,
    SanctionSignal,
)
from werkbedrijf.candidates.policies import add_months
from werkbedrijf.employers.models import Employer
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.start.policies import WorkKind

from .conftest import attr_values, count_in, rows

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def employer(db):
    return Employer.objects.create(
        name="Werkgever BV", kvk_number="12345678", sector_group="cleaning"
    )


def _placement(trajectory, employer, form, start, planned_end=None, **fields):
    return Placement.objects.create(
        trajectory=trajectory,
        employer=employer,
        form=form,
        start=start,
        planned_end=planned_end,
        hours_per_week=24,
        **fields,
    )


# Each builder puts one candidate of ``me`` in a state that is due for one kind; returns it.


def _search_period(make, me, today, employer, colleague):
    young = date(today.year - 22, 1, 1)
    return make(
        contact=me,
        phase=Phase.INTAKE,
        born=young,
        referred_days_ago=21,
        search_period_start=today - 20 * DAY,
    )


def _intake(make, me, today, employer, colleague):
    return make(contact=me, phase=Phase.REFERRED, referred_days_ago=20)


def _practical_diagnosis(make, me, today, employer, colleague):
    t = make(contact=me, phase=Phase.FURTHER_DIAGNOSIS, referred_days_ago=120)
    FurtherDiagnosis.objects.create(
        trajectory=t,
        kind="employee_skills",
        practical_diagnosis=True,
        start=today - timedelta(weeks=13),
    )
    return t


def _work_experience(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=300)
    start = add_months(today, -6) + 10 * DAY
    _placement(t, employer, "work_experience", start, add_months(start, 6))
    return t


def _language_internship(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=200, refugee=True)
    start = add_months(today, -3) + 10 * DAY
    _placement(t, employer, "language_internship", start, add_months(start, 3))
    return t


def _development(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=500)
    start = add_months(today, -12) + 10 * DAY
    _placement(t, employer, "development", start, add_months(start, 12))
    return t


def _instrument(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=300)
    Instrument.objects.create(
        trajectory=t,
        kind="wage_subsidy_lump_sum",
        start=add_months(today, -6) + 10 * DAY,
        srg_category="Loonkostensubsidie",
    )
    return t


def _placement_start(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=100)
    _placement(t, employer, "regular", today + 5 * DAY)
    return t


def _placement_end(make, me, today, employer, colleague):
    t = make(contact=me, referred_days_ago=200)
    _placement(t, employer, "secondment", today - 100 * DAY, today + 5 * DAY)
    return t


def _aftercare(make, me, today, employer, colleague):
    return make(
        contact=me,
        phase=Phase.AT_WORK,
        referred_days_ago=300,
        aftercare=True,
        phase_since=add_months(today, -3) + 2 * DAY,
    )


def _open_signal(make, me, today, employer, colleague):
    # A signal the consultant sent counts whoever's candidate it is now.
    t = make(contact=colleague, referred_days_ago=100)
    SanctionSignal.objects.create(
        trajectory=t,
        facts="Niet verschenen",
        advice="Maatregel",
        signalled_on=today - 10 * DAY,
        signalled_by=me,
    )
    return t


def _handover(make, me, today, employer, colleague):
    return make(
        contact=me, referred_days_ago=100, handed_over_by=colleague, contact_since=today - 2 * DAY
    )


BUILDERS = {
    WorkKind.SEARCH_PERIOD: _search_period,
    WorkKind.INTAKE: _intake,
    WorkKind.PRACTICAL_DIAGNOSIS: _practical_diagnosis,
    WorkKind.WORK_EXPERIENCE: _work_experience,
    WorkKind.LANGUAGE_INTERNSHIP: _language_internship,
    WorkKind.DEVELOPMENT: _development,
    WorkKind.INSTRUMENT: _instrument,
    WorkKind.PLACEMENT_START: _placement_start,
    WorkKind.PLACEMENT_END: _placement_end,
    WorkKind.AFTERCARE: _aftercare,
    WorkKind.OPEN_SIGNAL: _open_signal,
    WorkKind.HANDOVER: _handover,
}


def test_every_kind_of_deadline_has_a_test():
    assert set(BUILDERS) == set(WorkKind)


@pytest.fixture
def colleague(make_user, werkbedrijf_org):
    return make_user(Role.CONSULTANT, werkbedrijf_org)


@pytest.mark.parametrize("kind", list(BUILDERS), ids=[k.value for k in BUILDERS])
def test_each_kind_of_deadline_is_on_the_work_list_and_its_count_matches_its_rows(
    kind, client_for, consultant, colleague, make_trajectory, employer, today
):
    build = BUILDERS[kind]
    mine = [build(make_trajectory, consultant, today, employer, colleague) for _ in range(2)]
    # The same state for a colleague's candidate is not on my list.
    theirs = build(make_trajectory, colleague, today, employer, consultant)
    client = client_for(consultant)

    home = client.get(reverse("start:home")).content.decode()
    counts = attr_values(home, "data-kind-count")
    assert kind.value in counts, f"no count of {kind} on the start page"
    href, text = counts[kind.value]
    assert href == f"{reverse('start:worklist')}?soort={kind.value}"

    behind = client.get(href).content.decode()
    assert count_in(text) == rows(behind, f'data-work-item="{kind.value}"') == 2
    for t in mine:
        assert f'data-candidate="{t.candidate.uuid}"' in behind
        assert reverse("candidates:candidate", kwargs={"uuid": t.candidate.uuid}) in behind
    if kind != WorkKind.OPEN_SIGNAL:  # there the colleague's candidate is the one signalled
        assert str(theirs.candidate.uuid) not in behind


def test_nothing_due_is_not_listed(client_for, consultant, make_trajectory, employer, today):
    t = make_trajectory(contact=consultant, referred_days_ago=100)
    _placement(t, employer, "regular", today - 50 * DAY)  # running, no planned end
    home = client_for(consultant).get(reverse("start:home")).content.decode()
    assert attr_values(home, "data-kind-count") == {}
    assert "data-empty" in home


def test_the_work_list_is_sorted_overdue_first_and_shows_dates_as_on_paper(
    client_for, consultant, make_trajectory, today
):
    late = make_trajectory(contact=consultant, phase=Phase.REFERRED, referred_days_ago=30)
    soon = make_trajectory(contact=consultant, phase=Phase.REFERRED, referred_days_ago=5)
    page = client_for(consultant).get(reverse("start:worklist")).content.decode()
    assert page.index(str(late.candidate.uuid)) < page.index(str(soon.candidate.uuid))
    assert (today - 16 * DAY).strftime("%d-%m-%Y") in page
    assert "utrecht-status-badge--danger" in page


def test_reading_the_work_list_is_logged_per_person_shown(client_for, consultant, make_trajectory):
    t = make_trajectory(contact=consultant, phase=Phase.REFERRED, referred_days_ago=30)
    client_for(consultant).get(reverse("start:worklist"))
    entry = ProcessingLogEntry.objects.filter(actor=consultant, detail="worklist").get()
    assert entry.data_subject_uuid == t.candidate.uuid
    assert entry.action == "read" and entry.legal_basis


def test_an_unknown_kind_is_not_found(client_for, consultant):
    assert client_for(consultant).get(reverse("start:worklist") + "?soort=iets").status_code == 404


@pytest.mark.parametrize("role", ["case_manager", "policy_adviser_nijmegen", "dvo_admin"])
def test_only_consultants_have_a_work_list(request, client_for, role):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("start:worklist")).status_code == 403
    assert "data-start-worklist" not in client_for(user).get(reverse("start:home")).content.decode()


# --- the export ---------------------------------------------------------------------------------


def test_the_work_list_exports_to_csv_with_its_header_first_and_logs_the_export(
    client_for, consultant, make_trajectory, today
):
    t = make_trajectory(contact=consultant, phase=Phase.REFERRED, referred_days_ago=30)
    url = reverse("start:worklist_export") + "?formaat=csv&soort=intake"
    response = client_for(consultant).get(url)
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Datum;Status;Wat;Kandidaat;Toelichting"
    assert len(lines) == 2
    assert lines[1].startswith((today - 16 * DAY).strftime("%d-%m-%Y") + ";te laat;")
    assert t.candidate.full_name in lines[1]
    entry = ProcessingLogEntry.objects.filter(actor=consultant, action="export").get()
    assert entry.data_subject_uuid == t.candidate.uuid


def test_the_work_list_exports_to_xlsx(client_for, consultant, make_trajectory):
    import io

    from openpyxl import load_workbook

    t = make_trajectory(contact=consultant, phase=Phase.REFERRED, referred_days_ago=30)
    response = client_for(consultant).get(reverse("start:worklist_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3] == "Kandidaat" and rows[1][3] == t.candidate.full_name


def test_an_unknown_export_format_is_refused(client_for, consultant):
    url = reverse("start:worklist_export") + "?formaat=pdf"
    assert client_for(consultant).get(url).status_code == 400


def test_only_a_consultant_exports_a_work_list(client_for, case_manager):
    assert client_for(case_manager).get(reverse("start:worklist_export")).status_code == 403
