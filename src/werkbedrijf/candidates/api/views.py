"""The candidate API views: thin. Look up by UUID within the user's scope (else 404), check the
request's shape, call the service or selector, and answer. Rules live in candidates.services and
candidates.policies; who may do what in access.policy."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import User
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.api.conditional import IF_MATCH, etag, expected_version, location_header
from werkbedrijf.api.schema import problem_response
from werkbedrijf.api.views import ApiView, refused_as
from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.imports import import_referrals
from werkbedrijf.candidates.models import (
    Candidate,
    Employer,
    ReferralChannel,
    SanctionSignal,
    ThreeWayTalk,
)
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.processing_log.services import processing_channel
from werkbedrijf.utils.bsn import is_valid_bsn

from . import serializers as s

CHANNEL = ReferralChannel.API
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _responses(ok: dict, *codes: int) -> dict:
    """The answers of an operation: ``ok`` and the problems named (the schema class adds the
    problems every operation can answer)."""
    responses = dict(ok)
    for code in codes:
        responses.update(problem_response(code))
    return responses


def _etag_header(status_code: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[status_code],
        description="De versie van het traject; stuur die mee in If-Match bij een stap.",
    )


# --- plumbing ------------------------------------------------------------------------------------


def run(service, /, rename: dict | None = None, **kwargs):
    """Call a service; its ValidationError becomes a 400 problem with the API's field names."""
    with refused_as(rename):
        return service(**kwargs)


def _invalid(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ErrorDetail(message, code=code)]})


def _validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _query(request, serializer_class) -> dict:
    # A plain dict, so absent booleans take their default (a QueryDict reads them as False).
    return _validated(serializer_class, request.query_params.dict())


def _url(request, name: str, **kwargs) -> str:
    namespace = request.resolver_match.namespace
    return request.build_absolute_uri(
        reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)
    )


def _next_link(request, serializer_class, last_uuid) -> str | None:
    """The next page: the known filters plus a cursor (the last row's UUID). Never anything else
    from the query string, so nothing a client put there travels on in our links."""
    if last_uuid is None:
        return None
    known = serializer_class().fields
    params = {k: v for k, v in request.query_params.items() if k in known and k != "cursor"}
    params["cursor"] = str(last_uuid)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


# --- lookups: by UUID, within the user's scope ---------------------------------------------------


def _municipality(user, uuid, field: str = "municipality") -> Organisation:
    organisation = (
        policy.organisation_scope(user, Organisation.objects.all())
        .filter(kind=OrganisationKind.MUNICIPALITY, uuid=uuid)
        .first()
    )
    if organisation is None:
        raise _invalid(field, _("There is no municipality with this identifier."), "unknown")
    return organisation


def _staff_member(uuid, field: str, *, organisation=None, werkbedrijf: bool = False) -> User:
    """An active staff member to name in a record (contact person, participant, consultant)."""
    if uuid is None:
        return None
    qs = User.objects.filter(uuid=uuid, is_active=True, organisation__isnull=False)
    if werkbedrijf:
        qs = qs.filter(organisation__kind=OrganisationKind.WERKBEDRIJF)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    member = qs.select_related("organisation").first()
    if member is None:
        raise _invalid(field, _("There is no active staff member with this identifier."), "unknown")
    return member


def _candidate_for_change(user, uuid) -> Candidate:
    candidate = selectors.candidate_scope(user).select_related("municipality").filter(uuid=uuid)
    candidate = candidate.first()
    if candidate is None:
        raise Http404
    return candidate


def _scoped_signal(user, uuid) -> SanctionSignal:
    qs = policy.candidate_scope(user, SanctionSignal.objects.all(), prefix="trajectory__")
    signal = qs.select_related("trajectory").filter(uuid=uuid).first()
    if signal is None:
        raise Http404
    return signal


def _scoped_talk(user, uuid) -> ThreeWayTalk:
    qs = policy.candidate_scope(user, ThreeWayTalk.objects.all(), prefix="trajectory__")
    talk = qs.select_related("trajectory").filter(uuid=uuid).first()
    if talk is None:
        raise Http404
    return talk


