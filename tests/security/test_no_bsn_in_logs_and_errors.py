"""No BSN in the application's logs or error pages (issue 4).

Every request here carries a BSN: the referral form, the full-BSN search, an upload with a bad row,
the API referral with an invalid body, a BSN in an API query string, the access request, and
requests that crash (a 500) while the BSN is in the POST data or in the exception's own message.
All log output is captured (every logger at DEBUG, the console handler's output, the error report
Django mails to ADMINS) together with the response bodies, and the BSN must be in none of them.

A form that is shown again after a mistake keeps what the user typed in its own input, so it can be
corrected; that input's value is the one place a BSN may appear in a response, and only in a form
that asks for it.
"""

import io
import logging
import re
import sys
from datetime import date

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import path
from rest_framework.decorators import api_view

import werkbedrijf.urls
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services as candidate_services
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.utils.bsn import is_valid_bsn, nth_test_bsn
from werkbedrijf.utils.logging import redact_bsn

pytestmark = pytest.mark.django_db

BSN = "999990019"  # known: referred in the fixture
NEW_BSN = "999990032"  # valid, nobody has it
DOTTED_BSN = "9999.90.044"  # valid, written as people write it
DOTTED_DIGITS = "999990044"
ALL_FORMS = (BSN, NEW_BSN, DOTTED_BSN, DOTTED_DIGITS, "999 99 0019", "9999.90.019")


def test_the_numbers_used_here_are_valid_bsns():
    assert all(is_valid_bsn(re.sub(r"\D", "", number)) for number in ALL_FORMS)


# --- a test-only URLconf: the real site plus views that crash with a BSN at hand --------------------


def crash_with_bsn_in_message(request):
    bsn = request.POST["bsn"]
    raise RuntimeError(f"could not process the person with BSN {bsn}")


def crash_in_the_database(request):
    """A unique-constraint error: PostgreSQL quotes the value, "Key (bsn)=(...) already exists"."""
    with transaction.atomic():
        Candidate.objects.create(
            bsn=request.POST["bsn"],
            first_name="Dubbel",
            last_name="Persoon",
            date_of_birth=date(1990, 1, 1),
            municipality=Candidate.objects.get(bsn=request.POST["bsn"]).municipality,
        )


@api_view(["POST"])
def api_crash(request):
    citizen_service_number = request.data["bsn"]
    raise ValueError(f"unexpected person {citizen_service_number}")


urlpatterns = [
    path("test-crash/message/", crash_with_bsn_in_message),
    path("test-crash/database/", crash_in_the_database),
    path("api/v1/test-crash", api_crash),
    *werkbedrijf.urls.urlpatterns,
]
handler404 = werkbedrijf.urls.handler404
handler500 = werkbedrijf.urls.handler500  # the real one: HTML, or problem+json under /api/


# --- capturing -------------------------------------------------------------------------------------


class Capture:
    def __init__(self, caplog, capfd):
        self.caplog = caplog
        self.capfd = capfd
        self.bodies: list[tuple[str, str]] = []
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
        )
        self.handler.setLevel(logging.DEBUG)

    def keep(self, label, response):
        body = b"".join(response) if response.streaming else response.content
        self.bodies.append((label, body.decode("utf-8", "replace")))
        return response

    def log_text(self) -> str:
        lines = [self.caplog.text, self.stream.getvalue()]
        for record in self.caplog.records:
            lines.append(record.getMessage())
            lines.append(str(record.exc_text or ""))
            lines.append(logging.Formatter().format(record))
        out, err = self.capfd.readouterr()
        sys.stdout.write(out)  # give pytest its output back
        lines += [out, err]
        for message in mail.outbox:
            lines.append(message.subject)
            lines.append(message.body)
            lines += [content for content, _mimetype in getattr(message, "alternatives", [])]
        return "\n".join(lines)


@pytest.fixture
def capture(caplog, capfd, settings):
    settings.DEBUG = False
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    settings.ADMINS = [("Beheer", "beheer@werkbedrijf.example")]  # so the error report is made
    settings.ROOT_URLCONF = sys.modules[__name__]
    caplog.set_level(logging.DEBUG)  # the root logger
    for name in ("django", "django.request", "django.db.backends", "werkbedrijf"):
        caplog.set_level(logging.DEBUG, logger=name)
    capture = Capture(caplog, capfd)
    root = logging.getLogger()
    root.addHandler(capture.handler)
    capfd.readouterr()
    yield capture
    root.removeHandler(capture.handler)


