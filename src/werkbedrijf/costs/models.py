"""Cost per kind of service (task-based financing, startnotitie thema 3): WerkBedrijf's tasks,
the hours staff spend on them, hourly cost rates per function and year, and direct costs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbedrijf.organisations.models import Organisation

MONEY = {"max_digits": 12, "decimal_places": 2}
MAX_HOURS_PER_WEEK = 60
MAX_TEAM_FTE = 500  # more than WerkBedrijf's whole staff: a typo, not a team
MAX_HOURS_PER_FTE = 2080  # 40 hours in each of 52 weeks


class TaskKind(models.TextChoices):
    REGIONAL = "regional", _("Regional service (art. 1-3)")
    CARD_ITEM = "card_item", _("Item of the keuzekaart")
    SUPPORT = "support", _("Management and support")


class CostTask(models.Model):
    """One of WerkBedrijf's tasks whose cost is counted: a regional service or a card item."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    # For a card item: the code of its service on the keuzekaart (the same in every version).
    service_code = models.SlugField(_("keuzekaart service"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "code")
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="card_item") | ~Q(service_code=""),
                name="cost_task_card_item_names_service",
            )
        ]

    def __str__(self) -> str:
        return self.name


class StaffFunction(models.Model):
    """A function at WerkBedrijf with its own hourly cost (consultant, jobcoach, team leader)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    def __str__(self) -> str:
        return self.name


class HourlyRate(models.Model):
    """The full cost of one hour of a function in a year (salary, overhead, accommodation)."""

    function = models.ForeignKey(StaffFunction, on_delete=models.PROTECT, related_name="rates")
    year = models.PositiveSmallIntegerField(_("year"))
    rate = models.DecimalField(_("hourly cost rate"), **MONEY)

    class Meta:
        ordering = ("function", "year")
        verbose_name = _("hourly cost rate")
        verbose_name_plural = _("hourly cost rates")
        constraints = [
            models.UniqueConstraint(fields=("function", "year"), name="one_rate_per_function_year"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="hourly_rate_positive"),
        ]


class TimeEntry(models.Model):
    """Hours one staff member spent on one task in one week (for one municipality's card item,
    or regional when no municipality is named)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="time_entries"
    )
    function = models.ForeignKey(StaffFunction, on_delete=models.PROTECT, related_name="+")
    week = models.DateField(_("week (Monday)"))
    task = models.ForeignKey(CostTask, on_delete=models.PROTECT, related_name="time_entries")
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-week", "person")
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        indexes = [models.Index(fields=("person", "week")), models.Index(fields=("week",))]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_HOURS_PER_WEEK),
                name="time_entry_hours_within_a_week",
            )
        ]


class DirectCost(models.Model):
    """Money spent on a task besides hours: instruments, purchased trajectories, locations."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(CostTask, on_delete=models.PROTECT, related_name="direct_costs")
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-year", "task")
        verbose_name = _("direct cost")
        verbose_name_plural = _("direct costs")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="direct_cost_positive")
        ]


class TeamAllocation(models.Model):
    """A WerkBedrijf team's time in a year, allocated in fte instead of registered per person:
    so many fte of a function, each worth so many productive hours, split over tasks in
    percentages (``TeamAllocationShare``). One allocation per team, function and year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="cost_allocations"
    )
    function = models.ForeignKey(StaffFunction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    fte = models.DecimalField(_("fte"), max_digits=6, decimal_places=2)
    hours_per_fte = models.DecimalField(
        _("productive hours per fte per year"), max_digits=6, decimal_places=1
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-year", "team", "function")
        verbose_name = _("team allocation")
        verbose_name_plural = _("team allocations")
        constraints = [
            models.UniqueConstraint(
                fields=("team", "function", "year"), name="one_allocation_per_team_function_year"
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0, fte__lte=MAX_TEAM_FTE), name="team_allocation_fte_range"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_fte__gt=0, hours_per_fte__lte=MAX_HOURS_PER_FTE),
                name="team_allocation_hours_per_fte_range",
            ),
        ]


class TeamAllocationShare(models.Model):
    """The share (in %) of an allocated team's time spent on one task, for one municipality's
    card item or regional."""

    allocation = models.ForeignKey(TeamAllocation, on_delete=models.CASCADE, related_name="shares")
    task = models.ForeignKey(CostTask, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ("allocation", "-percent")
        verbose_name = _("share of a team's time")
        verbose_name_plural = _("shares of a team's time")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gt=0, percent__lte=100), name="allocation_share_percent_range"
            )
        ]
