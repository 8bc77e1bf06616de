"""Optimal assignment: maximum total score under capacities.

The problem is solved as a min-cost flow on the sparse candidate graph (OR-Tools'
``SimpleMinCostFlow``): every mentee sends one unit either to a listed mentor
(cost = minus the pair's weight) or to a "stay unmatched" arc of cost 0; mentor
``j`` passes at most ``capacity[j]`` units to the sink.  Weights are scaled to
integers (resolution ``1 / scale``).

Certified gap.  From the optimal flow we compute LP dual prices ``u`` (mentees) and
``v`` (mentors) by a monotone fixpoint (the least mentor prices consistent with the
flow).  A pair left out of a mentee's list cannot improve the optimum if
``u[i] >= key(i, j) - v[j]``; the candidate lists carry an upper bound on that key,
so for each mentee either the check passes or the mentee's list is *deepened* with
the pairs of best reduced score and the flow is solved again.  After the last round
any remaining violation is priced into a valid upper bound
``sum(max(u, need)) + sum(capacity * v)``; the gap to that bound is reported, and it
is exactly zero when pruning provably lost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import NEG, Candidates
from .errors import MatchingError


@dataclass
class OptimalInfo:
    objective: float  # sum of (key + bonus) over matched pairs, in score units
    upper_bound: float
    gap: float
    certified: bool
    rounds: int
    deepened: int
    resolution: float
    candidates: Candidates


def _scale_for(weights: np.ndarray, bound: np.ndarray) -> float:
    mags = [1.0]
    if weights.size:
        mags.append(float(np.max(np.abs(weights))))
    fin = bound[np.isfinite(bound)]
    if fin.size:
        mags.append(float(np.max(np.abs(fin))))
    return 1e8 / max(mags)


def _flow(cands: Candidates, W: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Solve the flow; return each mentee's mentor (or -1)."""
    n, m = cands.n_mentees, cands.n_mentors
    rows = cands.rows()
    use = cap[cands.mentors] > 0
    rows_u, cols_u, W_u = rows[use], cands.mentors[use], W[use]
    sink = n + m
    smcf = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([rows_u, n + np.arange(m, dtype=np.int64), np.arange(n, dtype=np.int64)])
    heads = np.concatenate([n + cols_u, np.full(m, sink, dtype=np.int64), np.full(n, sink, dtype=np.int64)])
    caps = np.concatenate([np.ones(rows_u.size, np.int64), cap.astype(np.int64), np.ones(n, np.int64)])
    costs = np.concatenate([-W_u, np.zeros(m, np.int64), np.zeros(n, np.int64)])
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(n + m + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[sink] = -n
    smcf.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int64), supplies)
    status = smcf.solve()
    if status != smcf.OPTIMAL:  # pragma: no cover - balanced and always feasible
        raise MatchingError(f"min-cost flow failed with status {status}")
    flows = smcf.flows(np.arange(rows_u.size, dtype=np.int64))
    assignment = np.full(n, -1, dtype=np.int64)
    hit = flows > 0
    assignment[rows_u[hit]] = cols_u[hit]
    return assignment


