"""Employers and the sector groups (werksoorten) of the Dienstenboek.

An employer is an organisation, not a person; the name, phone and e-mail of its contact person are
that person's personal data (see selectors.log_employer_contacts). Sector groups are defined here
and used by the candidates app too (a trajectory's main route, a candidate's wishes).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SectorGroup(models.TextChoices):
    """The six werksoorten of the Dienstenboek."""

    GREY_GREEN = "grey_green", _("Grijs en Groen")
    BUSINESS_SERVICES = "business_services", _("Zakelijke dienstverlening")
    CLEANING = "cleaning", _("Schoonmaak")
    PRODUCTION_LOGISTICS = "production_logistics", _("Productie, Magazijn en Logistiek")
    HOSPITALITY_CARE_RETAIL = "hospitality_care_retail", _("Horeca, Zorg en Verkoop")
    CONSTRUCTION_ICT = "construction_ict", _("Bouw, ICT, Toezicht en Techniek")


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
        ]

    def __str__(self):
        return self.name
