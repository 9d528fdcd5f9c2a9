"""The work profile's completeness as a small summary with a link, for pages of other areas (the
candidate page), so they show it without knowing how matching computes it."""

from __future__ import annotations

from django import template

from werkbedrijf.access import policy

from .. import policies, selectors

register = template.Library()


@register.inclusion_tag("matching/_work_profile_summary.html", takes_context=True)
def work_profile_summary(context, candidate):
    """Nothing for a user who may not see the work profile; else how complete it is, what is
    missing and the link to it. Reading the profile for this is logged as a read of it."""
    user = context["request"].user
    if not policy.can_view_work_profile(user, candidate):
        return {"shown": False}
    profile = selectors.get_work_profile(user, candidate)
    score, missing = policies.completeness(selectors.profile_values(profile, candidate))
    return {
        "shown": True,
        "candidate": candidate,
        "exists": profile is not None,
        "score": score,
        "missing": missing,
    }


@register.inclusion_tag("matching/_certificates_obtained.html", takes_context=True)
def certificates_obtained(context, trajectory):
    """The certificates obtained in the trajectory and, for who works on the journey, the folded
    form to record one (also on a closed trajectory: a certificate obtained before its end,
    recorded late), fetched when opened (views.certificates.form_on_demand through
    candidates:candidate_form). Reading them is logged."""
    user = context["request"].user
    if trajectory is None or not policy.can_view_candidate(user, trajectory.candidate):
        return {"shown": False}
    return {
        "shown": True,
        "trajectory": trajectory,
        "candidate": trajectory.candidate,
        "certificates": selectors.certificates_obtained(user, trajectory),
        "may_record": policy.can_work_on_journey(user, trajectory),
    }
