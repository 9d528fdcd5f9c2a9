"""The agreements per municipality and their budgets."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.api.serializers.municipal_agreements import (
    BudgetSerializer,
    MunicipalAgreementFilterSerializer,
    MunicipalAgreementSerializer,
)
from werkbedrijf.api.base import ApiView, validated


class MunicipalAgreementListView(ApiView):
    @extend_schema(
        operation_id="listMunicipalAgreements",
        summary="De overeenkomsten per gemeente",
        description="Vastgestelde overeenkomsten ziet iedere medewerker; een concept alleen de "
        "eigen gemeente en WerkBedrijf.",
        parameters=[MunicipalAgreementFilterSerializer],
        responses=MunicipalAgreementSerializer(many=True),
    )
    def get(self, request):
        # A plain dict: from a QueryDict DRF reads an empty value as absent, so
        # ?municipality= would silently list everything instead of being refused.
        filters = validated(MunicipalAgreementFilterSerializer, request.query_params.dict())
        municipal_agreements = selectors.municipal_agreements_for(request.user)
        if "agreement" in filters:
            municipal_agreements = municipal_agreements.filter(agreement__uuid=filters["agreement"])
        if "municipality" in filters:
            municipal_agreements = municipal_agreements.filter(
                municipality__uuid=filters["municipality"]
            )
        return Response(MunicipalAgreementSerializer(municipal_agreements, many=True).data)


class MunicipalAgreementDetailView(ApiView):
    @extend_schema(
        operation_id="getMunicipalAgreement",
        description="De overeenkomst van één gemeente binnen een DVO-versie: de status van zienswijze en ondertekening. Een concept ziet alleen WerkBedrijf en de gemeente zelf.",
        summary="Eén overeenkomst van een gemeente",
        responses=MunicipalAgreementSerializer,
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        return Response(MunicipalAgreementSerializer(municipal_agreement).data)


class BudgetListView(ApiView):
    @extend_schema(
        operation_id="listBudgets",
        description="Het budget voor lokale keuzes per jaar van deze gemeente, met de verdeelsleutel, de basis en de verplichtingen uit het verleden waaruit het volgt.",
        summary="Het budget voor lokale keuzes per jaar",
        responses=BudgetSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        price_unit = selectors.card_terms(municipal_agreement).price_unit
        context = {
            "price_unit": price_unit,
            "effective_amount": lambda budget: selectors.budget_amount(budget, price_unit),
        }
        budgets = selectors.budgets_of(municipal_agreement)
        return Response(BudgetSerializer(budgets, many=True, context=context).data)
