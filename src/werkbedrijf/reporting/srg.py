"""The monthly file of a municipality's re-integration facilities for its CBS delivery (Statistiek
Re-integratie door Gemeenten, DVO art. 12.4): the code table, the record layout and the checks of
a record, as plain functions over plain data. What is and is not confirmed: docs/srg.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.candidates.models import BenefitType, EmploymentForm, InstrumentKind
from werkbedrijf.utils.bsn import is_valid_bsn

from .policies import Period

INSTRUMENT, PLACEMENT = "instrument", "placement"


@dataclass(frozen=True)
class SrgType:
    """A kind of facility in the SRG's 'type voorziening': its code (None while no code in force
    was found) and whether the code was confirmed against a CBS source (docs/srg.md)."""

    code: str | None
    label: str
    confirmed: bool


# The 2021 scheme (CBS, Richtlijnen SRG 2021, from verslagmaand januari 2021). Only the codes
# the CBS FAQ names were found (23, 29, 30, 59); the others have no code until someone reads the
# Richtlijnen SRG in force, and a month with such a facility is refused (docs/srg.md).
INSTRUMENT_TYPES: dict[str, SrgType] = {
    InstrumentKind.TRAINING: SrgType(None, "Scholing", False),
    InstrumentKind.TRAVEL: SrgType(None, "Reiskosten", False),
    InstrumentKind.WAGE_SUBSIDY: SrgType(None, "Loonkostensubsidie (Participatiewet)", False),
    InstrumentKind.WAGE_SUBSIDY_LUMP_SUM: SrgType(None, "Forfaitaire loonkostensubsidie", False),
    InstrumentKind.JOB_COACHING: SrgType("30", "Jobcoach/begeleiding op de werkplek", True),
    InstrumentKind.EMPLOYER_BONUS: SrgType(None, "Werkgeversbonus", False),
    InstrumentKind.PORTABLE_AIDS: SrgType("59", "Overige faciliterende voorziening", True),
    InstrumentKind.IPS: SrgType(None, "Individuele Plaatsing en Steun", False),
    InstrumentKind.SHELTERED_WORK: SrgType(None, "Beschut werk", False),
    InstrumentKind.OWNW: SrgType(None, "Op Weg Naar Werk", False),
    InstrumentKind.VOUCHERS: SrgType(None, "Waardebonnen", False),
}
# Placements the SRG counts as facilities; the other employment forms are work, not facilities.
PLACEMENT_TYPES: dict[str, SrgType] = {
    EmploymentForm.TRIAL: SrgType("23", "Proefplaatsing t.b.v. loonwaardebepaling", True),
    EmploymentForm.WORK_EXPERIENCE: SrgType("29", "Overige werkplekken", True),
}

# The benefit type as the file writes it.
BENEFIT_TYPE_CODES = {
    BenefitType.BIJSTAND: "bijstand",
    BenefitType.IOAW: "IOAW",
    BenefitType.IOAZ: "IOAZ",
    BenefitType.ANW: "Anw",
    BenefitType.NONE: "geen",
}

# The record layout (one row per facility per month), in this order; docs/srg.md.
HEADER = (
    "gemeentecode",
    "verslagmaand",
    "bsn",
    "soort_uitkering",
    "type_voorziening_code",
    "type_voorziening",
    "datum_begin",
    "datum_einde",
    "bron",
    "kenmerk",
)


@dataclass(frozen=True)
class FacilityRecord:
    """One facility of a resident that ran in the month, as read from the journey."""

    uuid: UUID  # the instrument's or placement's
    subject_uuid: UUID  # the candidate's
    candidate_name: str
    bsn: str
    municipality_code: str  # "GM0268"
    benefit_type: str
    source: str  # INSTRUMENT or PLACEMENT
    kind: str  # an InstrumentKind or EmploymentForm value
    start: date
    end: date | None

    @property
    def srg_type(self) -> SrgType | None:
        table = INSTRUMENT_TYPES if self.source == INSTRUMENT else PLACEMENT_TYPES
        return table.get(self.kind)

    @property
    def kind_label(self) -> str:
        choices = InstrumentKind if self.source == INSTRUMENT else EmploymentForm
        return str(dict(choices.choices).get(self.kind, self.kind))


@dataclass(frozen=True)
class Problem:
    record: FacilityRecord
    message: str


def _bsn_problem(record: FacilityRecord) -> str | None:
    if not is_valid_bsn(record.bsn):
        return _("The BSN does not pass the 11-proef.")
    return None


def _benefit_problem(record: FacilityRecord) -> str | None:
    if record.benefit_type not in BENEFIT_TYPE_CODES:
        return _("The benefit type of the candidate has not been recorded.")
    return None


def _code_problem(record: FacilityRecord) -> str | None:
    srg_type = record.srg_type
    if srg_type is None or srg_type.code is None:
        return _(
            "No SRG code has been established yet for %(kind)s (see the code table in docs/srg.md)."
        ) % {"kind": record.kind_label}
    return None


def _dates_problem(record: FacilityRecord) -> str | None:
    if record.end is not None and record.end < record.start:
        return _("The end lies before the start.")
    return None


def _municipality_problem(record: FacilityRecord) -> str | None:
    code = record.municipality_code
    if len(code) != 6 or not code.startswith("GM") or not code[2:].isdigit():
        return _("The municipality has no CBS code (GMxxxx).")
    return None


CHECKS = (_bsn_problem, _benefit_problem, _code_problem, _dates_problem, _municipality_problem)


def problems(records: list[FacilityRecord]) -> list[Problem]:
    """Every problem of every record, in the order of the records."""
    return [
        Problem(record, message)
        for record in records
        for check in CHECKS
        if (message := check(record)) is not None
    ]


def row(record: FacilityRecord, month: Period) -> list:
    """The record as a row of the file, in the order of HEADER. Only for a record without
    problems."""
    srg_type = record.srg_type
    assert srg_type is not None and srg_type.code is not None
    return [
        record.municipality_code[2:],
        month.start.strftime("%Y%m"),
        record.bsn,
        BENEFIT_TYPE_CODES[record.benefit_type],
        srg_type.code,
        srg_type.label,
        record.start,
        record.end,
        record.source,
        str(record.uuid),
    ]


def month_period(year: int, month: int) -> Period:
    """The report month (verslagmaand) as a period."""
    from calendar import monthrange

    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def parse_month(text: str) -> Period:
    """'2025-03' as the period of March 2025; ValueError for anything else."""
    year, _sep, month = text.strip().partition("-")
    if len(year) != 4 or not year.isdigit() or not month.isdigit():
        raise ValueError(text)
    if not 1 <= int(month) <= 12 or int(year) < 2000:
        raise ValueError(text)
    return month_period(int(year), int(month))


MONTH_FORMAT_MESSAGE = gettext_lazy("Give the month as jjjj-mm, for example 2025-03.")
