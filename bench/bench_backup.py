"""Backup and restore round trip: a populated site backed up, restored into a fresh SQLite
database and a fresh PostgreSQL database, and compared.

Standalone script (not a test). Run from the repository root:

    .venv/bin/python bench/bench_backup.py                      # 320 demo people, 20,000 notes
    .venv/bin/python bench/bench_backup.py --people 100 --notes 2000 --no-postgres

Source: a fresh SQLite file with `lodestar demo-data` (profiles, skills, goals, reflections)
plus `--notes` meeting notes with takeaways, action items and follow-ups on `--notes / 4` past
meetings, written through the models, so every encrypted column has rows. Each step runs the
real `lodestar` command in a child process (the wall time includes starting Django, about 3 s).

Checks: `lodestar restore` itself compares the row count of every model with the backup's
manifest; this script also compares a SHA-256 over every decrypted value of every encrypted
column and a count of rows per model, source against each target, and that the backup file holds
no plaintext of a sample note.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LODESTAR = str(Path(sys.executable).with_name("lodestar"))

POPULATE = """
import datetime as dt, random
from django.utils import timezone
from lodestar.meetings.models import ActionItem, FollowUp, Meeting, Note, Takeaway
from lodestar.people.models import Profile
random.seed(7)
people = list(Profile.objects.values_list("pk", flat=True))
words = "plan team budget review manager feedback career promotion data roadmap hire".split()
text = lambda n: " ".join(random.choice(words) for _ in range(n))
now, notes = timezone.now(), {notes}
for i in range(notes // 4):
    a, b = random.sample(people, 2)
    start = now - dt.timedelta(days=random.randint(2, 300), minutes=i)
    m = Meeting.objects.create(organizer_id=a, attendee_id=b, kind="session", starts_at=start,
                               ends_at=start + dt.timedelta(minutes=45), status="held")
    Note.objects.bulk_create([Note(meeting=m, author_id=random.choice([a, b]), body=text(60),
                                   shared=bool(k % 2)) for k in range(4)])
    Takeaway.objects.create(meeting=m, author_id=a, text=text(8))
    ActionItem.objects.create(meeting=m, owner_id=a, created_by_id=b, text=text(6),
                              report_back=text(20))
    FollowUp.objects.create(meeting=m, body=text(80), sent_at=start + dt.timedelta(hours=3))
print("SAMPLE", Note.objects.order_by("pk").first().body)
"""

FINGERPRINT = """
import hashlib, json
from lodestar.lib.crypto import encrypted_models
from lodestar.operations.backup import backed_up_models
digest = hashlib.sha256()
for model, fields in sorted(encrypted_models(), key=lambda mf: mf[0]._meta.label):
    for row in model._base_manager.order_by("pk").values_list("pk", *[f.name for f in fields]):
        digest.update(repr(row).encode())
counts = {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}
print("FINGERPRINT", json.dumps({"sha256": digest.hexdigest(), "counts": counts}))
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([LODESTAR, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"lodestar {' '.join(args[:2])} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start, done.stdout


def fingerprint(env: dict[str, str]) -> dict:
    _, out = run(["shell", "-c", FINGERPRINT], env)
    line = next(x for x in out.splitlines() if x.startswith("FINGERPRINT "))
    return json.loads(line.split(" ", 1)[1])


def restore_into(name: str, backup: Path, env: dict[str, str], source: dict) -> None:
    migrate, _ = run(["migrate", "--no-input", "-v0"], env)
    seconds, _ = run(["restore", str(backup)], env)
    found = fingerprint(env)
    found["counts"]["audit.auditevent"] -= 1  # the restore records itself
    same = found == source
    print(f"{name:<11} migrate {migrate:6.1f} s   restore {seconds:6.1f} s   "
          f"encrypted values and row counts identical: {same}")
    if not same:
        sys.exit("round trip differs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=320)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()

    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    base.update(DEBUG="1", DJANGO_SETTINGS_MODULE="lodestar.settings",
                FIELD_ENCRYPTION_KEYS=subprocess.run(
                    [LODESTAR, "rotate-encryption-key", "--generate-key"], env={**base, "DEBUG": "1"},
                    capture_output=True, text=True, cwd=ROOT).stdout.strip())
    with tempfile.TemporaryDirectory(prefix="lodestar-bench-backup-") as tmp:
        tmp = Path(tmp)
        src = {**base, "LODESTAR_VAR_DIR": str(tmp / "src"), "MEDIA_ROOT": str(tmp / "src/media")}
        run(["migrate", "--no-input", "-v0"], src)
        populate, _ = run(["demo-data", "--people", str(options.people)], src)
        seconds, out = run(["shell", "-c", POPULATE.replace("{notes}", str(options.notes))], src)
        sample = next(x for x in out.splitlines() if x.startswith("SAMPLE ")).split(" ", 1)[1]
        print(f"source      demo data {populate:6.1f} s   {options.notes} notes {seconds:6.1f} s")
        backup = tmp / "lodestar.tar.gz"
        seconds, out = run(["backup", str(backup)], src)
        source = fingerprint(src)
        rows = sum(source["counts"].values())
        print(f"backup      {seconds:6.1f} s   {rows:,} rows in {len(source['counts'])} models   "
              f"{backup.stat().st_size / 1e6:.2f} MB compressed")
        import tarfile

        with tarfile.open(backup, "r:gz") as tar:
            plaintext = sample in tar.extractfile("data.jsonl").read().decode()
        print(f"            a sample note's plaintext in the backup file: {plaintext}")

        restore_into("SQLite", backup, {**base, "LODESTAR_VAR_DIR": str(tmp / "dst"),
                                        "MEDIA_ROOT": str(tmp / "dst/media")}, source)
        if options.no_postgres:
            return
        try:
            import psycopg

            server = psycopg.connect(f"{options.pg_url}/postgres", autocommit=True,
                                     connect_timeout=3)
        except Exception as exc:  # no server: say so and stop
            print(f"PostgreSQL  skipped: {exc}")
            return
        name = f"lodestar_bench_backup_{uuid.uuid4().hex[:8]}"
        server.execute(f"CREATE DATABASE {name}")
        try:
            restore_into("PostgreSQL", backup, {**base, "DATABASE_URL": f"{options.pg_url}/{name}",
                                                "MEDIA_ROOT": str(tmp / "pg/media")}, source)
        finally:
            server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
