"""Point Django at the benchmark database (werkbedrijf_bench on the CI PostgreSQL) and set it up."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB_NAME", "werkbedrijf_bench")


def setup(create_database: bool = False) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkbedrijf.conf.ci"
    os.environ["DB_ENGINE"] = "postgresql"
    os.environ["DB_NAME"] = DB_NAME
    if create_database:
        _create_database()
    import django

    django.setup()


def _create_database() -> None:
    import psycopg
    from psycopg import sql

    params = {
        "host": os.environ.get("DB_HOST", "127.0.0.1"),
        "port": os.environ.get("DB_PORT", "5432"),
        "user": os.environ.get("DB_USER", "postgres"),
        "password": os.environ.get("DB_PASSWORD", ""),
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
            print(f"created database {DB_NAME}")
