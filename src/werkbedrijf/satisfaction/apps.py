from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "werkbedrijf.satisfaction"
    verbose_name = _("Candidate satisfaction")
