"""Retention under the Archiefwet: legal holds that stop destruction, and the destruction reports
that are kept afterwards (they name records by internal id only, never by personal data)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalHold(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    placed_on = models.DateField(_("placed on"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [models.CheckConstraint(name="hold_has_reason", condition=~Q(reason=""))]


class DestructionReport(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run_at = models.DateTimeField(_("run at"), auto_now_add=True)
    run_by = models.CharField(_("run by"), max_length=150)
    dry_run = models.BooleanField(_("dry run"))
    reference_date = models.DateField(_("reference date"))
    terms = models.JSONField(_("retention terms applied"))
    counts = models.JSONField(_("counts per kind of record"))
    items = models.JSONField(_("records (internal ids only)"))

    class Meta:
        verbose_name = _("destruction report")
        verbose_name_plural = _("destruction reports")
        ordering = ["-run_at"]
