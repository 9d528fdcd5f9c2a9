"""Referrals through the API: one person, or a file."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import PersonalDataApiView, invalid, responses, run, validated
from werkbedrijf.api.conditional import location_header
from werkbedrijf.candidates import services
from werkbedrijf.candidates.imports import import_referrals

from ..serializers.journey import TrajectoryDetailSerializer
from ..serializers.referrals import (
    ReferralInputSerializer,
    ReferralUploadInputSerializer,
    UploadReportSerializer,
)
from .common import CHANNEL, etag_header, find_municipality, trajectory_response

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ReferralView(PersonalDataApiView):
    @extend_schema(
        tags=["verwijzingen"],
        operation_id="createReferral",
        summary="Verwijs een inwoner naar WerkBedrijf",
        description="De gemeente verwijst een inwoner, of WerkBedrijf registreert de "
        "zelfaanmelding van een jongere onder de 27 (selfRegistration). Geweigerd bij een "
        "ongeldig BSN, een geboortedatum in de toekomst of een lopende verwijzing van dezelfde "
        "persoon.",
        request=ReferralInputSerializer,
        parameters=[etag_header(201), location_header()],
        responses=responses({201: TrajectoryDetailSerializer}, 400, 403),
    )
    def post(self, request):
        data = validated(ReferralInputSerializer, request.data)
        municipality = find_municipality(request.user, data.pop("municipality"))
        policy.require(policy.can_refer(request.user, municipality))
        person = services.PersonInput(
            bsn=data.pop("bsn").strip(),
            first_name=data.pop("first_name"),
            last_name=data.pop("last_name"),
            date_of_birth=data.pop("date_of_birth"),
        )
        options = {k: data.pop(k) for k in ("referred_on", "warm_handover") if k in data}
        note = data.pop("note", "")
        self_registration = data.pop("self_registration", False)
        person.extra = data
        if self_registration:
            policy.require(policy.can_register_self_registration(request.user))
            trajectory = run(
                services.self_register,
                actor=request.user,
                municipality=municipality,
                person=person,
                registered_on=options.get("referred_on"),
            )
            return trajectory_response(request, trajectory, status.HTTP_201_CREATED)
        trajectory = run(
            services.refer_candidate,
            actor=request.user,
            municipality=municipality,
            person=person,
            channel=CHANNEL,
            note=note,
            **options,
        )
        return trajectory_response(request, trajectory, status.HTTP_201_CREATED)


class ReferralUploadView(PersonalDataApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["verwijzingen"],
        operation_id="uploadReferrals",
        summary="Verwijs veel inwoners tegelijk met een bestand",
        description="Een CSV- of XLSX-bestand met één verwijzing per rij. Elke rij wordt "
        "gecontroleerd; geldige rijen worden opgeslagen, en hetzelfde bestand nog eens "
        "uploaden slaat niets dubbel op. Het antwoord is een verslag per rij.",
        request={"multipart/form-data": ReferralUploadInputSerializer},
        responses=responses({200: UploadReportSerializer}, 400, 403),
    )
    def post(self, request):
        data = validated(ReferralUploadInputSerializer, request.data)
        municipality = find_municipality(request.user, data["municipality"])
        policy.require(policy.can_refer(request.user, municipality))
        upload = data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise invalid("file", _("The file is larger than 10 MB."), "too_large")
        report = run(
            import_referrals,
            actor=request.user,
            municipality=municipality,
            uploaded_file_bytes=upload.read(),
            filename=upload.name or "",
        )
        return Response(UploadReportSerializer(report).data)
