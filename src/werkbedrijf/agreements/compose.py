"""The compose screen: the rows a municipality fills in for one year, and the live budget check.

The rows are two formsets: one row per keuzekaart service (and per existing choice of a card
service), and rows for services that are not on the card. An empty row is not a choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from werkbedrijf.agreements import policies, selectors
from werkbedrijf.agreements.models import CatalogueService, LocalChoice, MunicipalAgreement
from werkbedrijf.agreements.services import LineInput
from werkbedrijf.ui.formatting import input_number

from .forms import CardRowFormSet, ExtraRowFormSet

BLANK_EXTRA_ROWS = 2


@dataclass
class Row:
    """One row of the compose table: its form, and for a card row the service it is about."""

    form: object
    service: CatalogueService | None
    card: bool
    card_value: Decimal | None = None

    @property
    def prefix(self) -> str:
        return self.form.prefix

    @property
    def label(self) -> str:
        if self.card:
            return self.service.name if self.service else _("Unknown service")
        value = self.form["custom_name"].value() or ""
        return value.strip() or _("Service not on the card")

    @property
    def quantity_step(self) -> str:
        return "0.1" if self.service and self.service.allows_fractions else "1"

    @property
    def errors(self) -> list[str]:
        return [str(e) for name in self.form.errors for e in self.form.errors[name]]


@dataclass
class ComposeForm:
    municipal_agreement: MunicipalAgreement
    year: int
    card_rows: list[Row]
    extra_rows: list[Row]
    card_formset: object
    extra_formset: object
    non_row_errors: list[str] = field(default_factory=list)
    # selectors.choices_version of the stored choices this form was composed on: sent back with
    # the rows, so a save on top of choices someone else changed since is refused.
    version: str = ""

    @property
    def rows(self) -> list[Row]:
        return self.card_rows + self.extra_rows

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """(message, id of the input it is about), for the summary at the top of the page."""
        summary = [(message, "") for message in self.non_row_errors]
        for row in self.rows:
            for name, messages in row.form.errors.items():
                target = row.form[name].id_for_label if name in row.form.fields else ""
                summary.extend(
                    (
                        message
                        if str(message).startswith(row.label)
                        else f"{row.label}: {message}",
                        target,
                    )
                    for message in messages
                )
        return summary

    def is_valid(self) -> bool:
        return self.card_formset.is_valid() and self.extra_formset.is_valid()

    def entered(self) -> list[tuple[Row, LineInput]]:
        """The non-empty rows as the service takes them, in the order shown."""
        entered = []
        for row in self.rows:
            values = {name: _value(row.form, name) for name in row.form.fields}
            if row.card:
                blank = not values["quantity"] and not values["agreed_amount"]
            else:
                blank = not any(
                    values[name]
                    for name in ("custom_name", "custom_unit", "quantity", "agreed_amount")
                )
            if blank:
                continue
            entered.append(
                (
                    row,
                    LineInput(
                        service=values.get("service") or None,
                        custom_name=values.get("custom_name", ""),
                        custom_unit=values.get("custom_unit", ""),
                        activity_kind=values.get("activity_kind", ""),
                        quantity=values["quantity"] or None,
                        agreed_amount=values["agreed_amount"] or None,
                        note=values.get("note", ""),
                        source_text=values.get("source_text", ""),
                    ),
                )
            )
        return entered

    def add_service_errors(self, error: ValidationError, entered) -> None:
        """Put the service's errors ('lines.3.quantity') on the rows they are about."""
        for key, messages in error.message_dict.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "lines" and parts[1].isdigit():
                index, name = int(parts[1]), parts[2]
                if index < len(entered):
                    row = entered[index][0]
                    if name == "service":
                        name = "quantity" if row.card else "custom_name"
                    for message in messages:
                        row.form.add_error(name if name in row.form.fields else None, message)
                    continue
            self.non_row_errors.extend(messages)


def _value(form, name: str) -> str:
    """What a row holds, entered (bound) or as first shown (initial)."""
    value = form[name].value()
    return "" if value is None else str(value).strip()


def _services(municipal_agreement: MunicipalAgreement) -> dict[str, CatalogueService]:
    catalogue = getattr(municipal_agreement.agreement, "catalogue", None)
    if catalogue is None:
        return {}
    return {str(s.uuid): s for s in selectors.services_of(catalogue)}


def _initial_amount(choice: LocalChoice) -> str:
    """An agreed amount equal to the card value is left empty, so it follows the quantity."""
    if choice.agreed_amount is None:
        return ""
    if choice.service_id and choice.quantity is not None:
        card_value = selectors.service_terms(choice.service).catalogue_value(choice.quantity)
        if card_value == choice.agreed_amount:
            return ""
    return input_number(choice.agreed_amount, amount=True)


