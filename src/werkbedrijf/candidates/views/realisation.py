"""The realisation of local choices: bought, delivered and forecast units per service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.agreements.selectors import years_with_choices
from werkbedrijf.organisations.models import Organisation
from werkbedrijf.ui.decorators import staff_view

from .. import selectors
from ..forms import RealisationForm
from .common import all_municipalities, render_section


@staff_view
@require_GET
def realisation(request):
    """Per municipality and year: for each bought service the units bought (prorated for 2024),
    delivered, in progress, and a forecast for the year at the current pace. The years run up to the
    present one; a year after the last adopted DVO shows its last year's choices, marked as
    carried over (art. 16.1)."""
    user = request.user
    visible = [m.pk for m in all_municipalities() if policy.can_view_realisation(user, m)]
    policy.require(bool(visible))
    municipalities = all_municipalities().filter(pk__in=visible)
    today = timezone.localdate()
    years = years_with_choices(user, today)
    own = policy.municipality_of(user)
    municipality = own if own is not None and own.pk in visible else municipalities.first()
    wanted = request.GET.get("municipality")
    if wanted:
        try:
            municipality = all_municipalities().get(uuid=wanted)
        except (Organisation.DoesNotExist, ValidationError, ValueError) as exc:
            raise Http404 from exc
    year = today.year if today.year in years else (years[-1] if years else today.year)
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError as exc:
            raise Http404 from exc
    rows = selectors.realisation(user, municipality, year, today)  # 404 outside the user's view
    form = RealisationForm(
        initial={"municipality": municipality.uuid, "year": year},
        municipalities=municipalities,
        years=years or [year],
    )
    context = {
        "form": form,
        "municipality": municipality,
        "year": year,
        "rows": rows,
        "prorated": any(row.bought != (row.choice.quantity or 0) for row in rows),
        "carried_over_from": rows[0].carried_over_from if rows else None,
        "has_market_work": any(row.market is not None for row in rows),
        "today": today,
    }
    return render_section(request, "candidates/realisation.html", context)
