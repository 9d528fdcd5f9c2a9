"""The keuzekaarten, on their own and per DVO version."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.api.serializers.catalogues import CatalogueSerializer
from werkbedrijf.agreements.models import CatalogueService
from werkbedrijf.api.base import ApiView


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
        responses=CatalogueSerializer(many=True),
    )
    def get(self, request):
        catalogues = _catalogues(selectors.catalogues_for(request.user))
        return Response(CatalogueSerializer(catalogues, many=True).data)


class CatalogueDetailView(ApiView):
    @extend_schema(
        operation_id="getCatalogue",
        description="Een keuzekaart met haar diensten, eenheden en prijzen per jaar (in euro's of in punten).",
        summary="Eén keuzekaart",
        responses=CatalogueSerializer,
    )
    def get(self, request, uuid):
        catalogue = selectors.get_catalogue(request.user, uuid)
        return Response(CatalogueSerializer(catalogue).data)


class AgreementCatalogueView(ApiView):
    @extend_schema(
        operation_id="getAgreementCatalogue",
        description="De keuzekaart die bij deze DVO-versie hoort: de diensten met eenheid, prijs per jaar en beschikbaarheid.",
        summary="De keuzekaart van een DVO-versie",
        responses=CatalogueSerializer,
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        return Response(CatalogueSerializer(selectors.catalogue_of(request.user, agreement)).data)
