"""The access-request screens (AVG art. 15) of the privacy officer, mounted at /privacy/.

The BSN comes in by POST only and goes no further than the search: the found person is kept in the
session under a random token, and the summary and the download are addressed by that token. A
token in a URL, a log line or a browser history tells nothing about anybody, and works only in
the session that made it.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.ui.decorators import staff_view

from . import exports, services
from .forms import AccessRequestForm

SESSION_KEY = "privacy_access_requests"
TOKEN_SECONDS = 60 * 60  # a request in progress lasts an hour; then search again
MAX_OPEN_REQUESTS = 5


def _remember(request, subject) -> str:
    token = secrets.token_urlsafe(16)
    open_requests = dict(request.session.get(SESSION_KEY, {}))
    open_requests[token] = {"subject": str(subject.uuid), "at": timezone.now().timestamp()}
    newest = sorted(open_requests.items(), key=lambda item: item[1]["at"])[-MAX_OPEN_REQUESTS:]
    request.session[SESSION_KEY] = dict(newest)
    return token


def _subject(request, token: str):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or timezone.now().timestamp() - entry["at"] > TOKEN_SECONDS:
        raise Http404
    return services.subject_for(request.user, entry["subject"])


@staff_view(allowed=policy.can_answer_access_request, cache=False)
@require_http_methods(["GET", "POST"])
def access_request(request):
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.find_subject(request.user, form.cleaned_data["bsn"])
        except ValidationError as exc:
            form.add_error("bsn", exc.message_dict.get("bsn", exc.messages))
        else:
            return redirect("privacy:access_request_result", token=_remember(request, subject))
    status = 400 if form.errors else 200
    return render(request, "privacy/access_request.html", {"form": form}, status=status)


@staff_view(allowed=policy.can_answer_access_request, cache=False)
@require_GET
def access_request_result(request, token):
    subject = _subject(request, token)
    report = services.summarise(request.user, subject)
    return render(
        request,
        "privacy/access_request_result.html",
        {"report": report, "subject": subject, "token": token},
    )


@staff_view(allowed=policy.can_answer_access_request, cache=False)
@require_GET
def access_request_export(request, token):
    subject = _subject(request, token)
    report = services.export_report(request.user, subject)
    response = HttpResponse(exports.workbook(report), content_type=exports.XLSX)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(report))
    return response
