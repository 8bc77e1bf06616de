"""Benchmark: the mentor directory's ranking (rank_mentors) over 20,000 mentors.

Standalone script (not a test).  Run from the repository root:

    .venv/bin/python bench/bench_directory.py                        # SQLite, then PostgreSQL
    .venv/bin/python bench/bench_directory.py --database sqlite --mentors 5000 --naive 3

Requirement: once the index is warm, ranking all 20,000 mentors for one mentee takes under
200 ms of server time; 20,000 mentors load in a few seconds.

Each database runs in a child process of this script (settings are read at import):
SQLite in a fresh file under /tmp, PostgreSQL in a database ``lodestar_bench_directory`` that is
dropped and created afresh (``--pg-url`` to point elsewhere).  The child migrates and generates,
with bulk inserts and a fixed seed, ``--mentors`` mentors and ``--mentees`` mentees whose
self-reflection is ready: taxonomy skills (popular ones more often), languages by region,
weekly windows in local time across 13 zones, organisations, departments and reporting lines,
goals, skill gaps, guidance weights and persona must-haves and nice-to-haves.  Then it times:

* the index build (``MentorIndex.build``: catalog, bulk load, availability masks, the scorer's
  mentor side), cold, and the version check each request makes (``index_version``);
* ``rank_mentors(mentee=..., limit=20)`` warm, once per mentee (median and p95): the version
  check, loading the mentee, scoring every mentor, ordering, explaining the page;
* the directory's flow with a database filter first (mentors who speak Spanish) and the ids
  passed as ``mentor_ids``, and a deep page (offset 10,000);
* a naive reference: the same service with no cache, i.e. every mentor read from the ORM and
  turned into Participants on each request (``--naive`` requests), and a check that it returns
  the same page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULT_TAG = "@@BENCH_RESULT "
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432"
PG_DB = "lodestar_bench_directory"

ZONES = [  # (IANA zone, weight, languages spoken there besides English)
    ("America/Los_Angeles", 4, ["es"]), ("America/New_York", 6, ["es"]),
    ("America/Sao_Paulo", 3, ["pt", "es"]), ("Europe/London", 5, []), ("Europe/Berlin", 5, ["de"]),
    ("Europe/Madrid", 3, ["es", "fr"]), ("Africa/Lagos", 2, ["yo"]), ("Africa/Nairobi", 1, ["sw"]),
    ("Asia/Kolkata", 6, ["hi"]), ("Asia/Kathmandu", 1, ["ne"]), ("Asia/Tokyo", 3, ["ja"]),
    ("Asia/Shanghai", 3, ["zh"]), ("Australia/Sydney", 2, []),
]
TEMPLATES = [  # weekly windows in local time: (weekdays, start, end)
    [(range(5), 12 * 60, 13 * 60)],
    [(range(5), 18 * 60, 20 * 60)],
    [((1, 3), 7 * 60 + 30, 8 * 60 + 30), ((5,), 10 * 60, 12 * 60)],
    [(range(4), 16 * 60, 18 * 60)],
    [((5, 6), 9 * 60, 13 * 60)],
    [((0, 2, 4), 19 * 60, 21 * 60)],
    [(range(5), 9 * 60, 10 * 60)],
]
ORGS = [f"Company {k}" for k in range(60)]
DEPTS = ["Engineering", "Data", "Design", "Product", "Sales", "Marketing", "Finance", "People"]
WORDS = ("teams growth strategy platform customers analytics leadership systems research "
         "delivery quality mentoring product design data cloud security hiring careers").split()


def say(*parts: object) -> None:
    print(*parts, flush=True)


def prepare_env(db: str, args: argparse.Namespace) -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lodestar.settings"
    os.environ["DEBUG"] = "1"
    os.environ.pop("SQLITE_PATH", None)
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_DB}"
        return None
    os.environ.pop("DATABASE_URL", None)
    var_dir = tempfile.mkdtemp(prefix="lodestar_bench_directory_", dir="/tmp")
    os.environ["LODESTAR_VAR_DIR"] = var_dir
    return var_dir


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------


def populate(n_mentors: int, n_mentees: int, seed: int) -> list[int]:
    """Mentors and ready mentees, in bulk; returns the mentees' profile ids."""
    from django.db import transaction
    from django.utils import timezone

    from lodestar.accounts.models import User
    from lodestar.goals.models import Goal, PersonaCriterion, Reflection, SkillGap
    from lodestar.people.models import AvailabilityWindow, Profile, ProfileLanguage
    from lodestar.people.taxonomy import seed_skills

    rng = random.Random(seed)
    skills = list(seed_skills().values())
    popularity = [1.0 / (k + 1) ** 0.8 for k in range(len(skills))]
    rng.shuffle(popularity)
    zones, zw = [z for z, _, _ in ZONES], [w for _, w, _ in ZONES]
    local = {z: extra for z, _, extra in ZONES}
    n = n_mentors + n_mentees
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"bench-{k}@example.org", password="!") for k in range(n)], batch_size=2000)
        profiles = []
        for k, user in enumerate(users):
            is_mentor = k < n_mentors
            sen = rng.choices(range(8), [1, 3, 6, 10, 12, 8, 4, 2] if is_mentor else
                              [4, 10, 18, 26, 20, 12, 7, 3])[0]
            picked = rng.sample(skills, 3)
            profiles.append(Profile(
                user=user, display_name=f"Person {k}", time_zone=rng.choices(zones, zw)[0],
                headline=f"{picked[0].name} and {rng.choice(WORDS)}",
                bio=" ".join([s.name for s in picked] + rng.sample(WORDS, 8)),
                organization=rng.choice(ORGS), department=rng.choice(DEPTS),
                job_title=f"{rng.choice(DEPTS)} {rng.choice(['engineer', 'lead', 'analyst'])}",
                seniority=sen,
                guidance_offered=rng.sample(["technical", "career", "navigation", "emotional"],
                                            rng.randint(1, 3)) if is_mentor else [],
                mentorship_types=rng.sample(["formal", "informal", "peer", "reverse", "virtual"],
                                            rng.randint(1, 3)) if is_mentor else [],
                max_mentees=rng.randint(1, 4) if is_mentor else 0,
                accepting_mentees=is_mentor and rng.random() < 0.8,
            ))
        profiles = Profile.objects.bulk_create(profiles, batch_size=2000)
        for k, p in enumerate(profiles):  # a reporting line inside each organisation, now and then
            if k > 100 and rng.random() < 0.3:
                p.manager_id = profiles[rng.randrange(0, k - 1)].pk
        Profile.objects.bulk_update(profiles, ["manager"], batch_size=2000)

        held, expert, langs, windows = set(), set(), [], []
        for k, p in enumerate(profiles):
            for s in rng.choices(skills, popularity, k=3):
                held.add((p.pk, s.pk))
            if k < n_mentors:
                for s in rng.choices(skills, popularity, k=rng.randint(2, 6)):
                    expert.add((p.pk, s.pk))
            zone = p.time_zone if isinstance(p.time_zone, str) else p.time_zone.key
            level = rng.choice([3, 4, 5])
            langs.append(ProfileLanguage(profile=p, language="en", proficiency=level))
            for code in local[zone][: rng.randint(0, 2)]:
                level = rng.choice([2, 4, 5])
                langs.append(ProfileLanguage(profile=p, language=code, proficiency=level))
            for tpl in rng.sample(TEMPLATES, rng.randint(1, 2)):
                for days, a, b in tpl:
                    windows += [AvailabilityWindow(profile=p, weekday=d, start_minute=a,
                                                   end_minute=b) for d in days]
        Profile.skills.through.objects.bulk_create(
            [Profile.skills.through(profile_id=a, skill_id=b) for a, b in held], batch_size=5000)
        Profile.expertise.through.objects.bulk_create(
            [Profile.expertise.through(profile_id=a, skill_id=b) for a, b in expert],
            batch_size=5000)
        ProfileLanguage.objects.bulk_create(langs, batch_size=5000)
        AvailabilityWindow.objects.bulk_create(windows, batch_size=5000)

        mentees = profiles[n_mentors:]
        gaps, crit, goals, refl = [], [], [], []
        for p in mentees:
            wanted = rng.sample(skills[:60], rng.randint(2, 4))
            gaps += [SkillGap(owner=p, skill=s) for s in wanted]
            refl.append(Reflection(profile=p, technical=rng.randint(0, 3), career=rng.randint(1, 3),
                                   navigation=rng.randint(0, 2), emotional=rng.randint(0, 2),
                                   ready_at=now))
            goals.append(Goal(owner=p, horizon="short", text=f"Lead a {wanted[0].name} project "
                              f"for my team's {rng.choice(WORDS)} work by the end of the year",
                              measure="Shipped, with a review from my manager"))
            crit.append(PersonaCriterion(owner=p, kind="language", value="en", importance="must"))
            crit.append(PersonaCriterion(owner=p, kind="seniority", value="4", importance="nice",
                                         weight=2))
            crit.append(PersonaCriterion(owner=p, kind="skill", value=wanted[0].key,
                                         skill=wanted[0], importance="nice", weight=3))
        SkillGap.objects.bulk_create(gaps)
        Reflection.objects.bulk_create(refl)
        Goal.objects.bulk_create(goals)
        PersonaCriterion.objects.bulk_create(crit)
    return [p.pk for p in mentees]


