"""The rows behind a figure: the trajectories each drill-down lists are the ones its figure counts,
only WerkBedrijf's consultants open them, and every opening and export is in the processing log."""

from datetime import date

import pytest
from django.http import Http404

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.conftest import verified_client
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.reporting import selectors
from werkbedrijf.reporting.indicators import TOTAL, Scope, get
from werkbedrijf.reporting.indicators.rows import ROWS

from .conftest import H1_2025

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(make_user, werkbedrijf_org):
    return make_user(Role.CONSULTANT, werkbedrijf_org)


def behind(user, code, municipality, category=TOTAL):
    rows, count = selectors.persons_behind(user, get(code), municipality, H1_2025, category)
    assert count == len(rows)
    return {t.pk for t in rows}


def test_the_rows_are_the_trajectories_the_figure_counts(population, consultant):
    t, nijmegen = population.t, population.nijmegen
    assert behind(consultant, "inflow", nijmegen) == {t[1].pk, t[2].pk, t[3].pk, t[6].pk}
    assert behind(consultant, "inflow", nijmegen, "api") == {t[2].pk}
    assert behind(consultant, "inflow", None, "upload") == {t["w1"].pk}
    assert behind(consultant, "returns", nijmegen, "Verhuisd buiten de regio") == {t[3].pk}
    assert behind(consultant, "diagnoses_completed", nijmegen) == {t[2].pk, t[3].pk}
    assert behind(consultant, "diagnoses_completed", nijmegen, "returned") == {t[3].pk}
    assert behind(consultant, "instruments_count", nijmegen, "training") == {t[2].pk}
    assert behind(consultant, "wage_value_average", None) == {t[1].pk, t["w1"].pk}
    assert behind(consultant, "outflow_to_work", nijmegen) == {t[1].pk, t[4].pk}
    # Per employment form: that of the latest placement at the step (t4's earlier regular one
    # had ended; its secondment counts).
    assert behind(consultant, "outflow_to_work", nijmegen, "regular") == {t[1].pk}
    assert behind(consultant, "outflow_to_work", nijmegen, "secondment") == {t[4].pk}
    assert behind(consultant, "certificates_obtained", nijmegen) == {t[1].pk, t[2].pk}
    assert behind(consultant, "certificates_obtained", nijmegen, "heftruck") == {t[2].pk}
    assert behind(consultant, "certificates_obtained", None, "bhv") == {t["w2"].pk}


# Indicators whose figure counts trajectories (not instruments or signals): the list is as long.
COUNTS_TRAJECTORIES = [
    "inflow",
    "in_service",
    "outflow_to_work",
    "returns",
    "trainings_completed",
    "care_youth",
    "diagnoses_completed",
    "certificates_obtained",
]


@pytest.mark.parametrize("code", COUNTS_TRAJECTORIES)
def test_the_list_is_as_long_as_the_figure(population, consultant, code):
    for municipality in (population.nijmegen, population.wijchen, None):
        scope = Scope(H1_2025, None if municipality is None else (municipality.pk,))
        figure = get(code).compute(scope)[TOTAL]
        assert len(behind(consultant, code, municipality)) == figure.persons


# Besides these the sanction indicators, which count signals: a trajectory with two signals is
# listed once (see the test below); in the population every trajectory has one.
PER_CATEGORY = [*COUNTS_TRAJECTORIES, "sanction_signals", "advice_followed"]


def _row_count(user, indicator, municipality, by, key) -> int:
    row = selectors.breakdown_row(user, indicator, municipality, H1_2025, by, key)
    _rows, count = selectors.persons_behind(
        user,
        indicator,
        row.municipality,
        row.period,
        focus_group=row.focus_group,
        sector_group=row.sector_group,
    )
    return count


@pytest.mark.parametrize("code", PER_CATEGORY)
def test_each_category_and_breakdown_row_lists_as_many_as_its_figure(population, consultant, code):
    indicator = get(code)
    counted = 0
    for municipality in (population.nijmegen, None):
        for key, _label, figure in selectors.categories(
            consultant, indicator, municipality, H1_2025
        ):
            assert len(behind(consultant, code, municipality, key)) == figure.persons, key
            counted += figure.persons
        for by in indicator.breakdowns:
            split = selectors.breakdown(consultant, indicator, municipality, H1_2025, by)
            for key, _label, figure in split:
                assert _row_count(consultant, indicator, municipality, by, key) == figure.persons
                counted += figure.persons
    assert counted > 0  # not only empty rows compared


