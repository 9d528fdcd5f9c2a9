"""werkbedrijf: the information system behind the DVO of Rijk van Nijmegen and WerkBedrijf."""

from .celery import app as celery_app

__all__ = ("celery_app",)
