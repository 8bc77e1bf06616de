"""The settings contract and the `lodestar` command, checked in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
LODESTAR = str(Path(sys.executable).with_name("lodestar"))


def run_settings(env: dict[str, str], expr: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    code = (
        "import json, django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lodestar.settings');"
        f"django.setup(); from django.conf import settings as s; print(json.dumps({expr}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, cwd=ROOT, capture_output=True, text=True
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run_settings({"LODESTAR_VAR_DIR": str(tmp_path)}, "s.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_secret_key_comes_from_the_environment(tmp_path):
    result = run_settings(
        {"SECRET_KEY": "from-env-123", "ALLOWED_HOSTS": "lodestar.example", "LODESTAR_VAR_DIR": str(tmp_path),
         "FIELD_ENCRYPTION_KEYS": "bG9kZXN0YXItdGVzdC1vbmx5LWtleS0wMDAwMDAwMDA="},
        "[s.SECRET_KEY, s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE]",
    )
    assert json.loads(result.stdout) == ["from-env-123", False, ["lodestar.example"], True]


def test_development_default_only_with_debug(tmp_path):
    result = run_settings({"DEBUG": "1", "LODESTAR_VAR_DIR": str(tmp_path)}, "s.SECRET_KEY")
    assert "development-only" in json.loads(result.stdout)


def test_sqlite_under_var_by_default_and_postgres_from_a_url(tmp_path):
    default = run_settings({"DEBUG": "1", "LODESTAR_VAR_DIR": str(tmp_path)}, "s.DATABASES['default']")
    db = json.loads(default.stdout)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "lodestar.sqlite3")
    assert db["OPTIONS"]["timeout"] == 20 and "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    pg = run_settings(
        {"DEBUG": "1", "DATABASE_URL": "postgres://me@db.example:5433/lodestar"}, "s.DATABASES['default']"
    )
    db = json.loads(pg.stdout)
    assert (db["ENGINE"], db["HOST"], db["PORT"], db["NAME"]) == (
        "django.db.backends.postgresql", "db.example", 5433, "lodestar"
    )


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip(f"this check is about SQLite; the suite is running on {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    # In-memory test databases cannot use WAL; the file database that `make demo` uses can.
    result = subprocess.run(
        [LODESTAR, "shell", "-c",
         "from django.db import connection as c; cur = c.cursor(); cur.execute('PRAGMA journal_mode'); print(cur.fetchone()[0])"],
        env={**os.environ, "DEBUG": "1", "LODESTAR_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.stdout.split()[-1] == "wal", result.stdout + result.stderr


def test_cli_runs_django_commands_and_our_hyphenated_ones():
    env = {**os.environ, "DEBUG": "1"}
    check = subprocess.run([LODESTAR, "check"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0 and "no issues" in check.stdout
    helptext = subprocess.run([LODESTAR, "demo-data", "--help"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert helptext.returncode == 0 and "--people" in helptext.stdout


def test_migrations_are_up_to_date():
    result = subprocess.run(
        [LODESTAR, "makemigrations", "--check", "--dry-run"],
        env={**os.environ, "DEBUG": "1"}, capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
