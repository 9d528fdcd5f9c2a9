"""The rows of the Inkomen screen's returns table written in Python.

A hundred returns through the template engine (a lookup, an escape or a filter per cell, a
``{% url %}`` per row) were about half of the screen's CPU time (bench/README.md). This writes
the same markup, byte for byte, as the loop it replaces in ``income.html`` did;
test_the_returns_table_rows_are_the_templates_markup holds the two equal.
"""

from __future__ import annotations

from uuid import UUID

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .caseload_table import day, esc

register = template.Library()

_ZERO = UUID(int=0)


@register.simple_tag
def returns_table_rows(rows) -> SafeString:
    """The table body's rows of ``selectors.recent_return_rows``."""
    page_url = esc(reverse("candidates:candidate", args=[_ZERO]))
    zero = str(_ZERO)
    warm = (
        '<span class="utrecht-status-badge utrecht-status-badge--warning">'
        f"{esc(gettext('Warm handover requested'))}</span>"
    )
    cold = esc(gettext("no"))
    out = []
    for row in rows:
        candidate = str(row["candidate__uuid"])
        name = " ".join(
            part
            for part in (
                row["candidate__first_name"],
                row["candidate__name_prefix"],
                row["candidate__last_name"],
            )
            if part
        )
        handover = row["return_warm_handover"]
        out.append(
            "\n      "
            f'<tr class="utrecht-table__row" data-return="{esc(str(row["uuid"]))}" '
            f'data-candidate="{esc(candidate)}" '
            f'data-warm-handover="{"true" if handover else "false"}">\n        '
            f'<td class="utrecht-table__cell">{day(row["closed_on"])}</td>\n        '
            '<th class="utrecht-table__header-cell" scope="row">'
            '<a class="utrecht-link utrecht-link--html-a" '
            f'href="{page_url.replace(zero, candidate)}">{esc(name)}</a><br>'
            f'<span class="app-small app-muted">{esc("*****" + row["bsn_tail"])}</span></th>\n'
            '        <td class="utrecht-table__cell app-prewrap" data-return-reason>'
            f"{esc(row['return_reason'])}</td>\n        "
            f'<td class="utrecht-table__cell">{warm if handover else cold}</td>\n        '
            f'<td class="utrecht-table__cell">{esc(row["returned_by"] or "–")}</td>\n      '
            "</tr>\n    "
        )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)
