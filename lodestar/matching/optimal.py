"""Optimal assignment: maximum total score under capacities.

The problem is solved as a min-cost flow on the sparse candidate graph: every mentee
sends one unit either to a listed mentor (cost = minus the pair's weight) or to a "stay
unmatched" arc of cost 0; mentor ``j`` passes at most ``capacity[j]`` units to the sink.
Weights are scaled to integers (resolution ``1 / scale``).  Small runs use OR-Tools'
``SimpleMinCostFlow``; runs over ``COMPILED_PAIRS`` the compiled, warm-startable solver of
``flowjit`` (see ``_solve``), with OR-Tools as its fallback.

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

The flow of later rounds keeps only pairs near the prices' frontier (reduced weight
within ``ACTIVE_SLACK``); the others are checked exactly like the rest and come back when
they would improve it.  Pairs within ``NEAR`` of improving it are scored ahead.  A round
whose newly scored pairs improve nothing solves no flow: it only checks again.  Where class
bounds fail, the mentors whose price fell most (*hot*) are checked pair by pair; those
checks are kept from round to round (``hotlists``) and redone only where prices fell too
far since.  ``prices`` (e.g. from an earlier run) make the first pass priced; large runs get
them from a sample market, whose scored pairs and priced lists the full run takes over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from .candidates import COMPILED_PAIRS, NEG, Candidates, Store, segments
from .errors import MatchingError
from .hotlists import HotLists
from .paths import longest_paths
from .stream import scan
from .workspace import TALL_ROWS

import logging
import time

log = logging.getLogger(__name__)
N_CLASSES = 64
ADD_PER_ROW = 6  # most violated pairs scored per mentee and round
HOT_SHARES = (0.005, 0.01, 0.02, 0.05)  # shares of mentors (largest price drops) checked pair by pair
HOT_MIN_ROWS = 2_000
SMALL_PAIRS = 50_000_000  # up to this many pairs: every violation scored, fresh passes at once
NEWCOMER_ROWS = 0.02  # share of rows a fresh pass may take instead of checking new hot mentors
SETTLE_ROUNDS = 3  # rounds before fresh passes are allowed anyway
NEAR = 0.03  # pairs this close to improving the flow are scored (or brought back) ahead of time
ACTIVE_SLACK = 0.02  # pairs whose reduced weight is within this of zero stay in the flow
SAMPLE_SLACK = 0.05  # the sample keeps more pairs in its flows: its prices come out closer
SAMPLE_PAIRS = 500_000_000  # above this many pairs, a sample's prices seed the first pass
SAMPLE_SHARE = 0.2  # share of the mentees in that sample (capacities scaled alike)
SAMPLE_ROUNDS = 3  # a few flows: prices of the first ones alone are too rough


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

    ``v`` is the least solution of ``v[j] = max(0, max_i W[i, j] - u[i])`` with
    ``u[i] = W[i, mu(i)] - v[mu(i)]`` (0 for unmatched mentees): longest paths from a root
    (price 0) where an arc ``(i, j)`` leads from mentor ``mu(i)`` to ``j`` with length
    ``W[i, j] - W[i, mu(i)]``; an optimal flow leaves no positive cycle.  Exact integer
    arithmetic (``paths``), on the arcs grouped by their source mentor.
    """
    use = cap[J] > 0
    matched = assignment >= 0
    Wm = np.zeros(n, dtype=np.int64)
    is_match = use & (assignment[I] == J)
    Wm[I[is_match]] = W[is_match]
    act = np.flatnonzero(use & ~is_match)
    src = np.where(matched[I[act]], assignment[I[act]], m)  # m: the root (unmatched mentees)
    # arcs grouped by their source mentor: a round reads runs of arcs, not scattered ones
    by_src = np.argsort(src, kind="stable")
    act, src = act[by_src], src[by_src]
    tgt, length = J[act], W[act] - Wm[I[act]]
    s_ptr = np.searchsorted(src, np.arange(m + 2))
    v = np.zeros(m + 1, dtype=np.int64)  # v[m] = 0 is the root's
    if not longest_paths(m, src, tgt, length, s_ptr, v, compiled=n * m >= COMPILED_PAIRS):
        return None  # a positive cycle: the flow was not optimal
    v = v[:m]
    u = np.zeros(n, dtype=np.int64)
    np.maximum.at(u, I[use], W[use] - v[J[use]])
    return u, v


