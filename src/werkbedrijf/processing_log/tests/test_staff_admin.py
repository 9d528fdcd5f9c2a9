"""Staff accounts are personal data: the admin's list, view, change and export are logged."""

from werkbedrijf.accounts.models import Role
from werkbedrijf.processing_log.models import Action, ProcessingLogEntry
from werkbedrijf.processing_log.services import STAFF_ADMINISTRATION, entries_about

USERS = "/beheer/accounts/user/"


def entries(record_uuid=None, **filters):
    """Entries about staff accounts; with ``record_uuid``, those naming that account themselves
    or among the processed objects of a list."""
    qs = ProcessingLogEntry.objects.filter(record_type="staff account", **filters)
    if record_uuid is not None:
        qs = qs.filter(pk__in=entries_about(None, [record_uuid]).values("pk"))
    return qs


def test_viewing_the_staff_list_is_logged_naming_every_account_shown(
    client_for, functional_admin, policy_adviser_nijmegen, werkbedrijf_org
):
    assert client_for(functional_admin).get(USERS).status_code == 200
    entry = entries(action=Action.READ, record_uuid=policy_adviser_nijmegen.uuid).get()
    assert entry.actor == functional_admin
    assert entry.actor_username == functional_admin.username
    assert entry.organisation_name == werkbedrijf_org.name
    assert entry.organisation_uuid == werkbedrijf_org.uuid
    assert entry.roles == Role.FUNCTIONAL_ADMIN
    assert entry.processing_activity == STAFF_ADMINISTRATION.activity
    assert entry.purpose == STAFF_ADMINISTRATION.purpose
    assert entry.legal_basis == STAFF_ADMINISTRATION.legal_basis
    assert entry.channel == "admin"
    assert entries(action=Action.READ, record_uuid=functional_admin.uuid).exists()


def test_viewing_one_staff_account_is_logged(client_for, functional_admin, policy_adviser_nijmegen):
    url = f"{USERS}{policy_adviser_nijmegen.pk}/change/"
    assert client_for(functional_admin).get(url).status_code == 200
    entry = entries(record_uuid=policy_adviser_nijmegen.uuid).get()
    assert entry.action == Action.READ and entry.actor == functional_admin


def test_a_dvo_administrators_view_is_logged_too(client_for, dvo_admin, consultant):
    client_for(dvo_admin).get(USERS)
    assert entries(actor=dvo_admin, record_uuid=consultant.uuid).exists()
    # one entry for the list, naming only what was shown: their own organisation's two accounts
    [entry] = entries(actor=dvo_admin)
    assert len(entry.processed_pairs()) == 2


def test_changing_a_staff_account_is_logged_without_the_values(
    client_for, functional_admin, policy_adviser_nijmegen, nijmegen
):
    user = policy_adviser_nijmegen
    [assignment] = user.role_assignments.all()
    data = {
        "username": user.username,
        "first_name": "Anna",
        "last_name": "",
        "email": "",
        "organisation": nijmegen.pk,
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": "1",
        "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-0-id": assignment.pk,
        "role_assignments-0-user": user.pk,
        "role_assignments-0-role": assignment.role,
    }
    response = client_for(functional_admin).post(f"{USERS}{user.pk}/change/", data)
    assert response.status_code == 302
    entry = entries(action=Action.UPDATE, record_uuid=user.uuid).get()
    assert entry.detail == "first_name"
    assert "Anna" not in entry.detail


def test_exporting_staff_is_logged(client_for, functional_admin, policy_adviser_nijmegen):
    response = client_for(functional_admin).post(
        USERS, {"action": "export_csv", "_selected_action": [policy_adviser_nijmegen.pk]}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert policy_adviser_nijmegen.username in response.content.decode()
    entry = entries(action=Action.EXPORT).get()
    assert entry.record_uuid == policy_adviser_nijmegen.uuid
    assert entry.actor == functional_admin


def test_changing_a_password_is_logged(client_for, functional_admin, policy_adviser_nijmegen):
    url = f"{USERS}{policy_adviser_nijmegen.pk}/password/"
    response = client_for(functional_admin).post(
        url,
        {
            "usable_password": "true",
            "password1": "Een-nieuw-wachtwoord-2026",
            "password2": "Een-nieuw-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    entry = entries(action=Action.UPDATE, record_uuid=policy_adviser_nijmegen.uuid).get()
    assert entry.detail == "password"


def test_a_refused_view_writes_nothing(client_for, policy_adviser_nijmegen):
    client_for(policy_adviser_nijmegen).get(USERS, follow=True)
    assert not entries().exists()


def test_only_a_functional_administrator_reads_the_processing_log(
    client_for, functional_admin, dvo_admin, policy_adviser_nijmegen
):
    url = "/beheer/processing_log/processinglogentry/"
    client_for(functional_admin).get(USERS)
    page = client_for(functional_admin).get(url)
    assert page.status_code == 200 and len(page.context["cl"].result_list) > 0
    page = client_for(dvo_admin).get(url)
    assert page.status_code == 403 or not page.context["cl"].result_list
