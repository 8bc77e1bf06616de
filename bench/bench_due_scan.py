"""Benchmark: the scheduler's due-scan, claim and enqueue over 1,000,000 pending notifications.

Standalone script (not a test).  Run from the repository root:

    .venv/bin/python bench/bench_due_scan.py                       # both databases, defaults below
    .venv/bin/python bench/bench_due_scan.py --database sqlite --rows 200000 --repeat 5

Requirement: with 1,000,000 pending due rows in PostgreSQL the due-scan uses an index and one
scheduler pass claims and enqueues 10,000 due items in under 1 second; also report SQLite.

Each database runs in its own child process (settings are read at import), which re-invokes this
script with ``--child postgres|sqlite``:

* PostgreSQL: database ``lodestar_bench`` on postgres://postgres@127.0.0.1:5432, dropped and
  created afresh (``--pg-url`` to point elsewhere).  SQLite: a fresh file under /tmp, with the
  project's own settings (WAL, synchronous=NORMAL).
* ``TASKS_BACKEND=django_tasks_db.DatabaseBackend``: every enqueue writes a task row, as in
  production.  ``DEBUG=1`` is needed to load the settings without a SECRET_KEY; after setup the
  script turns ``settings.DEBUG`` off so Django does not log every query (on SQLite that logging
  re-quotes all 10,000 ids of the claim statements), as with DEBUG off in production.
* Load: migrate, one recipient, then ``--rows`` pending ``follow_up_due`` rows in one INSERT ...
  SELECT (generate_series / a recursive CTE).  ``--due`` of them are due (spread over the last 30
  days), the rest over the next 90 days; which rows are due is a permutation of the insertion
  order, so due rows are scattered over the table like in real life.  Then (VACUUM) ANALYZE.
* EXPLAIN of the exact claim statement the scheduler runs (scheduler._claim, via
  ``scheduler.claim_notifications(now=now, batch=--batch)``): one ``UPDATE ... SET state,
  claimed_at, claim_token WHERE id = ANY(ARRAY(SELECT id ... WHERE state = %s AND due_at <= %s
  ORDER BY due_at LIMIT %s FOR UPDATE SKIP LOCKED)) AND state = %s RETURNING id`` on PostgreSQL,
  ``... WHERE id IN (SELECT ...) AND state = %s RETURNING id`` on SQLite.  _claim builds that SQL
  inline (there is no helper to import), so the script captures the statement text and parameters
  from the scheduler's own call with an execute wrapper that stops it before it runs.
  PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of it inside a transaction that is rolled back (nothing
  stays claimed); SQLite: EXPLAIN QUERY PLAN (which does not run it).  The plan must name the
  partial index notification_due.
* Timed (time.perf_counter): ``scheduler.tick(now=now, batch=--batch)`` itself: release expired
  leases, then in one transaction the claim UPDATE ... RETURNING and the enqueue of the tasks of
  100 ids, then the email claim (none due) in its own transaction.
  ``--repeat`` times, each on fresh due rows: between runs, outside the timing, the claimed rows
  are put back to pending, the task rows deleted, and (PostgreSQL) the table vacuumed.
  An execute wrapper adds up the time per statement (on SQLite a SELECT's execute only reaches
  its first row, the rest is spent while fetching; commits do not go through execute).
* The due-scan alone: the claim's inner SELECT (same WHERE, ORDER BY due_at and LIMIT, as the ORM
  query ``Notification.objects.due(now).order_by("due_at").values_list("pk", flat=True)[:batch]``,
  without FOR UPDATE SKIP LOCKED), rows fetched, ``--repeat`` times (at least 3).
* Where the time goes: tick's steps replayed one by one with the same calls (release_expired;
  in one transaction: claim_notifications = the one UPDATE ... RETURNING, the 100 enqueues, the
  commit; claim_emails in its own transaction), median per step.
* Reference, same run: DROP INDEX notification_due, the same EXPLAIN, scans and timed ticks (the
  scan becomes a full table scan plus a sort), then the index is created again.
"""

