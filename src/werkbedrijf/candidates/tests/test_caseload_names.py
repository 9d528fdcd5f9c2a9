"""The caseload's name search: read as ranges of the last-name index (PostgreSQL under a code-point
collation) it lists the same rows in the same order, page after page, as the OR of the two
prefixes it replaces, for every role's scope."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import CLOSED_PHASES, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

PEOPLE = [
    # (first name, last name): case forms, prefixes that are whole names, names just outside a
    # range, letters with odd case forms (dotless i, long s), LIKE's wildcards.
    ("Piet", "Jansen"),
    ("Anna", "jansen"),
    ("Kees", "JANSEN"),
    ("Jan", "Bakker"),
    ("jan", "de Jong"),
    ("Janneke", "Zwart"),
    ("JANNES", "Jansen"),
    ("Els", "Janssen"),
    ("Mo", "Jan"),
    ("Mo", "Ja"),
    ("Mo", "Jbn"),
    ("Mo", "Jam"),
    ("Ria", "JAnsen"),
    ("Ria", "jAN"),
    ("Dewi", "Bos"),
    ("Tess", "de Vries"),
    ("Tess", "De Vries"),
    ("Tess", "DE GROOT"),
    ("Tess", "dE Wit"),
    ("Tess", "Dekker"),
    ("Tess", "d'Ancona"),
    ("Iris", "ıansen"),
    ("Iris", "Ian"),
    ("Ayşe", "Çelik"),
    ("Ayşe", "çelik"),
    ("Sem", "ſmit"),
    ("Sem", "Smit"),
    ("Sem", "50% Smit"),
    ("Sem", "5_ Smit"),
    ("Zoë", "Ådne"),
]
PREFIXES = [
    "Jan",
    "jan",
    "JA",
    "j",
    "Jansen",
    "JANSSEN",
    "de",
    "DE ",
    "d'",
    "d",
    "ian",
    "I",
    "s",
    "SMIT",
    "ç",
    "Å",
    "50%",
    "5_",
    "%",
    "_",
    "Ayşe",
    "x",
]


@pytest.fixture
def people(case_manager, wijchen, nijmegen, make_user):
    """Each person referred by Nijmegen or Wijchen, every third with a closed trajectory before
    the active one."""
    from werkbedrijf.accounts.models import Role

    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    for i, (first, last) in enumerate(PEOPLE * 2):
        municipality, actor = (nijmegen, case_manager) if i % 2 else (wijchen, wijchen_manager)
        trajectory = services.refer_candidate(
            actor=actor,
            municipality=municipality,
            person=PersonInput(nth_test_bsn(500 + i), first, last, date(1980, 1, 1)),
        )
        if i % 3 == 0:
            Trajectory.objects.create(
                candidate=trajectory.candidate,
                municipality=municipality,
                referred_on=date(2020, 1, 1),
                channel="screen",
                phase="outflow",
                phase_since=date(2021, 1, 1),
                closed_on=date(2021, 1, 1),
            )


def _all_pages(read, user, filters, page_size=3) -> list[tuple]:
    rows, cursor = [], None
    for _ in range(100):
        page = read(user, filters, cursor=cursor, page_size=page_size)
        rows += [_key(row) for row in page.rows]
        cursor = page.next_cursor
        if not cursor:
            return rows
    raise AssertionError("the pages never end")


def _key(row) -> tuple:
    if isinstance(row, dict):
        return (row["candidate__last_name"], row["candidate_id"], row["id"])
    return (row.candidate.last_name, row.candidate_id, row.id)


def _expected(user, filters) -> list[tuple]:
    """The rows of the OR of the two prefixes, from the ORM in one sorted list."""
    everything = selectors._page_query(user, filters, None)  # noqa: SLF001
    return [
        (last, candidate, trajectory)
        for last, candidate, trajectory in everything.values_list(*selectors.CASELOAD_ORDER)
    ]


@pytest.mark.parametrize("active_only", [True, False])
def test_a_name_search_lists_the_same_rows_in_the_same_order_page_after_page(
    people, consultant, case_manager, active_only
):
    for user in (consultant, case_manager):
        for prefix in PREFIXES:
            filters = selectors.Filters(name=prefix, active_only=active_only)
            expected = _expected(user, filters)
            for read in (selectors.caseload_values, selectors.caseload):
                assert _all_pages(read, user, filters) == expected, (user, prefix, read)
                assert _all_pages(read, user, filters, page_size=50) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's LIKE folds ASCII only")
def test_the_expected_rows_are_those_whose_last_or_first_name_starts_with_the_prefix(
    people, consultant
):
    def shown(first, last, prefix):
        return last.upper().startswith(prefix.upper()) or first.upper().startswith(prefix.upper())

    for prefix in ("Jan", "de", "ian", "s", "50%", "_"):
        rows = _expected(consultant, selectors.Filters(name=prefix))
        names = {last for last, _candidate, _trajectory in rows}
        assert names == {last for first, last in PEOPLE if shown(first, last, prefix)}, prefix
        assert len(rows) == 2 * sum(1 for first, last in PEOPLE if shown(first, last, prefix))


def test_the_page_sql_made_once_per_form_is_what_the_orm_makes_per_request(
    people, consultant, case_manager
):
    # The SQL of a form is kept with stand-ins for the cursor's values (_page_ids): each user's
    # scope, filters and cursor give the statement and values the ORM makes for them (with the
    # closed phases written in), and the same pages.
    dekker = Trajectory.objects.filter(candidate__last_name="Dekker").first()
    cursors = (None, selectors.caseload_keyset("Dekker", dekker.candidate_id, dekker.id), "x|y")
    for user in (consultant, case_manager):
        for filters in (
            selectors.Filters(),
            selectors.Filters(phase="referred", active_only=False),
        ):
            for cursor in cursors:
                made = selectors._page_ids_built(user, filters, cursor, 4)  # noqa: SLF001
                made = selectors._closed_phases_inlined(*made)  # noqa: SLF001
                assert selectors._page_ids(user, filters, cursor, 4) == made  # noqa: SLF001
            expected = list(
                selectors._page_query(user, filters, None).values_list(*selectors.CASELOAD_ORDER)
            )  # noqa: SLF001
            assert _all_pages(selectors.caseload_values, user, filters, page_size=2) == expected


def test_the_page_sql_of_a_name_search_made_once_per_form_holds_no_name(
    people, consultant, case_manager
):
    # A name prefix's SQL is kept by the prefix's form, with stand-ins for the name, its initial
    # and its ranges' bounds: another name of the same form gets the statement and values the
    # ORM makes for it, and the kept SQL and values hold no name.
    dekker = Trajectory.objects.filter(candidate__last_name="Dekker").first()
    cursors = (None, selectors.caseload_keyset("Dekker", dekker.candidate_id, dekker.id))
    names = ("Jan", "Kee", "de", "DE ", "ian", "Jansen", "5%", "_", "ſm", "Çe", "j")
    for user in (consultant, case_manager):
        for active_only in (True, False):
            for name in names:
                filters = selectors.Filters(name=name, active_only=active_only)
                for cursor in cursors:
                    made = selectors._page_ids_built(user, filters, cursor, 4)  # noqa: SLF001
                    if selectors._page_ids_key(user, filters, cursor, 4):  # noqa: SLF001
                        made = selectors._closed_phases_inlined(*made)  # noqa: SLF001
                    assert selectors._page_ids(user, filters, cursor, 4) == made, name  # noqa: SLF001
                assert _all_pages(selectors.caseload_values, user, filters, page_size=2) == (
                    _expected(user, filters)
                )
    kept = repr(selectors._PAGE_IDS_MADE)  # noqa: SLF001
    for name in names:
        if len(name) > 1:
            assert repr(name)[1:-1] not in kept, name
    if selectors._code_point_order():  # noqa: SLF001
        assert any(key[4] for key in selectors._PAGE_IDS_MADE)  # noqa: SLF001


def test_the_closed_phases_are_written_into_the_page_sql_made_once(people, consultant):
    # Parameters would keep PostgreSQL's generic plan of the prepared statement off the active
    # trajectories' partial indexes, whose condition names the closed phases.
    built_sql, built_params = selectors._page_ids_built(  # noqa: SLF001
        consultant, selectors.Filters(), None, 4
    )
    closed = {str(phase) for phase in CLOSED_PHASES}
    assert closed <= {str(p) for p in built_params}
    sql, params = selectors._page_ids(consultant, selectors.Filters(), None, 4)  # noqa: SLF001
    assert not closed & {str(p) for p in params}
    assert all(f"'{phase}'" in sql for phase in closed)
    assert sql.count("%s") == len(params) == len(built_params) - len(closed)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inlined = cursor.fetchall()
        cursor.execute(built_sql, built_params)
        assert inlined == cursor.fetchall() and inlined


def test_a_name_search_after_other_filters_and_a_cursor(people, consultant, case_manager):
    filters = selectors.Filters(name="jan", phase="referred")
    expected = _expected(case_manager, filters)
    assert expected
    assert _all_pages(selectors.caseload_values, case_manager, filters, page_size=2) == expected
    # A cursor of a row that does not match (the cursor is the row's place, not a match).
    dekker = Trajectory.objects.filter(candidate__last_name="Dekker", phase="referred").first()
    outside = selectors.keyset_after(consultant, dekker.uuid) or ""
    assert "Dekker" in outside
    page = selectors.caseload_values(consultant, selectors.Filters(name="j"), cursor=outside)
    assert [_key(r) for r in page.rows] == [
        key for key in _expected(consultant, selectors.Filters(name="j")) if key[0] > "Dekker"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the ranges are PostgreSQL's")
def test_under_a_code_point_collation_a_name_search_is_read_as_ranges(people, consultant):
    if not selectors._code_point_order():  # noqa: SLF001
        pytest.skip("the database's collation is not in code point order")
    with CaptureQueriesContext(connection) as queries:
        selectors.caseload_values(consultant, selectors.Filters(name="Jan"))
    page_query = next(q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"])
    assert page_query.count("UNION ALL") == 8  # eight case forms of "Jan", then first names
    # Without parallel workers, as any page read as an index walk.
    assert any("set_config" in q["sql"] for q in queries.captured_queries)


def test_the_ranges_of_a_name_prefix():
    assert selectors.caseload_name_ranges("") == []
    assert selectors.caseload_name_ranges("de") == [
        ("DE", "DF"),
        ("De", "Df"),
        ("dE", "dF"),
        ("de", "df"),
    ]
    assert len(selectors.caseload_name_ranges("Jan")) == 8
    # Past sixteen ranges only the first letters make them (s has three forms: s, S and long
    # ſ); the rest is the filter's.
    assert [low for low, _ in selectors.caseload_name_ranges("Jansen")][:2] == ["JAN", "JAn"]
    assert len(selectors.caseload_name_ranges("Deen")) == 16
    assert len(selectors.caseload_name_ranges("ian")) == 12  # i, I and dotless ı
    assert selectors.caseload_name_ranges("5%") == [("5%", "5&")]
    assert selectors.caseload_name_ranges("\U0010ffff") == [("\U0010ffff", None)]
    assert selectors.caseload_name_ranges("a\U0010ffff") == [
        ("A\U0010ffff", "B"),
        ("a\U0010ffff", "b"),
    ]


def test_every_odd_case_form_of_unicode_is_known():
    odd = {
        char
        for char in map(chr, range(0x110000))
        if len(char.upper()) == 1 and char.upper() != char and char.upper().lower() != char
    }
    assert odd == set(selectors._ODD_CASE_FORMS)  # noqa: SLF001
