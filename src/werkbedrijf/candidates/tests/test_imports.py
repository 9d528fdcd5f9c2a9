"""Referring many residents with one CSV or XLSX file: a report per row, valid rows stored, nothing
stored twice, and every bad input of the issue refused with a message."""

import io
import logging
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.accounts.models import Role
from werkbedrijf.candidates import imports, services
from werkbedrijf.candidates.imports import RowStatus, import_referrals
from werkbedrijf.candidates.models import Candidate, JourneyStep, Trajectory
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import is_valid_bsn

pytestmark = pytest.mark.django_db


def reserved_bsns(count: int, start: int = 999991000) -> list[str]:
    found, number = [], start
    while len(found) < count:
        if is_valid_bsn(str(number)):
            found.append(str(number))
        number += 1
    return found


BSN_1, BSN_2, BSN_3 = reserved_bsns(3)
HEADER = [
    "bsn",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "straat",
    "huisnummer",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
    "uitkering_sinds",
    "doelgroepregister",
    "statushouder",
    "warme_overdracht",
    "toelichting",
]


def row(bsn, first="Jan", prefix="", last="Jansen", born="01-05-1990", **overrides):
    values = {
        "bsn": bsn,
        "voornaam": first,
        "tussenvoegsel": prefix,
        "achternaam": last,
        "geboortedatum": born,
        "straat": "Molenstraat",
        "huisnummer": "12",
        "huisnummertoevoeging": "",
        "postcode": "6511 PP",
        "woonplaats": "Nijmegen",
        "telefoon": "024 012 3456",
        "email": "jan@example.org",
        "uitkering_sinds": "2026-03-01",
        "doelgroepregister": "nee",
        "statushouder": "nee",
        "warme_overdracht": "ja",
        "toelichting": "Wil graag aan het werk",
    }
    values.update(overrides)
    return [values[h] for h in HEADER]


