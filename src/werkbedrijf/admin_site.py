"""The admin site: the same login with two factors, and access decided by access.policy."""

from django.contrib import admin
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
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse('accounts:login')}?{query}")
