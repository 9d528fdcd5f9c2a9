"""bin/backup and bin/restore: a restored database holds the same records."""

import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
TARGET = "werkbedrijf_restore_test"
TABLES = [
    "organisations_organisation",
    "agreements_localchoice",
    "agreements_budget",
    "agreements_deviationacceptance",
    "accounts_user",
]


def _counts(dbname: str) -> dict:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=dbname,
    ) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(reference_dvo, dvo_admin, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are for PostgreSQL")
    settings = connection.settings_dict
    env = {
        "DB_NAME": settings["NAME"],
        "DB_HOST": settings["HOST"],
        "DB_PORT": str(settings["PORT"]),
        "DB_USER": settings["USER"],
        "DB_PASSWORD": settings["PASSWORD"],
        "PATH": "/usr/bin:/bin",
    }
    dump = tmp_path / "backup.dump"
    subprocess.run([ROOT / "bin" / "backup", dump], check=True, env=env, capture_output=True)
    subprocess.run(
        ["dropdb", "--if-exists", "-h", settings["HOST"], "-U", settings["USER"], TARGET],
        check=True,
        env=env,
    )
    try:
        subprocess.run(
            [ROOT / "bin" / "restore", dump, TARGET], check=True, env=env, capture_output=True
        )
        original = _counts(settings["NAME"])
        assert original["agreements_localchoice"] > 0
        assert _counts(TARGET) == original
        again = subprocess.run(
            [ROOT / "bin" / "restore", dump, TARGET], env=env, capture_output=True, text=True
        )
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        subprocess.run(
            ["dropdb", "--if-exists", "-h", settings["HOST"], "-U", settings["USER"], TARGET],
            env=env,
        )