def assert_no_bsn(capture, *, form_fields=("bsn",)):
    logs = capture.log_text()
    assert logs.strip(), "nothing was logged: the test would prove nothing"
    for number in ALL_FORMS:
        assert number not in logs, f"BSN {number} in the log output"
    for label, body in capture.bodies:
        for name in form_fields:  # what the user typed, kept in the form's own input
            body = re.sub(rf'(<input[^>]*name="{name}"[^>]*value=")[^"]*"', r'\1"', body)
        for number in ALL_FORMS:
            assert number not in body, f"BSN {number} in the response to {label}"


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def officer(make_user, nijmegen):
    return make_user(Role.PRIVACY_OFFICER, nijmegen)


@pytest.fixture
def referred(case_manager, nijmegen):
    return candidate_services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(
            bsn=BSN, first_name="Sanne", last_name="de Vries", date_of_birth=date(1990, 5, 1)
        ),
    )


def _client(client_for, user) -> Client:
    client = client_for(user)
    client.raise_request_exception = False
    return client


def referral_form(nijmegen, **overrides):
    data = {
        "municipality": str(nijmegen.uuid),
        "bsn": NEW_BSN,
        "first_name": "Piet",
        "last_name": "Jansen",
        "date_of_birth": "01-01-2999",  # in the future: refused
        "sector_wishes": [],
        "available_days": [],
    }
    data.update(overrides)
    return data


# --- the requests ----------------------------------------------------------------------------------


def test_referral_form_with_a_mistake(capture, client_for, case_manager, nijmegen, referred):
    client = _client(client_for, case_manager)
    response = capture.keep(
        "referral", client.post("/kandidaten/aanmelden/", referral_form(nijmegen))
    )
    assert response.status_code == 400
    again = client.post(
        "/kandidaten/aanmelden/", referral_form(nijmegen, bsn=BSN, date_of_birth="")
    )
    capture.keep("referral of somebody referred", again)
    assert again.status_code == 400
    assert_no_bsn(capture)


def test_full_bsn_search(capture, client_for, case_manager, referred):
    client = _client(client_for, case_manager)
    found = capture.keep("search", client.post("/kandidaten/zoeken-op-bsn/", {"bsn": BSN}))
    assert found.status_code == 302 and BSN not in found["Location"]
    assert client.get(found["Location"]).status_code == 200  # the page shows it: that is its job
    missing = client.post("/kandidaten/zoeken-op-bsn/", {"bsn": DOTTED_BSN})
    capture.keep("search for nobody", missing)
    assert missing.status_code == 400
    assert_no_bsn(capture)


def test_upload_with_a_bad_row(capture, client_for, case_manager, nijmegen, referred):
    rows = [
        "bsn;voornaam;achternaam;geboortedatum",
        f"{NEW_BSN};Piet;Jansen;31-02-1990",  # no such date
        f"{DOTTED_BSN};Kees;Bakker;01-01-2999",  # in the future
        f"{BSN};Sanne;de Vries;01-05-1990",  # already referred
        f"{NEW_BSN};Piet;Jansen;01-01-1990",  # twice in the file
    ]
    upload = io.BytesIO("\n".join(rows).encode())
    upload.name = "aanmeldingen.csv"
    client = _client(client_for, case_manager)
    response = client.post(
        "/kandidaten/aanmelden/bestand/", {"municipality": str(nijmegen.uuid), "file": upload}
    )
    capture.keep("upload", response)
    assert response.status_code == 200
    assert "31-02-1990" in response.text or "Piet" in response.text  # the report is shown
    assert_no_bsn(capture)


def test_api_referral_with_an_invalid_body(capture, client_for, case_manager, nijmegen, referred):
    client = _client(client_for, case_manager)
    for body in (
        {"bsn": NEW_BSN, "municipality": str(nijmegen.uuid), "firstName": "Piet"},
        {
            "bsn": DOTTED_BSN,
            "municipality": str(nijmegen.uuid),
            "firstName": "Piet",
            "lastName": "Jansen",
            "dateOfBirth": "2999-01-01",
        },
        {
            "bsn": BSN,
            "municipality": str(nijmegen.uuid),
            "firstName": "Sanne",
            "lastName": "de Vries",
            "dateOfBirth": "1990-05-01",
        },
    ):
        response = client.post("/api/v1/referrals", body, content_type="application/json")
        capture.keep("api referral", response)
        assert response.status_code == 400, response.content
    broken = client.post(
        "/api/v1/referrals", f'{{"bsn": "{NEW_BSN}", ', content_type="application/json"
    )
    capture.keep("api referral, broken JSON", broken)
    assert broken.status_code == 400
    assert_no_bsn(capture)


def test_a_bsn_in_an_api_query_string_is_refused_and_not_logged(
    capture, client_for, case_manager, referred
):
    response = _client(client_for, case_manager).get("/api/v1/candidates", {"bsn": BSN})
    capture.keep("api query string", response)
    assert response.status_code == 400
    assert_no_bsn(capture)


