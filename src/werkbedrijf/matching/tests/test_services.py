"""Vacancies, work profiles, the match lists both ways and the decisions on a proposal, with
every refusal the issue names: nothing half-written, a Dutch message, the processing log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates.models import Placement
from werkbedrijf.matching import selectors, services
from werkbedrijf.matching.models import Competence, Proposal, Vacancy, WorkProfile
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.exceptions import ConflictError

from .conftest import vacancy_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _messages(exc: ValidationError) -> dict:
    return {k: " ".join(v) for k, v in exc.message_dict.items()}


# --- the catalogue and the PC4 table ------------------------------------------------------------


def test_catalogue_covers_the_six_sector_groups(catalogue):
    from werkbedrijf.employers.models import SectorGroup
    from werkbedrijf.matching.models import Occupation, PostcodeArea

    groups = set(Occupation.objects.values_list("sector_group", flat=True))
    assert groups == set(SectorGroup.values)
    municipalities = set(PostcodeArea.objects.values_list("municipality", flat=True))
    assert len(municipalities) == 7


def test_loading_the_catalogue_twice_doubles_nothing(catalogue):
    before = Competence.objects.count()
    from werkbedrijf.matching.catalogue import load_matching_reference_data

    load_matching_reference_data()
    assert Competence.objects.count() == before


ESCO_HEADER = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels\n"


def test_esco_import_adds_concepts(catalogue, tmp_path):
    path = tmp_path / "skills_nl.csv"
    path.write_text(
        ESCO_HEADER
        + "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/abc-123,skill/competence,"
        "sector-specific,heftruck besturen,\n",
        encoding="utf-8",
    )
    call_command("import_esco", str(path), "--sector-group", "production_logistics")
    skill = Competence.objects.get(code="esco-abc-123")
    assert skill.label == "heftruck besturen"
    assert skill.sector_group == "production_logistics"


def test_esco_import_with_a_wrong_header_writes_nothing(catalogue, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("naam,code\nheftruck,1\n", encoding="utf-8")
    before = Competence.objects.count()
    with pytest.raises(CommandError, match="geen CSV-export van ESCO"):
        call_command("import_esco", str(path))
    assert Competence.objects.count() == before


def test_esco_import_in_another_encoding_writes_nothing(catalogue, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (ESCO_HEADER + "KnowledgeSkillCompetence,http://x/skill/1,s,r,brood bakken é,\n").encode(
            "latin-1"
        )
    )
    before = Competence.objects.count()
    with pytest.raises(CommandError, match="niet in UTF-8"):
        call_command("import_esco", str(path))
    assert Competence.objects.count() == before


def test_esco_import_with_one_bad_row_writes_nothing(catalogue, tmp_path):
    path = tmp_path / "half.csv"
    path.write_text(
        ESCO_HEADER
        + "KnowledgeSkillCompetence,http://x/skill/good,s,r,goed,\n"
        + "Onzin,http://x/skill/bad,s,r,fout,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="regel 3"):
        call_command("import_esco", str(path))
    assert not Competence.objects.filter(code="esco-good").exists()


# --- vacancies -----------------------------------------------------------------------------------


def test_consultant_enters_a_vacancy(vacancy, consultant):
    assert vacancy.status == "open"
    assert vacancy.postcode == "6601AB"
    assert ProcessingLogEntry.objects.filter(record_uuid=vacancy.uuid, action="create").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours_per_week": 0}, "hours_per_week", "meer dan 0"),
        ({"start_date": timezone.localdate() - timedelta(days=1)}, "start_date", "verleden"),
        ({"competences_must": ["vliegen"]}, "competences_must", "Onbekende competentiecode"),
        ({"certificates": ["rijbewijs-ruimteschip"]}, "certificates", "Onbekende certificaatcode"),
        ({"postcode": "9999ZZ"}, "postcode", "postcodetabel"),
        ({"occupation": "astronaut"}, "occupation", "catalogus"),
    ],
)
def test_bad_vacancy_is_refused_with_a_dutch_message(
    catalogue, consultant, employer, changes, field, message
):
    with pytest.raises(ValidationError) as caught:
        services.create_vacancy(actor=consultant, employer=employer, **vacancy_data(**changes))
    assert message in _messages(caught.value)[field]
    assert not Vacancy.objects.exists()


def test_case_manager_cannot_enter_a_vacancy(catalogue, case_manager, employer):
    with pytest.raises(AccessDenied):
        services.create_vacancy(actor=case_manager, employer=employer, **vacancy_data())


# --- work profiles ------------------------------------------------------------------------------


def test_travel_distance_of_500_km_is_refused(make_candidate, consultant):
    candidate = make_candidate(profile=False)
    with pytest.raises(ValidationError) as caught:
        services.save_work_profile(actor=consultant, candidate=candidate, max_travel_km=500)
    assert "hoogstens 100 km" in _messages(caught.value)["max_travel_km"]
    assert not WorkProfile.objects.filter(candidate=candidate).exists()


def test_unknown_competence_in_a_profile_is_refused(make_candidate, consultant):
    candidate = make_candidate(profile=False)
    with pytest.raises(ValidationError):
        services.save_work_profile(
            actor=consultant,
            candidate=candidate,
            competences=[{"code": "toveren", "source": "intake", "level": 2}],
        )


def test_saving_a_profile_over_someone_elses_save_is_a_conflict(make_candidate, consultant):
    candidate = make_candidate()
    profile = candidate.work_profile
    services.save_work_profile(
        actor=consultant, candidate=candidate, version=profile.lock_version, hours_per_week=30
    )
    with pytest.raises(ConflictError):
        services.save_work_profile(
            actor=consultant, candidate=candidate, version=profile.lock_version, hours_per_week=20
        )


def test_least_complete_profiles_of_the_caseload(make_candidate, consultant):
    from werkbedrijf.candidates import services as candidate_services

    full = make_candidate()
    empty = make_candidate(profile=False)
    for person in (full, empty):
        candidate_services.assign_contact(actor=consultant, candidate=person, contact=consultant)
    rows = selectors.least_complete_profiles(consultant)
    assert [r.candidate for r in rows] == [empty, full]
    assert rows[0].score == 0 or rows[0].score < rows[1].score
    assert "maximale reisafstand" in rows[0].missing


# --- match lists both ways ---------------------------------------------------------------------


def test_shortlist_shows_the_eligible_with_evidence_and_is_logged(
    vacancy, make_candidate, consultant
):
    good = make_candidate()
    far = make_candidate(postcode="6659AA")  # Wamel, about 17 km from Wijchen
    outside = make_candidate(main_route=False)
    make_candidate(profile=False)
    result = selectors.shortlist(consultant, vacancy)
    shown = [r.candidate for r in result.rows]
    assert shown == [good]
    assert far not in shown and outside not in shown
    evidence = {c.code: c.evidence for c in result.rows[0].match.categories}
    assert "Heftruckcertificaat gevraagd en aanwezig" in evidence["requirements"]
    assert ProcessingLogEntry.objects.filter(
        data_subject_uuid=good.uuid, action="read", detail__startswith="match list"
    ).exists()
    assert any("reisafstand" in h.message for h in result.hints)
    assert result.considered == 2  # in the main route with a work profile


def test_vacancies_for_a_candidate(vacancy, make_candidate, consultant):
    candidate = make_candidate()
    found = selectors.vacancies_for(consultant, candidate)
    assert [m.vacancy for m in found] == [vacancy]
    excluded = make_candidate(profile={"limitations": ["long_standing"]})
    assert selectors.vacancies_for(consultant, excluded) == []


def test_a_placed_candidate_is_not_matched(vacancy, make_candidate, consultant, employer):
    candidate = make_candidate()
    proposal = _hired(vacancy, candidate, consultant)
    assert proposal.status == "hired"
    other = services.create_vacancy(
        actor=consultant, employer=employer, **vacancy_data(title="Tweede")
    )
    assert selectors.shortlist(consultant, other).rows == []
    assert selectors.vacancies_for(consultant, candidate) == []


def test_the_batch_reads_only_matchable_candidates_and_finds_the_same_shortlists(
    vacancy, make_candidate, consultant, employer
):
    """The batch asks the database for candidates in the main route without an open placement
    (the journey's hard constraint); over every active candidate it found the same lists."""
    from werkbedrijf.matching.batch import congestion_aware_shortlists

    good, second = make_candidate(), make_candidate(postcode="6601AB")
    intake = make_candidate(main_route=False)
    placed = make_candidate()
    other = services.create_vacancy(
        actor=consultant, employer=employer, **vacancy_data(title="Tweede")
    )
    _hired(other, placed, consultant)
    coords = selectors.coordinates()
    matchable = {c.key for c in selectors.matchable_candidate_facts(coords)}
    assert matchable == {str(good.uuid), str(second.uuid)}
    assert str(intake.uuid) not in matchable and str(placed.uuid) not in matchable
    open_vacancies = selectors.open_vacancy_facts(coords)
    everyone = congestion_aware_shortlists(
        open_vacancies, selectors.active_candidate_facts(coords), size=2, per_candidate=1
    )
    rows = selectors.batch_shortlists(consultant, size=2, per_candidate=1)
    assert {
        str(r.vacancy.uuid): ([(str(c.uuid), s) for c, s in r.chosen], r.eligible) for r in rows
    } == {k: (s.chosen, s.eligible) for k, s in everyone.shortlists.items()}
    assert any(r.chosen for r in rows)


# --- a human decides ----------------------------------------------------------------------------


def _propose(vacancy, candidate, consultant):
    return services.propose_candidate(
        actor=consultant, vacancy=vacancy, candidate=candidate, reason="Past goed bij de wens"
    )


def _hired(vacancy, candidate, consultant):
    proposal = _propose(vacancy, candidate, consultant)
    proposal = services.record_candidate_view(
        actor=consultant,
        proposal=proposal,
        version=proposal.lock_version,
        view="Wil graag",
        agrees=True,
    )
    proposal = services.introduce(
        actor=consultant, proposal=proposal, version=proposal.lock_version
    )
    return services.record_outcome(
        actor=consultant,
        proposal=proposal,
        version=proposal.lock_version,
        outcome="hired",
        form="regular",
        start=timezone.localdate(),
    )


def test_propose_introduce_and_hire_creates_the_placement(vacancy, make_candidate, consultant):
    candidate = make_candidate()
    proposal = _hired(vacancy, candidate, consultant)
    placement = Placement.objects.get(trajectory__candidate=candidate)
    assert proposal.placement == placement
    assert placement.employer == vacancy.employer
    assert placement.form == "regular"
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"
    details = set(
        ProcessingLogEntry.objects.filter(record_uuid=proposal.uuid).values_list(
            "detail", flat=True
        )
    )
    assert {"proposal", "candidate's view", "introduction", "outcome hired"} <= details


def test_an_excluded_candidate_cannot_be_proposed(vacancy, make_candidate, consultant):
    candidate = make_candidate(profile={"dutch_level": "A1"})
    with pytest.raises(ValidationError) as caught:
        _propose(vacancy, candidate, consultant)
    assert "harde eis" in _messages(caught.value)["candidate"]
    assert not Proposal.objects.exists()


def test_no_hire_without_a_place_left(vacancy, make_candidate, consultant):
    first, second = make_candidate(), make_candidate()
    proposal = _propose(vacancy, second, consultant)
    proposal = services.record_candidate_view(
        actor=consultant, proposal=proposal, version=1, view="Ja", agrees=True
    )
    proposal = services.introduce(actor=consultant, proposal=proposal, version=2)
    _hired(vacancy, first, consultant)
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(
            actor=consultant,
            proposal=proposal,
            version=proposal.lock_version,
            outcome="hired",
            form="regular",
            start=timezone.localdate(),
        )
    assert "geen plaatsen meer" in _messages(caught.value)["outcome"]
    assert Placement.objects.filter(trajectory__candidate=second).count() == 0
    proposal.refresh_from_db()
    assert proposal.status == "introduced"


def test_a_second_decision_on_the_same_version_is_a_conflict(vacancy, make_candidate, consultant):
    proposal = _propose(vacancy, make_candidate(), consultant)
    services.record_candidate_view(
        actor=consultant, proposal=proposal, version=1, view="Ja", agrees=True
    )
    with pytest.raises(ConflictError):
        services.record_candidate_view(
            actor=consultant, proposal=proposal, version=1, view="Nee", agrees=False
        )
    proposal.refresh_from_db()
    assert proposal.candidate_agrees is True


def test_rejection_needs_a_reason(vacancy, make_candidate, consultant):
    proposal = _propose(vacancy, make_candidate(), consultant)
    with pytest.raises(ValidationError) as caught:
        services.record_outcome(actor=consultant, proposal=proposal, version=1, outcome="rejected")
    assert "reden" in _messages(caught.value)["reason"]
    services.record_outcome(
        actor=consultant,
        proposal=proposal,
        version=1,
        outcome="rejected",
        reason="Te weinig ervaring",
    )


def test_introduction_needs_the_candidates_agreement(vacancy, make_candidate, consultant):
    proposal = _propose(vacancy, make_candidate(), consultant)
    with pytest.raises(ValidationError):
        services.introduce(actor=consultant, proposal=proposal, version=1)
