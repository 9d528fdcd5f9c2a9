"""Parts of the candidate's page written in Python, each the same markup, byte for byte, as the
template it replaces (held equal by the tests in test_candidate_page_markup.py).

The page has a dozen closed sections, each with a link to fetch its form, and a timeline of
everything recorded in the trajectory: through the template engine (a lookup, an escape and a
filter per value, a ``{% url %}`` per link, a ``{% translate %}`` per label) they were about a
quarter of the page's CPU time (bench/README.md).
"""

from __future__ import annotations

from functools import cache
from uuid import UUID

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from werkbedrijf.ui.formatting import euro, quantity

register = template.Library()

_ZERO = UUID(int=0)
_SLUG = "slug-of-the-form"


@register.simple_tag(takes_context=True)
def form_on_demand(context, slug: str, label) -> SafeString:
    """In a closed <details> of the candidate's page, in place of its form: with htmx the form
    is fetched when the details are first opened (and replaces this); without JavaScript the
    link opens the form on a page of its own. ``label``: what the form does, for the link's
    name. (Was the template partials/form_on_demand.html.)"""
    url = _form_url(context, slug)
    return mark_safe(  # noqa: S308 (the URL and the label are escaped)
        f'<div data-form-on-demand="{esc(slug)}" hx-get="{url}" '
        'hx-trigger="toggle once from:closest details" hx-swap="outerHTML">\n'
        '  <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" '
        f'href="{url}">{esc(gettext("Open the form"))}'
        f'<span class="app-visually-hidden">: {esc(label)}</span></a></p>\n'
        "</div>\n"
    )


def _form_url(context, slug: str) -> str:
    """candidates:candidate_form of the page's candidate and ``slug``, escaped; reversed once
    per page (the render context keeps it), the candidate and slug put in."""
    key = "_form_on_demand_url"
    pattern = context.render_context.get(key)
    if pattern is None:
        pattern = context.render_context[key] = esc(
            reverse("candidates:candidate_form", args=[_ZERO, _SLUG])
        )
    return pattern.replace(str(_ZERO), str(context["candidate"].uuid)).replace(
        _SLUG, str(esc(slug))
    )


def _day(value) -> str:
    """The ``date:"d-m-Y"`` filter of a date; '' for none."""
    return "" if not value else f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def _v(value) -> str:
    """``{{ value }}``: localized and escaped, as the template writes a value."""
    return esc(value if type(value) is str else str(localize(value)))


def _service_name(choice) -> str:
    """``choice.service.name``: '' for a service not on the card (the template's failed lookup)."""
    return "" if choice.service is None else choice.service.name


def _label(o, name: str) -> str:
    """``o.get_<name>_display()`` (Django's builds a dict of the field's choices every call)."""
    value = getattr(o, name)
    return str(_choices(type(o), name).get(value, value))


def _by(person) -> str:
    """``person.get_full_name|default:person.username``, escaped."""
    return _v(person.get_full_name() or person.username)