def _keyset_cursor(user, uuid) -> str | None:
    """The caseload's keyset for the row a `next` link points after (see selectors.keyset_after);
    an unknown UUID is a stale link."""
    if uuid is None:
        return None
    keyset = selectors.keyset_after(user, uuid)
    if keyset is None:
        raise _invalid("cursor", _("This page link is no longer valid."), "invalid_cursor")
    return keyset


# --- base ----------------------------------------------------------------------------------------


class CandidateApiView(ApiView):
    """The API's conventions (authentication, JSON, problems in the schema), plus: everything
    processed in the request is logged with channel "api", and personal data is never cached."""

    def dispatch(self, request, *args, **kwargs):
        with processing_channel(CHANNEL):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


def _trajectory_response(request, trajectory, status_code=status.HTTP_200_OK) -> Response:
    response = Response(s.TrajectoryDetailSerializer(trajectory).data, status=status_code)
    response["ETag"] = etag(trajectory.lock_version)
    if status_code == status.HTTP_201_CREATED:
        response["Location"] = _url(request, "trajectory-detail", uuid=trajectory.uuid)
    return response


# --- referrals -----------------------------------------------------------------------------------


class ReferralView(CandidateApiView):
    @extend_schema(
        tags=["verwijzingen"],
        operation_id="createReferral",
        summary="Verwijs een inwoner naar WerkBedrijf",
        description="De gemeente verwijst een inwoner. Geweigerd bij een ongeldig BSN, een "
        "geboortedatum in de toekomst of een lopende verwijzing van dezelfde persoon.",
        request=s.ReferralInputSerializer,
        parameters=[_etag_header(201), location_header()],
        responses=_responses({201: s.TrajectoryDetailSerializer}, 400, 403),
    )
    def post(self, request):
        data = _validated(s.ReferralInputSerializer, request.data)
        municipality = _municipality(request.user, data.pop("municipality"))
        policy.require(policy.can_refer(request.user, municipality))
        person = services.PersonInput(
            bsn=data.pop("bsn").strip(),
            first_name=data.pop("first_name"),
            last_name=data.pop("last_name"),
            date_of_birth=data.pop("date_of_birth"),
        )
        options = {k: data.pop(k) for k in ("referred_on", "warm_handover") if k in data}
        note = data.pop("note", "")
        person.extra = data
        trajectory = run(
            services.refer_candidate,
            actor=request.user,
            municipality=municipality,
            person=person,
            channel=CHANNEL,
            note=note,
            **options,
        )
        return _trajectory_response(request, trajectory, status.HTTP_201_CREATED)


class ReferralUploadView(CandidateApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["verwijzingen"],
        operation_id="uploadReferrals",
        summary="Verwijs veel inwoners tegelijk met een bestand",
        description="Een CSV- of XLSX-bestand met één verwijzing per rij. Elke rij wordt "
        "gecontroleerd; geldige rijen worden opgeslagen, en hetzelfde bestand nog eens "
        "uploaden slaat niets dubbel op. Het antwoord is een verslag per rij.",
        request={"multipart/form-data": s.ReferralUploadInputSerializer},
        responses=_responses({200: s.UploadReportSerializer}, 400, 403),
    )
    def post(self, request):
        data = _validated(s.ReferralUploadInputSerializer, request.data)
        municipality = _municipality(request.user, data["municipality"])
        policy.require(policy.can_refer(request.user, municipality))
        upload = data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise _invalid("file", _("The file is larger than 10 MB."), "too_large")
        report = run(
            import_referrals,
            actor=request.user,
            municipality=municipality,
            uploaded_file_bytes=upload.read(),
            filename=upload.name or "",
        )
        return Response(s.UploadReportSerializer(report).data)


# --- candidates ----------------------------------------------------------------------------------


