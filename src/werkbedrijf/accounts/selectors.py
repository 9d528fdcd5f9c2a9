"""Reads of staff accounts. Who may see which account is access.policy's to say (staff_scope)."""

from __future__ import annotations

from django.db.models import QuerySet

from werkbedrijf.organisations.models import OrganisationKind

from .models import Role, User


def werkbedrijf_consultants() -> QuerySet[User]:
    """Active consultants of WerkBedrijf: who can be named as a candidate's business consultant."""
    return User.objects.filter(
        is_active=True,
        organisation__kind=OrganisationKind.WERKBEDRIJF,
        role_assignments__role=Role.CONSULTANT,
    )
