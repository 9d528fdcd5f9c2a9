"""The start page: the tasks of the signed-in staff member, by role."""

from __future__ import annotations

from django.shortcuts import render

from werkbedrijf.access import policy
from werkbedrijf.agreements import selectors
from werkbedrijf.agreements.models import AgreementStatus
from werkbedrijf.ui.decorators import staff_view


@staff_view
def home(request):
    user = request.user
    agreements = list(selectors.agreements_for(user))
    for agreement in agreements:
        agreement.effective = selectors.effective_status(agreement)
    own = policy.municipality_of(user)
    to_compose = []
    own_agreements = []
    if own is not None:
        own_agreements = list(selectors.municipal_agreements_for(user).filter(municipality=own))
        for ma in own_agreements:
            if policy.can_edit_choices(user, ma):
                to_compose.extend((ma, year) for year in ma.agreement.years)
    context = {
        "agreements": agreements,
        "open_agreements": [a for a in agreements if a.status != AgreementStatus.ADOPTED],
        "own_municipality": own,
        "own_agreements": own_agreements,
        "to_compose": to_compose,
        "roles": user.role_labels,
        "is_dvo_admin": policy.can_manage_cycle(user),
        "can_compose_own_choices": policy.can_compose_own_choices(user),
        "can_use_admin": policy.can_use_admin(user),
        "can_manage_staff": policy.can_manage_staff(user),
        "can_answer_access_request": policy.can_answer_access_request(user),
    }
    return render(request, "start/home.html", context)
