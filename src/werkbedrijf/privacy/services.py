"""Answering a data subject's access request (AVG art. 15): finding the person within the privacy
officer's remit, and gathering everything held about them with every processing-log entry.

What counts as "everything" is ``KINDS``: each model that holds data under a candidate, with the
path from it to the candidate. Every field of those models is exported except the few in
``NOT_EXPORTED``, each with its reason. A test walks the candidate's relations and fails when a
model under the candidate is added without being in ``KINDS`` or ``NOT_EXPORTED_MODELS``.

The BSN is used to find the person and is then dropped: it is in no log line, no processing-log
detail and no URL. The person travels on by their internal uuid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, cast
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbedrijf.access import policy
from werkbedrijf.accounts.models import User
from werkbedrijf.candidates.models import (
    Activity,
    ActivityQuarter,
    Candidate,
    CandidateMove,
    ContactAssignment,
    DigitalAssessment,
    FurtherDiagnosis,
    Instrument,
    IntakeNote,
    JourneyStep,
    LadderStep,
    Placement,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from werkbedrijf.matching.models import ObtainedCertificate, Proposal, WorkProfile
from werkbedrijf.processing_log.models import Action, ProcessingLogEntry
from werkbedrijf.processing_log.services import ACCESS_REQUEST, entries_about, log_processing
from werkbedrijf.reporting.models import WorkStep
from werkbedrijf.retention.models import LegalHold
from werkbedrijf.satisfaction.models import Invitation
from werkbedrijf.utils.bsn import bsn_digits, is_valid_bsn


@dataclass(frozen=True)
class Kind:
    """One kind of record held about a person: a sheet of the export."""

    key: str
    title: str | Promise  # lazy; at most 31 characters (an Excel sheet name)
    model: type[models.Model]
    subject_path: str  # the lookup from the model to the candidate
    order_by: tuple[str, ...]


KINDS: tuple[Kind, ...] = (
    Kind(
        "trajectories", gettext_lazy("Trajectories"), Trajectory, "candidate", ("referred_on", "id")
    ),
    Kind(
        "steps",
        gettext_lazy("Journey steps"),
        JourneyStep,
        "trajectory__candidate",
        ("occurred_on", "id"),
    ),
    Kind("notes", gettext_lazy("Notes"), IntakeNote, "trajectory__candidate", ("written_on", "id")),
    Kind(
        "diagnoses",
        gettext_lazy("Further diagnoses"),
        FurtherDiagnosis,
        "trajectory__candidate",
        ("start", "id"),
    ),
    Kind(
        "activities", gettext_lazy("Activities"), Activity, "trajectory__candidate", ("start", "id")
    ),
    Kind(
        "placements",
        gettext_lazy("Placements"),
        Placement,
        "trajectory__candidate",
        ("start", "id"),
    ),
    Kind(
        "instruments",
        gettext_lazy("Instruments"),
        Instrument,
        "trajectory__candidate",
        ("start", "id"),
    ),
    Kind(
        "signals",
        gettext_lazy("Sanction signals and decisions"),
        SanctionSignal,
        "trajectory__candidate",
        ("signalled_on", "id"),
    ),
    Kind(
        "ladder",
        gettext_lazy("Participatieladder"),
        LadderStep,
        "trajectory__candidate",
        ("recorded_on", "id"),
    ),
    Kind(
        "certificates",
        gettext_lazy("Certificates obtained"),
        ObtainedCertificate,
        "trajectory__candidate",
        ("obtained_on", "id"),
    ),
    Kind(
        "talks",
        gettext_lazy("Three-way talks"),
        ThreeWayTalk,
        "trajectory__candidate",
        ("planned_on", "id"),
    ),
    Kind(
        "contacts", gettext_lazy("Contact persons"), ContactAssignment, "candidate", ("since", "id")
    ),
    Kind(
        "assessments",
        gettext_lazy("Digital assessments"),
        DigitalAssessment,
        "candidate",
        ("completed_on", "id"),
    ),
    Kind("legal_holds", gettext_lazy("Legal holds"), LegalHold, "candidate", ("placed_on", "id")),
    Kind("moves", gettext_lazy("Moves"), CandidateMove, "candidate", ("moved_on", "id")),
    Kind("work_profile", gettext_lazy("Work profile"), WorkProfile, "candidate", ("id",)),
    Kind(
        "proposals",
        gettext_lazy("Proposals for vacancies"),
        Proposal,
        "candidate",
        ("proposed_on", "id"),
    ),
    # The invitations to the satisfaction questionnaire; the answers are held without the person
    # (satisfaction.models.SurveyResponse), so they are not theirs to be given.
    Kind(
        "survey_invitations",
        gettext_lazy("Questionnaire invitations"),
        Invitation,
        "trajectory__candidate",
        ("created_on", "id"),
    ),
)

# Models under a candidate that are deliberately not exported, with the reason. Empty: everything
# under a candidate is about the person.
NOT_EXPORTED_MODELS: dict[type[models.Model], str] = {
    ActivityQuarter: "counts derived from the person's activities, which are exported themselves",
    WorkStep: "a copy of the person's steps to work, which are exported themselves",
}

# Fields that are in no sheet, and why. Every other field of a kind is exported, so a field added
# to a model later is in the export without anybody remembering it.
NOT_EXPORTED = {
    "id": "database key; the record's uuid is exported instead",
    "lock_version": "a counter against simultaneous edits; says nothing about the person",
}

# Labels for fields that carry no verbose_name of their own (English msgids, translated).
FIELD_LABELS = {
    "uuid": gettext_lazy("Reference (internal)"),
    "synthetic": gettext_lazy("synthetic (test data)"),
    "import_key": gettext_lazy("Key of the file referral"),
    "municipality": gettext_lazy("Municipality"),
    "referred_by": gettext_lazy("Referred by"),
    "trajectory": gettext_lazy("Trajectory"),
    "from_phase": gettext_lazy("From phase"),
    "to_phase": gettext_lazy("To phase"),
    "recorded_by": gettext_lazy("Recorded by"),
    "recorded_at": gettext_lazy("Recorded at"),
    "author": gettext_lazy("Written by"),
    "contact": gettext_lazy("Contact person"),
    "employer": gettext_lazy("Employer"),
    "signalled_by": gettext_lazy("Signalled by"),
    "decided_by": gettext_lazy("Decided by"),
    "income_participant": gettext_lazy("Participant for Inkomen"),
    "werkbedrijf_participant": gettext_lazy("Participant for WerkBedrijf"),
    "placed_by": gettext_lazy("Placed by"),
    "created_at": gettext_lazy("Registered at"),
    "updated_at": gettext_lazy("Last changed at"),
    "candidate": gettext_lazy("Person"),
    "vacancy": gettext_lazy("Vacancy"),
    "proposed_by": gettext_lazy("Proposed by"),
    "placement": gettext_lazy("Placement"),
}

# The processing log: these columns, in this order; the other fields are left out for the reason
# given (the test checks that together they are every field of ProcessingLogEntry).
LOG_COLUMNS = (
    "occurred_at",
    "actor_username",
    "organisation_name",
    "roles",
    "action",
    "record_type",
    "record_uuid",
    "processing_activity",
    "purpose",
    "legal_basis",
    "channel",
    "detail",
)
LOG_NOT_EXPORTED = {
    "id": "database key of the entry",
    "uuid": "internal id of the entry itself",
    "actor": "the account; its user name is exported (actor_username)",
    "organisation_uuid": "internal id of the organisation; its name is exported",
    "data_subject_uuid": "always the person of the export",
    "trace_id": "technical correlation id of a request",
}


def exported_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model`` that go into its sheet, in the model's order."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOT_EXPORTED and not (f.is_relation and f.related_model is Candidate)
    ]


def field_label(field: models.Field) -> str:
    if field.name in FIELD_LABELS:
        return str(FIELD_LABELS[field.name])
    return str(field.verbose_name)


# --- finding the person -----------------------------------------------------------------------------


def not_found_message() -> str:
    """One message for "unknown" and "outside your remit", so a search reveals nothing."""
    return _("Nobody with this BSN is known within your remit.")


def find_subject(officer, bsn: str, *, channel: str = "ui") -> Candidate:
    """The person with ``bsn`` among those whose access request ``officer`` may answer.

    Raises AccessDenied for anybody but a privacy officer, and ValidationError on ``bsn`` when the
    number fails the 11-proef or nobody in the officer's remit has it (one message for both an
    unknown person and another municipality's resident)."""
    policy.require(policy.can_answer_access_request(officer))
    bsn = bsn_digits(bsn)
    if not is_valid_bsn(bsn):
        raise ValidationError(
            {
                "bsn": ValidationError(
                    _("This is not a valid BSN (it fails the 11-proef)."), "invalid"
                )
            }
        )
    subject = (
        policy.access_request_scope(officer, Candidate.objects.select_related("municipality"))
        .filter(bsn=bsn)
        .first()
    )
    if subject is None:
        # Logged without a data subject: the number may be another municipality's resident.
        log_processing(
            actor=officer,
            action=Action.READ,
            record_type="candidates.Candidate",
            purpose=ACCESS_REQUEST,
            channel=channel,
            detail="access-request:not-found",
        )
        raise ValidationError({"bsn": ValidationError(not_found_message(), "not_found")})
    log_processing(
        actor=officer,
        action=Action.READ,
        record_type="candidates.Candidate",
        records=[subject],
        purpose=ACCESS_REQUEST,
        channel=channel,
        detail="access-request:search",
    )
    return subject


