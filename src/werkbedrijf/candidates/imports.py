"""Referring many residents at once by uploading a CSV or XLSX file: one referral per row.

The file has a first row naming the columns (in Dutch, any order, upper or lower case):

========================  ========  ===============================================================
column                    required  value
========================  ========  ===============================================================
bsn                       yes       9 digits passing the 11-proef (spaces and dots are ignored)
voornaam                  yes       first name, exactly as written (diacritics are kept)
tussenvoegsel                       e.g. "van der", "'t"
achternaam                yes       last name
geboortedatum             yes       dd-mm-jjjj or jjjj-mm-dd (an Excel date cell also works)
straat                              street
huisnummer                          a whole number
huisnummertoevoeging                e.g. "A", "bis"
postcode                            e.g. "6511 PP"
woonplaats                          place of residence
telefoon                            phone
email                               e-mail address
uitkering_sinds                     date the benefit started, as geboortedatum
soort_uitkering                     bijstand, IOAW, IOAZ, Anw or geen (the CBS statistics)
doelgroepregister                   ja/nee: in the job-agreement register
statushouder                        ja/nee: refugee with a residence permit
warme_overdracht                    ja/nee: the municipality asks for a warm handover
toelichting                         reason for the referral
========================  ========  ===============================================================

plus ``huisletter`` (BRP; written before the suffix) and ``gemeente`` (name or CBS code of the
row's municipality, so that one file of a regional user holds residents of several; each row is
checked against what the uploader may refer, ``policy.can_refer``).

Usual variants of the names are read too (``voornamen``, ``geslachtsnaam``, ``pc``, BRP exports
with their element numbers such as "01.02.40 Geslachtsnaam"; ``HEADER_VARIANTS``), and so is any
name an organisation confirmed once on the upload screen (``ImportColumnMapping``). The screen asks
to confirm a file whose names are not all the upload's own before storing anything, holding the
file meanwhile (``StagedUpload``); a file of more than ``BACKGROUND_FROM_ROWS`` rows is imported
by a background job (``candidates.jobs``) while the screen shows its progress.

A CSV file may be UTF-8 (with or without BOM) or Windows-1252, separated by commas, semicolons or
tabs. A missing required column, an unknown column or a column named twice refuses the whole file
(a ``ValidationError`` on ``file``), because then every row would be read wrongly.

Each row meets exactly the rules of a referral on screen (``policies.referral_person_errors`` and
the messages of ``services.refer_candidate``, channel "upload"): valid rows are stored, invalid rows
are reported with a message per column, empty rows are skipped and reported. Uploading the same
file again stores nothing twice: a row imported before carries the same ``import_key`` and a person
with an active referral cannot be referred again; both report "already referred".

The rows are stored in chunks of ``CHUNK_ROWS``, each chunk one transaction (a savepoint when the
caller holds a transaction itself): the import keys, BSNs and active referrals of a chunk are looked
up once, and its candidates, trajectories, referral steps and processing-log entries (one per
referral, as on screen) are written with PostgreSQL's COPY (keys reserved from the sequences
first; ``bulk_create`` on other databases). The database's unique and check constraints remain
the backstop; when they refuse a chunk (the same file uploaded at the same moment, a person
referred on screen meanwhile) the chunk is rolled back and tried once more with fresh lookups,
and if refused again stored row by row through ``services.refer_candidate``, so every row is
still stored once and reported. A person referred
before whose referral has closed is referred again through the service, which updates their data.
An import that stops half-way (a killed process, a lost connection) therefore leaves whole
referrals only, and running it again with the same file stores the remaining rows and reports the
stored ones as "already referred" (tests/test_import_kill.py).
The command line does the same: ``manage.py import_referrals <file> --municipality --user``.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import REINTEGRATION, log_processing
from werkbedrijf.utils.copy import copy_rows, copy_supported, reserve_ids

from . import policies, services
from .models import (
    CLOSED_PHASES,
    Candidate,
    ImportColumnMapping,
    JourneyStep,
    Phase,
    ReferralChannel,
    StagedUpload,
    Trajectory,
)

logger = logging.getLogger(__name__)

MAX_ROWS = 20_000
# Rows stored together in one transaction. A commit took about 120 ms on the shared test machine
# (its disk's flush), so chunks of 500 spent over a third of an import committing; a refused chunk
# is retried in bulk before it is stored row by row, so a large chunk costs little then.
CHUNK_ROWS = 2_000
ROW = "row"  # the key of messages about a whole row rather than one column


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the Candidate field, or a referral option ("warm_handover", "note")
    kind: str  # text, bsn, date, int, bool, email, postcode
    required: bool
    help_text: str


COLUMNS: tuple[Column, ...] = (
    Column("bsn", "bsn", "bsn", True, gettext_lazy("9 digits, passing the 11-proef")),
    Column("voornaam", "first_name", "text", True, gettext_lazy("first name")),
    Column("tussenvoegsel", "name_prefix", "text", False, gettext_lazy("e.g. van der")),
    Column("achternaam", "last_name", "text", True, gettext_lazy("last name")),
    Column(
        "geboortedatum", "date_of_birth", "date", True, gettext_lazy("dd-mm-jjjj or jjjj-mm-dd")
    ),
    Column("straat", "street", "text", False, gettext_lazy("street")),
    Column("huisnummer", "house_number", "int", False, gettext_lazy("a whole number")),
    Column("huisnummertoevoeging", "house_number_suffix", "text", False, gettext_lazy("e.g. A")),
    Column("postcode", "postcode", "postcode", False, gettext_lazy("e.g. 6511 PP")),
    Column("woonplaats", "city", "text", False, gettext_lazy("place of residence")),
    Column("telefoon", "phone", "text", False, gettext_lazy("phone number")),
    Column("email", "email", "email", False, gettext_lazy("e-mail address")),
    Column("uitkering_sinds", "benefit_start_date", "date", False, gettext_lazy("dd-mm-jjjj")),
    Column(
        "soort_uitkering",
        "benefit_type",
        "benefit_type",
        False,
        gettext_lazy("bijstand, IOAW, IOAZ, Anw or geen"),
    ),
    Column("doelgroepregister", "job_agreement_register", "bool", False, gettext_lazy("ja/nee")),
    Column("statushouder", "refugee", "bool", False, gettext_lazy("ja/nee")),
    Column("warme_overdracht", "warm_handover", "bool", False, gettext_lazy("ja/nee")),
    Column("toelichting", "note", "text", False, gettext_lazy("reason for the referral")),
    Column(
        "huisletter",
        "house_letter",
        "text",
        False,
        gettext_lazy("e.g. A; written before huisnummertoevoeging, as in the BRP"),
    ),
    Column(
        "gemeente",
        "municipality",
        "municipality",
        False,
        gettext_lazy(
            "municipality of residence (name or CBS code), for a file with residents of several"
        ),
    ),
)
COLUMNS_BY_HEADER = {c.header: c for c in COLUMNS}

# Column names that files from municipal systems and BRP exports use for the upload's columns,
# after _normal_header (lower case, BRP element numbers such as "01.02.40" left off, spaces,
# dots and hyphens as "_"). Anything else is confirmed once per organisation on the screen.
HEADER_VARIANTS = {
    "burgerservicenummer": "bsn",
    "bsn_nummer": "bsn",
    "bsn_nr": "bsn",
    "sofinummer": "bsn",
    "sofi_nummer": "bsn",
    "voornamen": "voornaam",
    "voorletters_voornamen": "voornaam",
    "voorvoegsel": "tussenvoegsel",
    "voorvoegsels": "tussenvoegsel",
    "tussenvoegsels": "tussenvoegsel",
    "voorvoegsel_geslachtsnaam": "tussenvoegsel",
    "geslachtsnaam": "achternaam",
    "familienaam": "achternaam",
    "geboorte_datum": "geboortedatum",
    "gebdatum": "geboortedatum",
    "geb_datum": "geboortedatum",
    "datum_geboorte": "geboortedatum",
    "straatnaam": "straat",
    "naam_openbare_ruimte": "straat",
    "openbare_ruimte": "straat",
    "openbareruimtenaam": "straat",
    "huisnr": "huisnummer",
    "huis_nummer": "huisnummer",
    "toevoeging": "huisnummertoevoeging",
    "huisnummer_toevoeging": "huisnummertoevoeging",
    "pc": "postcode",
    "post_code": "postcode",
    "woonplaatsnaam": "woonplaats",
    "plaats": "woonplaats",
    "woonplaats_naam": "woonplaats",
    "telefoonnummer": "telefoon",
    "tel": "telefoon",
    "telefoon_nummer": "telefoon",
    "mobiel": "telefoon",
    "e_mail": "email",
    "emailadres": "email",
    "e_mailadres": "email",
    "mail": "email",
    "uitkering_vanaf": "uitkering_sinds",
    "ingangsdatum_uitkering": "uitkering_sinds",
    "uitkeringssoort": "soort_uitkering",
    "uitkering_soort": "soort_uitkering",
    "soort_uitkering_cbs": "soort_uitkering",
    "gemeentenaam": "gemeente",
    "gemeente_van_inschrijving": "gemeente",
    "gemeentecode": "gemeente",
    "cbs_code": "gemeente",
}
COLUMN_OF_FIELD = {c.field: c.header for c in COLUMNS}

TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", ""}
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


class RowStatus(models.TextChoices):
    CREATED = "created", gettext_lazy("Referred")
    ALREADY_REFERRED = "already_referred", gettext_lazy("Already referred")
    ERROR = "error", gettext_lazy("Not stored")
    EMPTY = "empty", gettext_lazy("Empty row, skipped")


@dataclass
class RowResult:
    number: int  # the row number as a spreadsheet shows it: the column names are row 1
    status: str
    name: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    trajectory_uuid: UUID | None = None


@dataclass
class ImportReport:
    filename: str
    file_format: str
    rows: list[RowResult] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def created(self) -> int:
        return self._count(RowStatus.CREATED)

    stored = created

    @property
    def already_referred(self) -> int:
        return self._count(RowStatus.ALREADY_REFERRED)

    @property
    def errors(self) -> int:
        return self._count(RowStatus.ERROR)

    @property
    def empty(self) -> int:
        return self._count(RowStatus.EMPTY)


def template_csv() -> bytes:
    """An empty upload file with the column names, for the municipality to fill in."""
    return ("\ufeff" + ";".join(c.header for c in COLUMNS) + "\r\n").encode("utf-8")


# --- reading the file ----------------------------------------------------------------------------


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"file": [ValidationError(message, code=code)]})


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves "CSV (puntkomma gescheiden)" in Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _refuse(
            _("The file could not be read. Save it as CSV UTF-8 or as XLSX."), "unreadable"
        ) from exc


def _sniff_delimiter(text: str) -> str:
    """The separator is the one the header line uses most: column names never contain one."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> list[list]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        return _limited(reader)
    except csv.Error as exc:
        raise _refuse(_("The file could not be read as CSV."), "unreadable") from exc


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl  # uses defusedxml when installed, so a hostile file cannot expand entities

    unreadable = _refuse(_("The file could not be read as XLSX."), "unreadable")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign zip fails in many ways inside openpyxl
        raise unreadable from exc
    try:
        return _limited(workbook.worksheets[0].iter_rows(values_only=True))
    except ValidationError:
        raise
    except Exception as exc:
        raise unreadable from exc
    finally:
        workbook.close()


