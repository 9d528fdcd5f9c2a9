"""The processing log in the admin: read-only, for functional administrators (access.policy)."""

from django.contrib import admin

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import ProcessingLogEntry


@admin.register(ProcessingLogEntry)
class ProcessingLogEntryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.processing_log_scope)
    list_display = [
        "occurred_at",
        "actor_username",
        "organisation_name",
        "action",
        "record_type",
        "processing_activity",
        "channel",
    ]
    list_filter = ["action", "record_type", "processing_activity", "channel"]
    search_fields = ["=actor_username", "=record_uuid", "=data_subject_uuid", "=trace_id"]
    date_hierarchy = "occurred_at"
    readonly_fields = [f.name for f in ProcessingLogEntry._meta.fields]
    # The log grows by millions of rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
