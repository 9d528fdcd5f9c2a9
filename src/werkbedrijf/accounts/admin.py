from django.contrib import admin

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0

    def has_add_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.can_manage_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.can_use_admin(request.user)


@admin.register(User)
class UserAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.staff_scope)
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = ["username", "first_name", "last_name", "email", "organisation", "team", "is_active"]
    inlines = [RoleInline]

    def can_change_object(self, request, obj):
        return policy.can_manage_staff(request.user)

    def has_add_permission(self, request):
        return policy.can_manage_staff(request.user)
