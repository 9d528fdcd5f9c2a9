"""The candidate screens: every screen renders for the roles that use it, a record outside the
user's scope answers 404 and a change the user may not make 403; refused steps show the message
and change nothing; lists page by keyset without COUNT; the realisation shows the reference
municipalities' bought, delivered and forecast units."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from werkbedrijf.accounts.models import Role
from werkbedrijf.agreements.models import LocalChoice
from werkbedrijf.candidates import policies, selectors, services
from werkbedrijf.candidates.models import (
    Activity,
    Candidate,
    ContactAssignment,
    JourneyStep,
    Phase,
    Placement,
    SanctionSignal,
    ThreeWayTalk,
    Trajectory,
)
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import page_with_forms
from werkbedrijf.employers.services import register_employer
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn as _bsn

pytestmark = pytest.mark.django_db

BSN = "999990019"
TODAY = timezone.localdate


def _nl(msgid: str, **values) -> str:
    """A message as the Dutch screen shows it (escaped as in HTML)."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return escape(text % values if values else text)


@pytest.fixture
def case_manager_wijchen(make_user, wijchen):
    return make_user(Role.INCOME_CASE_MANAGER, wijchen)


def refer(actor, municipality, bsn=BSN, last_name="Çelik-ʼt Hooft", born=date(1990, 5, 1), **kw):
    return services.refer_candidate(
        actor=actor,
        municipality=municipality,
        person=PersonInput(bsn, "Ådne", last_name, born, extra=kw.pop("extra", {})),
        referred_on=kw.pop("referred_on", date(2026, 1, 5)),
        **kw,
    )


@pytest.fixture
def referred(case_manager, nijmegen):
    return refer(case_manager, nijmegen, warm_handover=True, note="Graag warme overdracht")


@pytest.fixture
def employer(consultant):
    return register_employer(
        actor=consultant, name="Schoon BV", kvk_number="12345678", sector_group="cleaning"
    )


def candidate_url(trajectory):
    return reverse("candidates:candidate", kwargs={"uuid": trajectory.candidate.uuid})


def action_url(name, trajectory, **kwargs):
    return reverse(f"candidates:{name}", kwargs={"uuid": trajectory.uuid, **kwargs})


def step(client, trajectory, target, **data):
    trajectory.refresh_from_db()
    prefix = f"step-{target}"
    payload = {
        f"{prefix}-version": trajectory.lock_version,
        f"{prefix}-occurred_on": data.pop("occurred_on", "2026-02-01"),
    }
    payload.update({f"{prefix}-{key}": value for key, value in data.items()})
    return client.post(action_url("take_step", trajectory, target=target), payload)


