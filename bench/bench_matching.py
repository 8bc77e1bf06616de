"""Matching engine benchmark: wall time and peak memory per solver, with oracles.

    .venv/bin/python bench/bench_matching.py --sizes 1000,10000,100000
    .venv/bin/python bench/bench_matching.py --sizes 1000 --solvers optimal,stable,suggest --oracles lsa,matching

Each (size, solver) runs in its own subprocess so peak memory (ru_maxrss) is its
own.  Mentors = mentees / 5, capacity 5.  "end to end" = scoring + solving from
``Participants`` (generation of the synthetic participants is timed apart); its CPU time (user +
sys, all threads) is ``end_to_end_cpu_s``, the figure to compare on a busy machine.
Oracles (scipy's dense linear_sum_assignment on the capacity-expanded exact score
matrix; the `matching` package's HospitalResident) run with a timeout and are
compared with the engine on the same exact scores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def worker(size: int, solver: str, seed: int, k: int) -> dict:
    import numpy as np

    from gen_participants import generate
    from lodestar.matching.engine import Directory, match

    t = time.perf_counter()
    A, B, vocab = generate(size, seed=seed)
    out = {"size": size, "mentors": B.n, "solver": solver, "generate_s": time.perf_counter() - t,
           "rss_after_generate_mb": _rss_mb()}
    if solver in ("optimal", "stable"):
        t = time.perf_counter()
        c0 = _cpu_s()
        res = match(A, B, vocab, mode=solver, k=k, explain=False)
        out["end_to_end_s"] = time.perf_counter() - t
        out["end_to_end_cpu_s"] = _cpu_s() - c0
        t = time.perf_counter()
        idx = np.flatnonzero(res.assignment >= 0)[:1000]
        from lodestar.matching.explain import explain_pairs

        explain_pairs(res.scorer, idx, res.assignment[idx])
        out["explain_1000_s"] = time.perf_counter() - t
        rep = res.report
        out.update(total=rep.total_score, mean=rep.mean_score, matched=rep.matched, unmatched=rep.unmatched,
                   unmatched_by_reason=rep.unmatched_by_reason, blocking_pairs=rep.blocking_pairs,
                   blocking_scope=rep.blocking_pairs_scope, objective=rep.objective, upper_bound=rep.upper_bound,
                   gap=rep.gap, certified=rep.gap_certified_zero, candidates=rep.candidates,
                   deepened=rep.deepened, rounds=rep.rounds, mentor_total=rep.mentor_total_score)
    elif solver == "suggest":
        t = time.perf_counter()
        d = Directory(A, B, vocab)
        out["prepare_s"] = time.perf_counter() - t
        times = []
        for i in range(0, min(size, 200), 10):
            t = time.perf_counter()
            d.suggest(i, 5)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        from lodestar.matching.engine import suggest

        suggest(0, A, B, vocab, 5)
        out["cold_one_s"] = time.perf_counter() - t
        out["suggest_ms_median"] = 1000 * float(np.median(times))
        out["suggest_ms_max"] = 1000 * float(np.max(times))
    out["peak_rss_mb"] = _rss_mb()
    out["process_cpu_s"] = _cpu_s()
    return out


def oracle_worker(size: int, which: str, seed: int) -> dict:
    import warnings

    import numpy as np

    from gen_participants import generate
    from lodestar.matching import solve
    from lodestar.matching.scoring import Scorer

    sys.setrecursionlimit(1_000_000)  # the matching package deep-copies its players
    A, B, vocab = generate(size, seed=seed)
    sc = Scorer(A, B, vocab)
    t = time.perf_counter()
    S, MS = sc.score_matrix()
    out = {"size": size, "oracle": which, "dense_scoring_s": time.perf_counter() - t}
    cap = B.capacity
    if which == "lsa":
        from scipy.optimize import linear_sum_assignment

        W = 0.5 * S + 0.5 * MS
        t = time.perf_counter()
        ours = solve(W, cap, "optimal")
        out["engine_optimal_on_dense_s"] = time.perf_counter() - t
        t = time.perf_counter()
        seats = np.repeat(np.arange(B.n), cap)
        cost = np.where(np.isnan(W[:, seats]), 1e6, -W[:, seats])
        cost = np.hstack([cost, np.where(np.eye(A.n, dtype=bool), 0.0, 1e6)])
        r, c = linear_sum_assignment(cost)
        total = -cost[r, c][c < seats.size].sum()
        out["lsa_s"] = time.perf_counter() - t
        out["lsa_total"] = float(total)
        out["engine_total"] = float(ours.report.objective)
        out["equal"] = bool(abs(total - ours.report.objective) < 1e-6 * max(1.0, abs(total)))
    else:
        from matching.games import HospitalResident

        t = time.perf_counter()
        ours = solve(S, cap, "stable", MS)
        out["engine_stable_on_dense_s"] = time.perf_counter() - t
        allowed = ~np.isnan(S)
        rprefs = {}
        for i in range(A.n):
            js = np.flatnonzero(allowed[i])
            if js.size:
                rprefs[i] = js[np.lexsort((js, -S[i, js]))].tolist()
        hprefs = {}
        for j in range(B.n):
            is_ = np.flatnonzero(allowed[:, j])
            if is_.size:
                hprefs[j] = is_[np.lexsort((is_, -MS[is_, j]))].tolist()
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(rprefs, hprefs, {j: int(cap[j]) for j in hprefs})
            res = game.solve(optimal="resident")
        out["matching_pkg_s"] = time.perf_counter() - t
        ref = np.full(A.n, -1)
        for h, rs in res.items():
            for rr in rs:
                ref[rr.name] = h.name
        out["identical"] = bool(np.array_equal(ref, ours.assignment))
        out["speedup"] = out["matching_pkg_s"] / max(out["engine_stable_on_dense_s"], 1e-9)
    out["peak_rss_mb"] = _rss_mb()
    return out


def run_sub(args: list[str], timeout: float) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__)] + args
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if p.returncode != 0:
        return {"error": p.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--solvers", default="optimal,stable,suggest")
    ap.add_argument("--oracles", default="lsa,matching")
    ap.add_argument("--oracle-max", type=int, default=20000, help="skip oracles above this many mentees")
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--k", type=int, default=24)
    ap.add_argument("--worker", nargs=2)
    ap.add_argument("--oracle-worker", nargs=2)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(worker(int(a.worker[0]), a.worker[1], a.seed, a.k)))
        return
    if a.oracle_worker:
        print(json.dumps(oracle_worker(int(a.oracle_worker[0]), a.oracle_worker[1], a.seed)))
        return
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()}")
    for size in [int(s) for s in a.sizes.split(",") if s]:
        rows = {}
        for solver in [s for s in a.solvers.split(",") if s]:
            r = run_sub(["--worker", str(size), solver, "--seed", str(a.seed), "--k", str(a.k)], a.timeout)
            rows[solver] = r
            print(json.dumps(r), flush=True)
        if "optimal" in rows and "stable" in rows and "total" in rows["optimal"] and "total" in rows["stable"]:
            o, s = rows["optimal"], rows["stable"]
            print(f"size {size}: optimal total (mentee side) {o['total']:.3f} vs stable {s['total']:.3f}: "
                  f"gap {o['total'] - s['total']:.3f} ({100 * (o['total'] - s['total']) / max(s['total'], 1e-9):.2f}%);"
                  f" optimal objective {o['objective']:.3f}, certified gap {o['gap']}", flush=True)
        if size <= a.oracle_max:
            for which in [w for w in a.oracles.split(",") if w]:
                r = run_sub(["--oracle-worker", str(size), which, "--seed", str(a.seed)], a.timeout)
                print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
