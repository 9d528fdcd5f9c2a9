"""The demo delivers some of every kind of local choice in force in the current year."""

from datetime import date

import pytest
from django.utils import timezone

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.delivery import selectors
from werkbedrijf.demo.delivery import deliver_current_year
from werkbedrijf.demo.dvo import fill_current_year
from werkbedrijf.organisations.models import Organisation, OrganisationKind


# Today, and December days of this year: half-days are planned four weeks ahead, and from
# 8 December on that reached a day of next year, where the choice does not hold.
@pytest.mark.parametrize("month_day", [None, (12, 8), (12, 31)])
def test_every_kind_in_force_gets_some_delivery_and_twice_is_once(
    make_user, werkbedrijf_org, reference_dvo, month_day
):
    today = timezone.localdate()
    if month_day is not None:
        today = date(today.year, *month_day)
    fill_current_year(today)
    admin = make_user(Role.DVO_ADMIN, werkbedrijf_org, username="dvobeheer.werkbedrijf")
    for name in ("consulent", "teamleider", "beheer", "privacy"):
        make_user(Role.CONSULTANT, werkbedrijf_org, username=f"{name}.werkbedrijf")
    assert deliver_current_year(admin, today) > 0
    kinds = set()
    for municipality in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY):
        realisation = selectors.quarterly_realisation(admin, municipality, today.year, today)
        for row in realisation.rows:
            if row.kind in ("activities", "market"):
                continue  # delivered by candidates' activities and employer contacts
            kinds.add(row.kind)
            assert row.forecast > 0, (municipality.name, row.label)
    assert {"half_days", "team_presence", "coaching"} <= kinds
    assert deliver_current_year(admin, today) == 0  # a second run adds nothing
