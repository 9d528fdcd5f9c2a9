"""The journey through the API: a trajectory, its steps and the records WerkBedrijf adds to it."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.api.base import PersonalDataApiView, invalid, responses, run, validated
from werkbedrijf.api.conditional import IF_MATCH, expected_version
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import Activity
from werkbedrijf.employers.models import Employer

from ..serializers.journey import (
    ActivityCreatedSerializer,
    ActivitySerializer,
    ActivityStatusInputSerializer,
    FurtherDiagnosisInputSerializer,
    FurtherDiagnosisSerializer,
    InstrumentSerializer,
    IntakeNoteSerializer,
    LadderStepSerializer,
    PlacementSerializer,
    StepInputSerializer,
    TrajectoryDetailSerializer,
)
from .common import CHANNEL, etag_header, find_staff_member, trajectory_response


class TrajectoryDetailView(PersonalDataApiView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="getTrajectory",
        summary="Eén traject met zijn tijdlijn",
        description="De ETag is de versie van het traject; stuur die mee in If-Match bij een stap.",
        parameters=[etag_header(200)],
        responses=responses({200: TrajectoryDetailSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_candidates(request.user))
        trajectory = selectors.get_trajectory(request.user, uuid, channel=CHANNEL)
        return trajectory_response(request, trajectory)


class StepView(PersonalDataApiView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createStep",
        summary="Zet een stap in de klantreis",
        description="Alleen de stappen die de klantreis toestaat (zie allowedSteps). 'Aan het "
        "werk' vraagt een plaatsing van het traject: geef die mee in `placement` wanneer het "
        "traject er nog geen heeft. Met "
        "If-Match (de ETag van het traject): 412 wanneer iemand anders het traject intussen "
        "heeft gewijzigd, en dan verandert er niets.",
        parameters=[IF_MATCH, etag_header(201)],
        request=StepInputSerializer,
        responses=responses({201: TrajectoryDetailSerializer}, 400, 403, 404, 412),
    )
    def post(self, request, uuid):
        user = request.user
        trajectory = selectors.trajectory_for_change(user, uuid)
        policy.require(policy.can_work_on_journey(user, trajectory))
        expected = expected_version(request)
        data = dict(validated(StepInputSerializer, request.data))
        data["business_consultant"] = find_staff_member(
            data.get("business_consultant"), "businessConsultant", werkbedrijf=True
        )
        if "placement" in data:
            placement = dict(data["placement"])
            placement["employer"] = _employer(request.user, placement, "placement.employer")
            placement.setdefault("planned_end", None)
            data["placement"] = placement
        run(
            services.take_step,
            rename={"phase": "target"},
            actor=user,
            trajectory=trajectory,
            expected_version=expected,
            **data,
        )
        trajectory = selectors.get_trajectory(user, uuid, channel=CHANNEL)
        return trajectory_response(request, trajectory, status.HTTP_201_CREATED)


class JourneyWorkView(PersonalDataApiView):
    """Adding a record to a trajectory: WerkBedrijf's work (access.policy.can_work_on_journey)."""

    def trajectory(self, request, uuid):
        trajectory = selectors.trajectory_for_change(request.user, uuid)
        policy.require(policy.can_work_on_journey(request.user, trajectory))
        return trajectory


