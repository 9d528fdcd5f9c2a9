"""Pure rules of the candidate journey: focus groups, the journey's steps, placements and
instruments (Dienstenboek bijlage B1), the search period. No database; the value lists are the
models' TextChoices."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from werkbedrijf.utils.bsn import is_valid_bsn

from .models import ActivityKind, EmploymentForm, FocusGroup, InstrumentKind, Phase

# --- the person ------------------------------------------------------------------------------


@dataclass
class PersonInput:
    """A person as a referral gives them: from a screen, the API or a row of an uploaded file."""

    bsn: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    extra: dict = field(default_factory=dict)


# The candidate's own fields a referral may give, besides the BSN and date of birth.
CANDIDATE_FIELDS = (
    "initials",
    "first_name",
    "name_prefix",
    "last_name",
    "street",
    "house_number",
    "house_number_suffix",
    "postcode",
    "city",
    "phone",
    "email",
    "languages",
    "dutch_level",
    "education",
    "work_experience",
    "sector_wishes",
    "hours_per_week",
    "hours_per_day",
    "available_days",
    "functional_limitations",
    "certificates",
    "driving_licence",
    "benefit_start_date",
    "benefit_type",
    "job_agreement_register",
    "refugee",
    "single_parent_child_under_5",
)


def candidate_values(person: PersonInput) -> dict:
    """The candidate's fields as a referral gives them, the postcode written the one way."""
    values = {k: person.extra[k] for k in CANDIDATE_FIELDS if k in person.extra}
    if "postcode" in values:
        values["postcode"] = normalise_postcode(values["postcode"])
    return values


# How files from municipal systems write the benefit type (Candidate.benefit_type).
BENEFIT_TYPE_WORDS = {
    "bijstand": "bijstand",
    "pw": "bijstand",
    "participatiewet": "bijstand",
    "wwb": "bijstand",
    "ioaw": "ioaw",
    "ioaz": "ioaz",
    "anw": "anw",
    "geen": "none",
    "geen uitkering": "none",
    "nug": "none",
}


def benefit_type_from_text(text: str) -> str:
    """The benefit type a file names (case and spaces ignored); ValueError for anything else."""
    word = " ".join(text.lower().split())
    if word not in BENEFIT_TYPE_WORDS:
        raise ValueError(text)
    return BENEFIT_TYPE_WORDS[word]


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


NEW_IN_ASSISTANCE_MONTHS = 6  # "nieuw in de bijstand": benefit started at most this long ago


@dataclass(frozen=True)
class PersonFacts:
    date_of_birth: date
    refugee: bool = False
    job_agreement_register: bool = False
    functional_limitations: str = ""
    benefit_start_date: date | None = None


def focus_groups(person: PersonFacts, on: date) -> list[str]:
    """The art. 2 focus groups a candidate belongs to today, derived, never typed."""
    groups: list[str] = []
    age = age_on(person.date_of_birth, on)
    if age < 27:
        groups.append(FocusGroup.UNDER_27)
    if age > 55:
        groups.append(FocusGroup.OVER_55)
    if person.refugee:
        groups.append(FocusGroup.REFUGEE)
    if person.job_agreement_register or person.functional_limitations.strip():
        groups.append(FocusGroup.WORK_LIMITATION)
    if (
        person.benefit_start_date
        and person.benefit_start_date <= on
        and (on - person.benefit_start_date).days <= NEW_IN_ASSISTANCE_MONTHS * 31
    ):
        groups.append(FocusGroup.NEW_IN_ASSISTANCE)
    return groups


def focus_group_labels() -> dict[str, str]:
    return {group.value: str(group.label) for group in FocusGroup}


def person_errors(bsn: str, date_of_birth: date | None, today: date) -> dict[str, str]:
    errors = {}
    if not is_valid_bsn(bsn or ""):
        errors["bsn"] = _("This is not a valid BSN (it fails the 11-proef).")
    if date_of_birth is None:
        errors["date_of_birth"] = _("Enter the date of birth.")
    elif date_of_birth > today:
        errors["date_of_birth"] = _("The date of birth cannot be in the future.")
    elif age_on(date_of_birth, today) > 120:
        errors["date_of_birth"] = _("This date of birth is not plausible.")
    return errors


POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
MAX_HOURS = {"hours_per_week": 168, "hours_per_day": 24}


def normalise_postcode(value: str) -> str:
    return (value or "").replace(" ", "").upper()


def name_errors(first_name: str, last_name: str) -> dict[str, str]:
    errors = {}
    if not (first_name or "").strip():
        errors["first_name"] = _("Enter the first name.")
    if not (last_name or "").strip():
        errors["last_name"] = _("Enter the last name.")
    return errors


def postcode_errors(postcode: str) -> dict[str, str]:
    postcode = normalise_postcode(postcode)
    if postcode and not POSTCODE.fullmatch(postcode):
        return {"postcode": _("Enter a Dutch postcode such as 6511 PP.")}
    return {}


def hours_errors(extra: dict) -> dict[str, str]:
    errors = {}
    for key, most in MAX_HOURS.items():
        value = extra.get(key)
        if value in (None, ""):
            continue
        text = str(value)
        if not text.isdigit() or int(text) > most:
            errors[key] = _("Enter a number of hours.")
    return errors


def referral_person_errors(person: PersonInput, today: date) -> dict[str, list[str]]:
    """Everything wrong with the person of a referral, per field: BSN and date of birth, names,
    postcode and hours. The same checks for a referral on screen, through the API and per row of
    an uploaded file."""
    found = {
        **person_errors(person.bsn, person.date_of_birth, today),
        **name_errors(person.first_name, person.last_name),
        **postcode_errors(person.extra.get("postcode", "")),
        **hours_errors(person.extra),
    }
    return {field: [message] for field, message in found.items()}


# --- the search period (zoektermijn) for young people -----------------------------------------

SEARCH_PERIOD = timedelta(weeks=4)


def search_period_end(start: date) -> date:
    return start + SEARCH_PERIOD


# --- the journey ------------------------------------------------------------------------------

STEPS: dict[str, set[str]] = {
    Phase.REFERRED: {Phase.WELCOME, Phase.INTAKE, Phase.RETURNED},
    Phase.WELCOME: {Phase.INTAKE, Phase.RETURNED},
    Phase.INTAKE: {Phase.FURTHER_DIAGNOSIS, Phase.MAIN_ROUTE, Phase.RETURNED},
    Phase.FURTHER_DIAGNOSIS: {Phase.INTAKE, Phase.MAIN_ROUTE, Phase.RETURNED},
    Phase.MAIN_ROUTE: {Phase.FURTHER_DIAGNOSIS, Phase.AT_WORK, Phase.RETURNED},
    Phase.AT_WORK: {Phase.MAIN_ROUTE, Phase.OUTFLOW, Phase.RETURNED},
    Phase.OUTFLOW: set(),
    Phase.RETURNED: set(),
}


def allowed_steps(phase: str) -> set[str]:
    return STEPS.get(phase, set())


def step_error(
    current: str,
    target: str,
    *,
    sector_group: str = "",
    business_consultant: bool = False,
    reason: str = "",
) -> str | None:
    """Why a step is not allowed, or None."""
    if target not in allowed_steps(current):
        return _("A candidate cannot go from '%(from)s' to '%(to)s'.") % {
            "from": phase_label(current),
            "to": phase_label(target),
        }
    if target == Phase.MAIN_ROUTE and not (sector_group and business_consultant):
        return _("The main route needs a sector group and a consultant bedrijfsdienstverlening.")
    if target == Phase.RETURNED and not reason.strip():
        return _("Give the reason for returning the candidate to the municipality.")
    return None


def phase_label(phase: str) -> str:
    return str(dict(Phase.choices).get(phase, phase))


# --- placements (bijlage B1) ------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PlacementFacts:
    form: str
    start: date
    planned_end: date | None
    with_bbl: bool = False
    extended: bool = False
    employment_contract: bool = False
    refugee: bool = False


REFUGEE_ONLY_FORMS = (EmploymentForm.LANGUAGE_INTERNSHIP, EmploymentForm.ORIENTATION)
FORMS_WITH_PLANNED_END = (
    EmploymentForm.WORK_EXPERIENCE,
    EmploymentForm.DEVELOPMENT,
    *REFUGEE_ONLY_FORMS,
)


