"""Local choices: list, add, replace a year, change and delete, with ETags."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.api.serializers.choices import (
    ChoiceInputSerializer,
    ChoiceSerializer,
    LineInputSerializer,
    YearChoicesInputSerializer,
)
from werkbedrijf.api.base import ApiView, refused_as, validated
from werkbedrijf.api.conditional import (
    IF_MATCH,
    YEAR_IF_MATCH,
    etag,
    etag_header,
    expected_token,
    expected_version,
    location_header,
    token_etag,
    year_etag_header,
)

from .parameters import YEAR, query_flag, query_year

SINGLE_LINE = {"lines.0.": ""}  # a service checks one choice as line 0 of a list


def _choice_response(choice, status_code=status.HTTP_200_OK, request=None) -> Response:
    response = Response(ChoiceSerializer(choice).data, status=status_code)
    response["ETag"] = etag(choice.lock_version)
    if status_code == status.HTTP_201_CREATED:
        url = reverse("api-choice-detail", kwargs={"uuid": choice.uuid})
        response["Location"] = request.build_absolute_uri(url)
    return response


class MunicipalChoicesView(ApiView):
    @extend_schema(
        operation_id="listChoices",
        summary="De lokale keuzes",
        description="De keuzes die nu gelden, per jaar en positie. Met `history=true` ook de "
        "keuzes die een tussentijdse wijziging heeft beëindigd (met validFrom/validUntil).",
        parameters=[
            YEAR,
            OpenApiParameter(
                "history",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description="Ook beëindigde keuzes tonen.",
            ),
            year_etag_header(200),
        ],
        responses=ChoiceSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = query_year(request, municipal_agreement.agreement, required=False)
        read = (
            selectors.choice_history
            if query_flag(request, "history")
            else selectors.current_choices
        )
        choices = []
        for each in [year] if year else municipal_agreement.agreement.years:
            choices.extend(
                read(municipal_agreement, each).select_related(
                    "municipal_agreement", "introduced_by", "ended_by"
                )
            )
        response = Response(ChoiceSerializer(choices, many=True).data)
        if year:
            response["ETag"] = token_etag(selectors.choices_version(municipal_agreement, year))
        return response

    @extend_schema(
        operation_id="createChoice",
        summary="Eén keuze toevoegen",
        description="Een dienst van de keuzekaart (`service`, met `quantity`) of een dienst die "
        "niet op de kaart staat (`customName`, met `agreedAmount`). Zonder `agreedAmount` kost "
        "een kaartdienst aantal × kaartprijs. Alleen in een concept of tijdens de zienswijzen, "
        "door de eigen gemeente of een DVO-beheerder.",
        request=ChoiceInputSerializer,
        responses={201: ChoiceSerializer},
        parameters=[location_header(), etag_header(201)],
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, municipal_agreement))
        data = validated(ChoiceInputSerializer, request.data)
        with refused_as(SINGLE_LINE):
            choice = services.add_choice(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                line=LineInputSerializer.to_line(data),
            )
        return _choice_response(choice, status.HTTP_201_CREATED, request)

    @extend_schema(
        operation_id="replaceYearChoices",
        summary="Alle keuzes van een jaar vervangen",
        description="De regels vervangen alle keuzes van het jaar. Eén ongeldige regel en er "
        "wordt niets opgeslagen; `invalidParams` noemt elke fout als `lines.<n>.<veld>`. Stuur "
        "de ETag van `GET …/choices?year=` mee in If-Match, dan gaat er geen wijziging van een "
        "ander verloren.",
        request=YearChoicesInputSerializer,
        responses=ChoiceSerializer(many=True),
        parameters=[YEAR_IF_MATCH, year_etag_header(200)],
    )
    def put(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, municipal_agreement))
        expected = expected_token(request)
        data = validated(YearChoicesInputSerializer, request.data)
        with refused_as():
            saved = services.save_choices(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                lines=[LineInputSerializer.to_line(line) for line in data["lines"]],
                expected_version=expected,
            )
        response = Response(ChoiceSerializer(saved, many=True).data)
        response["ETag"] = token_etag(selectors.choices_version(municipal_agreement, data["year"]))
        return response


class ChoiceDetailView(ApiView):
    @extend_schema(
        operation_id="getChoice",
        description="Een lokale keuze van een gemeente voor één jaar, met aantal, afgesproken bedrag en toelichting. De ETag is de versie van de keuze; stuur die mee in If-Match bij wijzigen of verwijderen.",
        summary="Eén keuze",
        responses=ChoiceSerializer,
        parameters=[etag_header(200)],
    )
    def get(self, request, uuid):
        return _choice_response(selectors.get_choice(request.user, uuid))

    @extend_schema(
        operation_id="replaceChoice",
        summary="Een keuze vervangen",
        description="Het jaar blijft. Zonder `agreedAmount` kost een kaartdienst aantal × "
        "kaartprijs.",
        request=LineInputSerializer,
        responses=ChoiceSerializer,
        parameters=[IF_MATCH, etag_header(200)],
    )
    def put(self, request, uuid):
        return self._update(request, uuid, partial=False)

    @extend_schema(
        operation_id="updateChoice",
        summary="Een keuze deels wijzigen",
        description="Alleen de genoemde velden veranderen. Om van een kaartdienst een dienst "
        "buiten de kaart te maken: `service: null` met `customName`. `agreedAmount: null` zet "
        "het bedrag op aantal × kaartprijs.",
        request=LineInputSerializer,
        responses=ChoiceSerializer,
        parameters=[IF_MATCH, etag_header(200)],
    )
    def patch(self, request, uuid):
        return self._update(request, uuid, partial=True)

    def _update(self, request, uuid, *, partial: bool):
        choice = selectors.get_choice(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, choice.municipal_agreement))
        version = expected_version(request)
        data = validated(LineInputSerializer, request.data, partial=partial)
        if partial:
            data = {**LineInputSerializer.from_choice(choice), **data}
        with refused_as(SINGLE_LINE):
            choice = services.update_choice(
                actor=request.user,
                choice=choice,
                line=LineInputSerializer.to_line(data),
                expected_version=version,
            )
        return _choice_response(choice)

    @extend_schema(
        operation_id="deleteChoice",
        description="Verwijdert een lokale keuze zolang de DVO nog niet is vastgesteld. Stuur de ETag mee in If-Match; heeft iemand anders de keuze intussen gewijzigd, dan is het antwoord 412 en blijft alles staan.",
        summary="Een keuze verwijderen",
        parameters=[IF_MATCH],
        responses={204: OpenApiResponse(description="Verwijderd.")},
    )
    def delete(self, request, uuid):
        choice = selectors.get_choice(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, choice.municipal_agreement))
        services.delete_choice(
            actor=request.user, choice=choice, expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
