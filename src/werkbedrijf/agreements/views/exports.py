"""Exports of the choices and the check, and the download of uploaded documents."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from werkbedrijf.agreements import document_selectors, exports, selectors
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


@staff_view
def document(request, kind, uuid):
    """Uploaded documents are never served directly: only through this view, within scope."""
    file = document_selectors.document_file(request.user, kind, uuid)
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(file.name).name)
