"""The DVO overview checks every municipality and year in a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import AgreementVersion, LocalChoice, MunicipalAgreement

pytestmark = pytest.mark.django_db


def _summary(report):
    return (
        report.municipal_agreement.pk,
        report.check.year,
        [str(c.uuid) for c in report.choices],
        report.budget.pk if report.budget else None,
        sorted(report.accepted),
        [(f.kind, f.key) for f in report.check.findings],
        [(f.kind, f.key) for f in report.unaccepted],
        report.price_unit,
    )


@pytest.mark.parametrize("title", ["DVO 2021-2022", "DVO 2024-2025", "DVO 2026-2027"])
def test_the_batched_check_gives_the_same_reports_as_one_by_one(reference_dvo, title):
    agreement = AgreementVersion.objects.get(title__startswith=title)
    mas = list(MunicipalAgreement.objects.filter(agreement=agreement))
    assert len(mas) == 7
    batched = selectors.check_municipal_agreements(mas, agreement.years)
    for ma in mas:
        for year in agreement.years:
            assert _summary(batched[(ma.pk, year)]) == _summary(
                selectors.check_municipal_year(ma, year)
            )


def test_the_batched_check_takes_five_queries_for_seven_municipalities(reference_dvo):
    mas = list(MunicipalAgreement.objects.filter(agreement=reference_dvo))
    with CaptureQueriesContext(connection) as queries:
        reports = selectors.check_municipal_agreements(mas, reference_dvo.years)
    assert len(reports) == 7 * len(reference_dvo.years)
    assert len(queries) == 5


def test_the_dvo_page_does_not_query_per_municipality(reference_dvo, dvo_admin, client_for):
    client = client_for(dvo_admin)
    url = reverse("agreements:agreement", kwargs={"uuid": reference_dvo.uuid})
    client.get(url)  # warm-up (session, caches)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # Before the batched check this page took about 81 queries (5 per municipality and year).
    assert len(queries) < 35, [q["sql"][:120] for q in queries.captured_queries]


@pytest.mark.parametrize(
    "today",
    [date(2021, 6, 1), date(2023, 6, 1), date(2024, 6, 1), date(2026, 3, 1), date(2028, 6, 1)],
)
def test_the_statuses_in_one_query_equal_one_by_one(reference_dvo, today):
    agreements = list(AgreementVersion.objects.order_by("period_start"))
    with CaptureQueriesContext(connection) as queries:
        batched = selectors.effective_statuses(agreements, today)
    assert len(queries) == 1
    assert batched == {a.pk: selectors.effective_status(a, today) for a in agreements}


def test_the_statuses_in_one_query_differ_by_day(reference_dvo):
    agreements = list(AgreementVersion.objects.all())
    seen = {
        status
        for day in (date(2021, 6, 1), date(2024, 6, 1), date(2028, 6, 1))
        for status in selectors.effective_statuses(agreements, day).values()
    }
    assert len(seen) >= 3, seen


def test_the_histories_in_one_query_equal_one_by_one(reference_dvo):
    ma = MunicipalAgreement.objects.filter(agreement=reference_dvo).order_by("pk")[0]
    first = selectors.current_choices(ma, 2024)[0]
    # A mid-term change as stored: the first choice ended, a replacement from the same day.
    LocalChoice.objects.filter(pk=first.pk).update(valid_until=date(2024, 6, 30))
    LocalChoice.objects.create(
        municipal_agreement=ma,
        year=2024,
        position=first.position,
        service=first.service,
        quantity=first.quantity,
        valid_from=date(2024, 7, 1),
    )
    years = [*reference_dvo.years, 2030]
    with CaptureQueriesContext(connection) as queries:
        histories = selectors.choice_histories(ma, years)
    assert len(queries) == 1
    for year in years:
        assert [c.pk for c in histories[year]] == [c.pk for c in selectors.choice_history(ma, year)]
    assert histories[2030] == [] and len(histories[2024]) > 1


def test_the_municipal_agreement_page_does_not_query_per_year(
    reference_dvo, policy_adviser_nijmegen, client_for
):
    ma = MunicipalAgreement.objects.get(
        agreement=reference_dvo, municipality=policy_adviser_nijmegen.organisation
    )
    client = client_for(policy_adviser_nijmegen)
    url = reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid})
    client.get(url)  # warm-up (session, caches)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The check and history read year by year took six queries per year (27 for two years).
    assert len(queries) <= 20, [q["sql"][:120] for q in queries.captured_queries]


@pytest.mark.parametrize("role", ["policy_adviser_nijmegen", "consultant", "board_member"])
def test_the_visible_counts_in_one_query_equal_one_by_one(request, reference_dvo, role):
    user = request.getfixturevalue(role)
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.municipal_agreement_counts(user)
    assert len(queries) == 1
    for agreement in AgreementVersion.objects.all():
        expected = selectors.municipal_agreements_for(user, agreement).count()
        assert counts.get(agreement.pk, 0) == expected
    assert sum(counts.values()) > 0
