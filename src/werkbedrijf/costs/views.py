"""The cost screens: cost per task and per municipality for a year (with exports), registering
hours, keeping rates and direct costs, and pricing a scenario for a future year."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form
from werkbedrijf.utils import exports as tables

from . import policies, selectors, services
from .forms import (
    DirectCostForm,
    HoursForm,
    RateForm,
    ScenarioForm,
    TeamAllocationForm,
    YearForm,
)
from .models import DirectCost, HourlyRate

SHEETS = ("taken", "gemeenten")


def _sheets(overview) -> list[tables.Sheet]:
    task_rows = [
        [name, cost.hours, cost.labour, cost.direct, cost.total]
        for name, cost in overview.task_rows()
    ]
    municipal_rows = [
        [
            row.municipality.name,
            row.cost.in_service,
            row.cost.own,
            row.cost.regional_share,
            row.cost.total,
            row.cost.per_candidate,
            row.choices_total,
            row.budget,
        ]
        for row in overview.municipalities
    ]
    return [
        tables.Sheet(
            _("Cost per task"),
            [_("Task"), _("Hours"), _("Labour cost"), _("Direct cost"), _("Total")],
            task_rows,
            money_columns={2, 3, 4},
            quantity_columns={1},
        ),
        tables.Sheet(
            _("Cost per municipality"),
            [
                _("Municipality"),
                _("Candidates in service"),
                _("Own local choices"),
                _("Share of regional tasks"),
                _("Total"),
                _("Per candidate in service"),
                _("Local choices at card price"),
                _("Budget"),
            ],
            municipal_rows,
            money_columns={2, 3, 4, 5, 6, 7},
        ),
    ]


@staff_view(allowed=policy.can_view_costs)
def overview(request):
    year = YearForm(request.GET).year()
    data = selectors.cost_overview(request.user, year)
    fmt = request.GET.get("formaat")
    if fmt:
        sheet = request.GET.get("blad", SHEETS[0])
        index = SHEETS.index(sheet) if sheet in SHEETS else 0
        return tables.download(_sheets(data), fmt, [_("costs"), str(year)], index)
    return render(
        request,
        "costs/overview.html",
        {
            "year": year,
            "overview": data,
            "years": range(year - 3, year + 2),
            "may_manage": policy.can_manage_costs(request.user),
            "may_register": policy.can_use_hours_screen(request.user),
        },
    )


@staff_view(allowed=policy.can_use_hours_screen, cache=False)
@require_http_methods(["GET", "POST"])
def hours(request):
    user = request.user
    people = selectors.people_for_hours(user)
    initial = {"person": user.pk if people.filter(pk=user.pk).exists() else None}
    form = HoursForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST":

        def save(data):
            return services.register_hours(actor=user, **data)

        if save_form(form, save):
            messages.success(request, _("The hours are registered."))
            return redirect("costs:hours")
    person = user
    if form.is_bound and form.is_valid():
        person = form.cleaned_data["person"]
    entries = selectors.recent_entries(user, person) if people.filter(pk=person.pk).exists() else []
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "costs/hours.html",
        {"form": form, "entries": entries, "person": person},
        status=status,
    )


@staff_view(allowed=policy.can_manage_costs)
@require_http_methods(["GET", "POST"])
def manage(request):
    user = request.user
    rate_form = RateForm(request.POST if "rate" in request.POST else None, prefix="rate")
    cost_form = DirectCostForm(request.POST if "direct" in request.POST else None, prefix="direct")
    if request.method == "POST":
        if "rate" in request.POST and save_form(
            rate_form, lambda data: services.set_hourly_rate(actor=user, **data)
        ):
            messages.success(request, _("The hourly cost rate is saved."))
            return redirect("costs:manage")
        if "direct" in request.POST and save_form(
            cost_form, lambda data: services.record_direct_cost(actor=user, **data)
        ):
            messages.success(request, _("The direct cost is recorded."))
            return redirect("costs:manage")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "costs/manage.html",
        {
            "rate_form": rate_form,
            "cost_form": cost_form,
            "forms_with_errors": [f for f in (rate_form, cost_form) if f.is_bound and f.errors],
            "rates": HourlyRate.objects.select_related("function").order_by("-year", "function"),
            "direct_costs": DirectCost.objects.select_related("task", "municipality")[:50],
        },
        status=status,
    )


@staff_view(allowed=policy.can_view_costs)
@require_http_methods(["GET", "POST"])
def scenario(request):
    from django.utils import timezone

    tasks = selectors.tasks()
    today = timezone.localdate()
    initial = {
        "base_year": today.year,
        "index_percent": Decimal("3.0"),
        "margin": Decimal("5"),
    }
    form = ScenarioForm(request.POST or None, tasks=tasks, initial=initial)
    price = None
    lines = []
    if request.method == "POST" and form.is_valid():
        rates = selectors.average_rates(form.cleaned_data["base_year"])
        for code, hours in form.hours().items():
            if code not in rates:
                form.add_error(
                    f"hours_{code}",
                    _("No hours were registered on this task in %(year)s, so it has no rate.")
                    % {"year": form.cleaned_data["base_year"]},
                )
                continue
            lines.append(policies.ScenarioLine(code, hours, rates[code]))
        if not form.errors:
            price = policies.price_scenario(
                lines,
                index_percent=form.cleaned_data["index_percent"],
                reference=form.cleaned_data["reference"],
                margin=form.cleaned_data["margin"],
            )
            if message := policies.scenario_error(price):
                form.add_error(None, message)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "costs/scenario.html",
        {"form": form, "price": price, "next_year": today.year + 1},
        status=status,
    )


def _allocation_sheet(year: int, allocations) -> tables.Sheet:
    rows = [
        [
            allocation.team.name,
            allocation.function.name,
            allocation.fte,
            allocation.hours_per_fte,
            share.task.name,
            share.municipality.name if share.municipality else _("Regional"),
            share.percent,
            allocation.fte * allocation.hours_per_fte * share.percent / 100,
        ]
        for allocation in allocations
        for share in allocation.shares.all()
    ]
    return tables.Sheet(
        _("Team allocations %(year)s") % {"year": year},
        [
            _("Team"),
            _("Function"),
            _("Fte"),
            _("Productive hours per fte"),
            _("Task"),
            _("Municipality"),
            _("Share (%)"),
            _("Hours"),
        ],
        rows,
        quantity_columns={2, 3, 6, 7},
    )


@staff_view(allowed=policy.can_manage_costs)
@require_http_methods(["GET", "POST"])
def teams(request):
    """Teams whose time is allocated in fte with a split over tasks, instead of per person."""
    year = YearForm(request.GET).year()
    initial = {"year": year, "hours_per_fte": policies.DEFAULT_HOURS_PER_FTE}
    form = TeamAllocationForm(request.POST or None, initial=initial)
    if request.method == "POST" and save_form(
        form,
        lambda _data: services.allocate_team(actor=request.user, **form.service_arguments()),
    ):
        messages.success(request, _("The team's allocation is saved."))
        return redirect(f"{reverse('costs:teams')}?jaar={form.cleaned_data['year']}")
    allocations = selectors.allocations(year)
    if fmt := request.GET.get("formaat"):
        sheet = _allocation_sheet(year, allocations)
        return tables.download([sheet], fmt, [_("team allocations"), str(year)], 0)
    return render(
        request,
        "costs/teams.html",
        {
            "form": form,
            "year": year,
            "years": range(year - 3, year + 2),
            "allocations": allocations,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
