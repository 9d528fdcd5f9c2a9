"""The delivery of local choices per quarter: the realisation with the presence compared with an
earlier year (council wish 1), the records behind it, and the screen that records them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form
from werkbedrijf.utils import exports as table_exports

from ..delivery import exports, forms, selectors, services
from ..delivery.policies import DeliveryKind

RECORD_FORMS = {
    DeliveryKind.HALF_DAYS: forms.HalfDayForm,
    DeliveryKind.TEAM_PRESENCE: forms.PresenceForm,
    DeliveryKind.COACHING: forms.CoachingForm,
    DeliveryKind.NOTES: forms.NoteForm,
}


def _municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


def _municipality(request, allowed) -> Organisation:
    wanted = request.GET.get("municipality")
    if not wanted:
        own = policy.municipality_of(request.user)
        return own if own is not None and own in allowed else allowed[0]
    try:
        found = _municipalities().get(uuid=wanted)
    except (Organisation.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc
    return found


def _year(request, name: str, default: int) -> int:
    try:
        return int(request.GET.get(name) or default)
    except ValueError as exc:
        raise Http404 from exc


@staff_view
@require_GET
def delivery(request):
    """Per quarter, for every local choice in force and the meerwerk: bought, delivered, forecast
    and where delivery runs behind; local presence against an earlier year."""
    user = request.user
    today = timezone.localdate()
    allowed = [m for m in _municipalities() if policy.can_view_realisation(user, m)]
    policy.require(bool(allowed))
    municipality = _municipality(request, allowed)
    years = selectors.years_for(user, today) or [today.year]
    year = _year(request, "year", today.year if today.year in years else years[-1])
    compare = _year(request, "compare", year - 1 if year - 1 in years else year)
    realisation = selectors.quarterly_realisation(user, municipality, year, today)  # 404 if not
    comparison = selectors.presence_comparison(user, municipality, year, compare, today)
    records = None
    if policy.can_view_deliveries(user, municipality):
        records = {
            "half_days": list(selectors.half_days_of(user, municipality, year)),
            "presences": list(selectors.presences_of(user, municipality, year)),
            "coaching": list(selectors.coaching_of(user, municipality, year)),
            "notes": list(selectors.notes_of(user, municipality, year)),
        }
    sheets = [exports.realisation_sheet([realisation]), exports.presence_sheet(comparison)]
    if records is not None:
        sheets += exports.records_sheets(*records.values())
    fmt = request.GET.get("format")
    if fmt:
        try:
            table = int(request.GET.get("table") or 0)
            sheets[table]  # noqa: B018  (an unknown table is not found)
        except (ValueError, IndexError) as exc:
            raise Http404 from exc
        return table_exports.download(
            sheets, fmt, ["levering", municipality.name, str(year)], sheet=table
        )
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    query.update({"municipality": str(municipality.uuid), "year": year, "compare": compare})

    def links(table: int):
        return [(f, "?" + _with(query, format=f, table=table)) for f in table_exports.FORMATS]

    form = forms.RealisationFilterForm(
        initial={"municipality": municipality.uuid, "year": year, "compare": compare},
        municipalities=_municipalities().filter(pk__in=[m.pk for m in allowed]),
        years=years,
    )
    context = {
        "form": form,
        "municipality": municipality,
        "year": year,
        "realisation": realisation,
        "comparison": comparison,
        "records": records,
        "reviews": selectors.review_steps(user, municipality, today),
        "can_record": policy.can_record_delivery(user, municipality),
        "record_kinds": [(kind, exports.kind_label(kind)) for kind in RECORD_FORMS],
        "export_links": {n: links(n) for n in range(len(sheets))},
        "today": today,
    }
    return render(request, "agreements/delivery.html", context)


def _with(query, **values) -> str:
    query = query.copy()
    for key, value in values.items():
        query[key] = value
    return query.urlencode()


def _choice_options(user, municipality, year, kind, today):
    options = [
        (str(c.uuid), f"{c.label} ({c.year})")
        for c, k in selectors.recordable_choices(user, municipality, year, today)
        if k == kind
    ]
    if kind == DeliveryKind.NOTES:
        options = [(f"c:{value}", label) for value, label in options] + [
            (f"m:{w.uuid}", _("Meerwerk: %(description)s") % {"description": w.description[:80]})
            for w in selectors.extra_work_in(user, municipality, year)
        ]
    return options


@staff_view
def record_delivery(request):
    """Record a delivery of one kind for the municipality's choices in force in the year; also
    marks a scheduled half-day held or cancelled."""
    user = request.user
    today = timezone.localdate()
    municipality = _municipality(request, list(_municipalities()))
    policy.require(policy.can_record_delivery(user, municipality))
    year = _year(request, "year", today.year)
    try:
        kind = DeliveryKind(request.GET.get("kind") or DeliveryKind.HALF_DAYS)
    except ValueError as exc:
        raise Http404 from exc
    back = (
        reverse("agreements:delivery")
        + "?"
        + _with(request.GET.copy(), municipality=str(municipality.uuid), year=year)
    )
    if request.method == "POST" and "session" in request.POST:
        status_form = forms.HalfDayStatusForm(request.POST)
        if not status_form.is_valid():
            raise Http404
        session = selectors.get_half_day(user, status_form.cleaned_data["session"])
        if session.choice.municipal_agreement.municipality_id != municipality.pk:
            raise Http404
        try:
            services.set_half_day_status(
                actor=user, session=session, status=status_form.cleaned_data["status"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(request, _("The half-day is updated."))
        return redirect(back)
    if kind not in RECORD_FORMS:
        raise Http404
    options = _choice_options(user, municipality, year, kind, today)
    form_class = RECORD_FORMS[kind]
    extra = {"choices": options}
    if kind in (DeliveryKind.TEAM_PRESENCE, DeliveryKind.COACHING):
        extra["workers"] = [(str(u.uuid), u.display_name) for u in selectors.workers(user)]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, **extra)
        if save_form(form, lambda data: _save(user, municipality, kind, data)):
            messages.success(request, _("The delivery is recorded."))
            return redirect(back)
        status = 400
    else:
        form = form_class(**extra)
    context = {
        "form": form,
        "municipality": municipality,
        "year": year,
        "kind": kind,
        "kind_label": exports.kind_label(kind),
        "back": back,
        "no_choices": not options,
    }
    return render(request, "agreements/record_delivery.html", context, status=status)


def _save(user, municipality, kind, data):
    common = {"actor": user, "municipality": municipality}
    if kind == DeliveryKind.HALF_DAYS:
        return services.record_half_day(
            **common,
            choice=data["choice"],
            location=data["location"],
            day=data["date"],
            part_of_day=data["part_of_day"],
            status=data["status"],
            note=data["note"],
        )
    if kind == DeliveryKind.TEAM_PRESENCE:
        return services.record_team_presence(
            **common,
            choice=data["choice"],
            location=data["location"],
            worker=data["worker"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )
    if kind == DeliveryKind.COACHING:
        return services.record_coaching(
            **common,
            choice=data["choice"],
            coach=data["coach"],
            fte=data["fte"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )
    prefix, _sep, ref = data["choice"].partition(":")
    return services.record_delivery_note(
        **common,
        choice=ref if prefix == "c" else None,
        extra_work=ref if prefix == "m" else None,
        kind=data["kind"],
        status=data["status"],
        day=data["date"],
        text=data["text"],
        quantity=data["quantity"],
    )
