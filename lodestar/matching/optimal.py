"""Optimal assignment: maximum total score under capacities.

The problem is solved as a min-cost flow on the sparse candidate graph (OR-Tools'
``SimpleMinCostFlow``): every mentee sends one unit either to a listed mentor
(cost = minus the pair's weight) or to a "stay unmatched" arc of cost 0; mentor
``j`` passes at most ``capacity[j]`` units to the sink.  Weights are scaled to
integers (resolution ``1 / scale``).

Certified gap (column generation).  From the optimal flow we compute LP dual prices
``u`` (mentees) and ``v`` (mentors) by a monotone fixpoint (the least mentor prices
consistent with the flow).  A pair left out of the graph cannot improve the optimum if
``u[i] >= w(i, j) - v[j]``.  Pairs are left out in three ways, each with an upper bound
on ``w - v``:

* unscored pairs in a mentee's *reserve* (the next mentors of its streamed pass, each
  with an upper bound of its key minus the pass's price);
* everyone else, per *class* of mentors: the pass recorded the maximum of key minus
  price over each class (classes group mentors of similar price), bounded by the
  row's overall bound; the price change since that pass is added per class.

Violating reserve pairs are scored exactly and added to the graph; mentees whose
class bounds fail get a fresh pass at the current prices.  The flow is solved again
until no pair can improve it (then the gap is exactly zero) or the rounds run out;
any remaining violation is priced into a valid upper bound
``sum(max(u, need)) + sum(capacity * v)``.

Large instances first estimate prices on a random sample of mentees (capacities
scaled down), so that the one full pass already lists the pairs that matter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import NEG, Candidates, Store, segments
from .errors import MatchingError
from .stream import scan

import os

DEBUG = bool(os.environ.get("LODESTAR_MATCH_DEBUG"))
N_CLASSES = 64
SAMPLE_FROM = 300_000_000  # pairs: estimate prices on a sample of mentees first
SAMPLE_SHARE = 0.2


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
    prices: np.ndarray | None = None  # mentor prices (duals), score units


def _flow(n, m, I, J, W, cap) -> np.ndarray:
    """Solve the flow on arcs (I, J, W); return each mentee's mentor (or -1)."""
    use = cap[J] > 0
    rows_u, cols_u, W_u = I[use], J[use], W[use]
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


def _duals(n, m, I, J, W, cap, assignment):
    """Least mentor prices ``v`` and mentee surpluses ``u`` for an optimal flow on arcs (I, J, W).

    Iterates ``v[j] = max(0, max_i W[i, j] - u[i])`` with ``u[i] = W[i, mu(i)] - v[mu(i)]``
    (0 for unmatched mentees) on a worklist, in exact integer arithmetic.
    """
    use = cap[J] > 0
    matched = assignment >= 0
    Wm = np.zeros(n, dtype=np.int64)
    is_match = use & (assignment[I] == J)
    Wm[I[is_match]] = W[is_match]
    mu = np.where(matched, assignment, 0)
    v = np.zeros(m, dtype=np.int64)
    mm_order = np.argsort(np.where(matched, assignment, m), kind="stable")
    mm_counts = np.bincount(assignment[matched], minlength=m)
    mm_ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(mm_counts, out=mm_ptr[1:])
    act = np.flatnonzero(use & ~is_match)
    o = np.argsort(I[act], kind="stable")
    prow, pcol, pW = I[act][o], J[act][o], W[act][o]
    p_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(prow, minlength=n), out=p_ptr[1:])
    sel = np.arange(prow.size)
    for _ in range(4 * (n + m) + 10):
        if sel.size == 0:
            break
        r = prow[sel]
        cand = pW[sel] - np.where(matched[r], Wm[r] - v[mu[r]], 0)
        touched = np.unique(pcol[sel])
        old = v[touched].copy()
        np.maximum.at(v, pcol[sel], cand)
        changed = touched[v[touched] != old]
        if changed.size == 0:
            break
        idx, _ = segments(mm_ptr[changed], mm_counts[changed])
        mentees = mm_order[idx]
        if mentees.size == 0:
            break
        sel, _ = segments(p_ptr[mentees], p_ptr[mentees + 1] - p_ptr[mentees])
    # Surpluses from the prices; this also repairs feasibility should the loop stop early.
    u = np.zeros(n, dtype=np.int64)
    np.maximum.at(u, I[use], W[use] - v[J[use]])
    return u, v


