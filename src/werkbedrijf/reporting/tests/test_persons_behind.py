"""The rows behind a figure: the trajectories each drill-down lists are the ones its figure counts,
only WerkBedrijf's consultants open them, and every opening and export is in the processing log."""

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


def test_every_drill_down_is_an_indicator_and_employers_have_none(population, consultant):
    from werkbedrijf.reporting.indicators import REGISTRY

    assert set(ROWS) <= set(REGISTRY)
    with pytest.raises(Http404):
        behind(consultant, "employers_reached", population.nijmegen)
    with pytest.raises(Http404):  # its categories are derived per row
        behind(consultant, "outflow_to_work", population.nijmegen, "regular")


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
