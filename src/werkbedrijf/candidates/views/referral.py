"""Referring candidates: one person on a form, or many in an uploaded file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.jobs.services import enqueue
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors

from .. import imports, policies, services
from ..forms import ColumnMappingForm, ReferralForm, ReferralUploadForm
from ..jobs import IMPORT_REFERRALS
from .common import candidate_url, referral_municipalities, render_section


@staff_view
@require_http_methods(["GET", "POST"])
def refer(request):
    user = request.user
    municipalities = referral_municipalities(user)
    policy.require(municipalities.exists())
    form = ReferralForm(
        request.POST or None,
        municipalities=municipalities,
        may_self_register=policy.can_register_self_registration(user),
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = services.PersonInput(
                bsn=data["bsn"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                extra=form.person_extra(),
            )
            try:
                if data.get("self_registration"):
                    trajectory = services.self_register(
                        actor=user, municipality=data["municipality"], person=person
                    )
                else:
                    trajectory = services.refer_candidate(
                        actor=user,
                        municipality=data["municipality"],
                        person=person,
                        note=data["note"],
                        warm_handover=data["warm_handover"],
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is referred to WerkBedrijf.")
                    % {"name": trajectory.candidate.full_name},
                )
                return redirect(candidate_url(trajectory.candidate))
        else:
            # Report the BSN and date-of-birth rules as well, so everything is fixed in one go.
            today = timezone.localdate()
            rules = policies.person_errors(
                form.cleaned_data.get("bsn", ""), form.cleaned_data.get("date_of_birth"), today
            )
            for field, message in rules.items():
                if field in form.cleaned_data:
                    form.add_error(field, message)
    status = 400 if request.method == "POST" else 200
    return render_section(request, "candidates/refer.html", {"form": form}, status=status)


@staff_view
@require_http_methods(["GET", "POST"])
def upload(request):
    user = request.user
    municipalities = referral_municipalities(user)
    policy.require(municipalities.exists())
    if request.method == "POST" and "staged" in request.POST:
        return _confirm_columns(request, municipalities)
    form = ReferralUploadForm(
        request.POST or None, request.FILES or None, municipalities=municipalities
    )
    report = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            data = upload_file.read()
            municipality = form.cleaned_data["municipality"] or None
            try:
                matches = imports.header_of(user, data, upload_file.name)
                large = imports.is_large(data, upload_file.name)
                if large or imports.needs_confirmation(matches):
                    staged = imports.stage(
                        actor=user,
                        municipality=municipality,
                        uploaded_file_bytes=data,
                        filename=upload_file.name,
                    )
                    if not imports.needs_confirmation(matches):
                        return _start_job(request, form, staged, {})
                    mapping_form = ColumnMappingForm(
                        initial={"staged": staged.uuid}, matches=matches, columns=imports.COLUMNS
                    )
                    return _render_upload(request, form, mapping_form=mapping_form)
                report = imports.import_referrals(
                    actor=user,
                    municipality=municipality,
                    uploaded_file_bytes=data,
                    filename=upload_file.name,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                status = 200
    return _render_upload(request, form, report=report, status=status)


def _confirm_columns(request, municipalities):
    """The second step of an upload whose column names were not all the upload's own: import
    the held file as confirmed, remembering the choices for the organisation when asked."""
    user = request.user
    staged = imports.staged_upload(user, request.POST.get("staged"))
    if staged is None:
        raise Http404
    matches = imports.header_of(user, bytes(staged.content), staged.filename)
    mapping_form = ColumnMappingForm(request.POST, matches=matches, columns=imports.COLUMNS)
    upload_form = ReferralUploadForm(municipalities=municipalities)
    if mapping_form.is_valid():
        chosen = mapping_form.chosen()
        try:
            if mapping_form.cleaned_data["remember"]:
                imports.remember_mapping(user, matches, chosen)
            if imports.is_large(bytes(staged.content), staged.filename):
                return _start_job(request, upload_form, staged, chosen)
            report = imports.import_staged(user, staged, chosen)
        except ValidationError as exc:
            add_service_errors(mapping_form, exc)
        else:
            return _render_upload(request, upload_form, report=report)
    return _render_upload(request, upload_form, mapping_form=mapping_form, status=400)


def _start_job(request, form, staged, mapping):
    """A large file is imported in the background; the screen shows its progress, and the
    report per row is the job's result."""
    job = enqueue(
        IMPORT_REFERRALS,
        user=request.user,
        params={"staged": str(staged.uuid), "mapping": mapping},
    )
    return _render_upload(request, form, job=job)


def _render_upload(request, form, *, report=None, mapping_form=None, job=None, status=200):
    context = {
        "form": form,
        "report": report,
        "rows": _report_rows(report) if report else [],
        "columns": imports.COLUMNS,
        "mapping_form": mapping_form,
        "job": job,
    }
    return render_section(request, "candidates/upload.html", context, status=status)


def _report_rows(report) -> list[dict]:
    labels = dict(imports.RowStatus.choices)
    return [
        {
            "row": row,
            "status_label": labels.get(row.status, row.status),
            "errors": sorted(row.errors.items()),
        }
        for row in report.rows
    ]


@staff_view
@require_GET
def upload_template(request):
    policy.require(referral_municipalities(request.user).exists())
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aanmeldingen.csv"'
    return response