class CandidateListView(CandidateApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="listCandidates",
        summary="Werkvoorraad: trajecten met hun kandidaat",
        description="Gesorteerd op achternaam, per pagina via `next` (keyset; er wordt nooit "
        "geteld). Een volledig BSN hoort nooit in een URL: zoek daarop met "
        "POST /candidates/search-by-bsn.",
        parameters=[s.CaseloadQuerySerializer],
        responses=_responses({200: s.CaseloadPageSerializer}, 400, 403),
    )
    def get(self, request):
        # Roles that do not work with candidates get no list at all, as on the screens.
        policy.require(policy.can_view_candidates(request.user))
        if "bsn" in request.query_params:
            raise _invalid(
                "bsn",
                _("A BSN never goes in a URL; search with POST /candidates/search-by-bsn."),
                "bsn_in_url",
            )
        query = _query(request, s.CaseloadQuerySerializer)
        user = request.user
        consultant = query.get("consultant")
        municipality = query.get("municipality")
        filters = selectors.Filters(
            name=query.get("name", ""),
            bsn_part=query.get("bsnPart", ""),
            phase=query.get("phase", ""),
            focus_group=query.get("focusGroup", ""),
            consultant=_staff_member(consultant, "consultant").pk if consultant else None,
            municipality=_municipality(user, municipality).pk if municipality else None,
            active_only=query["activeOnly"],
        )
        page = selectors.caseload(
            user,
            filters,
            cursor=_keyset_cursor(user, query.get("cursor")),
            page_size=query["pageSize"],
            channel=CHANNEL,
        )
        last = page.rows[-1].uuid if page.next_cursor else None
        return Response(
            {
                "results": s.CaseloadRowSerializer(page.rows, many=True).data,
                "next": _next_link(request, s.CaseloadQuerySerializer, last),
            }
        )


