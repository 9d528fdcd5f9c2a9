"""The parts of the candidate's page written in Python (templatetags/candidate_page.py) write the
same markup, byte for byte, as the templates they replace; those templates are kept here."""

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from werkbedrijf import candidates
from werkbedrijf.accounts.models import User
from werkbedrijf.agreements.models import CatalogueService, LocalChoice
from werkbedrijf.candidates import selectors
from werkbedrijf.candidates.forms import ActivityStatusForm
from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    FurtherDiagnosis,
    Instrument,
    IntakeNote,
    JourneyStep,
    Placement,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from werkbedrijf.employers.models import Employer

# partials/form_on_demand.html as it was.
_FORM_ON_DEMAND_TEMPLATE = """{% load i18n %}{% comment %}
In a closed <details> of the candidate's page, in place of its form: with htmx the form is fetched
when the details are first opened (and replaces this); without JavaScript the link opens the form on
a page of its own. Given: slug and label (what the form does, for the link's name).
{% endcomment %}{% url 'candidates:candidate_form' candidate.uuid slug as form_url %}<div data-form-on-demand="{{ slug }}" hx-get="{{ form_url }}" hx-trigger="toggle once from:closest details" hx-swap="outerHTML">
  <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="{{ form_url }}">{% translate "Open the form" %}<span class="app-visually-hidden">: {{ label }}</span></a></p>
</div>
"""  # noqa: E501


def test_the_link_to_a_folded_form_is_the_templates_markup():
    """form_on_demand writes what the partial wrote, for every kind of slug and a label that
    needs escaping, in Dutch and English, twice in one page (the URL reversed once)."""
    candidate = Candidate(uuid=uuid.uuid4())
    cases = [
        ("note", "Write an intake note"),
        ("step-at_work", "Aan het werk"),
        (f"activity-{uuid.uuid4()}", 'Wijzig de status van "A & B" <nu>'),
        ("certificate", ""),
    ]
    tag = Template("{% load candidate_page %}{% form_on_demand slug label %}")
    old = Template(_FORM_ON_DEMAND_TEMPLATE)
    twice = Template(
        "{% load candidate_page %}{% form_on_demand 'note' 'a' %}{% form_on_demand 'ladder' 'b' %}"
    )
    for language in ("nl", "en"):
        with translation.override(language):
            for slug, label in cases:
                context = {"candidate": candidate, "slug": slug, "label": label}
                expected = old.render(Context(context))
                assert tag.render(Context(context)) == expected
            both = twice.render(Context({"candidate": candidate}))
            assert both == old.render(
                Context({"candidate": candidate, "slug": "note", "label": "a"})
            ) + old.render(Context({"candidate": candidate, "slug": "ladder", "label": "b"}))
    with translation.override("nl"):
        html = tag.render(Context({"candidate": candidate, "slug": "note", "label": "<x>"}))
    assert "Open het formulier" in html and "&lt;x&gt;" in html
    assert f"/kandidaten/{candidate.uuid}/formulier/note/" in html


