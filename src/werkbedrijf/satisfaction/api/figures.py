"""The satisfaction figures (DVO art. 14.1) as the screen satisfaction:figures shows them: per
municipality (and the region) and moment the invitations, answers, response rate and averages;
the averages of fewer answers than the threshold are masked ("< 5"). Aggregates only."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import ApiView, responses, validated_query

from .. import selectors
from ..models import Moment

AVERAGE = {"max_digits": 4, "decimal_places": 1, "allow_null": True}


class FiguresQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="Standaard het huidige jaar."
    )


class FigureRowSerializer(serializers.Serializer):
    municipality = serializers.UUIDField(allow_null=True, help_text="Leeg: de regio.")
    municipalityName = serializers.CharField()
    moment = serializers.ChoiceField(choices=Moment.choices)
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    responseRate = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text="Procent; leeg zonder uitnodigingen.",
    )
    masked = serializers.BooleanField(
        help_text="Minder antwoorden dan de drempel: de gemiddelden zijn verborgen."
    )
    averageScore = serializers.DecimalField(**AVERAGE, help_text="Cijfer 1-10; leeg als masked.")
    averageScoreText = serializers.CharField(help_text="Zoals een lezer het ziet: '7,4', '< 5'.")
    listened = serializers.DecimalField(**AVERAGE, help_text="Er werd naar mij geluisterd (1-5).")
    clear = serializers.DecimalField(**AVERAGE, help_text="Duidelijk wat er daarna kwam (1-5).")
    helped = serializers.DecimalField(**AVERAGE, help_text="De ondersteuning hielp verder (1-5).")


class FiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    threshold = serializers.IntegerField(help_text="Gemiddelden van minder antwoorden: '< n'.")
    rows = FigureRowSerializer(many=True)


def _text(value) -> str:
    return "–" if value is None else f"{value}".replace(".", ",")


def _row(row, threshold: int) -> dict:
    figures = row.figures
    masked = row.hidden
    statements = {name: None if masked else figures.statements.get(name) for name in STATEMENTS}
    return {
        "municipality": row.municipality.uuid if row.municipality else None,
        "municipalityName": row.municipality.name if row.municipality else _("Region"),
        "moment": row.moment,
        "invited": figures.invited,
        "answered": figures.answered,
        "responseRate": figures.response_rate,
        "masked": masked,
        "averageScore": None if masked else figures.average_score,
        "averageScoreText": f"< {threshold}" if masked else _text(figures.average_score),
        **statements,
    }


STATEMENTS = ("listened", "clear", "helped")


class SatisfactionFiguresView(ApiView):
    @extend_schema(
        tags=["tevredenheid"],
        operation_id="getSatisfactionFigures",
        summary="De tevredenheidscijfers van een jaar",
        description="Per gemeente en moment (na de intake, bij het einde van het traject) het "
        "aantal uitnodigingen en antwoorden, de respons en de gemiddelden, zoals het scherm "
        "ze toont; met de regio voor wie alle gemeenten ziet. Gemiddelden van minder "
        "antwoorden dan de drempel zijn verborgen (`masked`, tekst '< 5'). Een "
        "beleidsadviseur ziet de eigen gemeente. Alleen totalen, nooit een persoon.",
        parameters=[FiguresQuerySerializer],
        responses=responses({200: FiguresSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_satisfaction(request.user))
        query = validated_query(request, FiguresQuerySerializer)
        year = query.get("year") or timezone.localdate().year
        threshold = selectors.threshold()
        rows = selectors.figures_for(request.user, year)
        return Response(
            FiguresSerializer(
                {"year": year, "threshold": threshold, "rows": [_row(r, threshold) for r in rows]}
            ).data
        )
