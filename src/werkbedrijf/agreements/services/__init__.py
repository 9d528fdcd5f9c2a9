"""What users do with agreements. Each function is one transaction and checks access first.
One module per part of the work; every public name is here too, so callers write
``services.save_choices``."""

from .changes import change_choices_midterm
from .choices import LineInput, add_choice, delete_choice, save_choices, update_choice
from .cycle import accept_deviation, transition_agreement, unaccepted_findings
from .opinions import record_opinion, record_signature
from .versions import (
    BudgetInput,
    ServiceInput,
    VersionInput,
    copy_catalogue,
    create_version,
    save_budget,
    save_budgets,
    save_card,
    update_service,
)

__all__ = [
    "BudgetInput",
    "ServiceInput",
    "VersionInput",
    "copy_catalogue",
    "create_version",
    "save_budget",
    "save_budgets",
    "save_card",
    "update_service",
    "LineInput",
    "accept_deviation",
    "add_choice",
    "change_choices_midterm",
    "delete_choice",
    "record_opinion",
    "record_signature",
    "save_choices",
    "transition_agreement",
    "unaccepted_findings",
    "update_choice",
]
