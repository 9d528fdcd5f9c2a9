"""Candidate satisfaction (DVO art. 14.1): a short questionnaire after intake and when a
trajectory ends, answered through a one-time link without an account, or entered from paper.
An answer keeps its municipality and moment for the figures, never a link to the person."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkbedrijf.organisations.models import Organisation


class Moment(models.TextChoices):
    INTAKE = "intake", _("After the intake")
    END = "end", _("At the end of the trajectory")


class Invitation(models.Model):
    """A one-time link for one questionnaire, sent by e-mail or printed on a letter with its code.
    The token is kept as is, so a letter can be printed again: it opens a page without any
    personal data, and can be used once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trajectory = models.ForeignKey(
        "candidates.Trajectory", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    token = models.CharField(_("code of the link"), max_length=40, unique=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    created_on = models.DateField(_("invited on"))
    expires_on = models.DateField(_("valid until"))
    used_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire invitation")
        verbose_name_plural = _("questionnaire invitations")
        constraints = [
            models.UniqueConstraint(
                fields=("trajectory", "moment"), name="one_invitation_per_trajectory_moment"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("created_on")),
                name="invitation_expires_after_creation",
            ),
        ]

    def data_subject_uuid(self):
        return self.trajectory.candidate.uuid


class SurveyResponse(models.Model):
    """One filled-in questionnaire: a score of 1-10, three statements on a scale of 1-5 and a
    free text. No foreign key to the candidate or the invitation: an answer cannot be put next to
    a name."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    answered_on = models.DateField(_("answered on"))
    score = models.PositiveSmallIntegerField(_("score (1-10)"))
    listened = models.PositiveSmallIntegerField(_("I felt listened to"), null=True, blank=True)
    clear = models.PositiveSmallIntegerField(
        _("It was clear what would happen next"), null=True, blank=True
    )
    helped = models.PositiveSmallIntegerField(
        _("The support helped me further"), null=True, blank=True
    )
    comment = models.TextField(_("what could be better"), blank=True)
    from_paper = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        indexes = [models.Index(fields=("municipality", "answered_on"))]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=10), name="score_1_to_10"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"{name}_1_to_5",
                )
                for name in ("listened", "clear", "helped")
            ],
        ]
