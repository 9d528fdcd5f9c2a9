"""The catalogue of WerkBedrijf's tasks whose cost is counted: the regional tasks of art. 1 of the
DVO 2024-2025 (a-d), the card items of its bijlage 2 (keuzekaart) and management and support;
and the functions whose hours are registered. Loaded with the reference data, safe to repeat."""

from __future__ import annotations

from werkbedrijf.reference_data import dvo_2024_2025

from .models import CostTask, StaffFunction, TaskKind

REGIONAL_TASKS = [
    ("arbeidsbemiddeling", "Arbeidsbemiddeling (art. 1a)"),
    ("op-weg-naar-werk", "Arrangementen in Op Weg Naar Werk (art. 1b)"),
    ("sociale-werkvoorziening", "Sociale werkvoorziening (art. 1c)"),
    ("activering", "Activering (art. 1d)"),
]
SUPPORT_TASKS = [("management-en-ondersteuning", "Management en ondersteuning")]
FUNCTIONS = [
    ("consulent", "Consulent werk"),
    ("consulent-bdv", "Consulent bedrijfsdienstverlening"),
    ("jobcoach", "Jobcoach"),
    ("teamleider", "Teamleider"),
    ("ondersteuning", "Administratief ondersteuner"),
]


def load_cost_catalogue() -> None:
    for position, (code, name) in enumerate(REGIONAL_TASKS, start=1):
        CostTask.objects.update_or_create(
            code=code, defaults={"name": name, "kind": TaskKind.REGIONAL, "position": position}
        )
    for number, code, name, *_rest in dvo_2024_2025.SERVICES:
        CostTask.objects.update_or_create(
            code=code,
            defaults={
                "name": f"{name} (keuzekaart {number})",
                "kind": TaskKind.CARD_ITEM,
                "service_code": code,
                "position": 10 + number,
            },
        )
    for code, name in SUPPORT_TASKS:
        CostTask.objects.update_or_create(
            code=code, defaults={"name": name, "kind": TaskKind.SUPPORT, "position": 90}
        )
    for code, name in FUNCTIONS:
        StaffFunction.objects.update_or_create(code=code, defaults={"name": name})
