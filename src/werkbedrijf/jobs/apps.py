from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "werkbedrijf.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app declares its kinds of job in its own ``jobs`` module.
        autodiscover_modules("jobs")
