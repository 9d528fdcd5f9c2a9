"""Every caller runs the budget check on the same inputs: the command line and the live preview
of the compose screen give the check of the stored choices."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from werkbedrijf.agreements import compose, selectors, services
from werkbedrijf.agreements.models import MunicipalAgreement
from werkbedrijf.agreements.services import LineInput

pytestmark = pytest.mark.django_db


def _figures(check):
    return (
        check.budget,
        check.total,
        check.total_at_card_value,
        [(f.kind, f.severity, f.expected, f.actual) for f in check.findings],
    )


def test_the_command_reports_the_stored_check_of_every_municipality_and_year(reference_dvo):
    out = StringIO()
    with translation.override("nl"):
        call_command("budget_check", reference_dvo.title, "--json", stdout=out)
    reported = [
        (row["cbsCode"], row["year"], [f["key"] for f in row["findings"]])
        for row in json.loads(out.getvalue())
    ]
    mas = MunicipalAgreement.objects.filter(agreement=reference_dvo).order_by("municipality__name")
    assert reported == [
        (
            ma.municipality.cbs_code,
            year,
            [f.key for f in selectors.check_municipal_year(ma, year).check.findings],
        )
        for ma in mas.select_related("municipality")
        for year in reference_dvo.years
    ]


def test_the_live_preview_of_the_saved_rows_is_the_stored_check(
    draft_dvo, nijmegen, policy_adviser_nijmegen
):
    ma = MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)
    card = {s.code: str(s.uuid) for s in draft_dvo.catalogue.services.all()}
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=ma,
        year=2025,
        lines=[
            LineInput(service=card["maatwerk-interventies"], quantity=30, agreed_amount=80000),
            LineInput(service=card["participatiecoaching"], quantity="0.5"),
            LineInput(custom_name="Taalcoaching op maat", agreed_amount="4500"),
        ],
    )
    preview = compose.preview(compose.initial_form(ma, 2025))
    stored = selectors.check_municipal_year(ma, 2025)
    assert preview.price_unit == stored.price_unit
    assert _figures(preview.check) == _figures(stored.check)
    assert stored.check.over_budget  # the check has something to say
