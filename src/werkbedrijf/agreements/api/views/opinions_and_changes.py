"""Opinions on a draft, and mid-term changes of an adopted agreement (art. 16.3)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.choices import LineInputSerializer
from werkbedrijf.agreements.api.serializers.opinions_and_changes import (
    AnswerInputSerializer,
    ChoiceChangeInputSerializer,
    ChoiceChangeSerializer,
    OpinionInputSerializer,
    OpinionSerializer,
)
from werkbedrijf.api.base import ApiView, refused_as, run, validated


class OpinionView(ApiView):
    parser_classes = (JSONParser, MultiPartParser)

    @extend_schema(
        operation_id="listOpinions",
        description="De zienswijzen van de gemeente, de wensen van de raad en het advies van de cliëntenraad bij deze overeenkomst, met hun documenten.",
        summary="Zienswijzen, wensen van de raad en advies van de cliëntenraad",
        responses=OpinionSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        opinions = selectors.opinions_of(municipal_agreement)
        return Response(OpinionSerializer(opinions, many=True).data)

    @extend_schema(
        operation_id="createOpinion",
        summary="Een zienswijze vastleggen",
        description="Als JSON, of als multipart/form-data met een document. Door de eigen "
        "gemeente of een DVO-beheerder, zolang de DVO niet is vastgesteld.",
        request=OpinionInputSerializer,
        responses={201: OpinionSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_record_opinion(request.user, municipal_agreement))
        data = validated(OpinionInputSerializer, request.data)
        with refused_as():
            opinion = services.record_opinion(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                kind=data["kind"],
                text=data["text"],
                received_on=data["receivedOn"],
                document=data["document"],
            )
        return Response(OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


class OpinionAnswerView(ApiView):
    parser_classes = (JSONParser, MultiPartParser)

    @extend_schema(
        operation_id="answerOpinion",
        summary="Het antwoord van het college op een wens of advies vastleggen",
        description="Het antwoord van het college op een wens van de raad, een advies van de "
        "cliëntenraad of een zienswijze, met datum, kenmerk en wat ermee gedaan is. Als JSON, of "
        "als multipart/form-data met het antwoorddocument. Door de eigen gemeente of een "
        "DVO-beheerder; een antwoord van vóór de ontvangst wordt geweigerd met 400.",
        request={
            "application/json": AnswerInputSerializer,
            "multipart/form-data": AnswerInputSerializer,
        },
        responses=OpinionSerializer,
    )
    def post(self, request, uuid):
        opinion = selectors.get_opinion(request.user, uuid)
        policy.require(policy.can_answer_opinion(request.user, opinion))
        data = validated(AnswerInputSerializer, request.data)
        opinion = run(
            services.answer_opinion,
            actor=request.user,
            opinion=opinion,
            answer=data["answer"],
            answered_on=data["answeredOn"],
            answer_reference=data["answerReference"],
            action_taken=data["actionTaken"],
            document=data["document"],
        )
        return Response(OpinionSerializer(opinion).data)


class ChoiceChangeView(ApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="listChoiceChanges",
        description="De tussentijdse wijzigingen van de lokale keuzes (art. 16.3), elk met beide schriftelijke instemmingen en de keuzes ervoor en erna.",
        summary="Tussentijdse wijzigingen van de lokale keuzes (art. 16.3)",
        responses=ChoiceChangeSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        changes = selectors.changes_of(municipal_agreement)
        return Response(ChoiceChangeSerializer(changes, many=True).data)

    @extend_schema(
        operation_id="createChoiceChange",
        summary="De keuzes van een vastgestelde DVO tussentijds wijzigen",
        description="Alleen met de schriftelijke instemming van de gemeente én van het DB, elk "
        "met datum en document. De oude keuzes eindigen de dag vóór `effectiveFrom`; de "
        "geschiedenis blijft zichtbaar. Alleen een DVO-beheerder.",
        request={"multipart/form-data": ChoiceChangeInputSerializer},
        responses={201: ChoiceChangeSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_record_midterm_change(request.user, municipal_agreement))
        data = validated(ChoiceChangeInputSerializer, request.data)
        with refused_as():
            change = services.change_choices_midterm(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                effective_from=data["effectiveFrom"],
                reason=data["reason"],
                lines=[LineInputSerializer.to_line(line) for line in data["lines"]],
                municipality_consent_on=data["municipalityConsentOn"],
                municipality_consent_document=data["municipalityConsentDocument"],
                board_consent_on=data["boardConsentOn"],
                board_consent_document=data["boardConsentDocument"],
            )
        change = selectors.changes_of(municipal_agreement).get(pk=change.pk)
        return Response(ChoiceChangeSerializer(change).data, status=status.HTTP_201_CREATED)
