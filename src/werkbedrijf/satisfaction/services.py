"""Inviting candidates to the questionnaire and recording their answers. One transaction each."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates.models import CLOSED_PHASES, JourneyStep, Phase, Trajectory

from . import policies
from .models import Invitation, Moment, SurveyResponse

LOOK_BACK_DAYS = 14  # an intake or end longer ago than this gets no invitation any more


def _due(moment: str, today: date):
    since = today - timedelta(days=LOOK_BACK_DAYS)
    invited = Invitation.objects.filter(trajectory=OuterRef("pk"), moment=moment)
    if moment == Moment.END:
        qs = Trajectory.objects.filter(
            phase__in=CLOSED_PHASES, closed_on__gte=since, closed_on__lte=today
        )
    else:
        held = JourneyStep.objects.filter(
            trajectory=OuterRef("pk"),
            from_phase=Phase.INTAKE,
            occurred_on__gte=since,
            occurred_on__lte=today,
        )
        qs = Trajectory.objects.filter(Exists(held))
    return qs.filter(~Exists(invited)).select_related("candidate")


def invite_due(today: date | None = None) -> list[Invitation]:
    """Invite every candidate whose intake was held or whose trajectory ended in the last two
    weeks and who has no invitation for that moment yet; e-mail the link where the candidate has
    an address (the consultant prints a letter with the code for the others)."""
    today = today or timezone.localdate()
    created = []
    for moment in (Moment.INTAKE, Moment.END):
        for trajectory in _due(moment, today):
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    trajectory=trajectory,
                    municipality_id=trajectory.municipality_id,
                    moment=moment,
                    token=secrets.token_urlsafe(24),
                    created_on=today,
                    expires_on=policies.expiry(today),
                )
                email = trajectory.candidate.email
                if email:
                    transaction.on_commit(partial(_send, invitation, email))
            created.append(invitation)
    return created


def _send(invitation: Invitation, email: str) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("satisfaction:answer", args=[invitation.token])
    send_mail(
        _("How did WerkBedrijf do? Two minutes of your time"),
        _(
            "Dear Sir or Madam,\n\nWe would like to know what you think of the support of "
            "WerkBedrijf. The questionnaire takes two minutes and is anonymous: your answers are "
            "never put next to your name.\n\n%(link)s\n\nThe link can be used once, until "
            "%(date)s.\n\nWerkBedrijf Rijk van Nijmegen"
        )
        % {"link": link, "date": invitation.expires_on.strftime("%d-%m-%Y")},
        None,
        [email],
    )
    Invitation.objects.filter(pk=invitation.pk).update(emailed=True)


@transaction.atomic
def answer(
    *,
    token: str,
    score,
    statements: dict[str, int | None],
    comment: str = "",
    today: date | None = None,
    entered_by=None,
) -> SurveyResponse:
    """Record the answers given through the link ``token`` (or typed from the paper form with its
    code). The link is used up; the answer keeps only municipality, moment and date."""
    today = today or timezone.localdate()
    if entered_by is not None and not policy.can_enter_paper_questionnaire(entered_by):
        raise AccessDenied
    invitation = Invitation.objects.select_for_update().filter(token=token.strip()).first()
    if invitation is None:
        raise ValidationError({"token": _("This code is unknown. Check the letter.")})
    if message := policies.link_error(
        invitation.created_on, invitation.expires_on, invitation.used_on, today
    ):
        raise ValidationError({"token": message}, code="link_used")
    if errors := policies.answer_errors(score, statements):
        raise ValidationError({k: [v] for k, v in errors.items()}, code="invalid_answer")
    invitation.used_on = today
    invitation.save(update_fields=["used_on"])
    return SurveyResponse.objects.create(
        municipality_id=invitation.municipality_id,
        moment=invitation.moment,
        answered_on=today,
        score=score,
        comment=(comment or "").strip()[:2000],
        from_paper=entered_by is not None,
        entered_by=entered_by,
        **statements,
    )
