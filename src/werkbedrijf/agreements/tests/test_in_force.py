"""The local choices in force in a year: an adopted DVO's own year, or its last year carried into
the years it is extended tacitly (art. 16.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from werkbedrijf.agreements import policies, selectors
from werkbedrijf.agreements.models import AgreementVersion, MunicipalAgreement

DVO_2021 = (date(2021, 1, 1), date(2022, 12, 31))
DVO_2024 = (date(2024, 7, 1), date(2025, 12, 31))
DVO_2026 = (date(2026, 1, 1), date(2027, 12, 31))
IN_2026 = date(2026, 12, 7)


# --- the pure rule -----------------------------------------------------------------------------


def test_a_year_of_the_period_holds_its_own_choices():
    assert policies.year_in_force(2025, [DVO_2021, DVO_2024], IN_2026) == (1, 2025)
    assert policies.year_in_force(2024, [DVO_2021, DVO_2024], IN_2026) == (1, 2024)


def test_the_last_year_carries_over_into_the_present_year():
    assert policies.year_in_force(2026, [DVO_2021, DVO_2024], IN_2026) == (1, 2025)


def test_a_gap_between_two_dvos_runs_on_the_older_one():
    assert policies.year_in_force(2023, [DVO_2021, DVO_2024], IN_2026) == (0, 2022)


def test_a_newer_adopted_dvo_covering_the_year_wins_over_the_carry_over():
    assert policies.year_in_force(2026, [DVO_2021, DVO_2024, DVO_2026], IN_2026) == (2, 2026)


def test_a_future_year_beyond_the_extension_is_not_carried_over():
    assert policies.year_in_force(2027, [DVO_2021, DVO_2024], IN_2026) is None


def test_a_year_before_any_dvo_has_no_choices():
    assert policies.year_in_force(2020, [DVO_2021, DVO_2024], IN_2026) is None
    assert policies.year_in_force(2026, [], IN_2026) is None


def test_a_carried_over_year_is_a_whole_year():
    assert policies.fraction_in_force(2026, 2025, *DVO_2024) == Decimal(1)
    assert policies.fraction_in_force(2024, 2024, *DVO_2024) == Decimal("0.5")


@given(
    starts=st.lists(st.integers(2000, 2040), min_size=1, max_size=5, unique=True),
    year=st.integers(1995, 2050),
    today_year=st.integers(2000, 2050),
)
def test_choices_come_from_a_covering_dvo_or_an_earlier_one_up_to_today(starts, year, today_year):
    adopted = [(date(s, 1, 1), date(s + 1, 12, 31)) for s in sorted(starts)]
    found = policies.year_in_force(year, adopted, date(today_year, 6, 1))
    covering = [a for a in adopted if a[0].year <= year <= a[1].year]
    if covering:
        assert found is not None and found[1] == year
    elif found is not None:
        index, source_year = found
        assert year <= today_year
        assert source_year == adopted[index][1].year < year
        assert not any(source_year < a[1].year < year for a in adopted)
    else:
        assert year > today_year or all(a[1].year >= year for a in adopted)


# --- over the reference data ------------------------------------------------------------------


def test_reference_2024_2025_is_extended_into_2026_while_2026_2027_is_a_draft(
    reference_dvo, nijmegen
):
    held = selectors.in_force(nijmegen.pk, 2026, today=IN_2026)
    assert held.municipal_agreement.agreement == reference_dvo
    assert held.source_year == 2025 and held.carried_over_from == 2025
    choices = list(held.choices())
    assert choices and {c.year for c in choices} == {2025}
    assert {c.carried_over_from for c in choices} == {2025}
    assert [c.pk for c in choices] == [
        c.pk for c in selectors.current_choices(held.municipal_agreement, 2025)
    ]
    budget = held.budget()
    assert budget is not None and budget.year == 2025 and budget.carried_over_from == 2025
    assert held.fraction == Decimal(1)
    assert held.period == (date(2026, 1, 1), date(2026, 12, 31))


def test_own_year_is_not_marked_carried_over(reference_dvo, nijmegen):
    held = selectors.in_force(nijmegen.pk, 2025, today=IN_2026)
    assert held.carried_over_from is None
    assert {c.carried_over_from for c in held.choices()} == {None}


def test_adopting_the_next_dvo_ends_the_carry_over(reference_dvo, nijmegen):
    newer = AgreementVersion.objects.get(title__contains="2026")
    AgreementVersion.objects.filter(pk=newer.pk).update(status=policies.ADOPTED)
    held = selectors.in_force(nijmegen.pk, 2026, today=IN_2026)
    assert held.municipal_agreement.agreement == newer
    assert held.carried_over_from is None
    assert all(c.municipal_agreement.agreement_id == newer.pk for c in held.choices())


@pytest.mark.parametrize("year", [2019, 2027])
def test_no_choices_before_any_dvo_or_beyond_the_extension(reference_dvo, nijmegen, year):
    held = selectors.in_force(nijmegen.pk, year, today=IN_2026)
    assert held.municipal_agreement is None and not held.choices().exists()
    assert held.budget() is None


def test_the_years_to_report_run_up_to_the_present_one(reference_dvo, consultant):
    years = selectors.years_with_choices(consultant, today=date(2028, 3, 1))
    assert years[-1] == 2028 and {2025, 2026, 2027} <= set(years)


def test_the_municipal_page_of_the_extended_dvo_marks_its_choices_carried_over(
    client_for, consultant, reference_dvo, nijmegen
):
    """While the 2026-2027 DVO is a draft, every year from 2026 on runs on 2024-2025's last year."""
    from django.urls import reverse

    from werkbedrijf.agreements.models import MunicipalAgreement

    ma = MunicipalAgreement.objects.get(agreement=reference_dvo, municipality=nijmegen)
    html = (
        client_for(consultant)
        .get(reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}))
        .content.decode()
    )
    assert f'data-carried-into="{timezone.localdate().year}"' in html
    assert "voortgezet uit 2025" in html or "carried over from 2025" in html


def _in_force_in_two_queries(municipality_id: int, year: int, today: date):
    """``in_force`` as it was read before: the adopted versions, then the municipality's agreement
    under the one that holds. The definition the one-query read must equal."""
    adopted = list(
        AgreementVersion.objects.filter(
            status=policies.ADOPTED, municipal_agreements__municipality_id=municipality_id
        ).order_by("period_start")
    )
    found = policies.year_in_force(year, [(a.period_start, a.period_end) for a in adopted], today)
    if found is None:
        return None, None
    index, source_year = found
    return MunicipalAgreement.objects.get(
        agreement=adopted[index], municipality_id=municipality_id
    ).pk, source_year


@pytest.mark.parametrize("adopt_2026", [False, True])
def test_in_force_in_one_query_equals_the_two_query_read(reference_dvo, adopt_2026):
    if adopt_2026:
        AgreementVersion.objects.filter(title__contains="2026").update(status=policies.ADOPTED)
    seen = set()
    for municipality_id in MunicipalAgreement.objects.values_list("municipality_id", flat=True):
        for today in (date(2022, 3, 1), IN_2026, date(2028, 2, 1)):
            for year in range(2019, 2030):
                held = selectors.in_force(municipality_id, year, today)
                found = (held.municipal_agreement and held.municipal_agreement.pk, held.source_year)
                assert found == _in_force_in_two_queries(municipality_id, year, today)
                seen.add(found[1])
    assert len(seen) > 3  # years of their own, carried over, and none
