"""The processing log in the admin: read-only, for functional administrators (access.policy).

The log says who processed whose data, so reading it is a processing too: every list, entry and
history shown is itself written to the log (purpose: review of the log)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import Action, ProcessingLogEntry
from .services import LOG_REVIEW, log_processing

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
        # the persons of a list read, named in its processed objects
        "=processed_objects__data_subject_uuid",
        "=processed_objects__record_uuid",
    ]
    date_hierarchy = "occurred_at"
    readonly_fields = [*(f.name for f in ProcessingLogEntry._meta.fields), "processed"]
    # The log grows by millions of rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
    list_per_page = 50

    @admin.display(description=_("processed objects (record, person)"))
    def processed(self, obj):
        return "\n".join(
            f"{o.record_uuid or '-'} {o.data_subject_uuid or '-'}"
            for o in obj.processed_objects.order_by("id")
        )

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