def _limited(rows) -> list[list]:
    result = []
    for row in rows:
        result.append(list(row))
        if len(result) > MAX_ROWS + 1:
            raise _refuse(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": MAX_ROWS},
                "too_many_rows",
            )
    return result


def _read(data: bytes, filename: str) -> tuple[str, list[list]]:
    name = (filename or "").lower()
    if data.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        return "xlsx", _xlsx_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0") or name.endswith(".xls"):
        raise _refuse(
            _("The old Excel format (.xls) cannot be read. Save the file as XLSX or CSV."),
            "unsupported_format",
        )
    return "csv", _csv_rows(data)


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _normal_header(value) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").strip().lower()
    text = re.sub(r"^\d{2}[.\s]?\d{2}[.\s]?\d{2}\s+", "", text)  # a BRP element number
    return re.sub(r"[\s\-./()]+", "_", text).strip("_")


@dataclass(frozen=True)
class HeaderMatch:
    """How one column name of a file was understood."""

    raw: str  # as the file writes it (at most 100 characters)
    name: str  # normalised: the key of a remembered mapping
    column: Column | None
    how: str  # exact, variant, remembered, ignored, unknown or blank


def match_header(header: list, remembered: dict[str, str] | None = None) -> list[HeaderMatch]:
    """Each column name of ``header`` with the upload column it means: one of the upload's own
    names, one ``remembered`` for the organisation (normalised name → column, "" to leave it
    out) or a usual variant (HEADER_VARIANTS)."""
    remembered = remembered or {}
    matches = []
    for raw in header:
        name = _normal_header(raw)
        text = _text(raw)[:100]
        if not name:
            matches.append(HeaderMatch(text, name, None, "blank"))
        elif name in COLUMNS_BY_HEADER:
            matches.append(HeaderMatch(text, name, COLUMNS_BY_HEADER[name], "exact"))
        elif name in remembered:
            column = COLUMNS_BY_HEADER.get(remembered[name])
            matches.append(HeaderMatch(text, name, column, "remembered" if column else "ignored"))
        elif name in HEADER_VARIANTS:
            matches.append(
                HeaderMatch(text, name, COLUMNS_BY_HEADER[HEADER_VARIANTS[name]], "variant")
            )
        else:
            matches.append(HeaderMatch(text, name, None, "unknown"))
    return matches


