"""Demo accounts for every role and every organisation it fits, with known second factors, and
the DVO of the current year filled in (``werkbedrijf.demo.dvo``).

Prints one login per role (the municipal roles at Nijmegen), or with ``--all`` every account.
Safe to run twice: it (re)sets the demo accounts' password, roles, authenticator key and backup
codes, and leaves every other account alone. Development only: refused when DEBUG is off.
"""

import base64
import hashlib

from axes.models import AccessAttempt
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from werkbedrijf.accounts.models import Role, User
from werkbedrijf.accounts.services import create_staff_account, set_roles
from werkbedrijf.demo.delivery import deliver_current_year
from werkbedrijf.demo.dvo import fill_current_year
from werkbedrijf.organisations.models import OrganisationKind, Team, TeamKind
from werkbedrijf.reference_data import organisations as orgs

DEMO_PASSWORD = "Demo-wachtwoord-2026"
DEMO_DOMAIN = "demo.example"
# Each account's backup code is stored this many times, so it works for several logins in a row
# (a real backup code works once). Running seed_demo again restores them.
CODE_USES = 20
# The municipality whose accounts stand for their role in the short list (it has a Buurtteam).
SHOWN_MUNICIPALITY = "GM0268"


def demo_backup_code(username: str) -> str:
    digest = hashlib.sha256(f"werkbedrijf-demo-code:{username}".encode()).hexdigest()
    return f"{int(digest, 16) % 10**8:08d}"


def demo_totp_key(username: str) -> str:
    """A fixed authenticator key per demo account (hex, as django-otp stores it)."""
    return hashlib.sha1(f"werkbedrijf-demo-totp:{username}".encode()).hexdigest()  # noqa: S324


def demo_accounts():
    """(username, organisation, role, first name, team) for every demo account, in print order."""
    accounts = []
    for code, name in orgs.MUNICIPALITIES.items():
        municipality = orgs.municipality(code)
        slug = slugify(name)
        income_team = Team.objects.filter(organisation=municipality, kind=TeamKind.INCOME).first()
        # Nijmegen has Buurtteams; elsewhere the chain partner works in the social team, which the
        # reference data does not list.
        chain_team = Team.objects.filter(
            organisation=municipality, kind=TeamKind.NEIGHBOURHOOD
        ).first()
        accounts += [
            (f"beleid.{slug}", municipality, Role.POLICY_ADVISER, "Beleidsadviseur", None),
            (
                f"inkomen.{slug}",
                municipality,
                Role.INCOME_CASE_MANAGER,
                "Klantmanager Inkomen",
                income_team,
            ),
            (f"privacy.{slug}", municipality, Role.PRIVACY_OFFICER, "Privacyfunctionaris", None),
            (f"keten.{slug}", municipality, Role.CHAIN_PARTNER, "Ketenpartner", chain_team),
        ]
    werkbedrijf = orgs.werkbedrijf()
    intake = Team.objects.filter(organisation=werkbedrijf, name="Intake en diagnose").first()
    accounts += [
        ("consulent.werkbedrijf", werkbedrijf, Role.CONSULTANT, "Consulent", intake),
        # Leads the team Intake en diagnose: sees the candidates whose contact person is in it.
        ("teamleider.werkbedrijf", werkbedrijf, Role.MANAGER, "Teamleider", intake),
        ("dvobeheer.werkbedrijf", werkbedrijf, Role.DVO_ADMIN, "DVO-beheerder", None),
        ("beheer.werkbedrijf", werkbedrijf, Role.FUNCTIONAL_ADMIN, "Functioneel beheerder", None),
        ("privacy.werkbedrijf", werkbedrijf, Role.PRIVACY_OFFICER, "Privacyfunctionaris", None),
        ("bestuur.mgr", orgs.mgr(), Role.BOARD_MEMBER, "Bestuurslid", None),
    ]
    return accounts


def load_reference_data() -> None:
    try:
        from werkbedrijf.reference_data.loader import load_reference_data as load
    except ImportError:
        load = orgs.load_organisations
    load()


