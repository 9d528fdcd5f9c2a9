"""Builders for the start page tests: candidates in a given state, written directly (the services
that check dates are tested elsewhere; here the state itself is what matters)."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta
from itertools import count

import pytest
from django.utils import timezone

from werkbedrijf.candidates.models import Candidate, ContactAssignment, Phase, Trajectory
from werkbedrijf.utils.bsn import nth_test_bsn


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_trajectory(nijmegen, today):
    """make_trajectory(contact=..., phase=..., referred_days_ago=..., born=..., **fields)."""
    numbers = count(100)

    def make(
        *,
        contact=None,
        municipality=None,
        phase=Phase.MAIN_ROUTE,
        referred_days_ago=60,
        born=date(1980, 1, 1),
        last_name=None,
        handed_over_by=None,
        contact_since=None,
        **fields,
    ) -> Trajectory:
        n = next(numbers)
        candidate = Candidate.objects.create(
            bsn=nth_test_bsn(n),
            first_name="Kandidaat",
            last_name=last_name or f"Achternaam{n}",
            date_of_birth=born,
            municipality=municipality or nijmegen,
            **{k: fields.pop(k) for k in ("refugee", "single_parent_child_under_5") if k in fields},
        )
        referred_on = today - timedelta(days=referred_days_ago)
        closed = phase in (Phase.OUTFLOW, Phase.RETURNED)
        trajectory = Trajectory.objects.create(
            candidate=candidate,
            municipality=municipality or nijmegen,
            referred_on=referred_on,
            channel="screen",
            phase=phase,
            phase_since=fields.pop("phase_since", referred_on),
            closed_on=fields.pop("closed_on", today if closed else None),
            **fields,
        )
        if contact is not None:
            ContactAssignment.objects.create(
                candidate=candidate,
                contact=contact,
                since=aware(contact_since or referred_on),
                recorded_by=handed_over_by or contact,
            )
        return trajectory

    return make


def attr_values(page: str, attribute: str) -> dict[str, tuple[str, str]]:
    """{attribute value: (href, text)} of every link carrying ``attribute``."""
    found = {}
    pattern = rf'<a [^>]*href="([^"]*)"[^>]*{attribute}="([^"]*)"[^>]*>([^<]*)</a>'
    for href, value, text in re.findall(pattern, page):
        found[value] = (html.unescape(href), text.strip())
    return found


def count_in(text: str) -> int:
    """The number at the end of a link's text ("Intake not yet held: 3" or "3")."""
    return int(text.rsplit(" ", 1)[-1].rsplit(":", 1)[-1])


def rows(page: str, marker: str) -> int:
    return len(re.findall(marker, page))
