"""Time the start page per role on the benchmark database, and count its queries.

    .venv/bin/python bench/start_page.py [--runs 10]

Run bench/population.py first. The consultant and the Nijmegen case manager are synthetic staff
of the population; a policy adviser of Nijmegen, a board member, a DVO administrator and a team
manager (whose team gets the first ten synthetic consultants) are added once. Each run is one
GET of the start page through the full request stack (login with both factors, processing log).
The table gives median and p95 over --runs runs and the queries of one request.
"""

import argparse
import statistics
import time

import _django


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    _django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from werkbedrijf.accounts.models import Role, User
    from werkbedrijf.accounts.services import add_backup_codes, create_staff_account
    from werkbedrijf.conftest import verified_client
    from werkbedrijf.organisations.models import Team
    from werkbedrijf.reference_data import organisations as orgs

    werkbedrijf = orgs.werkbedrijf()
    team = Team.objects.get(organisation=werkbedrijf, name="Intake en diagnose")

    def account(username, organisation, role, **extra) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_staff_account(
                username=username, organisation=organisation, roles=[role], password=None, **extra
            )
        if not user.staticdevice_set.exists():
            add_backup_codes(user, ["11223344"])
        return user

    User.objects.filter(username__startswith="synth-consultant-").filter(
        username__lte="synth-consultant-0010"
    ).update(team=team)
    users = [
        account("synth-consultant-0001", werkbedrijf, Role.CONSULTANT),
        account("synth-inkomen-gm0268-0001", orgs.municipality("GM0268"), Role.INCOME_CASE_MANAGER),
        account("bench-beleid-nijmegen", orgs.municipality("GM0268"), Role.POLICY_ADVISER),
        account("bench-bestuur", orgs.mgr(), Role.BOARD_MEMBER),
        account("bench-teamleider", werkbedrijf, Role.MANAGER, team=team),
        account("bench-dvobeheer", werkbedrijf, Role.DVO_ADMIN),
    ]
    url = reverse("start:home")
    print(f"{'user':28} {'median':>9} {'p95':>9} {'queries':>8}")
    for user in users:
        client = verified_client(user)
        assert client.get(url).status_code == 200
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{user.username:28} {statistics.median(times):7.1f}ms "
            f"{percentile(times, 0.95):7.1f}ms {len(queries):8d}"
        )


if __name__ == "__main__":
    main()
