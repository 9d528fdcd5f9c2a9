"""The employers screen: every staff member sees the list, WerkBedrijf registers employers, and a
refused registration shows the message next to the field."""

import pytest
from django.urls import reverse

from werkbedrijf.employers.models import Employer
from werkbedrijf.employers.services import register_employer

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def test_employers_list_for_all_staff_and_register_for_werkbedrijf(
    client_for, consultant, case_manager, board_member, employer
):
    for user in (consultant, case_manager, board_member):
        html = client_for(user).get(reverse("employers:list")).content.decode()
        assert 'data-kvk="12345678"' in html
    assert (
        'data-form="employer"'
        not in client_for(case_manager).get(reverse("employers:list")).content.decode()
    )
    client = client_for(consultant)
    invalid = client.post(
        reverse("employers:list"),
        {"name": "Bouw BV", "kvk_number": "1234", "sector_group": "construction_ict"},
    )
    assert invalid.status_code == 400
    assert 'id="id_kvk_number-error"' in invalid.content.decode()
    created = client.post(
        reverse("employers:list"),
        {
            "name": "Bouw BV",
            "kvk_number": "8765 4321",
            "sector_group": "construction_ict",
            "postcode": "6511 pp",
            "contact_name": "Mw. de Vries",
        },
    )
    assert created.status_code == 302
    assert Employer.objects.get(kvk_number="87654321").postcode == "6511PP"
    refused = client_for(case_manager).post(
        reverse("employers:list"),
        {"name": "X", "kvk_number": "11223344", "sector_group": "cleaning"},
    )
    assert refused.status_code == 403
