"""Downloading an uploaded document of the DVO (an opinion, the college's answer, a decision of
the board, a written consent, a signature) through the API, as the screen agreements:document
offers them: the same lookup within the user's scope; never served directly."""

from __future__ import annotations

import json
from pathlib import PurePath

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer

from werkbedrijf.agreements import document_selectors
from werkbedrijf.api.base import ApiView, responses

# The API's name of each kind → the name the screens use.
KINDS = {
    "opinion": "zienswijze",
    "answer": "antwoord",
    "decision": "besluit",
    "party-consent": "instemming-partij",
    "municipality-consent": "instemming-gemeente",
    "board-consent": "instemming-db",
    "signature": "ondertekening",
}
OCTET_STREAM = "application/octet-stream"


class DocumentRenderer(BaseRenderer):
    """Accepts a client that asks for the file itself; a problem still goes out as JSON."""

    media_type = OCTET_STREAM
    format = "json"  # no ?format= choice of its own: the document is chosen by Accept
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


class AgreementDocumentView(ApiView):
    renderer_classes = (JSONRenderer, DocumentRenderer)

    @extend_schema(
        operation_id="getAgreementDocument",
        tags=["agreements"],
        summary="Een geüpload document van de DVO downloaden",
        description="Het document zelf: een zienswijze (`opinion`, uuid van de zienswijze), "
        "het antwoord van het college (`answer`, idem), het besluit bij een wijziging of "
        "uittreding (`decision`, uuid van de gebeurtenis), een schriftelijke instemming van een "
        "partij (`party-consent`, uuid uit `consents`), de instemming van de gemeente of het DB "
        "bij een tussentijdse wijziging (`municipality-consent`, `board-consent`, uuid van de "
        "wijziging) of de ondertekening (`signature`, uuid van de gemeentelijke overeenkomst). "
        "Alleen binnen wat de gebruiker van de DVO mag zien, zoals op het scherm; anders 404.",
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(KINDS),
                description="Welk document.",
            )
        ],
        responses=responses(
            {
                (200, OCTET_STREAM): OpenApiResponse(
                    OpenApiTypes.BINARY, description="Het document, als bijlage."
                )
            },
            404,
        ),
    )
    def get(self, request, kind, uuid):
        if kind not in KINDS:
            raise Http404
        file = document_selectors.document_file(request.user, KINDS[kind], uuid)
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=PurePath(file.name).name)
        response["Content-Type"] = OCTET_STREAM
        return response
