"""API fuzzing: schemathesis generates requests from the committed OpenAPI document (src/openapi.yaml,
not the live schema) and sends them to the real application on the test database, each with a real
API token: as a WerkBedrijf DVO administrator (the agreement operations), as a WerkBedrijf
consultant (the others), as a Nijmegen Inkomen case manager, as a privacy officer and as a
chain partner.

Every answer must be what the document promises: never a server error; a documented status code,
content type, headers and body; invalid input refused with a problem (4xx); input the document
calls valid never refused for its shape; and a refused request stores nothing. The seed is fixed,
so a run is repeatable. Identifiers in paths, query strings and bodies mostly point at records that
exist, so requests get past the 404 and reach the serializers and services.

Run alone: `bin/test tests/fuzz` (FUZZ_MAX_EXAMPLES=100 for a deeper run); see the README."""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import schemathesis
from django.utils import timezone
from requests.structures import CaseInsensitiveDict
from schemathesis import GenerationMode
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation

from werkbedrijf.agreements.models import LocalChoice

from .world import (
    CHAIN_PARTNER,
    DVO_ADMIN,
    INKOMEN,
    PRIVACY,
    STATS,
    WERKBEDRIJF,
    CountingApp,
    database_fingerprint,
    is_uuid,
    rolled_back,
    stable_hash,
)

# The database is set up for marked tests only; the world itself lives in a module fixture.
pytestmark = pytest.mark.django_db

OPENAPI = Path(__file__).resolve().parents[2] / "src" / "openapi.yaml"
# Fixed, so CI sends the same requests every run; FUZZ_SEED explores another sample locally.
SEED = int(os.environ.get("FUZZ_SEED", "422026"))
# Generated requests per operation and account in the fuzzing phase. The examples phase and the
# coverage phase (boundary values and every kind of invalid value, per parameter) come on top.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))

CHECKS = {
    "not_a_server_error": {"enabled": True},
    "status_code_conformance": {"enabled": True},
    "content_type_conformance": {"enabled": True},
    "response_schema_conformance": {"enabled": True},
    "response_headers_conformance": {"enabled": True},
    # 412 too: RFC 9110 evaluates If-Match before the body is read, so an unreadable If-Match is
    # refused with 412 whatever the body holds.
    "negative_data_rejection": {
        "enabled": True,
        "expected-statuses": ["400", "401", "403", "404", "405", "406", "412", "415", "422"],
    },
    # The document cannot say which identifiers exist or which business rules apply (a closed
    # trajectory, a year outside the agreement, the 11-proef), so a valid request may be refused
    # with a 400 problem or a 412; the shape of that refusal is checked below, and a valid request
    # must never meet 401, 405, 406, 415 or a server error.
    "positive_data_acceptance": {
        "enabled": True,
        "expected-statuses": ["2xx", "400", "403", "404", "409", "412"],
    },
    "ignored_auth": {"enabled": True},
    "unsupported_method": {"enabled": True},
    "allow_header_conformance": {"enabled": True},
    "missing_required_header": {"enabled": True},
    # Stateful checks that assume a create makes a record the next request can read: each
    # request here runs in a savepoint that is rolled back, so nothing is there to find.
    "use_after_free": {"enabled": False},
    "ensure_resource_availability": {"enabled": False},
}

# Codes of DRF's own field validation: a request the document calls valid must never be refused
# with one of these (that would mean the document and the serializer disagree). The services
# refuse with their own codes ("invalid", "unknown", "year_outside_agreement", ...). Not min_value
# and max_value: the document gives a decimal as a string with a pattern, which cannot say "at
# least 0.01".
SHAPE_CODES = {
    "null",
    "blank",
    "max_length",
    "min_length",
    "invalid_choice",
    "not_a_list",
    "not_a_dict",
    "empty",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "parse_error",
    "date",
    "datetime",
}