# partials/timeline.html as it was.
_TIMELINE_TEMPLATE = """{% load i18n werkbedrijf_ui %}{% if timeline %}<ol class="app-timeline" data-timeline>
{% for event in timeline %}{% with o=event.object %}
  <li data-event="{{ event.kind }}"{% if event.kind == "step" %} data-to-phase="{{ o.to_phase }}"{% elif event.kind == "note" %} data-theme="{{ o.theme }}"{% elif event.kind == "placement" %} data-employment-form="{{ o.form }}"{% elif event.kind == "activity" %} data-activity-status="{{ o.status }}"{% elif event.kind == "signal" %} data-decision="{{ o.decision|default:'open' }}"{% endif %}>
    <strong>{{ event.date|date:"d-m-Y" }}</strong> –
    {% if event.kind == "step" %}
      {% if o.from_phase %}{% blocktranslate with from=o.get_from_phase_display to=o.get_to_phase_display %}From “{{ from }}” to “{{ to }}”{% endblocktranslate %}{% else %}{% translate "Referred to WerkBedrijf" %}{% endif %}
      {% if o.recorded_by %}<span class="app-muted">({% blocktranslate with who=o.recorded_by.get_full_name|default:o.recorded_by.username %}by {{ who }}{% endblocktranslate %})</span>{% endif %}
      {% if o.reason %}<div class="app-prewrap">{{ o.reason }}</div>{% endif %}
    {% elif event.kind == "note" %}
      {% blocktranslate with theme=o.get_theme_display %}Intake note on “{{ theme }}”{% endblocktranslate %}
      {% if o.author %}<span class="app-muted">({% blocktranslate with who=o.author.get_full_name|default:o.author.username %}by {{ who }}{% endblocktranslate %})</span>{% endif %}
      <div class="app-prewrap">{{ o.text }}</div>
    {% elif event.kind == "diagnosis" %}
      {% blocktranslate with kind=o.get_kind_display %}Further diagnosis: {{ kind }}{% endblocktranslate %}{% if o.practical_diagnosis %}, {% translate "praktijkdiagnose" %}{% endif %}{% if o.planned_end %} ({% blocktranslate with date=o.planned_end|date:"d-m-Y" %}planned until {{ date }}{% endblocktranslate %}){% endif %}
      {% if o.outcome %}<div class="app-prewrap">{{ o.outcome }}</div>{% endif %}
    {% elif event.kind == "activity" %}
      {% blocktranslate with kind=o.get_kind_display %}Activity: {{ kind }}{% endblocktranslate %}{% if o.name %} – {{ o.name }}{% endif %} ({{ o.get_status_display }}{% if o.end %}, {% blocktranslate with date=o.end|date:"d-m-Y" %}until {{ date }}{% endblocktranslate %}{% endif %})
      {% if o.charged_to_id %}<div class="app-small">{% blocktranslate with service=o.charged_to.service.name year=o.charged_to.year units=o.units|quantity %}Charged to the local choice “{{ service }}” {{ year }}: {{ units }} units{% endblocktranslate %}</div>{% endif %}
    {% elif event.kind == "placement" %}
      {% blocktranslate with form=o.get_form_display employer=o.employer.name %}Placement: {{ form }} at {{ employer }}{% endblocktranslate %}
      <div class="app-small">{% if o.planned_end %}{% blocktranslate with start=o.start|date:"d-m-Y" end=o.planned_end|date:"d-m-Y" %}{{ start }} to {{ end }} (planned){% endblocktranslate %}{% else %}{% blocktranslate with start=o.start|date:"d-m-Y" %}from {{ start }}{% endblocktranslate %}{% endif %}{% if o.actual_end %}, {% blocktranslate with date=o.actual_end|date:"d-m-Y" %}ended {{ date }}{% endblocktranslate %}{% endif %}; {% blocktranslate with hours=o.hours_per_week|quantity %}{{ hours }} hours a week{% endblocktranslate %}{% if o.with_bbl %}; {% translate "with BBL" %}{% endif %}</div>
    {% elif event.kind == "instrument" %}
      {% blocktranslate with kind=o.get_kind_display %}Instrument: {{ kind }}{% endblocktranslate %}{% if o.amount is not None %} – {{ o.amount|euro }}{% endif %}{% if o.distance_km is not None %} – {% blocktranslate with km=o.distance_km|quantity %}{{ km }} km{% endblocktranslate %}{% endif %}{% if o.wage_value is not None %} – {% translate "wage value" %} {{ o.wage_value|quantity }}&nbsp;%{% endif %}
      {% if o.end %}<div class="app-small">{% blocktranslate with start=o.start|date:"d-m-Y" end=o.end|date:"d-m-Y" %}{{ start }} to {{ end }}{% endblocktranslate %}</div>{% endif %}
    {% elif event.kind == "signal" %}
      {% translate "Signal of possibly sanction-worthy behaviour to the municipality" %}
      <div class="app-prewrap"><strong>{% translate "Facts" %}:</strong> {{ o.facts }}</div>
      <div class="app-prewrap"><strong>{% translate "Advice" %}:</strong> {{ o.advice }}</div>
      <div>{% if o.decision %}<strong>{% translate "Decision of the municipality" %}:</strong> {{ o.get_decision_display }} ({{ o.decided_on|date:"d-m-Y" }}) – <span class="app-prewrap">{{ o.decision_reasons }}</span>{% else %}<span class="utrecht-status-badge utrecht-status-badge--warning">{% translate "Awaiting the municipality's decision" %}</span>{% endif %}</div>
    {% elif event.kind == "talk" %}
      {% translate "Three-way talk (Inkomen, WerkBedrijf, candidate)" %}
      {% if o.held_on %}<div class="app-prewrap">{% blocktranslate with date=o.held_on|date:"d-m-Y" %}Held on {{ date }}:{% endblocktranslate %} {{ o.outcome }}</div>{% else %}<span class="app-muted">({% translate "planned" %})</span>{% endif %}
    {% endif %}
  </li>
{% endwith %}{% endfor %}
</ol>{% else %}<p class="utrecht-paragraph">{% translate "Nothing has happened yet." %}</p>{% endif %}
"""  # noqa: E501

