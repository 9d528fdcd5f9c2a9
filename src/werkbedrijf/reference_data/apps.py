from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    name = "werkbedrijf.reference_data"
    verbose_name = "Reference data"
