"""The screens and the export over the real DVO 2024-2025 and the 2021-2022 card in points."""

import io

import openpyxl
import pytest
from django.urls import reverse

from werkbedrijf.agreements import exports
from werkbedrijf.agreements.models import AgreementVersion, MunicipalAgreement

pytestmark = pytest.mark.django_db


def test_budget_status_of_all_seven_municipalities_on_one_page(
    client_for, dvo_admin, reference_dvo
):
    html = (
        client_for(dvo_admin)
        .get(reverse("agreements:agreement", kwargs={"uuid": reference_dvo.uuid}))
        .content.decode()
    )
    for cbs in ("GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0268", "GM0296"):
        for year in (2024, 2025):
            assert f'data-municipality="{cbs}" data-year="{year}"' in html
    assert "€ 1.500.000" in html  # Nijmegen's budget for 2024


def test_every_agreement_and_municipal_page_renders(
    client_for, dvo_admin, policy_adviser_nijmegen, reference_dvo
):
    for user in (dvo_admin, policy_adviser_nijmegen):
        client = client_for(user)
        for agreement in AgreementVersion.objects.all():
            assert (
                client.get(
                    reverse("agreements:agreement", kwargs={"uuid": agreement.uuid})
                ).status_code
                == 200
            )
        for ma in MunicipalAgreement.objects.select_related("agreement"):
            response = client.get(
                reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid})
            )
            assert response.status_code in (200, 404)
            if response.status_code == 200:
                for year in ma.agreement.years:
                    compose = client.get(
                        reverse("agreements:compose", kwargs={"uuid": ma.uuid, "year": year})
                    )
                    assert compose.status_code == 200


def test_adopted_2024_2025_is_read_only_for_the_policy_adviser(
    client_for, policy_adviser_nijmegen, reference_dvo
):
    ma = MunicipalAgreement.objects.get(agreement=reference_dvo, municipality__cbs_code="GM0268")
    html = (
        client_for(policy_adviser_nijmegen)
        .get(reverse("agreements:compose", kwargs={"uuid": ma.uuid, "year": 2024}))
        .content.decode()
    )
    assert 'id="compose-form"' not in html
    assert "Kwartiermaker" in html


def test_export_of_the_reference_dvo_opens_and_covers_every_municipality(dvo_admin, reference_dvo):
    content, *_ = exports.export_check(dvo_admin, reference_dvo)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    summary = list(workbook.worksheets[2].iter_rows(values_only=True))[1:]
    assert len({row[0] for row in summary}) == 7
    choices = list(workbook.worksheets[0].iter_rows(values_only=True))[1:]
    assert any(row[3] and "Kwartiermaker" in row[3] for row in choices)


def test_budget_overview_queries_stay_bounded(
    client_for, dvo_admin, reference_dvo, django_assert_max_num_queries
):
    """A handful of queries per municipality and year, never one per choice or finding."""
    client = client_for(dvo_admin)
    with django_assert_max_num_queries(100):
        client.get(reverse("agreements:agreement", kwargs={"uuid": reference_dvo.uuid}))
