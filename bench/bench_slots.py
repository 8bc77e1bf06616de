"""Benchmark: common-slot search for 10,000 realistic mentor/mentee pairs over 4 weeks.

Standalone script (not a test).  Run from the repository root:

    .venv/bin/python bench/bench_slots.py                 # defaults below
    .venv/bin/python bench/bench_slots.py --pairs 2000 --naive-sample 10 --workers 1

What is timed:

* engine: ``slot_starts`` (every bookable 60-minute start on the 15-minute grid, in epoch minutes)
  for every pair, in one process and split over ``--workers`` processes (fork; the wall time
  includes starting the pool).  The default span, 2026-03-07 for 4 weeks, contains the US switch
  (8 March) and the EU switch (29 March).
* full API: ``common_slots`` + ``rank_slots(limit=5)`` (Slot objects, labels, inconvenience) for
  a sample of pairs, extrapolated to all pairs.
* naive reference: minute-by-minute stepping with ``datetime.astimezone(ZoneInfo)`` for both
  people of a sample of pairs, extrapolated to all pairs; its bookable starts are compared with
  the engine's for the same pairs (they must be identical when no fall-back fold is in the span).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lodestar.meetings.timezones import (
    EPOCH,
    Person,
    Window,
    common_slots,
    rank_slots,
    slot_starts,
)

ZONES = (
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Asia/Shanghai",
)

# (weekdays to pick from, earliest start, latest start, shortest, longest) in local minutes.
HABITS = (
    (range(5), 7 * 60, 8 * 60, 30, 90),  # before work
    (range(5), 12 * 60, 13 * 60, 30, 60),  # lunch
    (range(5), 9 * 60, 16 * 60, 60, 240),  # during work
    (range(5), 17 * 60, 21 * 60, 60, 180),  # evenings
    ((5, 6), 8 * 60, 17 * 60, 60, 240),  # weekends
)

PAIRS: list[tuple[Person, Person]] = []  # set before forking so workers inherit it


def make_person(rng: random.Random, key: str) -> Person:
    windows = []
    for _ in range(rng.randint(2, 6)):
        days, lo, hi, shortest, longest = rng.choice(HABITS)
        start = rng.randrange(lo, hi + 1, 30)
        end = min(start + rng.randrange(shortest, longest + 1, 30), 1440)
        windows.append(Window(rng.choice(list(days)), start, end))
    return Person(key, rng.choice(ZONES), tuple(windows))


def make_pairs(n: int, seed: int) -> list[tuple[Person, Person]]:
    rng = random.Random(seed)
    return [(make_person(rng, f"m{i}"), make_person(rng, f"e{i}")) for i in range(n)]


def run_engine(
    lo: int, hi: int, start: datetime, weeks: int, duration: int, step: int
) -> tuple[int, int]:
    """(bookable starts found, pairs with at least one) for PAIRS[lo:hi]."""
    total = with_slot = 0
    for pair in PAIRS[lo:hi]:
        n = len(
            slot_starts(
                pair, start=start, weeks=weeks, duration_minutes=duration, step_minutes=step
            )
        )
        total += n
        with_slot += n > 0
    return total, with_slot


def _run_chunk(args: tuple[int, int, datetime, int, int, int]) -> tuple[int, int]:
    return run_engine(*args)


def naive_starts(
    pair: tuple[Person, Person], start: datetime, weeks: int, duration: int, step: int
) -> list[int]:
    """Reference: step minute by minute, ask zoneinfo for each person's wall clock."""
    s = int((start - EPOCH).total_seconds() // 60)
    e = s + weeks * 7 * 1440
    zones = [ZoneInfo(p.zone) for p in pair]
    common = []
    for m in range(s, e):
        instant = EPOCH + timedelta(minutes=m)
        ok = True
        for person, tz in zip(pair, zones, strict=True):
            local = instant.astimezone(tz)
            wd, minute = local.weekday(), local.hour * 60 + local.minute
            if not any(
                w.weekday == wd and w.start_minute <= minute < w.end_minute for w in person.windows
            ):
                ok = False
                break
        if ok:
            common.append(m)
    runs: list[list[int]] = []  # consecutive minutes -> [start, end) stretches
    for m in common:
        if runs and runs[-1][1] == m:
            runs[-1][1] = m + 1
        else:
            runs.append([m, m + 1])
    starts = []  # the documented grid rule: the stretch's first minute, then the step grid
    for a, b in runs:
        starts += [m for m in range(a, b - duration + 1) if m == a or m % step == 0]
    return starts


def engine_starts(i: int, spec: tuple[datetime, int, int, int]) -> list[int]:
    start, weeks, duration, step = spec
    return slot_starts(
        PAIRS[i], start=start, weeks=weeks, duration_minutes=duration, step_minutes=step
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--start", default="2026-03-07T00:00:00+00:00")
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--step", type=int, default=15)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--naive-sample", type=int, default=25, help="random pairs, timed")
    ap.add_argument("--check-sample", type=int, default=25, help="pairs with slots, compared")
    ap.add_argument("--api-sample", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    start = datetime.fromisoformat(args.start).astimezone(UTC)
    global PAIRS
    PAIRS = make_pairs(args.pairs, args.seed)
    n = len(PAIRS)
    spec = (start, args.weeks, args.duration, args.step)
    print(
        f"{n} pairs, {args.weeks} weeks from {start:%Y-%m-%d %H:%M} UTC, {args.duration}-minute "
        f"meetings, {args.step}-minute grid; cpus={os.cpu_count()}, python {sys.version.split()[0]}"
    )

    run_engine(0, min(n, 50), *spec)  # warm the zone tables (shared by forked workers)
    t0 = time.perf_counter()
    found, with_slot = run_engine(0, n, *spec)
    one = time.perf_counter() - t0
    print(
        f"engine, 1 process  : {one:7.3f} s  ({one / n * 1e6:.1f} us/pair; {found} bookable "
        f"starts, {with_slot} pairs ({with_slot / n:.0%}) have at least one)"
    )
    par = one
    if args.workers > 1:
        t0 = time.perf_counter()
        bounds = [n * k // (args.workers * 4) for k in range(args.workers * 4 + 1)]
        chunks = [(lo, hi, *spec) for lo, hi in pairwise(bounds)]
        with mp.get_context("fork").Pool(args.workers) as pool:
            parts = pool.map(_run_chunk, chunks)
        par = time.perf_counter() - t0
        assert sum(p[0] for p in parts) == found
        print(f"engine, {args.workers} processes: {par:7.3f} s  (wall, pool start-up included)")

    k = min(args.api_sample, n)
    t0 = time.perf_counter()
    for pair in PAIRS[:k]:
        slots = common_slots(
            pair, start=start, weeks=args.weeks, duration_minutes=args.duration,
            step_minutes=args.step,
        )  # fmt: skip
        for slot in rank_slots(slots, limit=5):
            slot.labels  # noqa: B018 - materialise what a page would show
    api = time.perf_counter() - t0
    print(
        f"full API (common_slots + rank_slots + labels of the top 5), {k} pairs: {api:.3f} s "
        f"-> {api / k * n:.2f} s extrapolated to {n} pairs, 1 process"
    )

    rng = random.Random(args.seed + 1)
    timed = rng.sample(range(n), min(args.naive_sample, n))
    if timed:
        t0 = time.perf_counter()
        naive = {i: naive_starts(PAIRS[i], *spec) for i in timed}
        per_pair = (time.perf_counter() - t0) / len(timed)
        print(
            f"naive reference, {len(timed)} random pairs: {per_pair * 1e3:.1f} ms/pair "
            f"-> {per_pair * n:.0f} s extrapolated to {n} pairs, 1 process"
        )
        print(
            f"ratio naive/engine: {per_pair * n / one:,.0f}x (1 process each); "
            f"{per_pair * n / par:,.0f}x vs the engine on {args.workers} processes"
        )
        useful = [i for i in range(n) if i not in naive and engine_starts(i, spec)]
        for i in rng.sample(useful, min(args.check_sample, len(useful))):
            naive[i] = naive_starts(PAIRS[i], *spec)
        differ = [i for i in naive if naive[i] != engine_starts(i, spec)]
        print(
            f"bookable starts identical to the naive reference: {len(naive) - len(differ)} of "
            f"{len(naive)} pairs ({sum(map(bool, naive.values()))} of them with slots)"
        )
    verdict = "met" if par < 2 else "MISSED"
    print(f"target < 2 s for {n} pairs on {args.workers} cores: {verdict} ({par:.3f} s)")


if __name__ == "__main__":
    main()
