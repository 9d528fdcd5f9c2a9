"""The 'Termijnen' screen: the work list, every step, the export, marking a step as done."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import CycleStep


@pytest.fixture
def adviser_client(reference_dvo, make_user, nijmegen, client_for):
    return client_for(make_user(Role.POLICY_ADVISER, nijmegen))


@pytest.fixture
def today_2026_12_07(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 12, 7))


def test_the_work_list_shows_the_2026_2027_steps_with_their_dates(adviser_client, today_2026_12_07):
    page = adviser_client.get(reverse("agreements:deadlines")).content.decode()
    mine = page.split('id="all"')[0]
    assert "Bijstelling van de lokale keuzes 2027 van Nijmegen" in mine
    assert "31-12-2026" in mine
    assert 'data-state="overdue"' in mine  # the signature, planned for Q1 2026
    assert 'data-step-kind="board_adopts"' not in mine  # the board's, not the adviser's
    everything = page.split('id="all"')[1]
    assert "17-12-2025" in everything and "Dagelijks bestuur van de MGR stelt" in everything


def test_the_work_list_exports_as_xlsx_and_csv(adviser_client, today_2026_12_07):
    response = adviser_client.get(
        reverse("agreements:deadlines_export", kwargs={"fmt": "xlsx"}) + "?lijst=mijn"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Bijstelling van de lokale keuzes 2027 van Nijmegen" in titles
    csv = adviser_client.get(reverse("agreements:deadlines_export", kwargs={"fmt": "csv"}))
    assert "31-12-2026" in csv.content.decode("utf-8-sig")
    bad = adviser_client.get(reverse("agreements:deadlines_export", kwargs={"fmt": "pdf"}))
    assert bad.status_code == 400


def test_the_adviser_marks_the_review_as_done(adviser_client, today_2026_12_07):
    review = CycleStep.objects.get(kind="review")
    url = reverse("agreements:complete_step", kwargs={"uuid": review.uuid})
    response = adviser_client.post(url, {"done_on": "2026-12-05", "note": "Inventarisatie"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.done_on == date(2026, 12, 5)


def test_a_step_done_before_the_step_it_follows_is_refused_in_dutch(
    adviser_client, today_2026_12_07
):
    signs = CycleStep.objects.get(kind="municipality_signs")
    CycleStep.objects.filter(kind="board_adopts").update(done_on=date(2026, 2, 20))
    url = reverse("agreements:complete_step", kwargs={"uuid": signs.uuid})
    response = adviser_client.post(url, {"done_on": "2026-02-01"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    signs.refresh_from_db()
    assert signs.done_on is None


def test_another_municipalitys_adviser_cannot_mark_nijmegens_step(
    reference_dvo, make_user, wijchen, client_for
):
    review = CycleStep.objects.get(kind="review")
    client = client_for(make_user(Role.POLICY_ADVISER, wijchen))
    url = reverse("agreements:complete_step", kwargs={"uuid": review.uuid})
    assert client.post(url, {"done_on": "2026-12-05"}).status_code == 403


def test_a_planned_step_before_the_step_it_follows_is_refused_on_screen(
    reference_dvo, dvo_admin, nijmegen, client_for
):
    client = client_for(dvo_admin)
    review = CycleStep.objects.get(kind="review")
    data = {
        "agreement": str(review.agreement.uuid),
        "kind": "council_informed",
        "title": "Raad informeren over de inventarisatie",
        "due_on": "2026-11-30",
        "actor_role": "policy_adviser",
        "actor_organisation": str(nijmegen.uuid),
        "depends_on": str(review.uuid),
    }
    url = reverse("agreements:plan_step")
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "ligt vóór de termijn van de stap waarop deze volgt" in response.content.decode()
    assert not CycleStep.objects.filter(title=data["title"]).exists()
    data["due_on"] = "2027-01-31"
    assert client.post(url, data).status_code == 302
    assert CycleStep.objects.get(title=data["title"]).depends_on == review


def test_only_a_dvo_administrator_plans_steps_on_screen(
    reference_dvo, policy_adviser_nijmegen, client_for
):
    assert (
        client_for(policy_adviser_nijmegen).get(reverse("agreements:plan_step")).status_code == 403
    )
