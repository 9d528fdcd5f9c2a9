"""Parts of the candidate's page written in Python, each the same markup, byte for byte, as the
template it replaces (held equal by the tests in test_candidate_page_markup.py).

The page has a dozen closed sections, each with a link to fetch its form, and a timeline of
everything recorded in the trajectory: through the template engine (a lookup, an escape and a
filter per value, a ``{% url %}`` per link, a ``{% translate %}`` per label) they were about a
quarter of the page's CPU time (bench/README.md).
"""

from __future__ import annotations

from uuid import UUID

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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
