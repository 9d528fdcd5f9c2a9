"""The placement form's employer picker: a search by part of the name or the first digits of the
KvK number (employers:search, htmx), at most 20 matches in a fixed number of queries,
the same search without JavaScript on the candidate's page, and the placement saved with the
employer picked."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.accounts.services import add_backup_codes
from werkbedrijf.candidates import services
from werkbedrijf.candidates.models import Placement
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.tests.forms_on_demand import page_with_forms
from werkbedrijf.employers import selectors
from werkbedrijf.employers.models import Employer
from werkbedrijf.employers.services import register_employer
from werkbedrijf.processing_log.models import ProcessingLogEntry

pytestmark = pytest.mark.django_db

SEARCH = "employers:search"


def _nl(msgid: str, plural: str | None = None, n: int | None = None, **values) -> str:
    with translation.override("nl"):
        text = translation.ngettext(msgid, plural, n) if plural else translation.gettext(msgid)
    return escape(text % values if values else text)


@pytest.fixture
def referred(make_user, nijmegen):
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    return services.refer_candidate(
        actor=case_manager,
        municipality=nijmegen,
        person=PersonInput("999990019", "Ådne", "Çelik-ʼt Hooft", date(1990, 5, 1)),
        referred_on=date(2026, 1, 5),
    )


def register(consultant, name, kvk, **fields):
    return register_employer(
        actor=consultant, name=name, kvk_number=kvk, sector_group="grey_green", **fields
    )


@pytest.fixture
def groen(consultant):
    return register(
        consultant,
        "Hoveniersbedrijf Groen & Co",
        "12345678",
        city="Wijchen",
        contact_name="Els Wit",
    )


@pytest.fixture
def schoon(consultant):
    return register(consultant, "Schoon BV", "87654321", city="Nijmegen")


def many_bakeries(consultant, count):
    return [register(consultant, f"Bakkerij {n:02d}", f"{40000000 + n}") for n in range(count)]


def offered(html: str) -> list[str]:
    """The uuids of the employers offered as radio buttons, in their order."""
    return re.findall(r'name="placement-employer" value="([0-9a-f-]{36})"', html)


def search(client, q, **extra):
    response = client.get(reverse(SEARCH), {"q": q, **extra}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


# --- the search ----------------------------------------------------------------------------------


def test_search_finds_an_employer_by_a_part_of_its_name_in_any_case(
    client_for, consultant, groen, schoon
):
    client = client_for(consultant)
    assert offered(search(client, "roen &")) == [str(groen.uuid)]
    assert offered(search(client, "SCHOON")) == [str(schoon.uuid)]
    html = search(client, "  hoveniersbedrijf   groen ")  # spaces as typed
    assert offered(html) == [str(groen.uuid)]
    assert "12345678" in html and "Wijchen" in html
    assert _nl("%(found)s employer found.", "%(found)s employers found.", 1, found=1) in html


def test_search_finds_an_employer_by_the_first_digits_of_its_kvk_number(
    client_for, consultant, groen, schoon
):
    client = client_for(consultant)
    assert offered(search(client, "1234")) == [str(groen.uuid)]
    assert offered(search(client, "8765 4321")) == [str(schoon.uuid)]
    assert offered(search(client, "5678")) == []  # the start of the number, not any part
    html = search(client, "99")
    assert _nl("No employer found for “%(query)s”.", query="99") in html


def test_search_returns_at_most_twenty_by_name_and_says_there_are_more(client_for, consultant):
    bakeries = many_bakeries(consultant, 25)
    html = search(client_for(consultant), "bakkerij")
    assert offered(html) == [str(b.uuid) for b in bakeries[: selectors.EMPLOYER_SEARCH_LIMIT]]
    limit = selectors.EMPLOYER_SEARCH_LIMIT
    more = _nl(
        "More than %(limit)s employer found; the first %(limit)s by name are shown. Type more "
        "to narrow the search.",
        "More than %(limit)s employers found; the first %(limit)s by name are shown. Type more "
        "to narrow the search.",
        limit,
        limit=limit,
    )
    assert more in html
    assert more not in search(client_for(consultant), "bakkerij 2")  # 20 to 24: five


def test_one_character_searches_nothing_and_asks_for_more(
    client_for, consultant, groen, django_assert_num_queries
):
    client = client_for(consultant)
    client.get(reverse(SEARCH))  # the session and the user are loaded the same way each time
    with CaptureQueriesContext(connection) as searched:
        search(client, "gr")
    with django_assert_num_queries(len(searched) - 1):  # the same, without the search itself
        html = search(client, "g")
    assert offered(html) == []
    assert (
        _nl("Type at least %(chars)s character.", "Type at least %(chars)s characters.", 2)
        % {"chars": 2}
        in html
    )


def test_search_takes_a_fixed_number_of_queries_however_many_employers_match(
    client_for, consultant, django_assert_num_queries
):
    client = client_for(consultant)
    many_bakeries(consultant, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(offered(search(client, "bakkerij"))) == 2
    for n in range(40):
        register(consultant, f"Bakkerij Z{n}", f"{50000000 + n}")
    with django_assert_num_queries(len(few)):
        assert len(offered(search(client, "bakkerij"))) == selectors.EMPLOYER_SEARCH_LIMIT
    employer_queries = [q["sql"] for q in few if "employers_employer" in q["sql"]]
    assert len(employer_queries) == 1 and "LIMIT 21" in employer_queries[0]
    assert "COUNT(" not in employer_queries[0].upper()


def test_the_employer_already_chosen_stays_when_the_search_changes(
    client_for, consultant, groen, schoon
):
    html = search(client_for(consultant), "schoon", **{"placement-employer": str(groen.uuid)})
    assert offered(html) == [str(groen.uuid), str(schoon.uuid)]
    assert f'value="{groen.uuid}" id="placement-employer-{groen.uuid}" checked' in html
    # not counted as a match
    assert _nl("%(found)s employer found.", "%(found)s employers found.", 1, found=1) in html


def test_the_answer_updates_the_live_region_out_of_band(client_for, consultant, groen):
    html = search(client_for(consultant), "groen")
    assert '<p id="employer-search-status" hx-swap-oob="innerHTML">' in html


def test_search_shows_no_contact_person_and_logs_nothing(client_for, consultant, groen):
    before = ProcessingLogEntry.objects.count()
    html = search(client_for(consultant), "groen")
    assert "Els Wit" not in html
    assert ProcessingLogEntry.objects.count() == before


def test_every_staff_member_may_search_as_on_the_employers_screen(
    client_for, make_user, nijmegen, groen
):
    case_manager = make_user(Role.INCOME_CASE_MANAGER, nijmegen)
    assert offered(search(client_for(case_manager), "groen")) == [str(groen.uuid)]


def test_search_is_refused_without_an_organisation_and_without_logging_in(client, groen):
    bootstrap = User.objects.create_superuser("bootstrap", password="correct horse battery")
    add_backup_codes(bootstrap, ["99999999"])
    from werkbedrijf.conftest import verified_client

    response = verified_client(bootstrap).get(reverse(SEARCH), {"q": "groen"})
    assert response.status_code == 403 and str(groen.uuid) not in response.content.decode()
    anonymous = client.get(reverse(SEARCH), {"q": "groen"})
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]


def test_search_answers_only_get(client_for, consultant):
    assert client_for(consultant).post(reverse(SEARCH), {"q": "groen"}).status_code == 405


# --- the placement form --------------------------------------------------------------------------


def candidate_url(trajectory):
    return reverse("candidates:candidate", kwargs={"uuid": trajectory.candidate.uuid})


def add_placement_url(trajectory):
    return reverse("candidates:add_placement", kwargs={"uuid": trajectory.uuid})


def placement_data(employer, **overrides):
    data = {
        "placement-employer": str(employer.uuid) if employer else "",
        "placement-form": "work_experience",
        "placement-start": "2026-03-02",
        "placement-planned_end": "2026-09-01",
        "placement-hours_per_week": "24",
    }
    data.update(overrides)
    return data


def test_candidate_page_lists_no_employers_until_searched(client_for, consultant, referred):
    bakeries = many_bakeries(consultant, 30)
    html = page_with_forms(client_for(consultant), candidate_url(referred))
    assert 'data-form="placement"' in html and "data-employer-search" in html
    assert offered(html) == [] and str(bakeries[0].uuid) not in html
    assert f'hx-get="{reverse(SEARCH)}"' in html
    assert 'role="status"' in html and 'id="employer-search-status"' in html
    assert '<label class="utrecht-form-label" for="employer-search-q">' in html


def test_without_javascript_the_search_opens_the_page_with_the_matches(
    client_for, consultant, referred, groen, schoon
):
    response = client_for(consultant).get(candidate_url(referred), {"q": "groen"})
    assert response.status_code == 200
    html = response.content.decode()
    form = html[html.index('id="form-placement"') :]
    assert offered(form) == [str(groen.uuid)]
    assert _nl("%(found)s employer found.", "%(found)s employers found.", 1, found=1) in html


def test_placement_is_saved_with_the_picked_employer(
    client_for, consultant, referred, groen, schoon
):
    client = client_for(consultant)
    picked = offered(search(client, "schoon"))[0]
    response = client.post(
        add_placement_url(referred), placement_data(Employer.objects.get(uuid=picked))
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.employer == schoon and placement.trajectory == referred


def test_a_refused_placement_keeps_the_chosen_employer_checked(
    client_for, consultant, referred, groen
):
    response = client_for(consultant).post(
        add_placement_url(referred),
        placement_data(groen, **{"placement-planned_end": "2026-12-01"}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'value="{groen.uuid}" id="placement-employer-{groen.uuid}" checked' in html
    assert 'id="id_placement-planned_end-error"' in html
    assert not Placement.objects.exists()


@pytest.mark.parametrize("employer", ["", "00000000-0000-0000-0000-000000000000", "geen-uuid"])
def test_a_placement_without_a_known_employer_asks_to_search_and_choose(
    client_for, consultant, referred, employer
):
    response = client_for(consultant).post(
        add_placement_url(referred), {**placement_data(None), "placement-employer": employer}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_placement-employer-error"' in html
    assert _nl("Search the employer and choose it.") in html
    assert not Placement.objects.exists()


def test_placement_is_refused_for_those_who_may_not_place(
    client_for, make_user, nijmegen, wijchen, mgr_org, referred, groen
):
    own = make_user(Role.INCOME_CASE_MANAGER, nijmegen)  # sees the candidate, may not place
    other = make_user(Role.INCOME_CASE_MANAGER, wijchen)  # does not see the candidate
    board = make_user(Role.BOARD_MEMBER, mgr_org)  # sees no candidates at all
    for user, status in ((own, 403), (other, 404), (board, 404)):
        response = client_for(user).post(add_placement_url(referred), placement_data(groen))
        assert response.status_code == status, user
    assert not Placement.objects.exists()
    # The municipality's page has no placement form and so no picker.
    html = page_with_forms(client_for(own), candidate_url(referred))
    assert 'data-form="placement"' not in html and "data-employer-search" not in html


# --- the indexes ---------------------------------------------------------------------------------


def _plan_when_only_an_index_can_find_the_rows(user, query) -> str:
    """The plan of the picker's own query with sequential scans and full index walks switched
    off: it names the index whose expression matches the query Django writes."""
    with CaptureQueriesContext(connection) as captured:
        selectors.employer_search(user, query)
    (sql,) = [q["sql"] for q in captured if "employers_employer" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_postgresql_serves_both_searches_from_an_index(consultant, groen):
    by_name = _plan_when_only_an_index_can_find_the_rows(consultant, "oveniers")
    assert "Bitmap Index Scan on cand_employer_name_trgm" in by_name, by_name
    by_kvk = _plan_when_only_an_index_can_find_the_rows(consultant, "1234")
    assert re.search(r"Bitmap Index Scan on candidates_employer_kvk_number_\w+_like", by_kvk)
    assert "Seq Scan" not in by_name + by_kvk


def test_the_employers_are_ordered_by_an_index_for_the_limit(consultant, groen):
    assert "cand_employer_name_id" in {
        index.name for index in Employer._meta.indexes if index.fields == ["name", "id"]
    }
