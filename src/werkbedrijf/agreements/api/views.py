"""The DVO API views: thin. Find the record through a scoped selector (else 404), check the
request's shape, call the service, answer. Rules live in agreements.services and .policies; who
may do what in access.policy."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.models import CatalogueService
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

from . import serializers as s

SINGLE_LINE = {"lines.0.": ""}  # a service checks one choice as line 0 of a list


def _year(request, agreement, *, required: bool) -> int | None:
    # Absent is "every year" (or refused when required); present but empty (?year=) is not a
    # number and is refused, rather than read as absent.
    if "year" not in request.query_params:
        if required:
            raise ValidationError({"year": [ErrorDetail(_("Give a year."), code="required")]})
        return None
    raw = request.query_params["year"].strip()
    try:
        year = int(raw)
    except ValueError:
        raise ValidationError(
            {"year": [ErrorDetail(_("Enter a whole number."), code="invalid")]}
        ) from None
    if year not in agreement.years:
        message = _("%(year)s is outside the agreement's period (%(first)s-%(last)s).") % {
            "year": year,
            "first": agreement.years[0],
            "last": agreement.years[-1],
        }
        raise ValidationError({"year": [ErrorDetail(message, code="year_outside_agreement")]})
    return year


def _flag(request, name: str) -> bool:
    """A boolean in the query string: absent is false; anything but true/false (or 1/0) is
    refused, as DRF's BooleanField does for the candidate API."""
    if name not in request.query_params:
        return False
    raw = request.query_params[name].strip().lower()
    if raw in {"true", "1"}:
        return True
    if raw in {"false", "0"}:
        return False
    raise ValidationError({name: [ErrorDetail(_("Expected true or false."), code="invalid")]})


YEAR = OpenApiParameter(
    "year", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Een jaar van de overeenkomst."
)
YEAR_REQUIRED = OpenApiParameter(
    "year",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=True,
    description="Een jaar van de overeenkomst.",
)


# --- agreements ---------------------------------------------------------------------------------


class AgreementListView(ApiView):
    @extend_schema(
        operation_id="listAgreements",
        summary="De DVO-versies",
        description="Elke DVO-versie met haar looptijd, status en statusgeschiedenis. Een "
        "vastgestelde DVO is openbaar voor alle medewerkers.",
        responses=s.AgreementSerializer(many=True),
    )
    def get(self, request):
        agreements = selectors.agreements_for(request.user).prefetch_related("status_changes")
        return Response(s.AgreementSerializer(agreements, many=True).data)


