"""Use our admin site (see admin_site.py) instead of Django's default one."""

from django.contrib.admin.apps import AdminConfig


class WerkbedrijfAdminConfig(AdminConfig):
    default_site = "werkbedrijf.admin_site.WerkbedrijfAdminSite"
