"""Candidates through the API: the caseload, one candidate, the search by BSN, the contact person
and the digital assessment."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    PersonalDataApiView,
    invalid,
    represent,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.utils.bsn import is_valid_bsn

from ..serializers.candidates import (
    BsnSearchSerializer,
    CandidateDetailSerializer,
    CaseloadPageSerializer,
    CaseloadQuerySerializer,
    ContactAssignmentSerializer,
    ContactPersonInputSerializer,
    DigitalAssessmentSerializer,
    caseload_rows,
)
from .common import (
    CHANNEL,
    caseload_json_response,
    caseload_response,
    find_municipality,
    find_staff_member,
)


def _candidate_for_change(user, uuid) -> Candidate:
    candidate = selectors.candidate_scope(user).select_related("municipality").filter(uuid=uuid)
    candidate = candidate.first()
    if candidate is None:
        raise Http404
    return candidate


class CandidateListView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="listCandidates",
        summary="Werkvoorraad: trajecten met hun kandidaat",
        description="Gesorteerd op achternaam, per pagina via `next` (keyset; er wordt nooit "
        "geteld). Een volledig BSN hoort nooit in een URL: zoek daarop met "
        "POST /candidates/search-by-bsn.",
        parameters=[CaseloadQuerySerializer],
        responses=responses({200: CaseloadPageSerializer}, 400, 403),
    )
    def get(self, request):
        # Roles that do not work with candidates get no list at all, as on the screens.
        policy.require(policy.can_view_candidates(request.user))
        if "bsn" in request.query_params:
            raise invalid(
                "bsn",
                _("A BSN never goes in a URL; search with POST /candidates/search-by-bsn."),
                "bsn_in_url",
            )
        query = validated_query(request, CaseloadQuerySerializer)
        user = request.user
        consultant = query.get("consultant")
        municipality = query.get("municipality")
        filters = selectors.Filters(
            name=query.get("name", ""),
            bsn_part=query.get("bsnPart", ""),
            phase=query.get("phase", ""),
            focus_group=query.get("focusGroup", ""),
            consultant=find_staff_member(consultant, "consultant").pk if consultant else None,
            municipality=find_municipality(user, municipality).pk if municipality else None,
            active_only=query["activeOnly"],
        )
        answer = caseload_json_response(request, query, filters, CaseloadQuerySerializer)
        if answer is not None:
            return answer
        return caseload_response(
            request,
            query,
            filters,
            caseload_rows,
            CaseloadQuerySerializer,
            read=selectors.caseload_values,
        )


class CandidateDetailView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="getCandidate",
        summary="Eén kandidaat, met het volledige BSN",
        responses=responses({200: CandidateDetailSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_candidates(request.user))
        candidate = selectors.candidate_detail(request.user, uuid, channel=CHANNEL)
        return Response(represent(CandidateDetailSerializer, candidate))


class CandidateSearchByBsnView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="searchCandidateByBsn",
        summary="Zoek een kandidaat op BSN",
        description="Het BSN gaat in de body, nooit in de URL. 404 wanneer er binnen uw bereik "
        "geen kandidaat met dit BSN is.",
        request=BsnSearchSerializer,
        responses=responses({200: CandidateDetailSerializer}, 400, 404),
    )
    def post(self, request):
        policy.require(policy.can_view_candidates(request.user))
        bsn = validated(BsnSearchSerializer, request.data)["bsn"].strip()
        if not is_valid_bsn(bsn):
            raise invalid("bsn", _("This is not a valid BSN (it fails the 11-proef)."))
        found = selectors.candidate_scope(request.user).filter(bsn=bsn).values("uuid").first()
        if found is None:
            raise Http404
        candidate = selectors.candidate_detail(request.user, found["uuid"], channel=CHANNEL)
        return Response(represent(CandidateDetailSerializer, candidate))


class ContactPersonView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="assignContactPerson",
        summary="Draag de kandidaat over aan een nieuw vast aanspreekpunt",
        request=ContactPersonInputSerializer,
        responses=responses({200: ContactAssignmentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        candidate = _candidate_for_change(request.user, uuid)
        data = validated(ContactPersonInputSerializer, request.data)
        contact = find_staff_member(data["contact"], "contact")
        assignment = run(
            services.assign_contact,
            actor=request.user,
            candidate=candidate,
            contact=contact,
            note=data["note"],
        )
        return Response(ContactAssignmentSerializer(assignment).data)


class AssessmentView(PersonalDataApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="createAssessment",
        summary="Leg de digitale assessment van een statushouder vast",
        request=DigitalAssessmentSerializer,
        responses=responses({201: DigitalAssessmentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        candidate = _candidate_for_change(request.user, uuid)
        policy.require(policy.can_record_assessment(request.user, candidate))
        data = dict(validated(DigitalAssessmentSerializer, request.data))
        assessment = run(
            services.record_assessment, actor=request.user, candidate=candidate, **data
        )
        return Response(DigitalAssessmentSerializer(assessment).data, status=201)
