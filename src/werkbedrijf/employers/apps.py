"""The employers app: employers, their sector groups and the employer picker."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "werkbedrijf.employers"
    verbose_name = _("Employers")
