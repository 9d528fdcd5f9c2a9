"""The chain partner's screen, mounted at /kandidaten/ketenpartner/: a Buurtteam, Zorg or Leerrecht
worker asks whether a resident of their municipality is in service at WerkBedrijf, and learns the
phase and the one contact person with how to reach them (council wish 2). Nothing else.

The BSN comes by POST only, is never echoed back into the page, and is in no URL or log line. The
answer is shown on the same page, never cached."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.privacy.forms import NoEchoTextInput
from werkbedrijf.ui.decorators import staff_view

from .. import chain_selectors
from ..forms import BsnField


class ChainPartnerLookupForm(forms.Form):
    bsn = BsnField(
        label=gettext_lazy("BSN of the resident"),
        help_text=gettext_lazy("9 digits. Spaces and dots are ignored."),
        max_length=20,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def not_in_service_message(user) -> str:
    """One answer for a resident not in service, a person WerkBedrijf does not know and another
    municipality's resident, so the lookup reveals nothing about the last two."""
    return _("WerkBedrijf has no resident of %(municipality)s with this BSN in service.") % {
        "municipality": policy.municipality_of(user).name
    }


@staff_view
@never_cache
@require_http_methods(["GET", "POST"])
def chain_partner_lookup(request):
    user = request.user
    policy.require(policy.can_look_up_as_chain_partner(user))
    form = ChainPartnerLookupForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        answer = chain_selectors.look_up(user, form.cleaned_data["bsn"])
        if answer is None:
            form.add_error("bsn", not_in_service_message(user))
    context = {"form": form, "answer": answer, "municipality": policy.municipality_of(user)}
    status = 400 if form.errors else 200
    return render(request, "candidates/chain_partner_lookup.html", context, status=status)
