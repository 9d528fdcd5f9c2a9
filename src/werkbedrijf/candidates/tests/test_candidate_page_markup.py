"""The parts of the candidate's page written in Python (templatetags/candidate_page.py) write the
same markup, byte for byte, as the templates they replace; those templates are kept here."""

import uuid

from django.template import Context, Template
from django.utils import translation

from werkbedrijf.candidates.models import Candidate

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
