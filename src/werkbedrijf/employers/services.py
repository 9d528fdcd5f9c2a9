"""What users do with employers: register one. One transaction each; access first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.processing_log.models import Action

from . import policies, selectors
from .models import Employer


@transaction.atomic
def register_employer(
    *, actor, name: str, kvk_number: str, sector_group: str, **fields
) -> Employer:
    if not policy.can_manage_employers(actor):
        raise AccessDenied
    kvk_number = (kvk_number or "").replace(" ", "")
    errors = {}
    if not policies.is_valid_kvk(kvk_number):
        errors["kvk_number"] = [_("A KvK number has eight digits.")]
    elif Employer.objects.filter(kvk_number=kvk_number).exists():
        errors["kvk_number"] = [_("An employer with this KvK number is already registered.")]
    if not (name or "").strip():
        errors["name"] = [_("Enter the employer's name.")]
    if errors:
        raise ValidationError(errors, code="invalid_employer")
    employer = Employer(
        name=name.strip(), kvk_number=kvk_number, sector_group=sector_group, **fields
    )
    employer.full_clean()
    employer.save()
    selectors.log_employer_contacts(actor, [employer], action=Action.CREATE)
    return employer
