from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkbedrijf.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import checks, signals  # noqa: F401 (registers the checks and receivers)
