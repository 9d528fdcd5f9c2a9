"""The upload reads the column names municipal systems and BRP exports use, remembers a mapping an
organisation confirmed, and takes a `gemeente` column so one file can hold residents of several
municipalities, each row checked against what the uploader may refer."""

import pytest
from django.core.exceptions import ValidationError

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates import imports
from werkbedrijf.candidates.imports import RowStatus, import_referrals, match_header
from werkbedrijf.candidates.models import ImportColumnMapping, Trajectory

from .test_imports import reserved_bsns

pytestmark = pytest.mark.django_db

BSN_1, BSN_2, BSN_3, BSN_4 = reserved_bsns(4, start=999993000)


def csv_bytes(header, rows) -> bytes:
    lines = [";".join(header)] + [";".join(r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def run(actor, municipality, data, **kwargs):
    return import_referrals(
        actor=actor,
        municipality=municipality,
        uploaded_file_bytes=data,
        filename="bestand.csv",
        **kwargs,
    )


BRP_HEADER = [
    "01.01.20 Burgerservicenummer",
    "01.02.10 Voornamen",
    "01.02.30 Voorvoegsel geslachtsnaam",
    "01.02.40 Geslachtsnaam",
    "01.03.10 Geboortedatum",
    "08.11.10 Straatnaam",
    "08.11.20 Huisnummer",
    "08.11.30 Huisletter",
    "08.11.40 Huisnummertoevoeging",
    "08.11.60 Postcode",
    "08.11.70 Woonplaatsnaam",
]


def test_usual_variants_and_brp_element_names_are_recognised():
    header = ["Voornamen", "geslachtsnaam", "PC", "e-mail", "Burgerservicenummer", *BRP_HEADER]
    found = {m.raw: m.column.header for m in match_header(header) if m.column}
    assert found["Voornamen"] == "voornaam"
    assert found["geslachtsnaam"] == "achternaam"
    assert found["PC"] == "postcode"
    assert found["e-mail"] == "email"
    assert found["01.02.40 Geslachtsnaam"] == "achternaam"
    assert found["01.02.30 Voorvoegsel geslachtsnaam"] == "tussenvoegsel"
    assert found["08.11.30 Huisletter"] == "huisletter"
    assert {m.how for m in match_header(header)} == {"variant", "exact"}
    assert imports.needs_confirmation(match_header(header))
    assert not imports.needs_confirmation(match_header(["bsn", "voornaam", "achternaam"]))


def test_a_brp_style_export_is_imported(case_manager, nijmegen):
    data = csv_bytes(
        BRP_HEADER,
        [
            [
                BSN_1,
                "Jan Pieter",
                "van",
                "Dijk",
                "19900501",
                "Molenstraat",
                "12",
                "A",
                "bis",
                "6511PP",
                "Nijmegen",
            ]
        ],
    )
    # BRP dates are jjjjmmdd: not one of the upload's formats, reported per row
    report = run(case_manager, nijmegen, data)
    assert report.errors == 1 and "geboortedatum" in report.rows[0].errors
    data = data.replace(b"19900501", b"1990-05-01")
    report = run(case_manager, nijmegen, data)
    assert report.created == 1, report.rows[0].errors
    candidate = Trajectory.objects.get(uuid=report.rows[0].trajectory_uuid).candidate
    assert (candidate.first_name, candidate.name_prefix, candidate.last_name) == (
        "Jan Pieter",
        "van",
        "Dijk",
    )
    assert (candidate.house_number, candidate.house_number_suffix) == (12, "Abis")
    assert candidate.postcode == "6511PP"


def test_an_unknown_column_is_refused_until_the_organisation_confirms_it(case_manager, nijmegen):
    data = csv_bytes(
        ["Sofi", "Roepnaam", "Achternaam", "Geboortedatum", "Klantnummer"],
        [[BSN_2, "Jan", "Jansen", "01-05-1990", "K-123"]],
    )
    with pytest.raises(ValidationError) as refused:
        run(case_manager, nijmegen, data)
    assert refused.value.error_dict["file"][0].code == "unknown_column"
    matches = match_header(["Sofi", "Roepnaam", "Achternaam", "Geboortedatum", "Klantnummer"])
    chosen = {"sofi": "bsn", "roepnaam": "voornaam", "klantnummer": ""}
    imports.remember_mapping(case_manager, matches, chosen)
    assert set(
        ImportColumnMapping.objects.filter(organisation=nijmegen).values_list("header", "column")
    ) == {("sofi", "bsn"), ("roepnaam", "voornaam"), ("klantnummer", "")}
    report = run(case_manager, nijmegen, data)
    assert report.created == 1
    remembered = match_header(
        ["Sofi", "Roepnaam", "Klantnummer"], imports.remembered_mapping(case_manager)
    )
    assert [m.how for m in remembered] == ["remembered", "remembered", "ignored"]
    assert not imports.needs_confirmation(remembered)


def test_a_mapping_is_remembered_per_organisation(case_manager, consultant, nijmegen):
    matches = match_header(["Sofi"])
    imports.remember_mapping(case_manager, matches, {"sofi": "bsn"})
    assert imports.remembered_mapping(case_manager) == {"sofi": "bsn"}
    assert imports.remembered_mapping(consultant) == {}


def test_a_choice_that_is_no_upload_column_is_refused(case_manager):
    with pytest.raises(ValidationError) as refused:
        imports.remember_mapping(case_manager, match_header(["Sofi"]), {"sofi": "salaris"})
    assert "sofi" in refused.value.message_dict
    assert not ImportColumnMapping.objects.exists()


def test_a_confirmed_mapping_for_one_upload_without_remembering(case_manager, nijmegen):
    data = csv_bytes(
        ["Sofi", "voornaam", "achternaam", "geboortedatum"],
        [[BSN_3, "Jan", "Jansen", "01-05-1990"]],
    )
    assert run(case_manager, nijmegen, data, mapping={"sofi": "bsn"}).created == 1
    assert not ImportColumnMapping.objects.exists()


GEMEENTE_HEADER = ["bsn", "voornaam", "achternaam", "geboortedatum", "gemeente"]


def test_a_regional_user_refers_residents_of_several_municipalities(consultant, nijmegen, wijchen):
    data = csv_bytes(
        GEMEENTE_HEADER,
        [
            [BSN_1, "Jan", "Jansen", "01-05-1990", "Nijmegen"],
            [BSN_2, "Piet", "Pietersen", "01-05-1991", "GM0296"],
            [BSN_3, "Kees", "Klaassen", "01-05-1992", "Atlantis"],
            [BSN_4, "Anna", "Aalders", "01-05-1993", ""],
        ],
    )
    report = run(consultant, None, data)
    assert [r.status for r in report.rows] == [
        RowStatus.CREATED,
        RowStatus.CREATED,
        RowStatus.ERROR,
        RowStatus.ERROR,
    ]
    assert "gemeente" in report.rows[2].errors and "gemeente" in report.rows[3].errors
    municipalities = {
        t.candidate.last_name: t.municipality
        for t in Trajectory.objects.filter(import_key__gt="").select_related("candidate")
    }
    assert municipalities == {"Jansen": nijmegen, "Pietersen": wijchen}
    # The same file again: nothing twice.
    again = run(consultant, None, data)
    assert again.created == 0 and again.already_referred == 2


def test_a_case_manager_refers_only_her_own_residents_from_a_regional_file(
    case_manager, nijmegen, wijchen
):
    data = csv_bytes(
        GEMEENTE_HEADER,
        [
            [BSN_1, "Jan", "Jansen", "01-05-1990", "gemeente Nijmegen"],
            [BSN_2, "Piet", "Pietersen", "01-05-1991", "Wijchen"],
            [BSN_3, "Kees", "Klaassen", "01-05-1992", ""],
        ],
    )
    report = run(case_manager, nijmegen, data)
    assert [r.status for r in report.rows] == [
        RowStatus.CREATED,
        RowStatus.ERROR,
        RowStatus.CREATED,  # no gemeente: the municipality chosen for the file
    ]
    assert "Wijchen" in report.rows[1].errors["gemeente"][0]
    assert not Trajectory.objects.filter(municipality=wijchen).exists()


def test_without_municipality_the_file_needs_the_gemeente_column(consultant):
    data = csv_bytes(GEMEENTE_HEADER[:4], [[BSN_1, "Jan", "Jansen", "01-05-1990"]])
    with pytest.raises(ValidationError) as refused:
        run(consultant, None, data)
    assert refused.value.error_dict["file"][0].code == "no_municipality"


def test_who_may_refer_for_no_municipality_may_not_upload_a_regional_file(policy_adviser_nijmegen):
    data = csv_bytes(GEMEENTE_HEADER, [[BSN_1, "Jan", "Jansen", "01-05-1990", "Nijmegen"]])
    with pytest.raises(AccessDenied):
        run(policy_adviser_nijmegen, None, data)


# --- the screen -----------------------------------------------------------------------------------


def _post_file(client, content: bytes, municipality=None):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = {"file": SimpleUploadedFile("export.csv", content, "text/csv")}
    if municipality is not None:
        data["municipality"] = str(municipality.uuid)
    return client.post(reverse("candidates:upload"), data)


def test_the_screen_asks_to_confirm_the_columns_then_imports_and_remembers(
    client_for, case_manager, nijmegen, make_user
):
    from django.urls import reverse

    from werkbedrijf.accounts.models import Role
    from werkbedrijf.candidates.models import StagedUpload

    content = csv_bytes(
        ["Sofi", "Voornamen", "Geslachtsnaam", "Geboortedatum", "Klantnummer"],
        [[BSN_1, "Jan", "Jansen", "01-05-1990", "K-1"]],
    )
    client = client_for(case_manager)
    step = _post_file(client, content, nijmegen)
    html = step.content.decode()
    assert step.status_code == 200 and "data-column-mapping" in html
    assert not Trajectory.objects.exists()
    [staged] = StagedUpload.objects.all()
    # Voornamen and Geslachtsnaam are proposed; Sofi and Klantnummer are for the user to choose.
    assert 'value="voornaam" selected' in html and 'value="achternaam" selected' in html
    form = {
        "staged": str(staged.uuid),
        "remember": "on",
        "column_0": "bsn",
        "column_1": "voornaam",
        "column_2": "achternaam",
        "column_3": "",
    }
    # Another user cannot confirm (or see) the held file.
    other = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    assert client_for(other).post(reverse("candidates:upload"), form).status_code == 404
    done = client.post(reverse("candidates:upload"), form)
    assert done.status_code == 200
    assert 'data-created="1"' in done.content.decode()
    assert not StagedUpload.objects.exists()
    assert imports.remembered_mapping(case_manager) == {
        "sofi": "bsn",
        "voornamen": "voornaam",
        "geslachtsnaam": "achternaam",
        "klantnummer": "",
    }
    # The next file with the same names goes straight through.
    again = _post_file(client, content, nijmegen).content.decode()
    assert "data-column-mapping" not in again and 'data-already-referred="1"' in again


def test_a_confirmation_that_leaves_a_required_column_out_is_refused(
    client_for, case_manager, nijmegen
):
    from django.urls import reverse

    from werkbedrijf.candidates.models import StagedUpload

    content = csv_bytes(
        ["Sofi", "voornaam", "achternaam", "geboortedatum"],
        [[BSN_2, "Jan", "Jansen", "01-05-1990"]],
    )
    client = client_for(case_manager)
    _post_file(client, content, nijmegen)
    staged = StagedUpload.objects.get()
    response = client.post(
        reverse("candidates:upload"), {"staged": str(staged.uuid), "column_0": ""}
    )
    assert response.status_code == 400
    assert "data-column-mapping" in response.content.decode()
    assert not Trajectory.objects.exists()
    assert StagedUpload.objects.filter(pk=staged.pk).exists()


def test_a_large_file_is_imported_by_a_background_job_with_its_report(
    client_for, case_manager, nijmegen, monkeypatch, django_capture_on_commit_callbacks
):
    from werkbedrijf.candidates.models import StagedUpload
    from werkbedrijf.jobs.models import Job, JobStatus

    monkeypatch.setattr(imports, "BACKGROUND_FROM_ROWS", 2)
    content = csv_bytes(
        ["bsn", "voornaam", "achternaam", "geboortedatum"],
        [
            [BSN_1, "Jan", "Jansen", "01-05-1990"],
            [BSN_2, "Piet", "", "01-05-1991"],
            [BSN_3, "Kees", "Klaassen", "01-05-1992"],
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_file(client_for(case_manager), content, nijmegen)
    html = response.content.decode()
    assert response.status_code == 200 and "data-import-job" in html
    job = Job.objects.get()
    assert job.kind == "candidates.import_referrals" and job.user == case_manager
    assert job.status == JobStatus.DONE, job.error
    assert job.outcome == {"created": 2, "already_referred": 0, "errors": 1, "empty": 0}
    assert Trajectory.objects.count() == 2
    assert not StagedUpload.objects.exists()
    report = job.result.read().decode("utf-8-sig").splitlines()
    assert len(report) == 4 and report[2].startswith("3;Piet;") and "achternaam" in report[2]


def test_a_file_never_confirmed_is_deleted_after_a_day(case_manager, consultant, nijmegen):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    from werkbedrijf.candidates.models import StagedUpload

    long_ago = timezone.now() - timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=long_ago):
        old = imports.stage(
            actor=case_manager, municipality=nijmegen, uploaded_file_bytes=b"x", filename="a.csv"
        )
    new = imports.stage(
        actor=consultant, municipality=None, uploaded_file_bytes=b"y", filename="b.csv"
    )
    assert set(StagedUpload.objects.values_list("pk", flat=True)) == {new.pk}
    assert old.pk not in set(StagedUpload.objects.values_list("pk", flat=True))
    assert imports.staged_upload(case_manager, new.uuid) is None  # not hers
    assert imports.staged_upload(consultant, new.uuid) == new


# --- the same through the API ------------------------------------------------------------------


def _api(client, path, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {k: v for k, v in fields.items() if k != "content"}
    data["file"] = SimpleUploadedFile("bestand.csv", fields["content"])
    return client.post(f"/api/v1/referrals/{path}", data)


VARIANT_HEADER = ["bsn", "voornamen", "geslachtsnaam", "geboortedatum", "opmerking"]


def test_the_api_tells_how_the_columns_are_understood_and_stores_nothing(client_for, case_manager):
    content = csv_bytes(VARIANT_HEADER, [[BSN_1, "Jan", "Jansen", "01-05-1990", "x"]])
    response = _api(client_for(case_manager), "upload-columns", content=content)
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(c["name"], c["column"], c["how"]) for c in body["columns"]] == [
        ("bsn", "bsn", "exact"),
        ("voornamen", "voornaam", "variant"),
        ("geslachtsnaam", "achternaam", "variant"),
        ("geboortedatum", "geboortedatum", "exact"),
        ("opmerking", None, "unknown"),
    ]
    assert body["needsConfirmation"] is True
    assert not Trajectory.objects.exists()
    values_first = csv_bytes([BSN_1, "Jan", "Jansen", "01-05-1990"], [])
    refused = _api(client_for(case_manager), "upload-columns", content=values_first)
    assert refused.status_code == 400 and BSN_1 not in refused.content.decode()


def test_the_api_imports_with_a_confirmed_mapping_and_remembers_it(
    client_for, case_manager, nijmegen
):
    import json

    content = csv_bytes(VARIANT_HEADER, [[BSN_1, "Jan", "Jansen", "01-05-1990", "x"]])
    client = client_for(case_manager)
    municipality = str(nijmegen.uuid)
    # Without a word about "opmerking" the file is refused whole, as before.
    assert _api(client, "upload", content=content, municipality=municipality).status_code == 400
    wrong = _api(
        client,
        "upload",
        content=content,
        municipality=municipality,
        mapping=json.dumps({"Opmerking": "schoenmaat"}),
    )
    assert wrong.status_code == 400 and "mapping" in str(wrong.json())
    assert not Trajectory.objects.exists()
    done = _api(
        client,
        "upload",
        content=content,
        municipality=municipality,
        mapping=json.dumps({"Opmerking": ""}),
        rememberMapping="true",
    )
    assert done.status_code == 200, done.content
    assert done.json()["created"] == 1
    assert ImportColumnMapping.objects.filter(header="opmerking", column="").exists()
    again = _api(client, "upload-columns", content=content).json()
    assert again["columns"][4]["how"] == "ignored" and again["needsConfirmation"] is False


def test_a_large_file_through_the_api_answers_its_background_job(
    client_for, case_manager, nijmegen, monkeypatch, django_capture_on_commit_callbacks
):
    from werkbedrijf.jobs.models import Job, JobStatus

    monkeypatch.setattr(imports, "BACKGROUND_FROM_ROWS", 2)
    content = csv_bytes(
        ["bsn", "voornaam", "achternaam", "geboortedatum"],
        [
            [BSN_1, "Jan", "Jansen", "01-05-1990"],
            [BSN_2, "Piet", "Pietersen", "01-05-1991"],
            [BSN_3, "Kees", "Klaassen", "01-05-1992"],
        ],
    )
    client = client_for(case_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _api(client, "upload", content=content, municipality=str(nijmegen.uuid))
    assert response.status_code == 202, response.content
    job = Job.objects.get(uuid=response.json()["job"])
    assert job.status == JobStatus.DONE, job.error
    assert job.outcome["created"] == 3 and Trajectory.objects.count() == 3
    assert client.get(f"/api/v1/jobs/{job.uuid}").status_code == 200
