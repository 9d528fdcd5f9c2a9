from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "werkbedrijf.demo"
    verbose_name = "Demo"