def _duals(cands: Candidates, W: np.ndarray, cap: np.ndarray, assignment: np.ndarray):
    """Least mentor prices ``v`` and mentee surpluses ``u`` for an optimal flow.

    Iterates ``v[j] = max(0, max_i W[i, j] - u[i])`` with ``u[i] = W[i, mu(i)] - v[mu(i)]``
    (0 for unmatched mentees) on a worklist, in exact integer arithmetic.
    """
    n, m = cands.n_mentees, cands.n_mentors
    rows = cands.rows()
    use = cap[cands.mentors] > 0
    matched = assignment >= 0
    Wm = np.zeros(n, dtype=np.int64)
    pair_is_match = use & (assignment[rows] == cands.mentors)
    Wm[rows[pair_is_match]] = W[pair_is_match]
    mu = np.where(matched, assignment, 0)
    v = np.zeros(m, dtype=np.int64)
    # mentor -> matched mentees
    mm_order = np.argsort(np.where(matched, assignment, m), kind="stable")
    mm_counts = np.bincount(assignment[matched], minlength=m)
    mm_ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(mm_counts, out=mm_ptr[1:])
    active_pairs = np.flatnonzero(use & ~pair_is_match)
    prow, pcol, pW = rows[active_pairs], cands.mentors[active_pairs], W[active_pairs]
    # pairs grouped by mentee for the worklist
    p_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(prow, minlength=n), out=p_ptr[1:])
    sel = np.arange(prow.size)
    for _ in range(4 * (n + m) + 10):
        if sel.size == 0:
            break
        u_sel = np.where(matched[prow[sel]], Wm[prow[sel]] - v[mu[prow[sel]]], 0)
        cand = pW[sel] - u_sel
        before = v.copy() if sel.size * 4 > m else None
        if before is None:
            touched = np.unique(pcol[sel])
            old = v[touched].copy()
        np.maximum.at(v, pcol[sel], cand)
        if before is not None:
            changed = np.flatnonzero(v != before)
        else:
            changed = touched[v[touched] != old]
        if changed.size == 0:
            break
        lens = mm_counts[changed]
        if lens.sum() == 0:
            break
        starts = mm_ptr[changed]
        idx = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
        mentees = mm_order[idx]
        plens = p_ptr[mentees + 1] - p_ptr[mentees]
        if plens.sum() == 0:
            break
        sel = np.repeat(p_ptr[mentees] - np.cumsum(plens) + plens, plens) + np.arange(plens.sum())
    # Surpluses from the prices; this also repairs feasibility should the loop stop early.
    u = np.zeros(n, dtype=np.int64)
    np.maximum.at(u, rows[use], W[use] - v[cands.mentors[use]])
    return u, v


def solve_optimal(source, capacities: np.ndarray, *, k: int = 24, share: float = 0.0,
                  bonus: float = 0.0, max_rounds: int = 3, complete: bool = False) -> tuple[np.ndarray, OptimalInfo]:
    cap = np.minimum(capacities.astype(np.int64), source.n_mentees)
    cands = source.full(share) if complete else source.initial(k, share)
    n, m = cands.n_mentees, cands.n_mentors
    round_of = np.zeros(n, dtype=np.int64)  # price round each row's bound refers to
    base = np.where(np.isfinite(cands.bound), cands.bound, NEG)
    price_hist = [np.zeros(m, dtype=np.int64)]
    deepened = 0
    rounds = 0
    scale = None
    while True:
        rounds += 1
        key = cands.key(share) + bonus
        if scale is None:
            scale = _scale_for(key, base + bonus)
        W = np.rint(key * scale).astype(np.int64)
        assignment = _flow(cands, W, cap)
        u, v = _duals(cands, W, cap, assignment)
        live = cap > 0
        finite = np.isfinite(base)
        need = np.zeros(n, dtype=np.int64)
        if finite.any():
            deltas = np.array([int(np.max(p[live] - v[live])) if live.any() else 0 for p in price_hist])
            need_f = np.ceil((base[finite] + bonus) * scale + 1.0).astype(np.int64) + deltas[round_of[finite]]
            need[finite] = need_f
        viol = np.flatnonzero(finite & (need > u))
        if viol.size == 0 or rounds > max_rounds:
            break
        prices = v.astype(np.float64) / scale
        I, J, s, ms, b = source.deepen(viol, cands, max(k // 2, 8), share, prices=prices)
        deepened += int(viol.size)
        price_hist.append(v.copy())
        round_of[viol] = len(price_hist) - 1
        # the new bounds of deepened rows hold for key minus price (see need above)
        cands = cands.merged(I, J, s, ms, viol, b, share)
        base = np.where(np.isfinite(cands.bound), cands.bound, NEG)
    W_match = np.zeros(n, dtype=np.int64)
    rows = cands.rows()
    hit = assignment[rows] == cands.mentors
    W_match[rows[hit]] = W[hit]
    primal = int(W_match.sum())
    dual = int(np.sum(np.maximum(u, need))) + int(np.sum(cap * v))
    gap_int = max(0, dual - primal)
    info = OptimalInfo(
        objective=primal / scale, upper_bound=dual / scale, gap=gap_int / scale,
        certified=gap_int == 0, rounds=rounds, deepened=deepened, resolution=1.0 / scale,
        candidates=cands,
    )
    return assignment, info