_NASTY = 'O\'Brien & <Zonen> "nu" 100%'


def _events() -> list[dict]:
    """One record of every kind the timeline shows, each with and without its optional parts,
    with text that needs escaping, as selectors.timeline gives them."""
    named = User(first_name="Bas", last_name="de <Vries>", username="bas")
    unnamed = User(username="j&o")
    choice = LocalChoice(
        pk=7, year=2026, service=CatalogueService(pk=3, name="Training & <coaching>")
    )
    employer = Employer(pk=4, name="Schoon & Zo <BV>")
    day = date(2026, 3, 4)
    records = [
        JourneyStep(pk=1, from_phase="", to_phase="welcome", occurred_on=day),
        JourneyStep(
            pk=2,
            from_phase="welcome",
            to_phase="main_route",
            occurred_on=day,
            recorded_by=named,
            reason=_NASTY + "\nregel twee",
        ),
        JourneyStep(
            pk=3, from_phase="main_route", to_phase="returned", occurred_on=day, recorded_by=unnamed
        ),
        IntakeNote(pk=4, theme="obstacles", text=_NASTY, author=named, written_on=day),
        IntakeNote(pk=5, theme="current", text="kort", author=None, written_on=day),
        FurtherDiagnosis(pk=6, kind="health", start=day),
        FurtherDiagnosis(
            pk=7,
            kind="motivation",
            start=day,
            practical_diagnosis=True,
            planned_end=date(2026, 6, 30),
            outcome=_NASTY,
        ),
        Activity(pk=8, kind="training", name="", start=day, status="planned"),
        Activity(
            pk=9,
            kind="workshop",
            name=_NASTY,
            start=day,
            end=date(2026, 4, 1),
            status="completed",
            charged_to=choice,
            units=Decimal("1.50"),
        ),
        Activity(
            pk=20,
            kind="activation",
            start=day,
            status="in_progress",
            charged_to=LocalChoice(pk=8, year=2025, custom_name="Eigen & <aanbod>"),
            units=Decimal("2"),
        ),
        Placement(
            pk=10,
            employer=employer,
            form="work_experience",
            start=day,
            planned_end=date(2026, 9, 1),
            actual_end=date(2026, 8, 1),
            hours_per_week=Decimal("24.0"),
            with_bbl=True,
        ),
        Placement(
            pk=11, employer=employer, form="regular", start=day, hours_per_week=Decimal("32.5")
        ),
        Instrument(pk=12, kind="training", start=day),
        Instrument(
            pk=13,
            kind="travel",
            start=day,
            end=date(2026, 12, 31),
            amount=Decimal("1500.50"),
            distance_km=Decimal("12.0"),
            wage_value=Decimal("60.00"),
        ),
        SanctionSignal(pk=14, facts=_NASTY, advice="Waarschuwen", signalled_on=day),
        SanctionSignal(
            pk=15,
            facts="feiten",
            advice=_NASTY,
            signalled_on=day,
            decision="deviated",
            decision_reasons=_NASTY,
            decided_on=date(2026, 3, 20),
        ),
        ThreeWayTalk(pk=16, planned_on=day),
        ThreeWayTalk(pk=17, planned_on=day, held_on=date(2026, 3, 5), outcome=_NASTY),
    ]
    by_kind: dict[str, list] = {}
    for record in records:
        by_kind.setdefault(_KINDS[type(record)], []).append(record)
    return selectors.timeline(Trajectory(), selectors.TrajectoryRecords(**by_kind))


_KINDS = {
    JourneyStep: "steps",
    IntakeNote: "notes",
    FurtherDiagnosis: "diagnoses",
    Activity: "activities",
    Placement: "placements",
    Instrument: "instruments",
    SanctionSignal: "signals",
    ThreeWayTalk: "talks",
}


