"""The agreement as a document: the DVO 2024-2025 for Nijmegen generated from the data, read
back from the PDF (pypdf) and the DOCX (python-docx)."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document as WordDocument
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.documents.generate import agreement_document
from werkbedrijf.agreements.models import (
    AgreementVersion,
    CatalogueService,
    DocumentTemplate,
    LocalChoice,
)
from werkbedrijf.agreements.policies import comparison
from werkbedrijf.agreements.policies import documents as rules
from werkbedrijf.utils.numbers import euro


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(content: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return _flat("\n".join(parts))


def _docx_rows(content: bytes) -> list[list[str]]:
    word = WordDocument(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]


@pytest.fixture
def nijmegen_2024(reference_dvo, nijmegen):
    return reference_dvo.municipal_agreements.get(municipality=nijmegen)


def _expected_choices(article: str):
    """(text as written, amount) of every choice of art. ``article`` as the reference data hold it."""
    choices = LocalChoice.objects.filter(
        municipal_agreement__agreement__title="DVO 2024-2025",
        municipal_agreement__article=article,
    ).order_by("year", "position")
    assert choices.exists()
    return [(c.source_text, euro(c.agreed_amount)) for c in choices]


def _expected_card():
    services_ = CatalogueService.objects.filter(catalogue__agreement__title="DVO 2024-2025")
    assert services_.count() == 7
    return [(s.name, s.unit_label, euro(s.price)) for s in services_]


@pytest.mark.parametrize("article", ["5", "10"])
def test_the_pdf_holds_the_articles_choices_and_amounts_and_the_card_prices(
    nijmegen_2024, policy_adviser_nijmegen, article
):
    content, content_type, filename = agreement_document(
        policy_adviser_nijmegen, nijmegen_2024, "pdf"
    )
    assert content_type == "application/pdf" and filename.endswith(".pdf")
    text = _pdf_text(content)
    for written, amount in _expected_choices(article):
        # the row: the text as written, the quantity bought, the amount
        assert re.search(re.escape(written) + r" [^€]*" + re.escape(amount), text), written
    for name, unit, price in _expected_card():
        assert f"{name} {unit} {price}" in text, (name, price)
    assert "Berg en Dal heeft in 2024 een budget van € 310.000 en in 2025 van € 270.000." in text
    assert "Deze overeenkomst gaat in op 1 juli 2024 en eindigt op 31 december 2025." in text


@pytest.mark.parametrize("article", ["5", "10"])
def test_the_docx_holds_the_articles_choices_and_amounts_and_the_card_prices(
    nijmegen_2024, policy_adviser_nijmegen, article
):
    content, _type, _name = agreement_document(policy_adviser_nijmegen, nijmegen_2024, "docx")
    rows = _docx_rows(content)
    for written, amount in _expected_choices(article):
        assert any(row[1] == written and row[3] == amount for row in rows), (written, amount)
    for name, unit, price in _expected_card():
        assert any(row[1:] == [name, unit, price] for row in rows), (name, price)
    text = _docx_text(content)
    assert "Artikel 10 Nijmegen" in text and "Artikel 5 Berg en Dal" in text


def test_the_signed_copy_shows_the_municipalitys_signature(nijmegen_2024, dvo_admin):
    services.record_signature(
        actor=dvo_admin,
        municipal_agreement=nijmegen_2024,
        signed_on=date(2024, 8, 27),
        signed_by="J.A.R. Brom, wethouder Werk en Inkomen",
    )
    nijmegen_2024.refresh_from_db()
    content, _type, filename = agreement_document(dvo_admin, nijmegen_2024, "pdf", signed=True)
    text = _pdf_text(content)
    assert "J.A.R. Brom, wethouder Werk en Inkomen, ondertekend op 27 augustus 2024" in text
    assert "besluit van 20 juni 2024" in text
    assert "ondertekend" in filename


def test_a_signed_copy_of_an_agreement_not_adopted_is_refused(reference_dvo, dvo_admin, nijmegen):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    ma = draft.municipal_agreements.get(municipality=nijmegen)
    with pytest.raises(ValidationError) as exc:
        agreement_document(dvo_admin, ma, "pdf", signed=True)
    assert exc.value.code == "not_adopted"


def test_a_draft_document_holds_only_the_municipalities_the_user_may_see(
    reference_dvo, policy_adviser_nijmegen, nijmegen
):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    ma = selectors.get_municipal_agreement(
        policy_adviser_nijmegen, draft.municipal_agreements.get(municipality=nijmegen).uuid
    )
    content, _type, _name = agreement_document(policy_adviser_nijmegen, ma, "docx")
    text = _docx_text(content)
    assert "Participatiecoaches" in text and "Artikel 10 Nijmegen" in text
    assert "Wijchen" not in text.split("Bijlage 2")[0].split("Artikel 4")[1]


def test_a_template_with_an_unknown_placeholder_is_refused_in_dutch(reference_dvo, dvo_admin):
    from django.utils import translation

    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        services.save_document_template(
            actor=dvo_admin, agreement=draft, text="# {{ titel }}\nBudget: {{ budget_2027 }}\n"
        )
    message = exc.value.message_dict["text"][0]
    assert "{{ budget_2027 }}" in message and "niet bestaat" in message
    assert "{{ titel }}" in message.split("niet bestaat")[1]  # the known ones are named
    assert not DocumentTemplate.objects.filter(agreement=draft).exists()


def test_the_administrators_template_is_used(reference_dvo, dvo_admin, nijmegen):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    services.save_document_template(
        actor=dvo_admin,
        agreement=draft,
        text="# {{ citeertitel }}\nAfspraken met {{ gemeente }}.\n{{ lokale_afspraken }}\n",
    )
    ma = draft.municipal_agreements.get(municipality=nijmegen)
    text = _docx_text(agreement_document(dvo_admin, ma, "docx")[0])
    assert "Afspraken met Nijmegen." in text
    assert "Bijlage 2 Keuzekaart" in text  # not placed: appended


def test_an_adopted_agreements_template_cannot_change(reference_dvo, dvo_admin):
    with pytest.raises(ValidationError) as exc:
        services.save_document_template(actor=dvo_admin, agreement=reference_dvo, text="# x\n")
    assert exc.value.message_dict["text"][0]


def test_only_a_dvo_administrator_edits_the_template(reference_dvo, policy_adviser_nijmegen):
    draft = AgreementVersion.objects.get(title="DVO 2026-2027")
    with pytest.raises(AccessDenied):
        services.save_document_template(actor=policy_adviser_nijmegen, agreement=draft, text="x")


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=20)


@given(name=names)
def test_a_placeholder_is_unknown_exactly_when_it_is_not_declared(name):
    text = f"Tekst {{{{ {name} }}}} meer"
    assert (rules.unknown_placeholders(text) == [name]) == (name not in rules.PLACEHOLDERS)


@given(values=st.dictionaries(st.sampled_from(sorted(rules.VALUE_PLACEHOLDERS)), names))
def test_filling_leaves_no_value_placeholder(values):
    text = " ".join("{{ %s }}" % n for n in rules.VALUE_PLACEHOLDERS)  # noqa: UP031
    filled = rules.fill(text, values)
    assert rules.placeholders_in(filled) == []
    for value in values.values():
        assert value in filled


items = st.lists(
    st.builds(
        comparison.Item,
        label=st.sampled_from(["Participatiecoaching", "Maatwerk-interventies", "Events", "X"]),
        quantity=st.one_of(st.none(), st.decimals(min_value=1, max_value=300, places=1)),
        unit=st.just(""),
        amount=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=0)),
    ),
    max_size=6,
)


@given(old=items, new=items)
def test_every_service_of_either_version_is_compared_once(old, new):
    found = comparison.compare(old, new)
    keys = [comparison.key(d.label) for d in found]
    assert len(keys) == len(set(keys))
    assert set(keys) == {comparison.key(i.label) for i in old + new}
    for d in found:
        assert (d.status == comparison.ADDED) == (d.old is None)
        assert (d.status == comparison.DROPPED) == (d.new is None)


def test_nijmegen_2025_against_2026_names_what_was_added_dropped_and_changed():
    D = Decimal
    old = [
        comparison.Item("Maatwerk-interventies", D(265), "kandidaten", D(795000)),
        comparison.Item("Events", D(4), "", D(40000)),
    ]
    new = [
        comparison.Item("Participatiecoaches", D(2), "fte", None),
        comparison.Item("Maatwerkinterventies", None, "", None),
    ]
    found = {d.label: d.status for d in comparison.compare(old, new)}
    assert found == {
        "Participatiecoaches": "added",
        "Maatwerkinterventies": "changed",
        "Events": "dropped",
    }
