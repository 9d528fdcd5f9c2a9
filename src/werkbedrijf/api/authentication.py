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
from werkbedrijf.utils.prepared import ModelColumns, prepared_cursor

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
    CPU than PostgreSQL spent answering). The SQL is made once from the models' fields and
    prepared once per connection; the instances are made as the ORM makes them."""
    sql, (token_columns, user_columns, organisation_columns) = _token_query(connection.vendor)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    token = token_columns.instance(row)
    start = len(token_columns.columns)
    user = user_columns.instance(row, start)
    start += len(user_columns.columns)
    organisation = None
    if row[start] is not None:  # a user without an organisation has none
        organisation = organisation_columns.instance(row, start)
    roles = row[start + len(organisation_columns.columns)]
    if isinstance(roles, str):  # SQLite's group_concat
        roles = roles.split(",")
    user._role_cache = frozenset(roles or ())
    user.organisation = organisation
    token.user = user
    return token


@cache
def _token_query(vendor: str) -> tuple[str, tuple[ModelColumns, ...]]:
    """The token look-up's SQL for ``vendor``, and the columns of the three models in it."""
    parts = tuple(ModelColumns.of(model) for model in (ApiToken, User, Organisation))
    columns = ", ".join(p.select(alias) for p, alias in zip(parts, ("t", "u", "o"), strict=True))
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
