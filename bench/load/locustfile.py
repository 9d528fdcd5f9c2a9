"""The load: WerkBedrijf consultants, Inkomen case managers, a policy adviser and API clients.

Started by bench/load.py, which prepares the accounts and writes the fixture (LOAD_FIXTURE): the
accounts with their TOTP keys, API tokens, and per scope the trajectories, candidates and
agreements that scope may see. Staff log in through the real login (password, then the code from
their authenticator, computed here from the device key as an app would), and then use the screens
with a think time of LOAD_WAIT seconds (min,max) between tasks. Every screen and API call that
shows personal data writes the processing log; the writes are a note on a trajectory (UI form POST
with the CSRF token) and a referral through the API (a fresh valid BSN).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import itertools
import json
import os
import random
import re
import time
from datetime import date, timedelta

from locust import HttpUser, between, task

FIXTURE = json.loads(open(os.environ["LOAD_FIXTURE"]).read())  # noqa: SIM115
WAIT = [float(x) for x in os.environ.get("LOAD_WAIT", "1,4").split(",")]
ACCOUNTS = {kind: itertools.cycle(found) for kind, found in FIXTURE["accounts"].items()}
API_CLIENTS = itertools.cycle(FIXTURE["api"])
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEXT_LINK = re.compile(r'href="([^"]+)" rel="next"')
LOGIN_PATH = "/accounts/inloggen/"


def _bsn_numbers():
    """Valid BSNs (11-proef) from the fixture's start upwards, each used once."""
    prefix = FIXTURE["bsn_start"] // 10
    while True:
        digits = str(prefix).zfill(8)
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        number = digits + str(check)
        if check < 10 and int(number) >= FIXTURE["bsn_start"]:
            yield number
        prefix += 1


BSNS = _bsn_numbers()


