"""What users do with agreements. Each function is one transaction and checks access first.
One module per part of the work; every public name is here too, so callers write
``services.save_choices``."""

from .agreement_events import ConsentInput, parties_on, record_amendment, record_withdrawal
from .changes import change_choices_midterm
from .choices import LineInput, add_choice, delete_choice, save_choices, update_choice
from .cycle import accept_deviation, transition_agreement, unaccepted_findings
from .deadlines import StepInput, add_step, complete_step, send_due_reminders, update_step
from .documents import save_document_template
from .opinions import answer_opinion, record_opinion, record_signature
from .standard_steps import plan_standard_steps
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
    "ConsentInput",
    "parties_on",
    "record_amendment",
    "record_withdrawal",
    "LineInput",
    "StepInput",
    "add_step",
    "plan_standard_steps",
    "answer_opinion",
    "save_document_template",
    "complete_step",
    "send_due_reminders",
    "update_step",
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
