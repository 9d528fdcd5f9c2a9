"""The admin site goes through the same policy as the UI and the API."""

from werkbedrijf.access import policy


class ScopedAdminMixin:
    """Narrow every admin list to the policy's scope; refuse objects outside it.

    Subclasses set ``scope`` to a policy scope function (default: nothing visible) and may override
    ``can_change_object``.
    """

    scope = None

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if self.scope is None:
            return qs.none()
        return self.scope(request.user, qs)

    def has_module_permission(self, request):
        return policy.can_use_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.can_use_admin(request.user)

    def can_change_object(self, request, obj) -> bool:
        return False

    def has_change_permission(self, request, obj=None):
        if not policy.can_use_admin(request.user):
            return False
        return True if obj is None else self.can_change_object(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