from __future__ import annotations

import argparse
import json
import math
import os
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
PG_DB = "lodestar_bench"
KIND = "follow_up_due"
INDEX = "notification_due"


def say(*parts: object) -> None:
    print(*parts, flush=True)


# --------------------------------------------------------------------------------------------
# child: one database
# --------------------------------------------------------------------------------------------


def prepare_env(db: str, args: argparse.Namespace) -> str | None:
    """Point the settings at a fresh database; returns a temp dir to remove afterwards (SQLite)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "lodestar.settings"
    os.environ["DEBUG"] = "1"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ.pop("SQLITE_PATH", None)
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{PG_DB}"
        return None
    os.environ.pop("DATABASE_URL", None)
    var_dir = tempfile.mkdtemp(prefix="lodestar_bench_sqlite_", dir="/tmp")
    os.environ["LODESTAR_VAR_DIR"] = var_dir
    return var_dir


def load_rows(connection, table: str, cols: dict[str, str], recipient_id: int, rows: int, due: int,
              now) -> None:
    """Insert `rows` pending rows in one statement; `due` of them due before `now`."""
    # rank = a permutation of the insertion order: rank < due -> due, else in the future.
    mult = 1_000_003
    while math.gcd(mult, rows) != 1:
        mult += 2
    past_s, future_s = 30 * 86400, 90 * 86400
    names = ", ".join(
        connection.ops.quote_name(cols[f])
        for f in ("recipient", "kind", "key", "context", "link", "due_at", "state", "claim_token",
                  "attempts", "last_error", "in_app", "in_digest", "created_at")
    )
    # seconds from now: -1 - (rank * 30 days / due) if due, else 1 + (the rest spread over 90 days)
    offset = (
        "CASE WHEN r < {due} THEN -1 - r * {past} / {due} "
        "ELSE 1 + (r - {due}) * {future} / {others} END"
    ).format(due=due, past=past_s, future=future_s, others=max(rows - due, 1))
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f"""
                INSERT INTO {table} ({names})
                SELECT %s, %s, 'bench:' || g, '{{}}'::jsonb, '',
                       %s + make_interval(secs => {offset}), 'pending', '', 0, '', false, false, %s
                FROM (SELECT g, ((g - 1)::bigint * {mult}) %% {rows} AS r
                      FROM generate_series(1, {rows}) AS g) AS s
                """,
                [recipient_id, KIND, now, now],
            )
        else:
            # Django stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC): whole seconds.
            epoch = int(now.timestamp())
            fmt = "strftime('%%Y-%%m-%%d %%H:%%M:%%S', {}, 'unixepoch') || '.000000'"
            cur.execute(
                f"""
                INSERT INTO {table} ({names})
                WITH RECURSIVE gen(g) AS (SELECT 1 UNION ALL
                                          SELECT g + 1 FROM gen WHERE g < {rows}),
                     s(g, r) AS (SELECT g, ((g - 1) * {mult}) %% {rows} FROM gen)
                SELECT %s, %s, 'bench:' || g, '{{}}', '', {fmt.format(f"{epoch} + {offset}")},
                       'pending', '', 0, '', 0, 0, {fmt.format(epoch)}
                FROM s
                """,
                [recipient_id, KIND],
            )


def child(db: str, args: argparse.Namespace) -> None:
    tmp = prepare_env(db, args)
    sys.path.insert(0, str(ROOT))
    try:
        run_child(db, args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run_child(db: str, args: argparse.Namespace) -> None:  # noqa: C901, PLR0915 - a script
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from lodestar.accounts.models import User
    from lodestar.notifications import scheduler, tasks
    from lodestar.notifications.models import Notification

    settings.DEBUG = False  # no per-query logging (see the module docstring)
    pg = connection.vendor == "postgresql"
    ntable = Notification._meta.db_table
    table = connection.ops.quote_name(ntable)
    ttable = DBTaskResult._meta.db_table
    cols = {f.name: f.column for f in Notification._meta.concrete_fields}
    index = next(i for i in Notification._meta.indexes if i.name == INDEX)
    pending, claimed = Notification.State.PENDING, Notification.State.CLAIMED

    with connection.cursor() as cur:
        cur.execute("SELECT version()" if pg else "SELECT 'SQLite ' || sqlite_version()")
        version = cur.fetchone()[0].split(" on ")[0]
    say(f"\n=== {db}: {version}; {args.rows:,} rows, {args.due:,} due, batch {args.batch:,}, "
        f"repeat {args.repeat}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus ===")
    say(f"database: {connection.settings_dict['NAME']}")

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    say(f"migrate: {time.perf_counter() - t0:.1f} s")
    user = User.objects.create_user(email="bench-recipient@example.com")

    now = timezone.now().replace(microsecond=0)
    t0 = time.perf_counter()
    load_rows(connection, table, cols, user.pk, args.rows, args.due, now)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(f"VACUUM ANALYZE {table}" if pg else "ANALYZE")
    analyze_s = time.perf_counter() - t0
    n_due = Notification.objects.due(now).count()
    n_all = Notification.objects.count()
    expected = min(args.batch, n_due)
    say(f"load: {n_all:,} rows in {load_s:.1f} s, {'VACUUM ' if pg else ''}ANALYZE "
        f"{analyze_s:.1f} s; due now: {n_due:,}")
    if pg:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_size_pretty(pg_table_size(%s)), "
                        "pg_size_pretty(pg_relation_size(%s))", [ntable, INDEX])
            tsize, isize = cur.fetchone()
        say(f"table size {tsize}, index {INDEX} size {isize}")

    def due_qs():
        """The claim's inner SELECT as an ORM query (same WHERE, ORDER BY, LIMIT; no row locks)."""
        return Notification.objects.due(now).order_by("due_at").values_list("pk", flat=True)[
            : args.batch
        ]

    class _Captured(Exception):
        pass

    def capture_claim() -> tuple[str, list]:
        """The exact SQL and parameters scheduler._claim executes for claim_notifications.

        _claim builds its UPDATE ... RETURNING inline (no helper to import), so rather than copy
        the statement, call the scheduler and take the statement off its cursor.execute with an
        execute wrapper that raises before it reaches the database: nothing runs or is claimed.
        """
        got: list[tuple[str, list]] = []

        def grab(execute, sql, params, many, context):
            got.append((sql, list(params)))
            raise _Captured

        with transaction.atomic(), connection.execute_wrapper(grab):
            try:
                scheduler.claim_notifications(now=now, batch=args.batch)
            except _Captured:
                pass
            transaction.set_rollback(True)
        assert len(got) == 1, got
        sql, params = got[0]
        head = sql.upper()
        assert head.startswith("UPDATE ") and head.rstrip().endswith("RETURNING ID"), sql
        assert ("FOR UPDATE SKIP LOCKED" in head) == pg, sql
        return sql, params

    claim_sql, claim_params = capture_claim()

    def explain() -> str:
        """PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of the claim UPDATE, rolled back afterwards.
        SQLite: EXPLAIN QUERY PLAN of it (not executed), drawn as a tree like the sqlite3 shell."""
        with transaction.atomic(), connection.cursor() as cur:
            if pg:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + claim_sql, claim_params)
                text = "\n".join(row[0] for row in cur.fetchall())
            else:
                cur.execute("EXPLAIN QUERY PLAN " + claim_sql, claim_params)
                depth: dict[int, int] = {}
                lines = ["QUERY PLAN"]
                for node, parent, _, detail in cur.fetchall():
                    depth[node] = depth.get(parent, -1) + 1
                    lines.append("  " * depth[node] + "|--" + detail)
                text = "\n".join(lines)
            transaction.set_rollback(True)  # nothing stays claimed
        left = Notification.objects.filter(state=claimed).count()
        assert left == 0, f"{left} rows still claimed after the rolled-back EXPLAIN"
        return text

    def reset() -> None:
        """Fresh due rows: claimed back to pending, no task rows, (PostgreSQL) a vacuumed table."""
        Notification.objects.filter(state=claimed).update(state=pending, claimed_at=None,
                                                          claim_token="")
        DBTaskResult.objects.all().delete()
        if pg:
            with connection.cursor() as cur:
                cur.execute(f"VACUUM ANALYZE {table}")

    stmt_log: list[tuple[str, float]] = []

    def label(sql: str) -> str:
        s = sql.lstrip().upper()
        verb = s.split(None, 1)[0] if s else ""
        if ttable.upper() in s:
            return "enqueue: INSERT task row" if verb == "INSERT" else f"tasks: {verb}"
        if "OUTBOX" in s:
            if verb == "UPDATE" and "RETURNING" in s:
                return "claim_emails: UPDATE ... RETURNING"
            return f"outbox release: {verb}"
        if ntable.upper() in s:
            if verb == "UPDATE":
                return ("claim: UPDATE ... RETURNING (due-scan inside)" if "RETURNING" in s
                        else "release expired leases: UPDATE")
            return f"notification: {verb}"
        return f"other: {verb}"

    def wrapper(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            stmt_log.append((label(sql), time.perf_counter() - t))

    def timed_ticks(tag: str) -> tuple[list[float], dict[str, float]]:
        times, breakdowns = [], []
        for i in range(args.repeat):
            reset()
            stmt_log.clear()
            with connection.execute_wrapper(wrapper):
                t = time.perf_counter()
                result = scheduler.tick(now=now, batch=args.batch)
                elapsed = time.perf_counter() - t
            n_tasks = DBTaskResult.objects.count()
            assert result.notifications == expected, (result, expected)
            assert n_tasks == -(-expected // scheduler.CHUNK), n_tasks
            assert Notification.objects.filter(state=claimed).count() == expected
            per: dict[str, float] = {}
            for name, s in stmt_log:
                per[name] = per.get(name, 0.0) + s
            times.append(elapsed)
            breakdowns.append(per)
            say(f"  {tag} run {i + 1}: tick {elapsed * 1000:8.1f} ms  ({result.notifications:,} "
                f"claimed, {n_tasks} tasks enqueued, {len(stmt_log)} statements, "
                f"{sum(per.values()) * 1000:.1f} ms in execute)")
        names = dict.fromkeys(k for b in breakdowns for k in b)
        stmts = {k: statistics.median(b.get(k, 0.0) for b in breakdowns) for k in names}
        say("  per statement kind (median of the runs, execute time):")
        for name, s in sorted(stmts.items(), key=lambda kv: -kv[1]):
            say(f"    {s * 1000:8.1f} ms  {name}")
        return times, stmts

    def scan_times() -> list[float]:
        """The due-scan alone (the scheduler's SELECT, rows fetched), on fresh pending rows."""
        reset()
        out = []
        for _ in range(max(args.repeat, 3)):
            t = time.perf_counter()
            got = len(list(due_qs()))
            out.append(time.perf_counter() - t)
            assert got == expected
        say(f"due-scan alone: median {statistics.median(out) * 1000:.1f} ms "
            f"({', '.join(f'{x * 1000:.1f}' for x in out)} ms)")
        return out

    def replay() -> dict[str, float]:
        """tick's steps one by one (the calls scheduler.tick and _claim make), a timer on each."""
        reset()
        as_of = now.isoformat()
        out: dict[str, float] = {}

        def step(name, fn):
            t = time.perf_counter()
            value = fn()
            out[name] = time.perf_counter() - t
            return value

        step("release_expired", lambda: scheduler.release_expired(now=now))
        # As tick: claim and enqueue in one transaction, the commit timed as its own step.
        with transaction.atomic():
            token, ids = step("claim_notifications: one UPDATE ... RETURNING",
                              lambda: scheduler.claim_notifications(now=now, batch=args.batch))
            assert len(ids) == expected and token, (len(ids), expected)
            n_tasks = -(-len(ids) // scheduler.CHUNK)
            step(f"enqueue {n_tasks} tasks (an INSERT each, same transaction)", lambda: [
                tasks.deliver_notifications.enqueue(ids[i : i + scheduler.CHUNK], token, as_of)
                for i in range(0, len(ids), scheduler.CHUNK)
            ])
            t = time.perf_counter()
        out["commit (claim + enqueues)"] = time.perf_counter() - t

        def emails():
            with transaction.atomic():
                return scheduler.claim_emails(now=now, batch=args.batch)

        step("claim_emails (none due, own transaction)", emails)
        return out

    # --- with the index -------------------------------------------------------------------
    plan = explain()
    say(f"\nEXPLAIN {'(ANALYZE, BUFFERS)' if pg else 'QUERY PLAN'} of the claim statement "
        f"(scheduler._claim's own SQL{', run and rolled back' if pg else ''}):")
    say(f"SQL: {claim_sql}\nparams: {claim_params!r}")
    say(plan)
    uses_index = INDEX in plan
    if not uses_index:
        say(f"!! the claim plan does not name {INDEX}")
    evidence = next((ln.strip(" ->|").split("  (")[0].lstrip("0123456789 ")
                     for ln in plan.splitlines() if INDEX in ln), "index NOT used")
    say(f"plan uses {INDEX}: {uses_index}")
    scan_idx = scan_times()

    say(f"\ntick(now, batch={args.batch:,}) with {INDEX}:")
    with_idx, statements = timed_ticks("indexed")
    replays = [replay() for _ in range(args.repeat)]
    phases = {k: statistics.median(r[k] for r in replays) for k in replays[0]}
    say(f"  tick's steps replayed one by one (median of {args.repeat}):")
    for name, s in phases.items():
        say(f"    {s * 1000:8.1f} ms  {name}")
    say(f"    {sum(phases.values()) * 1000:8.1f} ms  total")

    # --- reference: without the index -------------------------------------------------------
    reset()
    with connection.schema_editor() as editor:
        editor.remove_index(Notification, index)
    if pg:
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {table}")
    plan_noidx = explain()
    say(f"\nreference: DROP INDEX {INDEX}; EXPLAIN of the same claim statement:")
    say(plan_noidx)
    scan_noidx = scan_times()
    say(f"\ntick(now, batch={args.batch:,}) without {INDEX}:")
    without_idx, _ = timed_ticks("no index")
    t = time.perf_counter()
    reset()
    with connection.schema_editor() as editor:
        editor.add_index(Notification, index)
    say(f"index {INDEX} recreated ({time.perf_counter() - t:.1f} s incl. reset)")
    assert INDEX in explain()

    med, med_n = statistics.median(with_idx), statistics.median(without_idx)
    scan, scan_n = statistics.median(scan_idx), statistics.median(scan_noidx)
    say(f"\n{db}: due-scan alone {scan * 1000:.1f} ms with the index, {scan_n * 1000:.1f} ms "
        f"without (x{scan_n / scan:.1f})")
    say(f"{db}: tick median {med * 1000:.1f} ms (min {min(with_idx) * 1000:.1f}) with the index, "
        f"{med_n * 1000:.1f} ms (min {min(without_idx) * 1000:.1f}) without (x{med_n / med:.1f}); "
        f"target < 1 s: {'met' if med < 1 else 'MISSED'}; load average {os.getloadavg()[0]:.2f}")
    if pg:
        say(f"(database {PG_DB} is left in place for inspection; the next run drops it)")

    result = {
        "db": db, "version": version, "rows": n_all, "due": n_due, "batch": args.batch,
        "repeat": args.repeat, "load_s": load_s, "with": with_idx, "without": without_idx,
        "scan_with": scan_idx, "scan_without": scan_noidx, "uses_index": uses_index,
        "evidence": evidence, "statements": statements, "phases": phases, "plan": plan,
        "plan_noidx": plan_noidx,
    }
    say(RESULT_TAG + json.dumps(result))
    connection.close()


# --------------------------------------------------------------------------------------------
# parent: run the children, print the summary
# --------------------------------------------------------------------------------------------


def run_one(db: str, args: argparse.Namespace) -> dict | None:
    cmd = [sys.executable, "-u", __file__, "--child", db, "--rows", str(args.rows),
           "--due", str(args.due), "--batch", str(args.batch), "--repeat", str(args.repeat),
           "--pg-url", args.pg_url]
    result = None
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(RESULT_TAG):
                result = json.loads(line[len(RESULT_TAG) :])
            else:
                print(line, end="", flush=True)
    if proc.returncode:
        say(f"!! {db} child failed with exit code {proc.returncode}")
        return None
    return result


def ms(s: float) -> str:
    return f"{s * 1000:,.0f}" if s >= 0.1 else f"{s * 1000:,.1f}"


def summary(results: list[dict]) -> None:
    head = ["database", "rows", "due", "batch", "tick med / min", "no index med / min", "ratio",
            "< 1 s", "scan idx / no idx", "ratio", "index use (from the plan)"]
    table = [head]
    for r in results:
        med, med_n = statistics.median(r["with"]), statistics.median(r["without"])
        scan, scan_n = statistics.median(r["scan_with"]), statistics.median(r["scan_without"])
        table.append([
            r["db"], f"{r['rows']:,}", f"{r['due']:,}", f"{r['batch']:,}",
            f"{ms(med)} / {ms(min(r['with']))} ms", f"{ms(med_n)} / {ms(min(r['without']))} ms",
            f"x{med_n / med:.1f}", "yes" if med < 1 else "NO", f"{ms(scan)} / {ms(scan_n)} ms",
            f"x{scan_n / scan:.1f}", r["evidence"] if r["uses_index"] else "NOT USED",
        ])
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    say(f"\n=== summary (median / min of {results[0]['repeat']} runs each) ===")
    for n, row in enumerate(table):
        say(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            say("-+-".join("-" * w for w in widths))
    say("tick = scheduler.tick(now, batch): release leases + [claim (one UPDATE ... RETURNING, the"
        " due-scan inside)\n       + enqueue (a task per 100 ids)] in one transaction"
        " + email claim;"
        " scan = the claim's inner SELECT alone\n       (no row locks);"
        " ratio = without / with index; index use = from the EXPLAIN of the claim UPDATE.")
    say("\nwhere the time goes (tick's steps replayed one by one, with the index, median ms):")
    names = list(dict.fromkeys(k for r in results for k in r["phases"]))
    w = max(len(k) for k in names)
    say("  " + "step".ljust(w) + "".join(f" | {r['db']:>9}" for r in results))
    for k in names:
        say("  " + k.ljust(w) + "".join(f" | {ms(r['phases'].get(k, 0.0)):>9}" for r in results))
    say("  " + "total".ljust(w)
        + "".join(f" | {ms(sum(r['phases'].values())):>9}" for r in results))
    say(f"\nmachine: {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f} at the end; "
        "other work ran concurrently, so the figures are pessimistic for a quiet machine.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", choices=("postgres", "sqlite", "both"), default="both")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--due", type=int, default=20_000, help="how many of the rows are already due")
    ap.add_argument("--batch", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pg-url", default=DEFAULT_PG, help="server URL without a database name")
    ap.add_argument("--child", choices=("postgres", "sqlite"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not 0 < args.due <= args.rows or args.batch < 1 or args.repeat < 1:
        ap.error("need 0 < --due <= --rows, --batch >= 1 and --repeat >= 1")
    if args.child:
        child(args.child, args)
        return
    dbs = ["postgres", "sqlite"] if args.database == "both" else [args.database]
    results = [r for db in dbs if (r := run_one(db, args))]
    if results:
        summary(results)
    if len(results) != len(dbs):
        sys.exit(1)


if __name__ == "__main__":
    main()
