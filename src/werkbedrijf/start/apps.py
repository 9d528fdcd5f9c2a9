"""The start page app."""

from django.apps import AppConfig


class StartConfig(AppConfig):
    name = "werkbedrijf.start"
    verbose_name = "Start"
