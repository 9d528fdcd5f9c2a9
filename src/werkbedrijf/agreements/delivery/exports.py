"""The delivery tables as XLSX and CSV (utils.exports): the realisation per quarter, the presence
against an earlier year, and the records behind them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from werkbedrijf.utils.exports import Sheet

from .models import KIND_LABELS


def kind_label(kind: str) -> str:
    return str(KIND_LABELS[kind])


def realisation_sheet(realisations) -> Sheet:
    header = [
        _("Municipality"),
        _("Year"),
        _("Local choice"),
        _("Delivered by"),
        _("Unit"),
        _("Quarter"),
        _("Bought"),
        _("Delivered"),
        _("Forecast"),
        _("Runs behind"),
    ]
    sheet = Sheet(_("Realisation per quarter"), header, quantity_columns={6, 7, 8})
    for realisation in realisations:
        for row in realisation.rows:
            for q in row.quarters:
                sheet.rows.append(
                    [
                        realisation.municipality.name,
                        realisation.year,
                        row.label,
                        kind_label(row.kind),
                        row.unit,
                        f"Q{q.quarter}",
                        q.bought,
                        q.delivered,
                        q.forecast,
                        _("yes") if q.behind else "",
                    ]
                )
    return sheet


def presence_sheet(comparison) -> Sheet:
    e, y = comparison.earlier, comparison.later
    header = [
        _("Presence"),
        _("Bought in %(year)s") % {"year": e},
        _("Bought in %(year)s") % {"year": y},
        _("Delivered or planned in %(year)s") % {"year": e},
        _("Delivered or planned in %(year)s") % {"year": y},
        _("Lower than in %(year)s") % {"year": e},
    ]
    sheet = Sheet(_("Local presence"), header, quantity_columns={1, 2, 3, 4})
    for line in comparison.lines:
        sheet.rows.append(
            [
                kind_label(line.kind),
                line.earlier_bought,
                line.later_bought,
                line.earlier_delivered,
                line.later_delivered,
                _("yes") if line.lower else "",
            ]
        )
    return sheet


def records_sheets(half_days, presences, coaching, notes) -> list[Sheet]:
    return [
        Sheet(
            _("Half-days"),
            [_("Local choice"), _("Location"), _("Date"), _("Part of the day"), _("Status")],
            [
                [
                    s.choice.label,
                    s.location,
                    s.date,
                    s.get_part_of_day_display(),
                    s.get_status_display(),
                ]
                for s in half_days
            ],
        ),
        Sheet(
            _("Presence at teams"),
            [_("Local choice"), _("Team and location"), _("Worker"), _("From"), _("Until")],
            [
                [p.choice.label, p.location, p.worker.display_name, p.start, p.end]
                for p in presences
            ],
        ),
        Sheet(
            _("Participatiecoaching"),
            [_("Local choice"), _("Participatiecoach"), _("fte"), _("From"), _("Until")],
            [[c.choice.label, c.coach.display_name, c.fte, c.start, c.end] for c in coaching],
            quantity_columns={2},
        ),
        Sheet(
            _("Delivery notes"),
            [_("For"), _("Kind"), _("Status"), _("Date"), _("What was delivered"), _("Quantity")],
            [
                [
                    n.choice.label if n.choice_id else n.extra_work.description,
                    n.get_kind_display(),
                    n.get_status_display(),
                    n.date,
                    n.text,
                    n.quantity,
                ]
                for n in notes
            ],
            quantity_columns={5},
        ),
    ]