def test_a_trajectory_with_two_signals_is_listed_once(population, consultant):
    from werkbedrijf.candidates.models import SanctionSignal

    t = population.t
    SanctionSignal.objects.create(
        trajectory=t[2],
        facts="f",
        advice="a",
        signalled_on=date(2025, 6, 1),
        signalled_by=consultant,
    )
    figure = get("sanction_signals").compute(Scope(H1_2025, (population.nijmegen.pk,)))[TOTAL]
    assert figure.persons == 4
    rows = behind(consultant, "sanction_signals", population.nijmegen)
    assert rows == {t[1].pk, t[2].pk, t[4].pk}


def test_a_consultant_opens_a_row_of_a_breakdown(population, consultant):
    client = verified_client(consultant)
    nijmegen = population.nijmegen.uuid
    base = f"?municipality={nijmegen}&year=2025"
    page = client.get(f"/rapportages/indicatoren/in_service/{base}&by=focus_group")
    html = page.content.decode()
    # t2 (born 1960) is the one over 55 in service in Nijmegen at the end of June 2025.
    assert 'data-persons-link="focus_group:over_55"' in html
    url = f"/rapportages/indicatoren/in_service/personen/{base}&by=focus_group&key=over_55"
    listed = client.get(url)
    assert listed.status_code == 200
    read = ProcessingLogEntry.objects.get(action="read", actor=consultant)
    assert read.data_subject_uuid == population.t[2].candidate.uuid
    assert "over_55" in read.detail
    quarter = client.get(
        f"/rapportages/indicatoren/sanction_signals/personen/{base}&by=quarter&key=2025-04-01"
    )
    assert quarter.status_code == 200
    export = client.get(url + "&export=csv")
    assert len(export.content.decode("utf-8-sig").splitlines()) == 2
    assert client.get(url.replace("over_55", "elders")).status_code == 404


def test_every_drill_down_is_an_indicator_and_employers_have_none(population, consultant):
    from werkbedrijf.reporting.indicators import REGISTRY

    assert set(ROWS) <= set(REGISTRY)
    with pytest.raises(Http404):
        behind(consultant, "employers_reached", population.nijmegen)
    with pytest.raises(Http404):
        selectors.breakdown_row(
            consultant, get("inflow"), population.nijmegen, H1_2025, "focus_group", "nobody"
        )


def test_who_may_not_see_the_persons_keeps_the_breakdowns(
    population, policy_adviser_nijmegen, board_member, make_user, werkbedrijf_org
):
    manager = make_user(Role.MANAGER, werkbedrijf_org)
    for user, municipality in (
        (policy_adviser_nijmegen, population.nijmegen),
        (board_member, None),
        (manager, None),
    ):
        with pytest.raises(AccessDenied):
            behind(user, "inflow", municipality)
    client = verified_client(policy_adviser_nijmegen)
    nijmegen = population.nijmegen.uuid
    page = client.get(f"/rapportages/indicatoren/inflow/?municipality={nijmegen}&year=2025")
    assert page.status_code == 200 and "data-persons-link" not in page.content.decode()
    listed = client.get(f"/rapportages/indicatoren/inflow/personen/?municipality={nijmegen}")
    assert listed.status_code == 403
    split = client.get(f"/rapportages/indicatoren/in_service/?municipality={nijmegen}&by=quarter")
    assert "data-persons-link" not in split.content.decode()
    by_row = client.get(
        f"/rapportages/indicatoren/in_service/personen/?municipality={nijmegen}"
        "&by=focus_group&key=over_55"
    )
    assert by_row.status_code == 403
    assert not ProcessingLogEntry.objects.exists()


def test_a_consultant_opens_the_list_from_the_figure_and_exports_it(population, consultant):
    client = verified_client(consultant)
    nijmegen = population.nijmegen.uuid
    figure = client.get(f"/rapportages/indicatoren/inflow/?municipality={nijmegen}&year=2025")
    html = figure.content.decode()
    assert "data-persons-link" in html and 'data-persons-link="api"' in html
    url = f"/rapportages/indicatoren/inflow/personen/?municipality={nijmegen}&year=2025"
    page = client.get(url + "&category=api")
    assert page.status_code == 200
    assert "Test Persoon" in page.content.decode()
    read = ProcessingLogEntry.objects.get(action="read", actor=consultant)
    assert read.data_subject_uuid == population.t[2].candidate.uuid
    export = client.get(url + "&export=csv")
    assert export.status_code == 200
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Naam;Gemeente") and len(lines) == 5
    exported = ProcessingLogEntry.objects.filter(action="export", actor=consultant)
    assert {e.record_uuid for e in exported} == {population.t[k].uuid for k in (1, 2, 3, 6)}
