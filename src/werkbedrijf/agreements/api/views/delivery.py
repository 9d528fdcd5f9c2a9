"""The delivery of local choices through the API: the records, recording one, and the realisation
per quarter. As the screens agreements:delivery and agreements:record_delivery."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements.delivery import selectors, services
from werkbedrijf.api.base import (
    ApiView,
    municipality_named,
    responses,
    run,
    validated,
    validated_query,
)

from ..serializers.delivery import (
    DeliveriesSerializer,
    DeliveryInputSerializer,
    DeliveryQuerySerializer,
    QuarterlyRealisationSerializer,
    RecordedSerializer,
)

RENAME = {
    "choice": "localChoice",
    "extra_work": "extraWork",
    "part_of_day": "partOfDay",
    "coach": "worker",
}


def _query(request):
    query = validated_query(request, DeliveryQuerySerializer)
    municipality = municipality_named(query["municipality"])
    return municipality, query.get("year") or timezone.localdate().year


class DeliveryListView(ApiView):
    @extend_schema(
        tags=["realisatie"],
        operation_id="listDeliveries",
        summary="Vastgelegde leveringen van de lokale keuzes van een gemeente in een jaar",
        description="Dagdelen op locatie, aanwezigheid bij teams, participatiecoaching in fte en "
        "leveringsnotities. Voor de managers en DVO-beheerders van WerkBedrijf en de "
        "beleidsadviseur van de eigen gemeente.",
        parameters=[DeliveryQuerySerializer],
        responses=responses({200: DeliveriesSerializer}, 400, 404),
    )
    def get(self, request):
        municipality, year = _query(request)
        user = request.user
        data = {
            "municipality": municipality,
            "year": year,
            "half_days": selectors.half_days_of(user, municipality, year),
            "presences": selectors.presences_of(user, municipality, year),
            "coaching": selectors.coaching_of(user, municipality, year),
            "notes": selectors.notes_of(user, municipality, year),
        }
        return Response(DeliveriesSerializer(data).data)

    @extend_schema(
        tags=["realisatie"],
        operation_id="recordDelivery",
        summary="Een levering van een lokale keuze vastleggen",
        description="Een manager of DVO-beheerder van WerkBedrijf legt een dagdeel, aanwezigheid "
        "bij een team, participatiecoaching of een leveringsnotitie vast. Een keuze van een andere "
        "gemeente, een levering van de verkeerde soort of een datum buiten de periode van de "
        "overeenkomst wordt geweigerd met 400.",
        request=DeliveryInputSerializer,
        responses=responses({201: RecordedSerializer}, 400, 403),
    )
    def post(self, request):
        data = validated(DeliveryInputSerializer, request.data)
        municipality = municipality_named(data["municipality"])
        policy.require(policy.can_record_delivery(request.user, municipality))
        kind = data["deliveryKind"]
        common = {"actor": request.user, "municipality": municipality}
        choice = str(data["localChoice"]) if data.get("localChoice") else None
        if kind == "halfDay":
            record = run(
                services.record_half_day,
                RENAME,
                **common,
                choice=choice,
                location=data.get("location", ""),
                day=data.get("date"),
                part_of_day=data.get("partOfDay", ""),
                status=data.get("status") or "scheduled",
                note=data.get("note", ""),
            )
        elif kind in ("teamPresence", "coaching"):
            period = {
                "choice": choice,
                "start": data.get("start"),
                "end": data.get("end"),
                "note": data.get("note", ""),
            }
            worker = str(data["worker"]) if data.get("worker") else None
            if kind == "teamPresence":
                record = run(
                    services.record_team_presence,
                    RENAME,
                    **common,
                    **period,
                    location=data.get("location", ""),
                    worker=worker,
                )
            else:
                record = run(
                    services.record_coaching,
                    RENAME,
                    **common,
                    **period,
                    coach=worker,
                    fte=data.get("fte"),
                )
        else:
            record = run(
                services.record_delivery_note,
                RENAME,
                **common,
                choice=choice,
                extra_work=str(data["extraWork"]) if data.get("extraWork") else None,
                kind=data.get("noteKind", ""),
                status=data.get("status") or "delivered",
                day=data.get("date"),
                text=data.get("text", ""),
                quantity=data.get("quantity"),
            )
        return Response(
            RecordedSerializer({"uuid": record.uuid, "deliveryKind": kind}).data,
            status=status.HTTP_201_CREATED,
        )


class QuarterlyRealisationView(ApiView):
    @extend_schema(
        tags=["realisatie"],
        operation_id="getQuarterlyRealisation",
        summary="Realisatie per kwartaal van elke lokale keuze en het meerwerk van een gemeente",
        description="Per keuze en kwartaal: afgenomen, geleverd en prognose (geleverd plus "
        "gepland), en of de levering achterloopt. Alleen totalen, geen persoonsgegevens.",
        parameters=[DeliveryQuerySerializer],
        responses=responses({200: QuarterlyRealisationSerializer}, 400, 404),
    )
    def get(self, request):
        municipality, year = _query(request)
        result = selectors.quarterly_realisation(request.user, municipality, year)
        return Response(QuarterlyRealisationSerializer(result).data)
