"""A chain partner (Buurtteam, Zorg, Leerrecht) asks, for its own municipality's residents only,
whether the person is in service at WerkBedrijf, the phase and the one contact person with how to
reach them (council wish 2), and nothing else. Another municipality's resident gets the same
answer as a person who does not exist; every lookup is in the processing log; the BSN is in no
URL and no log line."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import services
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.organisations.models import Team
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

API = "/api/v1"
URL = "/kandidaten/ketenpartner/"
OWN_BSN, OTHER_BSN, CLOSED_BSN, UNKNOWN_BSN = (nth_test_bsn(n) for n in (831, 832, 833, 834))


@pytest.fixture
def chain_partner(make_user, nijmegen):
    user = make_user(Role.CHAIN_PARTNER, nijmegen)
    user.team = Team.objects.get(organisation=nijmegen, kind="neighbourhood")
    user.save(update_fields=["team"])
    return user


@pytest.fixture
def people(case_manager, make_user, wijchen, nijmegen, consultant):
    """Nijmegen's resident in service with a named contact person, Wijchen's resident in service,
    and a Nijmegen resident whose trajectory has closed."""
    consultant.first_name, consultant.last_name = "Carla", "Contactpersoon"
    consultant.email = "carla@werkbedrijf.example"
    consultant.save()
    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    found = {}
    for bsn, actor, municipality in (
        (OWN_BSN, case_manager, nijmegen),
        (OTHER_BSN, wijchen_manager, wijchen),
        (CLOSED_BSN, case_manager, nijmegen),
    ):
        trajectory = services.refer_candidate(
            actor=actor,
            municipality=municipality,
            person=PersonInput(bsn, "Geheime", f"Naam-{bsn[-3:]}", date(1990, 1, 1)),
            referred_on=timezone.localdate() - timedelta(days=30),
        )
        services.assign_contact(
            actor=consultant, candidate=trajectory.candidate, contact=consultant
        )
        found[bsn] = trajectory
    services.take_step(
        actor=consultant,
        trajectory=found[OWN_BSN],
        target="welcome",
        occurred_on=timezone.localdate(),
    )
    services.take_step(
        actor=consultant,
        trajectory=found[CLOSED_BSN],
        target="returned",
        reason="Eerst zorg",
        occurred_on=timezone.localdate(),
    )
    return found


def _answer(html: str) -> str:
    """The page without the per-request CSRF token, to compare two answers."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_own_residents_phase_and_contact_person(people, chain_partner, client_for):
    response = client_for(chain_partner).post(URL, {"bsn": OWN_BSN})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-phase="welcome"' in html
    assert "Carla Contactpersoon" in html and "mailto:carla@werkbedrijf.example" in html
    # Nothing else: not the name, not the BSN (the form does not echo it).
    person = people[OWN_BSN].candidate
    assert person.last_name not in html and OWN_BSN not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_another_municipalitys_resident_is_answered_like_nobody(people, chain_partner, client_for):
    client = client_for(chain_partner)
    answers = {bsn: client.post(URL, {"bsn": bsn}) for bsn in (OTHER_BSN, UNKNOWN_BSN, CLOSED_BSN)}
    assert {r.status_code for r in answers.values()} == {400}
    texts = {_answer(r.content.decode()) for r in answers.values()}
    assert len(texts) == 1
    assert "Bij WerkBedrijf is geen inwoner van Nijmegen met dit BSN in traject." in texts.pop()


def test_every_lookup_is_logged_and_only_the_own_resident_as_data_subject(
    people, chain_partner, client_for
):
    client = client_for(chain_partner)
    for bsn in (OWN_BSN, OTHER_BSN, UNKNOWN_BSN):
        client.post(URL, {"bsn": bsn})
    entries = list(ProcessingLogEntry.objects.filter(actor=chain_partner).order_by("id"))
    assert [e.detail for e in entries] == [
        "chain-partner-lookup",
        "chain-partner-lookup:not-found",
        "chain-partner-lookup:not-found",
    ]
    assert entries[0].data_subject_uuid == people[OWN_BSN].candidate.uuid
    assert entries[1].data_subject_uuid is None and entries[2].data_subject_uuid is None
    assert all(e.purpose and e.legal_basis and e.action == "read" for e in entries)
    assert not any(bsn in e.detail for e in entries for bsn in (OWN_BSN, OTHER_BSN))


def test_an_invalid_bsn_is_refused(chain_partner, client_for):
    response = client_for(chain_partner).post(URL, {"bsn": "123456789"})
    assert response.status_code == 400
    assert "11-proef" in response.content.decode()
    assert not ProcessingLogEntry.objects.filter(actor=chain_partner).exists()


def test_a_bsn_in_the_address_is_ignored(people, chain_partner, client_for):
    response = client_for(chain_partner).get(URL, {"bsn": OWN_BSN})
    assert response.status_code == 200 and "data-chain-answer" not in response.content.decode()


def test_a_chain_partner_sees_nothing_else(people, chain_partner, client_for):
    client = client_for(chain_partner)
    person = people[OWN_BSN].candidate
    for url in (
        reverse("candidates:caseload"),
        reverse("candidates:candidate", args=[person.uuid]),
        reverse("employers:list"),
        reverse("candidates:moves"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("candidates:bsn_search"), {"bsn": OWN_BSN}).status_code == 403
    for path in ("/candidates", f"/candidates/{person.uuid}", "/employers"):
        assert client.get(API + path).status_code == 403, path


def test_other_roles_may_not_use_the_lookup(people, consultant, case_manager, client_for):
    for user in (consultant, case_manager):
        assert client_for(user).post(URL, {"bsn": OWN_BSN}).status_code == 403
        response = client_for(user).post(
            f"{API}/chain-partner-lookups", {"bsn": OWN_BSN}, content_type="application/json"
        )
        assert response.status_code == 403


def test_the_api_answers_the_same(people, chain_partner, client_for):
    client = client_for(chain_partner)

    def ask(bsn):
        return client.post(
            f"{API}/chain-partner-lookups", {"bsn": bsn}, content_type="application/json"
        )

    found = ask(OWN_BSN)
    assert found.status_code == 200
    assert found.json() == {
        "phase": "welcome",
        "phaseLabel": "Kennismaking",
        "contactPerson": {
            "name": "Carla Contactpersoon",
            "organisation": "WerkBedrijf Rijk van Nijmegen",
            "email": "carla@werkbedrijf.example",
        },
    }
    refused = [ask(bsn) for bsn in (OTHER_BSN, UNKNOWN_BSN, CLOSED_BSN)]
    assert {r.status_code for r in refused} == {404}
    bodies = [{k: v for k, v in r.json().items() if k != "instance"} for r in refused]
    assert bodies[0] == bodies[1] == bodies[2]
    assert ask("123456789").status_code == 400
    logged = ProcessingLogEntry.objects.filter(actor=chain_partner, channel="api")
    assert logged.count() == 4


def test_no_contact_person_yet(case_manager, chain_partner, client_for, nijmegen):
    services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput(OWN_BSN, "Nog", "Zonder", date(1990, 1, 1)),
    )
    response = client_for(chain_partner).post(URL, {"bsn": OWN_BSN})
    assert response.status_code == 200
    assert "WerkBedrijf heeft nog geen vast aanspreekpunt genoemd." in response.content.decode()
