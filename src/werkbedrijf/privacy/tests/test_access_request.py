"""The access request (AVG art. 15): the privacy officer finds a person by BSN within her remit and
downloads everything held about them, with every processing-log entry, as one workbook."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from openpyxl import load_workbook

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import Role
from werkbedrijf.accounts.services import create_staff_account
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.privacy import exports, services
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.processing_log.services import ACCESS_REQUEST

from .conftest import BSN, OTHER_BSN, UNKNOWN_BSN, WIJCHEN_BSN

pytestmark = pytest.mark.django_db

URL = "/privacy/inzageverzoek/"


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return escape(translation.gettext(msgid))


class Flow:
    """Drives the screens like a browser, keeping every URL it used."""

    def __init__(self, client):
        self.client = client
        self.urls: list[str] = []

    def get(self, url):
        self.urls.append(url)
        return self.client.get(url)

    def post(self, url, data):
        self.urls.append(url)
        return self.client.post(url, data)

    def search(self, bsn):
        response = self.post(URL, {"bsn": bsn})
        if response.status_code == 302:
            self.urls.append(response["Location"])
        return response

    def download(self, bsn):
        response = self.search(bsn)
        assert response.status_code == 302, response.content.decode()[:2000]
        page = self.get(response["Location"])
        assert page.status_code == 200
        export_url = re.search(r'href="([^"]+)"[^>]*data-access-request-export', page.text)[1]
        return page, self.get(export_url)


def workbook_text(content: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book}


def all_values(sheets) -> str:
    return "\n".join(str(v) for rows in sheets.values() for row in rows for v in row if v)


# --- completeness ---------------------------------------------------------------------------------


def _models_under(model, seen=None) -> set[type[models.Model]]:
    """Every model that hangs under ``model`` by a foreign key or one-to-one, recursively."""
    seen = set() if seen is None else seen
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            continue
        related = relation.related_model
        if related in seen:
            continue
        seen.add(related)
        _models_under(related, seen)
    return seen


def test_every_model_under_a_candidate_is_in_the_export():
    covered = {kind.model for kind in services.KINDS} | set(services.NOT_EXPORTED_MODELS)
    missing = _models_under(Candidate) - covered
    assert not missing, f"held about a person but not in the access-request export: {missing}"
    for model, reason in services.NOT_EXPORTED_MODELS.items():
        assert reason.strip(), f"{model} is left out of the export without a reason"


def test_every_field_of_every_kind_is_a_column_with_a_dutch_label():
    for model in [Candidate, *(kind.model for kind in services.KINDS)]:
        exported = {f.name for f in services.exported_fields(model)}
        for field in model._meta.concrete_fields:
            if field.name in exported:
                label = services.FIELD_LABELS.get(field.name, field.verbose_name)
                assert isinstance(label, Promise), (
                    f"{model.__name__}.{field.name} has no translatable label"
                )
            else:
                assert field.name in services.NOT_EXPORTED or field.related_model is Candidate


def test_every_processing_log_field_is_exported_or_left_out_with_a_reason():
    names = {f.name for f in ProcessingLogEntry._meta.concrete_fields}
    assert names == set(services.LOG_COLUMNS) | set(services.LOG_NOT_EXPORTED)
    assert not set(services.LOG_COLUMNS) & set(services.LOG_NOT_EXPORTED)


def test_sheet_titles_fit_excel():
    with translation.override("nl"):
        titles = [str(kind.title) for kind in services.KINDS]
    assert all(len(t) <= 31 and not re.search(r"[\[\]:*?/\\]", t) for t in titles)
    assert len(set(titles)) == len(titles)


# --- the export -----------------------------------------------------------------------------------


def test_the_export_holds_the_persons_records_and_log_entries_and_nothing_about_another(
    client_for, officer_werkbedrijf, person, other_person
):
    other_log = set(
        ProcessingLogEntry.objects.filter(data_subject_uuid=other_person.uuid).values_list(
            "uuid", flat=True
        )
    )
    assert other_log
    _page, response = Flow(client_for(officer_werkbedrijf)).download(BSN)
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX
    sheets = workbook_text(response.content)
    with translation.override("nl"):
        expected = [
            translation.gettext("Cover sheet"),
            translation.gettext("Personal data"),
            *[str(k.title) for k in services.KINDS],
            translation.gettext("Processing log"),
        ]
    assert list(sheets) == expected
    text = all_values(sheets)
    for what in (
        "aanmelding",
        "stap",
        "notitie",
        "diagnose",
        "activiteit",
        "voorziening",
        "feiten",
        "besluit",
        "gesprek",
        "overdracht",
        "assessment",
        "bewaarplicht",
        "verhuizing",
    ):
        assert f"PERSOON-A {what}" in text
    for kind in services.KINDS:  # a row under every header: the fixture covers every kind
        assert len(sheets[str(kind.title)]) >= 2, kind.key
    assert "Schoon BV" in text
    assert BSN in text and "Çelik" in text
    # Nothing about the other person: not their data, not their log entries.
    assert "PERSOON-B" not in text and OTHER_BSN not in text and "Jansen" not in text
    assert str(other_person.uuid) not in text
    person_data = dict(r for r in sheets["Persoonsgegevens"][1:])
    assert person_data["BSN"] == BSN
    assert person_data["Geboortedatum"] == datetime(1990, 5, 1)
    assert person_data["Gewenste werksoorten"] == "Schoonmaak"
    # The processing log: the referral, the access request itself and its export.
    log = sheets["Logboek dataverwerkingen"]
    assert log[0][:3] == ["Wanneer", "Wie (gebruikersnaam)", "Organisatie"]
    rows = log[1:]
    purposes = [row[8] for row in rows]
    assert "Ondersteuning bij arbeidsinschakeling" in purposes
    assert purposes.count(ACCESS_REQUEST.purpose) == 3  # search, summary, export
    assert rows[-1][4] == "exporteren"
    assert rows[-1][1] == officer_werkbedrijf.username
    entries = {str(u) for u in ProcessingLogEntry.objects.values_list("record_uuid", flat=True)}
    assert not {str(u) for u in other_log} & {row[6] for row in rows}
    assert {row[6] for row in rows if row[6]} <= entries
    cover = {r[0]: r[1] for r in sheets["Voorblad"] if r[0]}
    assert cover["Verwerkingsverantwoordelijke"].startswith("Gemeente Nijmegen")
    assert cover["Grondslag van dit antwoord"] == "AVG art. 15 en art. 6 lid 1 sub c"
    assert "7 jaar" in cover["Bewaartermijnen"]


def test_the_download_is_an_attachment_that_is_not_cached_and_names_nobody(
    client_for, officer_werkbedrijf, person
):
    page, response = Flow(client_for(officer_werkbedrijf)).download(BSN)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert BSN not in disposition and "elik" not in disposition
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in page["Cache-Control"]


def test_the_summary_shows_what_is_held_with_a_masked_bsn(client_for, officer_nijmegen, person):
    flow = Flow(client_for(officer_nijmegen))
    response = flow.search(BSN)
    page = flow.get(response["Location"])
    assert page.status_code == 200
    assert person.masked_bsn in page.text and BSN not in page.text
    assert "Çelik" in page.text
    assert _nl("Three-way talks") in page.text


# --- the remit --------------------------------------------------------------------------------------


def test_a_municipal_officer_cannot_get_another_municipalitys_resident(
    client_for, officer_nijmegen, wijchen_resident
):
    client = client_for(officer_nijmegen)
    other_municipality = client.post(URL, {"bsn": WIJCHEN_BSN})
    unknown = client.post(URL, {"bsn": UNKNOWN_BSN})
    assert other_municipality.status_code == unknown.status_code == 400
    message = _nl("Nobody with this BSN is known within your remit.")
    assert message in other_municipality.text and message in unknown.text
    assert "Binnen uw bevoegdheid is niemand met dit BSN bekend." in unknown.text
    assert "Wijchenaar" not in other_municipality.text
    # The two answers differ in nothing but the CSRF token.
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert strip.sub("", other_municipality.text) == strip.sub("", unknown.text)
    assert not ProcessingLogEntry.objects.filter(
        actor=officer_nijmegen, data_subject_uuid=wijchen_resident.uuid
    ).exists()


def test_werkbedrijfs_officer_answers_for_every_municipality(
    client_for, officer_werkbedrijf, wijchen_resident
):
    assert Flow(client_for(officer_werkbedrijf)).search(WIJCHEN_BSN).status_code == 302


def test_an_invalid_bsn_gets_the_dutch_message(client_for, officer_nijmegen):
    response = client_for(officer_nijmegen).post(URL, {"bsn": "123456789"})
    assert response.status_code == 400
    assert "Dit is geen geldig BSN (het voldoet niet aan de 11-proef)." in response.text
    assert 'aria-invalid="true"' in response.text or "utrecht-form-field--invalid" in response.text
    assert "123456789" not in response.text  # the number typed is not echoed back


@pytest.mark.parametrize(
    "role,org",
    [
        (Role.CONSULTANT, "werkbedrijf_org"),
        (Role.DVO_ADMIN, "werkbedrijf_org"),
        (Role.FUNCTIONAL_ADMIN, "werkbedrijf_org"),
        (Role.INCOME_CASE_MANAGER, "nijmegen"),
        (Role.POLICY_ADVISER, "nijmegen"),
        (Role.BOARD_MEMBER, "mgr_org"),
    ],
)
def test_other_roles_are_refused(request, client_for, make_user, person, role, org):
    client = client_for(make_user(role, request.getfixturevalue(org)))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bsn": BSN}).status_code == 403
    token_url = reverse("privacy:access_request_result", args=["abc"])
    assert client.get(token_url).status_code == 403
    assert client.get(token_url + "export.xlsx").status_code == 403
    assert not ProcessingLogEntry.objects.filter(purpose=ACCESS_REQUEST.purpose).exists()


def test_not_signed_in_goes_to_the_login(client, person):
    response = client.post(URL, {"bsn": BSN})
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert BSN not in response["Location"]


def test_a_token_works_only_in_the_session_that_made_it(
    client_for, officer_werkbedrijf, make_user, werkbedrijf_org, person
):
    response = Flow(client_for(officer_werkbedrijf)).search(BSN)
    colleague = client_for(make_user(Role.PRIVACY_OFFICER, werkbedrijf_org))
    assert colleague.get(response["Location"]).status_code == 404
    assert colleague.get(response["Location"] + "export.xlsx").status_code == 404


def test_a_privacy_officer_has_no_caseload_and_changes_nothing(
    client_for, officer_werkbedrijf, officer_nijmegen, person
):
    for officer in (officer_werkbedrijf, officer_nijmegen):
        assert not policy.can_view_candidates(officer)
        assert not policy.can_view_candidate(officer, person)
        assert not policy.candidate_scope(officer, Candidate.objects.all()).exists()
        client = client_for(officer)
        assert client.get(f"/kandidaten/{person.uuid}/").status_code in (403, 404)
        assert client.get("/kandidaten/").status_code == 403


def test_the_role_fits_a_municipality_and_werkbedrijf_only(mgr_org, nijmegen, werkbedrijf_org):
    for org in (nijmegen, werkbedrijf_org):
        create_staff_account(
            username=f"fg-{org.pk}", organisation=org, roles=[Role.PRIVACY_OFFICER], password=None
        )
    with pytest.raises(ValidationError):
        create_staff_account(
            username="fg-mgr", organisation=mgr_org, roles=[Role.PRIVACY_OFFICER], password=None
        )


def test_the_home_page_and_navigation_lead_to_the_access_request(client_for, officer_nijmegen):
    page = client_for(officer_nijmegen).get("/")
    assert page.text.count(f'href="{URL}"') >= 2  # the navigation and the task on the home page
    assert _nl("Access requests") in page.text


# --- logging, and no BSN in URLs --------------------------------------------------------------------


def test_the_request_and_the_export_are_logged_without_the_bsn(
    client_for, officer_nijmegen, person
):
    Flow(client_for(officer_nijmegen)).download(BSN)
    entries = ProcessingLogEntry.objects.filter(purpose=ACCESS_REQUEST.purpose).order_by("id")
    assert [(e.action, e.detail) for e in entries] == [
        ("read", "access-request:search"),
        ("read", "access-request:summary"),
        ("export", "access-request:export"),
    ]
    for entry in entries:
        assert entry.data_subject_uuid == person.uuid
        assert entry.actor == officer_nijmegen
        assert entry.organisation_name == "Nijmegen"
        assert entry.legal_basis == "AVG art. 15 en art. 6 lid 1 sub c"
        assert entry.processing_activity == "access-request"
    for entry in ProcessingLogEntry.objects.all():
        assert all(BSN not in str(v) for v in entry.__dict__.values())


def test_a_search_that_finds_nobody_is_logged_without_a_subject(client_for, officer_nijmegen):
    client_for(officer_nijmegen).post(URL, {"bsn": UNKNOWN_BSN})
    entry = ProcessingLogEntry.objects.get(purpose=ACCESS_REQUEST.purpose)
    assert entry.data_subject_uuid is None and entry.detail == "access-request:not-found"
    assert UNKNOWN_BSN not in str(entry.__dict__)


def test_the_bsn_is_in_no_url_of_the_flow(client_for, officer_werkbedrijf, person):
    flow = Flow(client_for(officer_werkbedrijf))
    page, export = flow.download(BSN)
    flow.search("999 99 0019")  # typed with spaces: the same person
    hrefs = re.findall(r'(?:href|action)="([^"]*)"', page.text)
    assert len(flow.urls) >= 4
    for url in flow.urls + hrefs:
        assert BSN not in url and "0019" not in url.replace(str(person.uuid), ""), url
        assert str(person.uuid) not in url  # not even the internal id: an opaque token


def test_an_expired_request_must_be_searched_again(
    client_for, officer_werkbedrijf, person, monkeypatch
):
    flow = Flow(client_for(officer_werkbedrijf))
    location = flow.search(BSN)["Location"]
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert flow.get(location).status_code == 404


def test_the_export_reads_a_fixed_number_of_queries_however_much_is_held(
    officer_werkbedrijf, person, consultant
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbedrijf.candidates.models import IntakeNote, JourneyStep

    def queries():
        with CaptureQueriesContext(connection) as captured:
            exports.workbook(services.export_report(officer_werkbedrijf, person))
        return len(captured)

    queries()  # the officer's roles and organisation are read once, then cached on the account
    before = queries()
    trajectory = person.trajectories.get()
    for day in range(1, 21):
        JourneyStep.objects.create(
            trajectory=trajectory,
            to_phase="intake",
            occurred_on=f"2026-02-{day:02d}",
            recorded_by=consultant,
        )
        IntakeNote.objects.create(
            trajectory=trajectory,
            theme="current",
            text=f"notitie {day}",
            author=consultant,
            written_on=f"2026-02-{day:02d}",
        )
    assert queries() == before
