from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "werkbedrijf.api"
    verbose_name = "API"
