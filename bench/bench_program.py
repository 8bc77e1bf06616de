"""A formal program end to end: participants imported from CSV, matched, published.

Standalone script (not a test). Run from the repository root:

    .venv/bin/python bench/bench_program.py                       # 10,000 people, SQLite and PostgreSQL
    .venv/bin/python bench/bench_program.py --people 2000 --no-postgres
    PG_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_program.py

Each database runs in its own child process on a fresh database (a temporary SQLite file; a
PostgreSQL database ``lodestar_bench_program`` created and dropped on the server of
``PG_URL``). Migrating it is not timed. Then, through the same code the pages use:

* import: a generated CSV (60% mentees, 40% mentors taking 2 each; 12 departments, managers,
  six time zones, skills from the taxonomy, a "must match" choice question) validated and
  written in one transaction;
* match: the program's matching run (``run_execute``, optimal mode, as the background task runs
  it), proposals stored;
* publish: formal relationships created, everyone notified, the unmatched waitlisted, survey
  reminders scheduled.

The target is under 2 minutes for all three, per database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPARTMENTS = [f"Department {k}" for k in range(12)]
ZONES = ["Europe/London", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Asia/Tokyo",
         "Africa/Lagos"]
REGIONS = ["North", "South"]


def make_csv(people: int, skills: list[str], seed: int = 11) -> str:
    import random

    rng = random.Random(seed)
    mentors = int(people * 0.4)
    lines = ["email,role,name,department,manager_email,time_zone,skills,languages,Region"]
    for i in range(people):
        role = "mentor" if i < mentors else "mentee"
        dept = rng.randrange(len(DEPARTMENTS))
        # the first person of each department manages the next 30 of it (by index)
        manager = f"p{i - 1 - (i - 1) % 30}@bench.example" if i % 30 and i > 30 else ""
        picked = ";".join(rng.sample(skills, 3))
        langs = "en" if rng.random() < 0.8 else "en;fr"
        lines.append(f"p{i}@bench.example,{role},Person {i},{DEPARTMENTS[dept]},{manager},"
                     f"{rng.choice(ZONES)},{picked},{langs},{rng.choice(REGIONS)}")
    return "\n".join(lines) + "\n"


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def child(people: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lodestar.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lodestar.accounts.models import User
    from lodestar.notifications.models import Notification
    from lodestar.people.models import Profile
    from lodestar.people.taxonomy import seed_skills
    from lodestar.programs import csvfile, matchrun, services
    from lodestar.programs.models import Participant, ProgramMatch
    from lodestar.relationships.models import Relationship

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    out = {"database": connection.vendor, "people": people, "migrate_s": time.perf_counter() - t}
    skills = [s.name for s in seed_skills().values()][:60]
    staff_user = User.objects.create_user("staff@bench.example", is_staff=True)
    admin_user = User.objects.create_user("admin@bench.example")
    staff = Profile.objects.create(user=staff_user, display_name="Staff")
    admin = Profile.objects.create(user=admin_user, display_name="Admin")
    program = services.program_create(by=staff, name="Bench program", admins=[admin], audience="open",
                                      mentor_capacity=2, forbid_same_line=True,
                                      forbid_same_department=True, milestone_days=[30],
                                      starts_on=__import__("datetime").date(2031, 1, 6),
                                      ends_on=__import__("datetime").date(2031, 7, 6))
    services.question_add(program=program, text="Region", kind="choice", choices=REGIONS,
                          matching="must")
    text = make_csv(people, skills)

    t0, c0 = time.perf_counter(), _cpu()
    report = csvfile.participants_import(program=program, text=text)
    assert report.ok, report.errors[:5]
    out["import_s"] = time.perf_counter() - t0

    t = time.perf_counter()
    run = matchrun.run_create(program=program, by=admin_user, enqueue=False)
    run = matchrun.run_execute(run_id=run.pk)
    assert run.state == "done", run.error
    out["match_s"] = time.perf_counter() - t

    t = time.perf_counter()
    done = services.program_publish(program=program, by=admin)  # its on_commit notices run too
    out["publish_s"] = time.perf_counter() - t
    out["total_s"] = time.perf_counter() - t0
    out["cpu_s"] = _cpu() - c0  # this process only (not the PostgreSQL server): load-independent
    out["load"] = os.getloadavg()[0]
    out.update(
        pairs=done["pairs"], waitlisted=done["waitlisted"],
        relationships=Relationship.objects.filter(kind="formal").count(),
        notifications=Notification.objects.count(),
        matched=Participant.objects.filter(status="matched").count(),
        mean_score=round(sum(ProgramMatch.objects.values_list("score", flat=True)) / max(1, done["pairs"]), 3),
    )
    return out


def run_child(people: int, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    proc = subprocess.run([sys.executable, __file__, "--child", "--people", str(people)], env=env, check=False,
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"child failed on {database_url}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def postgres_database(base: str, name: str, create: bool) -> str | None:
    import psycopg

    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if create:
                conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL skipped: {exc}".strip())
        return None
    return base.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.people)))
        return
    results = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run_child(args.people, f"sqlite:///{tmp}/bench.sqlite3"))
    if not args.no_postgres:
        base = os.getenv("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        url = postgres_database(base, "lodestar_bench_program", create=True)
        if url:
            try:
                results.append(run_child(args.people, url))
            finally:
                postgres_database(base, "lodestar_bench_program", create=False)
    print(f"{'database':<11}{'people':>8}{'import s':>10}{'match s':>9}{'publish s':>11}{'total s':>9}"
          f"{'cpu s':>7}{'pairs':>7}{'waitlisted':>12}{'notices':>9}{'load':>6}")
    for r in results:
        print(f"{r['database']:<11}{r['people']:>8}{r['import_s']:>10.1f}{r['match_s']:>9.1f}"
              f"{r['publish_s']:>11.1f}{r['total_s']:>9.1f}{r['cpu_s']:>7.1f}{r['pairs']:>7}"
              f"{r['waitlisted']:>12}{r['notifications']:>9}{r['load']:>6.1f}")
    for r in results:
        verdict = "under" if r["total_s"] < 120 else "OVER"
        print(f"{r['database']}: {r['total_s']:.1f} s end to end, {verdict} the 2-minute target "
              f"(migrating the fresh database took {r['migrate_s']:.1f} s, not counted); "
              f"mean pair score {r['mean_score']}")


if __name__ == "__main__":
    main()
