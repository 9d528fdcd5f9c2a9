"""What the municipalities send back: their opinions and their signature."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError

from ..models import MunicipalAgreement, Opinion
from .common import invalid, lock_municipal_agreement


@transaction.atomic
def record_opinion(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    kind: str,
    text: str,
    received_on: date | None = None,
    document=None,
) -> Opinion:
    if not policy.can_record_opinion(actor, municipal_agreement):
        raise AccessDenied
    if not (text or "").strip():
        raise ValidationError(
            {"text": invalid(_("Enter the text of the opinion."), "required")}, code="required"
        )
    opinion = Opinion(
        municipal_agreement=municipal_agreement,
        kind=kind,
        text=text.strip(),
        received_on=received_on,
        recorded_by=actor,
    )
    if document:
        opinion.document = document
    opinion.full_clean()
    opinion.save()
    return opinion


@transaction.atomic
def record_signature(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    signed_on: date,
    signed_by: str,
    document=None,
    expected_version: int | None = None,
) -> MunicipalAgreement:
    """Record (or correct) the municipality's signature. ``expected_version`` is the municipal
    agreement's ``lock_version`` as the form was loaded; changed since: ConflictError."""
    if not policy.can_record_signature(actor, municipal_agreement):
        raise AccessDenied
    municipal_agreement = lock_municipal_agreement(municipal_agreement.pk)
    if expected_version is not None and expected_version != municipal_agreement.lock_version:
        raise ConflictError
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the date of signing.")}, code="required")
    municipal_agreement.signed_on = signed_on
    municipal_agreement.signed_by = signed_by or ""
    if document:
        municipal_agreement.signature_document = document
    municipal_agreement.lock_version += 1
    municipal_agreement.save()
    return municipal_agreement


@transaction.atomic
def answer_opinion(
    *,
    actor,
    opinion: Opinion,
    answer: str,
    answered_on: date | None,
    answer_reference: str = "",
    action_taken: str = "",
    document=None,
) -> Opinion:
    """Record the college's answer to a council wish or advice, and what was done about it."""
    opinion = (
        Opinion.objects.select_for_update().select_related("municipal_agreement").get(pk=opinion.pk)
    )
    if not policy.can_answer_opinion(actor, opinion):
        raise AccessDenied
    errors: dict[str, list] = {}
    if not (answer or "").strip():
        errors["answer"] = [invalid(_("Enter the college's answer."), "required")]
    if answered_on is None:
        errors["answered_on"] = [invalid(_("Give the date of the answer."), "required")]
    elif opinion.received_on and answered_on < opinion.received_on:
        errors["answered_on"] = [
            invalid(
                _("The answer cannot be dated before the opinion was received (%(date)s).")
                % {"date": opinion.received_on.strftime("%d-%m-%Y")},
                "answer_before_opinion",
            )
        ]
    if errors:
        raise ValidationError(errors, code="invalid_answer")
    opinion.answer = answer.strip()
    opinion.answered_on = answered_on
    opinion.answer_reference = (answer_reference or "").strip()
    opinion.action_taken = (action_taken or "").strip()
    if document:
        opinion.answer_document = document
    opinion.full_clean()
    opinion.save()
    return opinion
