"""The matching API: the catalogue, vacancies, match lists both ways, work profiles, proposals and
the decisions on them. A match list and a work profile are personal data: every answer is logged."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    ApiView,
    PersonalDataApiView,
    absolute_url,
    invalid,
    responses,
    run,
    validated,
    validated_query,
)
from werkbedrijf.api.conditional import (
    IF_MATCH,
    etag,
    etag_header,
    expected_version,
    location_header,
)
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates.models import Candidate
from werkbedrijf.employers.models import Employer

from .. import policies, selectors, services
from .serializers import (
    CertificateObtainedListSerializer,
    CertificateObtainedSerializer,
    CompetenceListSerializer,
    CompetenceQuerySerializer,
    CompetenceSerializer,
    DecisionInputSerializer,
    ProposalInputSerializer,
    ProposalSerializer,
    ShortlistSerializer,
    VacancyListSerializer,
    VacancyMatchListSerializer,
    VacancyQuerySerializer,
    VacancySerializer,
    VacancyStatusInputSerializer,
    WorkProfileSerializer,
)

CHANNEL = "api"

DECISION_IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='De ETag van het voorstel zoals u het las, bijv. `"2"`. Besloot iemand anders '
    "intussen: 409 en er wordt niets opgeslagen.",
)

VACANCY_IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='De ETag van de vacature zoals u die las, bijv. `"2"`. Wijzigde iemand anders '
    "intussen de vacature: 409 en er wordt niets opgeslagen.",
)
TAGS = ["vacatures en matching"]


class CompetenceListView(ApiView):
    """De catalogus is referentiedata: elke medewerker mag hem lezen."""

    @extend_schema(
        tags=TAGS,
        operation_id="listCompetences",
        summary="Competenties en certificaten van de catalogus",
        parameters=[CompetenceQuerySerializer],
        responses=responses({200: CompetenceListSerializer}, 400),
    )
    def get(self, request):
        query = validated_query(request, CompetenceQuerySerializer)
        rows = selectors.competences(request.user, query.get("sectorGroup", ""))
        return Response({"results": CompetenceSerializer(rows, many=True).data})


def _vacancy_input(data: dict) -> dict:
    data = dict(data)
    employer_uuid = data.pop("employer")["uuid"]
    data["occupation"] = data.pop("occupation")["code"]
    employer = Employer.objects.filter(uuid=employer_uuid).first()
    if employer is None:
        raise invalid("employer", _("Unknown employer."), "unknown_employer")
    data["employer"] = employer
    return data


class VacancyListView(ApiView):
    """Vacatures van werkgevers: geen persoonsgegevens."""

    @extend_schema(
        tags=TAGS,
        operation_id="listVacancies",
        summary="Vacatures",
        parameters=[VacancyQuerySerializer],
        responses=responses({200: VacancyListSerializer}, 400, 403),
    )
    def get(self, request):
        policy.require(policy.can_view_vacancies(request.user))
        query = validated_query(request, VacancyQuerySerializer)
        rows = selectors.vacancies(
            request.user, status=query["status"], sector_group=query.get("sectorGroup", "")
        )
        return Response({"results": VacancySerializer(rows, many=True).data})

    @extend_schema(
        tags=TAGS,
        operation_id="createVacancy",
        summary="Voer een vacature in",
        description="Alleen consulenten van WerkBedrijf. Uren per week meer dan 0; de startdatum "
        "van een nieuwe vacature ligt niet in het verleden; codes komen uit de catalogus.",
        request=VacancySerializer,
        parameters=[location_header()],
        responses=responses({201: VacancySerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(policy.can_manage_vacancies(request.user))
        data = _vacancy_input(validated(VacancySerializer, request.data))
        vacancy = run(
            services.create_vacancy,
            rename={
                "competencesMust": "competencesRequired",
                "competencesNice": "competencesDesired",
            },
            actor=request.user,
            employer=data.pop("employer"),
            occupation=data.pop("occupation"),
            **data,
        )
        response = Response(VacancySerializer(vacancy).data, status=201)
        response["Location"] = absolute_url(request, "vacancy-detail", uuid=vacancy.uuid)
        return response


class VacancyDetailView(ApiView):
    """Eén vacature, voor consulenten en teammanagers van WerkBedrijf."""

    @extend_schema(
        tags=TAGS,
        operation_id="getVacancy",
        summary="Eén vacature",
        parameters=[etag_header(200)],
        responses=responses({200: VacancySerializer}, 404),
    )
    def get(self, request, uuid):
        vacancy = selectors.get_vacancy(request.user, uuid)
        response = Response(VacancySerializer(vacancy).data)
        response["ETag"] = etag(vacancy.lock_version)
        return response


class VacancyStatusChangeView(ApiView):
    """De status van een vacature: geen persoonsgegevens."""

    @extend_schema(
        tags=TAGS,
        operation_id="createVacancyStatusChange",
        summary="Wijzig de status van een vacature",
        description="Alleen consulenten van WerkBedrijf. De datum van de wijziging wordt "
        "vastgelegd (`statusSince`). Een wijziging die de huidige status niet toelaat: 400. Stuur "
        "in If-Match de ETag van de vacature zoals u die las: wijzigde iemand anders intussen de "
        "vacature, dan 409 Conflict en er wordt niets opgeslagen.",
        request=VacancyStatusInputSerializer,
        parameters=[VACANCY_IF_MATCH],
        responses=responses({200: VacancySerializer}, 400, 403, 404, 409, 412),
    )
    def post(self, request, uuid):
        vacancy = selectors.get_vacancy(request.user, uuid)
        policy.require(policy.can_manage_vacancies(request.user))
        version = expected_version(request)
        data = validated(VacancyStatusInputSerializer, request.data)
        changed = run(
            services.change_vacancy_status,
            actor=request.user,
            vacancy=vacancy,
            status=data["status"],
            version=vacancy.lock_version if version is None else version,
        )
        response = Response(VacancySerializer(changed).data)
        response["ETag"] = etag(changed.lock_version)
        return response


class VacancyCandidatesView(PersonalDataApiView):
    """Matchlijst van een vacature; het bekijken wordt gelogd."""

    @extend_schema(
        tags=TAGS,
        operation_id="listVacancyCandidates",
        summary="De best passende kandidaten voor een vacature, met onderbouwing",
        description="Alleen wie aan alle harde eisen voldoet; met de score per categorie, de "
        "gewichten en de onderbouwing, en bij weinig kandidaten welke ene wijziging de lijst "
        "het meest verbreedt. Het bekijken wordt gelogd.",
        responses=responses({200: ShortlistSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_match(request.user))
        vacancy = selectors.get_vacancy(request.user, uuid)
        shortlist = selectors.shortlist(request.user, vacancy, channel=CHANNEL)
        return Response(ShortlistSerializer(shortlist).data)


def _candidate(user, uuid) -> Candidate:
    return selectors.find_candidate(user, uuid)


class CandidateVacanciesView(PersonalDataApiView):
    """Alleen open vacatures waarvoor de kandidaat aan alle harde eisen voldoet; het bekijken wordt gelogd."""

    @extend_schema(
        tags=TAGS,
        operation_id="listCandidateVacancies",
        summary="De best passende open vacatures voor een kandidaat, met onderbouwing",
        responses=responses({200: VacancyMatchListSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        policy.require(policy.can_match(request.user))
        candidate = _candidate(request.user, uuid)
        rows = selectors.vacancies_for(request.user, candidate, channel=CHANNEL)
        return Response(VacancyMatchListSerializer({"results": rows}).data)


def _profile_answer(profile, candidate) -> dict:
    score, missing = policies.completeness(selectors.profile_values(profile, candidate))
    data = dict(WorkProfileSerializer(profile).data) if profile else {"uuid": None}
    data.update(completeness=score, missing=missing)
    return data


class WorkProfileView(PersonalDataApiView):
    """Het werkprofiel: wat een kandidaat kan en wil, ingevuld bij intake en diagnose."""

    @extend_schema(
        tags=TAGS,
        operation_id="getWorkProfile",
        summary="Het werkprofiel van een kandidaat, met de volledigheid",
        responses=responses({200: WorkProfileSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        candidate = _candidate(request.user, uuid)
        policy.require(policy.can_view_work_profile(request.user, candidate))
        profile = selectors.get_work_profile(request.user, candidate, channel=CHANNEL)
        response = Response(_profile_answer(profile, candidate))
        if profile:
            response["ETag"] = etag(profile.lock_version)
        return response

    @extend_schema(
        tags=TAGS,
        operation_id="replaceWorkProfile",
        summary="Leg het werkprofiel van een kandidaat vast",
        description="Een reisafstand is hoogstens 100 km; competenties komen uit de catalogus, "
        "met hun bron en niveau. Met If-Match: alleen als niemand anders intussen opsloeg.",
        request=WorkProfileSerializer,
        parameters=[IF_MATCH],
        responses=responses({200: WorkProfileSerializer}, 400, 403, 404, 412),
    )
    def put(self, request, uuid):
        candidate = _candidate(request.user, uuid)
        policy.require(policy.can_edit_work_profile(request.user, candidate))
        version = expected_version(request)
        data = dict(validated(WorkProfileSerializer, request.data))
        if "competences" in data:
            data["competences"] = [dict(c) for c in data["competences"]]
        profile = run(
            services.save_work_profile,
            actor=request.user,
            candidate=candidate,
            version=version,
            **data,
        )
        response = Response(_profile_answer(profile, candidate))
        response["ETag"] = etag(profile.lock_version)
        return response


def _source(trajectory, data: dict, name: str):
    """The activity or instrument of the trajectory the body names (None when it names none)."""
    uuid = (data.get(name) or {}).get("uuid")
    if uuid is None:
        return None
    related = trajectory.activities if name == "activity" else trajectory.instruments
    found = related.filter(uuid=uuid).first()
    if found is None:
        raise invalid(name, _("This is not a record of this trajectory."), "not_found")
    return found


class CertificatesObtainedView(PersonalDataApiView):
    """Certificaten die een kandidaat in een traject behaalde (ontwikkeling naast uitstroom)."""

    @extend_schema(
        tags=["trajecten"],
        operation_id="listCertificatesObtained",
        summary="De certificaten die de kandidaat in het traject behaalde",
        responses=responses({200: CertificateObtainedListSerializer}, 403, 404),
    )
    def get(self, request, uuid):
        trajectory = candidate_selectors.trajectory_for_change(request.user, uuid)
        found = selectors.certificates_obtained(request.user, trajectory, channel=CHANNEL)
        return Response(CertificateObtainedListSerializer({"results": found}).data)

    @extend_schema(
        tags=["trajecten"],
        operation_id="createCertificateObtained",
        summary="Leg een behaald certificaat vast",
        description="Een certificaat uit de catalogus (soort certificate), met de datum waarop "
        "het behaald is: niet in de toekomst, niet voor de aanmelding en niet na het einde van "
        "het traject. Een afgesloten traject neemt nog een certificaat aan dat voor het einde "
        "behaald is (laat vastgelegd). Heeft de kandidaat een werkprofiel, dan komt het "
        "certificaat daarin met bron certificate.",
        request=CertificateObtainedSerializer,
        responses=responses({201: CertificateObtainedSerializer}, 400, 403, 404),
    )
    def post(self, request, uuid):
        trajectory = candidate_selectors.trajectory_for_change(request.user, uuid)
        policy.require(policy.can_work_on_journey(request.user, trajectory))
        data = validated(CertificateObtainedSerializer, request.data)
        record = run(
            services.record_certificate,
            rename={"obtained_on": "obtainedOn"},
            actor=request.user,
            trajectory=trajectory,
            certificate=data["certificate"]["code"],
            obtained_on=data["obtained_on"],
            activity=_source(trajectory, data, "activity"),
            instrument=_source(trajectory, data, "instrument"),
        )
        return Response(CertificateObtainedSerializer(record).data, status=201)


class ProposalListView(PersonalDataApiView):
    """Een consulent stelt een kandidaat voor; het systeem benadert niemand zelf."""

    @extend_schema(
        tags=TAGS,
        operation_id="createProposal",
        summary="Stel een kandidaat voor voor een vacature",
        description="Met een reden. Geweigerd als een harde eis de kandidaat uitsluit.",
        request=ProposalInputSerializer,
        parameters=[location_header()],
        responses=responses({201: ProposalSerializer}, 400, 403, 404),
    )
    def post(self, request):
        policy.require(policy.can_match(request.user))
        data = validated(ProposalInputSerializer, request.data)
        vacancy = selectors.get_vacancy(request.user, data["vacancy"])
        candidate = (
            policy.candidate_scope(request.user, Candidate.objects.all())
            .filter(uuid=data["candidate"])
            .first()
        )
        if candidate is None:
            raise invalid("candidate", _("Unknown candidate."), "unknown_candidate")
        proposal = run(
            services.propose_candidate,
            actor=request.user,
            vacancy=vacancy,
            candidate=candidate,
            reason=data["reason"],
        )
        response = Response(ProposalSerializer(proposal).data, status=201)
        response["Location"] = absolute_url(request, "proposal-decisions", uuid=proposal.uuid)
        response["ETag"] = etag(proposal.lock_version)
        return response


class ProposalDecisionView(PersonalDataApiView):
    """De stappen van een voorstel, vastgelegd door een consulent."""

    @extend_schema(
        tags=TAGS,
        operation_id="createProposalDecision",
        summary="Leg een stap van een voorstel vast",
        description="De mening van de kandidaat, de introductie bij de werkgever, of de uitkomst "
        "(afgewezen met reden, proefplaats, aangenomen: dan ontstaat de plaatsing). Stuur in "
        "If-Match de ETag van het voorstel zoals u het las: besloot iemand anders intussen, dan "
        "409 Conflict en er wordt niets opgeslagen (het besluit botst met de huidige stand van "
        "het voorstel). Een onleesbare If-Match: 412.",
        request=DecisionInputSerializer,
        parameters=[DECISION_IF_MATCH],
        responses=responses({200: ProposalSerializer}, 400, 403, 404, 409, 412),
    )
    def post(self, request, uuid):
        user = request.user
        proposal = selectors.get_proposal(user, uuid)
        policy.require(policy.can_decide_proposal(user, proposal))
        version = expected_version(request)
        if version is None:
            version = proposal.lock_version
        data = validated(DecisionInputSerializer, request.data)
        step = data["step"]
        if step == "view":
            proposal = run(
                services.record_candidate_view,
                actor=user,
                proposal=proposal,
                version=version,
                view=data.get("view", ""),
                agrees=bool(data.get("agrees")),
            )
        elif step == "introduce":
            proposal = run(services.introduce, actor=user, proposal=proposal, version=version)
        else:
            proposal = run(
                services.record_outcome,
                actor=user,
                proposal=proposal,
                version=version,
                outcome=step,
                reason=data.get("reason", ""),
                form=data.get("form", ""),
                start=data.get("start"),
                planned_end=data.get("planned_end"),
            )
        response = Response(ProposalSerializer(proposal).data)
        response["ETag"] = etag(proposal.lock_version)
        return response
