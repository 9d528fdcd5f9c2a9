"""Setting up a new DVO version on screens: its period and parties, its keuzekaart (a copy of a
previous card, then changed per service) and the budgets per municipality and year. The cycle is
moved on from the agreement's own page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors, services
from werkbedrijf.agreements.forms import (
    BudgetRowFormSet,
    CardServiceFormSet,
    CopyCardForm,
    NewAgreementForm,
)
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.ui.formatting import input_number


def _summary(form) -> list[tuple[str, str]]:
    """Every message of a form, each linked to its input (the error summary above the form)."""
    return [
        (f"{form[name].label}: {message}", form[name].auto_id or "")
        if name in form.fields
        else (message, "")
        for name, texts in form.errors.items()
        for message in texts
    ]


def _onto_rows(formset, exc: ValidationError, prefix: str, label) -> list[tuple[str, str]]:
    """Put a service's messages ('services.3.price') on the rows of ``formset``; return the
    summary, each message linked to its input and named by its row (``label(form)``) unless
    ``label`` is None (the messages name their row themselves)."""
    summary = []
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for key, texts in errors.items():
        parts = key.split(".")
        form = None
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            index = int(parts[1])
            form = formset.forms[index] if index < len(formset.forms) else None
        for text in texts:
            if form is None:
                summary.append((text, ""))
                continue
            name = parts[2] if parts[2] in form.fields else None
            form.add_error(name, text)
            target = form[name].auto_id if name else ""
            summary.append((f"{label(form)}: {text}" if label else text, target))
    return summary


# --- a new version -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_view
def new_agreement(request):
    user = request.user
    policy.require(policy.can_create_agreement(user))
    parties = list(selectors.parties_for(user))
    sources = list(selectors.card_sources(user))
    kwargs = {"municipalities": parties, "sources": sources}
    status = 200
    if request.method == "POST":
        form = NewAgreementForm(request.POST, **kwargs)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            source = next((a for a in sources if str(a.uuid) == data["copy_from"]), None)
            try:
                agreement = services.create_version(
                    actor=user,
                    data=services.VersionInput(
                        title=data["title"],
                        citation_title=data["citation_title"],
                        period_start=data["period_start"],
                        period_end=data["period_end"],
                        municipalities=data["municipalities"],
                        copy_from=source,
                        budget_rule=data["budget_rule"],
                        standard_steps=data["standard_steps"],
                    ),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(title)s is created as a draft. Check its keuzekaart.")
                    % {"title": agreement.title},
                )
                return redirect("agreements:edit_catalogue", uuid=agreement.uuid)
    else:
        initial = {
            "municipalities": [str(m.uuid) for m in parties],
            "copy_from": str(sources[0].uuid) if sources else "",
            "standard_steps": True,
        }
        form = NewAgreementForm(initial=initial, **kwargs)
    return render(
        request,
        "agreements/versions/new.html",
        {"form": form, "summary": _summary(form)},
        status=status,
    )


# --- the keuzekaart ----------------------------------------------------------------------------


def _card_initial(services_on_card) -> list[dict]:
    return [
        {
            "service": str(s.uuid),
            "price": input_number(s.price, amount=True),
            "unit_kind": s.unit_kind,
            "unit_label": s.unit_label,
            "quantity_label": s.quantity_label,
            "available_from_year": s.available_from_year or "",
            "available_until_year": s.available_until_year or "",
        }
        for s in services_on_card
    ]


@require_http_methods(["GET", "POST"])
@staff_view
def edit_catalogue(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_edit_catalogue(user, agreement))
    catalogue = selectors.catalogue_of(user, agreement)
    on_card = list(selectors.services_of(catalogue))
    by_uuid = {str(s.uuid): s for s in on_card}
    status = 200
    summary: list[tuple[str, str]] = []
    if request.method == "POST":
        formset = CardServiceFormSet(request.POST, prefix="card")
        status = 400
        if formset.is_valid():
            rows = {
                f.cleaned_data["service"]: services.ServiceInput(
                    price=f.cleaned_data["price"],
                    unit_kind=f.cleaned_data["unit_kind"],
                    unit_label=f.cleaned_data["unit_label"],
                    quantity_label=f.cleaned_data["quantity_label"],
                    available_from_year=f.cleaned_data["available_from_year"],
                    available_until_year=f.cleaned_data["available_until_year"],
                    withdrawn=f.cleaned_data["withdrawn"],
                )
                for f in formset
            }
            try:
                services.save_card(actor=user, agreement=agreement, rows=rows)
            except ValidationError as exc:
                summary = _onto_rows(formset, exc, "services", None)
            else:
                messages.success(request, _("The keuzekaart is saved."))
                return redirect("agreements:edit_catalogue", uuid=agreement.uuid)
        else:
            for form in formset:
                summary += [(f"{_service_name(form, by_uuid)}: {m}", "") for m in _flat(form)]
    else:
        formset = CardServiceFormSet(prefix="card", initial=_card_initial(on_card))
    rows = [(form, by_uuid.get(str(form["service"].value()))) for form in formset]
    sources = list(selectors.card_sources(user, exclude=agreement)) if not on_card else []
    context = {
        "agreement": agreement,
        "catalogue": catalogue,
        "formset": formset,
        "rows": rows,
        "summary": summary,
        "copy_form": CopyCardForm(sources=sources) if sources else None,
    }
    return render(request, "agreements/versions/card.html", context, status=status)


def _service_name(form, by_uuid) -> str:
    service = by_uuid.get(str(form["service"].value()))
    return service.name if service else _("Service")


def _flat(form) -> list[str]:
    return [message for texts in form.errors.values() for message in texts]


@require_POST
@staff_view
def copy_catalogue(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_edit_catalogue(user, agreement))
    sources = list(selectors.card_sources(user, exclude=agreement))
    form = CopyCardForm(request.POST, sources=sources)
    if not form.is_valid():
        messages.error(request, _("Choose the agreement whose keuzekaart you copy."))
        return redirect("agreements:edit_catalogue", uuid=agreement.uuid)
    source = next(a for a in sources if str(a.uuid) == form.cleaned_data["copy_from"])
    try:
        services.copy_catalogue(actor=user, agreement=agreement, source=source)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The keuzekaart of %(title)s is copied. Change what differs.")
            % {"title": source.title},
        )
    return redirect("agreements:edit_catalogue", uuid=agreement.uuid)


# --- budgets -----------------------------------------------------------------------------------


def _budget_initial(table) -> list[dict]:
    initial = []
    for ma, year, budget in table:
        row = {"municipal_agreement": str(ma.uuid), "year": year}
        if budget is not None:
            row.update(
                amount=input_number(budget.amount, amount=True),
                share_percentage=input_number(budget.share_percentage, amount=False),
                base_name=budget.base_name,
                base_amount=input_number(budget.base_amount, amount=True),
                legacy_obligations=input_number(budget.legacy_obligations, amount=True),
                points=input_number(budget.points, amount=False),
                note=budget.note,
            )
        initial.append(row)
    return initial


@require_http_methods(["GET", "POST"])
@staff_view
def edit_budgets(request, uuid):
    user = request.user
    agreement = selectors.get_agreement(user, uuid)
    policy.require(policy.can_edit_budgets(user, agreement))
    table = selectors.budgets_table(agreement)
    names = {str(ma.uuid): ma.municipality.name for ma, _year, _budget in table}
    price_unit = selectors.catalogue_of(user, agreement).price_unit
    status = 200
    summary: list[tuple[str, str]] = []

    def label(form) -> str:
        return f"{names.get(str(form['municipal_agreement'].value()), '')} {form['year'].value()}"

    if request.method == "POST":
        formset = BudgetRowFormSet(request.POST, prefix="budget")
        status = 400
        if formset.is_valid():
            rows = {
                (
                    f.cleaned_data["municipal_agreement"],
                    f.cleaned_data["year"],
                ): services.BudgetInput(
                    amount=f.cleaned_data["amount"],
                    share_percentage=f.cleaned_data["share_percentage"],
                    base_name=f.cleaned_data["base_name"],
                    base_amount=f.cleaned_data["base_amount"],
                    legacy_obligations=f.cleaned_data["legacy_obligations"],
                    points=f.cleaned_data["points"],
                    note=f.cleaned_data["note"],
                )
                for f in formset
            }
            try:
                services.save_budgets(actor=user, agreement=agreement, rows=rows)
            except ValidationError as exc:
                summary = _onto_rows(formset, exc, "budgets", label)
            else:
                messages.success(request, _("The budgets are saved."))
                return redirect("agreements:edit_budgets", uuid=agreement.uuid)
        else:
            for form in formset:
                summary += [(f"{label(form)}: {m}", "") for m in _flat(form)]
    else:
        formset = BudgetRowFormSet(prefix="budget", initial=_budget_initial(table))
    stored = {(str(ma.uuid), year): budget for ma, year, budget in table}
    rows = []
    for form in formset:
        year = str(form["year"].value())
        key = (str(form["municipal_agreement"].value()), int(year) if year.isdigit() else 0)
        budget = stored.get(key)
        rows.append(
            {
                "form": form,
                "municipality": names.get(key[0], ""),
                "year": key[1],
                "effective": selectors.budget_amount(budget, price_unit),
            }
        )
    context = {
        "agreement": agreement,
        "formset": formset,
        "rows": rows,
        "summary": summary,
        "price_unit": price_unit,
    }
    return render(request, "agreements/versions/budgets.html", context, status=status)