def test_a_bsn_typed_into_a_web_address(capture, client_for, case_manager, referred):
    client = _client(client_for, case_manager)
    for url in (f"/kandidaten/{BSN}/", f"/api/v1/candidates/{BSN}", f"/api/v1/{DOTTED_BSN}"):
        response = capture.keep(url, client.get(url))
        assert response.status_code == 404
    assert_no_bsn(capture)


def test_access_request(capture, client_for, officer, referred):
    client = _client(client_for, officer)
    found = capture.keep("access request", client.post("/privacy/inzageverzoek/", {"bsn": BSN}))
    assert found.status_code == 302
    capture.keep("access request summary", client.get(found["Location"]))
    for number in (NEW_BSN, DOTTED_BSN, "999990010"):  # nobody; nobody; fails the 11-proef
        capture.keep("access request", client.post("/privacy/inzageverzoek/", {"bsn": number}))
    # The access request never echoes the number, not even in its own input.
    assert_no_bsn(capture, form_fields=())


def test_a_crash_with_the_bsn_in_the_post_data_and_the_message(
    capture, client_for, case_manager, referred
):
    response = _client(client_for, case_manager).post("/test-crash/message/", {"bsn": BSN})
    capture.keep("crash", response)
    assert response.status_code == 500
    assert len(mail.outbox) == 1  # Django's error report went out, with the request in it
    report = mail.outbox[0].body
    assert "RuntimeError" in report and "POST" in report and "bsn" in report
    assert redact_bsn(BSN) in report  # masked, not left out: the report still says it was there
    assert_no_bsn(capture)


def test_a_database_error_quoting_the_bsn(capture, client_for, case_manager, referred):
    response = _client(client_for, case_manager).post("/test-crash/database/", {"bsn": BSN})
    capture.keep("database crash", response)
    assert response.status_code == 500
    logs = capture.log_text()
    assert "IntegrityError" in logs and "Key (bsn)=(*********)" in logs
    assert_no_bsn(capture)


def test_an_api_crash_answers_problem_json_without_the_bsn(
    capture, client_for, case_manager, referred
):
    response = _client(client_for, case_manager).post(
        "/api/v1/test-crash", {"bsn": DOTTED_BSN}, content_type="application/json"
    )
    capture.keep("api crash", response)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    assert_no_bsn(capture)


def test_the_debug_error_page_masks_the_bsn_too(capture, client_for, case_manager, referred):
    """Development only, but the same reporter writes it."""
    capture.caplog.clear()
    from django.test import override_settings

    with override_settings(DEBUG=True):
        response = _client(client_for, case_manager).post("/test-crash/message/", {"bsn": BSN})
    capture.keep("debug page", response)
    assert response.status_code == 500 and "RuntimeError" in response.text
    assert_no_bsn(capture)


def test_sql_logged_with_debug_on_is_masked(capture, client_for, case_manager, referred):
    """With DEBUG on, Django logs every query with its parameters (django.db.backends)."""
    from django.test import override_settings

    with override_settings(DEBUG=True):
        response = _client(client_for, case_manager).post(
            "/kandidaten/zoeken-op-bsn/", {"bsn": BSN}
        )
    capture.keep("search", response)
    logs = capture.log_text()
    assert "django.db.backends" in logs and "\"bsn\" = '*********'" in logs
    assert_no_bsn(capture)


def test_a_logger_with_its_own_handler_is_masked_too(capture):
    """django.server (the development server's request lines) does not propagate to the root's
    handlers; the masking happens when the record is made, so its own handler gets it masked."""
    server = logging.getLogger("django.server")
    assert not server.propagate and server.handlers
    server.warning('"GET /api/v1/candidates?bsn=%s HTTP/1.1" 400 120', BSN)
    logs = capture.log_text()
    assert "/api/v1/candidates?bsn=*********" in logs
    assert_no_bsn(capture)


def test_a_bsn_is_masked_in_the_ways_people_write_it_and_a_log_field_pair_is_not():
    bsn = nth_test_bsn(3)
    written = [
        bsn,
        f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}",
        f"{bsn[:3]} {bsn[3:5]} {bsn[5:]}",
        f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}",
    ]
    for text in written:
        assert redact_bsn(f"bsn {text} gevonden") == "bsn ********* gevonden"
    # An access log's "status bytes" can make nine digits that pass the 11-proef: not a BSN.
    assert redact_bsn(f'"GET / HTTP/1.1" 200 {bsn[3:]}') == f'"GET / HTTP/1.1" 200 {bsn[3:]}'