def placement_max_end(
    form: str, start: date, *, with_bbl: bool = False, extended: bool = False
) -> date | None:
    """The latest end bijlage B1 allows a placement of this form, or None when it has none: a
    leerwerkplek 6 months (12 with BBL), an ontwikkeltraject one year, a taalstage or
    oriëntatietraject 3 months (6 once extended)."""
    if form == EmploymentForm.WORK_EXPERIENCE:
        return add_months(start, 12 if with_bbl else 6)
    if form == EmploymentForm.DEVELOPMENT:
        return add_months(start, 12)
    if form in REFUGEE_ONLY_FORMS:
        return add_months(start, 6 if extended else 3)
    return None


def placement_errors(p: PlacementFacts) -> dict[str, str]:
    errors: dict[str, str] = {}
    if p.planned_end and p.planned_end < p.start:
        errors["planned_end"] = _("The planned end is before the start.")
        return errors
    latest = placement_max_end(p.form, p.start, with_bbl=p.with_bbl, extended=p.extended)
    if p.form == EmploymentForm.WORK_EXPERIENCE:
        if p.planned_end and latest and p.planned_end > latest:
            errors["planned_end"] = (
                _("A leerwerkplek lasts at most 12 months when combined with BBL.")
                if p.with_bbl
                else _(
                    "A leerwerkplek lasts at most 6 months; only with BBL can it be extended "
                    "by 6 months."
                )
            )
    elif p.form == EmploymentForm.DEVELOPMENT:
        if p.planned_end and latest and p.planned_end > latest:
            errors["planned_end"] = _("An ontwikkeltraject lasts at most one year.")
    elif p.form in REFUGEE_ONLY_FORMS:
        if not p.refugee:
            errors["form"] = _("A taalstage or oriëntatietraject is only for statushouders.")
        if p.planned_end and latest and p.planned_end > latest:
            errors["planned_end"] = _(
                "This lasts 3 months and can be extended once by at most 3 months."
            )
    elif p.form == EmploymentForm.TRIAL and p.employment_contract:
        errors["employment_contract"] = _("A proefplaats has no employment contract.")
    if p.form in FORMS_WITH_PLANNED_END and p.planned_end is None:
        errors.setdefault("planned_end", _("Give the planned end of this placement."))
    return errors


# --- instruments (bijlage B1) -----------------------------------------------------------------

TRAINING_MAX = Decimal("1500.00")
TRAVEL_MIN_KM = Decimal(10)

# Provisional working groups, NOT CBS codes: the statistics delivery later needs the CBS SRG
# "Type voorziening" code of each instrument. The codes in force since verslagmaand januari 2021
# are in CBS, "Richtlijnen Statistiek Re-integratie door Gemeenten (SRG) 2021", versie 1.0
# (11-01-2021), section 2.3, which could not be read in full; the complete list that could be
# read (Regeling statistiek Participatiewet, IOAW en IOAZ 2015, bijlage 2, kenmerk 15, codes
# 01-08 and 99) is superseded. What was found, what is still open and the proposed mapping:
# docs/srg.md. Stored per instrument (Instrument.srg_category), so a later mapping can be applied
# to the records already made.
SRG_CATEGORY: dict[str, str] = {  # by InstrumentKind value
    InstrumentKind.TRAINING: "Scholing en opleiding",
    InstrumentKind.TRAVEL: "Overige voorzieningen gericht op arbeidsinschakeling",
    InstrumentKind.WAGE_SUBSIDY: "Loonkostensubsidie",
    InstrumentKind.WAGE_SUBSIDY_LUMP_SUM: "Loonkostensubsidie",
    InstrumentKind.JOB_COACHING: "Jobcoaching",
    InstrumentKind.EMPLOYER_BONUS: "Overige voorzieningen gericht op arbeidsinschakeling",
    InstrumentKind.PORTABLE_AIDS: "Overige voorzieningen gericht op arbeidsinschakeling",
    InstrumentKind.IPS: "Individuele Plaatsing en Steun",
    InstrumentKind.SHELTERED_WORK: "Beschut werk",
    InstrumentKind.OWNW: "Overige voorzieningen gericht op participatie",
    InstrumentKind.VOUCHERS: "Overige voorzieningen gericht op arbeidsinschakeling",
}


