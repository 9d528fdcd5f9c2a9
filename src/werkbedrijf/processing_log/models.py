"""The processing log (Logboek Dataverwerkingen): who processed which personal data, why, and when."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")


class AppendOnlyError(Exception):
    pass


class ProcessingLogEntry(models.Model):
    """One processing of personal data. Append-only: the application never changes or deletes one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    trace_id = models.CharField(_("trace id"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_username = models.CharField(_("who"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_uuid = models.UUIDField(null=True, blank=True)
    roles = models.CharField(_("roles"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    record_type = models.CharField(_("kind of record"), max_length=100)
    record_uuid = models.UUIDField(_("record"), null=True, blank=True, db_index=True)
    # The person the data is about, by internal id (never a BSN), so an access request can find it.
    data_subject_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    processing_activity = models.CharField(_("processing activity"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    channel = models.CharField(_("channel"), max_length=20, default="ui")
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log entries")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_uuid"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Processing log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Processing log entries cannot be deleted.")


class ProcessedObject(models.Model):
    """One record, and the person it is about, processed in a logged action that processed several
    (VNG Verwerkingenlogging: a Verwerkingsactie with several Verwerkte objecten). A list read
    writes one entry for the request and one of these per person shown; an entry about one record
    names it on the entry itself. Append-only like the entry (migration 0004)."""

    entry = models.ForeignKey(
        ProcessingLogEntry, on_delete=models.CASCADE, related_name="processed_objects"
    )
    record_uuid = models.UUIDField(_("record"), null=True, blank=True, db_index=True)
    data_subject_uuid = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("processed object")
        verbose_name_plural = _("processed objects")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Processing log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Processing log entries cannot be deleted.")
