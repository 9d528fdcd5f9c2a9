"""Norms of the indicators (art. 13) and the interim and annual reports (art. 14)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbedrijf.organisations.models import Organisation

from .policies import ReportKind


class IndicatorNorm(models.Model):
    """The norm of one indicator for one year, as the MGR budget of that year sets it; for the
    region (no municipality) or one municipality. A norm is never changed in place: a new row
    supersedes the previous one, so the rows are the history of changes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.CharField(_("indicator"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality (empty: the region)"),
    )
    value = models.DecimalField(_("norm"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("norm of an indicator")
        verbose_name_plural = _("norms of indicators")
        ordering = ["indicator", "year", "-set_at", "-id"]
        indexes = [models.Index(fields=["indicator", "year", "municipality"])]
        constraints = [
            models.CheckConstraint(name="norm_not_negative", condition=Q(value__gte=0)),
            models.CheckConstraint(name="norm_has_source", condition=~Q(source="")),
        ]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Report(models.Model):
    """One version of an interim or annual report, for one municipality or the region (no
    municipality). A published version is frozen: its figures, the definitions' version and the
    period are stored in it and never recomputed; a correction is a new version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality (empty: the region)"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    # Per section (an indicator's code): the manager's explanation.
    explanations = models.JSONField(_("explanations"), default=dict, blank=True)
    # Frozen at publication: the figures as computed then, and the definitions they follow.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    definitions_version = models.CharField(_("version of the definitions"), max_length=20)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    xlsx = models.BinaryField(_("XLSX"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year", "kind", "municipality__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "municipality", "version"],
                condition=Q(municipality__isnull=False),
                name="report_version_unique_municipality",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "version"],
                condition=Q(municipality__isnull=True),
                name="report_version_unique_region",
            ),
            models.CheckConstraint(
                name="report_period_ordered", condition=Q(period_end__gte=models.F("period_start"))
            ),
            models.CheckConstraint(
                name="published_report_complete",
                condition=Q(status="draft") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        scope = self.municipality.name if self.municipality_id else _("Region")
        return f"{self.get_kind_display()} {self.year} {scope} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class TrajectoryCounts(models.Model):
    """What ``TrajectoryDay`` and ``TrajectoryMonth`` count, per municipality, sector group and
    channel: how many trajectories were referred, and by how many the number in service changed."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    sector_group = models.CharField(max_length=30, blank=True)
    channel = models.CharField(max_length=10)
    referred = models.IntegerField(default=0)
    in_service_change = models.IntegerField(default=0)

    class Meta:
        abstract = True


class TrajectoryDay(TrajectoryCounts):
    """The trajectories of one municipality, sector group and channel on one day, summed: how many
    were referred that day, and by how many the number in service changed that day (+1 for each
    referred that day that is not closed the same day, -1 for each closed that day after the day
    it was referred). The number in service on a day is the sum of the changes up to that day.
    Kept exact by database triggers on every insert, delete and change of a trajectory's
    municipality, sector group, channel, referral or closing date (PostgreSQL; migration 0003,
    statement-level since 0009), so that the indicators inflow and in service read a few thousand
    rows instead of every trajectory. Never written by the application."""

    day = models.DateField()

    class Meta:
        verbose_name = _("trajectories per day")
        verbose_name_plural = _("trajectories per day")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "day", "sector_group", "channel"],
                name="trajectory_day_one_row",
            )
        ]


class TrajectoryMonth(TrajectoryCounts):
    """``TrajectoryDay`` summed per month (``month`` is its first day), kept by the same triggers:
    a figure over whole months, and the number in service up to the month of a day, read a few
    hundred rows whatever the number of trajectories."""

    month = models.DateField()

    class Meta:
        verbose_name = _("trajectories per month")
        verbose_name_plural = _("trajectories per month")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month", "sector_group", "channel"],
                name="trajectory_month_one_row",
            )
        ]


class WorkStep(models.Model):
    """Every step of a trajectory into the phase At work, with its trajectory's municipality and
    sector group, the days since the trajectory's referral and the employment form of its placement:
    kept exact by database triggers on every change of a journey step, of a trajectory's
    municipality, sector group or referral date, or of a placement (PostgreSQL; migrations 0008,
    0009, 0011), so that the days from referral to work read one index
    instead of joining every trajectory. Never written by the application."""

    step = models.OneToOneField(
        "candidates.JourneyStep",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    trajectory = models.ForeignKey(
        "candidates.Trajectory", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    sector_group = models.CharField(max_length=30, blank=True)
    occurred_on = models.DateField()
    days = models.IntegerField()
    # The employment form of the trajectory's latest placement started on or before the step
    # (by start, then id), "" without one: kept by the triggers on placements as well (0011).
    form = models.CharField(max_length=30, blank=True, db_default="")

    class Meta:
        verbose_name = _("step to work")
        verbose_name_plural = _("steps to work")


class LadderRecording(models.Model):
    """Every recording of a step on the participatieladder with what the indicators "rose at least
    one step" and "steps reached" need of its trajectory's other recordings, in their order (by
    date, then id): the step recorded first, whether this is that first one, and the date of the
    next one (none for the latest). The latest recording on or before a day is then the one
    recorded by that day whose next one is later or absent, so a period's figures are one
    index range of its recordings, for any period. Kept exact by database triggers on every
    change of a recording and of a trajectory's municipality (PostgreSQL; migration 0012).
    Never written by the application."""

    recording = models.OneToOneField(
        "candidates.LadderStep",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    trajectory = models.ForeignKey(
        "candidates.Trajectory", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the covering indexes of 0012 lead with it
        related_name="+",
    )
    recorded_on = models.DateField()
    step = models.PositiveSmallIntegerField()
    first_step = models.PositiveSmallIntegerField()
    is_first = models.BooleanField()
    next_recorded_on = models.DateField(null=True)

    class Meta:
        verbose_name = _("recording on the participatieladder")
        verbose_name_plural = _("recordings on the participatieladder")
