"""The admin site: the same login with two factors, and access decided by access.policy."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from werkbedrijf.access import policy


class WerkbedrijfAdminSite(admin.AdminSite):
    site_header = "WerkBedrijf DVO – beheer"
    site_title = "WerkBedrijf DVO"

    def has_permission(self, request):
        user = request.user
        return bool(user.is_authenticated and user.is_verified() and policy.can_use_admin(user))

    def login(self, request, extra_context=None):
        """No login form of its own: the application's two-step login, or 403 for staff whose
        roles give no admin access (redirecting them to the login page would loop)."""
        user = request.user
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        if user.is_authenticated and user.is_verified():
            raise PermissionDenied
        if user.is_authenticated:
            return redirect(f"{reverse('accounts:verify')}?{query}")
        return redirect(f"{reverse('accounts:login')}?{query}")

    def logout(self, request, extra_context=None):
        from werkbedrijf.accounts.views import logout_view

        return logout_view(request)
