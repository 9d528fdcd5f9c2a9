"""Every environment variable the application reads, registered with a help text in one place."""

import os
from dataclasses import dataclass
from typing import Any

_UNSET = object()


@dataclass(frozen=True)
class Variable:
    name: str
    default: Any
    help_text: str
    group: str


REGISTRY: dict[str, Variable] = {}


def _cast_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def config(name: str, default: Any = _UNSET, *, help_text: str, group: str = "Algemeen", cast=None):
    """Read ``name`` from the environment; register it so docs/configuration.md lists it."""
    REGISTRY[name] = Variable(name, None if default is _UNSET else default, help_text, group)
    raw = os.environ.get(name)
    if raw is None:
        if default is _UNSET:
            raise RuntimeError(f"Environment variable {name} is required: {help_text}")
        return default
    if cast is None and isinstance(default, bool):
        cast = _cast_bool
    elif cast is None and isinstance(default, int):
        cast = int
    elif cast is None and isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return cast(raw) if cast else raw
