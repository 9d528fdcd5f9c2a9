"""Synthetic vacancies, work profiles and proposals on top of the synthetic population: every
proposal is of a candidate whom no hard constraint excludes, and the bias monitor shows them."""

import pytest
from django.utils import timezone

from werkbedrijf.candidates import synthetic as population
from werkbedrijf.matching import bias, policies, selectors, synthetic
from werkbedrijf.matching.models import Proposal, Vacancy

pytestmark = pytest.mark.django_db


def test_demo_matching_data_and_the_bias_monitor(region, consultant):
    population.generate_population("demo", seed=2026, count=60)
    assert synthetic.generate_vacancies(30) == 30
    assert synthetic.generate_work_profiles() > 0
    made = synthetic.generate_proposals(vacancies=30)
    assert made == Proposal.objects.count()
    assert made > 0
    coords = selectors.coordinates()
    facts = {c.key: c for c in selectors.active_candidate_facts(coords)}
    for proposal in Proposal.objects.select_related("vacancy__occupation", "candidate"):
        v = selectors.vacancy_facts(proposal.vacancy, coords)
        assert policies.is_eligible(facts[str(proposal.candidate.uuid)], v)
    assert Vacancy.objects.filter(synthetic=True).count() == 30
    year, quarter = bias.quarter_of(timezone.localdate())
    rows = selectors.bias_monitor(consultant, year, quarter)
    region_rows = [r for r in rows if r.municipality == ""]
    assert len(region_rows) == len(bias.GROUPS)
    assert any(r.population.count for r in region_rows)


def test_demo_certificates_come_from_completed_certifying_trainings(region):
    from werkbedrijf.matching.models import ObtainedCertificate

    population.generate_population("demo", seed=2026, count=200)
    made = synthetic.generate_certificates()
    assert made > 0 and made == ObtainedCertificate.objects.count()
    today = timezone.localdate()
    for record in ObtainedCertificate.objects.select_related("activity", "certificate"):
        training = record.activity
        assert training.status == "completed" and training.trajectory_id == record.trajectory_id
        assert record.obtained_on == training.end <= today
        assert record.certificate.code == synthetic.CERTIFICATE_OF_TRAINING[training.name]
    assert synthetic.generate_certificates() == 0  # safe to run again
