"""The DVO 2024-2025 as the documents hold it, and the people who record its delivery."""

import pytest

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import ExtraWork, LocalChoice
from werkbedrijf.organisations.models import Organisation


@pytest.fixture
def manager(make_user, werkbedrijf_org):
    return make_user(Role.MANAGER, werkbedrijf_org)


@pytest.fixture
def coach(make_user, werkbedrijf_org):
    return make_user(Role.CONSULTANT, werkbedrijf_org)


@pytest.fixture
def berg_en_dal(reference_dvo):
    return Organisation.objects.get(cbs_code="GM1945")


@pytest.fixture
def choice(reference_dvo):
    """choice(code or custom name, year, cbs) -> that municipality's choice in the DVO 2024-2025."""

    def find(name: str, year: int = 2025, cbs: str = "GM0268") -> LocalChoice:
        qs = LocalChoice.objects.filter(
            municipal_agreement__agreement=reference_dvo,
            municipal_agreement__municipality__cbs_code=cbs,
            year=year,
            valid_until__isnull=True,
        )
        by_code = qs.filter(service__code=name)
        return by_code.get() if by_code.exists() else qs.get(custom_name=name)

    return find


@pytest.fixture
def detainee_work(reference_dvo):
    """Nijmegen's meerwerk: 0,8 fte in the team for (ex-)detainees, in 2024."""
    return ExtraWork.objects.get(
        municipal_agreement__agreement=reference_dvo, description__contains="gedetineerden"
    )