def totp(key_hex: str, at: float | None = None) -> str:
    """The six-digit code of RFC 6238 (30 s steps, SHA-1), as django-otp's TOTPDevice checks it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class StaffUser(HttpUser):
    """A member of staff in the browser: logs in with both factors, then works."""

    abstract = True
    kind = ""
    wait_time = between(*WAIT)

    def on_start(self):
        self.account = next(ACCOUNTS[self.kind])
        scope = self.account["scope"]
        self.records = FIXTURE["scopes"].get(scope, {"trajectories": [], "names": []})
        self.agreements = FIXTURE["agreements"][scope]
        self.next_page = None
        self.login()

    # --- login -----------------------------------------------------------------------------------

    def login(self):
        form = self.client.get(LOGIN_PATH, name="login: form", headers=_op("login: form"))
        answer = self.client.post(
            LOGIN_PATH,
            data={
                "csrfmiddlewaretoken": _csrf(form.text),
                "username": self.account["username"],
                "password": FIXTURE["password"],
                "next": "/",
            },
            allow_redirects=False,
            name="login: password",
            headers=_op("login: password"),
        )
        if answer.status_code != 302:
            raise RuntimeError(f"password step answered {answer.status_code}")
        for attempt in range(2):
            form = self.client.get(
                answer.headers["Location"], name="login: code form", headers=_op("login: code form")
            )
            with self.client.post(
                "/accounts/tweede-factor/",
                data={
                    "csrfmiddlewaretoken": _csrf(form.text),
                    "token": totp(self.account["totp_key"]),
                    "next": "/",
                },
                allow_redirects=False,
                name="login: TOTP code",
                headers=_op("login: TOTP code"),
                catch_response=True,
            ) as verified:
                if verified.status_code == 302:
                    verified.success()
                    return
                if attempt == 0:
                    # A code counts once: another login of this account in the same 30 s step
                    # used it. Not an error of the application; wait for the next step.
                    verified.success()
                    time.sleep(31 - time.time() % 30)
                else:
                    verified.failure(f"code refused twice ({verified.status_code})")

    # --- helpers ---------------------------------------------------------------------------------

    def page(self, path: str, name: str, marker: str | None = None):
        """GET a screen; a redirect to the login page or a missing marker is a failure."""
        with self.client.get(path, name=name, headers=_op(name), catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif LOGIN_PATH in response.url or "/accounts/tweede-factor/" in response.url:
                response.failure("sent to the login page")
            elif marker is not None and marker not in response.text:
                response.failure(f"{marker!r} not on the page")
            return response

    def trajectory(self) -> list:
        return random.choice(self.records["trajectories"])

    # A consultant's caseload opens on their own candidates ("mine"), and the load accounts have
    # none: the load users ask for all candidates (a municipality's users have no such choice and
    # the parameter changes nothing for them).
    ALL = "whose=all"

    def caseload_first_page(self):
        response = self.page(
            f"/kandidaten/?{self.ALL}", "UI: caseload, first page", "data-next-page"
        )
        found = NEXT_LINK.search(response.text or "")
        self.next_page = html.unescape(found.group(1)) if found else None

    def caseload_next_page(self):
        if self.next_page is None:
            return self.caseload_first_page()
        response = self.page(self.next_page, "UI: caseload, next page (cursor)", "data-next-page")
        found = NEXT_LINK.search(response.text or "")
        self.next_page = html.unescape(found.group(1)) if found else None

    def name_search(self):
        prefix = random.choice(self.records["names"])
        self.page(f"/kandidaten/?{self.ALL}&name={prefix}", "UI: caseload, name search")

    def bsn_part_search(self):
        bsn_part = self.trajectory()[2]
        self.page(f"/kandidaten/?{self.ALL}&bsn_part={bsn_part}", "UI: caseload, part of BSN")

    def candidate_page(self):
        self.page(f"/kandidaten/{self.trajectory()[1]}/", "UI: candidate's page")

    def realisation(self):
        self.page("/kandidaten/realisatie/", "UI: realisation of local choices")

    def agreements_overview(self):
        self.page("/dvo/", "UI: DVO overview")

    def municipal_agreement(self):
        uuid, _years = random.choice(self.agreements)
        self.page(f"/dvo/gemeente/{uuid}/", "UI: municipal agreement")


class Consultant(StaffUser):
    """A WerkBedrijf consultant: all seven municipalities' candidates; works on journeys."""

    kind = "consultant"
    weight = 7

    @task(6)
    def caseload(self):
        self.caseload_first_page()

    @task(3)
    def caseload_next(self):
        self.caseload_next_page()

    @task(3)
    def search_name(self):
        self.name_search()

    @task(2)
    def search_bsn_part(self):
        self.bsn_part_search()

    @task(5)
    def candidate(self):
        self.candidate_page()

    @task(2)
    def trajectory_page(self):
        # The trajectory's address (as in an upload report) redirects to the candidate's page;
        # the time is both requests.
        self.page(f"/kandidaten/trajecten/{self.trajectory()[0]}/", "UI: trajectory's page")

    @task(2)
    def note(self):
        """Write a note on a trajectory: the form on the candidate's page, POSTed with CSRF."""
        trajectory = self.trajectory()[0]
        with self.client.post(
            f"/kandidaten/trajecten/{trajectory}/notities/",
            data={
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "note-theme": random.choice(["current", "desired", "obstacles", "resources"]),
                "note-text": "Belastingtest: gesprek gevoerd, afspraken vastgelegd.",
                "note-written_on": date.today().isoformat(),
            },
            headers={
                "Referer": f"{self.host}/kandidaten/",
                **_op("UI: note on a trajectory (POST)"),
            },
            allow_redirects=False,
            name="UI: note on a trajectory (POST)",
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/kandidaten/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"status {response.status_code}, not the candidate's page")

    @task(1)
    def realisation_page(self):
        self.realisation()

    @task(1)
    def dvo(self):
        self.agreements_overview()

    @task(1)
    def agreement(self):
        self.municipal_agreement()


