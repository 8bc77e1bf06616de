"""Benchmark: the whole mentor directory page (/mentors/) over 20,000 mentors.

Standalone script (not a test). Run from the repository root:

    .venv/bin/python bench/bench_directory_page.py                      # SQLite, then PostgreSQL
    .venv/bin/python bench/bench_directory_page.py --database postgres --mentees 20
    PROFILE_SORT=tottime .venv/bin/python bench/bench_directory_page.py --database postgres --reuse --profile

Requirement: the directory page takes under 200 ms of server time with 20,000 mentors.

Each database runs in a child process (settings are read at import): SQLite in a fresh file under
/tmp, PostgreSQL in a database ``lodestar_bench_directory_page`` dropped and created afresh. The
population is bench_directory.py's generator (20,000 mentors in 13 zones with skills, languages,
windows, organisations; mentees with a ready self-reflection), plus active relationships that
take places (so "full" mentors exist and the availability filter has work to do) and directory
tags. The server is Django's test client in this process: the time of one ``client.get`` is the
server's whole work for the page (middleware, session, filters in the database, the ranking,
the shared hours of each card in both clocks, the template), without a network.

Timed, once the matching index is warm, one request per mentee (median and p95, and this
process's CPU time):

* ``default``: no filter (every available mentor is ranked);
* ``filtered``: speaks Spanish and offers career strategy;
* ``overlap``: at least 2 hours a week in common (read from the index's masks);
* ``deep``: page 300 of the default list;
* ``reference``: the same default page with ranking off (``?order=name``: the database's order)
  -- what the page costs without the engine, side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_directory import ms, populate  # noqa: E402  the shared population generator

RESULT_TAG = "@@BENCH_RESULT "
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432"
PG_DB = "lodestar_bench_directory_page"
CASES = {
    "default": {},
    "filtered": {"language": "es", "guidance": "career"},
    "overlap": {"min_hours": "2"},
    "deep": {"page": "300"},
    "reference": {"order": "name"},
}


def say(*parts: object) -> None:
    print(*parts, flush=True)


def prepare_env(db: str, args: argparse.Namespace) -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lodestar.settings"
    os.environ["DEBUG"] = "1"
    os.environ.pop("SQLITE_PATH", None)
    if db == "postgres":
        import psycopg

        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_DB}"
        if args.reuse:
            return None
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_DB}"
        return None
    os.environ.pop("DATABASE_URL", None)
    var_dir = tempfile.mkdtemp(prefix="lodestar_bench_page_", dir="/tmp")
    os.environ["LODESTAR_VAR_DIR"] = var_dir
    return var_dir


def outreach_rows(mentee_ids: list[int], n_mentors: int, seed: int) -> int:
    """Accepted requests with the active relationships they started (which take places), and a
    few alumni tags; returns the count of relationships."""
    from django.utils import timezone

    from lodestar.outreach.models import DirectoryTag, IntroRequest, RequestState
    from lodestar.people.models import Profile
    from lodestar.relationships.models import Relationship, State

    rng = random.Random(seed + 1)
    mentors = list(
        Profile.objects.mentors()
        .filter(accepting_mentees=True)
        .values_list("pk", "max_mentees")[:n_mentors]
    )
    now = timezone.now()
    rows, pairs = [], set()
    for mentor_id, room in rng.sample(mentors, min(len(mentors), n_mentors // 5)):
        for mentee_id in rng.sample(mentee_ids, min(room, len(mentee_ids))):
            if (mentee_id, mentor_id) not in pairs:
                pairs.add((mentee_id, mentor_id))
                rows.append(
                    IntroRequest(
                        mentee_id=mentee_id,
                        mentor_id=mentor_id,
                        subject="Bench",
                        body="Bench",
                        state=RequestState.ACCEPTED,
                        created_at=now,
                        decided_at=now,
                        expires_at=now,
                    )
                )
    IntroRequest.objects.bulk_create(rows, batch_size=2000)
    Relationship.objects.bulk_create(
        [
            Relationship(mentee_id=r.mentee_id, mentor_id=r.mentor_id, kind="informal",
                         state=State.ACTIVE, started_at=now, created_at=now)
            for r in rows
        ],
        batch_size=2000,
    )
    DirectoryTag.objects.bulk_create(
        [
            DirectoryTag(
                profile_id=pk,
                kind="alumni",
                name=f"University {pk % 40}",
                key=f"university {pk % 40}",
            )
            for pk, _room in mentors[::10]
        ],
        batch_size=2000,
    )
    return len(rows)


def run_child(db: str, args: argparse.Namespace) -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lodestar.matching import directory
    from lodestar.people.models import Profile

    settings.DEBUG = False  # no per-query logging
    with connection.cursor() as cur:
        cur.execute(
            "SELECT version()"
            if connection.vendor == "postgresql"
            else "SELECT 'SQLite ' || sqlite_version()"
        )
        version = cur.fetchone()[0].split(" on ")[0]
    say(
        f"\n=== {db}: {version}; {args.mentors:,} mentors, {args.mentees} mentees; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus ==="
    )
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    if args.reuse and Profile.objects.exists():  # PostgreSQL only: the last run's population
        from lodestar.goals.models import Reflection
        from lodestar.relationships.models import Relationship

        mentee_ids = list(
            Reflection.objects.order_by("profile_id").values_list("profile_id", flat=True)[
                : args.mentees
            ]
        )
        accepted = Relationship.objects.count()
        say("reusing the population of the last run")
    else:
        mentee_ids = populate(args.mentors, args.mentees, args.seed)
        accepted = outreach_rows(mentee_ids, args.mentors, args.seed)
    say(f"ready in {time.perf_counter() - t0:.1f} s ({accepted:,} active relationships taking places)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    mentees = list(Profile.objects.filter(pk__in=mentee_ids).select_related("user").order_by("pk"))
    t0 = time.perf_counter()
    directory.mentor_index()
    say(f"matching index built in {time.perf_counter() - t0:.2f} s")

    clients = []
    for m in mentees:
        c = Client()
        c.force_login(m.user)
        clients.append(c)
    res: dict = {
        "db": db,
        "version": version,
        "mentors": args.mentors,
        "accepted": accepted,
        "load_average": os.getloadavg()[0],
    }
    for name, query in CASES.items():
        clients[0].get("/mentors/", query)  # warm: templates, numpy's first calls
        wall, cpu = [], []
        for c in clients:
            t0, c0 = time.perf_counter(), time.process_time()
            page = c.get("/mentors/", query)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            assert page.status_code == 200, (name, page.status_code)
        with CaptureQueriesContext(connection) as queries:
            page = clients[0].get("/mentors/", query)
        html = page.content.decode()
        cards = html.count('class="mentor-card')
        found = re.search(r"([\d,]+) mentors? fits? these filters", html)
        total = int(found.group(1).replace(",", "")) if found else 0
        res[name] = ms(wall) | {
            "cpu_median_ms": 1000 * statistics.median(cpu),
            "queries": len(queries),
            "cards": cards,
            "total": total,
        }
        r = res[name]
        say(
            f"{name:>10}: median {r['median_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  cpu median "
            f"{r['cpu_median_ms']:6.1f} ms  ({r['queries']} queries, {total:,} mentors matched, "
            f"{cards} cards, n={r['n']})"
        )
    if args.profile:  # where one default page's time goes, by cumulative time
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for c in clients[:10]:
            c.get("/mentors/", CASES["default"])
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(os.getenv("PROFILE_SORT", "cumulative")).print_stats(int(os.getenv("PROFILE_LINES", "35")))
    say(RESULT_TAG + json.dumps(res))


def child(db: str, args: argparse.Namespace) -> None:
    tmp = prepare_env(db, args)
    sys.path.insert(0, str(ROOT))
    try:
        run_child(db, args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run_one(db: str, args: argparse.Namespace) -> dict | None:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        db,
        "--mentors",
        str(args.mentors),
        "--mentees",
        str(args.mentees),
        "--seed",
        str(args.seed),
        "--pg-url",
        args.pg_url,
        *(["--reuse"] if args.reuse and db == "postgres" else []),
        *(["--profile"] if args.profile else []),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if args.profile:
        say(proc.stderr)
    result = None
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_TAG):
            result = json.loads(line[len(RESULT_TAG) :])
        else:
            say(line)
    if proc.returncode:
        say(proc.stderr[-3000:])
        say(f"{db}: failed with exit code {proc.returncode}")
    return result


def summary(results: list[dict]) -> None:
    say("\n=== summary: server time of GET /mentors/ (ms), median / p95 ===")
    say(f"{'database':<12}" + "".join(f"{name:>18}" for name in CASES))
    for r in results:
        say(
            f"{r['db']:<12}"
            + "".join(f"{r[name]['median_ms']:>10.1f} /{r[name]['p95_ms']:>6.1f}" for name in CASES)
        )
    say("reference = the same page with ranking off (database order), for comparison.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", choices=("postgres", "sqlite", "both"), default="both")
    ap.add_argument("--mentors", type=int, default=20_000)
    ap.add_argument("--mentees", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pg-url", default=DEFAULT_PG)
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: keep the database of the last run instead of generating",
    )
    ap.add_argument("--profile", action="store_true",
                    help="after timing, profile ten default pages (cProfile, to stderr)")
    ap.add_argument("--child", choices=("postgres", "sqlite"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args)
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [r for r in (run_one(db, args) for db in dbs) if r]
    if results:
        summary(results)


if __name__ == "__main__":
    main()
