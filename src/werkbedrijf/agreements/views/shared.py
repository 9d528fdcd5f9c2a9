"""What the DVO screens share: the year in the path, the page to go back to, choice rows, findings."""

from __future__ import annotations

from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from werkbedrijf.agreements import policies, selectors


def year_of(agreement, year: int) -> int:
    if year not in agreement.years:
        raise Http404
    return year


def back_to(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def choice_rows(choices):
    """Saved choices with their card value (quantity × card price) and the difference."""
    rows = []
    for choice in choices:
        card_value = None
        if choice.service_id and choice.quantity is not None:
            card_value = selectors.service_terms(choice.service).catalogue_value(choice.quantity)
        difference = (
            choice.agreed_amount - card_value
            if card_value is not None and choice.agreed_amount is not None
            else None
        )
        rows.append({"choice": choice, "card_value": card_value, "difference": difference})
    return rows


def findings_of(report):
    """The findings of a check, each with its acceptance if it has one."""
    return [
        {
            "finding": finding,
            "needs_acceptance": finding.severity == policies.Severity.ACCEPTANCE,
            "acceptance": report.accepted.get(finding.key),
        }
        for finding in report.check.findings
    ]


def conflict_with_saved(ma, year, form, message: str) -> dict:
    """Someone else saved the year's choices first: what they saved, to show beside the user's own
    entries (which stay in ``form``). The form now carries the version just shown, so saving again
    after comparing is a deliberate choice, not the silent overwrite it would have been."""
    form.version = selectors.choices_version(ma, year)  # before the rows, as in initial_form
    history = list(selectors.choice_history(ma, year))
    return {
        "message": message,
        "rows": choice_rows(history),
        "history": any(c.valid_from or c.valid_until for c in history),
    }
