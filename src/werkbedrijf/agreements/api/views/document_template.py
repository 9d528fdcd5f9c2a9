"""The document template of a DVO version: read it, and replace it with If-Match."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from werkbedrijf.access import policy
from werkbedrijf.agreements import document_selectors, selectors, services
from werkbedrijf.agreements.api.serializers.document_template import (
    DocumentTemplateInputSerializer,
    DocumentTemplateSerializer,
)
from werkbedrijf.agreements.documents import content
from werkbedrijf.api.base import ApiView, run, validated
from werkbedrijf.api.conditional import IF_MATCH, etag, expected_version


def _response(agreement) -> Response:
    version = document_selectors.document_template_version(agreement)
    data = {
        "agreement": agreement.uuid,
        "text": content.template_text(agreement),
        "version": version,
    }
    response = Response(DocumentTemplateSerializer(data).data)
    response["ETag"] = etag(version)
    return response


ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    description="De versie van het sjabloon; stuur die mee in If-Match bij het vervangen.",
)


class DocumentTemplateView(ApiView):
    @extend_schema(
        operation_id="getDocumentTemplate",
        summary="Het sjabloon van de DVO-tekst",
        description="De algemene artikelen van deze DVO-versie met plaatshouders, waaruit de "
        "DVO als PDF of DOCX wordt gemaakt. Voor DVO-beheerders. De ETag is de versie; stuur die "
        "mee in If-Match bij het vervangen.",
        responses=DocumentTemplateSerializer,
        parameters=[ETAG],
    )
    def get(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        policy.require(policy.can_edit_document_template(request.user))
        return _response(agreement)

    @extend_schema(
        operation_id="replaceDocumentTemplate",
        summary="Het sjabloon van de DVO-tekst vervangen",
        description="Vervangt de algemene artikelen met plaatshouders. Een onbekende "
        "plaatshouder wordt geweigerd met 400, met de plaatshouders die er wel zijn. De tekst van "
        "een vastgestelde DVO verandert alleen door een wijziging van de hele overeenkomst (art. "
        "16.2): dan 403. Stuur de ETag van de laatste GET mee in If-Match; heeft iemand anders "
        "het sjabloon intussen opgeslagen, dan 412 en er wordt niets gewijzigd.",
        request=DocumentTemplateInputSerializer,
        responses=DocumentTemplateSerializer,
        parameters=[IF_MATCH, ETAG],
    )
    def put(self, request, uuid):
        agreement = selectors.get_agreement(request.user, uuid)
        policy.require(policy.can_change_document_text(request.user, agreement))
        version = expected_version(request)
        data = validated(DocumentTemplateInputSerializer, request.data)
        run(
            services.save_document_template,
            actor=request.user,
            agreement=agreement,
            text=data["text"],
            expected_version=version,
        )
        return _response(agreement)
