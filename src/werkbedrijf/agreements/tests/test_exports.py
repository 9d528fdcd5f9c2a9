"""Exports of the choices and the check: a real XLSX, an Excel-ready CSV, and never out of scope."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from werkbedrijf.agreements import exports
from werkbedrijf.agreements.models import LocalChoice

from .conftest import compose_data, compose_url, export_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def choices(ma_nijmegen, ma_wijchen, card):
    LocalChoice.objects.create(
        municipal_agreement=ma_nijmegen,
        year=2025,
        position=1,
        service=card["maatwerk-interventies"],
        quantity=40,
        agreed_amount=Decimal("127500.50"),
    )
    LocalChoice.objects.create(
        municipal_agreement=ma_nijmegen,
        year=2025,
        position=2,
        custom_name="Kwartiermaker Economisch Collectief Nijmegen",
        agreed_amount=35000,
    )
    LocalChoice.objects.create(
        municipal_agreement=ma_wijchen,
        year=2025,
        position=1,
        service=card["participatiecoaching"],
        quantity=Decimal("0.2"),
        agreed_amount=17000,
    )


def _workbook(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def _rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_xlsx_holds_choices_findings_and_summary(dvo_admin, draft_dvo, ma_nijmegen, choices):
    content, content_type, filename = exports.export_check(
        dvo_admin, draft_dvo, municipal_agreement=ma_nijmegen, year=2025, fmt="xlsx"
    )
    assert content_type == exports.XLSX
    assert filename.endswith("-nijmegen-2025.xlsx")
    workbook = _workbook(content)
    choices_sheet, findings_sheet, summary_sheet = workbook.worksheets
    header, *rows = _rows(choices_sheet)
    assert len(header) == 14 and len(rows) == 2
    maatwerk = dict(zip(header, rows[0], strict=True))
    assert maatwerk[header[0]] == "Nijmegen"
    assert maatwerk[header[1]] == 2025
    assert maatwerk[header[3]] == "Maatwerk-interventies"
    assert Decimal(str(maatwerk[header[5]])) == 40
    assert Decimal(str(maatwerk[header[9]])) == 120000  # card value
    assert Decimal(str(maatwerk[header[10]])) == Decimal("127500.50")  # agreed
    assert Decimal(str(maatwerk[header[11]])) == Decimal("7500.50")  # difference
    assert "€" in choices_sheet.cell(2, 11).number_format
    assert rows[1][3] == "Kwartiermaker Economisch Collectief Nijmegen"
    assert rows[1][9] is None  # not on the card: no card value

    findings = _rows(findings_sheet)[1:]
    assert len(findings) >= 3  # overrun, price deviation, not on the card
    assert all(f[0] == "Nijmegen" for f in findings)

    (summary,) = _rows(summary_sheet)[1:]
    assert summary[:2] == ["Nijmegen", 2025]
    assert Decimal(str(summary[2])) == 100000
    assert Decimal(str(summary[3])) == Decimal("162500.50")
    assert Decimal(str(summary[4])) == Decimal("62500.50")


def test_csv_is_utf8_with_bom_and_semicolons(dvo_admin, draft_dvo, ma_nijmegen, choices):
    content, content_type, filename = exports.export_check(
        dvo_admin, draft_dvo, municipal_agreement=ma_nijmegen, fmt="csv"
    )
    assert content_type.startswith("text/csv")
    assert filename.endswith(".csv")
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.startswith("Gemeente;Jaar;")
    assert "Nijmegen;2025;4;Maatwerk-interventies;" in text
    assert ";127500,50;7500,50;" in text
    assert "Wijchen" not in text


@pytest.mark.parametrize(
    "sheet, columns, title",
    [
        (None, "Gemeente;Jaar;", "keuzes"),
        ("keuzes", "Gemeente;Jaar;", "keuzes"),
        ("bevindingen", "Gemeente;Jaar;Soort;", "bevindingen"),
        ("samenvatting", "Gemeente;Jaar;", "samenvatting"),
    ],
)
def test_a_csv_starts_with_its_header_row_and_names_its_sheet_in_the_file_name(
    dvo_admin, draft_dvo, ma_nijmegen, choices, sheet, columns, title
):
    content, _type, filename = exports.export_check(
        dvo_admin, draft_dvo, municipal_agreement=ma_nijmegen, year=2025, fmt="csv", sheet=sheet
    )
    header, *rows = content.decode("utf-8-sig").split("\r\n")
    assert header.startswith(columns)
    assert rows[0].startswith("Nijmegen;2025;")
    assert not any(line.startswith(("Keuzes", "Bevindingen", "Samenvatting")) for line in rows)
    assert filename.endswith(f"-budgetcontrole-{title}-nijmegen-2025.csv")


def test_a_csv_of_an_unknown_sheet_is_refused(dvo_admin, draft_dvo):
    with pytest.raises(ValidationError):
        exports.export_check(dvo_admin, draft_dvo, fmt="csv", sheet="alles")


def test_agreement_export_of_a_dvo_admin_holds_every_municipality(dvo_admin, draft_dvo, choices):
    content, *_ = exports.export_check(dvo_admin, draft_dvo)
    summary = _rows(_workbook(content).worksheets[2])[1:]
    assert {(r[0], r[1]) for r in summary} == {
        ("Nijmegen", 2024),
        ("Nijmegen", 2025),
        ("Wijchen", 2024),
        ("Wijchen", 2025),
    }


def test_a_nijmegen_users_export_never_holds_wijchen(policy_adviser_nijmegen, draft_dvo, choices):
    content, *_ = exports.export_check(policy_adviser_nijmegen, draft_dvo)
    workbook = _workbook(content)
    for sheet in workbook.worksheets:
        for row in _rows(sheet)[1:]:
            assert row[0] == "Nijmegen", (sheet.title, row)
    text = exports.export_check(policy_adviser_nijmegen, draft_dvo, fmt="csv")[0].decode(
        "utf-8-sig"
    )
    assert "Wijchen" not in text and "Nijmegen" in text


def test_export_of_another_municipalitys_draft_is_not_found(
    policy_adviser_wijchen, draft_dvo, ma_nijmegen, choices
):
    with pytest.raises(Http404):
        exports.export_check(policy_adviser_wijchen, draft_dvo, municipal_agreement=ma_nijmegen)


def test_export_of_a_year_outside_the_agreement_is_refused(dvo_admin, draft_dvo):
    with pytest.raises(ValidationError):
        exports.export_check(dvo_admin, draft_dvo, year=2030)


def test_export_download_through_the_screens(
    client_for, policy_adviser_nijmegen, draft_dvo, ma_nijmegen, card
):
    client = client_for(policy_adviser_nijmegen)
    client.post(
        compose_url(ma_nijmegen), compose_data(card=[(card["maatwerk-interventies"], "18", "")])
    )
    response = client.get(export_url(draft_dvo, "xlsx", ma=ma_nijmegen, year=2025))
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(_workbook(response.content).worksheets[0])
    assert rows[1][3] == "Maatwerk-interventies"
    page = client.get(compose_url(ma_nijmegen)).content.decode()
    assert export_url(draft_dvo, "xlsx", ma=ma_nijmegen, year=2025).replace("&", "&amp;") in page
    findings_csv = (
        export_url(draft_dvo, "csv") + f"?blad=bevindingen&gemeente={ma_nijmegen.uuid}&jaar=2025"
    )
    assert findings_csv.replace("&", "&amp;") in page
    response = client.get(findings_csv)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "-bevindingen-" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").startswith("Gemeente;Jaar;Soort;")


def test_export_download_of_another_municipality_is_not_found(
    client_for, policy_adviser_wijchen, draft_dvo, ma_nijmegen
):
    client = client_for(policy_adviser_wijchen)
    assert client.get(export_url(draft_dvo, "xlsx", ma=ma_nijmegen)).status_code == 404
    assert client.get(export_url(draft_dvo, "csv", ma=ma_nijmegen, year=2025)).status_code == 404


def test_export_with_a_bad_year_or_format_is_a_bad_request(client_for, dvo_admin, draft_dvo):
    client = client_for(dvo_admin)
    assert client.get(export_url(draft_dvo, "xlsx", year=2030)).status_code == 400
    assert client.get(export_url(draft_dvo, "pdf")).status_code == 400
    assert client.get(export_url(draft_dvo, "csv") + "?blad=alles").status_code == 400
