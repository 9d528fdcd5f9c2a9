"""How the screens write amounts, quantities and statuses: € 1.500.000, 0,8 fte, 31-12-2025.

Amounts are written the Dutch way whatever the interface language, as the agreements themselves are.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from werkbedrijf.agreements import policies
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.utils import numbers

# The screens write numbers as the budget check does (werkbedrijf.utils.numbers).
euro, points, amount, quantity = numbers.euro, numbers.points, numbers.amount, numbers.quantity


def input_number(value, *, amount: bool) -> str:
    """A stored number as it goes back into an input: no grouping, no trailing zeros."""
    number = numbers.as_decimal(value)
    if number is None:
        return ""
    if amount:  # whole euros, or euros and two cents, with a decimal comma
        places = 0 if number == number.to_integral_value() else 2
        return f"{number:.{places}f}".replace(".", ",")
    text = f"{number.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


EFFECTIVE_STATUS_LABELS = {
    policies.DRAFT: AgreementStatus.DRAFT.label,
    policies.OPINIONS_REQUESTED: AgreementStatus.OPINIONS_REQUESTED.label,
    policies.NOT_YET_IN_FORCE: gettext_lazy("Adopted, not yet in force"),
    policies.IN_FORCE: gettext_lazy("In force"),
    policies.TACITLY_EXTENDED: gettext_lazy("Tacitly extended (art. 16.1)"),
    policies.EXPIRED: gettext_lazy("Expired"),
}

# The colour of a status badge; the text always says the status too.
EFFECTIVE_STATUS_TONES = {
    policies.DRAFT: "neutral",
    policies.OPINIONS_REQUESTED: "warning",
    policies.NOT_YET_IN_FORCE: "active",
    policies.IN_FORCE: "success",
    policies.TACITLY_EXTENDED: "warning",
    policies.EXPIRED: "inactive",
}

SEVERITY_LABELS = {
    policies.Severity.ERROR: gettext_lazy("Not allowed"),
    policies.Severity.ACCEPTANCE: gettext_lazy("Needs acceptance"),
    policies.Severity.INFO: gettext_lazy("For information"),
}

SEVERITY_TONES = {
    policies.Severity.ERROR: "danger",
    policies.Severity.ACCEPTANCE: "warning",
    policies.Severity.INFO: "neutral",
}


def effective_status_label(code: str) -> str:
    return str(EFFECTIVE_STATUS_LABELS.get(code, code))