class IncomeCaseManager(StaffUser):
    """A municipal Inkomen case manager: only the own municipality's residents."""

    kind = "inkomen"
    weight = 4

    @task(4)
    def caseload(self):
        self.caseload_first_page()

    @task(2)
    def caseload_next(self):
        self.caseload_next_page()

    @task(2)
    def search_name(self):
        self.name_search()

    @task(2)
    def search_bsn_part(self):
        self.bsn_part_search()

    @task(4)
    def candidate(self):
        self.candidate_page()

    @task(4)
    def income(self):
        self.page("/kandidaten/inkomen/", "UI: Inkomen screen")

    @task(1)
    def realisation_page(self):
        self.realisation()

    @task(1)
    def dvo(self):
        self.agreements_overview()

    @task(1)
    def agreement(self):
        self.municipal_agreement()


class PolicyAdviser(StaffUser):
    """A municipal policy adviser: agreements and realisation, no personal data."""

    kind = "adviser"
    weight = 1

    @task(1)
    def home(self):
        self.page("/", "UI: home")

    @task(2)
    def dvo(self):
        self.agreements_overview()

    @task(3)
    def agreement(self):
        self.municipal_agreement()

    @task(3)
    def realisation_page(self):
        self.realisation()


class ApiClient(HttpUser):
    """A system (the municipality's or WerkBedrijf's) with a personal token: reads and refers."""

    weight = 4
    wait_time = between(*WAIT)

    def on_start(self):
        self.account = next(API_CLIENTS)
        scope = self.account["scope"]
        self.records = FIXTURE["scopes"][scope]
        self.agreements = FIXTURE["agreements"][scope]
        self.client.headers["Authorization"] = f"Token {self.account['token']}"
        self.client.headers["Accept"] = "application/json"
        if scope == "werkbedrijf":
            self.refer_to = list(FIXTURE["municipalities"].values())
        else:
            self.refer_to = [FIXTURE["municipalities"][scope]]
        self.next_page = None

    def get(self, path: str, name: str, key: str | None = None):
        with self.client.get(path, name=name, headers=_op(name), catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}: {response.text[:200]}")
                return None
            body = response.json()
            if key is not None and key not in body:
                response.failure(f"no {key!r} in the answer")
                return None
            return body

    @task(4)
    def candidates(self):
        body = self.get("/api/v1/candidates", "API: candidates, first page", "results")
        self.next_page = body.get("next") if body else None

    @task(3)
    def candidates_next(self):
        if self.next_page is None:
            return self.candidates()
        body = self.get(self.next_page, "API: candidates, next page (cursor)", "results")
        self.next_page = body.get("next") if body else None

    @task(4)
    def candidate(self):
        uuid = random.choice(self.records["trajectories"])[1]
        self.get(f"/api/v1/candidates/{uuid}", "API: candidate", "bsn")

    @task(2)
    def trajectory(self):
        uuid = random.choice(self.records["trajectories"])[0]
        self.get(f"/api/v1/trajectories/{uuid}", "API: trajectory", "phase")

    @task(2)
    def municipal_agreements(self):
        self.get("/api/v1/municipal-agreements", "API: municipal agreements")

    @task(2)
    def check(self):
        uuid, years = random.choice(self.agreements)
        self.get(
            f"/api/v1/municipal-agreements/{uuid}/check?year={random.choice(years)}",
            "API: budget check",
        )

    @task(1)
    def referral(self):
        born = date(1960, 1, 1) + timedelta(days=random.randrange(40 * 365))
        with self.client.post(
            "/api/v1/referrals",
            json={
                "bsn": next(BSNS),
                "municipality": random.choice(self.refer_to),
                "firstName": "Belasting",
                "lastName": "Testpersoon",
                "dateOfBirth": born.isoformat(),
                "note": "Verwijzing uit de belastingtest.",
            },
            name="API: referral (POST)",
            headers=_op("API: referral (POST)"),
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}: {response.text[:200]}")


def _op(name: str) -> dict:
    """The operation's name in a header, so the server's access log can be set beside it."""
    return {"X-Load-Operation": name}


def _csrf(page: str) -> str:
    found = CSRF_FIELD.search(page or "")
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)
