"""In Debian's chromium: the work list of the DVO cycle (mark a step done, export it) and the
agreement as a document (download the PDF and the DOCX and read them back)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument
from playwright.sync_api import expect
from pypdf import PdfReader

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import AgreementVersion, CycleStep

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.console_problems = problems
    yield page
    context.close()


def test_the_work_list_marks_a_step_done_and_exports(
    transactional_db, live_server, page, log_in, make_user, nijmegen, reference_dvo
):
    adviser = make_user(Role.POLICY_ADVISER, nijmegen, username="beleid.nijmegen")
    # The promised review falls within the coming month, whatever day the test runs.
    due = timezone.localdate() + timedelta(days=10)
    CycleStep.objects.filter(kind__in=["review", "revision"]).update(due_on=due)
    review = CycleStep.objects.get(kind="review")

    log_in(page, adviser.username, "00000001")
    page.get_by_role("link", name="Termijnen").first.click()
    mine = page.locator('table[data-steps="mine"]')
    row = mine.locator('tr[data-step-kind="review"]')
    expect(row).to_contain_text(due.strftime("%d-%m-%Y"))
    expect(row).to_contain_text("Binnenkort")
    expect(mine.locator('tr[data-step-kind="revision"]')).to_be_visible()
    expect(mine.locator('tr[data-step-kind="board_adopts"]')).to_have_count(0)

    with page.expect_download() as download:
        page.click('a[data-export="mine-xlsx"]')
    with open(download.value.path(), "rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).active
    titles = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert review.title in titles

    row.get_by_label("Hoe het is gedaan").fill("Inventarisatie bij Buurt- en Inkomenteams")
    row.get_by_role("button", name="Markeren als gedaan").click()
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()
    expect(page.locator('table[data-steps="mine"] tr[data-step-kind="review"]')).to_have_count(0)
    review.refresh_from_db()
    assert review.done_on == timezone.localdate()
    assert not [p for p in page.console_problems if "Content Security Policy" in p]


def test_the_agreement_downloads_as_pdf_and_docx(
    transactional_db, live_server, page, log_in, make_user, nijmegen, reference_dvo
):
    adviser = make_user(Role.POLICY_ADVISER, nijmegen, username="beleid.nijmegen")
    ma = reference_dvo.municipal_agreements.get(municipality=nijmegen)
    log_in(page, adviser.username, "00000001")
    page.goto(live_server.url + reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}))

    with page.expect_download() as download:
        page.click('a[data-document="pdf"]')
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Artikel 10 Nijmegen" in text
    assert "Kwartiermaker Economisch Collectief Nijmegen" in text and "€ 35.000" in text
    assert "Maatwerk-interventies 10 kandidaten € 30.000" in text

    with page.expect_download() as download:
        page.click('a[data-document="docx"]')
    word = WordDocument(download.value.path())
    rows = [[c.text for c in r.cells] for t in word.tables for r in t.rows]
    assert [
        "a.",
        "1 x extra arbeidsbemiddeling op locatie",
        "1 dagdelen per week",
        "€ 10.000",
    ] in rows

    # The draft 2026-2027 has no signed copy to offer.
    draft = AgreementVersion.objects.get(title="DVO 2026-2027").municipal_agreements.get(
        municipality=nijmegen
    )
    page.goto(
        live_server.url + reverse("agreements:municipal_agreement", kwargs={"uuid": draft.uuid})
    )
    expect(page.locator('a[data-document="pdf"]')).to_be_visible()
    expect(page.locator('a[data-document="signed"]')).to_have_count(0)
    assert not [p for p in page.console_problems if "Content Security Policy" in p]