def csv_bytes(rows, sep=",", header=HEADER, encoding="utf-8", bom=False) -> bytes:
    def cell(value):
        value = str(value)
        return f'"{value}"' if sep in value or '"' in value else value

    text = "\r\n".join(sep.join(cell(v) for v in r) for r in [header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


@pytest.fixture
def upload(case_manager, nijmegen):
    def run(data: bytes, filename="verwijzingen.csv", actor=None, municipality=None):
        return import_referrals(
            actor=actor or case_manager,
            municipality=municipality or nijmegen,
            uploaded_file_bytes=data,
            filename=filename,
        )

    return run


def test_happy_csv_refers_every_row(upload, nijmegen):
    report = upload(csv_bytes([row(BSN_1), row(BSN_2, first="Fatima", last="El Amrani")]))
    assert [(r.number, r.status) for r in report.rows] == [(2, "created"), (3, "created")]
    assert report.created == report.stored == 2
    candidate = Candidate.objects.get(bsn=BSN_1)
    assert (candidate.postcode, candidate.house_number, candidate.city) == (
        "6511PP",
        12,
        "Nijmegen",
    )
    assert candidate.municipality == nijmegen
    assert candidate.benefit_start_date == date(2026, 3, 1)
    trajectory = candidate.trajectories.get()
    assert trajectory.channel == "upload" and trajectory.warm_handover
    assert trajectory.referral_note == "Wil graag aan het werk"
    assert trajectory.import_key and BSN_1 not in trajectory.import_key
    assert ProcessingLogEntry.objects.filter(record_uuid=trajectory.uuid, action="create").exists()


def test_a_file_with_a_bom_is_read(upload):
    report = upload(csv_bytes([row(BSN_1)], bom=True))
    assert report.created == 1


def test_semicolon_separated_windows_1252_file_is_read(upload):
    data = csv_bytes([row(BSN_1, first="Zoë", last="Brandt; van Os")], sep=";", encoding="cp1252")
    report = upload(data)
    assert report.created == 1, report.rows
    assert Candidate.objects.get(bsn=BSN_1).first_name == "Zoë"
    assert Candidate.objects.get(bsn=BSN_1).last_name == "Brandt; van Os"


def test_headers_in_any_order_and_case_with_only_the_required_columns(upload):
    header = ["Achternaam", "Geboortedatum", "BSN", "Voornaam"]
    report = upload(csv_bytes([["Jansen", "1990-05-01", BSN_1, "Jan"]], header=header))
    assert report.created == 1
    assert Candidate.objects.get(bsn=BSN_1).date_of_birth == date(1990, 5, 1)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_number_and_date_cells_is_read(upload):
    # Excel turns a BSN into a number and a date into a date cell.
    first = row(int(BSN_1), born=date(1985, 2, 3))
    first[HEADER.index("huisnummer")] = 7
    report = upload(xlsx_bytes([first, row(BSN_2)]), filename="verwijzingen.xlsx")
    assert [r.status for r in report.rows] == ["created", "created"]
    assert report.file_format == "xlsx"
    candidate = Candidate.objects.get(bsn=BSN_1)
    assert (candidate.date_of_birth, candidate.house_number) == (date(1985, 2, 3), 7)


def test_a_wrong_column_refuses_the_whole_file_and_names_it(upload):
    header = [("postkode" if h == "postcode" else h) for h in HEADER]
    with pytest.raises(ValidationError) as error:
        upload(csv_bytes([row(BSN_1)], header=header))
    assert "postkode" in error.value.message_dict["file"][0]
    assert not Candidate.objects.exists()


def test_a_file_without_column_names_is_refused_without_quoting_its_values(upload):
    data = csv_bytes([row(BSN_2)], header=row(BSN_1))
    with pytest.raises(ValidationError) as error:
        upload(data)
    assert error.value.error_dict["file"][0].code == "no_header"
    assert BSN_1 not in str(error.value)


def test_a_damaged_xlsx_is_refused(upload):
    with pytest.raises(ValidationError) as error:
        upload(b"PK\x03\x04 not really a workbook", filename="kapot.xlsx")
    assert error.value.error_dict["file"][0].code == "unreadable"


def test_a_missing_required_column_refuses_the_whole_file_and_names_it(upload):
    header = [h for h in HEADER if h != "geboortedatum"]
    data = row(BSN_1)
    del data[HEADER.index("geboortedatum")]
    with pytest.raises(ValidationError) as error:
        upload(csv_bytes([data], header=header))
    assert "geboortedatum" in error.value.message_dict["file"][0]
    assert error.value.error_dict["file"][0].code == "missing_column"


def test_an_empty_file_is_refused(upload):
    with pytest.raises(ValidationError):
        upload(b"\xef\xbb\xbf\r\n")


def test_old_excel_format_is_refused(upload):
    with pytest.raises(ValidationError) as error:
        upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, filename="oud.xls")
    assert error.value.error_dict["file"][0].code == "unsupported_format"


def test_an_empty_row_is_skipped_and_reported(upload):
    empty = [""] * len(HEADER)
    report = upload(csv_bytes([row(BSN_1), empty, row(BSN_2), empty, empty]))
    assert [(r.number, r.status) for r in report.rows] == [
        (2, "created"),
        (3, "empty"),
        (4, "created"),
    ]
    assert report.empty == 1


def test_an_invalid_bsn_row_among_valid_rows_keeps_the_valid_ones(upload, caplog):
    caplog.set_level(logging.DEBUG)
    report = upload(csv_bytes([row(BSN_1), row("123456789"), row(BSN_2)]))
    assert [r.status for r in report.rows] == ["created", "error", "created"]
    assert list(report.rows[1].errors) == ["bsn"]
    assert set(Candidate.objects.values_list("bsn", flat=True)) == {BSN_1, BSN_2}
    for bsn in (BSN_1, BSN_2, "123456789"):
        assert bsn not in caplog.text


def test_every_bad_cell_of_a_row_is_reported_by_its_column(upload):
    bad = row(
        "123456789",
        first="",
        born="31-02-1990",
        huisnummer="12a",
        postcode="ABCD",
        email="geen-adres",
        statushouder="misschien",
    )
    report = upload(csv_bytes([bad]))
    (result,) = report.rows
    assert result.status == RowStatus.ERROR
    assert set(result.errors) == {
        "bsn",
        "voornaam",
        "geboortedatum",
        "huisnummer",
        "postcode",
        "email",
        "statushouder",
    }
    assert not Candidate.objects.exists()


def test_names_with_diacritics_round_trip_exactly(upload):
    report = upload(
        csv_bytes([row(BSN_1, first="Ådne", prefix="ʼt", last="Çelik-ʼt Hooft")], sep=";")
    )
    assert report.rows[0].name == "Ådne ʼt Çelik-ʼt Hooft"
    candidate = Candidate.objects.get(bsn=BSN_1)
    assert (candidate.first_name, candidate.name_prefix, candidate.last_name) == (
        "Ådne",
        "ʼt",
        "Çelik-ʼt Hooft",
    )
    xlsx = xlsx_bytes([row(BSN_2, first="Ådne", last="Çelik-ʼt Hooft")])
    upload(xlsx, filename="namen.xlsx")
    assert Candidate.objects.get(bsn=BSN_2).last_name == "Çelik-ʼt Hooft"


def test_the_same_file_twice_stores_nothing_twice(upload):
    data = csv_bytes([row(BSN_1), row("123456789"), row(BSN_2)])
    upload(data)
    again = upload(data)
    assert [r.status for r in again.rows] == ["already_referred", "error", "already_referred"]
    assert again.created == 0
    assert Candidate.objects.count() == 2 and Trajectory.objects.count() == 2


def test_a_row_imported_before_is_not_referred_again_after_its_return(upload, consultant):
    data = csv_bytes([row(BSN_1)])
    trajectory = Trajectory.objects.get(uuid=upload(data).rows[0].trajectory_uuid)
    services.take_step(actor=consultant, trajectory=trajectory, target="returned", reason="x")
    again = upload(data)
    assert again.rows[0].status == "already_referred"
    assert again.rows[0].trajectory_uuid == trajectory.uuid
    assert Trajectory.objects.count() == 1


def test_a_person_referred_on_screen_is_reported_as_already_referred(
    upload, case_manager, nijmegen
):
    services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=services.PersonInput(BSN_1, "Jan", "Jansen", date(1990, 5, 1)),
    )
    report = upload(csv_bytes([row(BSN_1)]))
    assert report.rows[0].status == "already_referred"
    assert Trajectory.objects.count() == 1


