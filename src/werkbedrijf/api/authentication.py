"""API authentication: a session that passed two factors, or a personal token (stored hashed)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from werkbedrijf.accounts.models import ApiToken
from werkbedrijf.accounts.tokens import hash_token

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
        token = (
            ApiToken.objects.select_related("user__organisation")
            .filter(key_hash=hash_token(raw), revoked=False)
            .first()
        )
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
