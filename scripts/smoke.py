"""Smoke run of the start command: the server answers the login page, and every role logs in with
two factors and opens a page. Used by bin/smoke (CI); works on the throwaway SQLite database that
bin/start created, so it may set passwords and backup codes."""

import http.cookiejar
import os
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbedrijf.conf.dev")

import django  # noqa: E402

django.setup()

from werkbedrijf.accounts.models import Role, User  # noqa: E402
from werkbedrijf.accounts.services import add_backup_codes  # noqa: E402

BASE = os.environ.get("SMOKE_URL", "http://127.0.0.1:8765")
PASSWORD = "smoke-test-password-2026"
# The first page of each role, then the further pages it opens (on SQLite, which the tests, on
# PostgreSQL, do not reach): the work screens of each area.
ROLE_PAGES = {
    Role.POLICY_ADVISER: ("/dvo/", "/", "/rapportages/", "/dvo/termijnen/", "/kosten/"),
    Role.INCOME_CASE_MANAGER: ("/", "/kandidaten/inkomen/"),
    Role.CONSULTANT: (
        "/",
        "/werklijst/",
        "/kandidaten/vacatures/",
        "{vacancy}",
        "/kandidaten/werkgevers/bereik/",
        "/kosten/uren/",
    ),
    Role.DVO_ADMIN: ("/dvo/", "/dvo/nieuw/", "/dvo/termijnen/", "/kosten/beheer/"),
    Role.BOARD_MEMBER: ("/dvo/", "/", "/rapportages/", "/tevredenheid/cijfers/"),
    Role.FUNCTIONAL_ADMIN: ("/beheer/",),
    Role.PRIVACY_OFFICER: ("/privacy/inzageverzoek/",),
    Role.MANAGER: ("/kandidaten/", "/", "/kosten/", "/kosten/scenario/"),
    Role.CHAIN_PARTNER: ("/kandidaten/ketenpartner/",),
}


def session():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def get(opener, path):
    with opener.open(BASE + path, timeout=30) as response:
        return response.status, response.geturl(), response.read().decode()


def post(opener, jar, path, data):
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})  # noqa: S310 (local http)
    with opener.open(request, timeout=30) as response:
        return response.status, response.geturl(), response.read().decode()


def login_as(user) -> None:
    opener, jar = session()
    status, _, page = get(opener, "/accounts/inloggen/")
    assert status == 200 and 'name="password"' in page, "login page does not answer"
    status, url, page = post(
        opener, jar, "/accounts/inloggen/", {"username": user.username, "password": PASSWORD}
    )
    assert "tweede-factor" in url, f"{user.username}: password step failed ({url})"
    status, url, page = post(
        opener, jar, urllib.parse.urlparse(url).path, {"token": f"smoke{user.pk:04d}"}
    )
    assert "tweede-factor" not in url, f"{user.username}: second factor refused"
    from werkbedrijf.matching.models import Vacancy

    vacancy = Vacancy.objects.filter(status="open").values_list("uuid", flat=True).first()
    paths = ROLE_PAGES[next(iter(user.role_set))]
    for n, path in enumerate(paths):
        path = path.format(vacancy=f"/kandidaten/vacatures/{vacancy}/")
        status, url, page = get(opener, path)
        assert status == 200 and urllib.parse.urlparse(url).path == path, (
            f"{user.username}: {path} answered {status} at {url}"
        )
        if n == 0:
            pattern = re.escape(user.username) + "|" + re.escape(user.get_full_name() or "-")
            assert re.search(pattern, page)
        print(f"ok  {user.username:<28} {path}")


def main() -> int:
    seen = set()
    for role in Role:
        user = (
            User.objects.filter(role_assignments__role=role, is_active=True)
            .exclude(username__startswith="synth")
            .order_by("username")
            .first()
        )
        if user is None:
            print(f"no demo account with role {role}")
            return 1
        if user.pk in seen:
            continue
        seen.add(user.pk)
        user.set_password(PASSWORD)
        user.save()
        add_backup_codes(user, [f"smoke{user.pk:04d}"])
        login_as(user)
    return 0


if __name__ == "__main__":
    sys.exit(main())
