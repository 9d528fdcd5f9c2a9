"""The budget check of a year, and accepting its deviations before adoption."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.check import (
    CheckSerializer,
    DeviationAcceptanceInputSerializer,
    DeviationAcceptanceSerializer,
)
from werkbedrijf.api.base import ApiView, refused_as, validated

from .parameters import YEAR, YEAR_REQUIRED, query_year


class CheckView(ApiView):
    @extend_schema(
        operation_id="getBudgetCheck",
        summary="De budgetcontrole van een jaar",
        description="Het totaal tegen het budget, met elke bevinding: overschrijding, "
        "prijsafwijking (afgesproken bedrag ≠ aantal × kaartprijs), aantallen buiten minimum of "
        "maximum, breuken waar de eenheid die niet toestaat, diensten die dat jaar niet "
        "beschikbaar zijn en diensten die niet op de kaart staan.",
        parameters=[YEAR_REQUIRED],
        responses=CheckSerializer,
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = query_year(request, municipal_agreement.agreement, required=True)
        report = selectors.check_municipal_year(municipal_agreement, year)
        return Response(CheckSerializer(CheckSerializer.from_report(report)).data)


class DeviationAcceptanceView(ApiView):
    @extend_schema(
        operation_id="listDeviationAcceptances",
        description="De afwijkingen van de keuzekaart die de DVO-beheerder heeft geaccepteerd, met reden en door wie; met `year` alleen die van één jaar.",
        summary="Geaccepteerde afwijkingen",
        parameters=[YEAR],
        responses=DeviationAcceptanceSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = query_year(request, municipal_agreement.agreement, required=False)
        acceptances = selectors.acceptances_of(municipal_agreement, year)
        return Response(DeviationAcceptanceSerializer(acceptances, many=True).data)

    @extend_schema(
        operation_id="createDeviationAcceptance",
        summary="Een afwijking accepteren",
        description="Alleen een DVO-beheerder, met reden. `findingKey` is de `key` van een "
        "bevinding die acceptatie vraagt; verandert een bedrag, dan is een nieuwe acceptatie "
        "nodig.",
        request=DeviationAcceptanceInputSerializer,
        responses={201: DeviationAcceptanceSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_accept_deviations(request.user))
        data = validated(DeviationAcceptanceInputSerializer, request.data)
        with refused_as():
            acceptance = services.accept_deviation(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                finding_key=data["findingKey"],
                reason=data["reason"],
            )
        return Response(
            DeviationAcceptanceSerializer(acceptance).data, status=status.HTTP_201_CREATED
        )
