"""What WerkBedrijf delivered of a local choice: half-days on location, presence at a Buurtteam,
participatiecoaching in fte, and delivery notes for choices off the card and for meerwerk.

Services bought per candidate are delivered by activities (candidates app) and events and local
market work by contacts with employers (employers app); these records cover every other kind."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .policies import DeliveryKind

# What delivers each kind of local choice, as a user reads it.
KIND_LABELS = {
    DeliveryKind.HALF_DAYS: _("half-days on location"),
    DeliveryKind.TEAM_PRESENCE: _("presence at a team"),
    DeliveryKind.COACHING: _("participatiecoaching in fte"),
    DeliveryKind.ACTIVITIES: _("activities charged to the choice"),
    DeliveryKind.MARKET: _("contacts with employers and events"),
    DeliveryKind.NOTES: _("delivery notes"),
}


class HalfDayStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class HalfDaySession(models.Model):
    """One half-day (dagdeel) of extra job mediation on location (keuzekaart item 1)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    choice = models.ForeignKey(
        "agreements.LocalChoice", on_delete=models.PROTECT, related_name="half_days"
    )
    location = models.CharField(_("location"), max_length=200)
    date = models.DateField(_("date"))
    part_of_day = models.CharField(_("part of the day"), max_length=10, choices=PartOfDay.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=HalfDayStatus.choices, default=HalfDayStatus.SCHEDULED
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("half-day on location")
        verbose_name_plural = _("half-days on location")
        ordering = ["date", "part_of_day", "location", "id"]
        indexes = [models.Index(fields=["choice", "date"])]
        constraints = [
            models.CheckConstraint(name="half_day_has_location", condition=~Q(location="")),
            models.CheckConstraint(
                name="half_day_status_known",
                condition=Q(status__in=[s.value for s in HalfDayStatus]),
            ),
            models.CheckConstraint(
                name="half_day_part_known",
                condition=Q(part_of_day__in=[p.value for p in PartOfDay]),
            ),
            models.UniqueConstraint(
                fields=["choice", "location", "date", "part_of_day"], name="one_half_day_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.location} {self.date:%d-%m-%Y}"


class TeamPresence(models.Model):
    """A WerkBedrijf worker present at a Buurtteam (or another team) at one location for a
    period (keuzekaart item 2, intensieve aansluiting buurtteams). Open-ended while it lasts."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    choice = models.ForeignKey(
        "agreements.LocalChoice", on_delete=models.PROTECT, related_name="team_presences"
    )
    location = models.CharField(_("team and location"), max_length=200)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("worker"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("presence at a team")
        verbose_name_plural = _("presence at teams")
        ordering = ["location", "start", "id"]
        indexes = [models.Index(fields=["choice", "start"])]
        constraints = [
            models.CheckConstraint(name="presence_has_location", condition=~Q(location="")),
            models.CheckConstraint(
                name="presence_period_ordered",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
            ),
            models.UniqueConstraint(
                fields=["choice", "location", "worker", "start"], name="one_presence_per_start"
            ),
        ]

    def __str__(self):
        return self.location


class CoachingAssignment(models.Model):
    """A participatiecoach working a share of an fte for a choice of participatiecoaching
    (keuzekaart item 7, or a choice off the card counted in fte) from a date, until a date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    choice = models.ForeignKey(
        "agreements.LocalChoice", on_delete=models.PROTECT, related_name="coaching"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("participatiecoach"),
    )
    fte = models.DecimalField(_("fte"), max_digits=4, decimal_places=2)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participatiecoaching in fte")
        verbose_name_plural = _("participatiecoaching in fte")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["choice", "start"])]
        constraints = [
            models.CheckConstraint(
                name="coaching_fte_in_range", condition=Q(fte__gt=0) & Q(fte__lte=1)
            ),
            models.CheckConstraint(
                name="coaching_period_ordered",
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
            ),
            models.UniqueConstraint(
                fields=["choice", "coach", "start"], name="one_coaching_per_start"
            ),
        ]

    def __str__(self):
        return f"{self.fte} fte"


class NoteStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DELIVERED = "delivered", _("Delivered")


class NoteKind(models.TextChoices):
    MILESTONE = "milestone", _("Milestone")
    PERIODIC = "periodic", _("Periodic delivery note")


class DeliveryNote(models.Model):
    """A milestone reached or a periodic account of what was done, for a local choice off the
    card (Nijmegen's kwartiermaker) or for meerwerk (extra work from the municipality's own
    funds); a planned milestone has the date it is expected on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    choice = models.ForeignKey(
        "agreements.LocalChoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivery_notes",
    )
    extra_work = models.ForeignKey(
        "agreements.ExtraWork",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delivery_notes",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoteKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=NoteStatus.choices, default=NoteStatus.DELIVERED
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what was delivered"))
    quantity = models.DecimalField(
        _("quantity delivered"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery note")
        verbose_name_plural = _("delivery notes")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["choice", "date"]), models.Index(fields=["extra_work"])]
        constraints = [
            models.CheckConstraint(
                name="note_for_choice_or_extra_work",
                condition=(Q(choice__isnull=False) & Q(extra_work__isnull=True))
                | (Q(choice__isnull=True) & Q(extra_work__isnull=False)),
            ),
            models.CheckConstraint(name="note_has_text", condition=~Q(text="")),
            models.CheckConstraint(
                name="note_kind_known", condition=Q(kind__in=[k.value for k in NoteKind])
            ),
            models.CheckConstraint(
                name="note_status_known", condition=Q(status__in=[s.value for s in NoteStatus])
            ),
            models.CheckConstraint(
                name="note_quantity_positive",
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
            ),
        ]

    def __str__(self):
        return self.text[:60]
