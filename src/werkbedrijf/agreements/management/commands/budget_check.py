"""The budget check from the command line: a readable table, or JSON with --json."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import AgreementVersion, MunicipalAgreement
from werkbedrijf.agreements.policies import format_amount


class Command(BaseCommand):
    help = "Check local choices against budget and keuzekaart, per municipality and year."

    def add_arguments(self, parser):
        parser.add_argument("agreement", help="Title of the DVO, e.g. 'DVO 2024-2025'.")
        parser.add_argument("--municipality", help="CBS code, e.g. GM0268. Default: all.")
        parser.add_argument("--year", type=int, help="Default: every year of the agreement.")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
        parser.add_argument("--user", help="Check as this staff account (scoped by its access).")

    def handle(self, *args, **options):
        translation.activate("nl")
        try:
            agreement = AgreementVersion.objects.get(title=options["agreement"])
        except AgreementVersion.DoesNotExist as exc:
            raise CommandError(f"Onbekende DVO: {options['agreement']}") from exc
        if options["user"]:
            from werkbedrijf.accounts.models import User

            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Onbekende gebruiker: {options['user']}")
            municipal = selectors.municipal_agreements_for(user, agreement)
        else:
            municipal = MunicipalAgreement.objects.filter(agreement=agreement).select_related(
                "municipality", "agreement"
            )
        if options["municipality"]:
            municipal = municipal.filter(municipality__cbs_code=options["municipality"])
            if not municipal.exists():
                raise CommandError(f"Geen overeenkomst voor {options['municipality']}.")
        years = agreement.years
        if options["year"]:
            if options["year"] not in years:
                raise CommandError(
                    f"{options['year']} valt buiten de looptijd ({years[0]}-{years[-1]})."
                )
            years = [options["year"]]
        municipal = list(municipal.order_by("municipality__name"))
        checks = selectors.check_municipal_agreements(municipal, years)
        reports = [checks[(ma.pk, year)] for ma in municipal for year in years]
        if options["json"]:
            self.stdout.write(
                json.dumps([_as_dict(r) for r in reports], indent=2, ensure_ascii=False)
            )
        else:
            self.stdout.write(_as_table(agreement, reports))


def _money(value):
    return None if value is None else f"{value:.2f}"


def _as_dict(report) -> dict:
    check = report.check
    return {
        "municipality": report.municipal_agreement.municipality.name,
        "cbsCode": report.municipal_agreement.municipality.cbs_code,
        "year": check.year,
        "priceUnit": report.price_unit,
        "budget": _money(check.budget),
        "total": _money(check.total),
        "difference": _money(check.difference),
        "overBudget": check.over_budget,
        "findings": [
            {
                "kind": f.kind.value,
                "severity": f.severity.value,
                "message": f.message,
                "key": f.key,
                "expected": _money(f.expected),
                "actual": _money(f.actual),
                "difference": _money(f.difference),
                "accepted": f.key in report.accepted,
            }
            for f in check.findings
        ],
    }


def _as_table(agreement, reports) -> str:
    lines = [f"Budgetcontrole {agreement.title}", ""]
    header = f"{'Gemeente':<20} {'Jaar':<5} {'Budget':>14} {'Totaal':>14} {'Verschil':>14}  Status"
    lines += [header, "-" * len(header)]
    for report in reports:
        check, unit = report.check, report.price_unit
        status = "BOVEN BUDGET" if check.over_budget else "binnen budget"
        if check.budget is None:
            status = "budget onbekend"
        lines.append(
            f"{report.municipal_agreement.municipality.name:<20} {check.year:<5} "
            f"{format_amount(check.budget, unit):>14} {format_amount(check.total, unit):>14} "
            f"{format_amount(check.difference, unit) if check.budget is not None else '':>14}  "
            f"{status}"
        )
    lines += ["", "Bevindingen:"]
    for report in reports:
        for finding in report.check.findings:
            if finding.severity == "info" and finding.kind not in ("amount_unknown",):
                continue
            mark = {"error": "FOUT", "acceptance": "AFWIJKING", "info": "info"}[finding.severity]
            if finding.severity == "acceptance":
                mark += " (geaccepteerd)" if finding.key in report.accepted else " (open)"
            lines.append(
                f"- {report.municipal_agreement.municipality.name} "
                f"{report.check.year} [{mark}] {finding.message}"
            )
    return "\n".join(lines) + "\n"
