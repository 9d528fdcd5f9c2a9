"""Reads of staff accounts. Who may see which account is access.policy's to say (staff_scope)."""

from __future__ import annotations

from functools import cache
from typing import cast

from django.db import connection
from django.db.models import QuerySet
from django_otp import device_classes

from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.utils.prepared import ModelColumns, prepared_cursor

from .models import Role, RoleAssignment, User


def werkbedrijf_consultants() -> QuerySet[User]:
    """Active consultants of WerkBedrijf: who can be named as a candidate's business consultant."""
    return User.objects.filter(
        is_active=True,
        organisation__kind=OrganisationKind.WERKBEDRIJF,
        role_assignments__role=Role.CONSULTANT,
    )


def signed_in_user(user_id) -> User | None:
    """The account of a session, with what every request asks of it: its organisation, its
    roles (``User.role_set``) and the persistent ids of its confirmed second factors
    (``confirmed_devices``, for accounts.middleware.VerifiedDeviceMiddleware).

    Read afresh on every request, so a role revoked, an account deactivated or a second factor
    removed counts from the next request on; on PostgreSQL in one prepared statement instead of
    four queries (user, organisation, roles, the session's device). Elsewhere the user and its
    organisation, the rest read when asked as before. None when there is no such account."""
    if connection.vendor != "postgresql":
        return User.objects.select_related("organisation").filter(pk=user_id).first()
    statement = _signed_in_user_sql()
    with prepared_cursor() as cursor:
        cursor.execute(statement.sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user = cast(User, statement.user.instance(row))
    start = len(statement.user.columns)
    organisation = None
    if row[start + statement.organisation_pk] is not None:  # null: a bootstrap superuser
        organisation = statement.organisation.instance(row, start)
    User._meta.get_field("organisation").set_cached_value(user, organisation)
    start += len(statement.organisation.columns)
    user._role_cache = frozenset(row[start])
    user.confirmed_devices = frozenset(
        f"{label}/{pk}"
        for label, ids in zip(statement.device_labels, row[start + 1 :], strict=True)
        for pk in ids
    )
    return user


class _SignedInUserStatement:
    def __init__(self):
        self.user = ModelColumns.of(User)
        self.organisation = ModelColumns.of(Organisation)
        self.organisation_pk = self.organisation.attnames.index(Organisation._meta.pk.attname)
        devices = sorted(device_classes(), key=lambda model: model._meta.label_lower)
        self.device_labels = tuple(model._meta.label_lower for model in devices)
        q = connection.ops.quote_name
        confirmed = ", ".join(
            f"ARRAY(SELECT d.id FROM {q(model._meta.db_table)} d "  # noqa: S608 (table names)
            "WHERE d.user_id = u.id AND d.confirmed)"
            for model in devices
        )
        # Table and column names from the models; the user's id is the one parameter.
        self.sql = (
            f"SELECT {self.user.select('u')}, {self.organisation.select('o')}, "  # noqa: S608
            f"ARRAY(SELECT r.role FROM {q(RoleAssignment._meta.db_table)} r "
            f"WHERE r.user_id = u.id), {confirmed} "
            f"FROM {q(User._meta.db_table)} u "
            f"LEFT JOIN {q(Organisation._meta.db_table)} o ON o.id = u.organisation_id "
            "WHERE u.id = %s"
        )


@cache
def _signed_in_user_sql() -> _SignedInUserStatement:
    """The statement of ``signed_in_user``, made once per process."""
    return _SignedInUserStatement()
