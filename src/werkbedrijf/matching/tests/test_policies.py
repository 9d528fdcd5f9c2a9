"""The pure rules of matching: distance, every hard constraint (an excluded candidate never appears,
either way), scores with evidence, relaxation hints, completeness, and the protected attributes
that are never inputs."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbedrijf.matching import policies
from werkbedrijf.matching.policies import CandidateFacts, VacancyFacts

NIJMEGEN = (51.8447, 5.869)  # 6511
WIJCHEN = (51.8087, 5.7278)  # 6601
DRUTEN = (51.8882, 5.6047)  # 6651

LABELS = {"heftruck": "Heftruckcertificaat", "orders-verzamelen": "Orders verzamelen"}


def vacancy(**changes) -> VacancyFacts:
    base = VacancyFacts(
        key="v1",
        location=WIJCHEN,
        occupation="orderpicker",
        sector_group="production_logistics",
        hours_per_week=24,
        days=frozenset({"mon", "tue", "wed"}),
        shifts=frozenset({"day"}),
        start_date=date(2027, 1, 4),
        employment_forms=frozenset({"regular", "work_experience"}),
        driving_licence="B",
        certificates=frozenset({"heftruck"}),
        dutch_level="A2",
        physical_demands=frozenset({"long_standing"}),
        competences_must=frozenset({"orders-verzamelen"}),
        competences_nice=frozenset({"inpakken", "vca-basis"}),
    )
    return replace(base, **changes)


def candidate(**changes) -> CandidateFacts:
    base = CandidateFacts(
        key="c1",
        location=NIJMEGEN,
        in_main_route=True,
        placed=False,
        refugee=False,
        sector_wishes=frozenset({"production_logistics"}),
        occupation_wishes=frozenset({"orderpicker"}),
        competences={
            "orders-verzamelen": ("practical_diagnosis", 3),
            "heftruck": ("certificate", 4),
            "inpakken": ("intake", 2),
        },
        experience_years=2,
        hours_per_week=32,
        days=frozenset({"mon", "tue", "wed", "thu", "fri"}),
        shifts=frozenset({"day", "evening"}),
        max_travel_km=15,
        transport=("bicycle",),
        driving_licences=frozenset({"B"}),
        dutch_level="B1",
        limitations=frozenset(),
        available_from=date(2026, 12, 1),
    )
    return replace(base, **changes)


def test_distance_between_nijmegen_and_wijchen_is_about_ten_km():
    assert 9.5 < policies.distance_km(NIJMEGEN, WIJCHEN) < 11
    assert policies.distance_km(NIJMEGEN, NIJMEGEN) == 0


@given(
    st.tuples(st.floats(50, 54), st.floats(3, 7)),
    st.tuples(st.floats(50, 54), st.floats(3, 7)),
)
def test_distance_is_symmetric_and_not_negative(a, b):
    assert policies.distance_km(a, b) == pytest.approx(policies.distance_km(b, a))
    assert policies.distance_km(a, b) >= 0


def test_pc4_of_a_postcode():
    assert policies.pc4("6511 AB") == "6511"
    assert policies.pc4("6511") == "6511"
    assert policies.pc4("AB") == ""


def test_the_base_pair_is_eligible():
    assert policies.exclusions(candidate(), vacancy()) == []


# Each hard constraint: the candidate it excludes, and the code of the exclusion.
EXCLUDED = {
    "main_route": candidate(in_main_route=False),
    "placed": candidate(placed=True),
    "hours": candidate(hours_per_week=20),
    "hours_unknown": candidate(hours_per_week=None),
    "days": candidate(days=frozenset({"mon", "tue"})),
    "shifts": candidate(shifts=frozenset({"evening"})),
    "distance": candidate(location=DRUTEN, max_travel_km=10),
    "distance_unknown": candidate(max_travel_km=None),
    "licence": candidate(driving_licences=frozenset()),
    "certificate": candidate(competences={"orders-verzamelen": ("intake", 2)}),
    "dutch": candidate(dutch_level="A1"),
    "dutch_unknown": candidate(dutch_level=""),
    "physical": candidate(limitations=frozenset({"long_standing"})),
}


@pytest.mark.parametrize("name", sorted(EXCLUDED))
def test_an_excluded_candidate_never_appears_either_way(name):
    bad = replace(EXCLUDED[name], key="bad")
    good = candidate(key="good")
    v = vacancy()
    assert policies.exclusions(bad, v), name
    assert [c.key for _s, c in policies.rank_candidates(v, [bad, good])] == ["good"]
    assert policies.rank_vacancies(bad, [v, vacancy(key="v2")]) == []


def test_taalstage_only_for_a_statushouder():
    v = vacancy(employment_forms=frozenset({"language_internship"}))
    assert [e.code for e in policies.exclusions(candidate(), v)] == ["employment_form"]
    assert policies.exclusions(candidate(refugee=True), v) == []
    assert policies.rank_candidates(v, [candidate()]) == []
    assert policies.rank_vacancies(candidate(), [v]) == []


def test_a_licence_that_includes_another_counts():
    assert policies.exclusions(candidate(driving_licences=frozenset({"CE"})), vacancy()) == []


def test_evidence_in_dutch_with_weights(settings):
    settings.LANGUAGE_CODE = "nl"
    from django.utils import translation

    with translation.override("nl"):
        match = policies.explain(candidate(), vacancy(), LABELS)
    by_code = {c.code: c for c in match.categories}
    assert sum(c.weight for c in match.categories) == 100
    assert "rijbewijs B gevraagd en aanwezig" in by_code["requirements"].evidence
    assert "Heftruckcertificaat gevraagd en aanwezig" in by_code["requirements"].evidence
    assert "vca-basis (gewenst) ontbreekt" in by_code["competences"].evidence
    assert "praktijkdiagnose, niveau 3" in by_code["competences"].evidence
    assert match.total == policies.total_score(candidate(), vacancy())


def test_a_better_fit_scores_higher():
    near = candidate(key="near", location=WIJCHEN)
    far = candidate(key="far")
    ranked = policies.rank_candidates(vacancy(), [far, near])
    assert [c.key for _s, c in ranked] == ["near", "far"]


def test_relaxation_hint_counts_candidates_just_beyond_their_distance():
    v = vacancy()
    almost = [candidate(key=f"a{i}", max_travel_km=8) for i in range(4)]  # ~10.2 km away
    far = candidate(key="far", location=DRUTEN, max_travel_km=5)
    hints = policies.relaxation_hints(v, [*almost, far, candidate(key="ok")])
    assert hints[0].key == "distance"
    assert hints[0].count == 4
    assert hints[0].message.startswith("+4")


def test_relaxation_hint_for_one_dutch_level_lower():
    hints = policies.relaxation_hints(vacancy(), [candidate(dutch_level="A1")])
    assert [h.key for h in hints] == ["dutch"]


def test_no_hint_for_a_candidate_excluded_twice():
    both = candidate(dutch_level="A1", driving_licences=frozenset())
    assert policies.relaxation_hints(vacancy(), [both]) == []


# --- protected attributes are never inputs ---------------------------------------------------

PERSON = {
    "key": "p1",
    "in_main_route": True,
    "placed": False,
    "refugee": False,
    "postcode": "6511AB",
    "sector_wishes": ["production_logistics"],
    "occupation_wishes": ["orderpicker"],
    "competences": [
        {"code": "orders-verzamelen", "source": "intake", "level": 2},
        {"code": "heftruck", "source": "certificate", "level": 3},
    ],
    "experience_years": 3,
    "hours_per_week": 32,
    "days": ["mon", "tue", "wed", "thu"],
    "shifts": ["day"],
    "max_travel_km": 20,
    "transport": ["bicycle"],
    "driving_licences": ["B"],
    "dutch_level": "B1",
    "limitations": [],
    "available_from": date(2026, 12, 1),
}

protected = st.fixed_dictionaries(
    {
        "first_name": st.text(max_size=20),
        "last_name": st.text(max_size=30),
        "date_of_birth": st.dates(date(1950, 1, 1), date(2009, 1, 1)),
        "sex": st.sampled_from(["M", "V", "X", ""]),
        "nationality": st.sampled_from(["NL", "SY", "ER", "PL", "TR", ""]),
        "country_of_birth": st.sampled_from(["Nederland", "Syrië", "Eritrea", "Marokko"]),
        "health": st.text(max_size=40),
        "focus_groups": st.lists(
            st.sampled_from(["under_27", "over_55", "refugee", "work_limitation"])
        ),
        "street": st.text(max_size=20),
        "house_number": st.integers(1, 999),
        "job_agreement_register": st.booleans(),
    }
)
VACANCIES = [
    vacancy(),
    vacancy(key="v2", dutch_level="", certificates=frozenset(), driving_licence=""),
    vacancy(key="v3", occupation="kok", sector_group="hospitality_care_retail", location=NIJMEGEN),
    vacancy(key="v4", employment_forms=frozenset({"orientation", "regular"}), hours_per_week=40),
]


def _all_scores(person):
    c = policies.candidate_facts(person, NIJMEGEN)
    return [
        (
            policies.total_score(c, v),
            policies.is_eligible(c, v),
            [(x.score, x.evidence) for x in policies.explain(c, v, LABELS).categories],
        )
        for v in VACANCIES
    ]


@settings(max_examples=60, deadline=None)
@given(protected, protected)
def test_changing_protected_attributes_leaves_every_score_unchanged(one, other):
    assert set(one) == set(policies.PROTECTED_FIELDS)
    assert _all_scores({**PERSON, **one}) == _all_scores({**PERSON, **other})


@settings(max_examples=30, deadline=None)
@given(st.booleans())
def test_statushouder_status_weighs_in_no_score(refugee):
    # It only opens the statushouder-only forms (bijlage B1): where the candidate is eligible
    # either way, the score is the same.
    base = policies.candidate_facts({**PERSON, "refugee": False}, NIJMEGEN)
    other = policies.candidate_facts({**PERSON, "refugee": refugee}, NIJMEGEN)
    for v in VACANCIES:
        assert policies.total_score(base, v) == policies.total_score(other, v)


def test_completeness_names_what_is_missing():
    score, missing = policies.completeness(
        {**PERSON, "max_travel_km": None, "experience_years": None}
    )
    assert score < 100
    assert any("reisafstand" in m or "travel" in m for m in missing)
    full, nothing = policies.completeness(
        {**PERSON, "competences": [{"code": str(i)} for i in range(3)], "experience": "x"}
    )
    assert (full, nothing) == (100, [])


KNOWN = {
    "occupations": {"orderpicker"},
    "competences": {"orders-verzamelen"},
    "certificates": {"heftruck"},
}


def _vacancy_data(**changes):
    data = {
        "title": "Orderpicker",
        "postcode": "6601AB",
        "hours_per_week": 24,
        "start_date": date(2027, 1, 4),
        "places": 1,
        "occupation": "orderpicker",
        "employment_forms": ["regular"],
        "competences_must": ["orders-verzamelen"],
        "certificates": ["heftruck"],
    }
    return {**data, **changes}


def _errors(data, today=date(2026, 12, 7)):
    return policies.vacancy_errors(data, today=today, is_new=True, known_pc4=True, **KNOWN)


def test_a_good_vacancy_has_no_errors():
    assert _errors(_vacancy_data()) == {}


def test_vacancy_with_zero_hours_is_refused():
    assert "hours_per_week" in _errors(_vacancy_data(hours_per_week=0))


def test_new_vacancy_starting_in_the_past_is_refused():
    assert "start_date" in _errors(_vacancy_data(start_date=date(2026, 12, 6)))


def test_unknown_competence_code_is_refused():
    errors = _errors(_vacancy_data(competences_must=["vliegen"]))
    assert "vliegen" in errors["competences_must"]


def test_every_bad_field_is_named_at_once():
    errors = _errors(_vacancy_data(hours_per_week=0, start_date=date(2020, 1, 1), title=""))
    assert {"hours_per_week", "start_date", "title"} <= set(errors)


def test_travel_distance_of_500_km_is_refused():
    errors = policies.profile_errors({"max_travel_km": 500}, occupations=set(), competences=set())
    assert "max_travel_km" in errors


def test_proposal_steps():
    assert policies.proposal_step_error("proposed", "introduce", None)
    assert policies.proposal_step_error("proposed", "introduce", True) is None
    assert policies.proposal_step_error("hired", "rejected", True)
    assert policies.proposal_step_error("introduced", "hired", True) is None


# --- the congestion-aware batch ------------------------------------------------------------------


def test_batch_spreads_a_popular_candidate_over_at_most_n_vacancies():
    from werkbedrijf.matching.batch import congestion_aware_shortlists

    star = candidate(key="star", location=WIJCHEN, experience_years=10)
    others = [candidate(key=f"c{i}") for i in range(6)]
    vacancies = [vacancy(key=f"v{i}") for i in range(3)]
    result = congestion_aware_shortlists(vacancies, [star, *others], size=2, per_candidate=1)
    on = [v for v, s in result.shortlists.items() if "star" in {k for k, _s in s.chosen}]
    assert len(on) == 1
    assert all(len(s.chosen) == 2 for s in result.shortlists.values())
    assert all(n <= 1 for n in result.load.values())
    passed = [s for s in result.shortlists.values() if "star" in {k for k, _s in s.passed_over}]
    assert len(passed) == 2


@pytest.mark.parametrize("name", sorted(EXCLUDED))
def test_an_excluded_candidate_is_never_in_the_batch(name):
    from werkbedrijf.matching.batch import congestion_aware_shortlists

    bad = replace(EXCLUDED[name], key="bad", experience_years=30)
    result = congestion_aware_shortlists(
        [vacancy(), vacancy(key="v2")], [bad, candidate(key="good")], size=3, per_candidate=2
    )
    for shortlist in result.shortlists.values():
        assert "bad" not in {k for k, _s in shortlist.chosen}


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3), st.integers(1, 4), st.lists(st.integers(0, 10), min_size=1, max_size=8))
def test_batch_respects_both_limits(per_candidate, size, years):
    from werkbedrijf.matching.batch import congestion_aware_shortlists

    people = [candidate(key=f"c{i}", experience_years=y) for i, y in enumerate(years)]
    vacancies = [vacancy(key=f"v{i}") for i in range(3)]
    result = congestion_aware_shortlists(vacancies, people, size=size, per_candidate=per_candidate)
    assert all(len(s.chosen) <= size for s in result.shortlists.values())
    assert all(n <= per_candidate for n in result.load.values())
    # Every place is filled that the limits allow.
    assert sum(result.load.values()) == min(3 * size, len(people) * min(per_candidate, 3))


# --- the bias monitor --------------------------------------------------------------------------


def _people(group_size, group_proposed, others=40, others_proposed=20):
    from werkbedrijf.matching.bias import Person

    group = [
        Person("Nijmegen", frozenset({"over_55"}), i < group_proposed, False, False)
        for i in range(group_size)
    ]
    rest = [
        Person("Nijmegen", frozenset(), i < others_proposed, False, False) for i in range(others)
    ]
    return group + rest


def _row(rows, group, municipality=""):
    return next(r for r in rows if r.group == group and r.municipality == municipality)


def test_bias_monitor_warns_below_four_fifths():
    from werkbedrijf.matching.bias import monitor

    # 20 of 60 are over 55 (33%); 2 of 22 proposals (9%) is below 4/5 of 33%.
    row = _row(monitor(_people(20, 2)), "over_55")
    assert row.warning
    # 8 of 28 proposals (29%) is above 4/5 of 33% (27%).
    assert not _row(monitor(_people(20, 8)), "over_55").warning


def test_bias_monitor_shows_small_groups_as_less_than_five():
    from werkbedrijf.matching.bias import monitor

    row = _row(monitor(_people(3, 1)), "over_55")
    assert row.population.shown == "< 5"
    assert row.population.shown_share == "–"
    assert not row.warning and row.too_small


@settings(max_examples=60, deadline=None)
@given(
    st.integers(10, 40),
    st.sets(st.sampled_from(["mon", "tue", "wed", "thu", "fri"])),
    st.sets(st.sampled_from(["day", "evening"])),
    st.sampled_from(["", "A1", "A2", "B1", "native"]),
    st.integers(1, 30),
    st.sets(st.sampled_from(["long_standing", "heavy_lifting"])),
    st.sets(st.sampled_from(["B", "BE", "C", "CE"])),
    st.sets(st.sampled_from(["heftruck", "vca-basis", "orders-verzamelen"])),
    st.sampled_from([NIJMEGEN, WIJCHEN, DRUTEN, None]),
    st.booleans(),
    st.sampled_from([(True, False), (False, False), (True, True)]),
)
def test_the_batch_narrowing_is_exactly_the_hard_constraints(
    hours, days, shifts, dutch, km, limits, licences, codes, location, refugee, journey
):
    from werkbedrijf.matching.batch import Narrowing

    c = candidate(
        hours_per_week=hours if hours > 12 else None,
        days=frozenset(days),
        shifts=frozenset(shifts),
        dutch_level=dutch,
        max_travel_km=km if km > 2 else None,
        location=location,
        refugee=refugee,
        in_main_route=journey[0],
        placed=journey[1],
        limitations=frozenset(limits),
        driving_licences=frozenset(licences),
        competences=dict.fromkeys(codes, ("certificate", 3)),
    )
    for v in [
        *VACANCIES,
        vacancy(driving_licence="C", certificates=frozenset({"vca-basis"})),
        vacancy(employment_forms=frozenset({"language_internship"})),
        vacancy(employment_forms=frozenset()),
    ]:
        # Exact both ways: the narrowing is the batch's eligibility.
        assert (Narrowing([c]).maybe_eligible(v) == [c]) == policies.is_eligible(c, v)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([NIJMEGEN, WIJCHEN, DRUTEN, (51.83, 5.71), None]),
            st.one_of(st.none(), st.integers(0, 12)),
            st.sets(st.sampled_from(["orders-verzamelen", "heftruck", "inpakken", "vca-basis"])),
            st.sampled_from([None, 5, 10, 15, 25]),
            st.sampled_from([None, 20, 24, 32, 40]),
            st.sampled_from([None, date(2026, 12, 1), date(2027, 3, 1)]),
            st.sets(st.sampled_from(["orderpicker", "kok"])),
        ),
        max_size=30,
    ),
    st.integers(1, 8),
)
def test_the_batch_ranking_over_arrays_equals_its_definition(people, limit):
    """Narrowing.best: the eligible counted and the best ranked as sorting every eligible pair by
    policies.total_score does, ties by key."""
    from werkbedrijf.matching.batch import Narrowing

    facts = [
        candidate(
            key=f"c{i:02d}",
            location=location,
            experience_years=years,
            competences=dict.fromkeys(codes, ("intake", 2)),
            max_travel_km=km,
            hours_per_week=hours,
            available_from=available,
            occupation_wishes=frozenset(occupations),
        )
        for i, (location, years, codes, km, hours, available, occupations) in enumerate(people)
    ]
    narrow = Narrowing(facts)
    for v in [*VACANCIES, vacancy(competences_must=frozenset(), competences_nice=frozenset())]:
        plain = sorted(
            (policies.total_score(c, v), c.key) for c in facts if policies.is_eligible(c, v)
        )
        plain.sort(key=lambda pair: (-pair[0], pair[1]))
        assert narrow.best(v, limit) == (len(plain), plain[:limit])


# --- the fast paths give the same results ------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.floats(51.7, 51.95), st.floats(5.5, 6.1)),
    st.integers(1, 40),
    st.integers(0, 12),
    st.sets(st.sampled_from(["orders-verzamelen", "heftruck", "inpakken", "vca-basis"])),
    st.integers(1, 30),
    st.sampled_from(["", "A1", "A2", "B1"]),
    st.sets(st.sampled_from(["B", "C"])),
)
def test_fast_eligibility_and_score_equal_their_definitions(
    location, hours, years, codes, km, dutch, licences
):
    """is_eligible (a loop), total_score (added in a loop) and distance_km (cached) answer exactly
    what the plain definitions do: no rule and no score changed for speed."""
    c = candidate(
        location=location,
        hours_per_week=hours,
        experience_years=years,
        competences=dict.fromkeys(codes, ("intake", 2)),
        max_travel_km=km,
        dutch_level=dutch,
        driving_licences=frozenset(licences),
    )
    for v in VACANCIES:
        assert policies.is_eligible(c, v) == (not policies.exclusions(c, v))
        plain = sum(policies.WEIGHTS[k] * f(c, v) for k, f in policies.SCORERS.items())
        assert policies.total_score(c, v) == round(plain * 100 / 100, 1)
        assert policies.distance_km(c.location, v.location) == policies.distance_km.__wrapped__(
            c.location, v.location
        )
        found = policies.exclusions(c, v)
        only = policies._only_exclusion(c, v)
        single = (found[0].code, found[0].hint) if len(found) == 1 else None
        assert ((only.code, only.hint) if only else None) == single


# --- the status of a vacancy -----------------------------------------------------------------


STATUSES = ["open", "on_hold", "filled", "withdrawn"]
ALLOWED = {
    ("open", "on_hold"),
    ("open", "filled"),
    ("open", "withdrawn"),
    ("on_hold", "open"),
    ("on_hold", "filled"),
    ("on_hold", "withdrawn"),
    ("filled", "open"),
}


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("new", STATUSES)
def test_a_vacancy_changes_status_only_as_the_transitions_allow(current, new):
    error = policies.vacancy_status_error(current, new)
    assert (error is None) == ((current, new) in ALLOWED)


def test_a_withdrawn_vacancy_stays_withdrawn_and_says_why():
    assert "nieuwe vacature" in policies.vacancy_status_error("withdrawn", "open")
    assert "al aangehouden" in policies.vacancy_status_error("on_hold", "on_hold")
    assert "vervuld" in policies.vacancy_status_error("filled", "withdrawn")
    assert policies.vacancy_status_error("open", "closed") == "Kies uit de lijst."
