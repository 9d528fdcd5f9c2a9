from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "werkbedrijf.ui"
    verbose_name = "UI"
