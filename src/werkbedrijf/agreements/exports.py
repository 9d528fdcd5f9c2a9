"""Export of the local choices and the budget check to XLSX and CSV, within what the user may see.

The XLSX holds three sheets (choices, findings, summary); a CSV holds one of them and starts with
its header row, so that it opens as one table; the sheet's name is in the file name.

Every municipal agreement comes through ``selectors.municipal_agreements_for``, so an export
never holds a municipality the user could not open on screen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.ui.tables import CSV, FORMATS, XLSX, Sheet, csv_bytes, xlsx

from . import selectors
from .models import AgreementVersion, MunicipalAgreement

# The sheets in their order, by the name a CSV export's URL gives them (``?blad=``); a CSV holds
# the first when none is named.
SHEETS = {
    "keuzes": gettext_lazy("Choices"),
    "bevindingen": gettext_lazy("Findings"),
    "samenvatting": gettext_lazy("Summary"),
}


def _severity(finding) -> str:
    return {
        "error": _("Not allowed"),
        "acceptance": _("Needs acceptance"),
        "info": _("For information"),
    }[finding.severity.value]


def _price_unit_label(unit: str) -> str:
    return _("points") if unit == "points" else _("euro")


def _reports(user, agreement, municipal_agreement, year):
    agreement = selectors.get_agreement(user, agreement.uuid)
    scope = selectors.municipal_agreements_for(user, agreement)
    if municipal_agreement is not None:
        scope = scope.filter(pk=municipal_agreement.pk)
        if not scope.exists():
            raise Http404
    years = agreement.years
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = None
        if year not in years:
            raise ValidationError(
                _("%(year)s is outside the agreement's period (%(first)s-%(last)s).")
                % {"year": year, "first": years[0], "last": years[-1]},
                code="year_outside_agreement",
            )
        years = [year]
    scope = list(scope)
    checks = selectors.check_municipal_agreements(scope, years)
    reports = [checks[(ma.pk, y)] for ma in scope for y in years]
    return agreement, reports


def _sheets(reports) -> list[Sheet]:
    choices = Sheet(
        str(SHEETS["keuzes"]),
        [
            _("Municipality"),
            _("Year"),
            _("Number on the card"),
            _("Service"),
            _("On the card"),
            _("Quantity"),
            _("Unit"),
            _("Card price"),
            _("Card price per"),
            _("Card value"),
            _("Agreed amount"),
            _("Difference"),
            _("Price unit"),
            _("Note"),
        ],
        [],
        {7, 9, 10, 11},
        {5},
        [],
    )
    findings = Sheet(
        str(SHEETS["bevindingen"]),
        [
            _("Municipality"),
            _("Year"),
            _("Kind"),
            _("Finding"),
            _("Difference"),
            _("Accepted"),
            _("Reason for accepting"),
        ],
        [],
        {4},
        set(),
        [],
    )
    summary = Sheet(
        str(SHEETS["samenvatting"]),
        [
            _("Municipality"),
            _("Year"),
            _("Budget"),
            _("Total agreed"),
            _("Difference"),
            _("Over or under budget"),
            _("Findings needing acceptance"),
            _("Of which not yet accepted"),
            _("Price unit"),
        ],
        [],
        {2, 3, 4},
        set(),
        [],
    )
    for report in reports:
        name = report.municipal_agreement.municipality.name
        year, unit = report.check.year, report.price_unit
        for choice in report.choices:
            service = choice.service if choice.service_id else None
            card_value = None
            if service is not None and choice.quantity is not None:
                card_value = selectors.service_terms(service).catalogue_value(choice.quantity)
            difference = (
                choice.agreed_amount - card_value
                if card_value is not None and choice.agreed_amount is not None
                else None
            )
            choices.rows.append(
                [
                    name,
                    year,
                    service.number if service else None,
                    choice.label,
                    _("yes") if service else _("no"),
                    choice.quantity,
                    service.quantity_label if service else choice.custom_unit,
                    service.price if service else None,
                    service.unit_label if service else "",
                    card_value,
                    choice.agreed_amount,
                    difference,
                    _price_unit_label(unit),
                    choice.note,
                ]
            )
            choices.units.append(unit)
        for finding in report.check.findings:
            acceptance = report.accepted.get(finding.key)
            needs = finding.severity.value == "acceptance"
            findings.rows.append(
                [
                    name,
                    year,
                    _severity(finding),
                    finding.message,
                    finding.difference,
                    (_("yes") if acceptance else _("no")) if needs else "",
                    acceptance.reason if acceptance else "",
                ]
            )
            findings.units.append(unit)
        check = report.check
        if check.budget is None:
            state = _("budget unknown")
        elif check.over_budget:
            state = _("over budget")
        elif check.total < check.budget:
            state = _("under budget")
        else:
            state = _("exactly on budget")
        summary.rows.append(
            [
                name,
                year,
                check.budget,
                check.total,
                check.difference,
                state,
                len(check.needing_acceptance()),
                len(report.unaccepted),
                _price_unit_label(unit),
            ]
        )
        summary.units.append(unit)
    return [choices, findings, summary]


def export_check(
    user,
    agreement: AgreementVersion,
    *,
    municipal_agreement: MunicipalAgreement | None = None,
    year: int | None = None,
    fmt: str = "xlsx",
    sheet: str | None = None,
) -> tuple[bytes, str, str]:
    """The choices and the budget check as (content, content type, file name); a CSV holds the
    one ``sheet`` named in ``SHEETS`` (the choices when not given).

    Raises Http404 for an agreement or municipal agreement outside the user's scope, and
    ValidationError for a year outside the agreement, an unknown format or an unknown sheet."""
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown export format."), code="unknown_format")
    sheet = sheet or next(iter(SHEETS))
    if fmt == "csv" and sheet not in SHEETS:
        raise ValidationError(_("Unknown export sheet."), code="unknown_sheet")
    agreement, reports = _reports(user, agreement, municipal_agreement, year)
    sheets = _sheets(reports)
    parts = [slugify(agreement.title), slugify(_("budget check"))]
    if municipal_agreement is not None:
        parts.append(slugify(municipal_agreement.municipality.name))
    if year is not None:
        parts.append(str(year))
    if fmt == "xlsx":
        return xlsx(sheets), XLSX, _filename(parts, fmt)
    chosen = sheets[list(SHEETS).index(sheet)]
    parts.insert(2, slugify(chosen.title))
    return csv_bytes(chosen), CSV, _filename(parts, fmt)


def _filename(parts: list[str], fmt: str) -> str:
    return "-".join(p for p in parts if p) + f".{fmt}"
