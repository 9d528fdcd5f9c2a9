"""Moves between the municipalities of the region in the API: record one (POST
/api/v1/candidates/{uuid}/moves) and list those the user may see (GET /api/v1/candidate-moves).
The same service and selectors as the screens (candidates.services.move_candidate,
candidates.move_selectors)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    MAX_PAGE_SIZE,
    PersonalDataApiView,
    next_link,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.api.inputs import InputSerializer
from werkbedrijf.candidates import move_selectors, selectors, services

from ..serializers.common import OrganisationRefSerializer, StaffRefSerializer
from .common import CHANNEL, find_municipality


class MovedCandidateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    fullName = serializers.CharField(source="full_name", read_only=True)


class CandidateMoveSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    candidate = MovedCandidateSerializer(read_only=True)
    fromMunicipality = OrganisationRefSerializer(source="from_municipality", read_only=True)
    toMunicipality = OrganisationRefSerializer(source="to_municipality", read_only=True)
    movedOn = serializers.DateField(source="moved_on", read_only=True)
    reason = serializers.CharField(read_only=True)
    recordedBy = StaffRefSerializer(source="recorded_by", read_only=True, allow_null=True)
    recordedAt = serializers.DateTimeField(source="recorded_at", read_only=True)


class CandidateMoveInputSerializer(InputSerializer):
    toMunicipality = serializers.UUIDField(help_text="De gemeente waarheen de inwoner verhuist.")
    movedOn = serializers.DateField(help_text="De datum van de verhuizing.")
    reason = serializers.CharField(help_text="Waarom, bijvoorbeeld: nieuw adres in de BRP.")


class CandidateMoveQuerySerializer(serializers.Serializer):
    cursor = serializers.UUIDField(required=False, help_text="Uit de `next`-link.")
    pageSize = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE
    )


class CandidateMovePageSerializer(serializers.Serializer):
    results = CandidateMoveSerializer(many=True)
    next = serializers.URLField(allow_null=True, help_text="De volgende pagina, of null.")


class CandidateMoveView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="moveCandidate",
        summary="Leg vast dat een inwoner naar een andere gemeente van de regio verhuist",
        description="Door een consulent van WerkBedrijf of een casemanager Inkomen van de gemeente "
        "die de inwoner verlaat. Vanaf de verhuizing ziet de nieuwe gemeente de inwoner en het "
        "lopende traject; beide gemeenten zien de verhuizing. Een verwijzing verhuist nooit "
        "iemand.",
        request=CandidateMoveInputSerializer,
        responses=responses({201: CandidateMoveSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        user = request.user
        policy.require(policy.can_view_candidates(user))
        candidate = selectors.candidate_scope(user).select_related("municipality")
        candidate = candidate.filter(uuid=uuid).first()
        if candidate is None:
            raise Http404
        policy.require(policy.can_move_candidate(user, candidate))
        data = validated(CandidateMoveInputSerializer, request.data)
        move = run(
            services.move_candidate,
            rename={"to_municipality": "toMunicipality", "moved_on": "movedOn"},
            actor=user,
            candidate=candidate,
            to_municipality=find_municipality(user, data["toMunicipality"], "toMunicipality"),
            moved_on=data["movedOn"],
            reason=data["reason"],
        )
        return Response(CandidateMoveSerializer(move).data, status=201)


class CandidateMoveListView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="listCandidateMoves",
        summary="Verhuizingen tussen de gemeenten van de regio",
        description="Nieuwste eerst, per pagina via `next` (keyset). Een casemanager Inkomen ziet "
        "de verhuizingen van en naar de eigen gemeente, een consulent van WerkBedrijf alle.",
        parameters=[CandidateMoveQuerySerializer],
        responses=responses({200: CandidateMovePageSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_moves(request.user))
        query = validated_query(request, CandidateMoveQuerySerializer)
        page = move_selectors.moves(
            request.user,
            cursor=query.get("cursor"),
            page_size=query["pageSize"],
            channel=CHANNEL,
        )
        return Response(
            {
                "results": CandidateMoveSerializer(page.rows, many=True).data,
                "next": next_link(request, CandidateMoveQuerySerializer, page.next_cursor),
            }
        )