@register.simple_tag
def timeline(events) -> SafeString:
    """Everything that happened in the trajectory (``selectors.timeline``), oldest first. (Was
    the template partials/timeline.html.)"""
    if not events:
        return mark_safe(  # noqa: S308 (a translation)
            f'<p class="utrecht-paragraph">{gettext("Nothing has happened yet.")}</p>\n'
        )
    texts: dict[str, str] = {}

    def t(message: str) -> str:
        """gettext, once per message and page."""
        found = texts.get(message)
        if found is None:
            found = texts[message] = gettext(message)
        return found

    labels: dict[tuple, str] = {}

    def d(o, name: str) -> str:
        """``o.get_<name>_display()``, once per label and page: Django's builds a dict of the
        field's choices on every call."""
        value = getattr(o, name)
        key = (type(o), name, value)
        found = labels.get(key)
        if found is None:
            found = labels[key] = str(_choices(type(o), name).get(value, value))
        return found

    out = ['<ol class="app-timeline" data-timeline>\n']
    for event in events:
        kind, o = event["kind"], event["object"]
        lines = _EVENT_LINES.get(kind)
        body = "\n      ".join(lines(o, t, d)) if lines else ""
        out.append(
            f'\n  <li data-event="{_v(kind)}"{_event_data(kind, o)}>\n'
            f"    <strong>{_day(event['date'])}</strong> –\n"
            f"    {f'{chr(10)}      {body}{chr(10)}    ' if lines else ''}\n"
            "  </li>\n"
        )
    out.append("\n</ol>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value is escaped)


@cache
def _choices(model, name: str) -> dict:
    """The labels (lazy) of a field's choices, by value."""
    return dict(model._meta.get_field(name).flatchoices)


def _event_data(kind: str, o) -> str:
    if kind == "step":
        return f' data-to-phase="{_v(o.to_phase)}"'
    if kind == "note":
        return f' data-theme="{_v(o.theme)}"'
    if kind == "placement":
        return f' data-employment-form="{_v(o.form)}"'
    if kind == "activity":
        return f' data-activity-status="{_v(o.status)}"'
    if kind == "signal":
        return f' data-decision="{_v(o.decision or "open")}"'
    return ""


def _step(o, t, d) -> list[str]:
    if o.from_phase:
        moved = t("From “%(from)s” to “%(to)s”") % {
            "from": _v(d(o, "from_phase")),
            "to": _v(d(o, "to_phase")),
        }
    else:
        moved = t("Referred to WerkBedrijf")
    by = ""
    if o.recorded_by:
        by = f'<span class="app-muted">({t("by %(who)s") % {"who": _by(o.recorded_by)}})</span>'
    reason = f'<div class="app-prewrap">{_v(o.reason)}</div>' if o.reason else ""
    return [moved, by, reason]


def _note(o, t, d) -> list[str]:
    by = ""
    if o.author:
        by = f'<span class="app-muted">({t("by %(who)s") % {"who": _by(o.author)}})</span>'
    return [
        t("Intake note on “%(theme)s”") % {"theme": _v(d(o, "theme"))},
        by,
        f'<div class="app-prewrap">{_v(o.text)}</div>',
    ]


def _diagnosis(o, t, d) -> list[str]:
    first = t("Further diagnosis: %(kind)s") % {"kind": _v(d(o, "kind"))}
    if o.practical_diagnosis:
        first += f", {t('praktijkdiagnose')}"
    if o.planned_end:
        first += f" ({t('planned until %(date)s') % {'date': _day(o.planned_end)}})"
    outcome = f'<div class="app-prewrap">{_v(o.outcome)}</div>' if o.outcome else ""
    return [first, outcome]


def _activity(o, t, d) -> list[str]:
    first = t("Activity: %(kind)s") % {"kind": _v(d(o, "kind"))}
    if o.name:
        first += f" – {_v(o.name)}"
    first += f" ({_v(d(o, 'status'))}"
    if o.end:
        first += f", {t('until %(date)s') % {'date': _day(o.end)}}"
    first += ")"
    charged = ""
    if o.charged_to_id:
        text = t("Charged to the local choice “%(service)s” %(year)s: %(units)s units") % {
            "service": _v(_service_name(o.charged_to)),
            "year": _v(o.charged_to.year),
            "units": _v(quantity(o.units)),
        }
        charged = f'<div class="app-small">{text}</div>'
    return [first, charged]


def _placement(o, t, d) -> list[str]:
    first = t("Placement: %(form)s at %(employer)s") % {
        "form": _v(d(o, "form")),
        "employer": _v(o.employer.name),
    }
    if o.planned_end:
        when = t("%(start)s to %(end)s (planned)") % {
            "start": _day(o.start),
            "end": _day(o.planned_end),
        }
    else:
        when = t("from %(start)s") % {"start": _day(o.start)}
    if o.actual_end:
        when += f", {t('ended %(date)s') % {'date': _day(o.actual_end)}}"
    when += "; " + t("%(hours)s hours a week") % {"hours": _v(quantity(o.hours_per_week))}
    if o.with_bbl:
        when += f"; {t('with BBL')}"
    return [first, f'<div class="app-small">{when}</div>']


def _instrument(o, t, d) -> list[str]:
    first = t("Instrument: %(kind)s") % {"kind": _v(d(o, "kind"))}
    if o.amount is not None:
        first += f" – {_v(euro(o.amount))}"
    if o.distance_km is not None:
        first += " – " + t("%(km)s km") % {"km": _v(quantity(o.distance_km))}
    if o.wage_value is not None:
        first += f" – {t('wage value')} {_v(quantity(o.wage_value))}&nbsp;%"
    period = ""
    if o.end:
        text = t("%(start)s to %(end)s") % {"start": _day(o.start), "end": _day(o.end)}
        period = f'<div class="app-small">{text}</div>'
    return [first, period]


def _signal(o, t, d) -> list[str]:
    if o.decision:
        decision = (
            f"<strong>{t('Decision of the municipality')}:</strong> "
            f"{_v(d(o, 'decision'))} ({_day(o.decided_on)}) – "
            f'<span class="app-prewrap">{_v(o.decision_reasons)}</span>'
        )
    else:
        awaiting = t("Awaiting the municipality's decision")
        decision = (
            f'<span class="utrecht-status-badge utrecht-status-badge--warning">{awaiting}</span>'
        )
    return [
        t("Signal of possibly sanction-worthy behaviour to the municipality"),
        f'<div class="app-prewrap"><strong>{t("Facts")}:</strong> {_v(o.facts)}</div>',
        f'<div class="app-prewrap"><strong>{t("Advice")}:</strong> {_v(o.advice)}</div>',
        f"<div>{decision}</div>",
    ]


def _talk(o, t, d) -> list[str]:
    if o.held_on:
        held = (
            f'<div class="app-prewrap">{t("Held on %(date)s:") % {"date": _day(o.held_on)}} '
            f"{_v(o.outcome)}</div>"
        )
    else:
        held = f'<span class="app-muted">({t("planned")})</span>'
    return [t("Three-way talk (Inkomen, WerkBedrijf, candidate)"), held]


_EVENT_LINES = {
    "step": _step,
    "note": _note,
    "diagnosis": _diagnosis,
    "activity": _activity,
    "placement": _placement,
    "instrument": _instrument,
    "signal": _signal,
    "talk": _talk,
}


@register.simple_tag(takes_context=True)
def activity_row(context, item) -> SafeString:
    """The activities table's row of ``item`` (``views.journey``: the activity, the form to change
    its status or None, its slug); the form folded, or open when refused (bound). (Was the loop's
    body in candidate.html.)"""
    a, form = item["activity"], item["form"]
    name = f'<br><span class="app-small">{_v(a.name)}</span>' if a.name else ""
    end = f" – {_day(a.end)}" if a.end else ""
    if a.charged_to:
        units = gettext("%(units)s units") % {"units": _v(quantity(a.units))}
        charged = f"{_v(_service_name(a.charged_to))} {_v(a.charged_to.year)} ({units})"
    else:
        charged = "–"
    status = ""
    if form:
        if form.is_bound:
            shown = _folded_form(context, item)
        else:
            shown = form_on_demand(context, item["slug"], gettext("Change the status"))
        status = (
            f'<details class="app-details"{" open" if form.is_bound else ""}>'
            f"<summary>{gettext('Change the status')}</summary>\n          {shown}</details>"
        )
    return mark_safe(  # noqa: S308 (every value is escaped, the form rendered by its template)
        "\n      "
        f'<tr class="utrecht-table__row" data-activity="{_v(a.uuid)}" '
        f'data-activity-status="{_v(a.status)}">\n        '
        f'<th class="utrecht-table__header-cell" scope="row">{_v(_label(a, "kind"))}{name}</th>'
        f'\n        <td class="utrecht-table__cell">{_day(a.start)}{end}</td>'
        f'\n        <td class="utrecht-table__cell">{charged}</td>'
        f'\n        <td class="utrecht-table__cell">{_v(_label(a, "status"))}'
        f"\n          {status}\n        </td>\n      </tr>\n    "
    )


def _folded_form(context, item) -> str:
    """The refused form to change an activity's status, as the include of
    partials/folded_form.html in the page's context wrote it."""
    found = context.template.engine.get_template("candidates/partials/folded_form.html")
    values = {
        "kind": "activity-status",
        "slug": item["slug"],
        "form": item["form"],
        "activity_uuid": item["activity"].uuid,
    }
    with context.push(**values):
        return found.render(context)
