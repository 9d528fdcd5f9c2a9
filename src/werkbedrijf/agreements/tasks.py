"""Periodic work of the agreements: the daily e-mail reminders of the cycle's deadlines."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="agreements.send_due_reminders")
def send_due_reminders(today: str | None = None) -> int:
    """Send the reminders due today (or on ``today``, an ISO date, when given)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return services.send_due_reminders(day)