def initial_form(municipal_agreement: MunicipalAgreement, year: int) -> ComposeForm:
    # The version before the rows: a save in between then makes this form's save refused, never
    # lets it pass over rows it did not show.
    version = selectors.choices_version(municipal_agreement, year)
    services = _services(municipal_agreement)
    choices = list(selectors.current_choices(municipal_agreement, year))
    card_initial, extra_initial = [], []
    chosen = set()
    for choice in choices:
        common = {
            "quantity": input_number(choice.quantity, amount=False),
            "agreed_amount": _initial_amount(choice),
            "note": choice.note,
            "source_text": choice.source_text,
        }
        if choice.service_id:
            chosen.add(str(choice.service.uuid))
            card_initial.append(
                (choice.service.number, 0, {"service": str(choice.service.uuid), **common})
            )
        else:
            extra_initial.append(
                {
                    "custom_name": choice.custom_name,
                    "custom_unit": choice.custom_unit,
                    "activity_kind": choice.activity_kind,
                    **common,
                }
            )
    for uuid, service in services.items():
        if uuid not in chosen and service.is_available_in(year):
            card_initial.append((service.number, 1, {"service": uuid}))
    card_initial.sort(key=lambda item: (item[0], item[1]))
    extra_initial.extend({} for _ in range(BLANK_EXTRA_ROWS))
    card_formset = CardRowFormSet(prefix="card", initial=[i for *_, i in card_initial])
    extra_formset = ExtraRowFormSet(prefix="extra", initial=extra_initial)
    compose = _compose(municipal_agreement, year, card_formset, extra_formset, services)
    compose.version = version
    return compose


def bound_form(municipal_agreement: MunicipalAgreement, year: int, data) -> ComposeForm:
    services = _services(municipal_agreement)
    card_formset = CardRowFormSet(data, prefix="card")
    extra_formset = ExtraRowFormSet(data, prefix="extra")
    compose = _compose(municipal_agreement, year, card_formset, extra_formset, services)
    compose.version = str(data.get("version") or "")[:64]
    compose.is_valid()
    for formset in (card_formset, extra_formset):
        compose.non_row_errors.extend(str(e) for e in formset.non_form_errors())
    return compose


def _compose(municipal_agreement, year, card_formset, extra_formset, services) -> ComposeForm:
    card_rows = []
    for form in card_formset:
        uuid = form["service"].value() or ""
        card_rows.append(Row(form, services.get(str(uuid)), card=True))
    extra_rows = [Row(form, None, card=False) for form in extra_formset]
    return ComposeForm(
        municipal_agreement, year, card_rows, extra_rows, card_formset, extra_formset
    )


# --- the live check over unsaved rows ----------------------------------------------------------


def _number(text, *, cents: bool) -> tuple[Decimal | None, str]:
    text = (text or "").strip()
    if not text:
        return None, ""
    try:
        number = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        return None, _("Enter a number.")
    if not number.is_finite():
        return None, _("Enter a number.")
    if not policies.amount_has_at_most_cents(number):
        return None, (
            _("An amount has at most two decimals.")
            if cents
            else _("A quantity has at most two decimals.")
        )
    return number, ""


@dataclass
class Preview:
    check: policies.YearCheck
    price_unit: str
    unread: list[str]  # rows that could not be read and are left out of the check
    card_values: dict[str, Decimal | None]

    @property
    def state(self) -> str:
        if self.check.budget is None:
            return "unknown"
        return "over" if self.check.over_budget else "within"

    @property
    def share(self) -> Decimal:
        budget = self.check.budget
        if not budget:
            return Decimal(0)
        return (self.check.total / budget * 100).quantize(Decimal(1))

    @property
    def remaining(self) -> Decimal | None:
        budget = self.check.budget
        return None if budget is None else budget - self.check.total

    @property
    def listed_findings(self) -> list[policies.Finding]:
        """The findings below the meter; over and under budget are its headline already."""
        headline = {policies.Kind.OVERRUN, policies.Kind.UNDERSPEND}
        return [f for f in self.check.findings if f.kind not in headline]

    @property
    def meter_max(self) -> Decimal:
        budget = self.check.budget or Decimal(0)
        return max(budget, self.check.total)


def preview(compose: ComposeForm) -> Preview:
    """Run the budget check on the rows as entered, as if they were saved: an empty agreed amount
    of a card service counts at the card value, as ``services.save_choices`` would store it."""
    lines, unread, card_values = [], [], {}
    for row, line in compose.entered():
        quantity, quantity_error = _number(line.quantity, cents=False)
        agreed, amount_error = _number(line.agreed_amount, cents=True)
        problems = [p for p in (quantity_error, amount_error) if p]
        if row.card and row.service is None:
            problems.append(_("This service is not on the keuzekaart of this agreement."))
        if problems:
            unread.extend(f"{row.label}: {p}" for p in problems)
            continue
        terms = selectors.service_terms(row.service) if row.service else None
        card_value = terms.catalogue_value(quantity) if terms and quantity is not None else None
        row.card_value = card_value
        card_values[row.prefix] = card_value
        if agreed is None and card_value is not None:
            agreed = card_value
        lines.append(policies.ChoiceLine(row.prefix, row.label, terms, quantity, agreed))
    inputs = selectors.check_inputs(compose.municipal_agreement, compose.year, lines)
    return Preview(inputs.check(), inputs.card.price_unit, unread, card_values)
