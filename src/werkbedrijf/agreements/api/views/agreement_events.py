"""Art. 16.2 changes of the whole agreement and art. 16.4 withdrawals of a municipality, with
their documents: the same services as the screen agreements:agreement_events."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import document_selectors, selectors, services
from werkbedrijf.agreements.api.serializers.agreement_events import (
    AgreementEventSerializer,
    AmendmentInputSerializer,
    WithdrawalInputSerializer,
)
from werkbedrijf.api.base import ApiView, invalid, responses, run, validated


def _events(user, agreement):
    return (
        document_selectors.agreement_events(user)
        .filter(agreement=agreement)
        .prefetch_related("consents__party")
    )


def _event_response(user, agreement, event) -> Response:
    event = _events(user, agreement).get(pk=event.pk)
    return Response(AgreementEventSerializer(event).data, status=status.HTTP_201_CREATED)


class AgreementEventListView(ApiView):
    @extend_schema(
        operation_id="listAgreementEvents",
        tags=["agreements"],
        summary="Wijzigingen van de hele DVO (art. 16.2) en uittredingen (art. 16.4)",
        description="Elke wijziging van de hele overeenkomst met de schriftelijke instemming "
        "van elke partij, en elke uittreding van een gemeente, met de namen van de documenten. "
        "Even openbaar als de DVO-versies.",
        responses=AgreementEventSerializer(many=True),
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        return Response(AgreementEventSerializer(_events(request.user, agreement), many=True).data)


class WithdrawalView(ApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="createAgreementWithdrawal",
        tags=["agreements"],
        summary="De uittreding van een gemeente vastleggen (art. 16.4)",
        description="Alleen een DVO-beheerder. Met de ingangsdatum binnen de looptijd, de "
        "voorwaarden en het besluit van het DB (datum en document). Een gemeente die geen partij "
        "is of al is uitgetreden, wordt geweigerd met 400.",
        request={"multipart/form-data": WithdrawalInputSerializer},
        responses=responses({201: AgreementEventSerializer}),
    )
    def post(self, request, uuid):
        user = request.user
        agreement = selectors.get_agreement(user, uuid)
        policy.require(policy.can_record_agreement_event(user))
        data = validated(WithdrawalInputSerializer, request.data)
        municipalities = [
            ma.municipality for ma in selectors.municipal_agreements_for(user, agreement)
        ]
        municipality = next((m for m in municipalities if m.uuid == data["municipality"]), None)
        if municipality is None:
            raise invalid(
                "municipality",
                _("This municipality is not a party to this agreement."),
                "not_a_party",
            )
        event = run(
            services.record_withdrawal,
            actor=user,
            agreement=agreement,
            municipality=municipality,
            effective_on=data["effectiveOn"],
            description=data["description"],
            decided_on=data["decidedOn"],
            decision_document=data["decisionDocument"],
        )
        return _event_response(user, agreement, event)


class AmendmentView(ApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        operation_id="createAgreementAmendment",
        tags=["agreements"],
        summary="Een wijziging van de hele DVO vastleggen (art. 16.2)",
        description="Alleen een DVO-beheerder. Een wijziging van de hele overeenkomst geldt "
        "alleen met de schriftelijke instemming van alle partijen: per gemeente die op de "
        "ingangsdatum partij is een datum (niet na de ingangsdatum) en een document. "
        "`consents` noemt de partijen en datums, `consentDocuments` de documenten in dezelfde "
        "volgorde. Ontbreekt er één, dan wordt niets vastgelegd (400).",
        request={"multipart/form-data": AmendmentInputSerializer},
        responses=responses({201: AgreementEventSerializer}),
    )
    def post(self, request, uuid):
        user = request.user
        agreement = selectors.get_agreement(user, uuid)
        policy.require(policy.can_record_agreement_event(user))
        data = validated(AmendmentInputSerializer, request.data)
        consents, documents = data["consents"], data["consentDocuments"]
        if len(documents) != len(consents):
            raise invalid(
                "consentDocuments",
                _("Give one document per consent, in the order of the consents."),
                "count_mismatch",
            )
        parties = {m.uuid: m for m in services.parties_on(agreement, None)}
        inputs = []
        for line, document in zip(consents, documents, strict=True):
            party = parties.get(line["party"])
            if party is None:
                raise invalid(
                    "consents",
                    _("%(party)s is not a party to this agreement.") % {"party": line["party"]},
                    "not_a_party",
                )
            inputs.append(
                services.ConsentInput(
                    party=party, consented_on=line["consentedOn"], document=document
                )
            )
        event = run(
            services.record_amendment,
            actor=user,
            agreement=agreement,
            effective_on=data["effectiveOn"],
            description=data["description"],
            decided_on=data["decidedOn"],
            decision_document=data["decisionDocument"],
            consents=inputs,
        )
        return _event_response(user, agreement, event)
