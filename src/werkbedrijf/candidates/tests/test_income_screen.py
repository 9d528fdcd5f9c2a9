"""The Inkomen screen's returns read as plain rows and written in Python: the same rows, markup
and processing-log entry as the trajectories through the template's loop."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import timezone

from werkbedrijf.candidates import selectors, services
from werkbedrijf.candidates.models import Phase, Trajectory
from werkbedrijf.candidates.services import PersonInput
from werkbedrijf.candidates.templatetags.returns_table import returns_table_rows
from werkbedrijf.processing_log.models import ProcessingLogEntry
from werkbedrijf.utils.bsn import nth_test_bsn

pytestmark = pytest.mark.django_db

# The loop that candidates/income.html had before its rows were written in Python
# (templatetags/returns_table.py), over selectors.recent_returns: the reference markup.
_RETURNS_LOOP = """{% load i18n %}{% for t in returns %}
      <tr class="utrecht-table__row" data-return="{{ t.uuid }}" data-candidate="{{ t.candidate.uuid }}" data-warm-handover="{{ t.return_warm_handover|yesno:'true,false' }}">
        <td class="utrecht-table__cell">{{ t.closed_on|date:"d-m-Y" }}</td>
        <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link utrecht-link--html-a" href="{% url 'candidates:candidate' t.candidate.uuid %}">{{ t.candidate.full_name }}</a><br><span class="app-small app-muted">{{ t.candidate.masked_bsn }}</span></th>
        <td class="utrecht-table__cell app-prewrap" data-return-reason>{{ t.return_reason }}</td>
        <td class="utrecht-table__cell">{% if t.return_warm_handover %}<span class="utrecht-status-badge utrecht-status-badge--warning">{% translate "Warm handover requested" %}</span>{% else %}{% translate "no" %}{% endif %}</td>
        <td class="utrecht-table__cell">{{ t.returned_by|default:"–" }}</td>
      </tr>
    {% endfor %}"""  # noqa: E501


@pytest.fixture
def returned(case_manager, consultant, nijmegen):
    """Four returns: names with a prefix and markup, a warm handover or not, one returned
    without a recorded step (nobody named), one long ago."""
    consultant.first_name, consultant.last_name = "Carla", "<Jansen> & Zn"
    consultant.save()
    people = [
        ("Ådne", "Çelik-ʼt Hooft", {}),
        ('Piet "P"', "<b>Vries</b> & co", {"name_prefix": "de"}),
        ("Sem", "Aa", {}),
        ("Old", "Return", {}),
    ]
    trajectories = []
    for i, (first, last, extra) in enumerate(people):
        trajectory = services.refer_candidate(
            actor=case_manager,
            municipality=nijmegen,
            person=PersonInput(nth_test_bsn(700 + i), first, last, date(1990, 5, 1), extra=extra),
            referred_on=date(2026, 1, 5),
        )
        trajectories.append(trajectory)
    today = timezone.localdate()
    services.take_step(
        actor=consultant,
        trajectory=trajectories[0],
        target="returned",
        occurred_on=today,
        reason="Zorg <eerst>\nen dan & verder",
        warm_handover=True,
    )
    services.take_step(
        actor=consultant,
        trajectory=trajectories[1],
        target="returned",
        occurred_on=today,
        reason="Verhuisd",
    )
    Trajectory.objects.filter(pk=trajectories[2].pk).update(phase=Phase.RETURNED, closed_on=today)
    Trajectory.objects.filter(pk=trajectories[3].pk).update(
        phase=Phase.RETURNED, closed_on=date(2020, 1, 1)
    )
    return trajectories


def logged(entry: ProcessingLogEntry) -> tuple:
    objects = sorted(entry.processed_pairs(), key=lambda pair: str(pair[0]))
    return (
        {
            f.attname: getattr(entry, f.attname)
            for f in ProcessingLogEntry._meta.concrete_fields
            if f.attname not in ("id", "uuid", "occurred_at")
        },
        objects,
    )


def test_the_return_rows_are_the_returns_with_the_same_markup_and_log_entry(case_manager, returned):
    first = ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    trajectories = selectors.recent_returns(case_manager)
    rows = selectors.recent_return_rows(case_manager)
    entries = list(ProcessingLogEntry.objects.filter(id__gt=first).order_by("id"))

    expected = Template(_RETURNS_LOOP).render(Context({"returns": trajectories}))
    assert str(returns_table_rows(rows)) == expected
    assert len(rows) == 3 and [r["uuid"] for r in rows] == [t.uuid for t in trajectories]
    assert "&lt;b&gt;Vries&lt;/b&gt;" in expected and "Piet &quot;P&quot; de" in expected
    assert 'data-warm-handover="true"' in expected and "–</td>" in expected
    assert "Carla &lt;Jansen&gt; &amp; Zn" in expected and "*****" in expected

    assert len(entries) == 2
    assert logged(entries[0]) == logged(entries[1])
    assert len(logged(entries[1])[1]) == 3


def test_one_return_is_logged_as_before(case_manager, returned):
    Trajectory.objects.filter(pk__in=[returned[1].pk, returned[2].pk]).update(
        closed_on=date(2020, 1, 1)
    )
    first = ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    (trajectory,) = selectors.recent_returns(case_manager)
    (row,) = selectors.recent_return_rows(case_manager)
    before, after = ProcessingLogEntry.objects.filter(id__gt=first).order_by("id")
    assert logged(before) == logged(after)
    assert after.record_uuid == after.data_subject_uuid == trajectory.candidate.uuid
    assert str(returns_table_rows([row])) == Template(_RETURNS_LOOP).render(
        Context({"returns": [trajectory]})
    )


def test_no_returns_no_entry(case_manager, nijmegen):
    first = ProcessingLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert selectors.recent_return_rows(case_manager) == []
    assert not ProcessingLogEntry.objects.filter(id__gt=first).exists()


@pytest.fixture
def two_municipalities(consultant, case_manager, nijmegen, wijchen, make_user):
    """A signal, a talk and a return in Nijmegen and in Wijchen, and Wijchen's case manager."""
    from werkbedrijf.accounts.models import Role

    wijchen_manager = make_user(Role.INCOME_CASE_MANAGER, wijchen)
    for i, (manager, municipality) in enumerate(
        [(case_manager, nijmegen), (wijchen_manager, wijchen)]
    ):
        signalled, talked, returning = (
            services.refer_candidate(
                actor=manager,
                municipality=municipality,
                person=PersonInput(
                    nth_test_bsn(800 + 3 * i + j), "Sem", f"Naam{j}", date(1990, 5, 1)
                ),
                referred_on=date(2026, 1, 5),
            )
            for j in range(3)
        )
        services.signal_sanction(actor=consultant, trajectory=signalled, facts="x", advice="y")
        services.plan_talk(actor=consultant, trajectory=talked, planned_on=date(2026, 12, 1))
        services.take_step(
            actor=consultant, trajectory=returning, target="returned", reason="Verhuisd"
        )
    return case_manager, wijchen_manager