def needs_confirmation(matches: list[HeaderMatch]) -> bool:
    """Whether a person should confirm how the file's columns were understood: a variant or an
    unknown name that the organisation did not confirm before, in a header that choosing could
    make complete (enough columns for the required ones; else the file is refused at once)."""
    if not any(m.how in ("variant", "unknown") for m in matches):
        return False
    required = {c.header for c in COLUMNS if c.required}
    present = {m.column.header for m in matches if m.how == "exact" and m.column}
    open_names = sum(1 for m in matches if m.how not in ("exact", "blank"))
    return len(required - present) <= open_names


def _columns(header: list, remembered: dict[str, str] | None = None) -> list[Column | None]:
    """The column of each position; refuses the file when a column is wrong or missing."""
    known = ", ".join(c.header for c in COLUMNS)
    matches = match_header(header, remembered)
    unknown = [m for m in matches if m.how == "unknown"]
    if unknown and any(ch.isdigit() for cell in header for ch in _text(cell)):
        # A first row of values, not of names: never quote it, it may hold a BSN.
        raise _refuse(
            _("The first row must name the columns: %(columns)s.") % {"columns": known},
            "no_header",
        )
    columns: list[Column | None] = []
    seen = set()
    for match in matches:
        if match.how in ("blank", "ignored"):
            columns.append(None)  # an unnamed trailing column, or one confirmed as left out
            continue
        column = match.column
        if column is None:
            raise _refuse(
                _("The column '%(column)s' is not one of the upload's columns: %(columns)s.")
                % {"column": match.raw[:50], "columns": known},
                "unknown_column",
            )
        if column.header in seen:
            raise _refuse(
                _("The column '%(column)s' appears more than once.") % {"column": column.header},
                "duplicate_column",
            )
        seen.add(column.header)
        columns.append(column)
    for column in COLUMNS:
        if column.required and column.header not in seen:
            raise _refuse(
                _(
                    "The column '%(column)s' is missing. The first row names the columns: %(columns)s."
                )
                % {"column": column.header, "columns": known},
                "missing_column",
            )
    return columns


