"""The DVO as plain blocks: the template's general articles filled in, art. 5-11 and bijlage 2
from the data, and the signature block. Everything a reader sees is Dutch, as in the agreement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.http import Http404

from werkbedrijf.utils.numbers import amount, euro, quantity

from .. import selectors
from ..models import AgreementVersion, DocumentTemplate, MunicipalAgreement
from ..policies import documents as rules

DEFAULT_TEMPLATE = (Path(__file__).with_name("default_template.txt")).read_text(encoding="utf-8")
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


@dataclass
class Block:
    kind: str  # "title", "heading", "subheading", "paragraph", "table"
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Document:
    title: str
    blocks: list[Block]
    filename: str


def long_date(value: date | None) -> str:
    """20 juni 2024, as the agreements write a date in running text."""
    if value is None:
        return "…"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def template_text(agreement: AgreementVersion) -> str:
    try:
        return agreement.document_template.text
    except DocumentTemplate.DoesNotExist:
        return DEFAULT_TEMPLATE


def _values(ma: MunicipalAgreement) -> dict[str, str]:
    agreement = ma.agreement
    return {
        "titel": agreement.title,
        "citeertitel": agreement.citation_title or agreement.title,
        "gemeente": ma.municipality.name,
        "ingangsdatum": long_date(agreement.period_start),
        "einddatum": long_date(agreement.period_end),
        "vaststellingsdatum": long_date(agreement.adopted_on),
        "verlengingsdatum": long_date(agreement.renewal_deadline),
        "budgetregel": agreement.budget_rule or "…",
    }


def _template_blocks(text: str) -> list[Block | str]:
    """Lines to blocks: '# ' a heading, '## ' a subheading, a block placeholder on its own line
    stays a name for the generator, any other non-empty line is a paragraph."""
    out: list[Block | str] = []
    for line in text.splitlines():
        block = rules.block_name(line)
        if block:
            out.append(block)
        elif line.startswith("## "):
            out.append(Block("subheading", line[3:].strip()))
        elif line.startswith("# "):
            out.append(Block("heading", line[2:].strip()))
        elif line.strip():
            out.append(Block("paragraph", line.strip()))
    return out


def _budget_sentence(ma: MunicipalAgreement, price_unit: str) -> str:
    budgets = {b.year: b for b in selectors.budgets_of(ma)}
    parts = []
    for i, year in enumerate(ma.agreement.years):
        value = selectors.budget_amount(budgets.get(year), price_unit)
        shown = amount(value, price_unit) if value is not None else "onbekend"
        parts.append(f"in {year} een budget van {shown}" if i == 0 else f"in {year} van {shown}")
    return f"{ma.municipality.name} heeft " + " en ".join(parts) + "."


def _choice_rows(ma: MunicipalAgreement, year: int, price_unit: str) -> list[list[str]]:
    rows = []
    for i, choice in enumerate(selectors.current_choices(ma, year)):
        unit = choice.service.quantity_label if choice.service_id else choice.custom_unit
        counted = quantity(choice.quantity)
        rows.append(
            [
                f"{chr(ord('a') + i)}.",
                choice.source_text or choice.label,
                f"{counted} {unit}".strip() if counted else "",
                amount(choice.agreed_amount, price_unit)
                if choice.agreed_amount is not None
                else "",
            ]
        )
    return rows


def municipal_articles(user, agreement: AgreementVersion) -> list[Block]:
    """Art. 5-11: per municipality its aim, budget, choices per year and meerwerk."""
    blocks: list[Block] = []
    mas = sorted(
        selectors.municipal_agreements_for(user, agreement),
        key=lambda m: (int(m.article) if m.article.isdigit() else 99, m.municipality.name),
    )
    for ma in mas:
        price_unit = selectors.card_terms(ma).price_unit
        number = ma.article or "–"
        name = ma.municipality.name
        blocks.append(Block("heading", f"Artikel {number} {name}"))
        blocks.append(Block("subheading", f"{number}.1 Doel bij inzet van lokale dienstverlening"))
        blocks.append(Block("paragraph", ma.aim or "Niet vastgelegd."))
        blocks.append(Block("subheading", f"{number}.2 Keuzes"))
        blocks.append(Block("paragraph", _budget_sentence(ma, price_unit)))
        for year in agreement.years:
            rows = _choice_rows(ma, year, price_unit)
            blocks.append(Block("paragraph", f"{year}:"))
            if rows:
                header = ["", "Keuze", "Aantal", "Bedrag"]
                blocks.append(Block("table", header=header, rows=rows))
            else:
                blocks.append(Block("paragraph", "Geen keuzes vastgelegd."))
        extra = list(ma.extra_work.all().order_by("period_start", "id"))
        if extra:
            blocks.append(Block("subheading", f"{number}.3 Meerwerk"))
            for work in extra:
                details = []
                if work.fte is not None:
                    details.append(f"{quantity(work.fte)} fte")
                if work.amount is not None:
                    details.append(euro(work.amount))
                suffix = f" ({', '.join(details)})" if details else ""
                blocks.append(Block("paragraph", f"{work.description}{suffix}"))
    return blocks


def card_table(user, agreement: AgreementVersion) -> list[Block]:
    """Bijlage 2: the keuzekaart, one row per service with its unit and price as agreed."""
    try:
        catalogue = selectors.catalogue_of(user, agreement)
    except Http404:
        return [Block("paragraph", "Deze versie heeft geen keuzekaart.")]
    services = list(selectors.services_of(catalogue))
    if not services:
        return [Block("paragraph", catalogue.notes or "De keuzekaart is leeg.")]
    rows = [
        [
            str(s.number),
            s.name,
            s.unit_label,
            amount(s.price, catalogue.price_unit) if s.price is not None else "onbekend",
        ]
        for s in services
    ]
    return [Block("table", header=["Nr.", "Dienst", "Eenheid", "Prijs"], rows=rows)]


def signature_blocks(ma: MunicipalAgreement, signed: bool) -> list[Block]:
    agreement = ma.agreement
    municipality_line = (
        f"Namens gemeente {ma.municipality.name}: {ma.signed_by or '…'}, "
        f"ondertekend op {long_date(ma.signed_on)}"
        if signed
        else f"Namens gemeente {ma.municipality.name}: ……………………, datum ……………………"
    )
    board_line = (
        f"Namens MGR: het dagelijks bestuur, besluit van {long_date(agreement.adopted_on)}"
        if agreement.adopted_on
        else "Namens MGR: ……………………, datum ……………………"
    )
    blocks = [Block("heading", "Ondertekening"), Block("paragraph", municipality_line)]
    blocks.append(Block("paragraph", board_line))
    return blocks


def build(user, ma: MunicipalAgreement, *, signed: bool = False) -> Document:
    """The whole DVO for one municipality's copy. ``signed``: its signed copy (the caller has
    checked that the agreement is adopted and signed)."""
    agreement = ma.agreement
    filled = rules.fill(template_text(agreement), _values(ma))
    blocks: list[Block] = []
    placed = set()
    for item in _template_blocks(filled):
        if item == "lokale_afspraken":
            blocks.extend(municipal_articles(user, agreement))
            placed.add(item)
        elif item == "keuzekaart":
            blocks.extend(card_table(user, agreement))
            placed.add(item)
        elif isinstance(item, Block):
            blocks.append(item)
    if "lokale_afspraken" not in placed:
        blocks.extend(municipal_articles(user, agreement))
    blocks.extend(signature_blocks(ma, signed))
    if "keuzekaart" not in placed:
        blocks.append(Block("heading", "Bijlage 2 Keuzekaart"))
        blocks.extend(card_table(user, agreement))
    title = agreement.citation_title or agreement.title
    suffix = "-ondertekend" if signed else ""
    slug = "".join(c if c.isalnum() else "-" for c in f"{agreement.title}-{ma.municipality.name}")
    return Document(title=title, blocks=blocks, filename=f"{slug.lower()}{suffix}")
