"""The wage value (loonwaarde) of a wage-cost subsidy: only on a wage subsidy, more than 0 and at
most 100 %, in the rule and in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from werkbedrijf.candidates import policies
from werkbedrijf.candidates.models import Candidate, Instrument, Phase, Trajectory


def facts(kind="wage_subsidy", wage_value=Decimal(60)):
    return policies.InstrumentFacts(
        kind=kind,
        start=date(2025, 3, 1),
        end=None,
        wage_value=wage_value,
        job_agreement_indication=True,
        amount=Decimal(100),
    )


def test_a_wage_subsidy_takes_a_wage_value_up_to_100():
    assert "wage_value" not in policies.instrument_errors(facts())
    assert "wage_value" not in policies.instrument_errors(facts(wage_value=Decimal(100)))
    for wrong in (Decimal(0), Decimal("100.1"), Decimal(-5)):
        assert "wage_value" in policies.instrument_errors(facts(wage_value=wrong))


def test_only_a_wage_subsidy_has_a_wage_value():
    assert "wage_value" in policies.instrument_errors(facts(kind="job_coaching"))
    assert "wage_value" not in policies.instrument_errors(
        facts(kind="job_coaching", wage_value=None)
    )


@pytest.mark.django_db
def test_the_database_refuses_a_wage_value_on_another_instrument(nijmegen):
    candidate = Candidate.objects.create(
        bsn="999990019",
        first_name="A",
        last_name="B",
        date_of_birth=date(1990, 1, 1),
        municipality=nijmegen,
    )
    trajectory = Trajectory.objects.create(
        candidate=candidate,
        municipality=nijmegen,
        referred_on=date(2025, 1, 1),
        channel="screen",
        phase=Phase.MAIN_ROUTE,
        phase_since=date(2025, 1, 1),
    )
    Instrument.objects.create(
        trajectory=trajectory, kind="wage_subsidy", start=date(2025, 3, 1), wage_value=Decimal(55)
    )
    for kind, value in (("job_coaching", Decimal(50)), ("wage_subsidy", Decimal(0))):
        with pytest.raises(IntegrityError), transaction.atomic():
            Instrument.objects.create(
                trajectory=trajectory, kind=kind, start=date(2025, 3, 1), wage_value=value
            )
