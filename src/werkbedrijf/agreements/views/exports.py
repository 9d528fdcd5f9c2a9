"""Exports of the choices and the check, and the download of uploaded documents."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from werkbedrijf.access import policy
from werkbedrijf.agreements import document_selectors, exports, selectors
from werkbedrijf.agreements.models import (
    AgreementEvent,
    ChoiceChange,
    MunicipalAgreement,
    Opinion,
    PartyConsent,
)
from werkbedrijf.ui.decorators import staff_view


@staff_view
def export(request, uuid, fmt):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    ma = None
    if request.GET.get("gemeente"):
        ma = selectors.get_municipal_agreement(user, request.GET["gemeente"])
        if ma.agreement_id != agreement.pk:
            raise Http404
    try:
        content, content_type, filename = exports.export_check(
            user,
            agreement,
            municipal_agreement=ma,
            year=request.GET.get("jaar") or None,
            fmt=fmt,
            sheet=request.GET.get("blad") or None,
        )
    except ValidationError as exc:
        return render(request, "ui/bad_request.html", {"errors": exc.messages}, status=400)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _scoped(user, model):
    """Records under a municipal agreement, narrowed by the one authorisation layer."""
    return policy.municipal_agreement_scope(
        user, model.objects.all(), prefix="municipal_agreement__"
    )


@staff_view
def document(request, kind, uuid):
    """Uploaded documents are never served directly: only through this view, within scope."""
    user = request.user
    try:
        if kind == "zienswijze":
            file = _scoped(user, Opinion).get(uuid=uuid).document
        elif kind == "antwoord":
            file = _scoped(user, Opinion).get(uuid=uuid).answer_document
        elif kind == "besluit":
            file = document_selectors.agreement_events(user).get(uuid=uuid).decision_document
        elif kind == "instemming-partij":
            file = document_selectors.party_consents(user).get(uuid=uuid).document
        elif kind == "instemming-gemeente":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).municipality_consent_document
        elif kind == "instemming-db":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).board_consent_document
        elif kind == "ondertekening":
            file = selectors.get_municipal_agreement(user, uuid).signature_document
        else:
            raise Http404
    except (
        Opinion.DoesNotExist,
        ChoiceChange.DoesNotExist,
        MunicipalAgreement.DoesNotExist,
        AgreementEvent.DoesNotExist,
        PartyConsent.DoesNotExist,
    ):
        raise Http404 from None
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(file.name).name)
