"""The destruction job: find what has passed its retention term, skip what is on legal hold,
destroy or anonymise it in one transaction, and keep a report. A dry run only lists."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from werkbedrijf.accounts.models import User
from werkbedrijf.candidates.models import Candidate, Phase, Trajectory
from werkbedrijf.processing_log.models import ProcessedObjects, ProcessingLogEntry
from werkbedrijf.processing_log.services import retention_deletion

from .models import DestructionReport, LegalHold
from .policies import terms, years_before


def expired_candidates(today: date):
    term = terms()["candidate_file"]
    cutoff = years_before(today, term.years)
    active = Trajectory.objects.filter(candidate=OuterRef("pk")).exclude(
        phase__in=[Phase.OUTFLOW, Phase.RETURNED]
    )
    held = LegalHold.objects.filter(candidate=OuterRef("pk"), lifted_on__isnull=True)
    return (
        Candidate.objects.annotate(
            last_closed=Max("trajectories__closed_on"),
            has_active=Exists(active),
            on_hold=Exists(held),
        )
        .filter(has_active=False, on_hold=False)
        .filter(
            Q(last_closed__lt=cutoff) | Q(last_closed__isnull=True, created_at__date__lt=cutoff)
        )
    )


def held_candidates(today: date):
    return Candidate.objects.filter(legal_holds__lifted_on__isnull=True).distinct()


def expired_log_entries(today: date):
    cutoff = years_before(today, terms()["processing_log"].years)
    return ProcessingLogEntry.objects.filter(occurred_at__date__lt=cutoff)


def expired_staff(today: date):
    cutoff = years_before(today, terms()["inactive_staff"].years)
    return (
        User.objects.filter(is_active=False)
        .filter(
            Q(last_login__date__lt=cutoff)
            | Q(last_login__isnull=True, date_joined__date__lt=cutoff)
        )
        .exclude(username__startswith="geanonimiseerd-")
    )


def run_retention(
    *, today: date | None = None, dry_run: bool = True, run_by: str = "system"
) -> DestructionReport:
    today = today or timezone.localdate()
    with transaction.atomic():
        candidates = list(expired_candidates(today).values_list("pk", "uuid"))
        log_entries = list(expired_log_entries(today).values_list("pk", "uuid"))
        staff = list(expired_staff(today).values_list("pk", "uuid"))
        held = [str(u) for u in held_candidates(today).values_list("uuid", flat=True)]
        items = (
            [{"kind": "candidate_file", "uuid": str(u), "action": "destroy"} for _, u in candidates]
            + [
                {"kind": "processing_log", "uuid": str(u), "action": "destroy"}
                for _, u in log_entries
            ]
            + [{"kind": "inactive_staff", "uuid": str(u), "action": "anonymise"} for _, u in staff]
            + [{"kind": "candidate_file", "uuid": u, "action": "kept: legal hold"} for u in held]
        )
        if not dry_run:
            _destroy_candidates([pk for pk, _ in candidates])
            _destroy_log_entries([pk for pk, _ in log_entries])
            _anonymise_staff([pk for pk, _ in staff])
        return DestructionReport.objects.create(
            run_by=run_by,
            dry_run=dry_run,
            reference_date=today,
            terms={
                k: {
                    "years": t.years,
                    "action": t.action,
                    "counted_from": t.counted_from,
                    "source": t.source,
                }
                for k, t in terms().items()
            },
            counts={
                "candidate_file": len(candidates),
                "processing_log": len(log_entries),
                "inactive_staff": len(staff),
                "legal_hold": len(held),
            },
            items=items,
        )


def _destroy_candidates(pks: list[int]) -> None:
    if not pks:
        return
    # Trajectories protect their candidate; everything under a trajectory cascades with it.
    LegalHold.objects.filter(candidate_id__in=pks, lifted_on__isnull=False).delete()
    Trajectory.objects.filter(candidate_id__in=pks).delete()
    Candidate.objects.filter(pk__in=pks).delete()


def _destroy_log_entries(pks: list[int]) -> None:
    """The log is append-only for the application; only this job may remove expired entries,
    inside processing_log's retention_deletion block that the database trigger recognises."""
    if not pks:
        return
    with retention_deletion():
        for start in range(0, len(pks), 1000):
            ProcessedObjects.objects.filter(entry_id__in=pks[start : start + 1000])._raw_delete(
                ProcessedObjects.objects.db
            )
            ProcessingLogEntry.objects.filter(pk__in=pks[start : start + 1000])._raw_delete(
                ProcessingLogEntry.objects.db
            )


def _anonymise_staff(pks: list[int]) -> None:
    for user in User.objects.filter(pk__in=pks):
        user.username = f"geanonimiseerd-{user.uuid.hex[:12]}"
        user.first_name = user.last_name = ""
        user.email = ""
        user.set_unusable_password()
        user.save()
