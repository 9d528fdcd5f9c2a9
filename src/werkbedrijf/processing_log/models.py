"""The processing log (Logboek Dataverwerkingen): who processed which personal data, why, and when."""

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import UUIDListField


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

    def processed_pairs(self) -> list[tuple]:
        """(record, person) per object of a list read (``ProcessedObjects``); none for an entry
        that names its record itself."""
        try:
            return self.processed_objects.pairs()
        except ObjectDoesNotExist:
            return []


class ProcessedObjects(models.Model):
    """The records, and the persons they are about, processed in a logged action that processed
    several (VNG Verwerkingenlogging: a Verwerkingsactie with several Verwerkte objecten), as two
    lists in one row: the i-th record is about the i-th person. A list read writes one entry for
    the request and this one row naming every person shown; an entry about one record names it
    on the entry itself. Append-only like the entry (migration 0004).

    One row with two arrays instead of a row per person: a page of 50 persons was 50 rows, each
    with four index entries and a foreign-key check at commit, half of the list API's own time in
    PostgreSQL. On PostgreSQL one GIN index over both lists (migration 0004, not declared here:
    SQLite has no GIN) finds the entries naming a UUID (``services.entries_about``), and a check
    holds the two lists of one length, at least two."""

    entry = models.OneToOneField(
        ProcessingLogEntry,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="processed_objects",
    )
    record_uuids = UUIDListField(_("records"))
    data_subject_uuids = UUIDListField(_("persons"))

    class Meta:
        verbose_name = _("processed objects")
        verbose_name_plural = _("processed objects")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Processing log entries cannot be changed.")
        kwargs["force_insert"] = True  # the key is the entry's: no UPDATE tried first
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Processing log entries cannot be deleted.")

    def pairs(self) -> list[tuple]:
        """(record, person) per processed object, in the order written."""
        return list(zip(self.record_uuids, self.data_subject_uuids, strict=True))