def test_the_same_bsn_twice_in_one_file_is_reported(upload):
    report = upload(csv_bytes([row(BSN_1), row(BSN_1, first="Piet")]))
    assert [r.status for r in report.rows] == ["created", "error"]
    assert "2" in report.rows[1].errors["bsn"][0]


def test_a_date_of_birth_in_the_future_is_refused_for_that_row(upload):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")
    report = upload(csv_bytes([row(BSN_1, born=tomorrow), row(BSN_2)]))
    assert [r.status for r in report.rows] == ["error", "created"]
    assert list(report.rows[0].errors) == ["geboortedatum"]


def test_a_case_manager_of_wijchen_cannot_import_for_nijmegen(upload, make_user, wijchen, nijmegen):
    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    with pytest.raises(AccessDenied):
        upload(csv_bytes([row(BSN_1)]), actor=wijchen_manager, municipality=nijmegen)
    assert not Candidate.objects.exists()


def test_a_policy_adviser_cannot_import(upload, policy_adviser_nijmegen):
    with pytest.raises(AccessDenied):
        upload(csv_bytes([row(BSN_1)]), actor=policy_adviser_nijmegen)


def test_the_template_has_every_column():
    header = imports.template_csv().decode("utf-8-sig").strip().split(";")
    after = HEADER.index("uitkering_sinds") + 1
    assert header == [*HEADER[:after], "soort_uitkering", *HEADER[after:], "huisletter", "gemeente"]


