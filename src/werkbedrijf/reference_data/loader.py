"""Load the reference data from the source documents. Safe to run twice: it updates, never doubles."""

from decimal import Decimal

from django.db import transaction

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import (
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    CycleStep,
    DeviationAcceptance,
    ExtraWork,
    LocalChoice,
    MunicipalAgreement,
    Opinion,
    PointClass,
    StatusChange,
)
from werkbedrijf.matching.catalogue import load_matching_reference_data
from werkbedrijf.organisations.models import Organisation

from . import dvo_2021_2022, dvo_2024_2025, dvo_2026_2027
from .organisations import MUNICIPALITIES, load_organisations, mgr, werkbedrijf


@transaction.atomic
def load_reference_data() -> None:
    region = load_organisations()
    _load_2021_2022(region)
    _load_2024_2025(region)
    _load_2026_2027(region)
    load_matching_reference_data()
    from werkbedrijf.costs.reference import load_cost_catalogue

    load_cost_catalogue()


def _agreement(region, data: dict, source: str) -> AgreementVersion:
    defaults = {k: v for k, v in data.items() if k != "title"}
    agreement, created = AgreementVersion.objects.update_or_create(
        title=data["title"], defaults={**defaults, "region": region, "source": source}
    )
    if created and data["status"] == "adopted":
        StatusChange.objects.create(
            agreement=agreement,
            from_status="draft",
            to_status="adopted",
            decided_on=data.get("adopted_on"),
            reason=f"Referentiegegevens uit {source}.",
        )
    elif created and data["status"] == "opinions_requested":
        StatusChange.objects.create(
            agreement=agreement,
            from_status="draft",
            to_status="opinions_requested",
            reason=f"Referentiegegevens uit {source}.",
        )
    return agreement


def _municipal(agreement, code, **fields) -> MunicipalAgreement:
    ma, _ = MunicipalAgreement.objects.update_or_create(
        agreement=agreement, municipality=Organisation.objects.get(cbs_code=code), defaults=fields
    )
    return ma


def _choice(ma, year, position, **fields) -> LocalChoice:
    choice, _ = LocalChoice.objects.update_or_create(
        municipal_agreement=ma, year=year, position=position, introduced_by=None, defaults=fields
    )
    return choice


def _load_2024_2025(region) -> None:
    data = dvo_2024_2025
    agreement = _agreement(region, data.AGREEMENT, data.SOURCE)
    catalogue, _ = Catalogue.objects.update_or_create(
        agreement=agreement, defaults={"price_unit": "eur", "max_services": None}
    )
    services = {}
    for (
        number,
        code,
        name,
        unit_kind,
        unit_label,
        quantity_label,
        bundle,
        price,
        fractions,
        until,
    ) in data.SERVICES:
        services[code], _ = CatalogueService.objects.update_or_create(
            catalogue=catalogue,
            code=code,
            defaults={
                "number": number,
                "name": name,
                "unit_kind": unit_kind,
                "unit_label": unit_label,
                "quantity_label": quantity_label,
                "bundle_size": bundle,
                "price": price,
                "allows_fractions": fractions,
                "available_until_year": until,
                "description": data.SERVICE_DESCRIPTIONS.get(code, ""),
                "printed_options": [f"{unit_label} – € {int(price):,}".replace(",", ".")],
            },
        )
    for code, muni in data.MUNICIPALITIES.items():
        ma = _municipal(
            agreement,
            code,
            article=muni["article"],
            aim=muni["aim"],
            signed_on=muni.get("signed_on"),
            signed_by=muni.get("signed_by", ""),
        )
        for year in agreement.years:
            Budget.objects.update_or_create(
                municipal_agreement=ma,
                year=year,
                defaults={
                    "amount": muni["budgets"][year],
                    "share_percentage": Decimal(15),
                    "base_name": "Werkbudget",
                    "legacy_obligations": muni["legacy"][year],
                    "note": "Bedrag na aftrek van de oude verplichtingen (toelichting keuzekaart).",
                },
            )
            for position, (service, quantity, amount, written, custom) in enumerate(
                muni["choices"][year], start=1
            ):
                _choice(
                    ma,
                    year,
                    position,
                    service=services.get(service) if service else None,
                    custom_name=custom,
                    quantity=quantity,
                    agreed_amount=amount,
                    source_text=written,
                    note=muni.get("custom_notes", {}).get(custom, ""),
                )
        for work in muni.get("extra_work", []):
            ExtraWork.objects.update_or_create(
                municipal_agreement=ma,
                description=work["description"],
                defaults={k: v for k, v in work.items() if k != "description"},
            )
        _accept_adopted_findings(ma, agreement)


def _accept_adopted_findings(ma, agreement) -> None:
    """The board adopted this DVO with its deviations in it (20-06-2024). Record that as the
    acceptance, so the check shows each deviation as accepted, with where that comes from."""
    for year in agreement.years:
        report = selectors.check_municipal_year(ma, year)
        for finding in report.check.needing_acceptance():
            DeviationAcceptance.objects.get_or_create(
                municipal_agreement=ma,
                year=year,
                finding_key=finding.key,
                defaults={
                    "reason": "Opgenomen in de DVO zoals vastgesteld door het dagelijks "
                    "bestuur op 20-06-2024 (referentiegegevens, "
                    f"{dvo_2024_2025.SOURCE})."
                },
            )