def solve_optimal(source, capacities: np.ndarray, *, k: int = 24, share: float = 0.0,
                  bonus: float = 0.0, max_rounds: int = 3, complete: bool = False,
                  prices=None) -> tuple[np.ndarray, OptimalInfo]:
    cap = np.minimum(capacities.astype(np.int64), source.n_mentees)
    if complete:
        return _complete(source, cap, share, bonus)
    n, m = source.n_mentees, source.n_mentors
    if prices is None and n * m >= SAMPLE_FROM and n >= 5_000:
        rng = np.random.default_rng(20240607)
        rows = np.sort(rng.choice(n, size=int(n * SAMPLE_SHARE), replace=False))
        frac = rows.size / n
        cap_s = np.floor(cap * frac + rng.random(m)).astype(np.int64)
        est = _Pruned(source, cap_s, k, share, bonus, rows=rows)
        est.run(max_rounds=1, rescan_share=1.0)
        prices = est.v / est.scale
    pr = _Pruned(source, cap, k, share, bonus, prices=prices)
    return pr.run(max_rounds=max_rounds)


def _complete(source, cap, share, bonus):
    cands = source.full(share)
    n, m = cands.n_mentees, cands.n_mentors
    key = cands.key(share) + bonus
    scale = 1e8 / max([1.0] + ([float(np.max(np.abs(key)))] if key.size else []))
    W = np.rint(key * scale).astype(np.int64)
    I = cands.rows()
    assignment = _flow(n, m, I, cands.mentors, W, cap)
    u, v = _duals(n, m, I, cands.mentors, W, cap, assignment)
    hit = assignment[I] == cands.mentors
    primal = int(W[hit].sum())
    gap = max(0, int(u.sum()) + int(np.sum(cap * v)) - primal)
    info = OptimalInfo(objective=primal / scale, upper_bound=(primal + gap) / scale, gap=gap / scale,
                       certified=gap == 0, rounds=1, deepened=0, resolution=1.0 / scale, candidates=cands,
                       prices=v / scale)
    return assignment, info


