from rest_framework.permissions import BasePermission


class IsStaffMember(BasePermission):
    """Any authenticated, active staff member with an organisation; finer rules in access.policy."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.organisation_id)
