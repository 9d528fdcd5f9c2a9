from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "werkbedrijf.costs"
    verbose_name = _("Cost per task")
