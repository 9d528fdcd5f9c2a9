"""utils.copy writes rows with COPY as bulk_create would: defaults for what a row leaves out, a new
uuid per row, and a refused row refusing the whole COPY with Django's IntegrityError."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from werkbedrijf.candidates.models import Candidate
from werkbedrijf.utils.copy import copy_rows, reserve_ids

from .test_imports import reserved_bsns

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]

BSN_1, BSN_2 = reserved_bsns(2, start=999994000)


def test_rows_with_different_fields_get_the_defaults_of_the_rest(nijmegen):
    ids = reserve_ids(Candidate, 2)
    base = {"first_name": "Jan", "last_name": "Jansen", "date_of_birth": date(1990, 5, 1)}
    copy_rows(
        Candidate,
        [
            {"id": ids[0], "bsn": BSN_1, "municipality_id": nijmegen.pk, **base},
            {
                "id": ids[1],
                "bsn": BSN_2,
                "municipality_id": nijmegen.pk,
                "name_prefix": "van",
                "sector_wishes": ["zorg"],
                **base,
            },
        ],
    )
    first, second = Candidate.objects.filter(pk__in=ids).order_by("pk")
    assert (first.pk, second.pk) == tuple(ids)
    assert first.uuid != second.uuid
    assert (first.name_prefix, second.name_prefix) == ("", "van")
    assert (first.sector_wishes, second.sector_wishes) == ([], ["zorg"])
    assert first.lock_version == 1 and first.created_at is not None
    assert first.refugee is False and first.house_number is None


def test_a_refused_row_refuses_the_copy_as_an_integrity_error(nijmegen):
    row = {
        "bsn": BSN_1,
        "first_name": "Jan",
        "last_name": "Jansen",
        "date_of_birth": date(1990, 5, 1),
        "municipality_id": nijmegen.pk,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_rows(Candidate, [{**row, "id": pk} for pk in reserve_ids(Candidate, 2)])
    assert not Candidate.objects.filter(bsn=BSN_1).exists()
