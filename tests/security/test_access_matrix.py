"""The application against its declared access matrix (werkbedrijf.access.matrix), and the
processing log complete (issue 4).

* Every URL name of the URL configuration (the admin's included) and every operation of the OpenAPI
  document is declared in the matrix, and everything the matrix declares exists.
* Every role, at every kind of organisation it may belong to, requests every endpoint with every
  declared method, about Nijmegen's record ("own": the municipal users work at Nijmegen) and
  Wijchen's ("other"), draft and adopted where the record belongs to an agreement. Allowed where the
  matrix allows; refused (403/404; in the admin its "does not exist" or its login) everywhere else,
  and a refused change changes nothing. No answer, allowed or refused, holds a person or a draft
  the user may not see (names, BSN, uuid).
* Anonymous requests are sent to the login (screens, admin) or answered 401 (API).
* Every allowed use of an endpoint that returns or changes personal data writes a processing-log
  entry with purpose and legal basis, with the action declared (read, create/update, export).
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from werkbedrijf.access import matrix
from werkbedrijf.access.matrix import ENDPOINTS, RECORDS, Record
from werkbedrijf.accounts.models import ROLE_ORGANISATION_KINDS, Role
from werkbedrijf.candidates.imports import COLUMNS
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

from .world import DOCUMENTS, OWN, YEAR, variants_of

ACTORS = [f"{role.value}@{kind}" for role in Role for kind in sorted(ROLE_ORGANISATION_KINDS[role])]
OPERATIONS = {op.operation_id: op for op in matrix.api_operations()}
PERSON_RECORDS = {
    Record.CANDIDATE,
    Record.TRAJECTORY,
    Record.ACTIVITY,
    Record.SANCTION_SIGNAL,
    Record.THREE_WAY_TALK,
    Record.ACCESS_REQUEST,
    Record.CANDIDATE_MOVE,
    Record.PROPOSAL,
}
# Written on every request, or by what a refusal may still do (a search attempt is logged).
UNGUARDED_TABLES = {
    "django_session",
    "accounts_apitoken",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattemptexpiration",
    "processing_log_processinglogentry",
    "processing_log_processedobjects",  # the persons a logged read showed (with its entry)
}
NEW_BSN = nth_test_bsn(700)  # nobody has it: referrals
UPLOAD_BSN = nth_test_bsn(701)


# --- the cases --------------------------------------------------------------------------------


def _role_kind(label: str) -> tuple[Role, str]:
    role, kind = label.split("@")
    return Role(role), kind


def _uses_target(endpoint, method) -> bool:
    """A GET of a form whose target is chosen in the form (or the body) is about nothing yet."""
    if endpoint.target is None:
        return False
    return not (method == "GET" and endpoint.target_in in ("form", "body"))


def _variants(endpoint, method) -> tuple[str, ...]:
    if not _uses_target(endpoint, method):
        return ("-",)
    kind = RECORDS[endpoint.target]
    return variants_of(endpoint.target, kind.bound, kind.staged)


def _case_relation(actor_kind: str, endpoint, variant: str) -> str:
    """The relation of the record to the user: "own" is Nijmegen's record, where the municipal
    users work; a staff account is "own" when it is the user's colleague; a Nijmegen candidate's
    record is WerkBedrijf's users' "team" caseload (the world puts them in its contact person's
    team); a background job is "own" when the user started it."""
    kind = RECORDS[endpoint.target]
    if not kind.bound:
        return matrix.UNBOUND
    if not variant.startswith(OWN):
        return matrix.OTHER_RECORD
    if endpoint.target in (Record.STAFF_ACCOUNT, Record.JOB) or actor_kind == "municipality":
        return matrix.OWN_RECORD
    if actor_kind == "werkbedrijf" and kind.caseload:
        return matrix.TEAM_RECORD
    return matrix.OTHER_RECORD


def _case_stage(variant: str) -> str:
    for doc, (_kind, stage) in DOCUMENTS.items():
        if variant.endswith(doc):
            return stage
    for stage in (matrix.DRAFT_STAGE, matrix.ADOPTED_STAGE):
        if variant.endswith(stage):
            return stage
    return matrix.NO_STAGE


def expected(actor_label: str, key: str, method: str, variant: str) -> bool:
    """Whether the matrix allows this request."""
    role, kind = _role_kind(actor_label)
    endpoint = ENDPOINTS[key]
    grant = endpoint.methods[method].grant_for(role, kind)
    if grant is None:
        return False
    if not _uses_target(endpoint, method):
        return True
    return grant.covers(_case_relation(kind, endpoint, variant), _case_stage(variant))


def _cases():
    for actor in ACTORS:
        for key, endpoint in ENDPOINTS.items():
            for method in endpoint.methods:
                for variant in _variants(endpoint, method):
                    verdict = "allowed" if expected(actor, key, method, variant) else "refused"
                    yield pytest.param(
                        actor,
                        key,
                        method,
                        variant,
                        id=f"{actor}|{key}|{method}|{variant}|{verdict}",
                    )


CASES = list(_cases())


def _relation(actor, target) -> str:
    if target is None or target.organisation is None:
        return matrix.UNBOUND
    if actor.organisation.pk in {o.pk for o in (target.organisation, *target.parties)}:
        return matrix.OWN_RECORD
    if target.team is not None and actor.user.team_id == target.team.pk:
        return matrix.TEAM_RECORD
    return matrix.OTHER_RECORD


def _grant(rule, actor):
    return rule.grant_for(actor.role, actor.kind)


def _target(world, endpoint, method, variant, actor):
    if not _uses_target(endpoint, method):
        return None
    return world.target(endpoint.target, variant, actor, endpoint.key)


# --- building a request -----------------------------------------------------------------------

TOKEN = "matrixtoken"


def _url_kwargs(key, target, world) -> dict:
    if key == "agreements:export":
        return {"uuid": target.obj.agreement.uuid, "fmt": "xlsx"}
    if key == "agreements:deadlines_export":
        return {"fmt": "xlsx"}
    if key == "agreements:agreement_document":
        return {"uuid": target.uuid, "fmt": "docx"}
    if key in (
        "agreements:compose",
        "agreements:compose_meter",
        "agreements:midterm_change",
        "agreements:accept_deviation",
    ):
        return {"uuid": target.uuid, "year": YEAR}
    if key == "agreements:document":
        return {"kind": target.extra["kind"], "uuid": target.uuid}
    if key == "satisfaction:answer":
        return {"token": "matrix-unknown-token"}
    if key in ("candidates:caseload_export", "candidates:moves_export"):
        return {"fmt": "csv"}
    if key in ("reporting:indicator", "reporting:persons"):
        return {"code": "inflow"}
    if key == "reporting:download":
        return {"uuid": target.uuid, "fmt": "pdf"}
    if key == "candidates:take_step":
        return {"uuid": target.uuid, "target": "further_diagnosis"}
    if key == "candidates:candidate_form":
        return {"uuid": target.uuid, "slug": "contact"}
    if key in ("privacy:access_request_result", "privacy:access_request_export"):
        return {"token": TOKEN}
    if key == "admin:app_list":
        return {"app_label": target.extra["app_label"]}
    if key == "admin:view_on_site":
        content_type, pk = world.view_on_site
        return {"content_type_id": content_type, "object_id": pk}
    if key == "admin:auth_user_password_change":
        return {"id": target.obj.pk}
    if key.startswith("admin:") and key.endswith(("_config", "_qrcode")):
        return {"pk": target.obj.pk}
    if (
        target is not None
        and key.startswith("admin:")
        and key.endswith(("_change", "_delete", "_history"))
    ):
        return {"object_id": target.obj.pk}
    if target is not None and ENDPOINTS[key].target_in == "path":
        return {"uuid": target.uuid}
    return {}


def _query(key, target, world, hostile: bool) -> dict:
    if key in (
        "candidates:realisation",
        "getRealisation",
        "employers:reach",
        "getEmployerReach",
        "reporting:dashboard",
        "agreements:delivery",
        "getQuarterlyRealisation",
        "listDeliveries",
        "reporting:persons",
    ):
        return {"municipality": target.uuid, "year": YEAR}
    if key == "agreements:record_delivery":
        return {"municipality": target.uuid, "year": YEAR, "kind": "notes"}
    if key == "reporting:indicator":
        return {"municipality": target.uuid, "year": YEAR, "by": "quarter"}
    if key == "getIndicatorValues":
        return {"municipality": target.uuid, "periodStart": f"{YEAR}-01-01"}
    if key == "agreements:export":
        return {"gemeente": target.uuid}
    if key in ("reporting:srg", "reporting:srg_download", "getSrgDelivery"):
        # A month long before the world's journeys began: its file is empty, so valid.
        return {"month": f"{YEAR - 3}-01"}
    if key == "getBudgetCheck":
        return {"year": YEAR}
    if key == "getReportsSideBySide":
        return {"kind": "annual", "year": YEAR}
    if key in ("candidates:caseload", "candidates:caseload_export"):
        # All candidates, not a consultant's own: the most a list may show.
        extra = {"municipality": world.wijchen.uuid, "closed": "on"} if hostile else {}
        return {"whose": "all", **extra}
    if not hostile:
        return {}
    # Lists asked outright for the other municipality's records still show only what the user
    # may see.
    if key in ("listCandidates", "listReturns", "listMunicipalAgreements"):
        return {"municipality": world.wijchen.uuid, "activeOnly": "false"}
    return {}


def _upload_file() -> SimpleUploadedFile:
    header = ";".join(c.header for c in COLUMNS)
    values = {"bsn": UPLOAD_BSN, "voornaam": "Upload", "achternaam": "Persoon"}
    values["geboortedatum"] = "01-05-1990"
    row = ";".join(values.get(c.header, "") for c in COLUMNS)
    return SimpleUploadedFile("verwijzingen.csv", f"{header}\r\n{row}\r\n".encode())


def _document(name="document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 matrix", content_type="application/pdf")


def _form(key, method, target, actor, world) -> dict | None:
    """POST data of a screen that, where the user is allowed, succeeds."""
    today = world.today.isoformat()
    later = (world.today + timedelta(days=20)).isoformat()
    if key == "costs:hours":
        from werkbedrijf.costs.models import CostTask, StaffFunction

        return {
            "person": actor.user.pk,
            "week": today,
            "task": CostTask.objects.get(code="arbeidsbemiddeling").pk,
            "function": StaffFunction.objects.get(code="consulent").pk,
            "hours": "8",
        }
    if key == "agreements:record_delivery" and method == "POST":
        from werkbedrijf.agreements.models import LocalChoice

        choice = LocalChoice.objects.get(
            municipal_agreement__municipality=target.obj,
            municipal_agreement__agreement__status="adopted",
            custom_name__startswith="Geheimkeuze",
            valid_until__isnull=True,
        )
        return {
            "choice": f"c:{choice.uuid}",
            "kind": "milestone",
            "status": "delivered",
            "date": f"{YEAR}-09-30",
            "text": "Matrix levering",
        }
    if key == "agreements:agreement_transition":
        return {"target": "opinions_requested", "opinion_deadline": later, "reason": "Matrix"}
    if key == "agreements:record_opinion":
        return {"kind": "council_wishes", "text": "Wensen", "received_on": today}
    if key == "agreements:record_signature":
        return {"signed_on": today, "signed_by": "Wethouder"}
    if key in ("agreements:compose", "agreements:compose_meter", "agreements:midterm_change"):
        data = {
            "card-TOTAL_FORMS": "1",
            "card-INITIAL_FORMS": "0",
            "extra-TOTAL_FORMS": "0",
            "extra-INITIAL_FORMS": "0",
            "action": "save",
            "card-0-service": target.extra["service"],
            "card-0-quantity": "10",
            "card-0-agreed_amount": "",
        }
        if key == "agreements:midterm_change":
            data.update(
                effective_from=f"{YEAR}-09-01",
                reason="Matrix",
                municipality_consent_on=f"{YEAR}-08-01",
                municipality_consent_document=_document(),
                board_consent_on=f"{YEAR}-08-15",
                board_consent_document=_document(),
            )
        return data
    if key == "agreements:accept_deviation":
        return {"finding_key": target.extra["finding_key"], "reason": "Matrix"}
    if key == "agreements:new_agreement" and method == "POST":
        return {
            "title": f"DVO matrix {uuid.uuid4()}",
            "period_start": "2040-01-01",
            "period_end": "2041-12-31",
            "municipalities": [str(world.nijmegen.uuid)],
            "copy_from": "",
        }
    if key == "agreements:edit_catalogue" and method == "POST":
        data = {"card-TOTAL_FORMS": "0", "card-INITIAL_FORMS": "0"}
        for i, service in enumerate(target.obj.catalogue.services.all()):
            data.update(
                {
                    "card-TOTAL_FORMS": str(i + 1),
                    f"card-{i}-service": str(service.uuid),
                    f"card-{i}-price": "31000",
                    f"card-{i}-unit_kind": service.unit_kind,
                    f"card-{i}-unit_label": service.unit_label,
                    f"card-{i}-quantity_label": service.quantity_label,
                }
            )
        return data
    if key == "agreements:copy_catalogue":
        return {"copy_from": str(world.targets[("agreement", "adopted")].uuid)}
    if key == "agreements:edit_budgets" and method == "POST":
        ma = target.obj.municipal_agreements.first()
        return {
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-municipal_agreement": str(ma.uuid),
            "budget-0-year": str(YEAR),
            "budget-0-amount": "120000",
        }
    if key == "agreements:answer_opinion":
        return {"answer": "Antwoord", "answered_on": today, "action_taken": "Matrix"}
    if key == "agreements:document_template":
        return {"text": "# {{ citeertitel }}\n{{ lokale_afspraken }}\n"}
    if key in ("agreements:record_withdrawal", "agreements:record_amendment"):
        return {
            "municipality": str(world.nijmegen.uuid),
            "effective_on": today,
            "description": "Matrix",
            "decided_on": today,
            "decision_document": _document(),
        }
    if key == "agreements:plan_step":
        return {
            "agreement": str(world.targets[(Record.CYCLE_STEP, "own")].obj.agreement.uuid),
            "kind": "other",
            "title": "Matrix",
            "due_on": later,
            "actor_role": "policy_adviser",
            "actor_organisation": str(world.nijmegen.uuid),
        }
    if key == "agreements:complete_step":
        return {"done_on": today, "note": "Matrix"}
    if key == "candidates:bsn_search":
        return {"bsn": target.obj.bsn}
    if key == "candidates:refer":
        return {
            "municipality": target.uuid,
            "bsn": NEW_BSN,
            "first_name": "Nieuwe",
            "last_name": "Verwijzing",
            "date_of_birth": "1990-05-01",
            "note": "Matrix",
        }
    if key == "candidates:upload":
        return {"municipality": target.uuid, "file": _upload_file()}
    if key == "candidates:decide_signal":
        prefix = f"signal-{target.uuid}"
        return {
            f"{prefix}-decision": "followed",
            f"{prefix}-reasons": "Matrix",
            f"{prefix}-decided_on": today,
        }
    if key == "candidates:talk_outcome":
        prefix = f"talk-{target.uuid}"
        return {f"{prefix}-held_on": today, f"{prefix}-outcome": "Afspraken"}
    if key == "employers:list":
        return {
            "name": "Matrix Groen",
            "kvk_number": "55667788",
            "sector_group": "grey_green",
            "contact_name": "Piet Contact",
        }
    if key == "employers:edit_profile":
        return {"size_class": "small", "account_manager": ""}
    if key == "employers:add_location":
        return {
            "street": "Markt",
            "house_number": "1",
            "postcode": "6511 PP",
            "city": "Nijmegen",
            "municipality": world.nijmegen.pk,
        }
    if key == "employers:record_contact":
        return {
            "kind": "call",
            "contact_on": today,
            "municipality": world.nijmegen.pk,
            "contact_person": "Piet Gesprek",
            "subject": "Matrix",
        }
    if key == "employers:record_wish":
        return {"kind": "job_carving", "description": "Matrix", "places": "1"}
    if key == "employers:wish_status":
        return {"status": "in_progress"}
    if key == "employers:events":
        return {
            "kind": "speed_date",
            "title": "Matrix speeddates",
            "held_on": later,
            "place": "Matrix",
            "municipality": world.nijmegen.pk,
            "status": "planned",
        }
    if key == "employers:event":
        return {"status": "cancelled", "kvk_number": ""}
    if key == "candidates:activity_status":
        return {f"activity-{target.uuid}-status": "in_progress"}
    if key in ("candidates:caseload_export", "candidates:moves_export"):
        return {"fmt": "csv"}
    if key in ("reporting:indicator", "reporting:persons"):
        return {"code": "inflow"}
    if key == "reporting:download":
        return {"uuid": target.uuid, "fmt": "pdf"}
    if key == "matching:vacancies":
        return {
            "employer": str(world.employer.uuid),
            "title": "Matrix vacature",
            "occupation": "orderpicker",
            "sector_group": "production_logistics",
            "postcode": "6511 AB",
            "hours_per_week": "20",
            "start_date": later,
            "employment_forms": ["regular"],
            "places": "1",
        }
    if key == "matching:propose":
        return {"candidate": str(world.matchable.uuid), "reason": "Matrix"}
    if key == "matching:decide":
        target.obj.refresh_from_db()
        prefix = f"p-{target.uuid}"
        return {
            f"{prefix}-step": "view",
            f"{prefix}-version": target.obj.lock_version,
            f"{prefix}-view": "Matrix",
            f"{prefix}-agrees": "yes",
        }
    if key == "matching:work_profile":
        return {
            "hours_per_week": "24",
            "max_travel_km": "10",
            "comp-TOTAL_FORMS": "0",
            "comp-INITIAL_FORMS": "0",
        }
    if key == "candidates:take_step":
        target.obj.refresh_from_db()
        return {
            "step-further_diagnosis-version": target.obj.lock_version,
            "step-further_diagnosis-occurred_on": today,
            "step-further_diagnosis-reason": "Matrix",
        }
    if key == "candidates:start_diagnosis":
        return {"diagnosis-kind": "employee_skills", "diagnosis-start": today}
    if key == "candidates:add_note":
        return {"note-theme": "resources", "note-text": "Matrix", "note-written_on": today}
    if key == "matching:record_certificate":
        return {"certificate-certificate": "bhv", "certificate-obtained_on": today}
    if key == "candidates:record_ladder_step":
        return {"ladder-moment": "intake", "ladder-step": "3", "ladder-recorded_on": today}
    if key == "candidates:add_activity":
        return {"activity-kind": "workshop", "activity-start": today, "activity-units": "1"}
    if key == "candidates:add_placement":
        return {
            "placement-employer": str(world.employer.uuid),
            "placement-form": "work_experience",
            "placement-start": today,
            "placement-planned_end": later,
            "placement-hours_per_week": "24",
        }
    if key == "candidates:add_instrument":
        return {"instrument-kind": "training", "instrument-start": today, "instrument-amount": "50"}
    if key == "candidates:signal_sanction":
        return {"signal-facts": "Matrix", "signal-advice": "Matrix", "signal-signalled_on": today}
    if key == "candidates:plan_talk":
        return {"talk-planned_on": later}
    if key == "candidates:assign_contact":
        return {"contact-contact": str(actor.user.uuid), "contact-note": "Matrix"}
    if key == "candidates:record_assessment":
        return {"assessment-language": "Arabisch", "assessment-completed_on": today}
    if key in ("privacy:access_request", "candidates:chain_partner_lookup"):
        return {"bsn": target.obj.bsn}
    if key == "candidates:move_candidate" and method == "POST":
        return {
            "move-to_municipality": str(world.berg_en_dal.uuid),
            "move-moved_on": today,
            "move-reason": "Matrix",
        }
    if key == "reporting:reports":
        return {"kind": "annual", "municipality": "regio", "year": str(YEAR)}
    if key == "reporting:report":
        return {"inflow": "Matrix"}
    if key == "reporting:norms":
        return {
            "indicator": "inflow",
            "municipality": "regio",
            "year": str(YEAR),
            "value": "100",
            "source": "Matrix",
        }
    if key == "accounts:login":
        return {"username": "nobody", "password": "wrong"}
    if key == "accounts:sso_start":
        return {"email": "iemand@example.org"}
    if key.startswith("admin:"):
        return _admin_form(key, target, actor)
    return {}


def _admin_form(key, target, actor) -> dict:
    if key == "admin:accounts_user_changelist":
        # The export action on the user's own account, which is in the list of whoever may see it.
        return {"action": "export_csv", "_selected_action": [actor.user.pk], "index": "0"}
    if key == "admin:accounts_user_change":
        user = target.obj
        roles = list(user.role_assignments.all())
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "organisation": user.organisation_id,
            "team": "",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": str(len(roles)),
            "role_assignments-INITIAL_FORMS": str(len(roles)),
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
        }
        for i, assignment in enumerate(roles):
            data[f"role_assignments-{i}-id"] = assignment.pk
            data[f"role_assignments-{i}-user"] = user.pk
            data[f"role_assignments-{i}-role"] = assignment.role
        return data
    if key == "admin:accounts_user_add":
        return {
            "username": "matrix-nieuw",
            "usable_password": "false",
            "first_name": "Nieuw",
            "last_name": "Account",
            "organisation": actor.organisation.pk,
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
        }
    if key == "admin:auth_user_password_change":
        return {
            "password1": "een lang nieuw wachtwoord 42",
            "password2": "een lang nieuw wachtwoord 42",
        }
    if key.endswith("_delete"):
        return {"post": "yes"}
    return {}


def _api_body(key, target, actor, world):
    """The body of an API operation that, where the user is allowed, succeeds."""
    today = world.today.isoformat()
    later = (world.today + timedelta(days=20)).isoformat()
    if key == "setIndicatorNorm":
        return {"indicator": "inflow", "year": YEAR + 1, "value": "120", "source": "Matrix"}
    if key == "createReport":
        return {"kind": "annual", "year": YEAR - 1, "municipality": str(world.nijmegen.uuid)}
    if key == "setHourlyRate":
        return {"function": "jobcoach", "year": YEAR, "rate": "66.00"}
    if key == "createDirectCost":
        return {"task": "arbeidsbemiddeling", "year": YEAR, "description": "Matrix", "amount": "10"}
    if key == "createQuestionnaireAnswer":
        return {"code": "matrix-unknown-code", "score": 8}
    if key == "createTimeEntry":
        return {
            "person": str(actor.user.uuid) if actor else "",
            "week": today,
            "task": "arbeidsbemiddeling",
            "function": "consulent",
            "hours": "8",
        }
    if key == "createAgreementTransition":
        return {"target": "opinions_requested", "opinionDeadline": later, "reason": "Matrix"}
    if key == "createAgreement":
        return {
            "title": f"DVO matrix {uuid.uuid4()}",
            "periodStart": "2040-01-01",
            "periodEnd": "2041-12-31",
            "municipalities": [str(world.nijmegen.uuid)],
        }
    if key == "updateCatalogueService":
        return {"price": "31000"}
    if key == "replaceBudget":
        return {"amount": "120000"}
    if key == "updateCycleStep":
        return {"title": "Matrix", "dueOn": later}
    if key == "createCycleStep":
        return {
            "agreement": str(world.targets[(Record.CYCLE_STEP, "own")].obj.agreement.uuid),
            "kind": "other",
            "title": "Matrix",
            "dueOn": later,
            "actorRole": "policy_adviser",
            "actorOrganisation": str(world.nijmegen.uuid),
        }
    if key == "replaceDocumentTemplate":
        return {"text": "# {{ citeertitel }}\n{{ lokale_afspraken }}\n"}
    if key == "answerOpinion":
        return {"answer": "Antwoord", "answeredOn": today, "actionTaken": "Matrix"}
    if key == "completeCycleStep":
        return {"doneOn": today, "note": "Matrix"}
    if key == "createChoice":
        return {"year": YEAR, "service": target.extra["service"], "quantity": "10"}
    if key == "replaceYearChoices":
        return {"year": YEAR, "lines": [{"service": target.extra["service"], "quantity": "10"}]}
    if key in ("replaceChoice", "updateChoice"):
        return {
            "customName": "Matrix",
            "customUnit": "traject",
            "quantity": "1",
            "agreedAmount": "1",
        }
    if key == "createDeviationAcceptance":
        return {"year": YEAR, "findingKey": target.extra["finding_key"], "reason": "Matrix"}
    if key == "createOpinion":
        return {"kind": "council_wishes", "text": "Wensen", "receivedOn": today}
    if key == "createChoiceChange":
        return {
            "year": str(YEAR),
            "effectiveFrom": f"{YEAR}-09-01",
            "reason": "Matrix",
            "lines": json.dumps([{"service": target.extra["service"], "quantity": "10"}]),
            "municipalityConsentOn": f"{YEAR}-08-01",
            "municipalityConsentDocument": _document(),
            "boardConsentOn": f"{YEAR}-08-15",
            "boardConsentDocument": _document(),
        }
    if key == "updateReportExplanations":
        return {"sections": [{"section": "inflow", "explanation": "Matrix"}]}
    if key == "createAgreementWithdrawal":
        return {
            "municipality": str(world.nijmegen.uuid),
            "effectiveOn": today,
            "description": "Matrix",
            "decidedOn": today,
            "decisionDocument": _document(),
        }
    if key == "createAgreementAmendment":
        return {
            "effectiveOn": today,
            "description": "Matrix",
            "decidedOn": today,
            "decisionDocument": _document(),
            "consents": json.dumps([{"party": str(world.nijmegen.uuid), "consentedOn": today}]),
            "consentDocuments": [_document()],
        }
    if key == "recordDelivery":
        from werkbedrijf.agreements.models import LocalChoice

        choice = LocalChoice.objects.get(
            municipal_agreement__municipality=target.obj,
            municipal_agreement__agreement__status="adopted",
            custom_name__startswith="Geheimkeuze",
            valid_until__isnull=True,
        )
        return {
            "municipality": target.uuid,
            "deliveryKind": "note",
            "localChoice": str(choice.uuid),
            "noteKind": "milestone",
            "date": f"{YEAR}-09-30",
            "text": "Matrix levering",
        }
    if key == "createReferral":
        return {
            "municipality": target.uuid,
            "bsn": NEW_BSN,
            "firstName": "Nieuwe",
            "lastName": "Verwijzing",
            "dateOfBirth": "1990-05-01",
        }
    if key == "uploadReferrals":
        return {"municipality": target.uuid, "file": _upload_file()}
    if key in ("searchCandidateByBsn", "answerAccessRequest", "lookUpResidentForChainPartner"):
        return {"bsn": target.obj.bsn}
    if key == "moveCandidate":
        return {"toMunicipality": str(world.berg_en_dal.uuid), "movedOn": today, "reason": "Matrix"}
    if key == "assignContactPerson":
        return {"contact": str(actor.user.uuid), "note": "Matrix"}
    if key == "createAssessment":
        return {"language": "Arabisch", "completedOn": today}
    if key == "createStep":
        return {"target": "further_diagnosis", "occurredOn": today, "reason": "Matrix"}
    if key == "createIntakeNote":
        return {"theme": "resources", "text": "Matrix"}
    if key == "createCertificateObtained":
        return {"certificate": "bhv", "obtainedOn": today}
    if key == "createLadderStep":
        return {"moment": "review", "step": 3}
    if key == "createFurtherDiagnosis":
        return {"kind": "health", "start": today}
    if key == "createActivity":
        return {"kind": "workshop", "start": today}
    if key == "updateActivityStatus":
        return {"status": "in_progress"}
    if key == "createPlacement":
        return {
            "employer": str(world.employer.uuid),
            "form": "work_experience",
            "start": today,
            "plannedEnd": later,
            "hoursPerWeek": "24",
        }
    if key == "createInstrument":
        return {"kind": "training", "start": today, "amount": "50.00"}
    if key == "createSanctionSignal":
        return {"facts": "Matrix", "advice": "Matrix"}
    if key == "createThreeWayTalk":
        return {"plannedOn": later}
    if key == "decideSanctionSignal":
        return {"decision": "followed", "reasons": "Matrix"}
    if key == "recordThreeWayTalkOutcome":
        return {"heldOn": today, "outcome": "Afspraken"}
    if key == "updateEmployer":
        return {"sizeClass": "medium"}
    if key == "createEmployerLocation":
        return {
            "street": "Markt",
            "houseNumber": "1",
            "postcode": "6511 PP",
            "city": "Nijmegen",
            "municipality": str(world.nijmegen.uuid),
        }
    if key == "createEmployerContact":
        return {
            "kind": "call",
            "contactOn": today,
            "subject": "Matrix",
            "contactPerson": "Piet Gesprek",
            "municipality": str(world.nijmegen.uuid),
        }
    if key == "createEmployerWish":
        return {"kind": "learning_place", "description": "Matrix", "places": 2}
    if key == "updateEmployerWish":
        return {"status": "in_progress"}
    if key == "createEmployerEvent":
        return {
            "kind": "company_visit",
            "title": "Matrix bedrijfsbezoek",
            "heldOn": later,
            "place": "Matrix",
            "municipality": str(world.nijmegen.uuid),
        }
    if key == "updateEmployerEvent":
        return {"status": "cancelled"}
    if key == "createVacancy":
        return {
            "employer": str(world.employer.uuid),
            "title": "Matrix vacature",
            "occupation": "orderpicker",
            "sectorGroup": "production_logistics",
            "postcode": "6511AB",
            "hoursPerWeek": 20,
            "startDate": later,
            "employmentForms": ["regular"],
        }
    if key == "replaceWorkProfile":
        return {"hoursPerWeek": 24, "maxTravelKm": 10}
    if key == "createProposal":
        return {
            "vacancy": str(world.vacancy.uuid),
            "candidate": str(world.matchable.uuid),
            "reason": "Matrix",
        }
    if key == "createProposalDecision":
        return {"step": "view", "view": "Matrix", "agrees": True}
    if key == "createEmployer":
        return {
            "name": "Matrix Groen",
            "kvkNumber": "55667788",
            "sectorGroup": "grey_green",
            "contactName": "Piet Contact",
        }
    return None


MULTIPART_OPERATIONS = {
    "createChoiceChange",
    "uploadReferrals",
    "createAgreementWithdrawal",
    "createAgreementAmendment",
}


def _path(endpoint, target, world) -> str:
    if endpoint.is_api_operation:
        operation = OPERATIONS.get(endpoint.key)
        if operation is None:
            pytest.fail(f"{endpoint.key} is not in src/openapi.yaml (run bin/generate-openapi)")
        path = operation.path.replace("{uuid}", target.uuid if target is not None else "")
        if "{kind}" in path:  # getAgreementDocument: the API's name of the screen's kind
            from werkbedrijf.agreements.api.views.documents import KINDS

            api_kinds = {screen: api for api, screen in KINDS.items()}
            path = path.replace("{kind}", api_kinds[target.extra["kind"]])
        return path.replace("{year}", str(YEAR)).replace("{code}", "inflow")
    return reverse(endpoint.key, kwargs=_url_kwargs(endpoint.key, target, world))


def send(world, actor, endpoint, method, target, *, hostile: bool = False):
    """One request as ``actor`` (None: anonymous); returns the response and what it was sent."""
    client = Client()
    headers = {}
    if actor is not None and endpoint.is_api_operation:
        headers["Authorization"] = f"Token {actor.token}"
    elif actor is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = actor.session_key
        if target is not None and endpoint.target is Record.ACCESS_REQUEST and method == "GET":
            _open_access_request(actor, target)
    path = _path(endpoint, target, world)
    query = _query(endpoint.key, target, world, hostile)
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    sent = [path]
    if method == "GET":
        return client.get(path, headers=headers), sent
    if endpoint.is_api_operation:
        body = _api_body(endpoint.key, target, actor, world) if actor is not None else {}
        if endpoint.key in ("replaceChoice", "updateChoice", "deleteChoice") and target is not None:
            headers["If-Match"] = (
                f'"{target.obj.__class__.objects.get(pk=target.obj.pk).lock_version}"'
            )
        if endpoint.key in MULTIPART_OPERATIONS:
            sent.append(repr({k: v for k, v in (body or {}).items() if isinstance(v, str)}))
            return getattr(client, method.lower())(path, body or {}, headers=headers), sent
        sent.append(json.dumps(body))
        return (
            getattr(client, method.lower())(
                path, json.dumps(body or {}), content_type="application/json", headers=headers
            ),
            sent,
        )
    data = _form(endpoint.key, method, target, actor, world) if actor is not None else {}
    sent.append(repr({k: v for k, v in (data or {}).items() if isinstance(v, str)}))
    return getattr(client, method.lower())(path, data or {}, headers=headers), sent


def _open_access_request(actor, target):
    """The officer's session holds an access request about ``target`` in progress, as after the
    search (privacy.views); the result and the export are addressed by its token."""
    from werkbedrijf.privacy import views as privacy_views

    session = SessionStore(session_key=actor.session_key)
    session[privacy_views.SESSION_KEY] = {
        TOKEN: {"subject": target.uuid, "at": timezone.now().timestamp()}
    }
    session.save()


def _content(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    return text + "\n" + response.get("Location", "")


def _content_of_export(response) -> str:
    """An XLSX is a zip: look inside it as well."""
    import io
    import zipfile

    body = b"".join(response.streaming_content) if response.streaming else response.content
    if not body.startswith(b"PK"):
        return ""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


# --- what an answer may hold ---------------------------------------------------------------------


def _hidden_markers(world, actor, endpoint, method, target) -> list[tuple[str, str]]:
    """(marker, what it belongs to) of everything ``actor`` may not see in this answer."""
    hidden = []
    for kind, audience in matrix.VISIBILITY.items():
        role_grant = audience.get((actor.role, actor.kind), audience.get(actor.role))
        for record in world.records_of(kind):
            if role_grant is not None and role_grant.covers(_relation(actor, record), record.stage):
                continue
            hidden += [(m, f"{kind} of {record.organisation}") for m in record.markers]
    if endpoint.lists is not None:
        grant = _grant(endpoint.methods[method], actor)
        for record in world.records_of(endpoint.lists):
            if grant is not None and grant.covers(_relation(actor, record), record.stage):
                continue
            hidden += [
                (m, f"listed {endpoint.lists} of {record.organisation}") for m in record.markers
            ]
    if endpoint.shows_pseudonyms:
        hidden = [(m, why) for m, why in hidden if not _is_uuid(m)]
    return hidden


def _is_uuid(text: str) -> bool:
    return len(text) == 36 and text.count("-") == 4


def assert_holds_nothing_hidden(text, hidden, sent):
    for marker, what in hidden:
        if not marker or any(marker in s for s in sent):
            continue  # what the user sent may come back (a form shown again)
        assert marker not in text, f"the answer shows {what}: {marker!r}"


def _refused(response, endpoint, actor) -> bool:
    if response.status_code in (403, 404):
        return True
    if endpoint.target_in == "form" and response.status_code == 400:
        return True  # the form offers only what the user may choose: "not among yours"
    if endpoint.area == matrix.AREA_ADMIN and response.status_code == 302:
        location = response["Location"].split("?")[0]
        if location == reverse("admin:index"):
            return True  # an object outside the scope: "does not exist", like any unknown id
        if location == reverse("admin:login"):
            return _admin_login_refuses(actor)
    return False


_ADMIN_LOGIN_ANSWERS: dict[str, int] = {}


def _admin_login_refuses(actor) -> bool:
    """Staff without admin access are sent to the admin login, which answers them 403 (asked
    once per user)."""
    if actor.label not in _ADMIN_LOGIN_ANSWERS:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = actor.session_key
        _ADMIN_LOGIN_ANSWERS[actor.label] = client.get(reverse("admin:login")).status_code
    return _ADMIN_LOGIN_ANSWERS[actor.label] == 403


def _writes() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this transaction, per guarded table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {name: n for name, n in cursor.fetchall() if n and name not in UNGUARDED_TABLES}


def _last_log_id() -> int:
    return ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


# --- the declaration is complete, and declares only what exists ----------------------------------


def test_every_url_name_is_declared_in_the_matrix():
    api_paths = {op.path for op in OPERATIONS.values()}
    missing = []
    for pattern in matrix.url_patterns():
        if pattern.name is None or pattern.name in ENDPOINTS:
            continue
        if pattern.is_api and pattern.openapi_path in api_paths:
            continue  # declared through its operations
        missing.append(f"{pattern.name} ({pattern.route})")
    assert not missing, f"declare these in werkbedrijf.access.matrix: {missing}"


def test_every_api_operation_is_declared_with_its_method():
    for operation in OPERATIONS.values():
        endpoint = ENDPOINTS.get(operation.operation_id)
        assert endpoint is not None, f"declare {operation.operation_id} in the access matrix"
        assert endpoint.is_api_operation
        assert set(endpoint.methods) == {operation.method}, operation.operation_id


def test_everything_the_matrix_declares_exists():
    names = {p.name for p in matrix.url_patterns() if p.name}
    gone = [
        key
        for key, endpoint in ENDPOINTS.items()
        if (key not in OPERATIONS if endpoint.is_api_operation else key not in names)
    ]
    assert not gone, f"the matrix declares endpoints that no longer exist: {gone}"


def test_every_unnamed_url_pattern_is_accounted_for():
    unnamed = {p.route for p in matrix.url_patterns() if p.name is None}
    assert unnamed == set(matrix.UNNAMED_PATTERNS)


def test_every_role_is_described_and_every_grant_names_a_real_principal():
    assert set(matrix.ROLE_SUMMARIES) == set(Role)
    for key, endpoint in ENDPOINTS.items():
        for rule in endpoint.methods.values():
            for principal in rule.grants:
                role, kinds = (
                    (principal[0], {principal[1]})
                    if isinstance(principal, tuple)
                    else (principal, None)
                )
                assert role in Role, key
                if kinds:
                    assert kinds <= ROLE_ORGANISATION_KINDS[role], (key, principal)


def test_endpoints_without_personal_data_are_not_about_a_person():
    for key, endpoint in ENDPOINTS.items():
        if endpoint.target in PERSON_RECORDS or endpoint.lists in PERSON_RECORDS:
            assert endpoint.personal_data, f"{key} is about a person: personal_data=True"


def test_docs_access_matrix_is_current():
    committed = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.md"
    assert committed.read_text() == matrix.render_markdown(), (
        "regenerate docs/access-matrix.md (see werkbedrijf.access.matrix)"
    )


# --- every role against every endpoint ------------------------------------------------------------

# The marker makes pytest-django create the test database; the per-test transaction it would then
# open (a test case per request: some 40 ms each, over 4,000 requests) is replaced by the cheaper
# savepoint of each_request_alone below, which rolls back just the same.
pytestmark = pytest.mark.django_db


@pytest.fixture
def _django_db_helper(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def each_request_alone(world):
    """What one request changes is rolled back before the next (a savepoint in the world's
    transaction: cheaper than a test database transaction per case, and the same effect)."""
    with transaction.atomic():
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize(("actor_label", "key", "method", "variant"), CASES)
def test_access_as_declared(each_request_alone, actor_label, key, method, variant):
    world = each_request_alone
    actor = world.actors[actor_label]
    endpoint = ENDPOINTS[key]
    rule = endpoint.methods[method]
    target = _target(world, endpoint, method, variant, actor)
    allowed = expected(actor_label, key, method, variant)
    if target is not None:  # the world is what the case names
        assert (_relation(actor, target), target.stage) == (
            _case_relation(actor.kind, endpoint, variant),
            _case_stage(variant),
        )
    writes_before, log_before = _writes(), _last_log_id()

    response, sent = send(world, actor, endpoint, method, target, hostile=True)
    status = response.status_code
    text = _content(response)

    assert status < 500, text[:2000]
    if endpoint.public:
        pass
    elif allowed and method == "GET":
        assert status in (rule.answers or (200,)), f"allowed, but answered {status}"
    elif allowed:
        assert status not in (401, 403, 404, 405), f"allowed, but refused with {status}"
    else:
        assert _refused(response, endpoint, actor), f"not allowed, but answered {status}"
        if method != "GET":
            assert _writes() == writes_before, "a refused change changed the database"
        if target is not None:
            about = {target.uuid, str(target.extra.get("person", ""))}
            logged = ProcessingLogEntry.objects.filter(id__gt=log_before)
            assert not [
                e for e in logged if {str(e.record_uuid), str(e.data_subject_uuid)} & about
            ], "a refused request is logged as processing the record"
            hidden = [(m, f"the refused {endpoint.target}") for m in target.markers]
            assert_holds_nothing_hidden(text, hidden, sent)
    hidden = _hidden_markers(world, actor, endpoint, method, target)
    assert_holds_nothing_hidden(text, hidden, sent)
    if key == "agreements:export" or key.endswith("_export"):
        exported = _content_of_export(response)
        assert_holds_nothing_hidden(exported, hidden, sent)
        if (
            allowed and key == "agreements:export"
        ):  # the export is read: it does hold the allowed draft
            assert all(marker in exported for marker in target.markers)


ANONYMOUS_CASES = [
    pytest.param(key, method, id=f"anonymous|{key}|{method}")
    for key, endpoint in ENDPOINTS.items()
    for method in endpoint.methods
]


@pytest.mark.parametrize(("key", "method"), ANONYMOUS_CASES)
def test_anonymous_requests_go_to_the_login(each_request_alone, key, method):
    world = each_request_alone
    endpoint = ENDPOINTS[key]
    variant = _variants(endpoint, method)[0]
    target = _target(world, endpoint, method, variant, None)
    response, sent = send(world, None, endpoint, method, target)
    assert response.status_code < 500
    if endpoint.public:
        return
    if endpoint.is_api_operation or key == "api-schema":
        assert response.status_code == 401
    else:
        assert response.status_code == 302, response.status_code
        login = resolve(response["Location"].split("?")[0]).view_name
        assert login in ("accounts:login", "admin:login")
    text = _content(response)
    for person in world.candidates:
        assert_holds_nothing_hidden(text, [(m, "a person") for m in person.markers], sent)


# --- the processing log is complete ---------------------------------------------------------------


def _log_cases():
    """Every allowed use of a method that returns or changes personal data, except where the
    matrix declares an empty answer (a role without candidates listing them through the API)."""
    for param in CASES:
        actor_label, key, method, variant = param.values
        endpoint = ENDPOINTS[key]
        role, kind = _role_kind(actor_label)
        grant = endpoint.methods[method].grant_for(role, kind)
        allowed = expected(actor_label, key, method, variant)
        if allowed and endpoint.personal_for(method) and grant is not matrix.NOTHING:
            yield pytest.param(*param.values, id=param.id.rsplit("|", 1)[0])


LOG_CASES = list(_log_cases())


@pytest.mark.parametrize(("actor_label", "key", "method", "variant"), LOG_CASES)
def test_allowed_processing_of_personal_data_is_logged(
    each_request_alone, actor_label, key, method, variant
):
    world = each_request_alone
    actor = world.actors[actor_label]
    endpoint = ENDPOINTS[key]
    rule = endpoint.methods[method]
    target = _target(world, endpoint, method, variant, actor)
    before = _last_log_id()

    response, _sent = send(world, actor, endpoint, method, target)

    ok = rule.answers or ((200,) if method == "GET" else (200, 201, 204, 302))
    assert response.status_code in ok, f"{response.status_code}: {_content(response)[:1500]}"
    expected = (
        {rule.logged_as}
        if rule.logged_as
        else ({"read"} if method == "GET" else {"create", "update", "delete"})
    )
    entries = list(ProcessingLogEntry.objects.filter(id__gt=before, actor=actor.user))
    fitting = [e for e in entries if e.action in expected and e.purpose and e.legal_basis]
    assert fitting, f"no {'/'.join(sorted(expected))} entry with purpose and legal basis: {entries}"
    person = target.extra.get("person") if target is not None else None
    if person is not None:
        assert any(e.data_subject_uuid == person for e in fitting), "not logged about the person"
