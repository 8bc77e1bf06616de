"""The database restarted mid-run: requests fail cleanly (503, never a 500) and then recover.

    .venv/bin/python ops/db_restart.py                 # a private PostgreSQL 15 cluster
    .venv/bin/python ops/db_restart.py --system        # restart the machine's cluster 15/main

What it does, in order:
1. by default creates and starts a private, throwaway PostgreSQL cluster (initdb in a temporary
   directory, run as the `postgres` user, on a free port), so restarting it disturbs nobody else
   on the machine; `--system` uses the cluster on PG_SERVER instead and restarts it with
   `pg_ctlcluster 15 main stop/start` (every other client of that server sees the outage too);
2. creates and migrates a database, loads a small demo population, starts gunicorn against it
   (production settings, DEBUG off), signs in a few demo people and makes them access tokens;
3. `--clients` threads send a steady stream of requests (signed-in pages and token API calls);
4. after `--before` seconds it stops PostgreSQL (fast shutdown: open connections are cut), keeps
   it down for `--down` seconds, and starts it again;
5. the stream goes on for `--after` seconds; then it prints the figures: requests and statuses
   before, during and after the outage, how many failures were clean (503 with the "cannot reach
   its database" page or the API's `unavailable` error), 500s (must be zero), when the first
   request succeeded again and the time to recovery after PostgreSQL was back. Exits 1 on any 500,
   any unclean failure, or no recovery.

Connections recover because settings turn on CONN_HEALTH_CHECKS: a persistent connection that
died with the server is replaced before the next request uses it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql/15/bin")
STREAM = [  # (kind, path, how)
    ("page dashboard", "/dashboard/", "page"),
    ("page goals", "/goals/", "page"),
    ("api me", "/api/v1/me", "api"),
    ("api goals", "/api/v1/goals", "api"),
]


class PrivateCluster:
    """A throwaway PostgreSQL cluster in a temporary directory, owned by `postgres`."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="lodestar-pg-"))
        self.port = harness.free_port()
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self._as_postgres(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                          "--no-sync")
        self.start()

    def _as_postgres(self, *command) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *map(str, command)], check=True,
                       capture_output=True, cwd=self.dir)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.dir / "server.log",
                          "-o", options, "-w", "start")

    def stop(self) -> None:
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class SystemCluster:
    def start(self) -> None:
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=True)

    def stop(self) -> None:
        subprocess.run(["pg_ctlcluster", "15", "main", "stop", "-m", "fast"], check=True)

    def remove(self) -> None:
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False)


def clean_failure(response: harness.Response, how: str) -> bool:
    if response.status != 503:
        return False
    if how == "api":
        return b'"code": "unavailable"' in response.body
    return b"cannot reach its database" in response.body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--system", action="store_true", help="restart the system cluster 15/main")
    parser.add_argument("--before", type=float, default=8)
    parser.add_argument("--down", type=float, default=4)
    parser.add_argument("--after", type=float, default=12)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--people", type=int, default=4)
    parser.add_argument("--database", default="lodestar_dbrestart")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: it starts and stops PostgreSQL")

    cluster = SystemCluster() if args.system else PrivateCluster()
    if not args.system:
        harness.PG_SERVER = f"postgres://postgres@127.0.0.1:{cluster.port}"
    server = None
    try:
        var_dir = Path(tempfile.mkdtemp(prefix="lodestar-dbrestart-"))
        url = harness.fresh_database(args.database)
        env = harness.production_env(url, var_dir)
        harness.prepare_site(env, people=40)
        emails = harness.demo_people(env, args.people)
        tokens = harness.make_tokens(env, emails, scope="read")
        server = harness.start_gunicorn(env, workers=2, threads=2, log_dir=var_dir)
        people = []
        for email, token in zip(emails, tokens, strict=True):
            page = harness.Client(server.port, timeout=10)
            page.log_in(email)
            people.append((page, harness.Client(server.port, token=token, timeout=10)))
        print(f"database {url}; gunicorn on 127.0.0.1:{server.port} (2 workers x 2 threads); "
              f"{len(people)} people signed in; {args.clients} clients")
        return run(args, cluster, people, server)
    finally:
        if server is not None:
            server.stop()
        cluster.remove()


def run(args, cluster, people, server) -> int:
    results: list[tuple[float, str, str, int, bool, str]] = []  # t, kind, how, status, clean, err
    lock = threading.Lock()
    stop = threading.Event()
    started = time.monotonic()

    def client(n: int) -> None:
        i = n
        while not stop.is_set():
            page, api = people[i % len(people)]
            kind, path, how = STREAM[i % len(STREAM)]
            i += 1
            t = time.monotonic() - started
            try:
                response = (page if how == "page" else api).request("GET", path)
                row = (t, kind, how, response.status, clean_failure(response, how), "")
            except OSError as exc:
                row = (t, kind, how, 0, False, type(exc).__name__)
            with lock:
                results.append(row)
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    time.sleep(args.before)
    down_at = time.monotonic() - started
    cluster.stop()
    print(f"t={down_at:.1f} s: PostgreSQL stopped (fast shutdown)")
    time.sleep(args.down)
    cluster.start()
    up_at = time.monotonic() - started
    print(f"t={up_at:.1f} s: PostgreSQL started again")
    time.sleep(args.after)
    stop.set()
    for thread in threads:
        thread.join()

    results.sort()
    phases = {
        "before": [r for r in results if r[0] < down_at],
        "outage": [r for r in results if down_at <= r[0] < up_at],
        "after": [r for r in results if r[0] >= up_at],
    }
    failures = [r for r in results if r[3] != 200]
    last_failure = max((r[0] for r in failures), default=None)
    recovered = next((r[0] for r in phases["after"] if r[0] > (last_failure or 0)), None)
    unclean = [r for r in failures if not r[4]]
    print()
    print(f"requests                 {len(results)}")
    for name, rows in phases.items():
        statuses = Counter(r[3] if not r[5] else r[5] for r in rows)
        print(f"  {name:<8} {len(rows):>5}   statuses {dict(sorted(statuses.items(), key=str))}")
    print(f"failed requests          {len(failures)}: clean 503 {len(failures) - len(unclean)}, "
          f"500 {sum(r[3] == 500 for r in results)}, other {len(unclean)}")
    if failures:
        print(f"failures between         t={failures[0][0]:.1f} s and t={last_failure:.1f} s "
              f"(database down t={down_at:.1f}-{up_at:.1f} s)")
    if recovered is not None:
        print(f"recovered                t={recovered:.1f} s: {recovered - up_at:.2f} s after "
              f"PostgreSQL was back; every request after that succeeded")
    else:
        print("recovered                NO")
    tracebacks = server.log_text().count("Traceback")
    warnings = server.log_text().count("Database unavailable on")
    print(f"gunicorn log: {warnings} 'Database unavailable' warnings, {tracebacks} tracebacks")
    if unclean:
        print("unclean failures:", Counter((r[1], r[3], r[5]) for r in unclean).most_common(5))
    ok = recovered is not None and not unclean and bool(phases["outage"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