class AgreementDetailView(ApiView):
    @extend_schema(
        operation_id="getAgreement", summary="Eén DVO-versie", responses=s.AgreementSerializer
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        return Response(s.AgreementSerializer(agreement).data)


class AgreementTransitionView(ApiView):
    @extend_schema(
        operation_id="createAgreementTransition",
        summary="De cyclus een stap verder zetten",
        description="Concept → zienswijzen gevraagd → vastgesteld (of terug naar concept). "
        "Alleen een DVO-beheerder. Vaststellen kan pas als elke afwijking in de budgetcontrole "
        "met reden is geaccepteerd. Het antwoord is de DVO-versie na de stap.",
        request=s.TransitionInputSerializer,
        responses={201: s.AgreementSerializer},
    )
    def post(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        policy.require(policy.can_manage_cycle(request.user))
        data = validated(s.TransitionInputSerializer, request.data)
        with refused_as({"status": "target"}):
            agreement = services.transition_agreement(
                actor=request.user,
                agreement=agreement,
                target=data["target"],
                reason=data["reason"],
                decided_on=data["decidedOn"],
                opinion_deadline=data["opinionDeadline"],
            )
        return Response(s.AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


# --- the keuzekaart -----------------------------------------------------------------------------


def _catalogues(queryset):
    return queryset.prefetch_related(
        Prefetch("services", queryset=CatalogueService.objects.order_by("number")),
        "point_classes",
        "reduced_minimum_municipalities",
    )


class CatalogueListView(ApiView):
    @extend_schema(
        operation_id="listCatalogues",
        summary="De keuzekaarten",
        description="Per DVO-versie de keuzekaart met haar diensten, prijzen en voorwaarden.",
        responses=s.CatalogueSerializer(many=True),
    )
    def get(self, request):
        catalogues = _catalogues(selectors.catalogues_for(request.user))
        return Response(s.CatalogueSerializer(catalogues, many=True).data)


class CatalogueDetailView(ApiView):
    @extend_schema(
        operation_id="getCatalogue", summary="Eén keuzekaart", responses=s.CatalogueSerializer
    )
    def get(self, request, uuid):
        catalogue = selectors.get_catalogue(request.user, uuid)
        return Response(s.CatalogueSerializer(catalogue).data)


class AgreementCatalogueView(ApiView):
    @extend_schema(
        operation_id="getAgreementCatalogue",
        summary="De keuzekaart van een DVO-versie",
        responses=s.CatalogueSerializer,
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        return Response(s.CatalogueSerializer(selectors.catalogue_of(request.user, agreement)).data)


# --- municipal agreements and budgets -----------------------------------------------------------


class MunicipalAgreementListView(ApiView):
    @extend_schema(
        operation_id="listMunicipalAgreements",
        summary="De overeenkomsten per gemeente",
        description="Vastgestelde overeenkomsten ziet iedere medewerker; een concept alleen de "
        "eigen gemeente en WerkBedrijf.",
        parameters=[s.MunicipalAgreementFilterSerializer],
        responses=s.MunicipalAgreementSerializer(many=True),
    )
    def get(self, request):
        # A plain dict: from a QueryDict DRF reads an empty value as absent, so
        # ?municipality= would silently list everything instead of being refused.
        filters = validated(s.MunicipalAgreementFilterSerializer, request.query_params.dict())
        municipal_agreements = selectors.municipal_agreements_for(request.user)
        if "agreement" in filters:
            municipal_agreements = municipal_agreements.filter(agreement__uuid=filters["agreement"])
        if "municipality" in filters:
            municipal_agreements = municipal_agreements.filter(
                municipality__uuid=filters["municipality"]
            )
        return Response(s.MunicipalAgreementSerializer(municipal_agreements, many=True).data)


class MunicipalAgreementDetailView(ApiView):
    @extend_schema(
        operation_id="getMunicipalAgreement",
        summary="Eén overeenkomst van een gemeente",
        responses=s.MunicipalAgreementSerializer,
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        return Response(s.MunicipalAgreementSerializer(municipal_agreement).data)


class BudgetListView(ApiView):
    @extend_schema(
        operation_id="listBudgets",
        summary="Het budget voor lokale keuzes per jaar",
        responses=s.BudgetSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        price_unit = selectors.card_terms(municipal_agreement).price_unit
        context = {
            "price_unit": price_unit,
            "effective_amount": lambda budget: selectors.budget_amount(budget, price_unit),
        }
        budgets = selectors.budgets_of(municipal_agreement)
        return Response(s.BudgetSerializer(budgets, many=True, context=context).data)


# --- local choices ------------------------------------------------------------------------------


def _choice_response(choice, status_code=status.HTTP_200_OK, request=None) -> Response:
    response = Response(s.ChoiceSerializer(choice).data, status=status_code)
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
        responses=s.ChoiceSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = _year(request, municipal_agreement.agreement, required=False)
        read = selectors.choice_history if _flag(request, "history") else selectors.current_choices
        choices = []
        for each in [year] if year else municipal_agreement.agreement.years:
            choices.extend(
                read(municipal_agreement, each).select_related(
                    "municipal_agreement", "introduced_by", "ended_by"
                )
            )
        response = Response(s.ChoiceSerializer(choices, many=True).data)
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
        request=s.ChoiceInputSerializer,
        responses={201: s.ChoiceSerializer},
        parameters=[location_header(), etag_header(201)],
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, municipal_agreement))
        data = validated(s.ChoiceInputSerializer, request.data)
        with refused_as(SINGLE_LINE):
            choice = services.add_choice(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                line=s.LineInputSerializer.to_line(data),
            )
        return _choice_response(choice, status.HTTP_201_CREATED, request)

    @extend_schema(
        operation_id="replaceYearChoices",
        summary="Alle keuzes van een jaar vervangen",
        description="De regels vervangen alle keuzes van het jaar. Eén ongeldige regel en er "
        "wordt niets opgeslagen; `invalidParams` noemt elke fout als `lines.<n>.<veld>`. Stuur "
        "de ETag van `GET …/choices?year=` mee in If-Match, dan gaat er geen wijziging van een "
        "ander verloren.",
        request=s.YearChoicesInputSerializer,
        responses=s.ChoiceSerializer(many=True),
        parameters=[YEAR_IF_MATCH, year_etag_header(200)],
    )
    def put(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, municipal_agreement))
        expected = expected_token(request)
        data = validated(s.YearChoicesInputSerializer, request.data)
        with refused_as():
            saved = services.save_choices(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                lines=[s.LineInputSerializer.to_line(line) for line in data["lines"]],
                expected_version=expected,
            )
        response = Response(s.ChoiceSerializer(saved, many=True).data)
        response["ETag"] = token_etag(selectors.choices_version(municipal_agreement, data["year"]))
        return response


class ChoiceDetailView(ApiView):
    @extend_schema(
        operation_id="getChoice",
        summary="Eén keuze",
        responses=s.ChoiceSerializer,
        parameters=[etag_header(200)],
    )
    def get(self, request, uuid):
        return _choice_response(selectors.get_choice(request.user, uuid))

    @extend_schema(
        operation_id="replaceChoice",
        summary="Een keuze vervangen",
        description="Het jaar blijft. Zonder `agreedAmount` kost een kaartdienst aantal × "
        "kaartprijs.",
        request=s.LineInputSerializer,
        responses=s.ChoiceSerializer,
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
        request=s.LineInputSerializer,
        responses=s.ChoiceSerializer,
        parameters=[IF_MATCH, etag_header(200)],
    )
    def patch(self, request, uuid):
        return self._update(request, uuid, partial=True)

    def _update(self, request, uuid, *, partial: bool):
        choice = selectors.get_choice(request.user, uuid)
        policy.require(policy.can_edit_choices(request.user, choice.municipal_agreement))
        version = expected_version(request)
        data = validated(s.LineInputSerializer, request.data, partial=partial)
        if partial:
            data = {**s.LineInputSerializer.from_choice(choice), **data}
        with refused_as(SINGLE_LINE):
            choice = services.update_choice(
                actor=request.user,
                choice=choice,
                line=s.LineInputSerializer.to_line(data),
                expected_version=version,
            )
        return _choice_response(choice)

    @extend_schema(
        operation_id="deleteChoice",
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


# --- the budget check and accepted deviations ---------------------------------------------------


class CheckView(ApiView):
    @extend_schema(
        operation_id="getBudgetCheck",
        summary="De budgetcontrole van een jaar",
        description="Het totaal tegen het budget, met elke bevinding: overschrijding, "
        "prijsafwijking (afgesproken bedrag ≠ aantal × kaartprijs), aantallen buiten minimum of "
        "maximum, breuken waar de eenheid die niet toestaat, diensten die dat jaar niet "
        "beschikbaar zijn en diensten die niet op de kaart staan.",
        parameters=[YEAR_REQUIRED],
        responses=s.CheckSerializer,
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = _year(request, municipal_agreement.agreement, required=True)
        report = selectors.check_municipal_year(municipal_agreement, year)
        return Response(s.CheckSerializer(s.CheckSerializer.from_report(report)).data)


class DeviationAcceptanceView(ApiView):
    @extend_schema(
        operation_id="listDeviationAcceptances",
        summary="Geaccepteerde afwijkingen",
        parameters=[YEAR],
        responses=s.DeviationAcceptanceSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        year = _year(request, municipal_agreement.agreement, required=False)
        acceptances = selectors.acceptances_of(municipal_agreement, year)
        return Response(s.DeviationAcceptanceSerializer(acceptances, many=True).data)

    @extend_schema(
        operation_id="createDeviationAcceptance",
        summary="Een afwijking accepteren",
        description="Alleen een DVO-beheerder, met reden. `findingKey` is de `key` van een "
        "bevinding die acceptatie vraagt; verandert een bedrag, dan is een nieuwe acceptatie "
        "nodig.",
        request=s.DeviationAcceptanceInputSerializer,
        responses={201: s.DeviationAcceptanceSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_accept_deviations(request.user))
        data = validated(s.DeviationAcceptanceInputSerializer, request.data)
        with refused_as():
            acceptance = services.accept_deviation(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                finding_key=data["findingKey"],
                reason=data["reason"],
            )
        return Response(
            s.DeviationAcceptanceSerializer(acceptance).data, status=status.HTTP_201_CREATED
        )


# --- opinions and mid-term changes --------------------------------------------------------------


class OpinionView(ApiView):
    parser_classes = (JSONParser, MultiPartParser)

    @extend_schema(
        operation_id="listOpinions",
        summary="Zienswijzen, wensen van de raad en advies van de cliëntenraad",
        responses=s.OpinionSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        opinions = selectors.opinions_of(municipal_agreement)
        return Response(s.OpinionSerializer(opinions, many=True).data)

    @extend_schema(
        operation_id="createOpinion",
        summary="Een zienswijze vastleggen",
        description="Als JSON, of als multipart/form-data met een document. Door de eigen "
        "gemeente of een DVO-beheerder, zolang de DVO niet is vastgesteld.",
        request=s.OpinionInputSerializer,
        responses={201: s.OpinionSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_record_opinion(request.user, municipal_agreement))
        data = validated(s.OpinionInputSerializer, request.data)
        with refused_as():
            opinion = services.record_opinion(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                kind=data["kind"],
                text=data["text"],
                received_on=data["receivedOn"],
                document=data["document"],
            )
        return Response(s.OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


class ChoiceChangeView(ApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="listChoiceChanges",
        summary="Tussentijdse wijzigingen van de lokale keuzes (art. 16.3)",
        responses=s.ChoiceChangeSerializer(many=True),
    )
    def get(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        changes = selectors.changes_of(municipal_agreement)
        return Response(s.ChoiceChangeSerializer(changes, many=True).data)

    @extend_schema(
        operation_id="createChoiceChange",
        summary="De keuzes van een vastgestelde DVO tussentijds wijzigen",
        description="Alleen met de schriftelijke instemming van de gemeente én van het DB, elk "
        "met datum en document. De oude keuzes eindigen de dag vóór `effectiveFrom`; de "
        "geschiedenis blijft zichtbaar. Alleen een DVO-beheerder.",
        request={"multipart/form-data": s.ChoiceChangeInputSerializer},
        responses={201: s.ChoiceChangeSerializer},
    )
    def post(self, request, uuid):
        municipal_agreement = selectors.get_municipal_agreement(request.user, uuid)
        policy.require(policy.can_record_midterm_change(request.user, municipal_agreement))
        data = validated(s.ChoiceChangeInputSerializer, request.data)
        with refused_as():
            change = services.change_choices_midterm(
                actor=request.user,
                municipal_agreement=municipal_agreement,
                year=data["year"],
                effective_from=data["effectiveFrom"],
                reason=data["reason"],
                lines=[s.LineInputSerializer.to_line(line) for line in data["lines"]],
                municipality_consent_on=data["municipalityConsentOn"],
                municipality_consent_document=data["municipalityConsentDocument"],
                board_consent_on=data["boardConsentOn"],
                board_consent_document=data["boardConsentDocument"],
            )
        change = selectors.changes_of(municipal_agreement).get(pk=change.pk)
        return Response(s.ChoiceChangeSerializer(change).data, status=status.HTTP_201_CREATED)
