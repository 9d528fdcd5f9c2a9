"""The reference data of matching: the competence catalogue (the repository's subset for the six
sector groups, and the import of an ESCO CSV export) and the PC4 coordinate table of the region.

Safe to load twice: it updates, never doubles. An import checks the whole file before it writes
anything, in one transaction."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.employers.models import SectorGroup

from .models import CatalogueKind, Competence, Occupation, PostcodeArea

DATA = Path(__file__).resolve().parent / "data"
CATALOGUE_FILE = DATA / "catalogue.csv"
PC4_FILE = DATA / "pc4_rijk_van_nijmegen.csv"


@transaction.atomic
def load_catalogue(path: Path = CATALOGUE_FILE) -> tuple[int, int]:
    """The shipped subset: (occupations, competences and certificates) loaded."""
    occupations = competences = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            fields = {
                "label": row["label"],
                "sector_group": row["sector_group"],
                "esco_uri": row["esco_uri"],
            }
            if row["kind"] == "occupation":
                Occupation.objects.update_or_create(
                    code=row["code"], defaults={**fields, "isco_group": row["isco_group"]}
                )
                occupations += 1
            else:
                Competence.objects.update_or_create(
                    code=row["code"], defaults={**fields, "kind": row["kind"]}
                )
                competences += 1
    return occupations, competences


@transaction.atomic
def load_postcodes(path: Path = PC4_FILE) -> int:
    count = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            PostcodeArea.objects.update_or_create(
                pc4=row["pc4"],
                defaults={
                    "municipality": row["municipality"],
                    "latitude": Decimal(row["latitude"]),
                    "longitude": Decimal(row["longitude"]),
                },
            )
            count += 1
    return count


def load_matching_reference_data() -> None:
    load_catalogue()
    load_postcodes()


# --- ESCO import --------------------------------------------------------------------------------

ESCO_REQUIRED = ("conceptType", "conceptUri", "preferredLabel")
ESCO_OCCUPATION = "Occupation"
ESCO_SKILL = "KnowledgeSkillCompetence"


@dataclass
class EscoResult:
    occupations: int = 0
    competences: int = 0


def esco_code(uri: str) -> str:
    """Our catalogue code of an ESCO concept: "esco-" and the last part of its URI."""
    return "esco-" + uri.rstrip("/").rsplit("/", 1)[-1]


def read_esco(content: bytes) -> list[dict]:
    """The rows of an ESCO CSV export (occupations_nl.csv or skills_nl.csv, UTF-8), or one
    ValidationError naming what is wrong with the file."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "The file is not encoded in UTF-8. Export the ESCO classification as CSV in "
                "UTF-8 and try again; nothing was imported."
            ),
            code="encoding",
        ) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [name for name in ESCO_REQUIRED if name not in header]
    if missing:
        raise ValidationError(
            _(
                "This is not an ESCO CSV export: the columns %(missing)s are missing "
                "(found: %(found)s); nothing was imported."
            )
            % {"missing": ", ".join(missing), "found": ", ".join(header[:8]) or "-"},
            code="header",
        )
    rows, problems = [], []
    for line, row in enumerate(reader, start=2):
        kind = (row.get("conceptType") or "").strip()
        uri = (row.get("conceptUri") or "").strip()
        label = (row.get("preferredLabel") or "").strip()
        if kind not in (ESCO_OCCUPATION, ESCO_SKILL):
            problems.append(
                _("line %(line)s: unknown conceptType %(kind)r") % {"line": line, "kind": kind}
            )
        elif not uri or not label:
            problems.append(
                _("line %(line)s: conceptUri or preferredLabel is empty") % {"line": line}
            )
        else:
            rows.append(
                {
                    "kind": kind,
                    "uri": uri,
                    "label": label[:200],
                    "isco": (row.get("iscoGroup") or row.get("code") or "").strip()[:4],
                }
            )
    if problems:
        raise ValidationError(
            _("The file has errors; nothing was imported: %(problems)s")
            % {"problems": "; ".join(problems[:10])},
            code="rows",
        )
    return rows


@transaction.atomic
def import_esco(content: bytes, sector_group: str = "") -> EscoResult:
    """Add or update the ESCO concepts of the file in the catalogue. ``sector_group`` is given to
    new concepts (ESCO has no sector groups); concepts already present keep theirs."""
    if sector_group and sector_group not in SectorGroup.values:
        raise ValidationError(_("Unknown sector group."), code="sector_group")
    rows = read_esco(content)
    result = EscoResult()
    for row in rows:
        code = esco_code(row["uri"])
        if row["kind"] == ESCO_OCCUPATION:
            occupation, created = Occupation.objects.update_or_create(
                code=code,
                defaults={"label": row["label"], "esco_uri": row["uri"], "isco_group": row["isco"]},
            )
            if created and sector_group:
                Occupation.objects.filter(pk=occupation.pk).update(sector_group=sector_group)
            result.occupations += 1
        else:
            competence, created = Competence.objects.update_or_create(
                code=code,
                defaults={
                    "label": row["label"],
                    "esco_uri": row["uri"],
                    "kind": CatalogueKind.SKILL,
                },
            )
            if created and sector_group:
                Competence.objects.filter(pk=competence.pk).update(sector_group=sector_group)
            result.competences += 1
    return result
