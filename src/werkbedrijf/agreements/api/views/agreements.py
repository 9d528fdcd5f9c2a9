"""The DVO versions and the steps of their cycle."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.agreements import (
    AgreementSerializer,
    TransitionInputSerializer,
)
from werkbedrijf.agreements.api.serializers.cycle import CycleStepSerializer
from werkbedrijf.agreements.api.serializers.versions import AgreementInputSerializer
from werkbedrijf.api.base import ApiView, refused_as, run, validated

from .versions import create_agreement


class AgreementListView(ApiView):
    @extend_schema(
        operation_id="listAgreements",
        summary="De DVO-versies",
        description="Elke DVO-versie met haar looptijd, status en statusgeschiedenis. Een "
        "vastgestelde DVO is openbaar voor alle medewerkers.",
        responses=AgreementSerializer(many=True),
    )
    def get(self, request):
        agreements = selectors.agreements_for(request.user).prefetch_related("status_changes")
        return Response(AgreementSerializer(agreements, many=True).data)

    @extend_schema(
        operation_id="createAgreement",
        summary="Een nieuwe DVO-versie aanmaken",
        description="Alleen een DVO-beheerder. De versie begint als concept met een overeenkomst "
        "per gekozen gemeente en een kopie van de keuzekaart van `copyFrom`. Een periode die "
        "een vastgestelde DVO voor dezelfde gemeenten overlapt, wordt geweigerd. Met "
        "`standardSteps=true` worden ook de standaardstappen van de cyclus gepland (zie "
        "`createStandardCycleSteps`).",
        request=AgreementInputSerializer,
        responses={201: AgreementSerializer},
    )
    def post(self, request):
        return create_agreement(request)


class AgreementDetailView(ApiView):
    @extend_schema(
        operation_id="getAgreement",
        description="Een DVO-versie met haar periode, status (ook de status die uit de datums volgt: van kracht, verlopen of stilzwijgend verlengd) en de statuswijzigingen. Elke medewerker ziet de DVO-versies zelf.",
        summary="Eén DVO-versie",
        responses=AgreementSerializer,
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        return Response(AgreementSerializer(agreement).data)


class AgreementTransitionView(ApiView):
    @extend_schema(
        operation_id="createAgreementTransition",
        summary="De cyclus een stap verder zetten",
        description="Concept → zienswijzen gevraagd → vastgesteld (of terug naar concept). "
        "Alleen een DVO-beheerder. Vaststellen kan pas als elke afwijking in de budgetcontrole "
        "met reden is geaccepteerd. Het antwoord is de DVO-versie na de stap.",
        request=TransitionInputSerializer,
        responses={201: AgreementSerializer},
    )
    def post(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        policy.require(policy.can_manage_cycle(request.user))
        data = validated(TransitionInputSerializer, request.data)
        with refused_as({"status": "target"}):
            agreement = services.transition_agreement(
                actor=request.user,
                agreement=agreement,
                target=data["target"],
                reason=data["reason"],
                decided_on=data["decidedOn"],
                opinion_deadline=data["opinionDeadline"],
            )
        return Response(AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementStandardStepsView(ApiView):
    @extend_schema(
        operation_id="createStandardCycleSteps",
        tags=["cycle-steps"],
        summary="De standaardstappen van de cyclus plannen",
        description="Alleen een DVO-beheerder, voor een DVO-versie die nog geen stappen heeft "
        "(anders 400). Gepland worden, met termijnen afgeleid van de looptijd zoals in de cyclus "
        "2026-2027: ontwerp naar de colleges (eind van de derde maand vóór de start), per "
        "gemeente raad en cliëntenraad gevraagd (eind van de tweede maand ervoor), per gemeente "
        "zienswijze en lokale keuzes (eind van de eerste maand), vaststelling door het dagelijks "
        "bestuur (eind van de tweede maand), ondertekening per gemeente (eind van de derde maand) "
        "en, als er een tweede jaar is, per gemeente de bijstelling van de keuzes van dat jaar in "
        "het vierde kwartaal van het eerste jaar. Daarna zijn het gewone stappen "
        "(`updateCycleStep`). Het antwoord: alle stappen van de versie.",
        request=None,
        responses={201: CycleStepSerializer(many=True)},
    )
    def post(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        policy.require(policy.can_manage_cycle(request.user))
        run(services.plan_standard_steps, actor=request.user, agreement=agreement)
        rows = selectors.cycle_steps(request.user, timezone.localdate(), agreement)
        return Response(CycleStepSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)
