"""The agreement as a document: download a municipality's copy (PDF, DOCX, signed copy), the DVO
administrator's template of the general articles, and two versions of the choices compared."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import document_selectors, exports, selectors, services
from werkbedrijf.agreements.cycle_forms import AmendmentForm, TemplateForm, WithdrawalForm
from werkbedrijf.agreements.documents import content
from werkbedrijf.agreements.documents.generate import agreement_document
from werkbedrijf.agreements.policies import comparison
from werkbedrijf.agreements.policies import documents as rules
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import refuse_stale, save_form
from werkbedrijf.utils.exceptions import ConflictError
from werkbedrijf.utils.numbers import euro, quantity


@staff_view
def download(request, uuid, fmt):
    ma = selectors.get_municipal_agreement(request.user, uuid)
    signed = request.GET.get("ondertekend") == "1"
    try:
        data, content_type, filename = agreement_document(request.user, ma, fmt, signed=signed)
    except ValidationError as exc:
        return render(request, "ui/bad_request.html", {"errors": exc.messages}, status=400)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@staff_view
def document_template(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_edit_document_template(user))
    can_change = policy.can_change_document_text(user, agreement)
    version = document_selectors.document_template_version(agreement)
    status = 200
    if request.method == "POST":
        policy.require(can_change)
        form = TemplateForm(request.POST)

        def save(data):
            services.save_document_template(
                actor=user, agreement=agreement, text=data["text"], expected_version=data["version"]
            )

        try:
            if save_form(form, save):
                messages.success(request, _("The template is saved."))
                return redirect(reverse("agreements:document_template", kwargs={"uuid": uuid}))
        except ConflictError:
            current = document_selectors.document_template_version(agreement)
            refuse_stale(
                form,
                _(
                    "Someone else saved the template after you opened it. Your text is kept "
                    "below; save again to replace theirs."
                ),
                "version",
                current,
            )
            return render(
                request,
                "agreements/document_template.html",
                _template_context(agreement, form, can_change),
                status=409,
            )
        status = 400
    else:
        form = TemplateForm(initial={"text": content.template_text(agreement), "version": version})
    return render(
        request,
        "agreements/document_template.html",
        _template_context(agreement, form, can_change),
        status=status,
    )


def _template_context(agreement, form, can_change):
    return {
        "agreement": agreement,
        "form": form,
        "can_change": can_change,
        "placeholders": [
            ("{{ " + name + " }}", description) for name, description in rules.PLACEHOLDERS.items()
        ],
    }


def _pick(options, value, default):
    for ma, year in options:
        if value == f"{ma.uuid}:{year}":
            return ma, year
    if value:
        raise Http404
    return default


def _status_label(status: str) -> str:
    return {
        comparison.ADDED: _("Added"),
        comparison.DROPPED: _("Dropped"),
        comparison.CHANGED: _("Changed"),
        comparison.SAME: _("Unchanged"),
    }[status]


def _item_text(item) -> tuple[str, str]:
    if item is None:
        return "", ""
    counted = quantity(item.quantity)
    return (
        f"{counted} {item.unit}".strip() if counted else "",
        euro(item.amount) if item.amount is not None else "",
    )


@staff_view
def compare_choices(request, uuid):
    """Two versions (agreement and year) of one municipality's choices side by side."""
    user = request.user
    ma = selectors.get_municipal_agreement(user, uuid)
    options = document_selectors.comparable_years(user, ma)
    this = [(m, y) for m, y in options if m.pk == ma.pk]
    earlier = [(m, y) for m, y in options if m.agreement.period_start < ma.agreement.period_start]
    # By default: the last year of the version before against this version's first year.
    default_new = this[0]
    default_old = earlier[-1] if earlier else this[0]
    old = _pick(options, request.GET.get("oud", ""), default_old)
    new = _pick(options, request.GET.get("nieuw", ""), default_new)
    found = comparison.compare(
        document_selectors.choice_items(*old), document_selectors.choice_items(*new)
    )
    rows = []
    for d in found:
        old_quantity, old_amount = _item_text(d.old)
        new_quantity, new_amount = _item_text(d.new)
        rows.append(
            {
                "status": d.status,
                "status_label": _status_label(d.status),
                "label": d.label,
                "old": (old_quantity, old_amount),
                "new": (new_quantity, new_amount),
            }
        )
    old_title = f"{old[0].agreement.title} {old[1]}"
    new_title = f"{new[0].agreement.title} {new[1]}"
    fmt = request.GET.get("export")
    if fmt:
        header = [
            _("Service"),
            _("What changed"),
            f"{_('Quantity')} {old_title}",
            f"{_('Amount')} {old_title}",
            f"{_('Quantity')} {new_title}",
            f"{_('Amount')} {new_title}",
        ]
        table = [[r["label"], r["status_label"], *r["old"], *r["new"]] for r in rows]
        try:
            data, content_type = exports.table_file(_("Comparison"), header, table, fmt)
        except ValidationError as exc:
            return render(request, "ui/bad_request.html", {"errors": exc.messages}, status=400)
        response = HttpResponse(data, content_type=content_type)
        name = f"vergelijking-{ma.municipality.name}-{old[1]}-{new[1]}".lower().replace(" ", "-")
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
        return response
    context = {
        "ma": ma,
        "options": [(f"{m.uuid}:{y}", f"{m.agreement.title} – {y}") for m, y in options],
        "old_key": f"{old[0].uuid}:{old[1]}",
        "new_key": f"{new[0].uuid}:{new[1]}",
        "old_title": old_title,
        "new_title": new_title,
        "rows": rows,
        "export_formats": exports.FORMATS,
    }
    return render(request, "agreements/compare_choices.html", context)


