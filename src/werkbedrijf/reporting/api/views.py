"""Indicator declarations and values through the API (art. 13): aggregates, no personal data."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import ApiView, responses, validated_query

from .. import selectors
from ..indicators import DEFINITIONS_VERSION, REGISTRY, TOTAL, all_indicators
from ..policies import Period
from .serializers import IndicatorListSerializer, ValuesQuerySerializer, ValuesSerializer


def _figure(key, label, shown) -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": shown.value,
        "masked": shown.masked,
        "text": shown.text,
    }


class IndicatorListView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="listIndicators",
        summary="De indicatoren met hun definitie",
        description="Elke indicator van het Informatieprotocol: code, naam, definitie, eenheid, "
        "populatie, periode en toegestane uitsplitsingen.",
        responses=responses({200: IndicatorListSerializer}),
    )
    def get(self, request):
        policy.require(policy.can_use_dashboard(request.user))
        indicators = [
            {
                "code": i.code,
                "name": str(i.name),
                "definition": str(i.definition),
                "unit": i.unit,
                "population": str(i.population),
                "period": str(i.period),
                "breakdowns": list(i.breakdowns),
                "category_name": str(i.category_name),
            }
            for i in all_indicators()
        ]
        return Response(
            IndicatorListSerializer(
                {"definitionsVersion": DEFINITIONS_VERSION, "indicators": indicators}
            ).data
        )


class IndicatorValuesView(ApiView):
    @extend_schema(
        tags=["indicatoren"],
        operation_id="getIndicatorValues",
        summary="De waarde van een indicator voor een gemeente of de regio",
        description="Het totaal, de verdeling over de eigen categorieën en desgewenst een "
        "uitsplitsing (gemeente, focusgroep, werksoort, kwartaal), met de norm. Cijfers over "
        "minder dan vijf personen komen als masked zonder waarde, voor wie de personen niet "
        "mag zien.",
        parameters=[ValuesQuerySerializer],
        responses=responses({200: ValuesSerializer}, 400, 404),
    )
    def get(self, request, code: str):
        user = request.user
        policy.require(policy.can_use_dashboard(user))
        indicator = REGISTRY.get(code)
        if indicator is None:
            raise Http404
        query = validated_query(request, ValuesQuerySerializer)
        municipality = None
        if query.get("municipality"):
            municipality = next(
                (m for m in selectors.municipalities() if m.uuid == query["municipality"]), None
            )
            if municipality is None:
                raise Http404
        today = timezone.localdate()
        end = query.get("periodEnd") or today
        start = query.get("periodStart") or date(end.year, 1, 1)
        period = Period(start, end)
        shown = selectors.figures(user, indicator, municipality, period)
        by = query.get("breakdown")
        split = selectors.breakdown(user, indicator, municipality, period, by) if by else []
        return Response(
            ValuesSerializer(
                {
                    "indicator": indicator.code,
                    "unit": indicator.unit,
                    "municipality": municipality.uuid if municipality else None,
                    "periodStart": start,
                    "periodEnd": end,
                    "norm": selectors.norm_of(indicator, end.year, municipality),
                    "total": _figure(TOTAL, indicator.name, shown[TOTAL]),
                    "categories": [
                        _figure(k, label, f)
                        for k, label, f in selectors.categories(
                            user, indicator, municipality, period
                        )
                    ],
                    "breakdown": by,
                    "breakdownValues": [_figure(k, label, f) for k, label, f in split],
                }
            ).data
        )