# --- reading one row -----------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _parse_bsn(value) -> str:
    text = "".join(c for c in _text(value) if c not in " .-")
    # Excel drops the leading zero of a BSN it took for a number.
    return text.zfill(9) if len(text) == 8 and text.isdigit() else text


def _parse(columns: list[Column | None], cells: list) -> tuple[dict, dict[str, list[str]]]:
    """The row's values by field, and the messages of the cells that could not be read."""
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column is None or _is_blank(cell):
            continue
        try:
            if column.kind == "bsn":
                values[column.field] = _parse_bsn(cell)
            elif column.kind == "date":
                values[column.field] = _parse_date(cell)
            elif column.kind == "int":
                if isinstance(cell, float) and not cell.is_integer():
                    raise ValueError
                number = int(cell) if isinstance(cell, int | float) else int(_text(cell))
                if not 0 < number < 100_000:
                    raise ValueError
                values[column.field] = number
            elif column.kind == "benefit_type":
                values[column.field] = policies.benefit_type_from_text(_text(cell))
            elif column.kind == "bool":
                if isinstance(cell, bool):
                    values[column.field] = cell
                else:
                    word = _text(cell).lower()
                    if word not in TRUE_WORDS | FALSE_WORDS:
                        raise ValueError
                    values[column.field] = word in TRUE_WORDS
            else:
                text = _text(cell)
                if column.kind == "postcode":
                    text = policies.normalise_postcode(text)
                if column.kind == "email":
                    validate_email(text)
                values[column.field] = text
        except ValidationError as exc:
            errors[column.header] = list(exc.messages)
        except (ValueError, TypeError):
            errors[column.header] = [_column_format_message(column)]
    if "house_letter" in values:  # the BRP's huisletter goes before the suffix: 12 A-bis
        letter = values.pop("house_letter")
        values["house_number_suffix"] = letter + values.get("house_number_suffix", "")
    for column in COLUMNS:
        limit = _max_length(column.field)
        text = values.get(column.field)
        if limit and isinstance(text, str) and len(text) > limit:
            errors.setdefault(column.header, []).append(
                _("At most %(max)s characters.") % {"max": limit}
            )
    extra = [c for c in cells[len(columns) :] if not _is_blank(c)]
    if extra:
        errors[ROW] = [_("This row has more values than there are columns.")]
    return values, errors


def _column_format_message(column: Column) -> str:
    if column.kind == "date":
        return _("Write the date as dd-mm-jjjj or jjjj-mm-dd.")
    if column.kind == "int":
        return _("Write a whole number.")
    if column.kind == "bool":
        return _("Write ja or nee.")
    if column.kind == "benefit_type":
        return _("Write bijstand, IOAW, IOAZ, Anw or geen.")
    return _("This value cannot be read.")


def _max_length(field_name: str) -> int | None:
    try:
        return Candidate._meta.get_field(field_name).max_length
    except FieldDoesNotExist:  # "warm_handover" and "note" belong to the referral
        return None


