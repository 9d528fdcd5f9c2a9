"""The registry of indicators (art. 13, Informatieprotocol): every indicator is declared once, in
one of the modules below, with the one query that computes it. Import from here."""

from . import development, diagnosis, employers, journey, resources  # noqa: F401  (each module registers its own)
from .base import (
    DEFINITIONS_VERSION,
    REGISTRY,
    TOTAL,
    Figure,
    Indicator,
    Scope,
    focus_group_q,
    get,
    shared_reads,
)

# The order in which screens and reports show them: the journey, then development, then money.
ORDER = (
    "inflow",
    "young_self_registrations",
    "in_service",
    "ownw",
    "outflow_to_work",
    "days_to_work",
    "durable_work_6",
    "durable_work_12",
    "returns",
    "ladder_rose",
    "ladder_reached",
    "trainings_completed",
    "diagnoses_completed",
    "certificates_obtained",
    "care_youth",
    "local_choices",
    "instruments_count",
    "instruments_amount",
    "wage_value_average",
    "sanction_signals",
    "advice_followed",
    "employers_reached",
    "employer_contacts",
)


def all_indicators() -> list[Indicator]:
    return [REGISTRY[code] for code in ORDER] + [
        indicator for code, indicator in REGISTRY.items() if code not in ORDER
    ]


__all__ = [
    "DEFINITIONS_VERSION",
    "ORDER",
    "REGISTRY",
    "TOTAL",
    "Figure",
    "Indicator",
    "Scope",
    "all_indicators",
    "focus_group_q",
    "get",
    "shared_reads",
]