@transaction.atomic
def seed_account(username, organisation, role, first_name, team, password_hash=None) -> User:
    """Create or reset one demo account; ``password_hash`` (of DEMO_PASSWORD) saves re-hashing."""
    fields = {
        "first_name": first_name,
        "last_name": f"{organisation.name.split(' Rijk van')[0]} (demo)",
        "email": f"{username}@{DEMO_DOMAIN}",
        "team": team,
    }
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_staff_account(
            username=username, organisation=organisation, roles=[role], password=None, **fields
        )
    else:
        for name, value in fields.items():
            setattr(user, name, value)
        user.organisation = organisation
        user.is_active = True
        set_roles(user=user, roles=[role])
    user.password = password_hash or make_password(DEMO_PASSWORD)
    user.save(update_fields=["password", *fields, "organisation", "is_active"])
    TOTPDevice.objects.update_or_create(
        user=user, name="demo-app", defaults={"key": demo_totp_key(username), "confirmed": True}
    )
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.confirmed = True
    device.throttle_reset(commit=False)
    device.save()
    device.token_set.all().delete()
    code = demo_backup_code(username)
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for _ in range(CODE_USES)]
    )
    return user


class Command(BaseCommand):
    help = (
        "Load the reference data and create demo accounts for every role and organisation, with "
        "a known password and backup code. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never in production).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Print every demo account, not one per role.",
        )
        parser.add_argument(
            "--totp",
            action="store_true",
            help="Also print each account's authenticator key (for an authenticator app).",
        )

    def handle(self, *args, force=False, totp=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo maakt accounts met een bekend wachtwoord en draait daarom alleen met "
                "DEBUG aan (ontwikkeling). Gebruik --force als u echt weet wat u doet."
            )
        load_reference_data()
        fill_current_year()
        rows = []
        password_hash = make_password(DEMO_PASSWORD)
        for username, organisation, role, first_name, team in demo_accounts():
            seed_account(username, organisation, role, first_name, team, password_hash)
            if AccessAttempt.objects.filter(username=username).exists():
                reset_lockout(username=username)  # mistyped five times: back in
            if not (options["all"] or _stands_for_its_role(organisation)):
                continue
            row = [first_name, username, demo_backup_code(username)]
            if options["all"]:
                row.insert(2, team.name if team else "–")
            if totp:
                row.append(base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode())
            rows.append(row)
        deliver_current_year(User.objects.get(username="dvobeheer.werkbedrijf"))
        if options["verbosity"] > 0:
            self._print(rows, every=options["all"], totp=totp)

    def _print(self, rows, *, every: bool, totp: bool) -> None:
        header = ["Rol", "Gebruikersnaam", "Back-upcode"]
        if every:
            header.insert(2, "Team")
        if totp:
            header.append("TOTP-sleutel")
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

        def line(values):
            return "  ".join(str(v).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

        out = self.stdout
        out.write("Demo-accounts (alleen voor demonstratie, nooit in productie)")
        out.write(f"Wachtwoord van elk account: {DEMO_PASSWORD}")
        out.write(
            f"Tweede factor: de back-upcode van het account (werkt {CODE_USES} keer; bin/start "
            "zet ze terug)."
        )
        out.write("")
        out.write(line(header))
        for row in rows:
            out.write(line(row))
        if not every:
            shown = orgs.MUNICIPALITIES[SHOWN_MUNICIPALITY]
            others = [
                name for code, name in orgs.MUNICIPALITIES.items() if code != SHOWN_MUNICIPALITY
            ]
            out.write("")
            listed = f"{', '.join(others[:-1])} en {others[-1]}"
            out.write(f"Dezelfde vier rollen als in {shown} zijn er ook in {listed}:")
            out.write(
                "  beleid.<gemeente>, inkomen.<gemeente>, privacy.<gemeente> en keten.<gemeente> "
                "(bijvoorbeeld keten.berg-en-dal)."
            )
            out.write(
                "Alle accounts met hun back-upcode: .venv/bin/python manage.py seed_demo --all"
            )
        out.write("")


def _stands_for_its_role(organisation) -> bool:
    """In the short list: the accounts of the WerkBedrijf and the MGR, and of one municipality."""
    return organisation.kind != OrganisationKind.MUNICIPALITY or (
        organisation.cbs_code == SHOWN_MUNICIPALITY
    )
