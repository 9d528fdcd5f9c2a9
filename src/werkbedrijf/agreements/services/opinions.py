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
