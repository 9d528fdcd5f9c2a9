from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingLogConfig(AppConfig):
    name = "werkbedrijf.processing_log"
    verbose_name = _("Processing log")
