"""Session bookkeeping at login: when the session started, for the absolute session limit."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_STARTED = "session_started"
LAST_SEEN = "last_seen"


@receiver(user_logged_in, dispatch_uid="accounts.session_started")
def start_session_clock(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[LAST_SEEN] = now
