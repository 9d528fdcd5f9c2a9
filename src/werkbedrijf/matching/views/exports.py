"""The matching screens' tables as XLSX or CSV (?formaat=xlsx|csv), through utils.exports. A table
that names candidates is logged as an export."""

from __future__ import annotations

from django.utils.translation import gettext as _

from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.utils import exports as tables


def wanted(request) -> str | None:
    fmt = request.GET.get("formaat")
    return fmt if fmt in tables.FORMATS else None


def log_export(user, candidates, detail: str) -> None:
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="candidates.Candidate",
        records=candidates,
        purpose=REINTEGRATION,
        detail=detail,
    )


def vacancies_sheet(rows) -> tables.Sheet:
    return tables.Sheet(
        _("Vacancies"),
        [
            _("Title"),
            _("Employer"),
            _("Occupation"),
            _("Hours per week"),
            _("Start date"),
            _("Status"),
        ],
        [
            [
                v.title,
                v.employer.name,
                v.occupation.label,
                v.hours_per_week,
                v.start_date.strftime("%d-%m-%Y"),
                v.get_status_display(),
            ]
            for v in rows
        ],
    )


def shortlist_sheet(shortlist) -> tables.Sheet:
    header = [_("Candidate"), _("Score")]
    labels = []
    if shortlist.rows:
        labels = [(c.label, c.weight) for c in shortlist.rows[0].match.categories]
        header += [f"{label} ({weight}%)" for label, weight in labels]
    return tables.Sheet(
        _("Best candidates"),
        header,
        [
            [r.candidate.full_name, r.match.total]
            + [f"{c.score:.0f}: {c.evidence}" for c in r.match.categories]
            for r in shortlist.rows
        ],
    )


def profiles_sheet(rows) -> tables.Sheet:
    return tables.Sheet(
        _("Least complete work profiles"),
        [_("Candidate"), _("Complete"), _("Missing")],
        [[r.candidate.full_name, r.score, ", ".join(r.missing)] for r in rows],
    )


def batch_sheet(rows) -> tables.Sheet:
    return tables.Sheet(
        _("Shortlists for all open vacancies"),
        [_("Vacancy"), _("Employer"), _("Eligible"), _("Shortlist (score)"), _("Explanation")],
        [
            [
                r.vacancy.title,
                r.vacancy.employer.name,
                r.eligible,
                ", ".join(f"{c.full_name} ({s:.1f})" for c, s in r.chosen),
                ", ".join(f"{c.full_name} ({s:.1f})" for c, s in r.passed_over),
            ]
            for r in rows
        ],
    )


def bias_sheet(rows) -> tables.Sheet:
    return tables.Sheet(
        _("Bias monitor"),
        [
            _("Municipality"),
            _("Focus group"),
            _("Active population"),
            _("Proposals"),
            _("Introductions"),
            _("Placements"),
            _("Signal"),
        ],
        [
            [
                r.municipality or _("The region"),
                r.label,
                f"{r.population.shown} ({r.population.shown_share})",
                f"{r.proposals.shown} ({r.proposals.shown_share})",
                f"{r.introductions.shown} ({r.introductions.shown_share})",
                f"{r.placements.shown} ({r.placements.shown_share})",
                _("Below four fifths: look into it")
                if r.warning
                else _("Too few to judge")
                if r.too_small
                else _("No signal"),
            ]
            for r in rows
        ],
    )