def subject_for(officer, uuid) -> Candidate:
    """The person of an access request in progress, again within the officer's remit (a role
    taken away in the meantime ends the request)."""
    policy.require(policy.can_answer_access_request(officer))
    try:
        return policy.access_request_scope(
            officer, Candidate.objects.select_related("municipality")
        ).get(uuid=uuid)
    except (Candidate.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


# --- gathering what is held ---------------------------------------------------------------------------


class HeldRecord(Protocol):
    """What every kind's model has besides its fields: a uuid, its reference in the log."""

    uuid: UUID


@dataclass
class Section:
    kind: Kind
    records: list[models.Model]


@dataclass
class AccessReport:
    """Everything held about one person, as of ``made_at``."""

    subject: Candidate
    officer: User
    made_at: datetime
    sections: list[Section]
    log_entries: list[ProcessingLogEntry]

    def counts(self) -> list[tuple[str, int]]:
        return [(str(s.kind.title), len(s.records)) for s in self.sections]


def _related_paths(model: type[models.Model]) -> list[str]:
    """select_related paths for a kind's foreign keys (and the organisation of staff accounts), so
    a sheet is read in one query."""
    paths = []
    for f in exported_fields(model):
        if f.is_relation:
            paths.append(f.name)
            # Once the apps are loaded, a concrete relation points at a model class.
            assert isinstance(f.related_model, type)
            if issubclass(f.related_model, User):
                paths.append(f"{f.name}__organisation")
            elif f.related_model is Trajectory:
                paths.append(f"{f.name}__municipality")
    return paths


def gather(subject: Candidate) -> list[Section]:
    sections = []
    for kind in KINDS:
        qs = (
            kind.model._default_manager.filter(**{kind.subject_path: subject})
            .select_related(*_related_paths(kind.model))
            .order_by(*kind.order_by)
        )
        sections.append(Section(kind, list(qs)))
    return sections


def log_entries_about(subject: Candidate, sections: list[Section]) -> list[ProcessingLogEntry]:
    """Every processing-log entry about the person: by the data subject, and by any of the person's
    records (an entry about a journey step, say, that did not name the person)."""
    record_uuids = {subject.uuid} | {cast(HeldRecord, r).uuid for s in sections for r in s.records}
    return list(entries_about(subject.uuid, record_uuids).order_by("occurred_at", "id"))


def _report(officer, subject: Candidate) -> AccessReport:
    sections = gather(subject)
    return AccessReport(
        subject=subject,
        officer=officer,
        made_at=timezone.now(),
        sections=sections,
        log_entries=log_entries_about(subject, sections),
    )


def _logged_report(
    officer, subject: Candidate, *, action: str, detail: str, channel: str
) -> AccessReport:
    """The report, once the officer may answer access requests; logged first, so the person sees
    this processing too among the processings."""
    policy.require(policy.can_answer_access_request(officer))
    log_processing(
        actor=officer,
        action=action,
        record_type="candidates.Candidate",
        records=[subject],
        purpose=ACCESS_REQUEST,
        channel=channel,
        detail=detail,
    )
    return _report(officer, subject)


def summarise(officer, subject: Candidate, *, channel: str = "ui") -> AccessReport:
    """What is held about the person, for the screen; the viewing is logged."""
    return _logged_report(
        officer, subject, action=Action.READ, detail="access-request:summary", channel=channel
    )


@transaction.atomic
def export_report(officer, subject: Candidate, *, channel: str = "ui") -> AccessReport:
    """Everything held about the person, for the export. The export is logged first, so the
    person sees this export too among the processings."""
    return _logged_report(
        officer, subject, action=Action.EXPORT, detail="access-request:export", channel=channel
    )