# --- who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["consultant", "case_manager"])
def test_caseload_and_candidate_page_render_for_the_roles_that_use_them(
    request, client_for, referred, role
):
    client = client_for(request.getfixturevalue(role))
    listing = client.get(reverse("candidates:caseload"), {"whose": "all"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f'data-candidate="{referred.candidate.uuid}"' in html
    assert "*****0019" in html and BSN not in html  # masked in lists
    page = client.get(candidate_url(referred))
    assert page.status_code == 200
    assert 'data-phase="referred"' in page.content.decode()


def test_a_trajectorys_address_leads_to_its_candidate_logged_as_a_read_of_it(
    client_for, referred, consultant, case_manager_wijchen
):
    """The redirect reads the trajectory's and candidate's UUIDs only, and logs the entry
    get_trajectory writes for the same read; outside the user's scope it is 404."""
    url = reverse("candidates:trajectory", args=[referred.uuid])
    response = client_for(consultant).get(url)
    assert response.status_code == 302 and response["Location"] == candidate_url(referred)
    [entry] = ProcessingLogEntry.objects.filter(actor=consultant, action="read")
    selectors.get_trajectory(consultant, referred.uuid)
    by_the_orm = ProcessingLogEntry.objects.filter(actor=consultant).latest("id")
    fields = ("record_type", "record_uuid", "data_subject_uuid", "purpose", "channel", "detail")
    assert [getattr(entry, f) for f in fields] == [getattr(by_the_orm, f) for f in fields]
    assert (entry.record_uuid, entry.data_subject_uuid) == (referred.uuid, referred.candidate.uuid)
    assert client_for(case_manager_wijchen).get(url).status_code == 404
    assert (
        client_for(consultant)
        .get(reverse("candidates:trajectory", args=[uuid.uuid4()]))
        .status_code
        == 404
    )


def test_wijchen_case_manager_gets_404_for_a_nijmegen_candidate(
    client_for, referred, case_manager_wijchen
):
    client = client_for(case_manager_wijchen)
    assert client.get(candidate_url(referred)).status_code == 404
    assert step(client, referred, "welcome").status_code == 404
    html = client.get(reverse("candidates:caseload")).content.decode()
    assert str(referred.candidate.uuid) not in html
    referred.refresh_from_db()
    assert referred.phase == "referred"


@pytest.mark.parametrize(
    "role", ["dvo_admin", "policy_adviser_nijmegen", "board_member", "functional_admin"]
)
def test_roles_without_candidate_access_see_no_candidate_data(request, client_for, referred, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("candidates:caseload")).status_code == 403
    page = client.get(candidate_url(referred))
    assert page.status_code == 403
    html = page.content.decode()
    assert _nl("Your role does not give access to this page or this action.") in html
    assert (  # and why: who does see a candidate
        _nl(
            "A candidate's personal data are shown only to the staff who work with that "
            "candidate: WerkBedrijf's consultants, the team manager for the team's caseload, and "
            "the municipality's Inkomen case managers for their own residents."
        )
        in html
    )
    assert referred.candidate.last_name not in html and referred.candidate.bsn not in html
    assert client.get(reverse("candidates:trajectory", args=[referred.uuid])).status_code == 403
    assert client.get(reverse("candidates:refer")).status_code == 403
    assert client.get(reverse("candidates:upload")).status_code == 403
    assert client.get(reverse("candidates:income")).status_code == 403
    assert client.post(reverse("candidates:bsn_search"), {"bsn": BSN}).status_code == 403
    assert not ProcessingLogEntry.objects.filter(
        actor=request.getfixturevalue(role), action="read"
    ).exists()


def test_a_case_manager_may_see_but_not_work_on_the_journey(client_for, referred, case_manager):
    client = client_for(case_manager)
    html = client.get(candidate_url(referred)).content.decode()
    assert "data-step=" not in html and 'data-form="note"' not in html
    assert "data-step-details" not in html and 'data-form-on-demand="note"' not in html
    assert step(client, referred, "welcome").status_code == 403
    response = client.post(
        action_url("add_note", referred),
        {"note-theme": "current", "note-text": "x", "note-written_on": "2026-02-01"},
    )
    assert response.status_code == 403
    referred.refresh_from_db()
    assert referred.phase == "referred" and not referred.notes.exists()


def test_every_page_view_of_a_candidate_is_in_the_processing_log(client_for, referred, consultant):
    client_for(consultant).get(candidate_url(referred))
    assert ProcessingLogEntry.objects.filter(
        actor=consultant, action="read", record_uuid=referred.candidate.uuid
    ).exists()


# --- caseload and search -------------------------------------------------------------------------


@pytest.fixture
def many(case_manager, nijmegen):
    return [
        refer(case_manager, nijmegen, bsn=_bsn(100 + i), last_name=f"Achternaam{i:03d}")
        for i in range(60)
    ]


def test_caseload_pages_by_keyset_with_one_count_for_the_total(client_for, consultant, many):
    client = client_for(consultant)
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(reverse("candidates:caseload"), {"whose": "all"})
    html = first.content.decode()
    assert html.count("data-candidate=") == 50
    assert "data-next-page" in html
    assert 'data-total="60"' in html
    assert sum("COUNT(" in q["sql"].upper() for q in first_queries.captured_queries) == 1
    next_href = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "cursor=" in next_href and "page=" not in next_href
    assert "Achternaam" not in next_href  # no personal data in a URL: the cursor is a UUID
    second = client.get(next_href.replace("&amp;", "&"))
    second_html = second.content.decode()
    assert second_html.count("data-candidate=") == 10
    assert "data-next-page" not in second_html
    first_ids = {t.candidate.uuid for t in many[:50]}
    assert not any(f'data-candidate="{u}"' in second_html for u in first_ids)


def test_caseload_query_count_does_not_grow_with_the_rows(client_for, consultant, many):
    client = client_for(consultant)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("candidates:caseload"), {"name": "Achternaam00", "whose": "all"})
    with CaptureQueriesContext(connection) as full:
        client.get(reverse("candidates:caseload"), {"whose": "all"})  # 50 rows

    def counted(queries):
        # Less the page's plan setting (a name search under another collation leaves it out)
        # and the look-up of the database's collation (once per connection).
        return [
            q
            for q in queries.captured_queries
            if "set_config" not in q["sql"] and "pg_database" not in q["sql"]
        ]

    assert len(counted(full)) == len(counted(few))


def test_caseload_filters(client_for, consultant, many, referred):
    client = client_for(consultant)
    url = reverse("candidates:caseload")
    by_name = client.get(url, {"name": "çelik", "whose": "all"}).content.decode()
    assert by_name.count("data-candidate=") == 1
    by_bsn = client.get(url, {"bsn_part": "0019", "whose": "all"}).content.decode()
    assert f'data-candidate="{referred.candidate.uuid}"' in by_bsn
    by_phase = client.get(url, {"phase": "welcome", "whose": "all"}).content.decode()
    assert "data-candidate=" not in by_phase
    young = refer(consultant, referred.municipality, bsn=_bsn(300), born=date(2004, 1, 1))
    by_group = client.get(url, {"focus_group": "under_27", "whose": "all"}).content.decode()
    assert by_group.count("data-candidate=") == 1
    assert f'data-candidate="{young.candidate.uuid}"' in by_group


def test_more_than_four_bsn_digits_are_refused_in_the_get_search(client_for, consultant, referred):
    response = client_for(consultant).get(reverse("candidates:caseload"), {"bsn_part": "990019"})
    html = response.content.decode()
    assert "data-filter-errors" in html and "data-candidate=" not in html


def test_htmx_search_returns_only_the_results(client_for, consultant, referred):
    response = client_for(consultant).get(
        reverse("candidates:caseload"), {"name": "Çel"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and 'id="caseload-results"' in html
    assert "<html" not in html and response["Vary"].count("HX-Request")


def test_full_bsn_search_is_a_post_that_redirects_to_the_uuid(
    client_for, consultant, referred, case_manager_wijchen
):
    response = client_for(consultant).post(reverse("candidates:bsn_search"), {"bsn": BSN})
    assert response.status_code == 302
    assert response["Location"] == candidate_url(referred)
    assert BSN not in response["Location"]
    invalid = client_for(consultant).post(reverse("candidates:bsn_search"), {"bsn": "123456789"})
    assert invalid.status_code == 400
    assert _nl("This is not a valid BSN (it fails the 11-proef).") in invalid.content.decode()
    other = client_for(case_manager_wijchen).post(reverse("candidates:bsn_search"), {"bsn": BSN})
    assert other.status_code == 400 and str(referred.candidate.uuid) not in other.content.decode()


# --- referral ------------------------------------------------------------------------------------


def referral_data(**overrides):
    data = {
        "bsn": BSN,
        "first_name": "Ådne",
        "last_name": "Çelik-ʼt Hooft",
        "date_of_birth": "1990-05-01",
        "postcode": "6511 pp",
        "hours_per_week": "24",
        "sector_wishes": ["cleaning"],
        "available_days": ["mon", "tue"],
        "note": "Wil graag in de schoonmaak werken",
        "warm_handover": "on",
    }
    data.update(overrides)
    return data


def test_case_manager_refers_a_resident_on_the_screen(client_for, case_manager, nijmegen):
    client = client_for(case_manager)
    form = client.get(reverse("candidates:refer"))
    assert form.status_code == 200
    assert 'type="hidden" name="municipality"' in form.content.decode()
    response = client.post(
        reverse("candidates:refer"), referral_data(municipality=str(nijmegen.uuid))
    )
    candidate = Candidate.objects.get(bsn=BSN)
    assert response.status_code == 302 and response["Location"].endswith(f"/{candidate.uuid}/")
    trajectory = candidate.trajectories.get()
    assert trajectory.warm_handover and trajectory.channel == "screen"
    assert candidate.postcode == "6511PP" and candidate.sector_wishes == ["cleaning"]
    assert candidate.municipality == nijmegen


def test_referral_errors_are_shown_next_to_each_field_and_nothing_is_stored(
    client_for, case_manager, nijmegen
):
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    response = client_for(case_manager).post(
        reverse("candidates:refer"),
        referral_data(
            municipality=str(nijmegen.uuid), bsn="123456789", date_of_birth=tomorrow, last_name=""
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("bsn", "date_of_birth", "last_name"):
        assert f'id="id_{field}-error"' in html
        assert f'aria-describedby="id_{field}-error"' in html
    assert _nl("This is not a valid BSN (it fails the 11-proef).") in html
    assert _nl("The date of birth cannot be in the future.") in html
    assert not Candidate.objects.exists()


def test_a_second_active_referral_is_refused_on_the_bsn_field(
    client_for, case_manager, nijmegen, referred
):
    response = client_for(case_manager).post(
        reverse("candidates:refer"), referral_data(municipality=str(nijmegen.uuid))
    )
    assert response.status_code == 400
    assert 'id="id_bsn-error"' in response.content.decode()
    assert Trajectory.objects.count() == 1


def test_case_manager_cannot_refer_for_another_municipality(client_for, case_manager, wijchen):
    response = client_for(case_manager).post(
        reverse("candidates:refer"), referral_data(municipality=str(wijchen.uuid))
    )
    assert response.status_code == 400  # Wijchen is not among the choices
    assert not Candidate.objects.exists()


def test_werkbedrijf_registers_a_young_person_who_starts_the_search_period(
    client_for, consultant, nijmegen
):
    born = date(TODAY().year - 20, 1, 1).isoformat()
    response = client_for(consultant).post(
        reverse("candidates:refer"),
        referral_data(municipality=str(nijmegen.uuid), self_registration="on", date_of_birth=born),
    )
    assert response.status_code == 302
    trajectory = Trajectory.objects.get()
    assert trajectory.channel == "self" and trajectory.search_period_start == TODAY()
    page = client_for(consultant).get(response["Location"]).content.decode()
    end = policies.search_period_end(TODAY())
    assert f'data-search-period-end="{end.isoformat()}"' in page
    assert end.strftime("%d-%m-%Y") in page
    assert 'data-search-period-ended="false"' in page
    assert 'data-focus-group="under_27"' in page


def test_upload_of_referrals_shows_a_report_per_row_and_stores_nothing_twice(
    client_for, case_manager, nijmegen
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        "\ufeffbsn;voornaam;achternaam;geboortedatum;postcode\r\n"
        f"{_bsn(1)};Ådne;Çelik-ʼt Hooft;01-05-1990;6511 PP\r\n"
        "123456789;Piet;Jansen;01-01-1980;\r\n"
        ";;;;\r\n"
        f"{_bsn(2)};Fatima;El Amrani;1985-02-03;\r\n"
    ).encode()
    client = client_for(case_manager)
    assert client.get(reverse("candidates:upload")).status_code == 200

    def upload():
        return client.post(
            reverse("candidates:upload"),
            {
                "municipality": str(nijmegen.uuid),
                "file": SimpleUploadedFile("aanmeldingen.csv", content, "text/csv"),
            },
        )

    html = upload().content.decode()
    assert 'data-created="2"' in html and 'data-errors="1"' in html and 'data-empty="1"' in html
    assert 'data-row="3" data-status="error"' in html
    assert Trajectory.objects.count() == 2
    again = upload().content.decode()
    assert 'data-created="0"' in again and 'data-already-referred="2"' in again
    assert Trajectory.objects.count() == 2


def test_upload_with_a_wrong_column_is_refused_as_a_whole(client_for, case_manager, nijmegen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(case_manager).post(
        reverse("candidates:upload"),
        {
            "municipality": str(nijmegen.uuid),
            "file": SimpleUploadedFile("x.csv", b"bsn,naam\r\n999990019,Piet\r\n", "text/csv"),
        },
    )
    assert response.status_code == 400
    assert 'id="id_file-error"' in response.content.decode()
    assert not Trajectory.objects.exists()


def test_upload_template_has_the_column_names(client_for, case_manager):
    response = client_for(case_manager).get(reverse("candidates:upload_template"))
    assert response.status_code == 200 and b"bsn" in response.content


# --- the journey on screen -----------------------------------------------------------------------


def test_consultant_takes_the_candidate_through_the_journey(
    client_for, consultant, referred, employer
):
    client = client_for(consultant)
    page = page_with_forms(client, candidate_url(referred))
    assert 'data-step="welcome"' in page and 'data-step="returned"' in page
    assert 'data-step="at_work"' not in page  # not allowed from "referred"

    assert step(client, referred, "welcome").status_code == 302
    assert step(client, referred, "intake").status_code == 302
    note = client.post(
        action_url("add_note", referred),
        {"note-theme": "obstacles", "note-text": "Geen rijbewijs", "note-written_on": "2026-02-01"},
    )
    assert note.status_code == 302
    diagnosis = client.post(
        action_url("start_diagnosis", referred),
        {
            "diagnosis-kind": "employee_skills",
            "diagnosis-practical_diagnosis": "on",
            "diagnosis-start": "2026-02-02",
        },
    )
    assert diagnosis.status_code == 302
    referred.refresh_from_db()
    assert referred.phase == "further_diagnosis"
    practical = referred.diagnoses.get()
    assert practical.planned_end == date(2026, 2, 2) + timedelta(weeks=14)

    main = step(
        client,
        referred,
        "main_route",
        sector_group="cleaning",
        business_consultant=str(consultant.uuid),
        occurred_on="2026-03-01",
    )
    assert main.status_code == 302
    placement = client.post(
        action_url("add_placement", referred),
        {
            "placement-employer": str(employer.uuid),
            "placement-form": "work_experience",
            "placement-start": "2026-03-02",
            "placement-planned_end": "2026-09-01",
            "placement-hours_per_week": "24",
        },
    )
    assert placement.status_code == 302
    assert (
        step(client, referred, "at_work", aftercare="on", occurred_on="2026-09-01").status_code
        == 302
    )
    assert step(client, referred, "outflow", occurred_on="2026-10-01").status_code == 302
    referred.refresh_from_db()
    assert referred.phase == "outflow" and referred.aftercare
    assert referred.sector_group == "cleaning" and referred.business_consultant == consultant

    page = client.get(candidate_url(referred)).content.decode()
    assert 'data-phase="outflow"' in page and 'data-active="false"' in page
    for to_phase in ("welcome", "intake", "further_diagnosis", "main_route", "at_work", "outflow"):
        assert f'data-event="step" data-to-phase="{to_phase}"' in page
    assert 'data-event="note" data-theme="obstacles"' in page
    assert 'data-event="placement" data-employment-form="work_experience"' in page
    assert 'data-event="diagnosis"' in page
    assert "data-step=" not in page  # a closed trajectory has no next step


def test_at_work_without_a_placement_asks_for_it_on_screen_and_is_refused_without(
    client_for, consultant, referred
):
    client = client_for(consultant)
    step(client, referred, "intake")
    main = step(
        client,
        referred,
        "main_route",
        sector_group="cleaning",
        business_consultant=str(consultant.uuid),
    )
    assert main.status_code == 302
    page = page_with_forms(client, candidate_url(referred))
    assert "data-needs-placement" in page and 'id="form-at_work"' in page
    response = step(client, referred, "at_work", occurred_on="2026-03-01")
    assert response.status_code == 400
    assert (
        _nl("Record the placement first: 'At work' needs a placement of this trajectory.")
        in response.content.decode()
    )
    referred.refresh_from_db()
    assert referred.phase == "main_route"


def test_a_step_the_journey_does_not_allow_shows_the_error_and_changes_nothing(
    client_for, consultant, referred
):
    response = step(client_for(consultant), referred, "at_work")
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    message = _nl(
        "A candidate cannot go from '%(from)s' to '%(to)s'.",
        **{"from": policies.phase_label("referred"), "to": policies.phase_label("at_work")},
    )
    assert message in html
    referred.refresh_from_db()
    assert referred.phase == "referred" and referred.steps.count() == 1


def test_main_route_without_sector_group_and_consultant_is_refused(
    client_for, consultant, referred
):
    client = client_for(consultant)
    step(client, referred, "intake")
    response = step(client, referred, "main_route")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_step-main_route-sector_group-error"' in html
    assert 'id="id_step-main_route-business_consultant-error"' in html
    referred.refresh_from_db()
    assert referred.phase == "intake"


def test_return_needs_a_reason_and_keeps_the_warm_handover(client_for, consultant, referred):
    client = client_for(consultant)
    refused = step(client, referred, "returned", warm_handover="on")
    assert refused.status_code == 400
    assert 'id="id_step-returned-reason-error"' in refused.content.decode()
    referred.refresh_from_db()
    assert referred.phase == "referred"
    done = step(client, referred, "returned", reason="Eerst zorg nodig", warm_handover="on")
    assert done.status_code == 302
    referred.refresh_from_db()
    assert referred.phase == "returned" and referred.return_warm_handover
    assert referred.return_reason == "Eerst zorg nodig"


def test_a_stale_form_does_not_overwrite_a_newer_step(client_for, consultant, referred):
    client = client_for(consultant)
    stale_version = referred.lock_version
    step(client, referred, "welcome")
    response = client.post(
        action_url("take_step", referred, target="intake"),
        {"step-intake-version": stale_version, "step-intake-occurred_on": "2026-02-01"},
    )
    assert response.status_code == 409  # a conflict, see test_conflicts.py
    referred.refresh_from_db()
    assert referred.phase == "welcome"


def in_main_route(client, trajectory, consultant):
    step(client, trajectory, "intake")
    step(
        client,
        trajectory,
        "main_route",
        sector_group="cleaning",
        business_consultant=str(consultant.uuid),
    )
    trajectory.refresh_from_db()
    return trajectory


def test_leerwerkplek_of_seven_months_without_bbl_is_refused_next_to_the_field(
    client_for, consultant, referred, employer
):
    client = client_for(consultant)
    in_main_route(client, referred, consultant)
    response = client.post(
        action_url("add_placement", referred),
        {
            "placement-employer": str(employer.uuid),
            "placement-form": "work_experience",
            "placement-start": "2026-03-01",
            "placement-planned_end": "2026-10-01",
            "placement-hours_per_week": "24",
        },
    )
    assert response.status_code == 400
    assert 'id="id_placement-planned_end-error"' in response.content.decode()
    assert not Placement.objects.exists()


def test_taalstage_for_someone_who_is_not_a_statushouder_is_refused(
    client_for, consultant, referred, employer
):
    client = client_for(consultant)
    response = client.post(
        action_url("add_placement", referred),
        {
            "placement-employer": str(employer.uuid),
            "placement-form": "language_internship",
            "placement-start": "2026-03-01",
            "placement-planned_end": "2026-05-01",
            "placement-hours_per_week": "16",
        },
    )
    assert response.status_code == 400
    assert _nl("A taalstage or oriëntatietraject is only for statushouders.") in (
        response.content.decode()
    )
    assert not Placement.objects.exists()


def test_instrument_rules_are_shown_next_to_the_fields(client_for, consultant, referred):
    client = client_for(consultant)
    travel = client.post(
        action_url("add_instrument", referred),
        {
            "instrument-kind": "travel",
            "instrument-start": "2026-03-01",
            "instrument-distance_km": "8",
        },
    )
    assert travel.status_code == 400
    assert 'id="id_instrument-distance_km-error"' in travel.content.decode()
    client.post(
        action_url("add_instrument", referred),
        {
            "instrument-kind": "training",
            "instrument-start": "2026-03-01",
            "instrument-amount": "1000",
        },
    )
    over = client.post(
        action_url("add_instrument", referred),
        {
            "instrument-kind": "training",
            "instrument-start": "2026-04-01",
            "instrument-amount": "600",
        },
    )
    assert over.status_code == 400
    assert 'id="id_instrument-amount-error"' in over.content.decode()
    assert referred.instruments.count() == 1


def test_contact_person_handover_is_recorded_with_history(
    client_for, consultant, referred, make_user, werkbedrijf_org
):
    colleague = make_user(Role.CONSULTANT, werkbedrijf_org)
    client = client_for(consultant)
    url = reverse("candidates:assign_contact", kwargs={"uuid": referred.candidate.uuid})
    assert client.post(url, {"contact-contact": str(consultant.uuid)}).status_code == 302
    assert (
        client.post(
            url, {"contact-contact": str(colleague.uuid), "contact-note": "Verlof"}
        ).status_code
        == 302
    )
    assert ContactAssignment.objects.filter(candidate=referred.candidate).count() == 2
    page = client.get(candidate_url(referred)).content.decode()
    assert page.count("data-current-contact") == 1 and "Verlof" in page


def test_refugee_assessment_is_recorded_and_shown(client_for, consultant, nijmegen):
    trajectory = refer(consultant, nijmegen, extra={"refugee": True})
    client = client_for(consultant)
    page = client.get(candidate_url(trajectory)).content.decode()
    assert "data-no-assessment" in page and 'data-focus-group="refugee"' in page
    response = client.post(
        reverse("candidates:record_assessment", kwargs={"uuid": trajectory.candidate.uuid}),
        {
            "assessment-language": "Tigrinya",
            "assessment-completed_on": "2026-01-10",
            "assessment-dutch_level": "A1",
        },
    )
    assert response.status_code == 302
    page = client.get(candidate_url(trajectory)).content.decode()
    assert "data-assessment" in page and "Tigrinya" in page


# --- activities charged to local choices ---------------------------------------------------------


def choice(municipality, code, year):
    return LocalChoice.objects.get(
        municipal_agreement__municipality=municipality,
        municipal_agreement__agreement__title="DVO 2024-2025",
        service__code=code,
        year=year,
        valid_until__isnull=True,
    )


def test_activity_charged_to_a_local_choice_warns_before_the_units_run_out(
    client_for, consultant, case_manager, reference_dvo, nijmegen
):
    client = client_for(consultant)
    # Referred before the activity: nothing is dated before the referral.
    referred = refer(case_manager, nijmegen, referred_on=date(2025, 1, 6))
    bought = choice(nijmegen, "maatwerk-interventies", 2025)  # 265 candidates
    data = {
        "activity-kind": "versnelling",
        "activity-start": "2025-03-01",
        "activity-charge_to": str(bought.uuid),
        "activity-units": "265",
    }
    response = client.post(action_url("add_activity", referred), data, follow=True)
    assert response.status_code == 200
    warning = _nl(
        "After this, %(left)s of the %(bought)s bought units are left.",
        left=Decimal("0.00"),
        bought=Decimal("265.00"),
    )
    assert warning in response.content.decode()
    refused = client.post(action_url("add_activity", referred), {**data, "activity-units": "1"})
    assert refused.status_code == 400
    assert 'id="id_activity-charge_to-error"' in refused.content.decode()
    assert Activity.objects.count() == 1


def test_activity_charged_to_a_choice_beyond_the_tacit_extension_is_refused(
    client_for, consultant, referred, reference_dvo, nijmegen
):
    """Next year is not yet known to be extended: the 2025 choice does not reach it."""
    bought = choice(nijmegen, "maatwerk-interventies", 2025)
    next_year = TODAY().year + 1
    response = client_for(consultant).post(
        action_url("add_activity", referred),
        {
            "activity-kind": "versnelling",
            "activity-start": f"{next_year}-03-01",
            "activity-charge_to": str(bought.uuid),
            "activity-units": "1",
        },
    )
    assert response.status_code == 400
    assert _nl("The municipality did not buy this for %(year)s.", year=next_year) in (
        response.content.decode()
    )
    assert not Activity.objects.exists()


def test_activity_charged_to_a_choice_of_an_earlier_year_of_the_period_is_refused(
    consultant, case_manager, reference_dvo, nijmegen
):
    # Referred in 2024, so the 2025 activity lies within the trajectory: only the year is wrong.
    referred_2024 = refer(case_manager, nijmegen, bsn=_bsn(301), referred_on=date(2024, 6, 1))
    bought = choice(nijmegen, "maatwerk-interventies", 2024)
    with pytest.raises(ValidationError) as refused:
        services.add_activity(
            actor=consultant,
            trajectory=referred_2024,
            kind="versnelling",
            start=date(2025, 3, 1),
            charge_to=bought,
        )
    assert "charge_to" in refused.value.message_dict


# The reference DVO 2024-2025 is adopted and the 2026-2027 one a draft, so from 2026 on the
# 2024-2025 one is extended tacitly (art. 16.1) and Nijmegen's 2025 choices hold this year.


@pytest.fixture
def referred_this_year(case_manager, nijmegen):
    return refer(case_manager, nijmegen, bsn=_bsn(300), referred_on=date(TODAY().year, 1, 1))


def test_activity_this_year_is_charged_to_the_carried_over_choice(
    consultant, referred_this_year, reference_dvo, nijmegen
):
    carried = choice(nijmegen, "maatwerk-interventies", 2025)
    activity, _warning = services.add_activity(
        actor=consultant,
        trajectory=referred_this_year,
        kind="versnelling",
        start=TODAY(),
        charge_to=carried,
    )
    assert activity.charged_to == carried
    assert services.units_used(carried, TODAY().year) == 1
    assert services.units_used(carried) == 0  # 2025's own units are untouched
    assert (
        services.units_bought(
            carried, reference_dvo.period_start, reference_dvo.period_end, TODAY().year
        )
        == carried.quantity
    )


def test_the_activity_form_names_the_choices_carried_over_into_this_year(
    client_for, consultant, referred_this_year, reference_dvo, nijmegen
):
    with translation.override("nl"):
        client = client_for(consultant)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
        html = page_with_forms(client, candidate_url(referred_this_year))
    carried = choice(nijmegen, "maatwerk-interventies", 2025)
    label = _nl(
        "%(service)s (%(year)s, carried over into %(into)s)",
        service=carried.service.name,
        year=2025,
        into=TODAY().year,
    )
    assert label in html
    assert f"{escape(choice(nijmegen, 'maatwerk-interventies', 2024).service.name)} (2024)" in html


def test_a_newer_adopted_dvo_wins_over_the_carried_over_choice(
    consultant, referred_this_year, reference_dvo, nijmegen
):
    from werkbedrijf.agreements.models import AgreementVersion

    AgreementVersion.objects.filter(title="DVO 2026-2027").update(status="adopted")
    with pytest.raises(ValidationError) as refused:
        services.add_activity(
            actor=consultant,
            trajectory=referred_this_year,
            kind="versnelling",
            start=TODAY(),
            charge_to=choice(nijmegen, "maatwerk-interventies", 2025),
        )
    assert "charge_to" in refused.value.message_dict


def test_activity_status_is_completed_on_screen(client_for, consultant, referred):
    activity, _warning = services.add_activity(
        actor=consultant, trajectory=referred, kind="workshop", start=date(2026, 2, 1)
    )
    client = client_for(consultant)
    prefix = f"activity-{activity.uuid}"
    response = client.post(
        reverse("candidates:activity_status", kwargs={"uuid": activity.uuid}),
        {f"{prefix}-status": "completed", f"{prefix}-end": "2026-02-15"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "completed" and activity.end == date(2026, 2, 15)


# --- the Inkomen screen --------------------------------------------------------------------------


def test_inkomen_screen_decides_signals_and_sees_returns_and_talks(
    client_for, consultant, case_manager, referred, nijmegen
):
    signal = services.signal_sanction(
        actor=consultant, trajectory=referred, facts="Drie keer niet verschenen", advice="Maatregel"
    )
    talk = services.plan_talk(actor=consultant, trajectory=referred, planned_on=date(2026, 12, 1))
    other = refer(case_manager, nijmegen, bsn=_bsn(5), last_name="Jansen")
    services.take_step(
        actor=consultant,
        trajectory=other,
        target="returned",
        reason="Zorg eerst",
        warm_handover=True,
    )
    client = client_for(case_manager)
    html = client.get(reverse("candidates:income")).content.decode()
    assert f'data-signal="{signal.uuid}"' in html
    assert f'data-talk="{talk.uuid}"' in html
    assert f'data-return="{other.uuid}"' in html and 'data-warm-handover="true"' in html
    assert "Zorg eerst" in html

    prefix = f"signal-{signal.uuid}"
    url = reverse("candidates:decide_signal", kwargs={"uuid": signal.uuid})
    refused = client.post(
        url, {f"{prefix}-decision": "deviated", f"{prefix}-decided_on": "2026-02-01"}
    )
    assert refused.status_code == 400
    assert f'id="id_{prefix}-reasons-error"' in refused.content.decode()
    decided = client.post(
        url,
        {
            f"{prefix}-decision": "deviated",
            f"{prefix}-reasons": "Eerst een piramidegesprek",
            f"{prefix}-decided_on": "2026-02-01",
        },
    )
    assert decided.status_code == 302
    signal.refresh_from_db()
    assert signal.decision == "deviated" and signal.decided_by == case_manager

    tprefix = f"talk-{talk.uuid}"
    held = client.post(
        reverse("candidates:talk_outcome", kwargs={"uuid": talk.uuid}),
        {f"{tprefix}-held_on": "2026-02-02", f"{tprefix}-outcome": "Afspraken gemaakt"},
    )
    assert held.status_code == 302
    talk.refresh_from_db()
    assert talk.outcome == "Afspraken gemaakt"


def test_only_the_municipality_decides_on_a_signal(
    client_for, consultant, referred, case_manager_wijchen
):
    signal = services.signal_sanction(
        actor=consultant, trajectory=referred, facts="Niet verschenen", advice="Maatregel"
    )
    url = reverse("candidates:decide_signal", kwargs={"uuid": signal.uuid})
    prefix = f"signal-{signal.uuid}"
    data = {
        f"{prefix}-decision": "followed",
        f"{prefix}-reasons": "x",
        f"{prefix}-decided_on": "2026-02-01",
    }
    assert client_for(consultant).post(url, data).status_code == 403
    assert client_for(case_manager_wijchen).post(url, data).status_code == 404
    assert client_for(consultant).get(reverse("candidates:income")).status_code == 403
    signal.refresh_from_db()
    assert signal.decision == ""


def test_a_consultant_signals_and_plans_a_talk_on_the_candidate_page(
    client_for, consultant, case_manager, referred
):
    client = client_for(consultant)
    signalled = client.post(
        action_url("signal_sanction", referred),
        {
            "signal-facts": "Niet verschenen op 3 februari",
            "signal-advice": "Waarschuwing",
            "signal-signalled_on": "2026-02-04",
        },
    )
    assert signalled.status_code == 302
    assert SanctionSignal.objects.filter(trajectory=referred, decision="").exists()
    planned = client.post(action_url("plan_talk", referred), {"talk-planned_on": "2026-12-10"})
    assert planned.status_code == 302
    talk = ThreeWayTalk.objects.get(trajectory=referred)
    assert talk.werkbedrijf_participant == consultant
    html = client_for(case_manager).get(reverse("candidates:income")).content.decode()
    assert f'data-talk="{talk.uuid}"' in html


# --- realisation of local choices ----------------------------------------------------------------


@pytest.fixture
def delivered(reference_dvo, consultant, case_manager, nijmegen):
    """Nijmegen 2025: four maatwerk-interventies, three completed and one running."""
    bought = choice(nijmegen, "maatwerk-interventies", 2025)
    for i in range(4):
        trajectory = refer(
            case_manager,
            nijmegen,
            bsn=_bsn(200 + i),
            last_name=f"R{i}",
            referred_on=date(2025, 1, 6),
        )
        activity, _warning = services.add_activity(
            actor=consultant,
            trajectory=trajectory,
            kind="versnelling",
            start=date(2025, 3, 1),
            charge_to=bought,
        )
        if i < 3:
            services.update_activity_status(
                actor=consultant, activity=activity, status="completed", end=date(2025, 6, 1)
            )
    return bought


def _row(html: str, code: str) -> str:
    start = html.index(f'data-service="{code}"')
    return html[start : html.index(">", start)]


@pytest.mark.parametrize(
    "role", ["consultant", "board_member", "policy_adviser_nijmegen", "case_manager"]
)
def test_realisation_shows_bought_delivered_and_forecast(
    request, client_for, delivered, nijmegen, role
):
    client = client_for(request.getfixturevalue(role))
    response = client.get(
        reverse("candidates:realisation"), {"municipality": str(nijmegen.uuid), "year": 2025}
    )
    assert response.status_code == 200
    row = _row(response.content.decode(), "maatwerk-interventies")
    assert 'data-bought="265.00"' in row
    assert 'data-delivered="3.00"' in row and 'data-in-progress="1.00"' in row
    assert 'data-forecast="4.0"' in row  # the year is over: the forecast is what was used


def test_realisation_2024_is_prorated_to_the_half_year(
    client_for, consultant, reference_dvo, nijmegen
):
    response = client_for(consultant).get(
        reverse("candidates:realisation"), {"municipality": str(nijmegen.uuid), "year": 2024}
    )
    row = _row(response.content.decode(), "maatwerk-interventies")
    assert 'data-bought="65.00"' in row  # 130 bought for 2024, the DVO ran from 1 July


def test_realisation_for_every_reference_municipality(client_for, consultant, reference_dvo):
    from werkbedrijf.reference_data import organisations as orgs

    client = client_for(consultant)
    for code in orgs.MUNICIPALITIES:
        municipality = orgs.municipality(code)
        html = client.get(
            reverse("candidates:realisation"),
            {"municipality": str(municipality.uuid), "year": 2025},
        ).content.decode()
        assert "data-realisation" in html and "data-service=" in html and "data-forecast=" in html


def test_realisation_of_this_year_shows_the_carried_over_choices(
    client_for, consultant, referred_this_year, reference_dvo, nijmegen
):
    carried = choice(nijmegen, "maatwerk-interventies", 2025)
    services.add_activity(
        actor=consultant,
        trajectory=referred_this_year,
        kind="versnelling",
        start=TODAY(),
        charge_to=carried,
    )
    client = client_for(consultant)
    with translation.override("nl"):
        html = client.get(
            reverse("candidates:realisation"),
            {"municipality": str(nijmegen.uuid), "year": TODAY().year},
            HTTP_ACCEPT_LANGUAGE="nl",
        ).content.decode()
    row = _row(html, "maatwerk-interventies")
    assert 'data-carried-over-from="2025"' in row
    assert 'data-bought="265.00"' in row and 'data-in-progress="1.00"' in row
    assert "voortgezet uit 2025" in html and "art. 16.1" in html
    earlier = client.get(
        reverse("candidates:realisation"), {"municipality": str(nijmegen.uuid), "year": 2025}
    ).content.decode()
    assert 'data-in-progress="0"' in _row(earlier, "maatwerk-interventies")
    assert "data-carried-over-from" not in earlier


def test_the_realisation_offers_the_years_up_to_the_present_one(
    client_for, consultant, reference_dvo
):
    html = client_for(consultant).get(reverse("candidates:realisation")).content.decode()
    this_year = TODAY().year
    assert f'<option value="{this_year}" selected>' in html
    assert f'<option value="{this_year + 1}"' not in html


def test_another_municipality_cannot_see_the_realisation(
    client_for, policy_adviser_wijchen, reference_dvo, nijmegen
):
    client = client_for(policy_adviser_wijchen)
    own = client.get(reverse("candidates:realisation"))
    assert own.status_code == 200 and 'data-municipality="GM0296"' in own.content.decode()
    other = client.get(
        reverse("candidates:realisation"), {"municipality": str(nijmegen.uuid), "year": 2025}
    )
    assert other.status_code == 404


def test_steps_are_recorded_with_who_and_when(client_for, consultant, referred):
    step(client_for(consultant), referred, "welcome", reason="Groepsbijeenkomst")
    last = JourneyStep.objects.filter(trajectory=referred).order_by("-id").first()
    assert last.recorded_by == consultant and last.reason == "Groepsbijeenkomst"
    assert last.occurred_on == date(2026, 2, 1)


def test_the_caseload_table_shows_each_column_of_the_trajectory(
    client_for, consultant, case_manager, referred
):
    """The screens read the table as plain rows (selectors.caseload_values): every column still
    shows what the trajectory holds, the return reason of a returned one included."""
    consultant.first_name, consultant.last_name = "Bas", "de Vries"
    consultant.save()
    services.assign_contact(actor=consultant, candidate=referred.candidate, contact=consultant)
    Trajectory.objects.filter(pk=referred.pk).update(business_consultant=consultant)
    done = step(client_for(consultant), referred, "returned", reason="Eerst zorg nodig")
    assert done.status_code == 302
    page = client_for(case_manager).get(reverse("candidates:caseload") + "?closed=on")
    html = page.content.decode()
    row = html[html.index(f'data-candidate="{referred.candidate.uuid}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-phase="returned"' in row
    assert escape("Çelik-ʼt Hooft, Ådne") in row
    assert "*****" + BSN[-4:] in row and BSN not in row
    assert "01-05-1990" in row and "Nijmegen" in row
    assert "Eerst zorg nodig" in row
    assert row.count("Bas de Vries") == 2  # the contact person and the business consultant


# The loop that candidates/partials/caseload_table.html had before its rows were written in
# Python (templatetags/caseload_table.py): the reference markup.
_CASELOAD_ROWS_TEMPLATE = """{% load i18n %}{% for row in rows %}
    <tr class="utrecht-table__row" data-candidate="{{ row.candidate_uuid }}" data-phase="{{ row.phase }}">
      <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link utrecht-link--html-a" href="{% url 'candidates:candidate' row.candidate_uuid %}">{{ row.name }}</a></th>
      <td class="utrecht-table__cell" data-masked-bsn>{{ row.masked_bsn }}</td>
      <td class="utrecht-table__cell">{{ row.date_of_birth|date:"d-m-Y" }}</td>
      <td class="utrecht-table__cell">{{ row.municipality }}</td>
      <td class="utrecht-table__cell">{{ row.phase_label }}<br><span class="app-muted app-small">{% blocktranslate with date=row.phase_since|date:"d-m-Y" %}since {{ date }}{% endblocktranslate %}</span>{% if row.phase == "returned" and row.return_reason %}<br><span class="app-small">{{ row.return_reason|truncatechars:80 }}</span>{% endif %}</td>
      <td class="utrecht-table__cell">{% for code, label in row.focus_groups %}<span class="utrecht-badge-status utrecht-status-badge utrecht-status-badge--neutral" data-focus-group="{{ code }}">{{ label }}</span> {% empty %}–{% endfor %}</td>
      <td class="utrecht-table__cell">{{ row.contact_name|default:"–" }}</td>
      <td class="utrecht-table__cell">{{ row.consultant|default:"–" }}</td>
    </tr>
  {% endfor %}"""


def test_the_caseload_table_rows_are_the_templates_markup():
    """caseload_table_rows writes, byte for byte, what the template's loop wrote: names and
    reasons escaped, a long return reason cut at 80 characters, no focus group, contact person
    or consultant as a dash."""
    from django.template import Context, Template

    from werkbedrijf.candidates.templatetags.caseload_table import caseload_table_rows

    base = {
        "candidate_uuid": uuid.uuid4(),
        "name": 'O\'Brien & <Zonen>, "Ådne" van',
        "masked_bsn": "*****0019",
        "date_of_birth": date(1990, 5, 1),
        "municipality": "Berg en Dal",
        "phase": "main_route",
        "phase_label": Phase.MAIN_ROUTE.label,
        "phase_since": date(2026, 2, 3),
        "return_reason": "",
        "focus_groups": [("refugee", "Statushouder"), ("under_27", "Jonger dan 27 <jaar>")],
        "contact_name": "Bas de Vries",
        "consultant": "A & B",
    }
    rows = [
        base,
        {
            **base,
            "candidate_uuid": uuid.uuid4(),
            "phase": "returned",
            "phase_label": Phase.RETURNED.label,
            "return_reason": "Eerst zorg <nodig> & " + "lang " * 30,
            "focus_groups": [],
            "contact_name": None,
            "consultant": "",
        },
        {**base, "candidate_uuid": uuid.uuid4(), "phase": "returned", "return_reason": None},
    ]
    expected = Template(_CASELOAD_ROWS_TEMPLATE).render(Context({"rows": rows}))
    assert str(caseload_table_rows(rows)) == expected
    assert "sinds 03-02-2026" in expected and "&lt;nodig&gt;" in expected