def _load_2021_2022(region) -> None:
    data = dvo_2021_2022
    agreement = _agreement(region, data.AGREEMENT, data.SOURCE)
    card = data.CATALOGUE
    catalogue, _ = Catalogue.objects.update_or_create(
        agreement=agreement,
        defaults={
            "price_unit": card["price_unit"],
            "max_services": card["max_services"],
            "notes": card["notes"],
        },
    )
    catalogue.reduced_minimum_municipalities.set(
        Organisation.objects.filter(cbs_code__in=card["reduced_minimum"])
    )
    classes = {}
    for code, name, value, members in data.POINT_CLASSES:
        point_class, _ = PointClass.objects.update_or_create(
            catalogue=catalogue,
            code=code,
            defaults={"name": name, "euro_value": value, "approximate": True},
        )
        point_class.municipalities.set(Organisation.objects.filter(cbs_code__in=members))
        for member in members:
            classes[member] = point_class
    for (
        number,
        code,
        name,
        unit_kind,
        quantity_label,
        options,
        minimum,
        price,
        max_price,
    ) in data.SERVICES:
        CatalogueService.objects.update_or_create(
            catalogue=catalogue,
            code=code,
            defaults={
                "number": number,
                "name": name,
                "unit_kind": unit_kind,
                "unit_label": options[0].split(" – ")[0],
                "quantity_label": quantity_label,
                "bundle_size": minimum,
                "price": price,
                "minimum_quantity": minimum,
                "maximum_price": max_price,
                "printed_options": options,
            },
        )
    for code in MUNICIPALITIES:
        article, aim = data.AIMS[code]
        ma = _municipal(agreement, code, article=article, aim=aim)
        points, euros = data.BUDGETS[code]
        for year in agreement.years:
            Budget.objects.update_or_create(
                municipal_agreement=ma,
                year=year,
                defaults={
                    "points": points,
                    "point_class": classes[code],
                    "amount": euros,
                    "share_percentage": Decimal(25),
                    "base_name": "Participatiebudget (klassiek)",
                    "note": "Pepers per jaar; het eurobedrag is het cirkeldiagram in de toelichting "
                    "op de keuzekaart (25% van het Participatiebudget minus de langlopende "
                    "verplichtingen).",
                },
            )


def _load_2026_2027(region) -> None:
    data = dvo_2026_2027
    agreement = _agreement(region, data.AGREEMENT, data.SOURCE)
    Catalogue.objects.update_or_create(
        agreement=agreement,
        defaults={
            "price_unit": "eur",
            "notes": "De keuzekaart 2026-2027 staat niet in de brondocumenten.",
        },
    )
    for code in MUNICIPALITIES:
        ma = _municipal(agreement, code)
        for year in agreement.years:
            Budget.objects.update_or_create(
                municipal_agreement=ma,
                year=year,
                defaults={
                    "share_percentage": Decimal(15),
                    "base_name": "Participatiebudget",
                    "note": "Bedrag niet bekend uit de brondocumenten.",
                },
            )
    nijmegen = MunicipalAgreement.objects.get(agreement=agreement, municipality__cbs_code="GM0268")
    nijmegen.article = "10"
    nijmegen.save(update_fields=["article"])
    for year, lines in data.NIJMEGEN_CHOICES.items():
        for position, (name, unit, quantity) in enumerate(lines, start=1):
            _choice(
                nijmegen,
                year,
                position,
                service=None,
                custom_name=name,
                custom_unit=unit,
                activity_kind=data.NIJMEGEN_KINDS.get(name, ""),
                quantity=quantity,
                agreed_amount=None,
                source_text=name,
                note="Voorgenomen keuze (brief 28 oktober 2025); bedrag niet genoemd.",
            )
    ExtraWork.objects.update_or_create(
        municipal_agreement=nijmegen,
        description=data.NIJMEGEN_EXTRA_WORK["description"],
        defaults={"note": data.NIJMEGEN_EXTRA_WORK["note"]},
    )
    # The council's wishes were once one record; they are answered one by one.
    Opinion.objects.filter(
        municipal_agreement=nijmegen, kind="council_wishes", number=None
    ).delete()
    opinions = {}
    for kind, number, received_on, text, answer, action in data.NIJMEGEN_OPINIONS:
        opinions[kind, number], _ = Opinion.objects.update_or_create(
            municipal_agreement=nijmegen,
            kind=kind,
            number=number,
            defaults={
                "received_on": received_on,
                "text": text,
                "answer": answer,
                "answered_on": data.LETTER_DATE if answer else None,
                "answer_reference": data.LETTER if answer else "",
                "action_taken": action,
            },
        )
    _load_steps(agreement, data.STEPS, opinions)


def _load_steps(agreement, steps, opinions) -> None:
    actors = {"werkbedrijf": werkbedrijf(), "mgr": mgr()}
    loaded: dict[str, CycleStep] = {}
    for step in steps:
        role, who = step["who"]
        organisation = actors.get(who) or Organisation.objects.get(cbs_code=who)
        municipal = (
            MunicipalAgreement.objects.get(
                agreement=agreement, municipality__cbs_code=step["municipal"]
            )
            if step.get("municipal")
            else None
        )
        loaded[step["key"]], _ = CycleStep.objects.update_or_create(
            agreement=agreement,
            title=step["title"],
            defaults={
                "kind": step["kind"],
                "due_on": step["due_on"],
                "done_on": step.get("done_on"),
                "done_note": step.get("done_note", ""),
                "description": step.get("description", ""),
                "actor_role": role,
                "actor_organisation": organisation,
                "municipal_agreement": municipal,
                "depends_on": loaded.get(step.get("after", "")),
                "opinion": opinions.get(step.get("opinion")),
                "source": step["source"],
            },
        )
