"""API tokens: only a SHA-256 hash of a token is stored, and looked up by that hash."""

import hashlib


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
