"""Referrals through the API: one person, or a file."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.api.base import (
    ApiView,
    PersonalDataApiView,
    invalid,
    refused_as,
    responses,
    run,
    validated,
)
from werkbedrijf.api.conditional import location_header
from werkbedrijf.candidates import imports, services
from werkbedrijf.candidates.imports import import_referrals
from werkbedrijf.jobs.services import enqueue

from ...jobs import IMPORT_REFERRALS
from ...views.common import referral_municipalities
from ..serializers.journey import TrajectoryDetailSerializer
from ..serializers.referrals import (
    ReferralInputSerializer,
    ReferralUploadInputSerializer,
    UploadColumnsInputSerializer,
    UploadColumnsSerializer,
    UploadJobSerializer,
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
        "uploaden slaat niets dubbel op. Het antwoord is een verslag per rij. Kolomnamen die "
        "niet de eigen namen van de upload zijn, bevestigt `mapping` (zoals het scherm vraagt). "
        "Een bestand van meer dan 2.000 rijen wordt op de achtergrond ingelezen: het antwoord is "
        "dan 202 met de taak, het verslag per rij is het resultaat van die taak.",
        request={"multipart/form-data": ReferralUploadInputSerializer},
        responses=responses({200: UploadReportSerializer, 202: UploadJobSerializer}, 400, 403),
    )
    def post(self, request):
        data = validated(ReferralUploadInputSerializer, request.data)
        municipality = find_municipality(request.user, data["municipality"])
        policy.require(policy.can_refer(request.user, municipality))
        upload = data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise invalid("file", _("The file is larger than 10 MB."), "too_large")
        content, filename = upload.read(), upload.name or ""
        chosen: dict[str, str] = {}
        with refused_as():
            if data.get("mapping"):
                matches = imports.understood_columns(request.user, content, filename)
                chosen = imports.chosen_mapping(matches, data["mapping"])
                if data["rememberMapping"]:
                    imports.remember_mapping(request.user, matches, chosen)
            elif imports.is_large(content, filename):
                imports.understood_columns(request.user, content, filename)
        if imports.is_large(content, filename):
            staged = imports.stage(
                actor=request.user,
                municipality=municipality,
                uploaded_file_bytes=content,
                filename=filename,
            )
            job = enqueue(
                IMPORT_REFERRALS,
                user=request.user,
                params={"staged": str(staged.uuid), "mapping": chosen},
            )
            return Response({"job": job.uuid}, status=status.HTTP_202_ACCEPTED)
        report = run(
            import_referrals,
            actor=request.user,
            municipality=municipality,
            uploaded_file_bytes=content,
            filename=filename,
            mapping=chosen,
        )
        return Response(UploadReportSerializer(report).data)


class ReferralUploadColumnsView(ApiView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["verwijzingen"],
        operation_id="checkReferralUploadColumns",
        summary="Lees hoe de kolommen van een bestand begrepen worden",
        description="Leest alleen de kopregel van een CSV- of XLSX-bestand en zegt per kolom "
        "welke kolom van de upload hij aanduidt: een eigen naam, een gangbare variant "
        "(voornamen, geslachtsnaam, pc, BRP-elementen), een eerder door de organisatie "
        "bevestigde naam, of onbekend. Slaat niets op. Bevestig daarna met `mapping` bij "
        "uploadReferrals. Een eerste rij met waarden in plaats van namen wordt geweigerd en "
        "niet herhaald.",
        request={"multipart/form-data": UploadColumnsInputSerializer},
        responses=responses({200: UploadColumnsSerializer}, 400, 403),
    )
    def post(self, request):
        policy.require(referral_municipalities(request.user).exists())
        data = validated(UploadColumnsInputSerializer, request.data)
        upload = data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise invalid("file", _("The file is larger than 10 MB."), "too_large")
        with refused_as():
            matches = imports.understood_columns(request.user, upload.read(), upload.name or "")
        body = {
            "columns": [
                {"name": m.raw, "column": m.column.header if m.column else None, "how": m.how}
                for m in matches
            ],
            "needsConfirmation": imports.needs_confirmation(matches),
            "uploadColumns": [c.header for c in imports.COLUMNS],
        }
        return Response(UploadColumnsSerializer(body).data)
