"""The DVO text's template: which placeholders exist, which a text uses, and filling them in."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

# The values the document generator fills in, by the Dutch name an administrator types.
VALUE_PLACEHOLDERS = {
    "titel": "the agreement's title, e.g. 'DVO 2024-2025'",
    "citeertitel": "the citation title (art. 17.2)",
    "gemeente": "the municipality of this copy",
    "ingangsdatum": "the first day of the period (art. 17.1)",
    "einddatum": "the last day of the period (art. 17.1)",
    "vaststellingsdatum": "the date the executive board adopted it",
    "verlengingsdatum": "the date a successor must be agreed by (art. 16.1)",
    "budgetregel": "how the budget for local choices is set (art. 4)",
}
# Placeholders on a line of their own, where a generated part of the document goes.
BLOCK_PLACEHOLDERS = {
    "lokale_afspraken": "articles 5-11: each municipality's aim, choices and budget",
    "keuzekaart": "bijlage 2: the keuzekaart as a table",
}
PLACEHOLDERS = {**VALUE_PLACEHOLDERS, **BLOCK_PLACEHOLDERS}


def placeholders_in(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text or "")]


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders a text uses that the generator does not know, each once, in order."""
    seen: list[str] = []
    for name in placeholders_in(text):
        if name not in PLACEHOLDERS and name not in seen:
            seen.append(name)
    return seen


def misplaced_blocks(text: str) -> list[str]:
    """Block placeholders that do not stand on a line of their own."""
    found = []
    for line in (text or "").splitlines():
        names = placeholders_in(line)
        stripped = PLACEHOLDER.sub("", line).strip()
        for name in names:
            if name in BLOCK_PLACEHOLDERS and (stripped or len(names) > 1) and name not in found:
                found.append(name)
    return found


def fill(text: str, values: dict[str, str]) -> str:
    """Fill the value placeholders; block placeholders stay for the generator to place."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in BLOCK_PLACEHOLDERS:
            return match.group(0)
        return values.get(name, "")

    return PLACEHOLDER.sub(replace, text)


def block_name(line: str) -> str | None:
    """The block placeholder a line consists of, if any."""
    names = placeholders_in(line)
    if len(names) == 1 and names[0] in BLOCK_PLACEHOLDERS and not PLACEHOLDER.sub("", line).strip():
        return names[0]
    return None
