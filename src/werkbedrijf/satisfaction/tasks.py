"""Periodic work of the questionnaire: invite whoever is due, once a day."""

from celery import shared_task


@shared_task(name="satisfaction.invite_due")
def invite_due() -> int:
    from . import services

    return len(services.invite_due())