def _errors_by_column(error: ValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {ROW: list(error.messages)}
    return {
        COLUMN_OF_FIELD.get(name, ROW): list(messages)
        for name, messages in error.message_dict.items()
    }


def _person(values: dict) -> services.PersonInput:
    extra = {
        k: v
        for k, v in values.items()
        if k in policies.CANDIDATE_FIELDS and k not in ("first_name", "last_name")
    }
    return services.PersonInput(
        bsn=values.get("bsn", ""),
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        date_of_birth=values.get("date_of_birth"),
        extra=extra,
    )


def import_key(municipality, bsn: str, file_digest: str) -> str:
    """The same row of the same file gives the same key, however often it is uploaded. The file's
    digest also salts the hash, so the key cannot be turned back into a BSN by trying them all."""
    return hashlib.sha256(f"{municipality.uuid}|{bsn}|{file_digest}".encode()).hexdigest()


def _active_referral_exists(bsn: str) -> bool:
    return Trajectory.objects.filter(candidate__bsn=bsn).exclude(phase__in=CLOSED_PHASES).exists()


# --- the import ----------------------------------------------------------------------------------


@dataclass
class _Pending:
    """A row that was read without errors and waits to be stored: its result is filled in then."""

    result: RowResult
    person: services.PersonInput
    values: dict
    key: str
    municipality: Organisation


def import_referrals(
    *,
    actor,
    municipality,
    uploaded_file_bytes: bytes,
    filename: str,
    mapping: dict[str, str] | None = None,
    progress=None,
) -> ImportReport:
    """Refer every valid row of the file to WerkBedrijf; report every row.

    Each row is a resident of ``municipality``, or of the municipality its ``gemeente`` column
    names (checked per row against what ``actor`` may refer; ``municipality`` may then be None).
    Column names are read as ``match_header`` does, with the organisation's remembered mapping and
    ``mapping`` (normalised name → upload column, "" to leave it out) on top. ``progress(percent,
    text)`` is told after every chunk stored.

    Raises AccessDenied when ``actor`` may not refer for ``municipality``, and a ValidationError on
    ``file`` when the file as a whole cannot be read (wrong or missing column, unreadable)."""
    if municipality is not None:
        policy.require(policy.can_refer(actor, municipality))
    else:
        policy.require(any(policy.can_refer(actor, m) for m in _municipalities().values()))
    if not uploaded_file_bytes or not uploaded_file_bytes.strip():
        raise _refuse(_("The file is empty."), "empty_file")
    file_format, rows = _read(uploaded_file_bytes, filename)
    first = next((i for i, row in enumerate(rows) if not all(map(_is_blank, row))), None)
    if first is None:
        raise _refuse(_("The file is empty."), "empty_file")
    columns = _columns(rows[first], {**remembered_mapping(actor), **(mapping or {})})
    if municipality is None and not any(
        c is not None and c.kind == "municipality" for c in columns
    ):
        raise _refuse(
            _("Choose the municipality, or add the column 'gemeente'."), "no_municipality"
        )
    while len(rows) > first + 1 and all(map(_is_blank, rows[-1])):
        rows.pop()  # trailing empty lines are no rows
    digest = hashlib.sha256(uploaded_file_bytes).hexdigest()
    report = ImportReport(filename=filename, file_format=file_format)
    seen_bsn: dict[str, int] = {}
    pending: list[_Pending] = []
    place = _Placer(actor, municipality)
    for index in range(first + 1, len(rows)):
        result, row = _read_row(place, columns, rows[index], index + 1, digest, seen_bsn)
        report.rows.append(result)
        if row is not None:
            pending.append(row)
    today = timezone.localdate()
    by_municipality: dict[int, list[_Pending]] = {}
    for row in pending:
        by_municipality.setdefault(row.municipality.pk, []).append(row)
    done = 0
    for group in by_municipality.values():
        for start in range(0, len(group), CHUNK_ROWS):
            chunk = group[start : start + CHUNK_ROWS]
            _store_chunk(actor, chunk[0].municipality, chunk, today)
            done += len(chunk)
            if progress is not None:
                progress(
                    int(100 * done / len(pending)),
                    _("%(done)s of %(total)s rows stored") % {"done": done, "total": len(pending)},
                )
    logger.info(
        "referral import for %s: %d created, %d already referred, %d with errors, %d empty",
        municipality.cbs_code if municipality is not None else "several municipalities",
        report.created,
        report.already_referred,
        report.errors,
        report.empty,
    )
    return report


def header_of(actor, uploaded_file_bytes: bytes, filename: str) -> list[HeaderMatch]:
    """How the file's column names are read for ``actor``'s organisation, before importing it
    (the screen asks to confirm them when ``needs_confirmation``)."""
    if not uploaded_file_bytes or not uploaded_file_bytes.strip():
        raise _refuse(_("The file is empty."), "empty_file")
    _format, rows = _read(uploaded_file_bytes, filename)
    header = next((row for row in rows if not all(map(_is_blank, row))), None)
    if header is None:
        raise _refuse(_("The file is empty."), "empty_file")
    return match_header(header, remembered_mapping(actor))


def understood_columns(actor, uploaded_file_bytes: bytes, filename: str) -> list[HeaderMatch]:
    """``header_of``, refusing a first row of values (never quoted back: it may hold a BSN)."""
    matches = header_of(actor, uploaded_file_bytes, filename)
    if any(m.how == "unknown" for m in matches) and any(
        ch.isdigit() for m in matches for ch in m.raw
    ):
        known = ", ".join(c.header for c in COLUMNS)
        raise _refuse(
            _("The first row must name the columns: %(columns)s.") % {"columns": known},
            "no_header",
        )
    return matches


def chosen_mapping(matches: list[HeaderMatch], given: dict[str, str]) -> dict[str, str]:
    """A mapping given by the file's own column names (as written, or normalised) as the
    normalised names ``import_referrals`` takes, on top of the variants as understood (what the
    screen shows as its proposal); refuses a name that is not in the file and a choice that is
    not an upload column ("" leaves a column out)."""
    by_name = {m.name: m for m in matches if m.name}
    by_name.update({m.raw: m for m in matches if m.raw})
    chosen: dict[str, str] = {
        m.name: m.column.header for m in matches if m.how == "variant" and m.column
    }
    for name, column in given.items():
        match = by_name.get(name) or by_name.get(_normal_header(name))
        if match is None:
            raise ValidationError(
                {"mapping": [_("The file has no column '%(column)s'.") % {"column": name[:50]}]}
            )
        if column and column not in COLUMNS_BY_HEADER:
            raise ValidationError(
                {"mapping": [_("Choose one of the upload's columns, or leave the column out.")]}
            )
        chosen[match.name] = column
    return chosen


STAGED_FOR = timedelta(days=1)
# Files with more rows than this are imported by a background job while the screen shows progress.
BACKGROUND_FROM_ROWS = 2_000


def is_large(uploaded_file_bytes: bytes, filename: str) -> bool:
    """Whether the file likely has more than BACKGROUND_FROM_ROWS rows (lines of a CSV; an XLSX,
    compressed, by its size)."""
    if uploaded_file_bytes.startswith(b"PK\x03\x04") or filename.lower().endswith(".xlsx"):
        return len(uploaded_file_bytes) > BACKGROUND_FROM_ROWS * 60
    return uploaded_file_bytes.count(b"\n") > BACKGROUND_FROM_ROWS


def stage(*, actor, municipality, uploaded_file_bytes: bytes, filename: str) -> StagedUpload:
    """Hold the file until its columns are confirmed (or its job imports it); files held longer
    than STAGED_FOR, anyone's (uploads never confirmed), are deleted now."""
    if municipality is not None:
        policy.require(policy.can_refer(actor, municipality))
    StagedUpload.objects.filter(created_at__lt=timezone.now() - STAGED_FOR).delete()
    return StagedUpload.objects.create(
        user=actor,
        municipality=municipality,
        filename=filename[:200],
        content=uploaded_file_bytes,
    )


def staged_upload(actor, uuid) -> StagedUpload | None:
    """The actor's own file held for confirmation, or None."""
    try:
        staged = StagedUpload.objects.select_related("municipality").filter(uuid=uuid).first()
    except (ValueError, ValidationError):
        return None
    if staged is None or not policy.can_use_staged_upload(actor, staged):
        return None
    return staged


def import_staged(actor, staged: StagedUpload, mapping: dict[str, str], progress=None):
    """Import a held file with the confirmed ``mapping``; the file is deleted once imported."""
    report = import_referrals(
        actor=actor,
        municipality=staged.municipality,
        uploaded_file_bytes=bytes(staged.content),
        filename=staged.filename,
        mapping=mapping,
        progress=progress,
    )
    staged.delete()
    return report


def remembered_mapping(actor) -> dict[str, str]:
    """The column names the actor's organisation confirmed before (normalised name → column)."""
    organisation_id = getattr(actor, "organisation_id", None)
    if organisation_id is None:
        return {}
    return dict(
        ImportColumnMapping.objects.filter(organisation_id=organisation_id).values_list(
            "header", "column"
        )
    )


def remember_mapping(actor, matches: list[HeaderMatch], chosen: dict[str, str]) -> None:
    """Keep for the actor's organisation what the actor confirmed: for each column name of the
    file that is not one of the upload's own, the upload column it means ("" to leave it out).
    Raises ValidationError naming every choice that is not an upload column."""
    organisation_id = getattr(actor, "organisation_id", None)
    wrong = {
        name: [_("Choose one of the upload's columns, or leave the column out.")]
        for name, column in chosen.items()
        if column and column not in COLUMNS_BY_HEADER
    }
    if wrong:
        raise ValidationError(wrong)
    if organisation_id is None:
        return
    with transaction.atomic():
        for match in matches:
            if match.how in ("exact", "blank") or match.name not in chosen:
                continue
            ImportColumnMapping.objects.update_or_create(
                organisation_id=organisation_id,
                header=match.name[:100],
                defaults={"column": chosen[match.name], "confirmed_by": actor},
            )


def _municipalities() -> dict[str, Organisation]:
    """Every municipality by the ways a file names it: name, "gemeente <name>", CBS code with
    and without "GM" and leading zeros."""
    found = {}
    for m in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY):
        code = (m.cbs_code or "").lower()
        for key in (
            m.name.lower(),
            f"gemeente {m.name.lower()}",
            code,
            code[2:],
            code[2:].lstrip("0"),
        ):
            if key:
                found[key] = m
    return found


