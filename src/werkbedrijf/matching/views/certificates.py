"""Certificates obtained in a trajectory: recorded by a consultant from the candidate's page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbedrijf.access import policy
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates.models import ActivityKind, InstrumentKind
from werkbedrijf.candidates.views.common import candidate_url
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form

from .. import services
from ..forms import CertificateObtainedForm
from .common import render_matching

PREFIX = "certificate"


def sources(trajectory) -> list[tuple[str, str]]:
    """The trainings (activities) and training instruments of the trajectory a certificate can
    come from, as choices: ("activity:<uuid>" or "instrument:<uuid>", label)."""
    choices = [
        (f"activity:{a.uuid}", f"{a.get_kind_display()}: {a.name or '–'} ({a.start:%d-%m-%Y})")
        for a in trajectory.activities.filter(kind=ActivityKind.TRAINING).order_by("start")
    ]
    choices += [
        (f"instrument:{i.uuid}", f"{i.get_kind_display()} ({i.start:%d-%m-%Y})")
        for i in trajectory.instruments.filter(kind=InstrumentKind.TRAINING).order_by("start")
    ]
    return choices


def came_from(trajectory, key: str) -> dict:
    """The activity or instrument a choice of ``sources`` names (both None for none)."""
    found = {"activity": None, "instrument": None}
    kind, _sep, uuid = key.partition(":")
    if kind == "activity":
        found["activity"] = trajectory.activities.get(uuid=uuid)
    elif kind == "instrument":
        found["instrument"] = trajectory.instruments.get(uuid=uuid)
    return found


def form_for(trajectory, data=None) -> CertificateObtainedForm:
    return CertificateObtainedForm(data, prefix=PREFIX, sources=sources(trajectory))


def form_on_demand(user, trajectory) -> CertificateObtainedForm | None:
    """The form the candidate's page folds in its section of certificates (the tag
    certificates_obtained), fetched when opened (candidates:candidate_form); None when the user
    may not record a certificate."""
    if trajectory is None or not policy.can_work_on_journey(user, trajectory):
        return None
    return form_for(trajectory)


@staff_view(cache=False)
@require_POST
def record_certificate(request, uuid):
    user = request.user
    trajectory = candidate_selectors.trajectory_for_change(user, uuid)
    policy.require(policy.can_work_on_journey(user, trajectory))
    form = form_for(trajectory, request.POST)

    def save(data):
        services.record_certificate(
            actor=user,
            trajectory=trajectory,
            certificate=data["certificate"],
            obtained_on=data["obtained_on"],
            **came_from(trajectory, data["came_from"]),
        )

    if save_form(form, save):
        messages.success(request, _("The certificate is recorded."))
        return redirect(candidate_url(trajectory.candidate) + "#certificates")
    return render_matching(
        request,
        "matching/certificate_form.html",
        {"form": form, "trajectory": trajectory, "candidate": trajectory.candidate},
        status=400,
    )