def _solve(n, m, I, J, W, cap, prices=None):
    """Optimal flow on arcs (I, J, W) and its least prices: ``(assignment, u, v)``.

    Large runs use the compiled solver (``flowjit``, 3-8x OR-Tools' time on the flows of a
    100,000 run), which may start from ``prices`` (e.g. the previous round's); should its
    answer not be optimal (over capacity, or the least prices find an improving cycle),
    OR-Tools solves the flow again.
    """
    duals = None
    if n * m >= COMPILED_PAIRS:
        from .flowjit import solve_flow

        assignment, _, _ = solve_flow(n, m, I, J, W, cap, prices=prices)
        if np.all(np.bincount(assignment[assignment >= 0], minlength=m) <= cap):
            duals = _duals(n, m, I, J, W, cap, assignment)
        if duals is None:  # pragma: no cover - a defect of the compiled solver, caught here
            log.warning("optimal: the compiled flow was not optimal; solving with OR-Tools")
    if duals is None:
        assignment = _flow(n, m, I, J, W, cap)
        duals = _duals(n, m, I, J, W, cap, assignment)
    if duals is None:  # pragma: no cover - an optimal flow leaves no improving cycle
        raise MatchingError("min-cost flow returned a flow that is not optimal")
    return (assignment,) + duals


def solve_optimal(source, capacities: np.ndarray, *, k: int = 24, share: float = 0.0,
                  bonus: float = 0.0, max_rounds: int = 3, complete: bool = False,
                  prices=None) -> tuple[np.ndarray, OptimalInfo]:
    cap = np.minimum(capacities.astype(np.int64), source.n_mentees)
    if complete:
        return _complete(source, cap, share, bonus)
    live = cap[cap > 0]
    if (prices is None and source.n_mentees * source.n_mentors > SAMPLE_PAIRS and live.size
            and live.mean() * SAMPLE_SHARE >= 0.75):  # a sample market needs seats to scale down
        seed = _sample(source, cap, k, share, bonus)
        pr = _Pruned(source, cap, k, share, bonus, prices=seed.v / seed.scale, seed=seed)
        return pr.run(max_rounds=max_rounds)
    pr = _Pruned(source, cap, k, share, bonus, prices=prices)
    return pr.run(max_rounds=max_rounds)


def _sample(source, cap, k, share, bonus):
    """A small market, a random share of the mentees with capacities scaled, solved roughly.

    Its mentor prices seed the first pass of the full run (its candidate order and its classes
    of mentors of similar price), and the full run takes over the sampled mentees' priced
    candidate lists instead of streaming them again.  The full run's certificate does not
    depend on either.
    """
    n = source.n_mentees
    rng = np.random.default_rng(0)
    f = SAMPLE_SHARE
    rows = np.sort(rng.choice(n, size=max(1, int(f * n)), replace=False))
    want = cap * f
    small = np.floor(want) + (rng.random(cap.size) < want - np.floor(want))
    small = np.where(cap > 0, np.maximum(small, 1), 0).astype(np.int64)
    pr = _Pruned(source, small, k, share, bonus, rows=rows, keep_hot=False)  # its prices move too much
    pr.run(max_rounds=SAMPLE_ROUNDS, slack=SAMPLE_SLACK, certify=False)
    log.debug("optimal: prices from a sample of %d mentees", rows.size)
    return pr


def _complete(source, cap, share, bonus):
    cands = source.full(share)
    n, m = cands.n_mentees, cands.n_mentors
    key = cands.key(share) + bonus
    scale = 1e8 / max([1.0] + ([float(np.max(np.abs(key)))] if key.size else []))
    W = np.rint(key * scale).astype(np.int64)
    I = cands.rows()
    assignment, u, v = _solve(n, m, I, cands.mentors, W, cap)
    hit = assignment[I] == cands.mentors
    primal = int(W[hit].sum())
    gap = max(0, int(u.sum()) + int(np.sum(cap * v)) - primal)
    info = OptimalInfo(objective=primal / scale, upper_bound=(primal + gap) / scale, gap=gap / scale,
                       certified=gap == 0, rounds=1, deepened=0, resolution=1.0 / scale, candidates=cands,
                       prices=v / scale)
    return assignment, info


