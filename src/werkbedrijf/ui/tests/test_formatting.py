from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from werkbedrijf.ui import formatting


def render(source, **context):
    return Template("{% load werkbedrijf_ui %}" + source).render(Context(context))


def test_euro_groups_thousands_with_dots_and_drops_zero_cents():
    assert formatting.euro(1500000) == "€ 1.500.000"
    assert formatting.euro(Decimal("1500000.00")) == "€ 1.500.000"


def test_euro_shows_cents_with_a_comma():
    assert formatting.euro(Decimal("127500.50")) == "€ 127.500,50"
    assert formatting.euro(Decimal("0.05")) == "€ 0,05"


def test_euro_of_a_negative_difference_keeps_its_sign():
    assert formatting.euro(Decimal("-25000")) == "€ -25.000"


def test_euro_is_dutch_also_in_the_english_interface():
    with translation.override("en"):
        assert render("{{ v|euro }}", v=Decimal("127500.50")) == "€ 127.500,50"


def test_unknown_amount_says_so():
    with translation.override("nl"):
        assert formatting.euro(None) == translation.gettext("unknown")


def test_amount_in_points_for_a_card_priced_in_pepers():
    with translation.override("en"):
        assert render("{{ v|amount:'points' }}", v=Decimal("7.50")) == "7,5 points"


def test_quantity_drops_trailing_zeros():
    assert formatting.quantity(Decimal("0.80")) == "0,8"
    assert formatting.quantity(Decimal("18.00")) == "18"


def test_dates_are_shown_day_month_year():
    from datetime import date

    with translation.override("nl"):
        assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=date(2025, 12, 31)) == "31-12-2025"