@dataclass(frozen=True)
class InstrumentFacts:
    kind: str
    start: date
    end: date | None
    amount: Decimal | None = None
    distance_km: Decimal | None = None
    wage_value: Decimal | None = None
    job_agreement_indication: bool = False
    training_obstacle_statement: bool = False
    mental_health_treatment: bool = False
    uwv_sheltered_indication: bool = False
    bbl: bool = False
    refugee: bool = False
    single_parent_child_under_5: bool = False
    training_spent_before: Decimal = Decimal(0)


def instrument_max_end(kind: str, start: date, *, exception: bool = False) -> date | None:
    """The latest end bijlage B1 allows an instrument of this kind, or None when it has none:
    training one year (no limit with ``exception``: BBL, refugees or migrants, single parents
    with a child under 5), the lump-sum wage subsidy six months, IPS three years."""
    if kind == InstrumentKind.TRAINING:
        return None if exception else add_months(start, 12)
    if kind == InstrumentKind.WAGE_SUBSIDY_LUMP_SUM:
        return add_months(start, 6)
    if kind == InstrumentKind.IPS:
        return add_months(start, 36)
    return None


def instrument_errors(i: InstrumentFacts) -> dict[str, str]:
    errors: dict[str, str] = {}
    if i.end and i.end < i.start:
        return {"end": _("The end is before the start.")}
    if i.kind == InstrumentKind.TRAINING:
        if i.amount is None:
            errors["amount"] = _("Give the amount of the training.")
        elif i.training_spent_before + i.amount > TRAINING_MAX:
            errors["amount"] = _(
                "Training is at most € 1.500 incl. VAT per candidate; %(spent)s is already spent."
            ) % {"spent": f"€ {i.training_spent_before:.2f}".replace(".", ",")}
        exception = i.bbl or i.refugee or i.single_parent_child_under_5
        latest = instrument_max_end(i.kind, i.start, exception=exception)
        if i.end and latest and i.end > latest:
            errors["end"] = _(
                "Training lasts at most one year, except for BBL, refugees or "
                "migrants, and single parents with a child under 5."
            )
    elif i.kind == InstrumentKind.TRAVEL:
        if i.distance_km is None or i.distance_km <= TRAVEL_MIN_KM:
            errors["distance_km"] = _(
                "Travel costs are only paid when the workplace is more than 10 km from home."
            )
    elif i.kind in (InstrumentKind.WAGE_SUBSIDY, InstrumentKind.WAGE_SUBSIDY_LUMP_SUM):
        if not (i.job_agreement_indication or i.training_obstacle_statement):
            errors["kind"] = _(
                "A wage subsidy needs a job-agreement indication or a verklaring "
                "scholingsbelemmering."
            )
        latest = instrument_max_end(i.kind, i.start)
        if i.kind == InstrumentKind.WAGE_SUBSIDY_LUMP_SUM and (
            i.end is None or (latest is not None and i.end > latest)
        ):
            errors["end"] = _("The lump-sum wage subsidy lasts at most six months.")
    elif i.kind == InstrumentKind.IPS:
        if not i.mental_health_treatment:
            errors["kind"] = _("IPS is only for candidates in mental-health (GGZ) treatment.")
        latest = instrument_max_end(i.kind, i.start)
        if i.end and latest and i.end > latest:
            errors["end"] = _("IPS lasts at most three years.")
    elif i.kind == InstrumentKind.SHELTERED_WORK and not i.uwv_sheltered_indication:
        errors["kind"] = _("Nieuw beschut needs an indication from UWV.")
    if i.amount is not None and i.amount < 0:
        errors["amount"] = _("An amount cannot be negative.")
    if i.wage_value is not None:
        if i.kind not in WAGE_SUBSIDY_KINDS:
            errors["wage_value"] = _("Only a wage subsidy has a wage value.")
        elif not Decimal(0) < i.wage_value <= Decimal(100):
            errors["wage_value"] = _("A wage value is more than 0 and at most 100 %.")
    return errors


WAGE_SUBSIDY_KINDS = (InstrumentKind.WAGE_SUBSIDY, InstrumentKind.WAGE_SUBSIDY_LUMP_SUM)