class _Placer:
    """The municipality of a row: its ``gemeente`` cell, else the one chosen for the file; with
    the message when it is unknown or not the uploader's to refer."""

    def __init__(self, actor, default):
        self.actor, self.default = actor, default
        self.known: dict[str, Organisation] | None = None
        self.allowed: dict[int, bool] = {}

    def __call__(self, values: dict) -> tuple[Organisation | None, str]:
        named = values.get("municipality", "")
        if not named:
            if self.default is None:
                return None, _("Fill in the municipality of residence.")
            return self.default, ""
        if self.known is None:
            self.known = _municipalities()
        municipality = self.known.get(" ".join(named.lower().split()))
        if municipality is None:
            return None, _("There is no municipality of the region with this name or code.")
        if municipality.pk not in self.allowed:
            self.allowed[municipality.pk] = policy.can_refer(self.actor, municipality)
        if not self.allowed[municipality.pk]:
            return None, _("You may not refer residents of %(municipality)s.") % {
                "municipality": municipality.name
            }
        return municipality, ""


def _read_row(place, columns, cells, number, digest, seen_bsn) -> tuple[RowResult, _Pending | None]:
    """The row's result when reading it decides it (empty, unreadable cells, a municipality the
    uploader may not refer for), else the row to store. The referral's own rules of a row without
    unreadable cells are checked when it is stored, after "already referred", as on screen."""
    if all(map(_is_blank, cells)):
        return RowResult(number, RowStatus.EMPTY), None
    values, errors = _parse(columns, cells)
    name = " ".join(values[k] for k in ("first_name", "name_prefix", "last_name") if values.get(k))
    result = RowResult(number, RowStatus.ERROR, name=name)
    person = _person(values)
    bsn = person.bsn
    if bsn and bsn in seen_bsn:
        errors.setdefault("bsn", []).append(
            _("This BSN is also on row %(row)s of this file.") % {"row": seen_bsn[bsn]}
        )
    elif bsn:
        seen_bsn[bsn] = number
    municipality, refused = place(values)
    if refused:
        errors.setdefault("gemeente", []).append(refused)
    if errors:
        # Report the referral's own rules too, so the row can be corrected in one go.
        for key, messages in policies.referral_person_errors(person, timezone.localdate()).items():
            errors.setdefault(COLUMN_OF_FIELD.get(key, ROW), messages)
        result.errors = errors
        return result, None
    key = import_key(municipality, bsn, digest)
    return result, _Pending(result, person, values, key, municipality)


