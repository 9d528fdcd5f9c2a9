"""Keyset pages: the rows of one page and the cursor of the next, never a COUNT(*)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def split_keyset(cursor: str) -> tuple[str, int]:
    """A cursor "<sort value>|<id>" as its two parts; a malformed one starts from the top."""
    try:
        value, last_id = cursor.rsplit("|", 1)
        return value, int(last_id)
    except ValueError:
        return "", 0
