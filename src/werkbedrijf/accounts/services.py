"""Creating staff accounts, their roles and second factors, and personal API tokens."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.tokens import hash_token

from .models import ROLE_ORGANISATION_KINDS, ApiToken, Role, RoleAssignment, User


def check_roles_fit(organisation, roles) -> None:
    """A role only at the kind of organisation it belongs to (ROLE_ORGANISATION_KINDS)."""
    for role in roles:
        allowed = ROLE_ORGANISATION_KINDS.get(Role(role), set())
        if organisation is None or organisation.kind not in allowed:
            message = _("The role '%(role)s' does not fit an organisation of kind '%(kind)s'.") % {
                "role": Role(role).label,
                "kind": organisation.get_kind_display() if organisation else "-",
            }
            raise ValidationError(
                {"roles": ValidationError(message, code="role_not_for_organisation")}
            )


@transaction.atomic
def create_staff_account(
    *,
    username: str,
    organisation,
    roles,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    team=None,
) -> User:
    check_roles_fit(organisation, roles)
    user = User(
        username=username,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=email,
        team=team,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles])
    return user


@transaction.atomic
def set_roles(*, user: User, roles) -> None:
    check_roles_fit(user.organisation, roles)
    user.role_assignments.exclude(role__in=roles).delete()
    for role in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role)
    user.forget_roles()


def add_totp_device(user: User, key: str | None = None) -> TOTPDevice:
    kwargs = {"key": key} if key else {}
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True, **kwargs)


def add_backup_codes(user: User, codes: list[str] | None = None, count: int = 10) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    codes = codes or [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def issue_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and only its hash is stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:8], key_hash=hash_token(raw))
    return token, raw
