"""The Inkomen loop through the API: sanction signals and decisions, three-way talks."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import PersonalDataApiView, responses, run, validated
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import SanctionSignal, ThreeWayTalk

from ..serializers.income import (
    SanctionDecisionInputSerializer,
    SanctionSignalSerializer,
    TalkOutcomeInputSerializer,
    ThreeWayTalkSerializer,
)
from .common import find_staff_member
from .journey import JourneyWorkView


def _scoped(user, model, uuid):
    """A signal or talk of a trajectory within the user's scope, or 404."""
    qs = policy.candidate_scope(user, model.objects.all(), prefix="trajectory__")
    found = qs.select_related("trajectory").filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found


class SanctionSignalView(JourneyWorkView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="createSanctionSignal",
        summary="Signaleer mogelijk maatregelwaardig gedrag",
        description="WerkBedrijf geeft feiten en een advies; de gemeente beslist.",
        request=SanctionSignalSerializer,
        responses=responses({201: SanctionSignalSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(SanctionSignalSerializer, request.data)
        signal = run(
            services.signal_sanction,
            actor=request.user,
            trajectory=trajectory,
            facts=data["facts"],
            advice=data["advice"],
            signalled_on=data.get("signalled_on"),
        )
        return Response(SanctionSignalSerializer(signal).data, status=201)


class SanctionDecisionView(PersonalDataApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="decideSanctionSignal",
        summary="Leg het besluit van de gemeente over een signaal vast",
        description="Alleen de casemanager Inkomen van de gemeente; het systeem beslist nooit.",
        request=SanctionDecisionInputSerializer,
        responses=responses({200: SanctionSignalSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        signal = _scoped(request.user, SanctionSignal, uuid)
        policy.require(policy.can_decide_sanction(request.user, signal.trajectory))
        data = validated(SanctionDecisionInputSerializer, request.data)
        signal = run(
            services.decide_sanction,
            actor=request.user,
            signal=signal,
            decision=data["decision"],
            reasons=data["reasons"],
            decided_on=data.get("decided_on"),
        )
        return Response(SanctionSignalSerializer(signal).data)


class ThreeWayTalkView(PersonalDataApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="createThreeWayTalk",
        summary="Plan een piramidegesprek",
        request=ThreeWayTalkSerializer,
        responses=responses({201: ThreeWayTalkSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = selectors.trajectory_for_change(request.user, uuid)
        policy.require(policy.can_plan_talk(request.user, trajectory))
        data = validated(ThreeWayTalkSerializer, request.data)
        income = (data.get("income_participant") or {}).get("uuid")
        werkbedrijf = (data.get("werkbedrijf_participant") or {}).get("uuid")
        talk = run(
            services.plan_talk,
            actor=request.user,
            trajectory=trajectory,
            planned_on=data["planned_on"],
            income_participant=find_staff_member(
                income, "incomeParticipant", organisation=trajectory.municipality
            ),
            werkbedrijf_participant=find_staff_member(
                werkbedrijf, "werkbedrijfParticipant", werkbedrijf=True
            ),
        )
        return Response(ThreeWayTalkSerializer(talk).data, status=201)


class TalkOutcomeView(PersonalDataApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="recordThreeWayTalkOutcome",
        summary="Leg de uitkomst van een piramidegesprek vast",
        request=TalkOutcomeInputSerializer,
        responses=responses({200: ThreeWayTalkSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        talk = _scoped(request.user, ThreeWayTalk, uuid)
        policy.require(policy.can_plan_talk(request.user, talk.trajectory))
        data = validated(TalkOutcomeInputSerializer, request.data)
        talk = run(
            services.record_talk,
            actor=request.user,
            talk=talk,
            held_on=data["held_on"],
            outcome=data["outcome"],
        )
        return Response(ThreeWayTalkSerializer(talk).data)