def test_the_inkomen_lists_compiled_once_are_the_orms_for_each_scope(two_municipalities):
    """The statements made once per scope (utils.compiled.compiled_by_key) give each user the
    rows of their own scope, the ORM's rows: a key that missed the scope would give Wijchen
    Nijmegen's."""
    from werkbedrijf.access import policy
    from werkbedrijf.candidates.models import SanctionSignal, ThreeWayTalk

    for user in [*two_municipalities, *two_municipalities]:
        scope = policy.candidate_scope(user, Trajectory.objects.all())
        signals = selectors.open_signals(user)
        talks = selectors.planned_talks(user)
        returns = selectors.recent_return_rows(user)
        assert [s.pk for s in signals] == list(
            SanctionSignal.objects.filter(trajectory__in=scope, decision="").values_list(
                "pk", flat=True
            )
        )
        assert [t.pk for t in talks] == list(
            ThreeWayTalk.objects.filter(trajectory__in=scope).values_list("pk", flat=True)
        )
        assert [r["uuid"] for r in returns] == list(
            scope.filter(phase=Phase.RETURNED).values_list("uuid", flat=True)
        )
        assert len(signals) == len(talks) == len(returns) == 1
        assert signals[0].trajectory.candidate.last_name == "Naam0"  # select_related as before
        assert talks[0].trajectory.candidate.last_name == "Naam1"


def test_a_user_without_a_scope_reads_no_inkomen_lists(policy_adviser_nijmegen, returned):
    assert selectors.open_signals(policy_adviser_nijmegen) == []
    assert selectors.recent_return_rows(policy_adviser_nijmegen) == []
    assert selectors.planned_talks(policy_adviser_nijmegen) == []
