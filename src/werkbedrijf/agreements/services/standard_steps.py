"""The standard steps of a new DVO version's cycle (policies.standard_steps), planned as ordinary
steps that the DVO administrator changes afterwards like any other."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.organisations.models import Organisation, OrganisationKind

from ..models import AgreementVersion, CycleStep
from ..policies import standard_steps as rules
from .common import invalid
from .deadlines import StepInput, apply_step, step_errors


def _title(step: rules.StandardStep, agreement: AgreementVersion, name: str) -> str:
    values = {"agreement": agreement.title, "municipality": name, "year": step.second_year}
    titles = {
        "draft_sent": _("Draft of %(agreement)s to the colleges"),
        "councils_asked": _("%(municipality)s asks the council and the client council"),
        "opinions_due": _("%(municipality)s: opinion and local choices to the executive board"),
        "board_adopts": _("The executive board of the MGR adopts %(agreement)s"),
        "municipality_signs": _("%(municipality)s signs %(agreement)s"),
        "revision": _("Revision of the local choices %(year)s of %(municipality)s"),
    }
    return titles[step.kind] % values


def _region_actor(agreement: AgreementVersion, kind: str) -> Organisation:
    found = Organisation.objects.filter(region=agreement.region, kind=kind).order_by("pk").first()
    if found is None:
        raise ValidationError(
            {
                "agreement": invalid(
                    _("The region has no %(organisation)s to act on the standard steps.")
                    % {"organisation": OrganisationKind(kind).label},
                    "actor_missing",
                )
            },
            code="actor_missing",
        )
    return found


def plan_standard_steps_unchecked(agreement: AgreementVersion) -> list[CycleStep]:
    """Plan the standard steps; the caller holds the lock on the agreement and has checked
    access (create_version, or plan_standard_steps)."""
    if agreement.steps.exists():
        raise ValidationError(
            {
                "agreement": invalid(
                    _(
                        "%(agreement)s already has steps in its cycle: plan or change steps one "
                        "by one."
                    )
                    % {"agreement": agreement.title},
                    "steps_exist",
                )
            },
            code="steps_exist",
        )
    municipal = {
        str(ma.municipality.uuid): ma
        for ma in agreement.municipal_agreements.select_related("municipality").order_by(
            "municipality__name"
        )
    }
    actors = {
        rules.WERKBEDRIJF: _region_actor(agreement, OrganisationKind.WERKBEDRIJF),
        rules.MGR: _region_actor(agreement, OrganisationKind.MGR),
        **{key: ma.municipality for key, ma in municipal.items()},
    }
    planned: dict[str, CycleStep] = {}
    for standard in rules.standard_steps(
        agreement.period_start, agreement.period_end, list(municipal)
    ):
        ma = municipal.get(standard.party) if standard.party else None
        data = StepInput(
            kind=standard.kind,
            title=_title(standard, agreement, ma.municipality.name if ma else ""),
            due_on=standard.due_on,
            actor_role=standard.actor_role,
            actor_organisation=actors[standard.actor],
            depends_on=planned.get(standard.after) if standard.after else None,
            municipal_agreement=ma,
            source=_("Standard steps of the cycle"),
        )
        errors = step_errors(agreement, data, None)
        if errors:  # the policy orders its deadlines; a failure here is a bug, not bad input
            raise ValidationError(errors, code="invalid_step")
        step = CycleStep(agreement=agreement)
        apply_step(step, data)
        step.full_clean()
        step.save()
        planned[standard.key] = step
    return list(planned.values())


@transaction.atomic
def plan_standard_steps(*, actor, agreement: AgreementVersion) -> list[CycleStep]:
    """Plan the standard steps of the cycle for a version that has no steps yet, with deadlines
    derived from its period; all or nothing."""
    if not policy.can_manage_cycle(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    return plan_standard_steps_unchecked(agreement)
