"""Moving a resident to another municipality of the region, as a step of its own (who, when,
from, to, why), and the list of moves that both municipalities see. Mounted under /kandidaten/.

A referral never moves anybody (services.refer_candidate refuses a person registered elsewhere
and names this step)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from werkbedrijf.access import policy
from werkbedrijf.organisations.models import Organisation, OrganisationKind
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import add_service_errors
from werkbedrijf.utils import exports

from .. import move_selectors, selectors, services
from ..forms import DateInput, today
from ..models import Candidate
from .common import candidate_url, render_section

MOVES_PAGE_SIZE = 50


class MoveForm(forms.Form):
    to_municipality = forms.ModelChoiceField(
        None, label=gettext_lazy("Moves to"), to_field_name="uuid"
    )
    moved_on = forms.DateField(
        label=gettext_lazy("Date of the move"), initial=today, widget=DateInput
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("For example: registered at a new address in Wijchen (BRP)."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidate: Candidate, **kwargs):
        super().__init__(*args, prefix="move", **kwargs)
        field = self.fields["to_municipality"]
        field.queryset = (
            Organisation.objects.filter(
                kind=OrganisationKind.MUNICIPALITY, region_id=candidate.municipality.region_id
            )
            .exclude(pk=candidate.municipality_id)
            .order_by("name")
        )
        field.empty_label = _("Choose the municipality")


def _candidate_to_move(user, uuid) -> Candidate:
    """The candidate, within the user's scope (404 otherwise), whom the user may move (403)."""
    policy.require(policy.can_view_candidates(user))
    candidate = selectors.candidate_scope(user).select_related("municipality").filter(uuid=uuid)
    candidate = candidate.first()
    if candidate is None:
        raise Http404
    policy.require(policy.can_move_candidate(user, candidate))
    return candidate


@staff_view
@require_http_methods(["GET", "POST"])
def move_candidate(request, uuid):
    user = request.user
    candidate = _candidate_to_move(user, uuid)
    form = MoveForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move = services.move_candidate(
                actor=user,
                candidate=candidate,
                to_municipality=data["to_municipality"],
                moved_on=data["moved_on"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The move of %(name)s to %(municipality)s is recorded.")
                % {"name": candidate.full_name, "municipality": move.to_municipality.name},
            )
            # The municipality the person left no longer sees their page: it sees the move.
            if policy.can_view_candidate(user, move.candidate):
                return redirect(candidate_url(candidate))
            return redirect("candidates:moves")
    # The page names the person: a read of their data, logged.
    candidate = selectors.get_candidate(user, candidate.uuid)
    context = {"candidate": candidate, "form": form}
    status = 400 if request.method == "POST" else 200
    return render_section(request, "candidates/move.html", context, status=status)


@staff_view
@require_GET
def moves(request):
    """The moves from and to the user's municipality (WerkBedrijf: all), newest first."""
    user = request.user
    policy.require(policy.can_view_moves(user))
    page = move_selectors.moves(
        user, cursor=request.GET.get("cursor") or None, page_size=MOVES_PAGE_SIZE
    )
    next_url = None
    if page.next_cursor:
        next_url = f"{reverse('candidates:moves')}?cursor={page.next_cursor}"
    context = {
        "moves": page.rows,
        "next_url": next_url,
        "first_url": reverse("candidates:moves") if request.GET.get("cursor") else None,
        "municipality": policy.municipality_of(user),
        "export_formats": exports.FORMATS,
    }
    return render_section(request, "candidates/moves.html", context)


@staff_view
@require_GET
def moves_export(request, fmt):
    """The moves the user may see as XLSX or CSV (an export of personal data, logged per move)."""
    user = request.user
    policy.require(policy.can_view_moves(user))
    sheet = exports.Sheet(
        _("Moves"),
        [_("Date of the move"), _("Person"), _("From"), _("To"), _("Reason"), _("Recorded by")],
    )
    for m in move_selectors.moves_export(user):
        who = m.recorded_by
        sheet.rows.append(
            [
                m.moved_on,
                m.candidate.full_name,
                m.from_municipality.name,
                m.to_municipality.name,
                m.reason,
                who.display_name if who else "",
            ]
        )
    stem = f"{slugify(_('moves'))}-{timezone.localdate():%Y-%m-%d}"
    return exports.response(sheet, fmt, stem)
