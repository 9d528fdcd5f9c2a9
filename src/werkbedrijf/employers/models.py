"""Employers and the sector groups (werksoorten) of the Dienstenboek.

An employer is an organisation, not a person; the name, phone and e-mail of its contact person are
that person's personal data (see selectors.log_employer_contacts). Sector groups are defined here
and used by the candidates app too (a trajectory's main route, a candidate's wishes).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SectorGroup(models.TextChoices):
    """The six werksoorten of the Dienstenboek."""

    GREY_GREEN = "grey_green", _("Grijs en Groen")
    BUSINESS_SERVICES = "business_services", _("Zakelijke dienstverlening")
    CLEANING = "cleaning", _("Schoonmaak")
    PRODUCTION_LOGISTICS = "production_logistics", _("Productie, Magazijn en Logistiek")
    HOSPITALITY_CARE_RETAIL = "hospitality_care_retail", _("Horeca, Zorg en Verkoop")
    CONSTRUCTION_ICT = "construction_ict", _("Bouw, ICT, Toezicht en Techniek")


class SizeClass(models.TextChoices):
    """Size by number of employees, as the KvK and CBS count them."""

    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10 to 49 employees)")
    MEDIUM = "medium", _("Medium (50 to 249 employees)")
    LARGE = "large", _("Large (250 employees or more)")


class Employer(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True)
    sector_group = models.CharField(_("sector group"), max_length=30, choices=SectorGroup.choices)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    # The consultant bedrijfsdienstverlening who is the employer's first point of contact.
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_employers",
        verbose_name=_("account manager"),
    )

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        # The employers list and the placement form's picker read by (name, id) with a LIMIT;
        # the trigram index for a part of the name is PostgreSQL-only (candidates migration
        # 0003). The indexes keep the names they got in the candidates app: renaming the table
        # (migration 0001) keeps them, and the names are all that differs.
        indexes = [models.Index(fields=["name", "id"], name="cand_employer_name_id")]
        constraints = [
            models.CheckConstraint(
                name="kvk_eight_digits", condition=Q(kvk_number__regex=r"^[0-9]{8}$")
            ),
            models.CheckConstraint(
                name="employer_size_class_known",
                condition=Q(size_class="") | Q(size_class__in=SizeClass.values),
            ),
        ]

    def __str__(self):
        return self.name


POSTCODE_PATTERN = r"^[1-9][0-9]{3}[A-Z]{2}$"


class EmployerLocation(models.Model):
    """A place where the employer has work: its address and the municipality it lies in (which
    decides where a contact there counts, item 6 of the keuzekaart)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name of the location"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200)
    house_number = models.CharField(_("house number"), max_length=10)
    postcode = models.CharField(_("postcode"), max_length=6)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="employer_locations",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("employer location")
        verbose_name_plural = _("employer locations")
        ordering = ["employer", "city", "street", "id"]
        constraints = [
            models.CheckConstraint(
                name="location_postcode_format", condition=Q(postcode__regex=POSTCODE_PATTERN)
            ),
            models.CheckConstraint(name="location_has_street", condition=~Q(street="")),
        ]

    def __str__(self):
        return f"{self.street} {self.house_number}, {self.city}"


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Company visit")
    CALL = "call", _("Phone call")
    MEETING = "meeting", _("Meeting")


class ContactMoment(models.Model):
    """A contact of a consultant with an employer. The name of the person spoken to is that
    person's personal data (logged when shown, like the employer's contact person)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    location = models.ForeignKey(
        EmployerLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("location"),
    )
    kind = models.CharField(_("kind of contact"), max_length=10, choices=ContactKind.choices)
    contact_on = models.DateField(_("date"))
    contact_person = models.CharField(_("with whom"), max_length=200, blank=True)
    subject = models.TextField(_("about what"))
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        verbose_name=_("consultant"),
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        verbose_name=_("municipality"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-contact_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "contact_on"], name="emp_contact_muni_date"),
            models.Index(fields=["contact_on", "employer"], name="emp_contact_date_employer"),
        ]
        constraints = [
            models.CheckConstraint(
                name="contact_kind_known", condition=Q(kind__in=ContactKind.values)
            ),
            models.CheckConstraint(name="contact_has_subject", condition=~Q(subject="")),
            models.CheckConstraint(
                name="contact_follow_up_after_contact",
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("contact_on")),
            ),
        ]


class EventKind(models.TextChoices):
    JOB_MARKET = "job_market", _("Job market")
    COMPANY_VISIT = "company_visit", _("Company visit with candidates")
    SPEED_DATE = "speed_date", _("Speed dates")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class EmployerEvent(models.Model):
    """An event aimed at the demand side of the labour market (art. 6 of bijlage 2: "een lokale
    vacaturemarkt of ander event"), with the employers and candidates taking part."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="employer_events",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organised by"),
    )
    employers = models.ManyToManyField(
        Employer, related_name="events", blank=True, verbose_name=_("employers taking part")
    )
    candidates = models.ManyToManyField(
        "candidates.Candidate",
        related_name="employer_events",
        blank=True,
        verbose_name=_("candidates taking part"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "held_on"], name="emp_event_muni_date"),
        ]
        constraints = [
            models.CheckConstraint(name="event_kind_known", condition=Q(kind__in=EventKind.values)),
            models.CheckConstraint(
                name="event_status_known", condition=Q(status__in=EventStatus.values)
            ),
            models.CheckConstraint(name="event_has_title", condition=~Q(title="")),
            models.CheckConstraint(name="event_has_place", condition=~Q(place="")),
        ]

    def __str__(self):
        return self.title


class WishKind(models.TextChoices):
    """What an employer offers that creates "werkbaar werk" for candidates."""

    JOB_CARVING = "job_carving", _("Job carving")
    TRIAL_PLACE = "trial_place", _("Trial places")
    LEARNING_PLACE = "learning_place", _("Learning places")


class WishStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REALISED = "realised", _("Realised")
    DROPPED = "dropped", _("Dropped")


class EmployerWish(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="wishes")
    kind = models.CharField(_("kind"), max_length=20, choices=WishKind.choices)
    description = models.TextField(_("description"))
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    status = models.CharField(
        _("status"), max_length=15, choices=WishStatus.choices, default=WishStatus.OPEN
    )
    recorded_on = models.DateField(_("recorded on"))
    status_changed_on = models.DateField(_("status since"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_wishes",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("employer wish")
        verbose_name_plural = _("employer wishes")
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(name="wish_kind_known", condition=Q(kind__in=WishKind.values)),
            models.CheckConstraint(
                name="wish_status_known", condition=Q(status__in=WishStatus.values)
            ),
            models.CheckConstraint(name="wish_places_positive", condition=Q(places__gte=1)),
            models.CheckConstraint(name="wish_has_description", condition=~Q(description="")),
            models.CheckConstraint(
                name="wish_status_after_recorded",
                condition=Q(status_changed_on__gte=F("recorded_on")),
            ),
        ]