@schemathesis.check
def valid_input_is_never_refused_for_its_shape(ctx, response, case):
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return None
    if response.status_code != 400:
        return None
    params = response.json().get("invalidParams", [])
    shaped = [p for p in params if p.get("code") in SHAPE_CODES]
    if shaped:
        raise AssertionError(
            "The document calls this input valid, but the serializer refuses its shape: "
            + "; ".join(f"{p['name']}: {p['code']} ({p['reason']})" for p in shaped)
        )
    return True


def load(*, coverage: bool) -> schemathesis.BaseSchema:
    # Values learnt from earlier answers (identifiers that differ in every run) would make the
    # generated requests differ too; the fixed seed must give the same requests every time.
    no_feedback = {"extra-data-sources": {"responses": False}}
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",  # valid and invalid input
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "phases": {
                "examples": {"enabled": coverage, **no_feedback},
                "coverage": {"enabled": coverage, **no_feedback},
                "fuzzing": {"error-feedback": {"enabled": False}, **no_feedback},
                "stateful": {"enabled": False},
            },
            "checks": CHECKS,
        }
    )
    schema = schemathesis.openapi.from_path(OPENAPI, config=config)
    # Every request, also those a check sends itself, goes to the application in-process.
    schema.app = CountingApp(STATS)
    return schema


# WerkBedrijf's DVO administrator (on the agreements) and consultant (on everything else) get
# every phase. The Inkomen case manager may change little (referrals, sanction decisions, talks),
# and most of the coverage phase's invalid bodies would meet a 403 before they are read, so that
# pass is fuzzing only.
full = load(coverage=True)
fuzz_only = load(coverage=False)
# The operations on the DVO: the agreements, their cards, choices and budgets.
AGREEMENT_TAGS = (
    "^(agreements|catalogues|choices|cycle-steps|municipal-agreements|opinions|organisations)$"
)

# Which existing records a path's resource names: the first segment after /api/v1/.
PATH_POOLS = {
    "organisations": "organisations",
    "agreements": "agreements",
    "catalogues": "catalogues",
    "catalogue-services": "services",
    "municipal-agreements": "municipal-agreements",
    "choices": "choices",
    "cycle-steps": "cycle-steps",
    "opinions": "opinions",
    "candidates": "candidates",
    "trajectories": "trajectories",
    "sanction-signals": "sanction-signals",
    "three-way-talks": "three-way-talks",
    "activities": "activities",
    "employers": "employers",
    "employer-events": "employer-events",
    "employer-wishes": "employer-wishes",
    "vacancies": "vacancies",
    "proposals": "proposals",
    "reports": "reports",
}
# Which existing records a field in the query string or the body names.
FIELD_POOLS = {
    "municipality": "municipalities",
    "toMunicipality": "municipalities",
    "agreement": "agreements",
    "service": "services",
    "consultant": "werkbedrijf-staff",
    "contact": "werkbedrijf-staff",
    "businessConsultant": "werkbedrijf-staff",
    "werkbedrijfParticipant": "werkbedrijf-staff",
    "incomeParticipant": "municipal-staff",
    "chargeTo": "choices",
    "employer": "employers",
    "accountManager": "werkbedrijf-staff",
    "location": "employer-locations",
    "vacancy": "vacancies",
    "candidate": "candidates",
    "actorOrganisation": "organisations",
    "followsStep": "cycle-steps",
    "localChoice": "choices",
    "worker": "werkbedrijf-staff",
}
IF_MATCH = ('"1"', '"2"', "*", 'W/"1"')
YEARS = (2024, 2025, 2026, 2027)  # the years of the reference DVOs and the draft


def _resource(operation) -> str:
    return operation.path.removeprefix("/api/v1/").split("/")[0]