# --- many rows: stored in chunks, one transaction each ---------------------------------------------

BAD_CELLS = (  # a bad row of each kind, by the column its message is reported under
    ("bsn", {"bsn": "123456789"}),
    ("achternaam", {"last": ""}),
    ("geboortedatum", {"born": "31-02-1990"}),
    ("geboortedatum", {"born": "01-01-2090"}),
    ("postcode", {"postcode": "0511 PP"}),
    ("huisnummer", {"huisnummer": "twaalf"}),
    ("email", {"email": "jan@"}),
)


def spread_file(count: int, every: int) -> tuple[bytes, dict[int, str], list[str]]:
    """``count`` rows with a bad one every ``every`` rows (one kind after another, and a BSN
    also on an earlier row): the file, the reported column of each bad row number, and the BSNs
    of the valid rows."""
    bsns = reserved_bsns(count, start=999_500_000)
    rows, bad, valid = [], {}, []
    for n, bsn in enumerate(bsns):
        number = n + 2  # the column names are row 1
        if n % every == every - 1:
            kind = (n // every) % (len(BAD_CELLS) + 1)
            if kind == len(BAD_CELLS):
                rows.append(row(bsns[n - 1], first="Dubbel"))
                bad[number] = "bsn"
                continue
            column, overrides = BAD_CELLS[kind]
            cells = {"last": f"Nummer {n}", **overrides}
            rows.append(row(cells.pop("bsn", bsn), **cells))
            bad[number] = column
            continue
        rows.append(row(bsn, last=f"Nummer {n}"))
        valid.append(bsn)
    return csv_bytes(rows), bad, valid


def test_bad_rows_spread_through_a_file_are_each_reported_and_every_valid_row_stored_once(
    upload, monkeypatch
):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 25)  # many chunks from a file a test can afford
    data, bad, valid = spread_file(400, every=13)
    report = upload(data)
    assert len(report.rows) == 400
    for result in report.rows:
        if result.number in bad:
            assert result.status == RowStatus.ERROR, result
            assert bad[result.number] in result.errors, result.errors
            assert all(result.errors.values())
        else:
            assert result.status == RowStatus.CREATED and not result.errors, result
    assert report.created == len(valid) and report.errors == len(bad)
    assert sorted(Candidate.objects.values_list("bsn", flat=True)) == sorted(valid)
    assert Trajectory.objects.count() == JourneyStep.objects.count() == len(valid)
    stored = {t.uuid for t in Trajectory.objects.all()}
    assert {r.trajectory_uuid for r in report.rows if r.status == "created"} == stored


def test_a_large_file_uploaded_again_stores_nothing_twice(upload, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 25)
    data, bad, valid = spread_file(120, every=11)
    first = upload(data)
    again = upload(data)
    assert again.created == 0 and again.already_referred == len(valid)
    assert again.errors == len(bad)
    assert [r.trajectory_uuid for r in again.rows] == [r.trajectory_uuid for r in first.rows]
    assert Candidate.objects.count() == Trajectory.objects.count() == len(valid)


def test_every_imported_person_has_a_processing_log_entry_about_them(upload, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 25)
    data, _bad, valid = spread_file(80, every=9)
    upload(data)
    entries = ProcessingLogEntry.objects.filter(
        action="create", channel="upload", detail="referral", record_type="candidates.Trajectory"
    )
    assert entries.count() == len(valid)  # one per referral, as a referral on screen writes
    for trajectory in Trajectory.objects.select_related("candidate"):
        (entry,) = entries.filter(record_uuid=trajectory.uuid)
        # The access request finds what is logged about a person by this uuid.
        assert entry.data_subject_uuid == trajectory.candidate.uuid
        assert entry.actor_username.startswith("income")