class _Pruned:
    """Column generation on streamed candidate lists, for the mentees ``rows`` (default: all)."""

    def __init__(self, source, cap, k, share, bonus, *, rows=None, prices=None, keep_hot=True, seed=None):
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
        self._W = np.zeros(0, dtype=np.int64)  # integer weights of the first pairs (see _arcs)
        self.active = np.zeros(0, dtype=bool)  # scored pairs in the flow (the others are checked)
        self.codes = np.zeros(0, dtype=np.int64)  # every scored pair (incl. forbidden), sorted
        self.deepened = 0
        self.hot = {}  # pass -> HotLists
        self.keep_hot = keep_hot
        self.prices = None if prices is None else np.asarray(prices, dtype=np.float64)
        self.top = 1.0
        # first pass: each mentee's best k, and each mentor's best few mentees (so that the
        # first flow can fill unpopular mentors too, and its prices are already sensible)
        first = np.arange(self.n) if seed is None else self._adopt(seed)
        self._pass(first, prices, head=self.k, col_top=int(min(16, 2 * max(1, int(cap.max(initial=1))))))
        # keys never exceed the first pass's values plus prices: fixes the integer resolution
        self.scale = 1e8 / (self.top + abs(bonus) + 1.0)

    def _adopt(self, seed):
        """Take over a sample run's scored pairs, and the candidate lists of its rows that it
        passed at prices; returns the (local) rows still to pass."""
        seed._arcs()
        I, J, s, ms = seed.pairs[0]
        G = self.local[seed.rows[I]]
        self.pairs.append((G, J, s, ms))
        self.active = seed.active.copy()  # the pairs its last flow left out start out checked only
        self.codes = self.local[seed.rows[seed.codes // self.m]] * self.m + seed.codes % self.m
        self.top = max(self.top, seed.top)
        self.scans = list(seed.scans)
        mine = np.flatnonzero((seed.scan_of > 0) & np.isfinite(seed.bound))  # sample-local rows
        loc = self.local[seed.rows[mine]]
        self.scan_of[loc] = seed.scan_of[mine]
        self.bound[loc] = seed.bound[mine]
        self.cmax[loc] = seed.cmax[mine]
        rj, rv = seed.res.views()
        idx, _ = segments(seed.res.start[mine], seed.res.end[mine] - seed.res.start[mine])
        self.res.rewrite(loc, seed.res.end[mine] - seed.res.start[mine], (rj[idx], rv[idx]))
        rest = np.ones(self.n, dtype=bool)
        rest[loc] = False
        return np.flatnonzero(rest)

    # -- passes and scoring ------------------------------------------------------------
    def _pass(self, loc, prices, head, col_top=0):
        """Stream ``loc`` (local rows) at ``prices``; score each row's first ``head`` entries."""
        sc = scan(self.src, self.rows[loc], self.k_res,
                  share=self.share, prices=prices, order=None if prices is None else np.argsort(prices),
                  n_classes=N_CLASSES if prices is not None else 1, col_top=col_top)
        if col_top:
            cr, cj, _ = sc.col_pairs
            self._score(self.local[cr], cj.astype(np.int64))
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
        codes, first = np.unique(L * self.m + J, return_index=True)
        new = ~self._known(L[first], J[first])
        L, J, codes = L[first][new], J[first][new], codes[new]
        if L.size == 0:
            return
        s, ms = self.src.exact(self.rows[L], J)
        self.codes = np.sort(np.concatenate([self.codes, codes]), kind="stable")  # two sorted runs
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
        act = np.ones(I.size, dtype=bool)
        act[: self.active.size] = self.active
        self.active = act
        # pairs only ever come after the earlier ones: weigh only the new ones
        k0 = self._W.size
        new = np.rint((self._key(s[k0:], None if ms is None else ms[k0:]) + self.bonus) * self.scale)
        self._W = np.concatenate([self._W, new.astype(np.int64)])
        return I, J, s, ms, self._W

    def _key(self, s, ms):
        return s if (ms is None or self.share == 0.0) else (1.0 - self.share) * s + self.share * ms

    # -- certificate -------------------------------------------------------------------
    def _need(self, u, v, rows=None):
        """Upper bounds of ``w - v`` (scaled) for the pairs outside the graph.

        Returns reserve entries ``(idx, owner, J, need)``, per row ``beyond`` (pairs bounded per
        class, or by a hot pass's bound: violations there need a fresh pass) and the unscored
        entries of hot passes ``(L, J, need)``.  ``rows`` restricts the check to some rows.
        """
        sc, b, n = self.scale, self.bonus, self.n
        sel = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
        rj, rv = self.res.views()
        idx, o = segments(self.res.start[sel], self.res.end[sel] - self.res.start[sel])
        owner = sel[o]
        J = rj[idx].astype(np.int64)
        P = np.stack([p for p, _ in self.scans])  # passes x mentors
        val = rv[idx] + P[self.scan_of[owner], J]
        need_e = np.ceil((val + self.margin + b) * sc).astype(np.int64) + 1 - v[J]
        low = np.iinfo(np.int64).min // 4
        beyond = np.full(n, low, dtype=np.int64)
        hot_L, hot_J, hot_need = [], [], []
        fin = sel[np.isfinite(self.bound[sel])]
        live = self.cap > 0
        for sid, (p, mclass) in enumerate(self.scans):
            grp = fin[self.scan_of[fin] == sid]
            if grp.size == 0:
                continue
            drop = np.where(live, p * sc - v, -np.inf)
            ok = mclass >= 0
            used = np.flatnonzero(np.any(np.isfinite(self.cmax[grp]), axis=0))
            top = np.ceil((np.minimum(self.cmax[grp][:, used].astype(np.float64) + self.margin,
                                      self.bound[grp][:, None]) + b) * sc) + 1
            top[~np.isfinite(top)] = -np.inf

            def bound_without(hot):
                d = drop.copy()
                d[hot] = -np.inf
                D = np.full(N_CLASSES, -np.inf)
                np.maximum.at(D, mclass[ok], d[ok])
                return np.max(top + np.ceil(D[used])[None, :], axis=1)

            # mentors whose price fell most are checked pair by pair (a pass over only them):
            # the smallest such set that leaves few rows failing their class bounds
            order = np.argsort(-drop, kind="stable")
            hot = np.zeros(0, dtype=np.int64)
            tot = tot0 = bound_without(hot)
            if grp.size >= HOT_MIN_ROWS:
                for share in HOT_SHARES:
                    if int((tot > u[grp]).sum()) <= 0.002 * grp.size + 10:
                        break
                    hot = np.sort(order[: int(np.ceil(share * self.m))])
                    hot = hot[np.isfinite(drop[hot])]
                    tot = bound_without(hot)
            if hot.size:
                # with the hot mentors of earlier rounds, whose lists are kept (not in a sample
                # run: its prices move too much for kept lists to hold)
                lists = HotLists(n, ADD_PER_ROW)
                if self.keep_hot:
                    lists = self.hot.setdefault(sid, lists)
                if lists.mentors.size:
                    # this round's newcomers join them unless the kept ones alone leave few more
                    # rows failing (a fresh pass for those costs less than a scan of newcomers)
                    tot_c = bound_without(lists.mentors)
                    both = np.union1d(hot, lists.mentors)
                    tot_b = bound_without(both)
                    if int((tot_c > u[grp]).sum()) - int((tot_b > u[grp]).sum()) <= NEWCOMER_ROWS * grp.size:
                        hot, tot = lists.mentors, tot_c
                    else:
                        hot, tot = lists.cover(both), tot_b
            # rows whose class bounds hold with every mentor in them need no pair-by-pair check
            fail0 = tot0 > u[grp]
            if hot.size:
                tot = np.where(fail0, tot, tot0)
            beyond[grp] = tot.clip(low, -low).astype(np.int64)
            if hot.size and fail0.any():
                lists.cover(hot)
                L, hj, hn, hb = lists.check(self, grp[fail0], u, v)
                new = ~self._known(L, hj)
                hot_L.append(L[new])
                hot_J.append(hj[new])
                hot_need.append(hn[new])
                beyond[grp[fail0]] = np.maximum(beyond[grp[fail0]], hb)
        cat = (lambda x: np.concatenate(x) if x else np.zeros(0, np.int64))
        return (idx, owner, J, need_e), beyond, (cat(hot_L), cat(hot_J), cat(hot_need))

    def _hot_scan(self, loc, mentors, v):
        """Each of ``loc``'s best ``ADD_PER_ROW`` among ``mentors`` at prices ``v`` (scaled), scaled
        upper bounds of their weights, and a bound on ``w - v`` for the rest of ``mentors``."""
        sc, b = self.scale, self.bonus
        hs = scan(self.src, self.rows[loc], ADD_PER_ROW, share=self.share, prices=v / sc, order=mentors,
                  max_rows=TALL_ROWS if mentors.size <= 4 * TALL_ROWS else 256)
        L = self.local[hs.rows]
        own = np.repeat(L, np.diff(hs.ptr))
        hj = hs.cols.astype(np.int64)
        hw = np.ceil((hs.vals.astype(np.float64) + self.margin + b) * sc).astype(np.int64) + 1 + v[hj]
        bb = hs.bound
        rest = np.full(L.size, np.iinfo(np.int64).min // 4, dtype=np.int64)
        f = np.isfinite(bb)
        rest[f] = np.ceil((bb[f] + b) * sc).astype(np.int64) + 1
        return L, own, hj, hw, rest

    def _take(self, L, J, excess):
        """The most violated few per mentee (all of them on small instances)."""
        if self.n * self.m <= SMALL_PAIRS:
            return L, J
        o = np.lexsort((-excess, L))
        L, J = L[o], J[o]
        first = np.searchsorted(L, L)
        keep = np.arange(L.size) - first < ADD_PER_ROW
        return L[keep], J[keep]

    def run(self, *, max_rounds: int = 3, shrink: bool = True, slack: float | None = None, certify: bool = True):
        """Rounds of flow and check; without ``certify``, only prices: the last flow's duals
        (``self.v``) and no result."""
        n, m, cap = self.n, self.m, self.cap
        slack = ACTIVE_SLACK if slack is None else slack
        rounds = 0
        solve = True
        while True:
            rounds += 1
            I, J, s, ms, W = self._arcs()
            act = self.active
            t0 = time.perf_counter()
            if solve:  # else the last flow and its prices still hold: nothing added improves it
                warm = v if rounds > 1 else (None if self.prices is None else
                                             np.rint(self.prices * self.scale).astype(np.int64))
                assignment, u, v = _solve(n, m, I[act], J[act], W[act], cap, prices=warm)
            t2 = time.perf_counter()
            if not certify and rounds > max_rounds:
                self.v, self.u = v, u
                return None
            # scored pairs outside the flow are known exactly
            xneed = W - v[J]
            live_x = cap[J] > 0  # pairs with a mentor without seats are not in the problem
            bad_x = live_x & (xneed > u[I])  # never so for the arcs of a flow just solved
            (idx, owner, RJ, need_e), beyond, (hL, hJ, hN) = self._need(u, v)
            bad_e = need_e > u[owner]
            bad_h = hN > u[hL]
            bad_rows = np.flatnonzero(beyond > u)
            if log.isEnabledFor(logging.DEBUG):
                log.debug("optimal n=%d round %d: flow and prices %.2fs check %.2fs; arcs %d/%d, matched %d, "
                          "violations outside/reserve/hot %d/%d/%d, rows to pass again %d", n, rounds, t2 - t0,
                          time.perf_counter() - t2, int(act.sum()), I.size, int((assignment >= 0).sum()),
                          int(bad_x.sum()), int(bad_e.sum()), int(bad_h.sum()), bad_rows.size)
            if (not bad_x.any() and not bad_e.any() and not bad_h.any() and bad_rows.size == 0) \
                    or rounds > max_rounds:
                break
            # the flow keeps the pairs near the prices' frontier, and the violated ones
            rc = W - u[I] - v[J]
            keep = (rc >= -int(slack * self.scale)) | (assignment[I] == J) | (not shrink)
            # pairs close to improving it come in too: prices still move, and they would be next
            near = int(NEAR * self.scale)
            self.active = (act & keep) | bad_x | (~act & (xneed > u[I] - near))
            # rows whose bounds fail: a fresh pass at today's prices, once prices have settled
            # (while many pairs still improve the flow, prices move and passes would go stale)
            settled = (rounds >= SETTLE_ROUNDS or n * m <= SMALL_PAIRS
                       or int(bad_x.sum() + bad_e.sum() + bad_h.sum()) < 0.02 * n)
            if bad_rows.size and settled:
                self.deepened += int(bad_rows.size)
                self._pass(bad_rows, v / self.scale, head=0)
                (i2, o2, J2, n2), _, _ = self._need(u, v, rows=bad_rows)
                redo = np.isin(owner, bad_rows)
                idx = np.concatenate([idx[~redo], i2])
                owner = np.concatenate([owner[~redo], o2])
                RJ = np.concatenate([RJ[~redo], J2])
                need_e = np.concatenate([need_e[~redo], n2])
            # pairs that might improve the flow (or nearly): score the most violated few per mentee
            take_e = need_e > u[owner] - near
            take_h = hN > u[hL] - near
            L = np.concatenate([owner[take_e], hL[take_h]])
            JJ = np.concatenate([RJ[take_e], hJ[take_h]])
            ex = np.concatenate([(need_e - u[owner])[take_e], (hN - u[hL])[take_h]])
            L, JJ = self._take(L, JJ, ex)
            before = len(self.pairs)
            self._score(L, JJ)
            self._drop_reserve(L, JJ)
            # a flow again only if some pair improves this one; else the next round only checks
            solve = bool(bad_x.any())
            for Ln, Jn, sn, msn in self.pairs[before:]:
                Wn = np.rint((self._key(sn, msn) + self.bonus) * self.scale).astype(np.int64)
                solve = solve or bool(np.any(Wn - v[Jn] > u[Ln]))
        self.v, self.u = v, u
        hit = act & (assignment[I] == J)
        primal = int(W[hit].sum())
        need = np.maximum(u, beyond)
        np.maximum.at(need, I[live_x], xneed[live_x])  # every scored pair, in the flow or not
        if owner.size:
            np.maximum.at(need, owner, need_e)
        if hL.size:
            np.maximum.at(need, hL, hN)
        dual = int(need.sum()) + int(np.sum(cap * v))
        gap = max(0, dual - primal)
        assign = np.full(self.N, -1, dtype=np.int64)
        assign[self.rows] = assignment
        bound_out = np.full(self.N, NEG)
        rj, rv = self.res.views()
        top_res = np.full(n, NEG)
        if idx.size:
            P = np.stack([p for p, _ in self.scans])
            np.maximum.at(top_res, owner, rv[idx] + P[self.scan_of[owner], RJ])
        bound_out[self.rows] = np.maximum(top_res, self.bound)
        cands = Candidates.from_pairs(self.N, m, self.rows[I], J, s, ms, bound_out, self.share)
        info = OptimalInfo(objective=primal / self.scale, upper_bound=dual / self.scale, gap=gap / self.scale,
                           certified=gap == 0, rounds=rounds, deepened=self.deepened,
                           resolution=1.0 / self.scale, candidates=cands, prices=v / self.scale)
        return assign, info

    def _drop_reserve(self, L, J):
        """Scored pairs leave their rows' reserves."""
        if L.size == 0:
            return
        rows = np.unique(L)
        rj, rv = self.res.views()
        idx, o = segments(self.res.start[rows], self.res.end[rows] - self.res.start[rows])
        own = rows[o]
        keep = ~self._known(own, rj[idx].astype(np.int64))
        lens = np.bincount(o[keep], minlength=rows.size)
        self.res.rewrite(rows, lens, (rj[idx[keep]], rv[idx[keep]]))