class IntakeNoteView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createIntakeNote",
        summary="Schrijf een notitie bij intake en diagnose",
        description="Op een van de vier thema's: huidige situatie, gewenste situatie, "
        "hindernissen, hulpbronnen.",
        request=IntakeNoteSerializer,
        responses=responses({201: IntakeNoteSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(IntakeNoteSerializer, request.data)
        note = run(
            services.add_intake_note,
            actor=request.user,
            trajectory=trajectory,
            theme=data["theme"],
            text=data["text"],
            written_on=data.get("written_on"),
        )
        return Response(IntakeNoteSerializer(note).data, status=201)


class LadderStepView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createLadderStep",
        summary="Leg de trede op de participatieladder vast",
        description="Bij de intake, een evaluatie of het einde: trede 1 (geïsoleerd) tot en met "
        "6 (betaald werk zonder ondersteuning). Niet voor de aanmelding of na het einde van het "
        "traject.",
        request=LadderStepSerializer,
        responses=responses({201: LadderStepSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(LadderStepSerializer, request.data)
        step = run(
            services.record_ladder_step,
            rename={"recorded_on": "recordedOn"},
            actor=request.user,
            trajectory=trajectory,
            moment=data["moment"],
            step=data["step"],
            recorded_on=data.get("recorded_on"),
        )
        return Response(LadderStepSerializer(step).data, status=201)


class FurtherDiagnosisView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createFurtherDiagnosis",
        summary="Start een vervolgdiagnose",
        description="Een zijweg naar werknemersvaardigheden, gezondheid of motivatie. De "
        "kandidaat gaat naar de fase vervolgdiagnose als die er nog niet in is, volgens de regels "
        "van de klantreis; een praktijkdiagnose zonder geplande einddatum duurt 14 weken.",
        request=FurtherDiagnosisInputSerializer,
        responses=responses({201: FurtherDiagnosisSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(FurtherDiagnosisInputSerializer, request.data)
        diagnosis = run(
            services.start_further_diagnosis,
            rename={"phase": ""},  # a step the journey does not allow now: about the request
            actor=request.user,
            trajectory=trajectory,
            **data,
        )
        return Response(FurtherDiagnosisSerializer(diagnosis).data, status=201)


class ActivityView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createActivity",
        summary="Plan een activiteit",
        description="Een activiteit die de gemeente als lokale keuze kocht, wordt afgeboekt van "
        "de gekochte eenheden van dat jaar (chargeTo). `warning` waarschuwt wanneer ze opraken; "
        "400 wanneer de gemeente dit niet kocht of de eenheden op zijn.",
        request=ActivitySerializer,
        responses=responses({201: ActivityCreatedSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(ActivitySerializer, request.data)
        charge_to = None
        charged = (data.get("charged_to") or {}).get("uuid")
        if charged is not None:
            charge_to = (
                policy.municipal_agreement_scope(
                    request.user, LocalChoice.objects.all(), prefix="municipal_agreement__"
                )
                .filter(uuid=charged)
                .first()
            )
            if charge_to is None:
                raise invalid("chargeTo", _("There is no local choice with this identifier."))
        activity, warning = run(
            services.add_activity,
            actor=request.user,
            trajectory=trajectory,
            kind=data["kind"],
            name=data["name"],
            start=data["start"],
            end=data["end"],
            charge_to=charge_to,
            units=data["units"],
        )
        return Response(
            ActivityCreatedSerializer(activity, context={"warning": warning}).data, status=201
        )


class ActivityStatusView(PersonalDataApiView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="updateActivityStatus",
        summary="Start, rond af of stop een activiteit",
        description="Zoals op het scherm: een afgeronde activiteit telt als geleverd op de lokale "
        "keuze waarop ze is afgeboekt, een gestopte gebruikt haar eenheden niet meer. 400 wanneer "
        "de activiteit al is beëindigd, of de einddatum voor de start, voor de aanmelding of na "
        "het einde van het traject ligt.",
        request=ActivityStatusInputSerializer,
        responses=responses({200: ActivitySerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        scope = policy.candidate_scope(request.user, Activity.objects.all(), prefix="trajectory__")
        activity = scope.select_related("trajectory").filter(uuid=uuid).first()
        if activity is None:
            raise Http404
        policy.require(policy.can_work_on_journey(request.user, activity.trajectory))
        data = validated(ActivityStatusInputSerializer, request.data)
        activity = run(
            services.update_activity_status,
            actor=request.user,
            activity=activity,
            status=data["status"],
            end=data["end"],
        )
        return Response(ActivitySerializer(activity).data)


def _employer(user, data: dict, name: str) -> Employer:
    """The employer of a placement's input, by its uuid (taken out of ``data``)."""
    policy.require(policy.can_view_employers(user))
    employer = Employer.objects.filter(uuid=data.pop("employer")["uuid"]).first()
    if employer is None:
        raise invalid(name, _("There is no employer with this identifier."), "unknown")
    return employer


class PlacementView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createPlacement",
        summary="Plaats de kandidaat bij een werkgever",
        description="Met de regels van bijlage B1: een leerwerkplek hoogstens 6 maanden (12 met "
        "BBL), een ontwikkeltraject hoogstens een jaar, taalstage en oriëntatietraject alleen "
        "voor statushouders, een proefplaats zonder arbeidscontract.",
        request=PlacementSerializer,
        responses=responses({201: PlacementSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = dict(validated(PlacementSerializer, request.data))
        employer = _employer(request.user, data, "employer")
        placement = run(
            services.add_placement,
            actor=request.user,
            trajectory=trajectory,
            employer=employer,
            planned_end=data.pop("planned_end", None),
            **data,
        )
        return Response(PlacementSerializer(placement).data, status=201)


class InstrumentView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createInstrument",
        summary="Zet een voorziening in",
        description="Met de regels van bijlage B1, onder meer: scholing hoogstens € 1.500 incl. "
        "btw per kandidaat in totaal, reiskosten alleen bij meer dan 10 km, loonkostensubsidie "
        "alleen met een indicatie.",
        request=InstrumentSerializer,
        responses=responses({201: InstrumentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = validated(InstrumentSerializer, request.data)
        instrument = run(services.add_instrument, actor=request.user, trajectory=trajectory, **data)
        return Response(InstrumentSerializer(instrument).data, status=201)