class CandidateDetailView(CandidateApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="getCandidate",
        summary="Eén kandidaat, met het volledige BSN",
        responses=_responses({200: s.CandidateDetailSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_candidates(request.user))
        candidate = selectors.get_candidate(request.user, uuid, channel=CHANNEL)
        return Response(s.CandidateDetailSerializer(candidate).data)


class CandidateSearchByBsnView(CandidateApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="searchCandidateByBsn",
        summary="Zoek een kandidaat op BSN",
        description="Het BSN gaat in de body, nooit in de URL. 404 wanneer er binnen uw bereik "
        "geen kandidaat met dit BSN is.",
        request=s.BsnSearchSerializer,
        responses=_responses({200: s.CandidateDetailSerializer}, 400, 404),
    )
    def post(self, request):
        policy.require(policy.can_view_candidates(request.user))
        bsn = _validated(s.BsnSearchSerializer, request.data)["bsn"].strip()
        if not is_valid_bsn(bsn):
            raise _invalid("bsn", _("This is not a valid BSN (it fails the 11-proef)."))
        found = selectors.candidate_scope(request.user).filter(bsn=bsn).values("uuid").first()
        if found is None:
            raise Http404
        candidate = selectors.get_candidate(request.user, found["uuid"], channel=CHANNEL)
        return Response(s.CandidateDetailSerializer(candidate).data)


class ContactPersonView(CandidateApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="assignContactPerson",
        summary="Draag de kandidaat over aan een nieuw vast aanspreekpunt",
        request=s.ContactPersonInputSerializer,
        responses=_responses({200: s.ContactAssignmentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        candidate = _candidate_for_change(request.user, uuid)
        data = _validated(s.ContactPersonInputSerializer, request.data)
        contact = _staff_member(data["contact"], "contact")
        assignment = run(
            services.assign_contact,
            actor=request.user,
            candidate=candidate,
            contact=contact,
            note=data["note"],
        )
        return Response(s.ContactAssignmentSerializer(assignment).data)


class AssessmentView(CandidateApiView):
    @extend_schema(
        tags=["kandidaten"],
        operation_id="createAssessment",
        summary="Leg de digitale assessment van een statushouder vast",
        request=s.DigitalAssessmentSerializer,
        responses=_responses({201: s.DigitalAssessmentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        candidate = _candidate_for_change(request.user, uuid)
        policy.require(policy.can_record_assessment(request.user, candidate))
        data = dict(_validated(s.DigitalAssessmentSerializer, request.data))
        assessment = run(
            services.record_assessment, actor=request.user, candidate=candidate, **data
        )
        return Response(s.DigitalAssessmentSerializer(assessment).data, status=201)


# --- trajectories --------------------------------------------------------------------------------


class TrajectoryDetailView(CandidateApiView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="getTrajectory",
        summary="Eén traject met zijn tijdlijn",
        description="De ETag is de versie van het traject; stuur die mee in If-Match bij een stap.",
        parameters=[_etag_header(200)],
        responses=_responses({200: s.TrajectoryDetailSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_candidates(request.user))
        trajectory = selectors.get_trajectory(request.user, uuid, channel=CHANNEL)
        return _trajectory_response(request, trajectory)


class StepView(CandidateApiView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createStep",
        summary="Zet een stap in de klantreis",
        description="Alleen de stappen die de klantreis toestaat (zie allowedSteps). Met "
        "If-Match (de ETag van het traject): 412 wanneer iemand anders het traject intussen "
        "heeft gewijzigd, en dan verandert er niets.",
        parameters=[IF_MATCH, _etag_header(201)],
        request=s.StepInputSerializer,
        responses=_responses({201: s.TrajectoryDetailSerializer}, 400, 403, 404, 412),
    )
    def post(self, request, uuid):
        user = request.user
        trajectory = selectors.trajectory_for_change(user, uuid)
        policy.require(policy.can_work_on_journey(user, trajectory))
        expected = expected_version(request)
        data = dict(_validated(s.StepInputSerializer, request.data))
        data["business_consultant"] = _staff_member(
            data.get("business_consultant"), "businessConsultant", werkbedrijf=True
        )
        run(
            services.take_step,
            rename={"phase": "target"},
            actor=user,
            trajectory=trajectory,
            expected_version=expected,
            **data,
        )
        trajectory = selectors.get_trajectory(user, uuid, channel=CHANNEL)
        return _trajectory_response(request, trajectory, status.HTTP_201_CREATED)


class JourneyWorkView(CandidateApiView):
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
        request=s.IntakeNoteSerializer,
        responses=_responses({201: s.IntakeNoteSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = _validated(s.IntakeNoteSerializer, request.data)
        note = run(
            services.add_intake_note,
            actor=request.user,
            trajectory=trajectory,
            theme=data["theme"],
            text=data["text"],
            written_on=data.get("written_on"),
        )
        return Response(s.IntakeNoteSerializer(note).data, status=201)


class ActivityView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createActivity",
        summary="Plan een activiteit",
        description="Een activiteit die de gemeente als lokale keuze kocht, wordt afgeboekt van "
        "de gekochte eenheden van dat jaar (chargeTo). `warning` waarschuwt wanneer ze opraken; "
        "400 wanneer de gemeente dit niet kocht of de eenheden op zijn.",
        request=s.ActivitySerializer,
        responses=_responses({201: s.ActivityCreatedSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = _validated(s.ActivitySerializer, request.data)
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
                raise _invalid("chargeTo", _("There is no local choice with this identifier."))
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
            s.ActivityCreatedSerializer(activity, context={"warning": warning}).data, status=201
        )


class PlacementView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createPlacement",
        summary="Plaats de kandidaat bij een werkgever",
        description="Met de regels van bijlage B1: een leerwerkplek hoogstens 6 maanden (12 met "
        "BBL), een ontwikkeltraject hoogstens een jaar, taalstage en oriëntatietraject alleen "
        "voor statushouders, een proefplaats zonder arbeidscontract.",
        request=s.PlacementSerializer,
        responses=_responses({201: s.PlacementSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = dict(_validated(s.PlacementSerializer, request.data))
        policy.require(policy.can_view_employers(request.user))
        employer = Employer.objects.filter(uuid=data.pop("employer")["uuid"]).first()
        if employer is None:
            raise _invalid("employer", _("There is no employer with this identifier."), "unknown")
        placement = run(
            services.add_placement,
            actor=request.user,
            trajectory=trajectory,
            employer=employer,
            planned_end=data.pop("planned_end", None),
            **data,
        )
        return Response(s.PlacementSerializer(placement).data, status=201)


class InstrumentView(JourneyWorkView):
    @extend_schema(
        tags=["trajecten"],
        operation_id="createInstrument",
        summary="Zet een voorziening in",
        description="Met de regels van bijlage B1, onder meer: scholing hoogstens € 1.500 incl. "
        "btw per kandidaat in totaal, reiskosten alleen bij meer dan 10 km, loonkostensubsidie "
        "alleen met een indicatie.",
        request=s.InstrumentSerializer,
        responses=_responses({201: s.InstrumentSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = _validated(s.InstrumentSerializer, request.data)
        instrument = run(services.add_instrument, actor=request.user, trajectory=trajectory, **data)
        return Response(s.InstrumentSerializer(instrument).data, status=201)


class SanctionSignalView(JourneyWorkView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="createSanctionSignal",
        summary="Signaleer mogelijk maatregelwaardig gedrag",
        description="WerkBedrijf geeft feiten en een advies; de gemeente beslist.",
        request=s.SanctionSignalSerializer,
        responses=_responses({201: s.SanctionSignalSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = self.trajectory(request, uuid)
        data = _validated(s.SanctionSignalSerializer, request.data)
        signal = run(
            services.signal_sanction,
            actor=request.user,
            trajectory=trajectory,
            facts=data["facts"],
            advice=data["advice"],
            signalled_on=data.get("signalled_on"),
        )
        return Response(s.SanctionSignalSerializer(signal).data, status=201)


class SanctionDecisionView(CandidateApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="decideSanctionSignal",
        summary="Leg het besluit van de gemeente over een signaal vast",
        description="Alleen de casemanager Inkomen van de gemeente; het systeem beslist nooit.",
        request=s.SanctionDecisionInputSerializer,
        responses=_responses({200: s.SanctionSignalSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        signal = _scoped_signal(request.user, uuid)
        policy.require(policy.can_decide_sanction(request.user, signal.trajectory))
        data = _validated(s.SanctionDecisionInputSerializer, request.data)
        signal = run(
            services.decide_sanction,
            actor=request.user,
            signal=signal,
            decision=data["decision"],
            reasons=data["reasons"],
            decided_on=data.get("decided_on"),
        )
        return Response(s.SanctionSignalSerializer(signal).data)


class ThreeWayTalkView(CandidateApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="createThreeWayTalk",
        summary="Plan een piramidegesprek",
        request=s.ThreeWayTalkSerializer,
        responses=_responses({201: s.ThreeWayTalkSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = selectors.trajectory_for_change(request.user, uuid)
        policy.require(policy.can_plan_talk(request.user, trajectory))
        data = _validated(s.ThreeWayTalkSerializer, request.data)
        income = (data.get("income_participant") or {}).get("uuid")
        werkbedrijf = (data.get("werkbedrijf_participant") or {}).get("uuid")
        talk = run(
            services.plan_talk,
            actor=request.user,
            trajectory=trajectory,
            planned_on=data["planned_on"],
            income_participant=_staff_member(
                income, "incomeParticipant", organisation=trajectory.municipality
            ),
            werkbedrijf_participant=_staff_member(
                werkbedrijf, "werkbedrijfParticipant", werkbedrijf=True
            ),
        )
        return Response(s.ThreeWayTalkSerializer(talk).data, status=201)


class TalkOutcomeView(CandidateApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="recordThreeWayTalkOutcome",
        summary="Leg de uitkomst van een piramidegesprek vast",
        request=s.TalkOutcomeInputSerializer,
        responses=_responses({200: s.ThreeWayTalkSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        talk = _scoped_talk(request.user, uuid)
        policy.require(policy.can_plan_talk(request.user, talk.trajectory))
        data = _validated(s.TalkOutcomeInputSerializer, request.data)
        talk = run(
            services.record_talk,
            actor=request.user,
            talk=talk,
            held_on=data["held_on"],
            outcome=data["outcome"],
        )
        return Response(s.ThreeWayTalkSerializer(talk).data)


class ReturnsView(CandidateApiView):
    @extend_schema(
        tags=["inkomen"],
        operation_id="listReturns",
        summary="Terugmeldingen aan de gemeente",
        description="Trajecten die WerkBedrijf aan de gemeente teruggaf, met reden; een "
        "casemanager Inkomen ziet die van de eigen gemeente.",
        parameters=[s.ReturnsQuerySerializer],
        responses=_responses({200: s.ReturnsPageSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_candidates(request.user))
        query = _query(request, s.ReturnsQuerySerializer)
        user = request.user
        municipality = query.get("municipality")
        filters = selectors.Filters(
            phase="returned",
            active_only=False,
            municipality=_municipality(user, municipality).pk if municipality else None,
        )
        page = selectors.caseload(
            user,
            filters,
            cursor=_keyset_cursor(user, query.get("cursor")),
            page_size=query["pageSize"],
            channel=CHANNEL,
        )
        last = page.rows[-1].uuid if page.next_cursor else None
        return Response(
            {
                "results": s.ReturnRowSerializer(page.rows, many=True).data,
                "next": _next_link(request, s.ReturnsQuerySerializer, last),
            }
        )


# --- employers -----------------------------------------------------------------------------------


class EmployerListView(CandidateApiView):
    @extend_schema(
        tags=["werkgevers"],
        operation_id="listEmployers",
        summary="Werkgevers",
        parameters=[s.EmployerQuerySerializer],
        responses=_responses({200: s.EmployerPageSerializer}, 400),
    )
    def get(self, request):
        policy.require(policy.can_view_employers(request.user))
        query = _query(request, s.EmployerQuerySerializer)
        qs = Employer.objects.all()
        if query.get("name"):
            qs = qs.filter(name__istartswith=query["name"])
        if query.get("sectorGroup"):
            qs = qs.filter(sector_group=query["sectorGroup"])
        if query.get("cursor"):
            after = Employer.objects.filter(uuid=query["cursor"]).values("name", "id").first()
            if after is None:
                raise _invalid("cursor", _("This page link is no longer valid."), "invalid_cursor")
            qs = qs.filter(Q(name__gt=after["name"]) | Q(name=after["name"], id__gt=after["id"]))
        size = query["pageSize"]
        rows = list(qs.order_by("name", "id")[: size + 1])
        last = rows[size - 1].uuid if len(rows) > size else None
        selectors.log_employer_contacts(request.user, rows[:size])
        return Response(
            {
                "results": s.EmployerSerializer(rows[:size], many=True).data,
                "next": _next_link(request, s.EmployerQuerySerializer, last),
            }
        )

    @extend_schema(
        tags=["werkgevers"],
        operation_id="createEmployer",
        summary="Registreer een werkgever",
        description="Alleen WerkBedrijf. Het KvK-nummer heeft acht cijfers en is uniek.",
        request=s.EmployerSerializer,
        parameters=[location_header()],
        responses=_responses({201: s.EmployerSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_employers(request.user))
        data = dict(_validated(s.EmployerSerializer, request.data))
        employer = run(
            services.register_employer,
            actor=request.user,
            name=data.pop("name"),
            kvk_number=data.pop("kvk_number"),
            sector_group=data.pop("sector_group"),
            **data,
        )
        response = Response(s.EmployerSerializer(employer).data, status=201)
        response["Location"] = _url(request, "employer-detail", uuid=employer.uuid)
        return response


class EmployerDetailView(CandidateApiView):
    @extend_schema(
        tags=["werkgevers"],
        operation_id="getEmployer",
        summary="Eén werkgever",
        responses=_responses({200: s.EmployerSerializer}, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_view_employers(request.user))
        employer = Employer.objects.filter(uuid=uuid).first()
        if employer is None:
            raise Http404
        selectors.log_employer_contacts(request.user, [employer])
        return Response(s.EmployerSerializer(employer).data)


# --- realisation ---------------------------------------------------------------------------------


class RealisationView(CandidateApiView):
    @extend_schema(
        tags=["realisatie"],
        operation_id="getRealisation",
        summary="Realisatie van de lokale keuzes van een gemeente",
        description="Per gekochte dienst: gekocht (naar rato voor 2024), geleverd, lopend en een "
        "verwachting voor het jaar in het huidige tempo. Alleen totalen, geen persoonsgegevens.",
        parameters=[s.RealisationQuerySerializer],
        responses=_responses({200: s.RealisationSerializer}, 400, 404),
    )
    def get(self, request):
        query = _query(request, s.RealisationQuerySerializer)
        municipality = _municipality(request.user, query["municipality"])
        year = query.get("year") or timezone.localdate().year
        rows = selectors.realisation(request.user, municipality, year)
        return Response(
            s.RealisationSerializer(
                {"municipality": municipality, "year": year, "services": rows}
            ).data
        )
