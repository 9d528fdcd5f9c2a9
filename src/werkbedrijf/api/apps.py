from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "werkbedrijf.api"
    verbose_name = "API"

    def ready(self):
        # Registers the security schemes of our authentication classes with drf-spectacular.
        from . import schema  # noqa: F401