def _events_page(request, agreement, *, withdrawal_form=None, amendment_form=None, status=200):
    user = request.user
    events = (
        document_selectors.agreement_events(user)
        .filter(agreement=agreement)
        .prefetch_related("consents__party")
    )
    can_record = policy.can_record_agreement_event(user)
    context = {"agreement": agreement, "events": events, "can_record": can_record}
    if can_record:
        municipalities = [
            ma.municipality for ma in selectors.municipal_agreements_for(user, agreement)
        ]
        parties = services.parties_on(agreement, None)
        context["withdrawal_form"] = withdrawal_form or WithdrawalForm(
            municipalities=municipalities
        )
        context["amendment_form"] = amendment_form or AmendmentForm(parties=parties)
    return render(request, "agreements/agreement_events.html", context, status=status)


@staff_view
def agreement_events(request, uuid):
    """Art. 16.2 changes and art. 16.4 withdrawals of one DVO version, with their documents."""
    return _events_page(request, selectors.get_agreement(request.user, uuid))


@require_POST
@staff_view
def record_withdrawal(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_record_agreement_event(user))
    municipalities = [ma.municipality for ma in selectors.municipal_agreements_for(user, agreement)]
    form = WithdrawalForm(request.POST, request.FILES, municipalities=municipalities)

    def save(data):
        services.record_withdrawal(
            actor=user,
            agreement=agreement,
            municipality=next(
                (m for m in municipalities if str(m.uuid) == data["municipality"]), None
            ),
            effective_on=data["effective_on"],
            description=data["description"],
            decided_on=data["decided_on"],
            decision_document=data["decision_document"],
        )

    if save_form(form, save):
        messages.success(request, _("The withdrawal is recorded."))
        return redirect(reverse("agreements:agreement_events", kwargs={"uuid": uuid}))
    return _events_page(request, agreement, withdrawal_form=form, status=400)


@require_POST
@staff_view
def record_amendment(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_record_agreement_event(user))
    parties = services.parties_on(agreement, None)
    form = AmendmentForm(request.POST, request.FILES, parties=parties)

    def save(data):
        services.record_amendment(
            actor=user,
            agreement=agreement,
            effective_on=data["effective_on"],
            description=data["description"],
            decided_on=data["decided_on"],
            decision_document=data["decision_document"],
            consents=[
                services.ConsentInput(
                    party=party,
                    consented_on=data[f"consent_on_{party.pk}"],
                    document=data[f"consent_document_{party.pk}"],
                )
                for party in parties
                if data[f"consent_on_{party.pk}"] or data[f"consent_document_{party.pk}"]
            ],
        )

    if save_form(form, save):
        messages.success(request, _("The change of the whole agreement is recorded."))
        return redirect(reverse("agreements:agreement_events", kwargs={"uuid": uuid}))
    return _events_page(request, agreement, amendment_form=form, status=400)
