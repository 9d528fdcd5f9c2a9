"""Returns to the municipality (terugmeldingen) through the API."""

from __future__ import annotations

from functools import partial

from drf_spectacular.utils import extend_schema

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    PersonalDataApiView,
    represent_many,
    responses,
    validated_query,
)
from werkbedrijf.candidates import selectors
from werkbedrijf.candidates.models import Phase

from ..serializers.returns import ReturnRowSerializer, ReturnsPageSerializer, ReturnsQuerySerializer
from .common import caseload_response, find_municipality


class ReturnsView(PersonalDataApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="listReturns",
        summary="Terugmeldingen aan de gemeente",
        description="Trajecten die WerkBedrijf aan de gemeente teruggaf, met reden; een "
        "casemanager Inkomen ziet die van de eigen gemeente.",
        parameters=[ReturnsQuerySerializer],
        responses=responses({200: ReturnsPageSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_candidates(request.user))
        query = validated_query(request, ReturnsQuerySerializer)
        user = request.user
        municipality = query.get("municipality")
        filters = selectors.Filters(
            phase=Phase.RETURNED,
            active_only=False,
            municipality=find_municipality(user, municipality).pk if municipality else None,
        )
        return caseload_response(
            request,
            query,
            filters,
            partial(represent_many, ReturnRowSerializer),
            ReturnsQuerySerializer,
        )
