"""The cycle as work: steps with deadlines and who must act, marking them done, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import ROLE_ORGANISATION_KINDS
from werkbedrijf.organisations.models import Organisation

from ..models import AgreementVersion, CycleStep, MunicipalAgreement, Opinion, StepReminder
from ..policies import deadlines
from .common import invalid


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


@dataclass
class StepInput:
    kind: str
    title: str
    due_on: date | None
    actor_role: str
    actor_organisation: Organisation | None
    depends_on: CycleStep | None = None
    municipal_agreement: MunicipalAgreement | None = None
    opinion: Opinion | None = None
    description: str = ""
    remind_days_before: int | None = None
    source: str = ""


def step_errors(agreement: AgreementVersion, data: StepInput, step: CycleStep | None) -> dict:
    errors: dict[str, list] = {}
    if not (data.title or "").strip():
        errors["title"] = [invalid(_("Give the step a title."), "required")]
    if data.due_on is None:
        errors["due_on"] = [invalid(_("Give the step's deadline."), "required")]
    organisation = data.actor_organisation
    allowed_kinds = next(
        (kinds for role, kinds in ROLE_ORGANISATION_KINDS.items() if role == data.actor_role), set()
    )
    if organisation is None:
        errors["actor_organisation"] = [invalid(_("Say which organisation must act."), "required")]
    elif organisation.kind not in allowed_kinds:  # not an access rule
        errors["actor_role"] = [
            invalid(
                _("Nobody at %(organisation)s can hold this role.")
                % {"organisation": organisation.name},
                "role_not_at_organisation",
            )
        ]
    if data.remind_days_before is not None and data.remind_days_before > 366:
        errors["remind_days_before"] = [
            invalid(_("A reminder can be sent at most a year ahead."), "too_early")
        ]
    if (
        data.municipal_agreement is not None
        and data.municipal_agreement.agreement_id != agreement.pk
    ):
        errors["municipal_agreement"] = [
            invalid(_("This municipality's agreement belongs to another DVO."), "other_agreement")
        ]
    if data.opinion is not None and data.opinion.municipal_agreement.agreement_id != agreement.pk:
        errors["opinion"] = [invalid(_("This opinion belongs to another DVO."), "other_agreement")]
    errors.update(_order_errors(agreement, data, step))
    return errors


def _order_errors(agreement: AgreementVersion, data: StepInput, step: CycleStep | None) -> dict:
    """A deadline before the step it follows, or after a step that follows it, is refused."""
    errors: dict[str, list] = {}
    before = data.depends_on
    if before is not None:
        if before.agreement_id != agreement.pk:
            errors["depends_on"] = [
                invalid(_("A step can only follow a step of the same DVO."), "other_agreement")
            ]
        elif step is not None and _follows(before, step):
            errors["depends_on"] = [
                invalid(_("A step cannot follow a step that follows it."), "circular")
            ]
        elif data.due_on is not None and deadlines.deadline_before_dependency(
            data.due_on, before.due_on
        ):
            errors.setdefault("due_on", []).append(
                invalid(
                    _(
                        "The deadline %(due)s lies before the deadline of the step it follows, "
                        "'%(step)s' (%(before)s)."
                    )
                    % {
                        "due": _day(data.due_on),
                        "step": before.title,
                        "before": _day(before.due_on),
                    },
                    "deadline_before_dependency",
                )
            )
    if step is not None and data.due_on is not None:
        for after in step.dependents.all():
            if deadlines.deadline_before_dependency(after.due_on, data.due_on):
                errors.setdefault("due_on", []).append(
                    invalid(
                        _(
                            "The deadline %(due)s lies after the deadline of '%(step)s' "
                            "(%(after)s), which follows this step."
                        )
                        % {
                            "due": _day(data.due_on),
                            "step": after.title,
                            "after": _day(after.due_on),
                        },
                        "deadline_after_dependent",
                    )
                )
    return errors


def _follows(candidate: CycleStep, step: CycleStep) -> bool:
    """Whether ``candidate`` is ``step`` or comes after it in the chain of dependencies."""
    seen = set()
    current: CycleStep | None = candidate
    while current is not None and current.pk not in seen:
        if current.pk == step.pk:
            return True
        seen.add(current.pk)
        current = current.depends_on
    return False


def apply_step(step: CycleStep, data: StepInput) -> None:
    # Both are required: a missing one is an error before this.
    assert data.due_on is not None and data.actor_organisation is not None
    step.kind = data.kind
    step.title = data.title.strip()
    step.due_on = data.due_on
    step.actor_role = data.actor_role
    step.actor_organisation = data.actor_organisation
    step.depends_on = data.depends_on
    step.municipal_agreement = data.municipal_agreement
    step.opinion = data.opinion
    step.description = (data.description or "").strip()
    step.remind_days_before = data.remind_days_before
    step.source = data.source or ""


@transaction.atomic
def add_step(*, actor, agreement: AgreementVersion, data: StepInput) -> CycleStep:
    """Plan a step of the cycle with its deadline and who must act."""
    if not policy.can_manage_cycle(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    errors = step_errors(agreement, data, None)
    if errors:
        raise ValidationError(errors, code="invalid_step")
    step = CycleStep(agreement=agreement)
    apply_step(step, data)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def update_step(*, actor, step: CycleStep, data: StepInput) -> CycleStep:
    """Move a deadline or change who must act; the order of the steps must still hold."""
    if not policy.can_manage_cycle(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=step.agreement_id)
    step = CycleStep.objects.select_for_update().get(pk=step.pk)
    errors = step_errors(agreement, data, step)
    if errors:
        raise ValidationError(errors, code="invalid_step")
    apply_step(step, data)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def complete_step(*, actor, step: CycleStep, done_on: date | None, note: str = "") -> CycleStep:
    """Mark a step as done on a day, with how it was done."""
    step = CycleStep.objects.select_for_update().select_related("agreement").get(pk=step.pk)
    if not policy.can_complete_step(actor, step):
        raise AccessDenied
    errors: dict[str, list] = {}
    if done_on is None:
        errors["done_on"] = [invalid(_("Give the date the step was done."), "required")]
    elif (before := step.depends_on) is not None and before.done_on and done_on < before.done_on:
        errors["done_on"] = [
            invalid(
                _("'%(step)s', which this step follows, was done only on %(date)s.")
                % {"step": before.title, "date": _day(before.done_on)},
                "done_before_dependency",
            )
        ]
    if errors:
        raise ValidationError(errors, code="invalid_completion")
    step.done_on = done_on
    step.done_note = (note or "").strip()
    step.save(update_fields=["done_on", "done_note"])
    return step


def reminder_days(step: CycleStep) -> int:
    if step.remind_days_before is not None:
        return step.remind_days_before
    return int(settings.DVO_REMINDER_DAYS)


def send_due_reminders(today: date) -> int:
    """E-mail whoever must act on a step that is due within its reminder window, once per step
    and recipient (StepReminder's unique constraint holds that also when two runs overlap).
    Returns the number of e-mails sent. Run daily by the task queue."""
    sent = 0
    open_steps = CycleStep.objects.filter(done_on__isnull=True).select_related(
        "agreement", "actor_organisation", "municipal_agreement__municipality"
    )
    for step in open_steps:
        if not deadlines.reminder_due(step.due_on, step.done_on, today, reminder_days(step)):
            continue
        already = set(step.reminders.values_list("recipient_id", flat=True))
        for user in policy.users_to_act(step).exclude(email="").exclude(pk__in=already):
            if _remind(step, user, today):
                sent += 1
    return sent


def _remind(step: CycleStep, user, today: date) -> bool:
    """Record the reminder and send it in one transaction: a failed send records nothing, so the
    next run tries again; a reminder another run recorded first is not sent twice."""
    try:
        with transaction.atomic():
            StepReminder.objects.create(
                step=step, recipient=user, email=user.email, due_on=step.due_on, sent_on=today
            )
            overdue = step.due_on < today
            subject = (
                _("Overdue: %(step)s (%(agreement)s)")
                if overdue
                else _("Deadline %(date)s: %(step)s (%(agreement)s)")
            ) % {
                "step": step.title,
                "agreement": step.agreement.title,
                "date": _day(step.due_on),
            }
            body = _(
                "Dear %(name)s,\n\nThe step '%(step)s' of %(agreement)s is due on %(date)s and "
                "is not marked as done yet. You receive this message as %(role)s of "
                "%(organisation)s.\n\n%(description)s\n\nThe work list of deadlines is under "
                "'Termijnen' in the application.\n"
            ) % {
                "name": user.display_name,
                "step": step.title,
                "agreement": step.agreement.title,
                "date": _day(step.due_on),
                "role": step.get_actor_role_display(),
                "organisation": step.actor_organisation.name,
                "description": step.description,
            }
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except IntegrityError:
        return False
    return True
