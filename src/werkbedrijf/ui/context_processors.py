"""Navigation for the signed-in user, by role."""

from django.urls import reverse
from django.utils.translation import gettext as _

from werkbedrijf.access import policy


def navigation(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and getattr(user, "organisation_id", None)):
        return {"nav_items": []}
    items = [
        (_("Home"), reverse("start:home")),
        (_("Agreements"), reverse("agreements:agreements")),
        (_("Deadlines"), reverse("agreements:deadlines")),
    ]
    if policy.can_view_candidates(user):
        items.append((_("Candidates"), reverse("candidates:caseload")))
    if policy.can_use_income_screen(user):
        items.append((_("Inkomen"), reverse("candidates:income")))
    if policy.can_look_up_as_chain_partner(user):
        items.append((_("Resident in service?"), reverse("candidates:chain_partner_lookup")))
    if policy.can_view_employers(user):
        items.append((_("Employers"), reverse("employers:list")))
    items.append((_("Realisation of local choices"), reverse("candidates:realisation")))
    if policy.can_view_costs(user):
        items.append((_("Cost per task"), reverse("costs:overview")))
    elif policy.can_use_hours_screen(user):
        items.append((_("Register hours"), reverse("costs:hours")))
    if policy.can_view_satisfaction(user):
        items.append((_("Satisfaction"), reverse("satisfaction:figures")))
    elif policy.can_enter_paper_questionnaire(user):
        items.append((_("Paper questionnaire"), reverse("satisfaction:paper")))
    if policy.can_use_dashboard(user):
        items.append((_("Indicators"), reverse("reporting:dashboard")))
    if policy.can_export_srg(user):
        items.append((_("CBS delivery"), reverse("reporting:srg")))
    if policy.can_answer_access_request(user):
        items.append((_("Access requests"), reverse("privacy:access_request")))
    if policy.can_use_admin(user):
        items.append((_("Administration"), reverse("admin:index")))
    path = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": path == url or (url != "/" and path.startswith(url)),
            }
            for label, url in items
        ]
    }
