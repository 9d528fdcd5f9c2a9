"""Optimistic locking over HTTP: a record's version as its ETag, and If-Match on changes."""

from __future__ import annotations

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .problems import PreconditionFailed

_ETAG = re.compile(r'^(?:W/)?"(\d+)"$')


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request) -> int | None:
    """The version the client last read, from If-Match; None when it sent none (or ``*``).

    A weak validator (W/"3") is accepted too: proxies that compress weaken the ETag on the way.
    A value that can never match is a failed precondition, as RFC 9110 says.
    """
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    match = _ETAG.match(header)
    if match is None:
        raise PreconditionFailed
    return int(match.group(1))


_TOKEN_ETAG = re.compile(r'^(?:W/)?"([0-9a-f]{32})"$')


def token_etag(token: str) -> str:
    return f'"{token}"'


def expected_token(request) -> str | None:
    """Like ``expected_version`` for a version that is a digest (a year's choices as a whole):
    None without If-Match (or ``*``), 412 for a value that can never match."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    match = _TOKEN_ETAG.match(header)
    if match is None:
        raise PreconditionFailed
    return match.group(1)


YEAR_IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="De ETag uit de laatste GET van de keuzes van dit jaar (`?year=`). Heeft "
    "iemand anders de keuzes van het jaar intussen gewijzigd: 412 en er wordt niets opgeslagen.",
)


def year_etag_header(*codes: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(codes),
        description="Alleen met `year`: de versie van alle keuzes van dat jaar samen; stuur die "
        "mee in If-Match bij het vervangen van het jaar.",
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='De ETag uit de laatste GET, bijv. `"3"`. Met een verouderde waarde: 412 en '
    "er wordt niets gewijzigd.",
)


def etag_header(*codes: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(codes),
        description="De versie van de keuze; stuur die mee in If-Match bij een wijziging.",
    )


def location_header() -> OpenApiParameter:
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        response=[201],
        description="Het adres van het nieuwe gegeven.",
    )
