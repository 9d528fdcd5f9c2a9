from django.contrib import admin

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import Organisation, Team


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.organisation_scope)
    list_display = ["name", "kind", "cbs_code", "oidc_enabled"]

    def can_change_object(self, request, obj):
        return policy.can_manage_staff(request.user)


@admin.register(Team)
class TeamAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.organisation_scope)
    list_display = ["name", "organisation", "kind", "location"]

    def can_change_object(self, request, obj):
        return policy.can_manage_staff(request.user)

    def has_add_permission(self, request):
        return policy.can_manage_staff(request.user)