def test_the_timeline_is_the_templates_markup():
    """The tag timeline writes what partials/timeline.html wrote: every kind of event with and
    without its optional parts, escaped, in Dutch and English; and the empty timeline."""
    events = _events()
    assert len({e["kind"] for e in events}) == 8
    old = Template(_TIMELINE_TEMPLATE)
    tag = Template("{% load candidate_page %}{% timeline timeline %}")
    for language in ("nl", "en"):
        with translation.override(language):
            for shown in (events, events[:1], []):
                context = {"timeline": shown}
                expected = old.render(Context(context))
                assert tag.render(Context(context)) == expected
    with translation.override("nl"):
        html = tag.render(Context({"timeline": events}))
    assert "&lt;Zonen&gt;" in html and "<Zonen>" not in html
    assert "Training &amp; &lt;coaching&gt;" in html and "1,5" in html
    assert "€ 1.500,50" in html and "08-2026" in html


# The activities table's loop in candidate.html as it was.
_ACTIVITIES_BEFORE = """{% load i18n werkbedrijf_ui candidate_page %}{% for item in activities %}{% with a=item.activity %}
      <tr class="utrecht-table__row" data-activity="{{ a.uuid }}" data-activity-status="{{ a.status }}">
        <th class="utrecht-table__header-cell" scope="row">{{ a.get_kind_display }}{% if a.name %}<br><span class="app-small">{{ a.name }}</span>{% endif %}</th>
        <td class="utrecht-table__cell">{{ a.start|date:"d-m-Y" }}{% if a.end %} – {{ a.end|date:"d-m-Y" }}{% endif %}</td>
        <td class="utrecht-table__cell">{% if a.charged_to %}{{ a.charged_to.service.name }} {{ a.charged_to.year }} ({% blocktranslate with units=a.units|quantity %}{{ units }} units{% endblocktranslate %}){% else %}–{% endif %}</td>
        <td class="utrecht-table__cell">{{ a.get_status_display }}
          {% if item.form %}<details class="app-details"{% if item.form.is_bound %} open{% endif %}><summary>{% translate "Change the status" %}</summary>
          {% if item.form.is_bound %}{% include "candidates/partials/folded_form.html" with kind="activity-status" slug=item.slug form=item.form activity_uuid=a.uuid %}{% else %}{% form_on_demand item.slug _("Change the status") %}{% endif %}</details>{% endif %}
        </td>
      </tr>
    {% endwith %}{% endfor %}"""  # noqa: E501


def _activities_loop_now() -> str:
    """The activities table's loop as candidate.html has it now."""
    source = (
        Path(candidates.__file__).parent / "templates" / "candidates" / "candidate.html"
    ).read_text()
    start = source.index("{% for item in activities %}")
    end = source.index("{% endfor %}", start) + len("{% endfor %}")
    return "{% load i18n werkbedrijf_ui candidate_page %}" + source[start:end]


def test_the_activities_rows_are_the_templates_markup():
    """activity_row writes each row as the loop wrote it: a name, an end and a charge to a local
    choice (from the card, or not on it) or none of them, escaped; no form, the form folded, or
    refused and open."""
    from werkbedrijf.candidates.views.journey import Folded

    activities = [e["object"] for e in _events() if e["kind"] == "activity"]
    assert len(activities) == 3 and any(
        a.charged_to and not a.charged_to.service for a in activities
    )
    refused = ActivityStatusForm(
        {f"activity-{activities[2].uuid}-status": "gone"}, prefix=f"activity-{activities[2].uuid}"
    )
    assert refused.is_bound and not refused.is_valid()
    items = [
        {"activity": a, "form": form, "slug": f"activity-{a.uuid}"}
        for a, form in zip(activities, [None, Folded(lambda: None), refused], strict=True)
    ]
    candidate = Candidate(uuid=uuid.uuid4())
    for language in ("nl", "en"):
        with translation.override(language):
            context = {"activities": items, "candidate": candidate}
            expected = Template(_ACTIVITIES_BEFORE).render(Context(context))
            assert Template(_activities_loop_now()).render(Context(context)) == expected
    assert "&lt;Zonen&gt;" in expected and "Change the status" in expected
    assert (
        '<details class="app-details" open>' in expected
        and 'data-form="activity-status"' in expected
    )