# --------------------------------------------------------------------------------------------
# child: one database
# --------------------------------------------------------------------------------------------


def ms(seconds: list[float]) -> dict:
    s = sorted(seconds)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return {"median_ms": 1000 * statistics.median(s), "p95_ms": 1000 * p95, "n": len(s)}


def run_child(db: str, args: argparse.Namespace) -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from lodestar.matching import directory
    from lodestar.matching.adapter import catalog_build, participants_load
    from lodestar.people.models import Profile

    settings.DEBUG = False  # no per-query logging
    with connection.cursor() as cur:
        cur.execute("SELECT version()" if connection.vendor == "postgresql"
                    else "SELECT 'SQLite ' || sqlite_version()")
        version = cur.fetchone()[0].split(" on ")[0]
    say(f"\n=== {db}: {version}; {args.mentors:,} mentors, {args.mentees} mentees; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus ===")
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    mentee_ids = populate(args.mentors, args.mentees, args.seed)
    say(f"generated in {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    mentees = list(Profile.objects.filter(pk__in=mentee_ids).order_by("pk"))
    res: dict = {"db": db, "version": version, "mentors": args.mentors}

    t0 = time.perf_counter()
    catalog = catalog_build()
    participants_load(directory.mentor_pool(), catalog, side="mentor")
    res["load_s"] = time.perf_counter() - t0
    res["load_average"] = os.getloadavg()[0]
    builds = []
    for _ in range(2):
        directory.mentor_index_clear()
        t0 = time.perf_counter()
        directory.mentor_index()
        builds.append(time.perf_counter() - t0)
    res["build_s"] = min(builds)
    say(f"index build {res['build_s']:.2f} s (bulk load and masks alone {res['load_s']:.2f} s)")

    checks = []
    for _ in range(30):
        t0 = time.perf_counter()
        directory.index_version()
        checks.append(time.perf_counter() - t0)
    res["version_check"] = ms(checks)

    def timed(fn, people):
        """Wall time, and this process's CPU time (the machine may be busy with other work)."""
        out, cpu, pages = [], [], []
        for m in people:
            t0, c0 = time.perf_counter(), time.process_time()
            pages.append(fn(m))
            out.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return ms(out) | {"cpu_median_ms": 1000 * statistics.median(cpu)}, pages

    rank = lambda m: directory.rank_mentors(mentee=m, limit=20)  # noqa: E731
    rank(mentees[0])  # warm: numpy's first calls, the dense caches
    res["warm"], pages = timed(rank, mentees)
    res["deep_page"], _ = timed(lambda m: directory.rank_mentors(mentee=m, offset=10_000, limit=20),
                                mentees[:20])

    def filtered(m):  # the directory: a database filter first, then the ranking of what is left
        ids = list(directory.mentor_pool().filter(languages__language="es")
                   .values_list("pk", flat=True))
        return directory.rank_mentors(mentee=m, mentor_ids=ids, limit=20)

    res["filtered"], fpages = timed(filtered, mentees[:20])
    res["filtered_total"] = fpages[0].total

    def naive(m):
        directory.mentor_index_clear()  # no cache: every mentor from the ORM on every request
        return directory.rank_mentors(mentee=m, limit=20)

    res["naive"], npages = timed(naive, mentees[: args.naive])
    res["same_pages"] = all(
        [s.profile_id for s in a.suggestions] == [s.profile_id for s in b.suggestions]
        for a, b in zip(pages, npages, strict=False))
    for key in ("version_check", "warm", "deep_page", "filtered", "naive"):
        r = res[key]
        cpu = f"  cpu median {r['cpu_median_ms']:7.1f} ms" if "cpu_median_ms" in r else ""
        say(f"{key:>14}: median {r['median_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms{cpu}"
            f"  (n={r['n']})")
    say(f"filtered pool: {res['filtered_total']:,} mentors; naive and indexed pages identical: "
        f"{res['same_pages']}")
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
    cmd = [sys.executable, __file__, "--child", db, "--mentors", str(args.mentors), "--mentees",
           str(args.mentees), "--naive", str(args.naive), "--seed", str(args.seed),
           "--pg-url", args.pg_url]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    result = None
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_TAG):
            result = json.loads(line[len(RESULT_TAG):])
        else:
            say(line)
    if proc.returncode:
        say(proc.stderr[-3000:])
        say(f"{db}: failed with exit code {proc.returncode}")
    return result


