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
    ]
    list_filter = ["action", "record_type", "processing_activity"]
    search_fields = ["actor_username", "record_uuid"]
    readonly_fields = [f.name for f in ProcessingLogEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
