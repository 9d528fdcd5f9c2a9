"""The world of the access-matrix tests, built once per module and rolled back afterwards.

Every request runs in a savepoint of its own (``each_request_alone`` in the test module), so what one
request changes is gone before the next: each request meets the same world."""

import pytest
from django.db import transaction
from django.test.utils import override_settings

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    # The sessions are made once and must live through the whole module, however long it runs.
    sessions = override_settings(
        MEDIA_ROOT=str(media), SESSION_IDLE_SECONDS=24 * 3600, SESSION_COOKIE_AGE=24 * 3600
    )
    with sessions, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
