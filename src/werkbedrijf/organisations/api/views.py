"""The organisations API views: the region's organisations, read only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.api.base import ApiView
from werkbedrijf.organisations import selectors

from .serializers import OrganisationSerializer


class OrganisationListView(ApiView):
    @extend_schema(
        operation_id="listOrganisations",
        summary="De organisaties van de regio",
        description="Het MGR, WerkBedrijf en de zeven gemeenten (met CBS-code).",
        responses=OrganisationSerializer(many=True),
    )
    def get(self, request):
        organisations = selectors.organisations_for(request.user)
        return Response(OrganisationSerializer(organisations, many=True).data)


class OrganisationDetailView(ApiView):
    @extend_schema(
        operation_id="getOrganisation",
        description="Eén organisatie van de regio: de MGR, WerkBedrijf of een gemeente (met CBS-code).",
        summary="Eén organisatie",
        responses=OrganisationSerializer,
    )
    def get(self, request, uuid):
        organisation = selectors.get_organisation(request.user, uuid)
        return Response(OrganisationSerializer(organisation).data)