def _uuid_fields(value, path=()):
    """(path, field name, value) of every UUID in a query string or body, nested ones too."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if is_uuid(item):
            yield (*path, key), key, item
        else:
            yield from _uuid_fields(item, (*path, key))


def _set(value, path, new) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


def point_at_known_records(case, world) -> None:
    """Most generated UUIDs become existing records (a few stay unknown, for the 404s and 400s).

    Only valid UUIDs are replaced, by valid UUIDs: an invalid case stays invalid. The choice is a
    hash of the generated case, so the same seed gives the same requests."""
    body = None if isinstance(case.body, NotSet) else case.body  # NotSet's repr has an address
    seed = stable_hash(repr((case.method, case.path_parameters, case.query, body, case.headers)))
    # Cases of the coverage phase share their dicts: change copies, or the next case changes too.
    # object.__setattr__, because the copy is the generated value, not an edit: Case.__setattr__
    # would have schemathesis judge the case again (and it misjudges a form body with a file).
    object.__setattr__(case, "path_parameters", dict(case.path_parameters or {}))
    object.__setattr__(case, "query", copy.deepcopy(case.query))
    if body is not None:
        object.__setattr__(case, "body", copy.deepcopy(case.body))
    if case.headers is not None:
        object.__setattr__(case, "headers", CaseInsensitiveDict(case.headers))
    kind = PATH_POOLS.get(_resource(case.operation))
    if kind and case.path_parameters and is_uuid(case.path_parameters.get("uuid")):
        case.path_parameters["uuid"] = world.known(kind, case.path_parameters["uuid"], seed)
    for container in (case.query, case.body):
        for index, (path, name, generated) in enumerate(list(_uuid_fields(container))):
            if name == "cursor":
                kind = "employers" if _resource(case.operation) == "employers" else "trajectories"
            else:
                kind = FIELD_POOLS.get(name)
            if kind:
                _set(container, path, world.known(kind, generated, seed + index + 1))
    if case.headers and isinstance(case.headers.get("If-Match"), str) and seed % 3:
        case.headers["If-Match"] = IF_MATCH[seed % len(IF_MATCH)]
    # A year of the agreements, most of the time, where the generated year is valid input
    # (replacing an invalid one, say above a maximum, would make an invalid case valid).
    for location, container in (
        (ParameterLocation.QUERY, case.query),
        (ParameterLocation.BODY, case.body),
    ):
        if not isinstance(container, dict) or type(container.get("year")) is not int:
            continue
        generated = case.meta.components.get(location) if case.meta else None
        if (generated is None or generated.mode == GenerationMode.POSITIVE) and seed % 4:
            container["year"] = YEARS[seed % len(YEARS)]


def exercise(case, account, world, stats) -> None:
    point_at_known_records(case, world)
    auth = world.auth(account)
    stats.crashes.clear()
    with rolled_back():
        response = case.call(headers=auth)
        stats.record(case, account, response.status_code)
        assert not stats.crashes, "The server crashed:\n" + "\n".join(stats.crashes)
        case.validate_response(response, headers=auth, transport_kwargs={"headers": auth})
        if response.status_code >= 400 and case.method.upper() != "GET":
            # Every request starts from the same world, so its fingerprint is computed once.
            assert database_fingerprint() == world.fingerprint, (
                f"{case.method} {case.formatted_path} answered {response.status_code} "
                "but changed stored data"
            )


@full.include(tag_regex=AGREEMENT_TAGS).parametrize()
def test_api_answers_a_dvo_administrator_as_its_document_says(case, fuzz_world, fuzz_stats):
    exercise(case, DVO_ADMIN, fuzz_world, fuzz_stats)


@full.exclude(tag_regex=AGREEMENT_TAGS).parametrize()
def test_api_answers_a_consultant_as_its_document_says(case, fuzz_world, fuzz_stats):
    exercise(case, WERKBEDRIJF, fuzz_world, fuzz_stats)


@fuzz_only.parametrize()
def test_api_answers_an_inkomen_case_manager_as_its_document_says(case, fuzz_world, fuzz_stats):
    exercise(case, INKOMEN, fuzz_world, fuzz_stats)


# A privacy officer may do one thing: answer access requests. Everyone else meets a 403 there
# before the body is read, so that operation gets every phase as the privacy officer too.
@full.include(tag="privacy").parametrize()
def test_api_answers_a_privacy_officer_as_its_document_says(case, fuzz_world, fuzz_stats):
    exercise(case, PRIVACY, fuzz_world, fuzz_stats)


# Likewise the chain partner, who may only ask whether a resident is in service.
@full.include(tag="ketenpartners").parametrize()
def test_api_answers_a_chain_partner_as_its_document_says(case, fuzz_world, fuzz_stats):
    exercise(case, CHAIN_PARTNER, fuzz_world, fuzz_stats)


# --- a valid request for every operation that changes something ----------------------------------
# Generated input rarely passes every business rule (an unused BSN that passes the 11-proef, a
# finding that needs acceptance), so each operation also gets one request that must succeed: its
# answer, with the body of a 200 or 201, is checked against the document like every other.


@dataclass
class Valid:
    account: str
    record: str | None = None  # the path's {uuid}: a name in World.records
    body: object = None
    query: dict | None = None
    headers: dict | None = None
    media_type: str | None = None
    status: int = 201
    path: dict | None = None  # path parameters besides {uuid}


PDF = b"%PDF-1.4 instemming"


def _valid_requests(r: dict[str, str]) -> dict[str, Valid]:
    today = timezone.localdate()
    first_bsn, second_bsn = r["new-bsns"].split(",")
    line = {"customName": "Taalcoaching op maat", "agreedAmount": "4500"}
    return {
        "createAgreementTransition": Valid(
            DVO_ADMIN,
            "draft",
            {"target": "opinions_requested", "opinionDeadline": str(today + timedelta(days=30))},
        ),
        "createChoice": Valid(DVO_ADMIN, "draft-nijmegen", {"year": 2025, **line}),
        "createAgreement": Valid(
            DVO_ADMIN,
            body={
                "title": "DVO 2040-2041",
                "periodStart": "2040-01-01",
                "periodEnd": "2041-12-31",
                "municipalities": [r["nijmegen"], r["wijchen"]],
                "copyFrom": r["adopted"],
            },
        ),
        "updateCatalogueService": Valid(
            DVO_ADMIN, "draft-service", {"price": "31000", "unitLabel": "10 kandidaten"}, status=200
        ),
        "replaceBudget": Valid(
            DVO_ADMIN,
            "draft-nijmegen",
            {"sharePercentage": "15", "baseAmount": "800000", "legacyObligations": "20000"},
            path={"year": 2025},
            status=200,
        ),
        "replaceYearChoices": Valid(
            DVO_ADMIN, "draft-nijmegen", {"year": 2025, "lines": [line]}, status=200
        ),
        "replaceChoice": Valid(
            DVO_ADMIN, "draft-choice", line, headers={"If-Match": '"1"'}, status=200
        ),
        "updateChoice": Valid(DVO_ADMIN, "draft-choice", {"note": "Na overleg"}, status=200),
        "deleteChoice": Valid(DVO_ADMIN, "draft-choice", status=204),
        "createDeviationAcceptance": Valid(
            DVO_ADMIN,
            "draft-nijmegen",
            {"year": 2024, "findingKey": r["finding-key"], "reason": "Afgesproken in het DB."},
        ),
        "createCycleStep": Valid(
            DVO_ADMIN,
            body={
                "agreement": r["draft"],
                "kind": "other",
                "title": "Raad informeren",
                "dueOn": str(today + timedelta(days=30)),
                "actorRole": "policy_adviser",
                "actorOrganisation": r["nijmegen"],
                "followsStep": r["cycle-step"],
            },
        ),
        # The adopted DVO 2024-2025 has no steps of its own yet (the draft has).
        "createStandardCycleSteps": Valid(DVO_ADMIN, "adopted"),
        "updateCycleStep": Valid(
            DVO_ADMIN, "cycle-step", {"dueOn": str(today + timedelta(days=25))}, status=200
        ),
        "completeCycleStep": Valid(
            DVO_ADMIN, "cycle-step", {"doneOn": str(today), "note": "Besproken"}, status=200
        ),
        "replaceDocumentTemplate": Valid(
            DVO_ADMIN,
            "draft",
            {"text": "# {{ citeertitel }}\n\n{{ lokale_afspraken }}\n"},
            headers={"If-Match": '"0"'},
            status=200,
        ),
        "answerOpinion": Valid(
            DVO_ADMIN,
            "opinion",
            {"answer": "De raad wordt betrokken.", "answeredOn": str(today)},
            status=200,
        ),
        "createOpinion": Valid(
            DVO_ADMIN,
            "in-opinion-round-nijmegen",
            {"kind": "college_opinion", "text": "Het college stemt in."},
        ),
        "createAgreementWithdrawal": Valid(
            DVO_ADMIN,
            "draft",
            {
                "municipality": r["wijchen"],
                "effectiveOn": "2025-07-01",
                "description": "Uittreding volgens de voorwaarden van het AB.",
                "decidedOn": "2025-06-01",
                "decisionDocument": PDF,
            },
            media_type="multipart/form-data",
        ),
        "createAgreementAmendment": Valid(
            DVO_ADMIN,
            "draft",
            {
                "effectiveOn": "2025-04-01",
                "description": "De tussenrapportage verschijnt per kwartaal.",
                "decidedOn": "2025-03-10",
                "decisionDocument": PDF,
                "consents": json.dumps(
                    [
                        {"party": r["nijmegen"], "consentedOn": "2025-03-01"},
                        {"party": r["wijchen"], "consentedOn": "2025-03-02"},
                    ]
                ),
                "consentDocuments": [PDF, PDF],
            },
            media_type="multipart/form-data",
        ),
        "createChoiceChange": Valid(
            DVO_ADMIN,
            "adopted-nijmegen",
            {
                "year": 2025,
                "effectiveFrom": "2025-07-01",
                "reason": "Meer taalcoaching.",
                "lines": json.dumps([line]),
                "municipalityConsentOn": "2025-06-01",
                "municipalityConsentDocument": PDF,
                "boardConsentOn": "2025-06-15",
                "boardConsentDocument": PDF,
            },
            media_type="multipart/form-data",
        ),
        "createReferral": Valid(
            INKOMEN,
            body={
                "bsn": first_bsn,
                "firstName": "Noor",
                "lastName": "de Vries",
                "dateOfBirth": "1991-04-02",
                "municipality": r["nijmegen"],
            },
        ),
        "checkReferralUploadColumns": Valid(
            INKOMEN,
            body={"file": b"bsn;voornamen;geslachtsnaam;geboortedatum;opmerking\r\n"},
            media_type="multipart/form-data",
            status=200,
        ),
        "uploadReferrals": Valid(
            INKOMEN,
            body={
                "municipality": r["nijmegen"],
                "file": (
                    "bsn;voornaam;achternaam;geboortedatum\r\n"
                    f"{second_bsn};Sem;Bakker;12-03-1988\r\n"
                ).encode(),
            },
            media_type="multipart/form-data",
            status=200,
        ),
        "searchCandidateByBsn": Valid(WERKBEDRIJF, body={"bsn": r["bsn"]}, status=200),
        "assignContactPerson": Valid(
            WERKBEDRIJF, "candidate", {"contact": r["consultant"]}, status=200
        ),
        "createAssessment": Valid(
            WERKBEDRIJF, "refugee", {"language": "Arabisch", "completedOn": str(today)}
        ),
        "createStep": Valid(
            WERKBEDRIJF, "referred", {"target": "welcome"}, headers={"If-Match": '"1"'}
        ),
        "createIntakeNote": Valid(
            WERKBEDRIJF, "in-intake", {"theme": "current", "text": "Woont sinds kort hier."}
        ),
        "createLadderStep": Valid(WERKBEDRIJF, "in-intake", {"moment": "intake", "step": 2}),
        "createCertificateObtained": Valid(
            WERKBEDRIJF, "in-main-route", {"certificate": "bhv", "obtainedOn": str(today)}
        ),
        "createFurtherDiagnosis": Valid(
            WERKBEDRIJF, "in-intake", {"kind": "health", "start": str(today)}
        ),
        "createActivity": Valid(
            WERKBEDRIJF, "in-main-route", {"kind": "workshop", "start": str(today)}
        ),
        "updateActivityStatus": Valid(
            WERKBEDRIJF, "activity", {"status": "completed", "end": str(today)}, status=200
        ),
        "createPlacement": Valid(
            WERKBEDRIJF,
            "in-main-route",
            {
                "employer": r["employer"],
                "form": "regular",
                "start": str(today),
                "hoursPerWeek": "24",
            },
        ),
        "createInstrument": Valid(
            WERKBEDRIJF,
            "in-main-route",
            {"kind": "training", "start": str(today), "amount": "500.00"},
        ),
        "createSanctionSignal": Valid(
            WERKBEDRIJF,
            "in-main-route",
            {"facts": "Twee keer niet verschenen.", "advice": "Een waarschuwing."},
        ),
        "decideSanctionSignal": Valid(
            INKOMEN,
            "signal",
            {"decision": "followed", "reasons": "Eerste keer."},
            status=200,
        ),
        "createThreeWayTalk": Valid(INKOMEN, "in-main-route", {"plannedOn": str(today)}),
        "recordThreeWayTalkOutcome": Valid(
            WERKBEDRIJF,
            "talk",
            {"heldOn": str(today), "outcome": "Afspraken gemaakt."},
            status=200,
        ),
        "createEmployer": Valid(
            WERKBEDRIJF,
            body={"name": "Groen Hoveniers", "kvkNumber": "87654321", "sectorGroup": "grey_green"},
        ),
        "updateEmployer": Valid(
            WERKBEDRIJF,
            "employer",
            {"sizeClass": "small", "accountManager": r["consultant"]},
            status=200,
        ),
        "createEmployerLocation": Valid(
            WERKBEDRIJF,
            "employer",
            {
                "street": "Kerkstraat",
                "houseNumber": "2",
                "postcode": "6602 AN",
                "city": "Wijchen",
                "municipality": r["wijchen"],
            },
        ),
        "createEmployerContact": Valid(
            WERKBEDRIJF,
            "employer",
            {
                "kind": "visit",
                "contactOn": str(today),
                "subject": "Kennismaking",
                "contactPerson": "Mevrouw de Groot",
                "location": r["employer-location"],
            },
        ),
        "createEmployerWish": Valid(
            WERKBEDRIJF,
            "employer",
            {"kind": "learning_place", "description": "Leerwerkplekken magazijn", "places": 2},
        ),
        "updateEmployerWish": Valid(
            WERKBEDRIJF, "employer-wish", {"status": "in_progress"}, status=200
        ),
        "createEmployerEvent": Valid(
            WERKBEDRIJF,
            body={
                "kind": "speed_date",
                "title": "Speeddates",
                "heldOn": str(today),
                "place": "Wijchen",
                "municipality": r["wijchen"],
                "status": "held",
                "employers": [r["employer"]],
                "candidates": [r["candidate"]],
            },
        ),
        "updateEmployerEvent": Valid(
            WERKBEDRIJF, "employer-event", {"status": "cancelled"}, status=200
        ),
        "getEmployerReach": Valid(
            INKOMEN, query={"year": 2025, "municipality": r["nijmegen"]}, status=200
        ),
        "createVacancy": Valid(
            WERKBEDRIJF,
            body={
                "employer": r["employer"],
                "title": "Glazenwasser",
                "occupation": "glazenwasser",
                "sectorGroup": "cleaning",
                "postcode": "6511 AB",
                "hoursPerWeek": 24,
                "startDate": str(today + timedelta(days=7)),
                "employmentForms": ["regular", "work_experience"],
            },
        ),
        "createVacancyStatusChange": Valid(
            WERKBEDRIJF, "vacancy", {"status": "on_hold"}, headers={"If-Match": '"1"'}, status=200
        ),
        "replaceWorkProfile": Valid(
            WERKBEDRIJF, "matchable", {"hoursPerWeek": 30, "maxTravelKm": 12}, status=200
        ),
        "createProposal": Valid(
            WERKBEDRIJF,
            body={"vacancy": r["vacancy"], "candidate": r["matchable"], "reason": "Past goed."},
        ),
        "createProposalDecision": Valid(
            WERKBEDRIJF,
            "proposal",
            {"step": "view", "view": "Wil graag.", "agrees": True},
            headers={"If-Match": '"1"'},
            status=200,
        ),
        "getBudgetCheck": Valid(DVO_ADMIN, "draft-nijmegen", query={"year": 2024}, status=200),
        "getSatisfactionFigures": Valid(DVO_ADMIN, query={"year": today.year}, status=200),
        "getRealisation": Valid(INKOMEN, query={"municipality": r["nijmegen"]}, status=200),
        "getQuarterlyRealisation": Valid(
            INKOMEN, query={"municipality": r["nijmegen"], "year": 2025}, status=200
        ),
        "listDeliveries": Valid(
            DVO_ADMIN, query={"municipality": r["nijmegen"], "year": 2025}, status=200
        ),
        "recordDelivery": Valid(
            DVO_ADMIN,
            body={
                "municipality": r["nijmegen"],
                "deliveryKind": "note",
                "localChoice": r["kwartiermaker"],
                "noteKind": "periodic",
                "date": "2025-03-31",
                "text": "Bijeenkomsten Economisch Collectief Nijmegen.",
            },
        ),
        "getCosts": Valid(DVO_ADMIN, query={"year": today.year}, status=200),
        "setIndicatorNorm": Valid(
            DVO_ADMIN,
            body={
                "indicator": "inflow",
                "year": today.year,
                "value": "1200",
                "source": "Begroting",
            },
        ),
        "createReport": Valid(DVO_ADMIN, body={"kind": "annual", "year": today.year - 3}),
        "updateReportExplanations": Valid(
            DVO_ADMIN,
            "report",
            {"sections": [{"section": "inflow", "explanation": "Meer verwijzingen."}]},
            status=200,
        ),
        "createReportGeneration": Valid(DVO_ADMIN, "report", status=202),
        "createReportPublication": Valid(DVO_ADMIN, "report", status=202),
        "createReportCorrection": Valid(DVO_ADMIN, "published-report"),
        "setHourlyRate": Valid(
            DVO_ADMIN,
            body={"function": "jobcoach", "year": today.year, "rate": "66.00"},
            status=200,
        ),
        "listTeamAllocations": Valid(DVO_ADMIN),
        "setTeamAllocation": Valid(
            DVO_ADMIN,
            body={
                "team": r["cost-team"],
                "function": "jobcoach",
                "year": today.year,
                "fte": "4.5",
                "hoursPerFte": "1500.0",
                "shares": [
                    {"task": "arbeidsbemiddeling", "percent": "70"},
                    {"task": "activering", "percent": "30"},
                ],
            },
            status=200,
        ),
        "createDirectCost": Valid(
            DVO_ADMIN,
            body={
                "task": "arbeidsbemiddeling",
                "year": today.year,
                "description": "Scholing",
                "amount": "1500.00",
            },
        ),
        "createQuestionnaireAnswer": Valid(
            WERKBEDRIJF, body={"code": r["questionnaire-code"], "score": 8, "listened": 4}
        ),
        "createTimeEntry": Valid(
            WERKBEDRIJF,
            body={
                "person": r["consultant"],
                "week": str(today),
                "task": "arbeidsbemiddeling",
                "function": "consulent",
                "hours": "8",
            },
        ),
        "getIndicatorValues": Valid(
            WERKBEDRIJF,
            query={"municipality": r["nijmegen"], "breakdown": "focus_group"},
            path={"code": "inflow"},
            status=200,
        ),
        "getReportsSideBySide": Valid(
            DVO_ADMIN, query={"kind": "annual", "year": today.year - 1}, status=200
        ),
        "getSrgDelivery": Valid(INKOMEN, query={"month": f"{today.year - 3}-01"}, status=200),
        "answerAccessRequest": Valid(PRIVACY, body={"bsn": r["bsn"]}, status=200),
        "lookUpResidentForChainPartner": Valid(CHAIN_PARTNER, body={"bsn": r["bsn"]}, status=200),
        "moveCandidate": Valid(
            WERKBEDRIJF,
            "candidate",
            {"toMunicipality": r["wijchen"], "movedOn": str(today), "reason": "Nieuw adres."},
        ),
    }


# Reads that need a record and a query to answer 200 (the others do so in the fuzzing already).
READS_WITH_A_VALID_REQUEST = {
    "getSatisfactionFigures",
    "getBudgetCheck",
    "getRealisation",
    "getQuarterlyRealisation",
    "listDeliveries",
    "getEmployerReach",
    "getIndicatorValues",
    "getReportsSideBySide",
    "getSrgDelivery",
}


def _operation_ids() -> list[str]:
    """Every operation that changes something, so a new one fails here until it has its request."""
    operations = [result.ok() for result in full.get_all_operations()]
    return sorted(
        op.definition.raw["operationId"]
        for op in operations
        if op.method.upper() != "GET"
        or op.definition.raw["operationId"] in READS_WITH_A_VALID_REQUEST
    )


@pytest.mark.parametrize("operation_id", _operation_ids())
def test_a_valid_request_is_accepted_and_answered_as_documented(
    operation_id, fuzz_world, fuzz_stats
):
    valid = _valid_requests(fuzz_world.records).get(operation_id)
    assert valid is not None, f"Add a valid request for {operation_id} to _valid_requests."
    operation = full.find_operation_by_id(operation_id)
    body = {}
    if valid.body is not None:
        body = {"body": valid.body, "media_type": valid.media_type or "application/json"}
    case = operation.Case(
        path_parameters=(
            {"uuid": fuzz_world.records[valid.record], **(valid.path or {})}
            if valid.record
            else valid.path
        ),
        query=valid.query,
        headers=valid.headers,
        **body,
    )
    auth = fuzz_world.auth(valid.account)
    with rolled_back():
        response = case.call(headers=auth)
        fuzz_stats.record(case, valid.account, response.status_code)
        assert response.status_code == valid.status, response.text
        case.validate_response(response, headers=auth, transport_kwargs={"headers": auth})


def test_the_fingerprint_sees_a_stored_change(fuzz_world):
    """The guard against half-written refusals would pass vacuously if it saw nothing."""
    with rolled_back():
        LocalChoice.objects.filter(uuid=fuzz_world.records["draft-choice"]).update(note="x")
        assert database_fingerprint() != fuzz_world.fingerprint
    assert database_fingerprint() == fuzz_world.fingerprint


def test_every_operation_in_the_document_was_called(fuzz_stats):
    operations = {result.ok().label for result in full.get_all_operations()}
    missing = sorted(operations - set(fuzz_stats.cases))
    assert not missing, f"never called: {missing}"
