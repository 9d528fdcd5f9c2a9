"""The cycle of an agreement: draft, opinions requested, adopted; and the deviations
accepted before adoption."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError

from .. import policies, selectors
from ..models import (
    AgreementStatus,
    AgreementVersion,
    DeviationAcceptance,
    MunicipalAgreement,
    StatusChange,
)
from .common import check_year, invalid, lock_municipal_agreement
from .versions import overlap_errors


@transaction.atomic
def transition_agreement(
    *,
    actor,
    agreement: AgreementVersion,
    target: str,
    reason: str = "",
    decided_on: date | None = None,
    opinion_deadline: date | None = None,
) -> AgreementVersion:
    """Move the cycle on: draft → opinions requested → adopted (or back to draft)."""
    if not policy.can_manage_cycle(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    if not policies.can_transition(agreement.status, target):
        raise ValidationError(
            {
                "status": invalid(
                    _("An agreement cannot go from '%(from)s' to '%(to)s'.")
                    % {
                        "from": AgreementStatus(agreement.status).label,
                        "to": dict(AgreementStatus.choices).get(target, target),
                    },
                    "transition_not_allowed",
                )
            },
            code="transition_not_allowed",
        )
    if target == AgreementStatus.OPINIONS_REQUESTED:
        deadline = opinion_deadline or agreement.opinion_deadline
        if deadline is None:
            raise ValidationError(
                {
                    "opinion_deadline": invalid(
                        _("Set a deadline for the opinions."), "deadline_required"
                    )
                },
                code="deadline_required",
            )
        agreement.opinion_deadline = deadline
    if target == AgreementStatus.ADOPTED:
        if decided_on is None:
            raise ValidationError(
                {
                    "decided_on": invalid(
                        _("Give the date of the board's decision."), "date_required"
                    )
                },
                code="date_required",
            )
        open_findings = unaccepted_findings(agreement)
        if open_findings:
            raise ValidationError(
                {
                    "status": [
                        invalid(
                            _(
                                "%(municipality)s %(year)s: %(message)s Accept it with a reason "
                                "before adopting."
                            )
                            % {
                                "municipality": ma.municipality.name,
                                "year": year,
                                "message": f.message,
                            },
                            "deviation_not_accepted",
                        )
                        for ma, year, f in open_findings
                    ]
                },
                code="deviations_not_accepted",
            )
        overlaps = overlap_errors(
            agreement.period_start,
            agreement.period_end,
            set(agreement.municipal_agreements.values_list("municipality_id", flat=True)),
            exclude_pk=agreement.pk,
        )
        if overlaps:
            raise ValidationError({"status": overlaps}, code="period_overlaps_adopted")
        agreement.adopted_on = decided_on
    StatusChange.objects.create(
        agreement=agreement,
        from_status=agreement.status,
        to_status=target,
        decided_on=decided_on,
        reason=reason or "",
        changed_by=actor,
    )
    agreement.status = target
    agreement.lock_version += 1
    agreement.save()
    return agreement


def unaccepted_findings(agreement: AgreementVersion):
    """Every finding, across all municipalities and years, that still needs an acceptance."""
    found: list[tuple[MunicipalAgreement, int, policies.Finding]] = []
    for ma in agreement.municipal_agreements.select_related("municipality", "agreement"):
        for year in agreement.years:
            report = selectors.check_municipal_year(ma, year)
            errors = report.check.errors
            found.extend((ma, year, f) for f in errors)
            found.extend((ma, year, f) for f in report.unaccepted)
    return found


@transaction.atomic
def accept_deviation(
    *,
    actor,
    municipal_agreement: MunicipalAgreement,
    year,
    finding_key: str,
    reason: str,
    replace: bool = True,
) -> DeviationAcceptance:
    """Accept one finding with a reason. With ``replace=False`` (the screen, which offers the
    form only for a finding not accepted yet) an acceptance recorded by someone else in the
    meantime is a ConflictError rather than silently given this reason instead."""
    if not policy.can_accept_deviations(actor):
        raise AccessDenied
    municipal_agreement = lock_municipal_agreement(municipal_agreement.pk)
    year = check_year(municipal_agreement.agreement, year)
    if not (reason or "").strip():
        raise ValidationError(
            {
                "reason": invalid(
                    _("Give the reason for accepting this deviation."), "reason_required"
                )
            },
            code="reason_required",
        )
    report = selectors.check_municipal_year(municipal_agreement, year)
    keys = {f.key for f in report.check.needing_acceptance()}
    if finding_key not in keys:
        raise ValidationError(
            {
                "finding_key": invalid(
                    _("There is no such deviation (any more) in the check."), "unknown_finding"
                )
            },
            code="unknown_finding",
        )
    if (
        not replace
        and DeviationAcceptance.objects.filter(
            municipal_agreement=municipal_agreement, year=year, finding_key=finding_key
        ).exists()
    ):
        raise ConflictError
    acceptance, _created = DeviationAcceptance.objects.update_or_create(
        municipal_agreement=municipal_agreement,
        year=year,
        finding_key=finding_key,
        defaults={"reason": reason.strip(), "accepted_by": actor},
    )
    return acceptance
