"""The employers API views: list, register and read employers. Showing a contact person is
logged (selectors.log_employer_contacts)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    PersonalDataApiView,
    absolute_url,
    invalid,
    next_link,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.api.conditional import location_header

from .. import selectors, services
from ..models import Employer
from .serializers import EmployerPageSerializer, EmployerQuerySerializer, EmployerSerializer
from .services_views import EmployerProfileMixin


class EmployerListView(PersonalDataApiView):
    @extend_schema(
        tags=["werkgevers"],
        operation_id="listEmployers",
        summary="Werkgevers",
        parameters=[EmployerQuerySerializer],
        responses=responses({200: EmployerPageSerializer}, 400),
    )
    def get(self, request):
        policy.require(policy.can_view_employers(request.user))
        query = validated_query(request, EmployerQuerySerializer)
        qs = Employer.objects.all()
        if query.get("name"):
            qs = qs.filter(name__istartswith=query["name"])
        if query.get("sectorGroup"):
            qs = qs.filter(sector_group=query["sectorGroup"])
        if query.get("cursor"):
            after = Employer.objects.filter(uuid=query["cursor"]).values("name", "id").first()
            if after is None:
                raise invalid("cursor", _("This page link is no longer valid."), "invalid_cursor")
            qs = qs.filter(Q(name__gt=after["name"]) | Q(name=after["name"], id__gt=after["id"]))
        size = query["pageSize"]
        rows = list(qs.order_by("name", "id")[: size + 1])
        last = rows[size - 1].uuid if len(rows) > size else None
        selectors.log_employer_contacts(request.user, rows[:size])
        return Response(
            {
                "results": EmployerSerializer(rows[:size], many=True).data,
                "next": next_link(request, EmployerQuerySerializer, last),
            }
        )

    @extend_schema(
        tags=["werkgevers"],
        operation_id="createEmployer",
        summary="Registreer een werkgever",
        description="Alleen WerkBedrijf. Het KvK-nummer heeft acht cijfers en is uniek.",
        request=EmployerSerializer,
        parameters=[location_header()],
        responses=responses({201: EmployerSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_employers(request.user))
        data = dict(validated(EmployerSerializer, request.data))
        employer = run(
            services.register_employer,
            actor=request.user,
            name=data.pop("name"),
            kvk_number=data.pop("kvk_number"),
            sector_group=data.pop("sector_group"),
            **data,
        )
        response = Response(EmployerSerializer(employer).data, status=201)
        response["Location"] = absolute_url(request, "employer-detail", uuid=employer.uuid)
        return response


class EmployerDetailView(EmployerProfileMixin, PersonalDataApiView):
    @extend_schema(
        tags=["werkgevers"],
        operation_id="getEmployer",
        summary="Eén werkgever",
        responses=responses({200: EmployerSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_employers(request.user))
        employer = Employer.objects.filter(uuid=uuid).first()
        if employer is None:
            raise Http404
        selectors.log_employer_contacts(request.user, [employer])
        return Response(EmployerSerializer(employer).data)
