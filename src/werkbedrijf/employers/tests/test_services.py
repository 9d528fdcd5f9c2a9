"""Registering an employer: the service refuses an invalid KvK number."""

import pytest
from django.core.exceptions import ValidationError

from werkbedrijf.employers.models import Employer
from werkbedrijf.employers.services import register_employer

pytestmark = pytest.mark.django_db


def test_invalid_kvk_is_refused(consultant):
    with pytest.raises(ValidationError):
        register_employer(actor=consultant, name="X", kvk_number="1234", sector_group="cleaning")
    assert not Employer.objects.exists()
