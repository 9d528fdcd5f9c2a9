"""The kinds of background job: each app registers the function that does its long work.

    @job("reports.interim", title=_("Interim report"))
    def build_interim_report(job, progress):
        progress(10, _("Figures computed"))
        attach_result(job, "tussenrapportage.pdf", pdf_bytes, "application/pdf")

``progress(percent, text)`` records how far the job is; an exception fails the job with its
message (a ``ValidationError``'s messages are shown; anything else as a general Dutch message,
the details only in the worker's log). A database that cannot be reached is retried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class JobKind:
    kind: str
    title: Any  # a lazy translation
    run: Callable[[Any, Progress], None]
    retries: int = 2


_KINDS: dict[str, JobKind] = {}


def job(kind: str, *, title, retries: int = 2):
    """Register ``fn(job, progress)`` as the work of jobs of ``kind``."""

    def register(fn):
        if kind in _KINDS and _KINDS[kind].run is not fn:
            raise ValueError(f"Job kind {kind!r} is registered twice.")
        _KINDS[kind] = JobKind(kind, title, fn, retries)
        return fn

    return register


def kind_of(kind: str) -> JobKind | None:
    return _KINDS.get(kind)


def kinds() -> list[str]:
    return sorted(_KINDS)
