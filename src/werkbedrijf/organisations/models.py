"""The MGR region, its member municipalities, WerkBedrijf, and teams within an organisation."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    MGR = "mgr", _("MGR (public body)")
    WERKBEDRIJF = "werkbedrijf", _("WerkBedrijf")
    MUNICIPALITY = "municipality", _("Municipality")


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Municipality code of Statistics Netherlands, e.g. GM0268."),
    )
    # Single sign-on is configured per organisation and off unless set here.
    oidc_enabled = models.BooleanField(_("single sign-on (OIDC) enabled"), default=False)
    oidc_issuer = models.URLField(_("OIDC issuer"), blank=True)
    oidc_client_id = models.CharField(_("OIDC client id"), max_length=200, blank=True)
    oidc_email_domain = models.CharField(
        _("e-mail domain for single sign-on"),
        max_length=200,
        blank=True,
        help_text=_("Staff whose e-mail address ends in this domain log in through the provider."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="municipality_has_cbs_code",
                condition=~Q(kind="municipality") | Q(cbs_code__regex=r"^GM[0-9]{4}$"),
            ),
            models.CheckConstraint(
                name="only_municipality_has_cbs_code",
                condition=Q(kind="municipality") | Q(cbs_code__isnull=True),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY

    @property
    def is_werkbedrijf(self) -> bool:
        return self.kind == OrganisationKind.WERKBEDRIJF


class TeamKind(models.TextChoices):
    INCOME = "income", _("Inkomen")
    NEIGHBOURHOOD = "neighbourhood", _("Buurtteam")
    CARE = "care", _("Zorg")
    LEARNING_RIGHTS = "learning_rights", _("Leerrecht")
    WERKBEDRIJF = "werkbedrijf", _("WerkBedrijf team")
    OTHER = "other", _("Other")


class Team(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    name = models.CharField(_("name"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