def _store_chunk(actor, municipality, chunk: list[_Pending], today: date) -> None:
    """Store a chunk of rows in one transaction. When the database refuses it, someone referred
    one of its persons at this moment (or uploaded the same file): having waited for that
    transaction, the chunk is tried once more with fresh lookups, and if it is refused again its
    rows are stored one by one, so that every row still gets its own result and is stored once."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                _store_together(actor, municipality, chunk, today)
            return
        except DatabaseError as exc:
            # The database's message may quote the row's values, the BSN among them: never log it.
            logger.warning(
                "referral import: a chunk of %d rows was refused (%s), attempt %d",
                len(chunk),
                type(exc).__name__,
                attempt,
            )
            for row in chunk:
                row.result.status, row.result.errors = RowStatus.ERROR, {}
                row.result.trajectory_uuid = None
    for row in chunk:
        _store_one(actor, municipality, row)


def _store_together(actor, municipality, chunk: list[_Pending], today: date) -> None:
    """Decide every row of the chunk from three lookups, then insert the new candidates, their
    trajectories, referral steps and processing-log entries in bulk. The database's unique and
    check constraints stay the backstop of the checks made here."""
    earlier, active, registered = _known(chunk)
    new: list[_Pending] = []
    for row in chunk:
        result, bsn = row.result, row.person.bsn
        if row.key in earlier or bsn in active:
            result.status, result.trajectory_uuid = RowStatus.ALREADY_REFERRED, earlier.get(row.key)
        elif errors := policies.referral_person_errors(row.person, today):
            result.errors = _errors_by_column(ValidationError(errors))
        elif bsn not in registered:
            new.append(row)
        elif registered[bsn] != municipality.pk:
            result.errors = {"bsn": [services.registered_elsewhere_message()]}
        else:
            # Referred before and back with the municipality: the service updates their data.
            _store_one(actor, municipality, row)
    if new:
        _insert(actor, municipality, new, today)


def _known(chunk: list[_Pending]) -> tuple[dict[str, UUID], set[str], dict[str, int]]:
    """What the database holds about the chunk's rows: the trajectory of each import key stored
    before, the BSNs with an active referral, and the municipality of each BSN registered."""
    bsns = {row.person.bsn for row in chunk}
    earlier = dict(
        Trajectory.objects.filter(import_key__in={row.key for row in chunk})
        .order_by("-pk")  # the first of several, as one row's lookup finds it
        .values_list("import_key", "uuid")
    )
    active = set(
        Trajectory.objects.filter(candidate__bsn__in=bsns)
        .exclude(phase__in=CLOSED_PHASES)
        .values_list("candidate__bsn", flat=True)
    )
    registered = dict(Candidate.objects.filter(bsn__in=bsns).values_list("bsn", "municipality_id"))
    return earlier, active, registered


def _insert(actor, municipality, rows: list[_Pending], today: date) -> None:
    """The rows of ``services.refer_candidate`` for new persons, a few statements for them all:
    on PostgreSQL COPY with keys reserved from the sequences, elsewhere ``bulk_create``."""
    referrer_id = actor.pk if getattr(actor, "pk", None) else None
    candidates = [
        {
            "bsn": row.person.bsn,
            "first_name": row.person.first_name.strip(),
            "last_name": row.person.last_name.strip(),
            "date_of_birth": row.person.date_of_birth,
            "municipality_id": municipality.pk,
            **policies.candidate_values(row.person),
        }
        for row in rows
    ]
    trajectories = [
        {
            "municipality_id": municipality.pk,
            "referred_on": today,
            "referred_by_id": referrer_id,
            "channel": ReferralChannel.UPLOAD.value,
            "referral_note": row.values.get("note", ""),
            "warm_handover": row.values.get("warm_handover", False),
            "phase": Phase.REFERRED.value,
            "phase_since": today,
            "import_key": row.key,
        }
        for row in rows
    ]
    if copy_supported():
        trajectory_refs = _insert_by_copy(candidates, trajectories, today, referrer_id)
    else:
        trajectory_refs = _insert_by_orm(candidates, trajectories, today, referrer_id)
    # One entry per referral, as refer_candidate writes it, each naming its person.
    log_processing(
        actor=actor,
        action=Action.CREATE,
        record_type=Trajectory._meta.label,
        records=trajectory_refs,
        purpose=REINTEGRATION,
        channel=ReferralChannel.UPLOAD,
        detail="referral",
    )
    for row, trajectory in zip(rows, trajectory_refs, strict=True):
        row.result.status, row.result.trajectory_uuid = RowStatus.CREATED, trajectory.uuid


@dataclass(frozen=True)
class _Stored:
    """A trajectory written without a model instance, as the processing log names it."""

    uuid: UUID
    candidate_uuid: UUID

    def data_subject_uuid(self) -> UUID:
        return self.candidate_uuid


def _insert_by_copy(candidates, trajectories, today, referrer_id) -> list[_Stored]:
    candidate_ids = reserve_ids(Candidate, len(candidates))
    candidate_uuids = [uuid4() for _ in candidates]
    for values, pk, uuid in zip(candidates, candidate_ids, candidate_uuids, strict=True):
        values.update(id=pk, uuid=uuid)
    copy_rows(Candidate, candidates)
    trajectory_ids = reserve_ids(Trajectory, len(trajectories))
    trajectory_uuids = [uuid4() for _ in trajectories]
    for values, pk, uuid, candidate_id in zip(
        trajectories, trajectory_ids, trajectory_uuids, candidate_ids, strict=True
    ):
        values.update(id=pk, uuid=uuid, candidate_id=candidate_id)
    copy_rows(Trajectory, trajectories)
    copy_rows(
        JourneyStep,
        [
            {
                "trajectory_id": pk,
                "from_phase": "",
                "to_phase": Phase.REFERRED.value,
                "occurred_on": today,
                "reason": values["referral_note"],
                "recorded_by_id": referrer_id,
            }
            for pk, values in zip(trajectory_ids, trajectories, strict=True)
        ],
    )
    return [
        _Stored(uuid, candidate_uuid)
        for uuid, candidate_uuid in zip(trajectory_uuids, candidate_uuids, strict=True)
    ]


def _insert_by_orm(candidates, trajectories, today, referrer_id) -> list[_Stored]:
    created = Candidate.objects.bulk_create([Candidate(**values) for values in candidates])
    stored = Trajectory.objects.bulk_create(
        [
            Trajectory(candidate=candidate, **values)
            for values, candidate in zip(trajectories, created, strict=True)
        ]
    )
    JourneyStep.objects.bulk_create(
        [
            JourneyStep(
                trajectory=trajectory,
                from_phase="",
                to_phase=Phase.REFERRED,
                occurred_on=today,
                reason=trajectory.referral_note,
                recorded_by_id=referrer_id,
            )
            for trajectory in stored
        ]
    )
    return [
        _Stored(trajectory.uuid, candidate.uuid)
        for trajectory, candidate in zip(stored, created, strict=True)
    ]


def _store_one(actor, municipality, row: _Pending) -> None:
    """One row through ``services.refer_candidate``, in a transaction of its own."""
    result, bsn = row.result, row.person.bsn
    earlier = Trajectory.objects.filter(import_key=row.key).values_list("uuid", flat=True).first()
    if earlier is not None or (bsn and _active_referral_exists(bsn)):
        result.status, result.trajectory_uuid = RowStatus.ALREADY_REFERRED, earlier
        return
    try:
        with transaction.atomic():
            trajectory = services.refer_candidate(
                actor=actor,
                municipality=municipality,
                person=row.person,
                channel=ReferralChannel.UPLOAD,
                note=row.values.get("note", ""),
                warm_handover=row.values.get("warm_handover", False),
                import_key=row.key,
            )
    except ValidationError as exc:
        result.errors = _errors_by_column(exc)
        if bsn and _active_referral_exists(bsn):  # referred at this moment by someone else
            result.status, result.errors = RowStatus.ALREADY_REFERRED, {}
        return
    except DatabaseError as exc:
        # The database's message may quote the row's values, the BSN among them: never log it.
        logger.warning("referral import: row %d not stored (%s)", result.number, type(exc).__name__)
        result.errors = {ROW: [_("This row could not be stored. Check its values.")]}
        return
    result.status, result.trajectory_uuid = RowStatus.CREATED, trajectory.uuid
