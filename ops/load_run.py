"""A bounded load run: gunicorn and PostgreSQL on loopback, demo people signed in, a realistic mix
of pages and API calls from concurrent clients. Zero errors expected.

    .venv/bin/python ops/load_run.py                       # 1,500 requests, 8 clients
    .venv/bin/python ops/load_run.py --requests 5000 --clients 16 --workers 4

What it does, in order:
1. creates a fresh database (`lodestar_load` on PG_SERVER, default
   postgres://postgres@127.0.0.1:5432), migrates it, collects static files and loads
   `lodestar demo-data` (production settings: DEBUG off, real keys; see harness.production_env);
2. starts gunicorn (`--workers`, 2 threads each) on a free loopback port;
3. signs in `--people` demo people through the log-in form (session cookie + CSRF token),
   makes a personal access token for each, and adds each a goal through the API;
4. runs `--clients` threads until `--requests` requests are done (or `--seconds` pass). Each
   request is drawn from MIX: signed-in pages (dashboard, directory, goals, meetings, profile,
   notifications) and API calls with a token (lists, the person, the directory), plus a few
   writes: a goal check-in and "mark all read" through the API, "mark all read" through the page
   with the CSRF token;
5. prints requests, errors (any status other than the expected one, or a failed connection),
   throughput and p50/p95/p99 latency, overall and per request kind; exits 1 on any error.

The random mix is seeded, so two runs send the same requests in the same proportions.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

# (weight, kind, method, path, how, expected status). "page": session cookie; "api": token.
MIX = [
    (14, "page dashboard", "GET", "/dashboard/", "page", 200),
    (10, "page directory", "GET", "/mentors/", "page", 200),
    (8, "page goals", "GET", "/goals/", "page", 200),
    (8, "page meetings", "GET", "/meetings/", "page", 200),
    (6, "page profile", "GET", "/me/", "page", 200),
    (4, "page notifications", "GET", "/notifications/", "page", 200),
    (10, "api me", "GET", "/api/v1/me", "api", 200),
    (10, "api goals", "GET", "/api/v1/goals", "api", 200),
    (8, "api meetings", "GET", "/api/v1/meetings?when=upcoming&limit=10", "api", 200),
    (8, "api directory", "GET", "/api/v1/directory?limit=20", "api", 200),
    (6, "api notifications", "GET", "/api/v1/notifications?limit=20", "api", 200),
    (3, "api check-in POST", "POST", "/api/v1/goals/{goal}/check-ins", "api", 201),
    (2, "api read-all POST", "POST", "/api/v1/notifications/read-all", "api", 200),
    (3, "page read-all POST", "POST", "/notifications/read-all/", "page", 302),
]
GOAL = {"horizon": "short", "text": "Run our team's weekly planning on my own by March"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--seconds", type=float, default=180, help="stop earlier after this")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes (2-4)")
    parser.add_argument("--people", type=int, default=12, help="demo people signed in")
    parser.add_argument("--demo-people", type=int, default=None, help="demo-data --people")
    parser.add_argument("--database", default="lodestar_load")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="lodestar-load-"))
    url = harness.fresh_database(args.database)
    env = harness.production_env(url, var_dir)
    print(f"database {url}, settings: DEBUG off, var dir {var_dir}")
    took = harness.prepare_site(env, people=args.demo_people)
    print(f"migrated, static collected and demo data loaded in {took:.1f} s")

    emails = harness.demo_people(env, args.people)
    tokens = harness.make_tokens(env, emails)
    server = harness.start_gunicorn(env, workers=args.workers, threads=2, log_dir=var_dir)
    try:
        people = []
        goals: dict[str, int] = {}
        for email, token in zip(emails, tokens, strict=True):
            page = harness.Client(server.port)
            page.log_in(email)
            api = harness.Client(server.port, token=token)
            people.append((email, page, api))
            made = api.request("POST", "/api/v1/goals", body=GOAL)
            if made.status != 201:
                raise SystemExit(f"could not add a goal for {email}: {made.status} {made.body!r}")
            goals[email] = json.loads(made.body)["id"]
        mix = served(MIX, people[0][2])
        print(f"gunicorn on 127.0.0.1:{server.port}, {args.workers} workers x 2 threads; "
              f"{len(people)} people signed in, each with a session and a token")
        results = drive(people, goals, mix, args)
    finally:
        server.stop()
    return report(results, args, server)


def served(mix, api) -> list:
    """The mix, less any API address this version does not have (so older checkouts run too)."""
    schema = json.loads(api.request("GET", "/api/v1/openapi.json").body)
    known = {re.sub(r"\{[^}]*\}", "{}", path) for path in schema["paths"]}

    def has(path: str) -> bool:
        path = re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])
        return path in known or path.removeprefix("/api/v1") in known

    kept = [row for row in mix if row[4] == "page" or has(row[3])]
    skipped = [row[1] for row in mix if row not in kept]
    if skipped:
        print(f"not in this version's API, left out of the mix: {', '.join(skipped)}")
    return kept


def drive(people, goals, mix, args) -> list[tuple[str, float, str]]:
    """(kind, seconds, error or '') for every request sent."""
    weights = [w for w, *_ in mix]
    lock = threading.Lock()
    results: list[tuple[str, float, str]] = []
    budget = iter(range(args.requests))
    deadline = time.monotonic() + args.seconds

    def client(n: int) -> None:
        rng = random.Random(args.seed * 1000 + n)
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            email, page, api = people[rng.randrange(len(people))]
            _w, kind, method, path, how, expected = rng.choices(mix, weights)[0]
            body = None
            if "{goal}" in path:
                path = path.format(goal=goals[email])
                yesterday = datetime.date.today() - datetime.timedelta(days=1)
                body = {"on": yesterday.isoformat(), "note": "Load run: steady week"}
            elif method == "POST" and how == "api":
                body = {}
            who = page if how == "page" else api
            headers_ok = True
            try:
                response = who.request(method, path, body=body)
                error = "" if response.status == expected else f"HTTP {response.status}"
                headers_ok = "content-security-policy" in response.headers or how == "api"
                seconds = response.seconds
            except OSError as exc:
                error, seconds = f"{type(exc).__name__}: {exc}", float("nan")
            if not error and not headers_ok:
                error = "no security headers"
            with lock:
                results.append((kind, seconds, error))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    args.elapsed = time.monotonic() - started
    return results


def report(results, args, server) -> int:
    errors = [(kind, error) for kind, _s, error in results if error]
    latencies = [s * 1000 for _k, s, error in results if not error]
    print()
    cores, load = os.cpu_count(), os.getloadavg()[0]
    print(f"machine           {cores} cores, load average {load:.1f} at the end of the run")
    print(f"requests          {len(results)} in {args.elapsed:.1f} s "
          f"from {args.clients} concurrent clients")
    print(f"errors            {len(errors)}")
    print(f"throughput        {len(results) / args.elapsed:.1f} req/s")
    print("latency (ms)      p50 {:.1f}   p95 {:.1f}   p99 {:.1f}   max {:.1f}".format(
        harness.percentile(latencies, 50), harness.percentile(latencies, 95),
        harness.percentile(latencies, 99), max(latencies, default=float("nan"))))
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds, error in results:
        if not error:
            by_kind[kind].append(seconds * 1000)
    print()
    print(f"{'kind':<22}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in sorted(by_kind):
        values = by_kind[kind]
        print(f"{kind:<22}{len(values):>6}{harness.percentile(values, 50):>9.1f}"
              f"{harness.percentile(values, 95):>9.1f}{harness.percentile(values, 99):>9.1f}")
    if errors:
        print("\nerrors by kind:", dict(Counter(errors).most_common(10)))
        print(server.log_text()[-3000:])
    server_errors = [line for line in server.log_text().splitlines() if "Traceback" in line]
    print(f"\ntracebacks in the gunicorn log: {len(server_errors)}")
    return 1 if errors or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
