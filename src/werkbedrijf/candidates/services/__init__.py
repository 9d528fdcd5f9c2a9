"""What users do in the candidate journey. One transaction each; access first; every change of
personal data goes through the processing log (see common.py). One module per part of the
journey; every public name is here too, so callers write ``services.take_step``."""

from ..policies import CANDIDATE_FIELDS, PersonInput
from .activities import add_activity, units_bought, units_used, update_activity_status
from .contact import NOT_CHECKED, assign_contact
from .income import decide_sanction, plan_talk, record_assessment, record_talk, signal_sanction
from .journey import (
    PRACTICAL_DIAGNOSIS_WEEKS,
    add_intake_note,
    record_ladder_step,
    start_further_diagnosis,
    take_step,
)
from .moves import move_candidate
from .placements import add_instrument, add_placement
from .referral import refer_candidate, registered_elsewhere_message, self_register

__all__ = [
    "CANDIDATE_FIELDS",
    "NOT_CHECKED",
    "PRACTICAL_DIAGNOSIS_WEEKS",
    "PersonInput",
    "add_activity",
    "add_instrument",
    "add_intake_note",
    "add_placement",
    "assign_contact",
    "decide_sanction",
    "move_candidate",
    "plan_talk",
    "record_assessment",
    "record_ladder_step",
    "record_talk",
    "refer_candidate",
    "registered_elsewhere_message",
    "self_register",
    "signal_sanction",
    "start_further_diagnosis",
    "take_step",
    "units_bought",
    "units_used",
    "update_activity_status",
]
