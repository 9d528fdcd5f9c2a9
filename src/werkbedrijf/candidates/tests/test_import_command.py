"""manage.py import_referrals: the upload screen's import from the command line, with the report
per row in Dutch; run twice, it stores nothing twice."""

import io

import pytest
from django.core.management import CommandError, call_command

from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates.models import Candidate, Trajectory
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

BSN_1, BSN_2 = nth_test_bsn(21), nth_test_bsn(22)
FILE = (
    "bsn;voornaam;achternaam;geboortedatum;postcode\r\n"
    f"{BSN_1};Jan;Jansen;01-05-1990;6511 PP\r\n"
    "123456789;Piet;Pietersen;02-06-1985;\r\n"
    f"{BSN_2};Eva;de Wit;1992-11-30;\r\n"
)


@pytest.fixture
def case_manager(make_user, nijmegen):
    return make_user(Role.INCOME_CASE_MANAGER, nijmegen, username="inkomen-nijmegen")


@pytest.fixture
def upload(tmp_path):
    path = tmp_path / "aanmeldingen.csv"
    path.write_text(FILE, encoding="utf-8")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_referrals", *args, stdout=out)
    return out.getvalue()


def test_the_command_refers_the_valid_rows_and_reports_every_row_in_dutch(case_manager, upload):
    output = run(str(upload), "--municipality", "Nijmegen", "--user", "inkomen-nijmegen")

    assert "Aanmeldingen uit aanmeldingen.csv voor Nijmegen:" in output
    assert "Rij 2: Aangemeld – Jan Jansen" in output
    assert "Rij 3: Niet opgeslagen – Piet Pietersen" in output
    assert "    bsn: Dit is geen geldig BSN" in output
    assert "Rij 4: Aangemeld – Eva de Wit" in output
    assert "2 aangemeld, 0 al aangemeld, 1 niet opgeslagen, 0 lege rijen overgeslagen." in output
    assert set(Candidate.objects.values_list("bsn", flat=True)) == {BSN_1, BSN_2}
    assert set(Trajectory.objects.values_list("channel", flat=True)) == {"upload"}
    entries = ProcessingLogEntry.objects.filter(detail="referral", channel="upload")
    assert set(entries.values_list("actor_username", flat=True)) == {"inkomen-nijmegen"}
    assert entries.count() == 2


def test_running_it_again_stores_nothing_twice(case_manager, upload, nijmegen):
    run(str(upload), "--municipality", "GM0268", "--user", "inkomen-nijmegen")
    output = run(str(upload), "--municipality", str(nijmegen.uuid), "--user", "inkomen-nijmegen")

    assert "Rij 2: Al aangemeld – Jan Jansen" in output
    assert "0 aangemeld, 2 al aangemeld, 1 niet opgeslagen" in output
    assert Trajectory.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "Atlantis", "--user", "inkomen-nijmegen"], "Er is geen gemeente"),
        (["--municipality", "Nijmegen", "--user", "niemand"], "Er is geen actief"),
        (["--municipality", "Wijchen", "--user", "inkomen-nijmegen"], "mag geen inwoners"),
    ],
    ids=["unknown-municipality", "unknown-user", "not-allowed"],
)
def test_a_wrong_municipality_or_user_refuses_the_whole_file(
    case_manager, upload, wijchen, args, message
):
    with pytest.raises(CommandError, match=message):
        run(str(upload), *args)
    assert not Candidate.objects.exists()


def test_a_file_with_a_missing_column_is_refused_with_the_reason(case_manager, tmp_path):
    path = tmp_path / "zonder-bsn.csv"
    path.write_text("voornaam;achternaam;geboortedatum\r\nJan;Jansen;01-05-1990\r\n")
    with pytest.raises(CommandError, match="De kolom 'bsn' ontbreekt"):
        run(str(path), "--municipality", "Nijmegen", "--user", "inkomen-nijmegen")
    assert not Candidate.objects.exists()
