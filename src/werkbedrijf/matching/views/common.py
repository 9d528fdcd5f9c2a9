"""What the matching screens share: the section's navigation."""

from __future__ import annotations

from werkbedrijf.access import policy
from werkbedrijf.candidates.views.common import render_section


def render_matching(request, template: str, context: dict, status: int = 200):
    context = {"may_match": policy.can_match(request.user), **context}
    return render_section(request, template, context, status=status)
