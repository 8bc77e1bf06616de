"""`lodestar backup` and `lodestar restore` round-trip everything: rows, encrypted text (as
ciphertext that the same keys still open) and photos; into SQLite, and into PostgreSQL when a
server answers."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lodestar.accounts.tests import world as w
from lodestar.audit.models import Action, AuditEvent
from lodestar.lib import crypto
from lodestar.meetings.models import Note
from lodestar.operations.backup import read_manifest
from lodestar.people.tests.factories import ProfileFactory

from .snapshot import as_json, snapshot

ROOT = Path(__file__).resolve().parents[3]
PG_SERVER = os.getenv("PG_URL", "postgres://postgres@127.0.0.1:5432/lodestar").rsplit("/", 1)[0]
KEYS = [crypto.generate_key(), crypto.generate_key()]


@pytest.fixture
def carol(db):
    return ProfileFactory(display_name="Carol Diaz", user__email="carol@example.org")


@pytest.fixture
def backup(settings, tmp_path, alice, bob, carol):
    """A populated site, written with the second key, then backed up."""
    settings.FIELD_ENCRYPTION_KEYS = KEYS[1:]
    w.build_world(alice, bob, carol)
    settings.FIELD_ENCRYPTION_KEYS = KEYS
    path = tmp_path / "lodestar.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def restore_elsewhere(path: Path, tmp_path: Path, **env: str) -> dict:
    target = tmp_path / "target"
    result = subprocess.run(
        [sys.executable, "-m", "lodestar.operations.tests.snapshot", str(path)],
        env={
            **os.environ,
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "lodestar.settings",
            "LODESTAR_VAR_DIR": str(target),
            "MEDIA_ROOT": str(target / "media"),
            "FIELD_ENCRYPTION_KEYS": ",".join(KEYS),
            **env,
        },
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_same(source: dict, restored: dict) -> None:
    source, restored = json.loads(as_json(source)), dict(restored)
    assert (
        restored["counts"].pop("audit.auditevent") == source["counts"].pop("audit.auditevent") + 1
    )
    assert restored == source
    assert source["raw_notes_are_ciphertext"] and source["media"]
    assert sum(source["counts"].values()) > 80


def test_the_backup_holds_a_manifest_ciphertext_and_the_photos(backup):
    manifest = read_manifest(backup)
    assert manifest["app"] == "lodestar" and manifest["app_version"] and manifest["created_at"]
    assert manifest["counts"]["meetings.note"] == 4 and manifest["media_files"] == 1
    assert "meetings" in manifest["migrations"]
    with tarfile.open(backup, "r:gz") as tar:
        data = tar.extractfile("data.jsonl").read().decode()
        assert any(name.startswith("media/photos/") for name in tar.getnames())
    for secret in (w.ALICE_PRIVATE, w.BOB_PRIVATE, w.GOAL_WHY, w.CHECK_IN, w.FOLLOW_UP, w.UPDATE):
        assert secret not in data  # ciphertext only
    notes = [json.loads(line) for line in data.splitlines() if '"meetings.note"' in line]
    bodies = {crypto.decrypt(n["fields"]["body"]) for n in notes}
    assert w.ALICE_PRIVATE in bodies and "sessions.session" not in data
    assert AuditEvent.objects.filter(action=Action.BACKUP).exists()


def test_round_trip_into_a_fresh_sqlite_database(backup, tmp_path):
    assert_same(snapshot(), restore_elsewhere(backup, tmp_path, DATABASE_URL=""))


def test_round_trip_into_postgresql(backup, tmp_path):
    psycopg = pytest.importorskip("psycopg")
    try:
        server = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server answers at {PG_SERVER}: {exc}")
    name = f"lodestar_restore_{uuid.uuid4().hex[:10]}"
    server.execute(f"CREATE DATABASE {name}")
    try:
        restored = restore_elsewhere(backup, tmp_path, DATABASE_URL=f"{PG_SERVER}/{name}")
    finally:
        server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.close()
    assert_same(snapshot(), restored)


def test_restore_refuses_a_database_with_data_unless_forced(backup, alice):
    before = snapshot()
    Note.objects.all().delete()
    alice.display_name = "Changed after the backup"
    alice.save()
    with pytest.raises(CommandError, match="already has accounts"):
        call_command("restore", str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), force=True, stdout=io.StringIO())
    assert_same(before, json.loads(as_json(snapshot())))


def test_restore_with_other_keys_fails_before_touching_anything(backup, settings):
    settings.FIELD_ENCRYPTION_KEYS = [crypto.generate_key()]
    with pytest.raises(CommandError, match="key that is not in FIELD_ENCRYPTION_KEYS"):
        call_command("restore", str(backup), force=True, stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = KEYS
    assert Note.objects.count() == 4


def test_restore_refuses_media_paths_outside_media_root(backup, tmp_path, settings):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(backup, "r:gz") as source, tarfile.open(evil, "w:gz") as out:
        for member in source.getmembers():
            out.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 2
        out.addfile(info, io.BytesIO(b"hi"))
    with pytest.raises(CommandError, match="outside MEDIA_ROOT"):
        call_command("restore", str(evil), force=True, stdout=io.StringIO())
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "escaped.txt").exists()
