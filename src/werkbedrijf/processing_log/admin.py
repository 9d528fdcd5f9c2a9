"""The processing log in the admin: read-only, for functional administrators (access.policy).

The log says who processed whose data, so reading it is a processing too: every list, entry and
history shown is itself written to the log (purpose: review of the log)."""

from uuid import UUID

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import Action, ProcessingLogEntry
from .services import LOG_REVIEW, entries_about, log_processing

RECORD_TYPE = "processing log entry"


def log_review(request, entries, detail: str = "") -> None:
    log_processing(
        actor=request.user,
        action=Action.READ,
        record_type=RECORD_TYPE,
        records=entries,
        purpose=LOG_REVIEW,
        channel="admin",
        detail=detail,
    )


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
    search_fields = [
        "=actor_username",
        "=record_uuid",
        "=data_subject_uuid",
        "=trace_id",
    ]
    date_hierarchy = "occurred_at"
    readonly_fields = [*(f.name for f in ProcessingLogEntry._meta.fields), "processed"]
    # The log grows by millions of rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
    list_per_page = 50

    @admin.display(description=_("processed objects (record, person)"))
    def processed(self, obj):
        return "\n".join(f"{r or '-'} {s or '-'}" for r, s in obj.processed_pairs())

    def get_search_results(self, request, queryset, search_term):
        """The search fields, and for a UUID the list reads naming it among their processed
        objects, as a person or as a record (``entries_about``'s look-up by the GIN index)."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        try:
            uuid = UUID(search_term.strip())
        except ValueError:
            return found, duplicates
        # `queryset` is the scope with the list's filters applied: the lists from within it.
        return found | queryset.filter(pk__in=entries_about(uuid, [uuid]).values("pk")), duplicates

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- reading the log is logged ---

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (
            response.context_data.get("cl") if isinstance(response, TemplateResponse) else None
        )
        shown = list(changelist.result_list) if changelist is not None else []
        if shown:
            log_review(request, shown, detail="list")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and isinstance(response, TemplateResponse):
            obj = response.context_data.get("original")
            if obj is not None:
                log_review(request, [obj])
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200 and isinstance(response, TemplateResponse):
            obj = response.context_data.get("object")
            if obj is not None:
                log_review(request, [obj], detail="history")
        return response
