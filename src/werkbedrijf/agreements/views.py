"""The DVO screens, server-rendered. Views stay thin: selectors read, services change, policy decides.

An object outside the user's scope answers 404 (the scoped selectors raise it); an object the user
may see but not change answers 403 (``AccessDenied`` from the policy or a service).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import exports, policies, selectors, services
from werkbedrijf.agreements.models import (
    AgreementStatus,
    ChoiceChange,
    MunicipalAgreement,
    Opinion,
)
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils.exceptions import ConflictError

from . import compose as composing
from .forms import (
    AcceptDeviationForm,
    MidtermChangeForm,
    OpinionForm,
    SignatureForm,
    TransitionForm,
)


def _year_of(agreement, year: int) -> int:
    if year not in agreement.years:
        raise Http404
    return year


def _back(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _choice_rows(choices):
    """Saved choices with their card value (quantity × card price) and the difference."""
    rows = []
    for choice in choices:
        card_value = None
        if choice.service_id and choice.quantity is not None:
            card_value = selectors.service_terms(choice.service).catalogue_value(choice.quantity)
        difference = (
            choice.agreed_amount - card_value
            if card_value is not None and choice.agreed_amount is not None
            else None
        )
        rows.append({"choice": choice, "card_value": card_value, "difference": difference})
    return rows


def _findings(report):
    """The findings of a check, each with its acceptance if it has one."""
    return [
        {
            "finding": finding,
            "needs_acceptance": finding.severity == policies.Severity.ACCEPTANCE,
            "acceptance": report.accepted.get(finding.key),
        }
        for finding in report.check.findings
    ]


# --- the list of agreements -------------------------------------------------------------


@staff_view
def agreements(request):
    items = list(selectors.agreements_for(request.user))
    for agreement in items:
        agreement.effective = selectors.effective_status(agreement)
        agreement.visible_count = selectors.municipal_agreements_for(
            request.user, agreement
        ).count()
    return render(request, "agreements/agreements.html", {"agreements": items})


# --- one agreement: status, cycle, budget overview -------------------------------------------------


def _agreement_page(request, agreement, *, transition_errors=None, status=200):
    user = request.user
    municipal_agreements = list(selectors.municipal_agreements_for(user, agreement))
    checks = selectors.check_municipal_agreements(municipal_agreements, agreement.years)
    overview = []
    for ma in municipal_agreements:
        reports = [checks[(ma.pk, year)] for year in agreement.years]
        overview.append(
            {
                "ma": ma,
                "years": [
                    {
                        "report": report,
                        "needing": len(report.check.needing_acceptance()),
                        "unaccepted": len(report.unaccepted),
                        "errors": len(report.check.errors),
                        "findings": _findings(report),
                    }
                    for report in reports
                ],
            }
        )
    try:
        catalogue = selectors.catalogue_of(user, agreement)
        card = list(selectors.services_of(catalogue))
    except Http404:
        catalogue, card = None, []
    targets = []
    if policy.can_manage_cycle(user):
        targets = [
            (target, AgreementStatus(target).label)
            for target in sorted(policies.ALLOWED_TRANSITIONS.get(agreement.status, ()))
        ]
    context = {
        "agreement": agreement,
        "effective": selectors.effective_status(agreement),
        "history": selectors.status_history(agreement).select_related("changed_by"),
        "overview": overview,
        "catalogue": catalogue,
        "card": card,
        "targets": targets,
        "transition_errors": transition_errors or [],
        "can_accept": policy.can_accept_deviations(user),
        "any_deviations": any(y["needing"] or y["errors"] for i in overview for y in i["years"]),
        "export_formats": exports.FORMATS,
    }
    return render(request, "agreements/agreement_detail.html", context, status=status)


@staff_view
def agreement_detail(request, uuid):
    agreement = selectors.get_agreement(request.user, uuid)
    return _agreement_page(request, agreement)


@require_POST
@staff_view
def agreement_transition(request, uuid):
    agreement = selectors.get_agreement(request.user, uuid)
    policy.require(policy.can_manage_cycle(request.user))
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.transition_agreement(
                actor=request.user,
                agreement=agreement,
                target=data["target"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                opinion_deadline=data["opinion_deadline"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("The agreement is now: %(status)s.")
                % {"status": dict(AgreementStatus.choices).get(data["target"], data["target"])},
            )
            return redirect("agreements:agreement", uuid=agreement.uuid)
    else:
        errors = [f"{form[name].label}: {e}" for name in form.errors for e in form.errors[name]]
    agreement.refresh_from_db()
    return _agreement_page(request, agreement, transition_errors=errors, status=400)


@require_POST
@staff_view
def accept_deviation(request, uuid, year):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    year = _year_of(ma.agreement, year)
    policy.require(policy.can_accept_deviations(request.user))
    back = _back(request, reverse("agreements:agreement", kwargs={"uuid": ma.agreement.uuid}))
    form = AcceptDeviationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for accepting this deviation."))
        return redirect(back)
    try:
        services.accept_deviation(
            actor=request.user,
            municipal_agreement=ma,
            year=year,
            finding_key=form.cleaned_data["finding_key"],
            reason=form.cleaned_data["reason"],
            replace=False,  # the form is only offered for a deviation not accepted yet
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ConflictError:
        messages.error(
            request,
            _(
                "Someone else accepted this deviation after you opened the page. Your reason "
                "(“%(reason)s”) is not saved; the reason that was saved is shown with the "
                "deviation."
            )
            % {"reason": form.cleaned_data["reason"].strip()},
        )
    else:
        messages.success(
            request,
            _("The deviation for %(municipality)s %(year)s is accepted.")
            % {"municipality": ma.municipality.name, "year": year},
        )
    return redirect(back)


# --- one municipality's agreement ----------------------------------------------------------------


def _municipal_page(request, ma, *, opinion_form=None, signature_form=None, status=200):
    user = request.user
    agreement = ma.agreement
    price_unit = selectors.card_terms(ma).price_unit
    budgets = [
        {"budget": b, "effective": selectors.budget_amount(b, price_unit)}
        for b in selectors.budgets_of(ma)
    ]
    can_edit = policy.can_edit_choices(user, ma)
    years = []
    for year in agreement.years:
        report = selectors.check_municipal_year(ma, year)
        history = list(selectors.choice_history(ma, year))
        years.append(
            {
                "year": year,
                "report": report,
                "rows": _choice_rows(report.choices),
                "findings": _findings(report),
                "history": _choice_rows(history)
                if any(c.valid_from or c.valid_until for c in history)
                else [],
            }
        )
    can_opinion = policy.can_record_opinion(user, ma)
    can_sign = policy.can_record_signature(user, ma)
    context = {
        "ma": ma,
        "agreement": agreement,
        "effective": selectors.effective_status(agreement),
        "price_unit": price_unit,
        "budgets": budgets,
        "years": years,
        "extra_work": ma.extra_work.all().order_by("period_start", "id"),
        "opinions": selectors.opinions_of(ma),
        "changes": selectors.changes_of(ma),
        "can_edit": can_edit,
        "can_opinion": can_opinion,
        "opinion_form": opinion_form or (OpinionForm() if can_opinion else None),
        "can_sign": can_sign,
        "signature_form": signature_form
        or (
            SignatureForm(
                initial={
                    "signed_on": ma.signed_on,
                    "signed_by": ma.signed_by,
                    "version": ma.lock_version,
                }
            )
            if can_sign
            else None
        ),
        "can_change": policy.can_record_midterm_change(user, ma),
        "export_formats": exports.FORMATS,
    }
    return render(request, "agreements/municipal_agreement.html", context, status=status)


@staff_view
def municipal_agreement(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    return _municipal_page(request, ma)


@require_POST
@staff_view
def record_opinion(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    policy.require(policy.can_record_opinion(request.user, ma))
    form = OpinionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_opinion(
                actor=request.user,
                municipal_agreement=ma,
                kind=data["kind"],
                text=data["text"],
                received_on=data["received_on"],
                document=data["document"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The opinion is recorded."))
            return redirect(
                reverse("agreements:municipal_agreement", kwargs={"uuid": uuid}) + "#opinions"
            )
    return _municipal_page(request, ma, opinion_form=form, status=400)


@require_POST
@staff_view
def record_signature(request, uuid):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    policy.require(policy.can_record_signature(request.user, ma))
    form = SignatureForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_signature(
                actor=request.user,
                municipal_agreement=ma,
                signed_on=data["signed_on"],
                signed_by=data["signed_by"],
                document=data["document"],
                expected_version=data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConflictError:
            ma = selectors.get_municipal_agreement(request.user, uuid)
            form.add_error(
                None,
                _(
                    "Someone else changed this agreement after you opened the page. Your "
                    "signature details are not saved. The signature as it is recorded now is "
                    "shown above; what you entered is still in the form. Save again if yours "
                    "is the right one."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = ma.lock_version  # saving again is now a deliberate choice
            return _municipal_page(request, ma, signature_form=form, status=409)
        else:
            messages.success(request, _("The signature is recorded."))
            return redirect(
                reverse("agreements:municipal_agreement", kwargs={"uuid": uuid}) + "#signature"
            )
    return _municipal_page(request, ma, signature_form=form, status=400)


# --- composing the choices for a year ---------------------------------------------------------


def _conflict(ma, year, form, message: str) -> dict:
    """Someone else saved the year's choices first: what they saved, to show beside the user's own
    entries (which stay in ``form``). The form now carries the version just shown, so saving again
    after comparing is a deliberate choice, not the silent overwrite it would have been."""
    form.version = selectors.choices_version(ma, year)  # before the rows, as in initial_form
    history = list(selectors.choice_history(ma, year))
    return {
        "message": message,
        "rows": _choice_rows(history),
        "history": any(c.valid_from or c.valid_until for c in history),
    }


def _previous_year(ma, year):
    if year - 1 not in ma.agreement.years:
        return None
    report = selectors.check_municipal_year(ma, year - 1)
    return {"year": year - 1, "report": report, "rows": _choice_rows(report.choices)}


@require_http_methods(["GET", "POST"])
@staff_view
def compose(request, uuid, year):
    user = request.user
    ma = selectors.get_municipal_agreement(user, uuid)
    year = _year_of(ma.agreement, year)
    can_edit = policy.can_edit_choices(user, ma)
    status = 200
    form = None
    conflict = None
    if request.method == "POST":
        policy.require(can_edit)
        form = composing.bound_form(ma, year, request.POST)
        status = 400
        if form.is_valid() and not form.non_row_errors:
            entered = form.entered()
            try:
                services.save_choices(
                    actor=user,
                    municipal_agreement=ma,
                    year=year,
                    lines=[line for _row, line in entered],
                    expected_version=form.version or None,
                )
            except ValidationError as exc:
                form.add_service_errors(exc, entered)
            except ConflictError:
                status = 409
                conflict = _conflict(
                    ma,
                    year,
                    form,
                    _(
                        "Someone else saved these choices after you opened the page. Your "
                        "changes are not saved. Below are the choices as they are saved now; "
                        "what you entered is still in the form. Compare the two and save again "
                        "if you want to keep your entries."
                    ),
                )
            else:
                messages.success(
                    request, _("The choices for %(year)s are saved as a draft.") % {"year": year}
                )
                return redirect("agreements:compose", uuid=ma.uuid, year=year)
    elif can_edit:
        form = composing.initial_form(ma, year)
    if form is not None:
        preview = composing.preview(form)
        saved_rows = []
    else:
        report = selectors.check_municipal_year(ma, year)
        preview = composing.Preview(report.check, report.price_unit, [], {})
        saved_rows = _choice_rows(report.choices)
    budget = selectors.budget_of(ma, year)
    context = {
        "ma": ma,
        "agreement": ma.agreement,
        "year": year,
        "can_edit": can_edit,
        "form": form,
        "preview": preview,
        "price_unit": preview.price_unit,
        "budget": budget,
        "saved_rows": saved_rows,
        "conflict": conflict,
        "previous": _previous_year(ma, year),
        "export_formats": exports.FORMATS,
        "can_change": policy.can_record_midterm_change(user, ma),
    }
    return render(request, "agreements/compose.html", context, status=status)


@require_POST
@staff_view
def compose_meter(request, uuid, year):
    """The live budget meter: the check over the rows as entered, nothing saved."""
    ma = selectors.get_municipal_agreement(request.user, uuid)
    year = _year_of(ma.agreement, year)
    form = composing.bound_form(ma, year, request.POST)
    preview = composing.preview(form)
    return render(
        request,
        "agreements/partials/budget_meter.html",
        {"preview": preview, "rows": form.rows, "year": year, "oob": True},
    )


@require_http_methods(["GET", "POST"])
@staff_view
def midterm_change(request, uuid, year):
    """Art. 16.3: change an adopted agreement's choices for a year, with both written consents."""
    user = request.user
    ma = selectors.get_municipal_agreement(user, uuid)
    year = _year_of(ma.agreement, year)
    policy.require(policy.can_record_midterm_change(user, ma))
    status = 200
    conflict = None
    if request.method == "POST":
        form = composing.bound_form(ma, year, request.POST)
        change_form = MidtermChangeForm(request.POST, request.FILES)
        status = 400
        if form.is_valid() and not form.non_row_errors and change_form.is_valid():
            entered = form.entered()
            data = change_form.cleaned_data
            try:
                services.change_choices_midterm(
                    actor=user,
                    municipal_agreement=ma,
                    year=year,
                    effective_from=data["effective_from"],
                    reason=data["reason"],
                    lines=[line for _row, line in entered],
                    municipality_consent_on=data["municipality_consent_on"],
                    municipality_consent_document=data["municipality_consent_document"],
                    board_consent_on=data["board_consent_on"],
                    board_consent_document=data["board_consent_document"],
                    expected_version=form.version or None,
                )
            except ConflictError:
                status = 409
                conflict = _conflict(
                    ma,
                    year,
                    form,
                    _(
                        "Someone else changed these choices after you opened the page. Your "
                        "mid-term change is not recorded. Below are the choices as they are now; "
                        "what you entered is still in the form, but choose the consent documents "
                        "again. Compare the two and record the change again if it still applies."
                    ),
                )
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                lines = {k: v for k, v in errors.items() if k.startswith("lines.")}
                if lines:
                    form.add_service_errors(ValidationError(lines), entered)
                for name, texts in errors.items():
                    for text in [] if name in lines else texts:
                        change_form.add_error(name if name in change_form.fields else None, text)
            else:
                messages.success(request, _("The mid-term change is recorded."))
                return redirect(
                    reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}) + "#changes"
                )
    else:
        form = composing.initial_form(ma, year)
        change_form = MidtermChangeForm()
    summary = [
        (f"{change_form[name].label}: {message}", change_form[name].id_for_label)
        if name in change_form.fields
        else (message, "")
        for name, texts in change_form.errors.items()
        for message in texts
    ] + form.error_summary
    context = {
        "ma": ma,
        "agreement": ma.agreement,
        "year": year,
        "form": form,
        "change_form": change_form,
        "summary": summary,
        "conflict": conflict,
        "preview": composing.preview(form),
        "price_unit": selectors.card_terms(ma).price_unit,
        "budget": selectors.budget_of(ma, year),
    }
    return render(request, "agreements/midterm_change.html", context, status=status)


# --- exports and documents ---------------------------------------------------------------------


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
            user, agreement, municipal_agreement=ma, year=request.GET.get("jaar") or None, fmt=fmt
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
        elif kind == "instemming-gemeente":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).municipality_consent_document
        elif kind == "instemming-db":
            file = _scoped(user, ChoiceChange).get(uuid=uuid).board_consent_document
        elif kind == "ondertekening":
            file = selectors.get_municipal_agreement(user, uuid).signature_document
        else:
            raise Http404
    except (Opinion.DoesNotExist, ChoiceChange.DoesNotExist, MunicipalAgreement.DoesNotExist):
        raise Http404 from None
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(file.name).name)
