"""The jobs API: how far a background job is, for clients that started one."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.api.base import ApiView, responses

from .. import selectors
from .serializers import JobSerializer


class JobDetailView(ApiView):
    @extend_schema(
        tags=["taken"],
        operation_id="getJob",
        summary="Eén achtergrondtaak: status, voortgang en resultaat",
        description="Een lange taak (rapportage, grote import) die een medewerker startte. Alleen "
        "wie de taak startte kan haar opvragen. Bij status `done` wijst `result` naar het bestand; "
        "bij `failed` zegt `error` waarom.",
        responses=responses({200: JobSerializer}, 404),
    )
    def get(self, request, uuid):
        job = selectors.job_for(request.user, uuid)
        return Response(JobSerializer(job, context={"request": request}).data)
