"""A new DVO version, a service of its keuzekaart and a municipality's budget for a year, as a DVO
administrator sets them up before adoption."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.agreements import AgreementSerializer
from werkbedrijf.agreements.api.serializers.catalogues import CatalogueServiceSerializer
from werkbedrijf.agreements.api.serializers.municipal_agreements import BudgetSerializer
from werkbedrijf.agreements.api.serializers.versions import (
    AgreementInputSerializer,
    BudgetInputSerializer,
    CatalogueServiceInputSerializer,
)
from werkbedrijf.api.base import ApiView, invalid, refused_as, validated


def create_agreement(request):
    """POST /agreements (on the list view): a new draft version."""
    policy.require(policy.can_create_agreement(request.user))
    data = validated(AgreementInputSerializer, request.data)
    source = None
    if data["copyFrom"] is not None:
        source = selectors.agreements_for(request.user).filter(uuid=data["copyFrom"]).first()
        if source is None:
            raise invalid("copyFrom", _("There is no such agreement."), "unknown_agreement")
    with refused_as():
        agreement = services.create_version(
            actor=request.user,
            data=services.VersionInput(
                title=data["title"],
                citation_title=data["citationTitle"],
                period_start=data["periodStart"],
                period_end=data["periodEnd"],
                municipalities=[str(u) for u in data["municipalities"]],
                copy_from=source,
                budget_rule=data["budgetRule"],
                standard_steps=data["standardSteps"],
            ),
        )
    return Response(AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class CatalogueServiceView(ApiView):
    @extend_schema(
        operation_id="getCatalogueService",
        tags=["catalogues"],
        summary="Eén dienst van een keuzekaart",
        description="Een dienst met eenheid, prijs per bundel en de jaren waarin hij wordt "
        "aangeboden.",
        responses=CatalogueServiceSerializer,
    )
    def get(self, request, uuid):
        service = selectors.get_catalogue_service(request.user, uuid)
        return Response(CatalogueServiceSerializer(service).data)

    @extend_schema(
        operation_id="updateCatalogueService",
        tags=["catalogues"],
        summary="Prijs, eenheid of beschikbaarheid van een kaartdienst wijzigen",
        description="Alleen een DVO-beheerder, en alleen op een kaart die nog niet is "
        "vastgesteld. Een prijs is groter dan 0 en een eenheid heeft een naam; de jaren liggen "
        "binnen de looptijd. Velden die ontbreken houden hun waarde.",
        request=CatalogueServiceInputSerializer,
        responses=CatalogueServiceSerializer,
    )
    def patch(self, request, uuid):
        service = selectors.get_catalogue_service(request.user, uuid)
        policy.require(policy.can_edit_catalogue(request.user, service.catalogue.agreement))
        data = validated(CatalogueServiceInputSerializer, request.data, partial=True)
        current = {
            "price": None if service.price is None else f"{service.price:f}",
            "unit_kind": service.unit_kind,
            "unit_label": service.unit_label,
            "quantity_label": service.quantity_label,
            "available_from_year": service.available_from_year,
            "available_until_year": service.available_until_year,
        }
        names = {
            "price": "price",
            "unitKind": "unit_kind",
            "unitLabel": "unit_label",
            "quantityLabel": "quantity_label",
            "availableFromYear": "available_from_year",
            "availableUntilYear": "available_until_year",
        }
        for api_name, name in names.items():
            if api_name in data:
                current[name] = data[api_name]
        with refused_as():
            service = services.update_service(
                actor=request.user, service=service, data=services.ServiceInput(**current)
            )
        return Response(CatalogueServiceSerializer(service).data)


class BudgetYearView(ApiView):
    @extend_schema(
        operation_id="replaceBudget",
        summary="Het budget van een gemeente voor een jaar vastleggen",
        description="Alleen een DVO-beheerder, vóór de vaststelling. Een bedrag, of een aandeel "
        "(meer dan 0 en hoogstens 100 %) van een basisbudget min de oude verplichtingen; een "
        "gegeven bedrag gaat voor. Alles of niets: één fout en er wordt niets opgeslagen.",
        request=BudgetInputSerializer,
        responses=BudgetSerializer,
    )
    def put(self, request, uuid, year):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_edit_budgets(request.user, municipal_agreement.agreement))
        data = validated(BudgetInputSerializer, request.data)
        with refused_as():
            budget = services.save_budget(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=year,
                data=services.BudgetInput(
                    amount=data.get("amount"),
                    share_percentage=data.get("sharePercentage"),
                    base_name=data["baseName"],
                    base_amount=data.get("baseAmount"),
                    legacy_obligations=data.get("legacyObligations"),
                    points=data.get("points"),
                    note=data["note"],
                ),
            )
        price_unit = selectors.card_terms(municipal_agreement).price_unit
        context = {
            "price_unit": price_unit,
            "effective_amount": lambda b: selectors.budget_amount(b, price_unit),
        }
        return Response(BudgetSerializer(budget, context=context).data)
