"""API authentication: a session that passed two factors, or a personal token (stored hashed)."""

import hashlib

from django.utils import timezone
from rest_framework import authentication, exceptions

from werkbedrijf.accounts.models import ApiToken


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class TwoFactorSessionAuthentication(authentication.SessionAuthentication):
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
            raise exceptions.AuthenticationFailed("Ongeldig of verlopen token.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Account is niet actief.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        # A token is issued only to a user who logged in with two factors.
        token.user.is_verified = lambda: True
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