def test_a_row_is_refused_with_the_message_of_a_referral_on_screen(upload, case_manager, nijmegen):
    born = (timezone.localdate() + timedelta(days=3)).strftime("%d-%m-%Y")
    report = upload(csv_bytes([row(BSN_1, born=born)]))
    with pytest.raises(ValidationError) as on_screen:
        services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=services.PersonInput(
                BSN_1, "Jan", "Jansen", timezone.localdate() + timedelta(days=3)
            ),
        )
    assert report.rows[0].errors == {"geboortedatum": on_screen.value.message_dict["date_of_birth"]}


def test_a_person_registered_with_another_municipality_is_refused_with_the_screens_message(
    upload, case_manager, make_user, wijchen, consultant
):
    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    trajectory = services.refer_candidate(
        actor=wijchen_manager,
        municipality=wijchen,
        person=services.PersonInput(BSN_1, "Jan", "Jansen", date(1990, 5, 1)),
    )
    services.take_step(actor=consultant, trajectory=trajectory, target="returned", reason="x")
    report = upload(csv_bytes([row(BSN_1), row(BSN_2)]))
    assert [r.status for r in report.rows] == ["error", "created"]
    assert report.rows[0].errors == {"bsn": [services.registered_elsewhere_message()]}


def test_a_person_whose_referral_closed_is_referred_again_with_the_new_address(
    upload, case_manager, nijmegen, consultant
):
    trajectory = services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=services.PersonInput(BSN_1, "Jan", "Jansen", date(1990, 5, 1)),
    )
    services.take_step(actor=consultant, trajectory=trajectory, target="returned", reason="x")
    report = upload(csv_bytes([row(BSN_1, straat="Kerkstraat"), row(BSN_2)]))
    assert [r.status for r in report.rows] == ["created", "created"]
    assert Candidate.objects.get(bsn=BSN_1).street == "Kerkstraat"
    assert Trajectory.objects.filter(candidate__bsn=BSN_1).count() == 2


def test_a_chunk_the_database_refuses_is_stored_row_by_row(
    upload, case_manager, nijmegen, monkeypatch
):
    """Someone referred a person of the chunk after its lookups (here: lookups that see nothing):
    the unique BSN refuses the bulk insert, and the rows are then stored one by one, that
    person's reported as already referred."""
    services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=services.PersonInput(BSN_2, "Piet", "Pietersen", date(1980, 1, 1)),
    )
    monkeypatch.setattr(imports, "_known", lambda chunk: ({}, set(), {}))
    report = upload(csv_bytes([row(BSN_1), row(BSN_2), row(BSN_3)]))
    assert [r.status for r in report.rows] == ["created", "already_referred", "created"]
    assert Candidate.objects.get(bsn=BSN_2).first_name == "Piet"
    assert Trajectory.objects.count() == JourneyStep.objects.count() == 3
    assert ProcessingLogEntry.objects.filter(detail="referral").count() == 3


def test_a_chunk_refused_once_is_stored_in_bulk_with_fresh_lookups(
    upload, case_manager, nijmegen, monkeypatch
):
    """The usual race: the other transaction commits while the chunk waits for it, so the second
    attempt sees its referral and stores the rest of the chunk together."""
    services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=services.PersonInput(BSN_2, "Piet", "Pietersen", date(1980, 1, 1)),
    )
    known, calls = imports._known, []

    def stale_once(chunk):
        calls.append(len(chunk))
        return ({}, set(), {}) if len(calls) == 1 else known(chunk)

    monkeypatch.setattr(imports, "_known", stale_once)
    monkeypatch.setattr(imports, "_store_one", None)  # not row by row this time
    report = upload(csv_bytes([row(BSN_1), row(BSN_2), row(BSN_3)]))
    assert calls == [3, 3]
    assert [r.status for r in report.rows] == ["created", "already_referred", "created"]
    assert Trajectory.objects.count() == JourneyStep.objects.count() == 3
