from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "werkbedrijf.matching"
    verbose_name = _("Vacancies and matching")
