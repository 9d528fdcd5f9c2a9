"""The reference data reproduces the documents, and the budget check finds what they contain."""

from decimal import Decimal as D

import pytest

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import (
    AgreementVersion,
    Budget,
    CatalogueService,
    DeviationAcceptance,
    ExtraWork,
    LocalChoice,
    Opinion,
)
from werkbedrijf.agreements.policies import Kind
from werkbedrijf.organisations.models import Organisation
from werkbedrijf.reference_data.loader import load_reference_data

pytestmark = pytest.mark.django_db


def findings(agreement, kinds):
    found = set()
    for ma in agreement.municipal_agreements.select_related("municipality"):
        for year in agreement.years:
            for f in selectors.check_municipal_year(ma, year).check.findings:
                if f.kind in kinds:
                    found.add((ma.municipality.cbs_code, year, f.kind.value, f.difference))
    return found


def test_loading_twice_changes_nothing(reference_dvo):
    counts = [
        m.objects.count()
        for m in (
            Organisation,
            AgreementVersion,
            LocalChoice,
            Budget,
            CatalogueService,
            DeviationAcceptance,
            ExtraWork,
            Opinion,
        )
    ]
    load_reference_data()
    assert counts == [
        m.objects.count()
        for m in (
            Organisation,
            AgreementVersion,
            LocalChoice,
            Budget,
            CatalogueService,
            DeviationAcceptance,
            ExtraWork,
            Opinion,
        )
    ]


def test_seven_municipalities_with_cbs_codes(region):
    codes = set(Organisation.objects.filter(kind="municipality").values_list("cbs_code", flat=True))
    assert codes == {"GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0268", "GM0296"}


def test_budgets_and_legacy_obligations_as_written(reference_dvo):
    budget = {
        (b.municipal_agreement.municipality.cbs_code, b.year): b
        for b in Budget.objects.filter(municipal_agreement__agreement=reference_dvo).select_related(
            "municipal_agreement__municipality"
        )
    }
    assert budget["GM0268", 2024].amount == D(1500000)
    assert budget["GM0268", 2025].amount == D(1100000)
    assert budget["GM0268", 2025].legacy_obligations == D(1400000)
    assert budget["GM0944", 2024].amount == D(20000)
    assert budget["GM0296", 2024].legacy_obligations == D(21000)
    assert budget["GM0296", 2025].legacy_obligations == D(5000)
    assert budget["GM1945", 2024].legacy_obligations == D(5000)
    assert budget["GM1945", 2025].legacy_obligations is None  # the DVO does not say
    assert sum(b.amount for (_, year), b in budget.items() if year == 2025) == D(2040000)


def test_every_overrun_in_the_2024_2025_dvo_is_reported(reference_dvo):
    assert findings(reference_dvo, {Kind.OVERRUN}) == {
        ("GM1945", 2024, "overrun", D(2000)),
        ("GM0209", 2025, "overrun", D(1000)),
    }
    # Heumen's 5 zorgjongeren in 2024 have no amount; at card price they would overrun.
    assert findings(reference_dvo, {Kind.POSSIBLE_OVERRUN}) == {
        ("GM0252", 2024, "possible_overrun", D(15000))
    }


def test_every_price_deviation_in_the_2024_2025_dvo_is_reported(reference_dvo):
    assert findings(reference_dvo, {Kind.PRICE_DEVIATION}) == {
        ("GM1945", 2024, "price_deviation", D(500)),
        ("GM1945", 2025, "price_deviation", D(500)),
        ("GM0225", 2024, "price_deviation", D(1000)),
        ("GM0225", 2024, "price_deviation", D(-2000)),
        ("GM0225", 2025, "price_deviation", D(-5000)),
        ("GM0252", 2024, "price_deviation", D(-3000)),
        ("GM0252", 2025, "price_deviation", D(4500)),
        ("GM0944", 2024, "price_deviation", D(1500)),
        ("GM0944", 2025, "price_deviation", D(-500)),
        ("GM0296", 2024, "price_deviation", D(-1000)),
    }


def test_services_not_on_the_card_are_reported(reference_dvo):
    assert {(c, y) for c, y, _, _ in findings(reference_dvo, {Kind.NOT_ON_CARD})} == {
        ("GM0268", 2024),
        ("GM0268", 2025),
        ("GM0252", 2025),
    }


def test_adopted_dvo_has_every_deviation_accepted_with_its_source(reference_dvo):
    for ma in reference_dvo.municipal_agreements.all():
        for year in reference_dvo.years:
            report = selectors.check_municipal_year(ma, year)
            assert report.unaccepted == []
            assert report.check.errors == []
    assert all("20-06-2024" in a.reason for a in DeviationAcceptance.objects.all())


def test_nijmegen_meerwerk_and_extra_activity(reference_dvo):
    nijmegen = reference_dvo.municipal_agreements.get(municipality__cbs_code="GM0268")
    work = ExtraWork.objects.filter(municipal_agreement=nijmegen)
    assert work.count() == 2
    assert work.filter(fte=D("0.8")).exists()
    kwartiermaker = LocalChoice.objects.filter(
        municipal_agreement=nijmegen, custom_name="Kwartiermaker Economisch Collectief Nijmegen"
    )
    assert [c.agreed_amount for c in kwartiermaker] == [D(35000), D(35000)]


def test_2021_2022_card_is_priced_in_points(reference_dvo):
    old = AgreementVersion.objects.get(title="DVO 2021-2022")
    assert old.catalogue.price_unit == "points"
    assert old.catalogue.services.count() == 13
    assert old.catalogue.max_services == 15
    assert list(
        old.catalogue.reduced_minimum_municipalities.values_list("cbs_code", flat=True)
    ) == ["GM0944"]
    points = {
        b.municipal_agreement.municipality.cbs_code: b.points
        for b in Budget.objects.filter(municipal_agreement__agreement=old, year=2021)
    }
    assert points == {
        "GM1945": 21,
        "GM0209": 8,
        "GM0225": 7,
        "GM0252": 5,
        "GM0944": 2,
        "GM0268": 12,
        "GM0296": 13,
    }
    green = old.catalogue.point_classes.get(code="groen")
    assert green.euro_value == D(100000) and green.approximate
    # Pepper prices were images in the source: unknown, not invented.
    assert old.catalogue.services.exclude(number=1).filter(price__isnull=False).count() == 0


def test_2026_2027_draft_holds_only_what_the_letters_say(reference_dvo):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    assert draft.status == "opinions_requested"
    nijmegen = draft.municipal_agreements.get(municipality__cbs_code="GM0268")
    coaches = {
        c.year: c.quantity for c in nijmegen.choices.filter(custom_name="Participatiecoaches")
    }
    assert coaches == {2026: D(2), 2027: D(4)}
    assert not nijmegen.choices.filter(agreed_amount__isnull=False).exists()
    assert set(nijmegen.opinions.values_list("kind", flat=True)) == {
        "council_wishes",
        "client_council_advice",
        "college_opinion",
    }
    assert (
        Budget.objects.filter(municipal_agreement__agreement=draft, amount__isnull=False).count()
        == 0
    )
