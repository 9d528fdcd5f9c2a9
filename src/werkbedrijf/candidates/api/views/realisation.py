"""The realisation of local choices through the API."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.api.base import PersonalDataApiView, responses, validated_query
from werkbedrijf.candidates import selectors

from ..serializers.realisation import RealisationQuerySerializer, RealisationSerializer
from .common import find_municipality


class RealisationView(PersonalDataApiView):
    @extend_schema(
        tags=["realisatie"],
        operation_id="getRealisation",
        summary="Realisatie van de lokale keuzes van een gemeente",
        description="Per gekochte dienst: gekocht (naar rato voor 2024), geleverd, lopend en een "
        "verwachting voor het jaar in het huidige tempo. Alleen totalen, geen persoonsgegevens.",
        parameters=[RealisationQuerySerializer],
        responses=responses({200: RealisationSerializer}, 400, 404),
    )
    def get(self, request):
        query = validated_query(request, RealisationQuerySerializer)
        municipality = find_municipality(request.user, query["municipality"])
        year = query.get("year") or timezone.localdate().year
        rows = selectors.realisation(request.user, municipality, year)
        return Response(
            RealisationSerializer(
                {"municipality": municipality, "year": year, "services": rows}
            ).data
        )
