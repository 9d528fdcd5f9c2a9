"""The one call through which every read, change and export of personal data is recorded."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, transaction

from .models import Action, ProcessingLogEntry


@dataclass(frozen=True)
class Purpose:
    """A processing activity from the register, with its purpose and legal basis."""

    activity: str
    purpose: str
    legal_basis: str


# The processing activities of this system (register of art. 30 AVG, abbreviated).
STAFF_ADMINISTRATION = Purpose(
    "staff-administration",
    "Beheer van medewerkersaccounts en autorisaties",
    "AVG art. 6 lid 1 sub b en f; art. 32 AVG (beveiliging)",
)
DVO_ADMINISTRATION = Purpose(
    "dvo-administration",
    "Uitvoering en verantwoording van de dienstverleningsovereenkomst",
    "AVG art. 6 lid 1 sub e; MGR Rijk van Nijmegen; DVO art. 12.3",
)
REINTEGRATION = Purpose(
    "reintegration",
    "Ondersteuning bij arbeidsinschakeling",
    "Participatiewet art. 7 lid 1 sub a en art. 10; AVG art. 6 lid 1 sub e",
)

# A chain partner asks whether a resident is in service and who their contact person is
# (council wish 2 of Nijmegen, March 2026: one contact person across the chain).
CHAIN_COOPERATION = Purpose(
    "chain-cooperation",
    "Eén aanspreekpunt voor de inwoner in de keten (Buurtteam, Zorg, Leerrecht)",
    "Participatiewet art. 7 lid 1 sub a en art. 10; AVG art. 6 lid 1 sub e",
)


# The channel a request came in through ("api"), set around a whole request so that services,
# which do not know how they were called, log the right channel.
_request_channel: ContextVar[str | None] = ContextVar("processing_channel", default=None)


@contextmanager
def processing_channel(channel: str) -> Iterator[None]:
    """Log every processing inside this block with ``channel``, whatever the callee passes."""
    token = _request_channel.set(channel)
    try:
        yield
    finally:
        _request_channel.reset(token)


def log_processing(
    *,
    actor,
    action: str,
    record_type: str,
    records: Iterable = (),
    purpose: Purpose,
    channel: str = "ui",
    detail: str = "",
    data_subject_uuid=None,
    trace_id: str = "",
) -> list[ProcessingLogEntry]:
    """Record that ``actor`` processed ``records`` (model instances with a ``uuid``).

    With no records (an export of a list, say) one entry is written for the whole action.
    """
    if action not in Action.values:
        raise ValueError(f"unknown action {action}")
    channel = _request_channel.get() or channel
    organisation = getattr(actor, "organisation", None)
    base = dict(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "anonymous",
        organisation_name=organisation.name if organisation else "",
        organisation_uuid=organisation.uuid if organisation else None,
        roles=",".join(sorted(getattr(actor, "role_set", ()) or ())),
        action=action,
        record_type=record_type,
        processing_activity=purpose.activity,
        purpose=purpose.purpose,
        legal_basis=purpose.legal_basis,
        channel=channel,
        detail=detail[:300],
        trace_id=trace_id,
    )
    records = list(records)
    entries = [
        ProcessingLogEntry(
            record_uuid=getattr(record, "uuid", None),
            data_subject_uuid=data_subject_uuid or _subject_of(record),
            **base,
        )
        for record in records
    ] or [ProcessingLogEntry(data_subject_uuid=data_subject_uuid, **base)]
    return ProcessingLogEntry.objects.bulk_create(entries)


def _subject_of(record):
    subject = getattr(record, "data_subject_uuid", None)
    return subject() if callable(subject) else subject


@contextmanager
def retention_deletion() -> Iterator[None]:
    """Let the retention job delete expired entries inside this block; the database refuses any
    other UPDATE or DELETE of the log (migration 0002_append_only_trigger). The permission is
    part of the block's transaction: an error inside rolls it back with everything else."""
    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL werkbedrijf.retention_job = 'on'")
        elif vendor == "sqlite":
            cursor.execute("INSERT INTO processing_log_retention_permit (id) VALUES (1)")
        yield
        if vendor == "postgresql":
            cursor.execute("SET LOCAL werkbedrijf.retention_job = 'off'")
        elif vendor == "sqlite":
            cursor.execute("DELETE FROM processing_log_retention_permit")


# Answering a data subject's request (AVG art. 15): the search for the person and the export.
ACCESS_REQUEST = Purpose(
    "access-request",
    "Afhandeling verzoek van betrokkene (AVG art. 15)",
    "AVG art. 15 en art. 6 lid 1 sub c",
)


# Employers' contact persons: their name, phone and e-mail are personal data of that person.
EMPLOYER_SERVICES = Purpose(
    "employer-services",
    "Werkgeversdienstverlening: contact met werkgevers voor de plaatsing van kandidaten",
    "AVG art. 6 lid 1 sub e; Participatiewet art. 7 lid 1 sub a",
)


# Reading the processing log itself: who processed whose data is personal data too.
LOG_REVIEW = Purpose(
    "processing-log-review",
    "Toezicht op de verwerking van persoonsgegevens (inzien van het logboek)",
    "AVG art. 5 lid 2 (verantwoordingsplicht) en art. 32 (beveiliging)",
)
