"""The Celery application: long work (reports, large imports, reminders) runs in workers that can
run on other machines, with Redis as the broker. Start a worker with
``celery -A werkbedrijf worker``, the periodic tasks with ``celery -A werkbedrijf beat``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbedrijf.conf.dev")

app = Celery("werkbedrijf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