LUMP_SUM_WAGE_SUBSIDY_SHARE = Decimal("0.50")  # 50% of the statutory minimum wage


# --- activities charged to local choices ------------------------------------------------------

WARN_WHEN_UNITS_LEFT_BELOW = Decimal("0.10")  # warn when less than 10% of bought units remain


def units_warning(bought: Decimal, used: Decimal, charging: Decimal) -> str | None:
    """Warn before the purchased units run out; None when there is room enough."""
    left = bought - used - charging
    if left < 0:
        return _("Only %(left)s units are left of the %(bought)s bought.") % {
            "left": bought - used,
            "bought": bought,
        }
    if bought > 0 and left / bought < WARN_WHEN_UNITS_LEFT_BELOW:
        return _("After this, %(left)s of the %(bought)s bought units are left.") % {
            "left": left,
            "bought": bought,
        }
    return None


# --- dates within the trajectory ----------------------------------------------------------------


def trajectory_date_error(day: date, referred_on: date, closed_on: date | None) -> str | None:
    """Why a record (an activity, a step, a placement, an instrument) cannot carry this date, or
    None: nothing happens in a trajectory before its referral or after its end."""
    if day < referred_on:
        return _("This date is before the referral (%(date)s).") % {
            "date": referred_on.strftime("%d-%m-%Y")
        }
    if closed_on is not None and day > closed_on:
        return _("This date is after the end of the trajectory (%(date)s).") % {
            "date": closed_on.strftime("%d-%m-%Y")
        }
    return None


# --- which local choice an activity may be charged to -------------------------------------------

# The keuzekaart services (CatalogueService.code, on the DVO 2021-2022 and 2024-2025 cards) an
# activity of each kind is bought as. An activity kind that is not here (workshops, training) is
# part of the regional service and is never charged to a local choice.
CHARGEABLE_AS: dict[str, frozenset[str]] = {
    ActivityKind.VERSNELLING: frozenset({"maatwerk-interventies", "de-versnelling"}),
    ActivityKind.SAMEN_STERK: frozenset({"maatwerk-interventies", "samen-sterk-naar-werk"}),
    ActivityKind.ACTIVATION: frozenset({"maatwerk-interventies"}),
    ActivityKind.MULTI_PROBLEM_27: frozenset({"maatwerk-interventies"}),
    ActivityKind.CARE_YOUTH: frozenset({"zorgjongeren"}),
    ActivityKind.PARTICIPATION_COACHING: frozenset({"participatiecoaching"}),
    ActivityKind.TARGET_GROUP: frozenset({"doelgroepbenadering", "screenen-kandidaten"}),
}


def charge_error(
    *,
    kind: str,
    service_code: str,
    choice_municipality_id: int,
    municipality_id: int,
    declared_kind: str = "",
) -> str | None:
    """Why an activity of this kind cannot be charged to this local choice, or None: the choice
    must be the candidate's municipality's, and a keuzekaart service this kind is bought as, or a
    service not on the card whose declared kind of service (``declared_kind``) is this kind.
    (The year of the choice is checked where the choice is looked up.)"""
    if choice_municipality_id != municipality_id:
        return _("This local choice belongs to another municipality than the candidate's.")
    if not service_code:
        if not declared_kind:
            return _(
                "This local choice is not on the keuzekaart and declares no kind of service; no "
                "activity is charged to it."
            )
        if declared_kind == kind:
            return None
        return _("An activity of the kind '%(kind)s' cannot be charged to this local choice.") % {
            "kind": str(dict(ActivityKind.choices).get(kind, kind))
        }
    if service_code not in CHARGEABLE_AS.get(kind, frozenset()):
        return _("An activity of the kind '%(kind)s' cannot be charged to this local choice.") % {
            "kind": str(dict(ActivityKind.choices).get(kind, kind))
        }
    return None


# --- at work ------------------------------------------------------------------------------------


def at_work_error(target: str, has_placement: bool) -> str | None:
    """'Aan het werk' only with a placement of the trajectory, or the figures count work nobody
    can point to."""
    if target == Phase.AT_WORK and not has_placement:
        return _("Record the placement first: 'At work' needs a placement of this trajectory.")
    return None
