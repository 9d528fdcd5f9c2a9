"""The steps of the DVO cycle with their deadlines: every step, or the user's work list."""

from __future__ import annotations

import uuid

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response

from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.api.serializers.cycle import CycleStepSerializer
from werkbedrijf.api.base import ApiView

from .parameters import query_flag


def _uuid(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise ValidationError(
            {"agreement": [ErrorDetail(_("Enter a valid UUID."), code="invalid")]}
        ) from None


class CycleStepListView(ApiView):
    @extend_schema(
        operation_id="listCycleSteps",
        summary="De stappen van de DVO-cyclus met hun termijnen",
        description="Elke stap (ontwerp, wensen van de raad, zienswijzen, vaststelling, "
        "ondertekening, bijstelling, toezeggingen) met termijn, wie aan zet is (rol en "
        "organisatie) en waar de stap staat: gedaan, verlopen, binnenkort (binnen een maand) of "
        "later. Met `mine=true` alleen wat de gebruiker zelf te doen heeft en dat verlopen is of "
        "binnen een maand moet.",
        parameters=[
            OpenApiParameter(
                "mine",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description="Alleen de werklijst van de gebruiker.",
            ),
            OpenApiParameter(
                "agreement",
                OpenApiTypes.UUID,
                OpenApiParameter.QUERY,
                description="Alleen de stappen van deze DVO-versie.",
            ),
        ],
        responses=CycleStepSerializer(many=True),
    )
    def get(self, request):
        today = timezone.localdate()
        user = request.user
        if query_flag(request, "mine"):
            rows = selectors.due_steps(user, today)
        else:
            rows = selectors.cycle_steps(user, today)
            if "agreement" in request.query_params:
                # An agreement the user cannot see, or none, simply has no steps to show.
                wanted = _uuid(request.query_params["agreement"])
                rows = [r for r in rows if r.step.agreement.uuid == wanted]
        return Response(CycleStepSerializer(rows, many=True).data)
