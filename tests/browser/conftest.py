"""What the browser tests share: Debian's chromium, and logging in with both factors through the
real login pages."""

import os
import re
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still
# plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery staple"  # the password make_user gives every account


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
        # Playwright's sync API runs the test in a greenlet with its own context, so the ORM
        # opened a second database connection in it; close it before leaving that context, or
        # it stays open and the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def log_in(live_server):
    """log_in(page, username, backup_code): both factors through the real login pages, until the
    page has left them."""

    def log_in(page, username: str, backup_code: str) -> None:
        page.goto(live_server.url + reverse("accounts:login"))
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/accounts/tweede-factor/.*"))
        page.fill("input[name=token]", backup_code)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"^(?!.*/accounts/).*$"))

    return log_in