def summary(results: list[dict]) -> None:
    say("\n=== summary (ms unless noted) ===")
    say(f"{'database':<12}{'build s':>9}{'check':>8}{'warm med':>10}{'warm p95':>10}"
        f"{'warm cpu':>10}{'filtered':>10}{'naive med':>11}{'speed-up':>10}")
    for r in results:
        w, n = r["warm"], r["naive"]
        say(f"{r['db']:<12}{r['build_s']:>9.2f}{r['version_check']['median_ms']:>8.1f}"
            f"{w['median_ms']:>10.1f}{w['p95_ms']:>10.1f}{w['cpu_median_ms']:>10.1f}"
            f"{r['filtered']['median_ms']:>10.1f}{n['median_ms']:>11.0f}"
            f"{n['median_ms'] / w['median_ms']:>9.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", choices=("postgres", "sqlite", "both"), default="both")
    ap.add_argument("--mentors", type=int, default=20_000)
    ap.add_argument("--mentees", type=int, default=50)
    ap.add_argument("--naive", type=int, default=5, help="requests timed without the index")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--pg-url", default=DEFAULT_PG, help="server URL without a database name")
    ap.add_argument("--child", choices=("postgres", "sqlite"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mentors < 1 or args.mentees < 1 or args.naive < 1:
        ap.error("--mentors, --mentees and --naive must be at least 1")
    if args.child:
        child(args.child, args)
        return
    dbs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [r for db in dbs if (r := run_one(db, args))]
    if results:
        summary(results)
    if len(results) != len(dbs):
        sys.exit(1)


if __name__ == "__main__":
    main()
