"""Retention terms per kind of record, with their source. Configurable through the environment
(see docs/configuration.md); the defaults and why are in docs/retention.md."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings


@dataclass(frozen=True)
class Term:
    kind: str
    years: int
    action: str  # "destroy" or "anonymise"
    counted_from: str
    source: str


def terms() -> dict[str, Term]:
    return {
        "candidate_file": Term(
            "candidate_file",
            settings.RETENTION_CANDIDATE_FILE_YEARS,
            "destroy",
            "the end of the candidate's last trajectory (outflow or return)",
            "Archiefwet 1995 art. 3 and 5; Selectielijst gemeenten en intergemeentelijke organen "
            "(VNG), re-integratie- en participatiedossiers: vernietigen na afloop van de termijn "
            "(default here 7 years; to be confirmed by the archivist of the municipality)",
        ),
        "processing_log": Term(
            "processing_log",
            settings.RETENTION_PROCESSING_LOG_YEARS,
            "destroy",
            "the moment of the processing",
            "AVG art. 5(2) accountability; VNG standaard Logboek Dataverwerkingen: kept as long "
            "as the data it is about (default 7 years)",
        ),
        "inactive_staff": Term(
            "inactive_staff",
            settings.RETENTION_INACTIVE_STAFF_YEARS,
            "anonymise",
            "the last login of a deactivated account",
            "AVG art. 5(1)(e) storage limitation (default 2 years)",
        ),
    }


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
