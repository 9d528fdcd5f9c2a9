"""Composing, checking, adopting and changing local choices through the services."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.models import LocalChoice, MunicipalAgreement
from werkbedrijf.agreements.services import LineInput

pytestmark = pytest.mark.django_db


def card(agreement, code):
    return str(agreement.catalogue.services.get(code=code).uuid)


@pytest.fixture
def nijmegen_ma(draft_dvo, nijmegen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=nijmegen)


@pytest.fixture
def wijchen_ma(draft_dvo, wijchen):
    return MunicipalAgreement.objects.get(agreement=draft_dvo, municipality=wijchen)


def test_adviser_composes_own_choices_with_card_price_as_default(
    draft_dvo, nijmegen_ma, policy_adviser_nijmegen
):
    saved = services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[
            LineInput(service=card(draft_dvo, "zorgjongeren"), quantity=18),
            LineInput(custom_name="Kwartiermaker", agreed_amount="35000"),
        ],
    )
    assert [c.agreed_amount for c in saved] == [D(54000), D(35000)]


def test_adviser_cannot_change_another_municipalitys_choices(
    draft_dvo, wijchen_ma, policy_adviser_nijmegen
):
    with pytest.raises(AccessDenied):
        services.save_choices(
            actor=policy_adviser_nijmegen,
            municipal_agreement=wijchen_ma,
            year=2024,
            lines=[LineInput(custom_name="X", agreed_amount=1)],
        )
    assert not LocalChoice.objects.filter(municipal_agreement=wijchen_ma).exists()


def test_adviser_cannot_see_another_municipalitys_draft(wijchen_ma, policy_adviser_nijmegen):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.get_municipal_agreement(policy_adviser_nijmegen, wijchen_ma.uuid)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (dict(code="maatwerk-interventies", quantity=0), "quantity"),
        (dict(code="maatwerk-interventies", quantity=-10), "quantity"),
        (dict(code="maatwerk-interventies", quantity="2.5"), "quantity"),
        (dict(code="zorgjongeren", quantity=10, year=2025), "quantity"),
        (
            dict(code="maatwerk-interventies", quantity=10, agreed_amount="30000.001"),
            "agreed_amount",
        ),
        (dict(code=None, quantity=None, agreed_amount=None), "agreed_amount"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_saved(
    draft_dvo, nijmegen_ma, policy_adviser_nijmegen, line, field
):
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2025,
        lines=[LineInput(service=card(draft_dvo, "participatiecoaching"), quantity="0.5")],
    )
    code = line.pop("code")
    year = line.pop("year", 2025)
    good = LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=10)
    bad = LineInput(
        service=card(draft_dvo, code) if code else None,
        custom_name="" if code else "Eigen dienst",
        **line,
    )
    with pytest.raises(ValidationError) as error:
        services.save_choices(
            actor=policy_adviser_nijmegen,
            municipal_agreement=nijmegen_ma,
            year=year,
            lines=[good, bad],
        )
    assert f"lines.1.{field}" in error.value.message_dict
    remaining = list(LocalChoice.objects.filter(municipal_agreement=nijmegen_ma))
    assert [(c.year, c.quantity) for c in remaining] == [(2025, D("0.50"))]


def test_unknown_service_is_refused(nijmegen_ma, policy_adviser_nijmegen):
    import uuid

    with pytest.raises(ValidationError) as error:
        services.save_choices(
            actor=policy_adviser_nijmegen,
            municipal_agreement=nijmegen_ma,
            year=2024,
            lines=[LineInput(service=str(uuid.uuid4()), quantity=1)],
        )
    assert "lines.0.service" in error.value.message_dict


def test_year_outside_the_agreement_is_refused(nijmegen_ma, policy_adviser_nijmegen):
    with pytest.raises(ValidationError) as error:
        services.save_choices(
            actor=policy_adviser_nijmegen, municipal_agreement=nijmegen_ma, year=2026, lines=[]
        )
    assert "year" in error.value.message_dict


def test_adopting_needs_every_deviation_accepted(
    draft_dvo, nijmegen_ma, dvo_admin, policy_adviser_nijmegen
):
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[
            LineInput(
                service=card(draft_dvo, "maatwerk-interventies"),
                quantity=40,
                agreed_amount="125000",
            )
        ],
    )
    services.transition_agreement(
        actor=dvo_admin,
        agreement=draft_dvo,
        target="opinions_requested",
        opinion_deadline=date(2024, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.transition_agreement(
            actor=dvo_admin, agreement=draft_dvo, target="adopted", decided_on=date(2024, 6, 20)
        )
    assert "status" in error.value.message_dict
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "opinions_requested"
    report = selectors.check_municipal_year(nijmegen_ma, 2024)
    assert {f.kind for f in report.unaccepted} == {"overrun", "price_deviation"}
    for finding in report.unaccepted:
        services.accept_deviation(
            actor=dvo_admin,
            municipal_agreement=nijmegen_ma,
            year=2024,
            finding_key=finding.key,
            reason="Besproken in het DB.",
        )
    services.transition_agreement(
        actor=dvo_admin, agreement=draft_dvo, target="adopted", decided_on=date(2024, 6, 20)
    )
    draft_dvo.refresh_from_db()
    assert draft_dvo.status == "adopted" and draft_dvo.adopted_on == date(2024, 6, 20)
    assert list(draft_dvo.status_changes.values_list("to_status", flat=True)) == [
        "opinions_requested",
        "adopted",
    ]


def test_acceptance_needs_a_reason_and_an_administrator(
    draft_dvo, nijmegen_ma, dvo_admin, policy_adviser_nijmegen
):
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[LineInput(custom_name="X", agreed_amount="200000")],
    )
    finding = selectors.check_municipal_year(nijmegen_ma, 2024).unaccepted[0]
    with pytest.raises(AccessDenied):
        services.accept_deviation(
            actor=policy_adviser_nijmegen,
            municipal_agreement=nijmegen_ma,
            year=2024,
            finding_key=finding.key,
            reason="ok",
        )
    with pytest.raises(ValidationError):
        services.accept_deviation(
            actor=dvo_admin,
            municipal_agreement=nijmegen_ma,
            year=2024,
            finding_key=finding.key,
            reason="  ",
        )


def test_changed_choice_needs_a_fresh_acceptance(
    draft_dvo, nijmegen_ma, dvo_admin, policy_adviser_nijmegen
):
    lines = [LineInput(custom_name="X", agreed_amount="110000")]
    services.save_choices(
        actor=policy_adviser_nijmegen, municipal_agreement=nijmegen_ma, year=2024, lines=lines
    )
    report = selectors.check_municipal_year(nijmegen_ma, 2024)
    overrun = [f for f in report.unaccepted if f.kind == "overrun"][0]
    services.accept_deviation(
        actor=dvo_admin,
        municipal_agreement=nijmegen_ma,
        year=2024,
        finding_key=overrun.key,
        reason="Akkoord",
    )
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[LineInput(custom_name="X", agreed_amount="120000")],
    )
    kinds = {f.kind for f in selectors.check_municipal_year(nijmegen_ma, 2024).unaccepted}
    assert "overrun" in kinds


def _adopt(draft_dvo, dvo_admin):
    draft_dvo.status = "adopted"
    draft_dvo.adopted_on = date(2024, 6, 20)
    draft_dvo.save()


def test_adopted_choices_change_only_with_both_consents(
    draft_dvo, nijmegen_ma, dvo_admin, policy_adviser_nijmegen
):
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2025,
        lines=[LineInput(service=card(draft_dvo, "maatwerk-interventies"), quantity=30)],
    )
    _adopt(draft_dvo, dvo_admin)
    nijmegen_ma.refresh_from_db()
    with pytest.raises(AccessDenied):
        services.save_choices(
            actor=policy_adviser_nijmegen, municipal_agreement=nijmegen_ma, year=2025, lines=[]
        )
    new = [LineInput(service=card(draft_dvo, "participatiecoaching"), quantity="1")]
    kwargs = dict(
        actor=dvo_admin,
        municipal_agreement=nijmegen_ma,
        year=2025,
        effective_from=date(2025, 7, 1),
        reason="Meer coaching",
        lines=new,
        municipality_consent_on=date(2025, 6, 1),
        board_consent_on=date(2025, 6, 15),
        board_consent_document=SimpleUploadedFile("db.pdf", b"%PDF-1.4 db"),
    )
    with pytest.raises(ValidationError) as error:
        services.change_choices_midterm(municipality_consent_document=None, **kwargs)
    assert "municipality_consent_document" in error.value.message_dict
    assert LocalChoice.objects.filter(municipal_agreement=nijmegen_ma).count() == 1

    kwargs["board_consent_document"] = SimpleUploadedFile("db.pdf", b"%PDF-1.4 db")
    change = services.change_choices_midterm(
        municipality_consent_document=SimpleUploadedFile("gemeente.pdf", b"%PDF-1.4 g"), **kwargs
    )
    history = list(selectors.choice_history(nijmegen_ma, 2025))
    assert [(c.label, c.valid_from, c.valid_until) for c in history] == [
        ("Maatwerk-interventies", None, date(2025, 6, 30)),
        ("Participatiecoaching", date(2025, 7, 1), None),
    ]
    assert history[0].ended_by == change and history[1].introduced_by == change
    assert [c.label for c in selectors.current_choices(nijmegen_ma, 2025)] == [
        "Participatiecoaching"
    ]
    assert [c.label for c in selectors.current_choices(nijmegen_ma, 2025, on=date(2025, 3, 1))] == [
        "Maatwerk-interventies"
    ]


def test_saving_the_draft_again_keeps_an_accepted_deviation_of_an_unchanged_line(
    draft_dvo, nijmegen_ma, dvo_admin, policy_adviser_nijmegen
):
    zorgjongeren = card(draft_dvo, "zorgjongeren")
    lines = [
        LineInput(service=zorgjongeren, quantity=18, agreed_amount="50000"),
        LineInput(custom_name="Kwartiermaker", agreed_amount="35000"),
    ]
    services.save_choices(
        actor=policy_adviser_nijmegen, municipal_agreement=nijmegen_ma, year=2024, lines=lines
    )
    (deviation,) = [
        f
        for f in selectors.check_municipal_year(nijmegen_ma, 2024).unaccepted
        if f.kind == "price_deviation"
    ]
    services.accept_deviation(
        actor=dvo_admin,
        municipal_agreement=nijmegen_ma,
        year=2024,
        finding_key=deviation.key,
        reason="Korting afgesproken.",
    )
    kept_uuid = LocalChoice.objects.get(municipal_agreement=nijmegen_ma, service__isnull=False).uuid

    # Saved again with the lines in another order, a new note and a third line: the priced line
    # is the same row, so its acceptance still holds.
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[
            LineInput(custom_name="Kwartiermaker", agreed_amount="35000"),
            LineInput(service=zorgjongeren, quantity=18, agreed_amount="50000.00", note="Nieuw"),
            LineInput(custom_name="Pilot", agreed_amount="1000"),
        ],
    )
    row = LocalChoice.objects.get(municipal_agreement=nijmegen_ma, service__isnull=False)
    assert row.uuid == kept_uuid and row.position == 2 and row.note == "Nieuw"
    assert LocalChoice.objects.filter(municipal_agreement=nijmegen_ma, year=2024).count() == 3
    kinds = {f.kind for f in selectors.check_municipal_year(nijmegen_ma, 2024).unaccepted}
    assert "price_deviation" not in kinds

    # A changed figure is another deviation: it needs its own acceptance.
    services.save_choices(
        actor=policy_adviser_nijmegen,
        municipal_agreement=nijmegen_ma,
        year=2024,
        lines=[LineInput(service=zorgjongeren, quantity=18, agreed_amount="45000")],
    )
    kinds = {f.kind for f in selectors.check_municipal_year(nijmegen_ma, 2024).unaccepted}
    assert "price_deviation" in kinds
    assert LocalChoice.objects.filter(municipal_agreement=nijmegen_ma, year=2024).count() == 1
