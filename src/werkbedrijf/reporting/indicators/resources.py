"""Indicators of what is spent and decided: instruments, sanction signals and the Inkomen loop."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from werkbedrijf.candidates.models import Instrument, InstrumentKind, SanctionSignal

from ..policies import Unit, share
from .base import TOTAL, Figure, Indicator, Scope, count_figure, register, shared


def _instruments(scope: Scope):
    return scope.records(Instrument.objects.filter(start__gte=scope.start, start__lte=scope.end))


@shared
def _instruments_per_kind(scope: Scope) -> list[dict]:
    """The instruments that started in the period, per kind: how many, their amount, and of the
    wage-cost subsidies with a wage value how many, their average and sum. One read for the
    three indicators of instruments."""
    from werkbedrijf.candidates.policies import WAGE_SUBSIDY_KINDS

    valued = Q(kind__in=WAGE_SUBSIDY_KINDS, wage_value__isnull=False)
    return list(
        _instruments(scope)
        .values("kind")
        .annotate(
            # Counted by the kind (never null), so the read needs nothing beyond the covering
            # index on the start (reporting 0011).
            n=Count("kind"),
            amount=Sum("amount"),
            valued=Count("kind", filter=valued),
            average=Avg("wage_value", filter=valued),
            total=Sum("wage_value", filter=valued),
        )
        .order_by()
    )


def instruments_count(scope: Scope) -> dict[str, Figure]:
    figures = {row["kind"]: count_figure(row["n"]) for row in _instruments_per_kind(scope)}
    figures[TOTAL] = count_figure(sum(f.persons for f in figures.values()))
    return figures


def instruments_amount(scope: Scope) -> dict[str, Figure]:
    figures = {
        row["kind"]: Figure(row["amount"] or Decimal("0.00"), row["n"])
        for row in _instruments_per_kind(scope)
    }
    figures[TOTAL] = Figure(
        sum((f.value or Decimal(0) for f in figures.values()), Decimal("0.00")),
        sum(f.persons for f in figures.values()),
    )
    return figures


register(
    Indicator(
        code="instruments_count",
        name=_("Instruments deployed"),
        definition=_("The number of instruments that started in the period, per kind."),
        unit=Unit.COUNT,
        population=_("Instruments"),
        period=_("Start of the instrument within the period"),
        query=instruments_count,
        categories=lambda: dict(InstrumentKind.choices),
        category_name=_("Instrument"),
    )
)
register(
    Indicator(
        code="instruments_amount",
        name=_("Amount of the instruments"),
        definition=_(
            "The sum of the amounts (incl. VAT) of the instruments that started in the period, "
            "per kind; an instrument without an amount counts as nothing."
        ),
        unit=Unit.EURO,
        population=_("Instruments"),
        period=_("Start of the instrument within the period"),
        query=instruments_amount,
        categories=lambda: dict(InstrumentKind.choices),
        category_name=_("Instrument"),
    )
)


def sanction_signals(scope: Scope) -> dict[str, Figure]:
    qs = scope.records(
        SanctionSignal.objects.filter(signalled_on__gte=scope.start, signalled_on__lte=scope.end)
    )
    return {TOTAL: count_figure(qs.count())}


def advice_followed(scope: Scope) -> dict[str, Figure]:
    qs = scope.records(
        SanctionSignal.objects.filter(
            decided_on__gte=scope.start, decided_on__lte=scope.end
        ).exclude(decision="")
    )
    decided = qs.count()
    followed = qs.filter(decision=SanctionSignal.Decision.FOLLOWED).count()
    return {TOTAL: Figure(share(followed, decided), decided)}


register(
    Indicator(
        code="sanction_signals",
        name=_("Sanction signals"),
        definition=_(
            "The number of signals of possibly sanction-worthy behaviour WerkBedrijf sent to the "
            "municipality in the period."
        ),
        unit=Unit.COUNT,
        population=_("Sanction signals"),
        period=_("Date of the signal within the period"),
        query=sanction_signals,
    )
)
register(
    Indicator(
        code="advice_followed",
        name=_("Decisions that followed the advice"),
        definition=_(
            "Of the municipality's decisions on sanction signals taken in the period: the share "
            "that followed WerkBedrijf's advice."
        ),
        unit=Unit.SHARE,
        population=_("Decided sanction signals"),
        period=_("Date of the decision within the period"),
        query=advice_followed,
    )
)


def wage_value_average(scope: Scope) -> dict[str, Figure]:
    figures, n, total = {}, 0, Decimal(0)
    for row in _instruments_per_kind(scope):
        if not row["valued"]:
            continue
        figures[row["kind"]] = Figure(_one_decimal(row["average"]), row["valued"])
        n += row["valued"]
        total += row["total"]
    figures[TOTAL] = Figure(_one_decimal(total / n) if n else None, n)
    return figures


def _one_decimal(value) -> Decimal:
    from decimal import ROUND_HALF_UP

    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


register(
    Indicator(
        code="wage_value_average",
        name=_("Average wage value of wage-cost subsidies"),
        definition=_(
            "Of the wage-cost subsidies that started in the period and have a wage value "
            "recorded: the average wage value (loonwaarde, a percentage of the statutory minimum "
            "wage)."
        ),
        unit=Unit.SHARE,
        population=_("Wage-cost subsidies with a wage value"),
        period=_("Start of the subsidy within the period"),
        query=wage_value_average,
        categories=lambda: dict(InstrumentKind.choices),
        category_name=_("Instrument"),
    )
)
