"""Staff accounts in the admin: a functional administrator manages accounts, roles and second
factors of every organisation; a DVO administrator sees their own organisation's colleagues.

Staff accounts are personal data: every list, view, change and export here is written to the
processing log (purpose: staff administration)."""

import csv

from axes.utils import reset as reset_lockout
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as AuthUserAdmin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import STAFF_ADMINISTRATION, log_processing

from .models import IdentityProviderDevice, Role, RoleAssignment, User
from .services import check_roles_fit

RECORD_TYPE = "staff account"


def log_staff(request, action: str, users, detail: str = "") -> None:
    log_processing(
        actor=request.user,
        action=action,
        record_type=RECORD_TYPE,
        records=users,
        purpose=STAFF_ADMINISTRATION,
        channel="admin",
        detail=detail,
    )


class RoleInlineFormSet(forms.BaseInlineFormSet):
    """Every role must fit the kind of the account's (possibly just changed) organisation."""

    def clean(self):
        super().clean()
        roles = [
            form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")
        ]
        if len(roles) != len(set(roles)):
            raise ValidationError(_("A role can be given only once."), code="duplicate_role")
        try:
            check_roles_fit(self.instance.organisation, roles)
        except ValidationError as error:
            raise ValidationError(error.error_dict["roles"]) from error


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    formset = RoleInlineFormSet
    extra = 0
    fields = ["role", "granted_at"]
    readonly_fields = ["granted_at"]

    def has_add_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.can_use_admin(request.user)


@admin.register(User)
class UserAdmin(ScopedAdminMixin, AuthUserAdmin):
    scope = staticmethod(policy.staff_scope)
    list_display = ["username", "first_name", "last_name", "organisation", "role_list", "is_active"]
    list_filter = ["organisation", "role_assignments__role", "is_active"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["organisation__name", "username"]
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisation"), {"fields": ("organisation", "team", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Organisation"), {"fields": ("organisation", "team", "is_active")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    inlines = [RoleInline]
    actions = ["export_csv", "reset_second_factor", "unlock"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_assignments")

    @admin.display(description=_("roles"))
    def role_list(self, obj):
        return ", ".join(sorted(str(Role(a.role).label) for a in obj.role_assignments.all()))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "organisation" in form.base_fields:
            form.base_fields["organisation"].required = True
        return form

    # --- who may do what (access.policy) ---

    def has_change_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_add_permission(self, request):
        return policy.can_manage_staff(request.user)

    def has_manage_staff_permission(self, request):
        return policy.can_manage_staff(request.user)

    # --- the processing log ---

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (
            getattr(response, "context_data", {}).get("cl")
            if isinstance(response, TemplateResponse)
            else None
        )
        shown = list(changelist.result_list) if changelist is not None else []
        if shown:
            log_staff(request, Action.READ, shown, detail="list")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = (
                response.context_data.get("original") if hasattr(response, "context_data") else None
            )
            if obj is not None:
                log_staff(request, Action.READ, [obj])
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        user.forget_roles()
        changed = list(form.changed_data)
        for formset in formsets:
            if formset.has_changed():
                changed.append("roles")
        changed = [name for name in changed if not name.startswith("password")]
        log_staff(
            request,
            Action.UPDATE if change else Action.CREATE,
            [user],
            detail=", ".join(dict.fromkeys(changed)),
        )

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200 and hasattr(response, "context_data"):
            obj = response.context_data.get("object")
            if obj is not None:
                log_staff(request, Action.READ, [obj], detail="history")
        return response

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            log_staff(request, Action.UPDATE, [user], detail="password")
        elif request.method == "GET" and response.status_code == 200:
            log_staff(request, Action.READ, [self.get_object(request, id)], detail="password form")
        return response

    # --- actions ---

    @admin.action(description=_("Export selected staff accounts (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        users = list(queryset.select_related("organisation").prefetch_related("role_assignments"))
        log_staff(request, Action.EXPORT, users, detail="csv")
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="medewerkers-{stamp}.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                "gebruikersnaam",
                "voornaam",
                "achternaam",
                "e-mail",
                "organisatie",
                "rollen",
                "actief",
                "laatst ingelogd",
            ]
        )
        for user in users:
            writer.writerow(
                [
                    user.username,
                    user.first_name,
                    user.last_name,
                    user.email,
                    user.organisation.name if user.organisation else "",
                    self.role_list(user),
                    "ja" if user.is_active else "nee",
                    timezone.localtime(user.last_login).strftime("%d-%m-%Y %H:%M")
                    if user.last_login
                    else "",
                ]
            )
        return response

    @admin.action(
        description=_("Reset second factor (set up again at the next login)"),
        permissions=["manage_staff"],
    )
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        TOTPDevice.objects.filter(user__in=users).delete()
        StaticDevice.objects.filter(user__in=users).delete()
        IdentityProviderDevice.objects.filter(user__in=users).delete()
        log_staff(request, Action.UPDATE, users, detail="second factor reset")
        self.message_user(
            request,
            _("The second factor of %(count)d account(s) is reset.") % {"count": len(users)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unlock after too many failed logins"), permissions=["manage_staff"]
    )
    def unlock(self, request, queryset):
        users = list(queryset)
        for user in users:
            reset_lockout(username=user.username)
        log_staff(request, Action.UPDATE, users, detail="unlocked")
        self.message_user(
            request,
            _("%(count)d account(s) unlocked.") % {"count": len(users)},
            messages.SUCCESS,
        )
