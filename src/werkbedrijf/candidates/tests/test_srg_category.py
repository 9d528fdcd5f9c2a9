"""Every instrument type carries an SRG category for the statistics delivery (docs/srg.md)."""

from werkbedrijf.candidates import policies
from werkbedrijf.candidates.models import InstrumentKind


def test_every_instrument_kind_carries_an_srg_category():
    assert set(policies.SRG_CATEGORY) == set(InstrumentKind.values)
    assert all(category.strip() for category in policies.SRG_CATEGORY.values())