class _Pruned:
    """Column generation on streamed candidate lists, for the mentees ``rows`` (default: all)."""

    def __init__(self, source, cap, k, share, bonus, *, rows=None, prices=None):
        self.src, self.cap, self.share, self.bonus = source, cap, share, bonus
        self.N, self.m = source.n_mentees, source.n_mentors
        self.rows = np.arange(self.N, dtype=np.int64) if rows is None else np.asarray(rows, np.int64)
        self.n = self.rows.size
        self.local = np.full(self.N, -1, dtype=np.int64)
        self.local[self.rows] = np.arange(self.n)
        self.k = max(1, int(k))
        self.k_res = max(2 * self.k, 48)
        self.margin = float(getattr(source, "margin", 0.0))
        self.res = Store(self.n, (np.int32, np.float64))  # unscored reserve: mentor, key - price bound
        self.scan_of = np.zeros(self.n, dtype=np.int64)  # which pass each row's reserve comes from
        self.scans = []  # (prices, mentor_class) per pass
        self.bound = np.full(self.n, NEG)
        self.cmax = np.full((self.n, N_CLASSES), NEG, dtype=np.float32)
        self.pairs = []  # scored pairs, local rows: (I, J, s, ms)
        self.codes = np.zeros(0, dtype=np.int64)  # every scored pair (incl. forbidden), sorted
        self.deepened = 0
        self.depth = np.full(self.n, self.k_res, dtype=np.int64)
        self.top = 1.0
        self._pass(np.arange(self.n), prices, head=self.k)
        # keys never exceed the first pass's values plus prices: fixes the integer resolution
        self.scale = 1e8 / (self.top + abs(bonus) + 1.0)

    # -- passes and scoring ------------------------------------------------------------
    def _pass(self, loc, prices, head):
        """Stream ``loc`` (local rows) at ``prices``; score each row's first ``head`` entries."""
        sc = scan(self.src, self.rows[loc], int(self.depth[loc].max()) if loc.size else self.k_res,
                  share=self.share, prices=prices, order=None if prices is None else np.argsort(prices),
                  n_classes=N_CLASSES if prices is not None else 1)
        loc = self.local[sc.rows]
        sid = len(self.scans)
        p = np.zeros(self.m) if prices is None else np.asarray(prices, dtype=np.float64)
        self.scans.append((p, sc.mentor_class))
        self.scan_of[loc] = sid
        self.bound[loc] = sc.bound
        self.cmax[loc] = NEG
        self.cmax[loc, :sc.cmax.shape[1]] = sc.cmax
        if sc.vals.size:
            self.top = max(self.top, float(np.max(np.abs(sc.vals))) + float(np.max(p, initial=0.0)))
        lens = np.diff(sc.ptr)
        owner = np.repeat(np.arange(loc.size), lens)
        rank = np.arange(sc.cols.size) - sc.ptr[owner]
        J = sc.cols.astype(np.int64)
        known = self._known(loc[owner], J)
        take = (rank < head) & ~known
        self._score(loc[owner][take], J[take])
        keep = ~take & ~known
        lens_k = np.bincount(owner[keep], minlength=loc.size)
        self.res.rewrite(loc, lens_k, (sc.cols[keep], sc.vals[keep].astype(np.float64)))

    def _known(self, L, J):
        codes = L * self.m + J
        if self.codes.size == 0:
            return np.zeros(codes.size, dtype=bool)
        pos = np.minimum(np.searchsorted(self.codes, codes), self.codes.size - 1)
        return self.codes[pos] == codes

    def _score(self, L, J):
        if L.size == 0:
            return
        s, ms = self.src.exact(self.rows[L], J)
        self.codes = np.union1d(self.codes, L * self.m + J)
        ok = ~np.isnan(s) if ms is None else ~(np.isnan(s) | np.isnan(ms))
        self.pairs.append((L[ok], J[ok], s[ok], None if ms is None else ms[ok]))

    def _arcs(self):
        I = np.concatenate([p[0] for p in self.pairs]) if self.pairs else np.zeros(0, np.int64)
        J = np.concatenate([p[1] for p in self.pairs]) if self.pairs else np.zeros(0, np.int64)
        s = np.concatenate([p[2] for p in self.pairs]) if self.pairs else np.zeros(0)
        ms = None
        if self.pairs and self.pairs[0][3] is not None:
            ms = np.concatenate([p[3] for p in self.pairs])
        self.pairs = [(I, J, s, ms)]
        key = s if (ms is None or self.share == 0.0) else (1.0 - self.share) * s + self.share * ms
        return I, J, s, ms, key

    # -- certificate -------------------------------------------------------------------
    def _need(self, u, v):
        """Per reserve entry and per row: upper bounds of ``w - v`` (scaled) for unscored pairs."""
        sc, b = self.scale, self.bonus
        rj, rv = self.res.views()
        st, en = self.res.start, self.res.end
        idx, owner = segments(st, en - st)
        J = rj[idx].astype(np.int64)
        P = np.stack([p for p, _ in self.scans])  # passes x mentors
        val = rv[idx] + P[self.scan_of[owner], J]
        need_e = np.ceil((val + self.margin + b) * sc).astype(np.int64) + 1 - v[J]
        beyond = np.full(self.n, np.iinfo(np.int64).min // 4, dtype=np.int64)
        fin = np.flatnonzero(np.isfinite(self.bound))
        live = self.cap > 0
        for sid, (p, mclass) in enumerate(self.scans):
            rows = fin[self.scan_of[fin] == sid]
            if rows.size == 0:
                continue
            delta = np.where(live, p * sc - v, -np.inf)
            D = np.full(N_CLASSES, -np.inf)
            np.maximum.at(D, mclass, delta)
            top = np.minimum(self.cmax[rows].astype(np.float64) + self.margin, self.bound[rows][:, None])
            tot = np.ceil((top + b) * sc) + 1 + np.ceil(D)[None, :]
            tot[~np.isfinite(tot)] = -np.inf
            beyond[rows] = np.maximum(beyond[rows], np.max(tot, axis=1).clip(-4e18, 4e18).astype(np.int64))
        return idx, owner, J, need_e, beyond

    def run(self, *, max_rounds: int = 3, rescan_share: float = 1.0):
        n, m, cap = self.n, self.m, self.cap
        rounds = 0
        while True:
            rounds += 1
            I, J, s, ms, key = self._arcs()
            W = np.rint((key + self.bonus) * self.scale).astype(np.int64)
            assignment = _flow(n, m, I, J, W, cap)
            u, v = _duals(n, m, I, J, W, cap, assignment)
            idx, owner, RJ, need_e, beyond = self._need(u, v)
            bad_e = need_e > u[owner]
            bad_rows = np.flatnonzero(beyond > u)
            if DEBUG:
                hit = assignment[I] == J
                print(f"[optimal n={n}] round {rounds}: arcs {I.size} matched {int((assignment >= 0).sum())} "
                      f"obj {W[hit].sum() / self.scale:.4f} reserve-viol {int(bad_e.sum())} "
                      f"rows-beyond {bad_rows.size} v=0 {int((v[cap > 0] == 0).sum())}", flush=True)
            if (not bad_e.any() and bad_rows.size == 0) or rounds > max_rounds:
                break
            prices = v / self.scale
            # rows whose class bounds fail: a fresh pass at today's prices (deeper each time)
            if bad_rows.size:
                self.deepened += int(bad_rows.size)
                self.depth[bad_rows] = np.minimum(self.depth[bad_rows] * 2, max(m, 1))
                self._pass(bad_rows, prices, head=0)
                idx, owner, RJ, need_e, beyond = self._need(u, v)
                bad_e = need_e > u[owner]
            # reserve pairs that might improve the flow: score them exactly
            if bad_e.any():
                take = np.flatnonzero(bad_e)
                keep = np.ones(idx.size, dtype=bool)
                keep[take] = False
                L, JJ = owner[take], RJ[take]
                rj, rv = self.res.views()
                lens = np.bincount(owner[keep], minlength=n)
                rows_all = np.arange(n)
                self.res.rewrite(rows_all, lens, (rj[idx[keep]], rv[idx[keep]]))
                self._score(L, JJ)
        self.v, self.u = v, u
        hit = assignment[I] == J
        primal = int(W[hit].sum())
        need = np.maximum(u, beyond)
        if idx.size:
            np.maximum.at(need, owner, need_e)
        dual = int(need.sum()) + int(np.sum(cap * v))
        gap = max(0, dual - primal)
        assign = np.full(self.N, -1, dtype=np.int64)
        assign[self.rows] = assignment
        bound_out = np.full(self.N, NEG)
        rj, rv = self.res.views()
        top_res = np.full(n, NEG)
        if idx.size:
            np.maximum.at(top_res, owner, rv[idx] + np.stack([p for p, _ in self.scans])[self.scan_of[owner], RJ])
        bound_out[self.rows] = np.maximum(top_res, self.bound)
        cands = Candidates.from_pairs(self.N, m, self.rows[I], J, s, ms, bound_out, self.share)
        info = OptimalInfo(objective=primal / self.scale, upper_bound=dual / self.scale, gap=gap / self.scale,
                           certified=gap == 0, rounds=rounds, deepened=self.deepened,
                           resolution=1.0 / self.scale, candidates=cands, prices=v / self.scale)
        return assign, info
