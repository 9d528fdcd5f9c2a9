"""API authentication: a session that passed two factors, or a personal token (stored hashed)."""

from datetime import timedelta
from functools import cache

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from werkbedrijf.accounts.models import ApiToken, RoleAssignment, User
from werkbedrijf.accounts.tokens import hash_token
from werkbedrijf.organisations.models import Organisation

# How precisely a token's last use is kept: writing it on every request was an UPDATE (and a row
# version for VACUUM) per API read; to the minute is enough to see which tokens are still in use.
LAST_USE_RESOLUTION = timedelta(minutes=1)


class TwoFactorSessionAuthentication(authentication.SessionAuthentication):
    """A browser session counts only after the second factor: a password alone is anonymous."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        if not user.is_verified():
            return None
        return user, auth


class HashedTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(self.keyword + " "):
            return None
        raw = header[len(self.keyword) + 1 :].strip()
        token = _token_with_user(hash_token(raw))
        if token is None or (token.expires_at and token.expires_at < timezone.now()):
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is not active."))
        _record_use(token)
        # A token is issued only to a user who logged in with two factors.
        token.user.is_verified = lambda: True
        return token.user, token

    def authenticate_header(self, request):
        # DRF answers 401 (not 403) only when the first authenticator names a challenge, which
        # is why API views list this class first.
        return self.keyword


def _token_with_user(key_hash: str) -> ApiToken | None:
    """The live token with this hash, its user, the user's organisation and roles, in one query
    (there were two, built by the ORM on every request: building and compiling them cost more
    CPU than PostgreSQL spent answering). The SQL is made once from the models' fields; the
    instances are made as the ORM makes them (``from_db``, each field's converters)."""
    sql, parts = _token_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    instances = []
    start = 0
    for model, fields in parts:
        values = list(row[start : start + len(fields)])
        start += len(fields)
        if model is Organisation and values[0] is None:  # a user without an organisation
            instances.append(None)
            continue
        for i, field in enumerate(fields):
            col = field.get_col(model._meta.db_table)
            for convert in connection.ops.get_db_converters(col) + field.get_db_converters(
                connection
            ):
                values[i] = convert(values[i], col, connection)
        instances.append(model.from_db(connection.alias, [f.attname for f in fields], values))
    token, user, organisation = instances
    roles = row[start]
    if isinstance(roles, str):  # SQLite's group_concat
        roles = roles.split(",")
    user._role_cache = frozenset(roles or ())
    user.organisation = organisation
    token.user = user
    return token


@cache
def _token_query(vendor: str) -> tuple[str, list]:
    """The token look-up's SQL for ``vendor``, and per model its fields in column order."""
    parts = [(m, list(m._meta.concrete_fields)) for m in (ApiToken, User, Organisation)]
    aliases = ("t", "u", "o")
    columns = ", ".join(
        f"{alias}.{connection.ops.quote_name(f.column)}"
        for (_model, fields), alias in zip(parts, aliases, strict=True)
        for f in fields
    )
    roles_table = RoleAssignment._meta.db_table
    if vendor == "postgresql":
        roles = f"ARRAY(SELECT r.role FROM {roles_table} r WHERE r.user_id = u.id)"  # noqa: S608
    else:
        roles = f"(SELECT group_concat(r.role) FROM {roles_table} r WHERE r.user_id = u.id)"  # noqa: S608
    # Table and column names from the models; the hash is the one parameter.
    sql = (
        f"SELECT {columns}, {roles} FROM {ApiToken._meta.db_table} t "  # noqa: S608
        f"JOIN {User._meta.db_table} u ON u.id = t.user_id "
        f"LEFT JOIN {Organisation._meta.db_table} o ON o.id = u.organisation_id "
        "WHERE t.key_hash = %s AND NOT t.revoked"
    )
    return sql, parts


def _record_use(token: ApiToken) -> None:
    """Set the token's last use, at most once a minute. The condition is in the UPDATE too, so
    workers that read the same old value at once write it only once between them."""
    now = timezone.now()
    stale = now - LAST_USE_RESOLUTION
    if token.last_used_at is not None and token.last_used_at >= stale:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=token.pk
    ).update(last_used_at=now)
