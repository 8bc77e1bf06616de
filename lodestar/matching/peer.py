"""Peer pairing inside one pool, by symmetric scores.

1. Relaxation: the optimal assignment of the pool to itself (each person at most
   once on each side, never with themselves).  Its certified optimum, halved, is an
   upper bound on the best possible pairing, and is reported as such.
2. The relaxed assignment splits into paths and cycles; on each, the best set of
   disjoint edges is taken by dynamic programming (a 2-cycle is simply a pair).
3. People left over are paired greedily among themselves, then improved by letting
   a leftover take the partner of someone whose pair was worth less.
4. An odd person out either waits for the next round, or (``odd="trio"``, odd pool)
   joins the pair where the two new pairings are worth most.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .candidates import Candidates
from .optimal import solve_optimal


@dataclass
class PeerInfo:
    partner: np.ndarray
    groups: list[tuple[int, ...]]
    waiting: list[int]
    total: float  # all pairings inside the groups (a trio counts its three pairings)
    pairs_total: float  # the pairs alone, before any trio: compare with upper_bound
    upper_bound: float
    relax: object
    trio: tuple[int, ...] | None = None
    extra: dict = field(default_factory=dict)


class _Edges:
    """Symmetric edge-weight lookup over candidate pairs."""

    def __init__(self, cands: Candidates):
        n = cands.n_mentees
        r, c, w = cands.rows(), cands.mentors, cands.scores
        a, b = np.minimum(r, c), np.maximum(r, c)
        code = a * n + b
        order = np.argsort(code, kind="stable")
        self.code, self.w = code[order], w[order]
        self.n = n
        self.r, self.c, self.ws = r, c, w
        self.indptr = cands.indptr

    def get(self, i, j) -> np.ndarray:
        i, j = np.asarray(i), np.asarray(j)
        code = np.minimum(i, j) * self.n + np.maximum(i, j)
        pos = np.searchsorted(self.code, code)
        pos = np.minimum(pos, max(self.code.size - 1, 0))
        ok = (self.code.size > 0) & (self.code[pos] == code) if self.code.size else np.zeros(code.shape, bool)
        return np.where(ok, self.w[pos] if self.code.size else 0.0, np.nan)

    def neighbours(self, i):
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.c[a:b], self.ws[a:b]


def _best_path(nodes, weights):
    """Max-weight set of disjoint consecutive edges on a path: returns chosen edge starts."""
    L = len(weights)
    best = [0.0] * (L + 1)
    take = [False] * (L + 1)
    for t in range(1, L + 1):
        skip = best[t - 1]
        use = weights[t - 1] + (best[t - 2] if t >= 2 else 0.0)
        if use > skip:
            best[t], take[t] = use, True
        else:
            best[t] = skip
    chosen = []
    t = L
    while t >= 1:
        if take[t]:
            chosen.append(t - 1)
            t -= 2
        else:
            t -= 1
    return best[L], chosen


def solve_peer(source, *, k: int = 24, odd: str = "trio", complete: bool = False, bonus: float = 0.0):
    n = source.n_mentees
    caps = np.ones(n, dtype=np.int64)
    sigma, relax = solve_optimal(source, caps, k=k, share=0.0, bonus=bonus, complete=complete)
    edges = _Edges(relax.candidates)
    partner = np.full(n, -1, dtype=np.int64)
    inn = np.full(n, -1, dtype=np.int64)
    has = sigma >= 0
    inn[sigma[has]] = np.flatnonzero(has)
    seen = np.zeros(n, dtype=bool)
    sig = sigma.tolist()
    inn_l = inn.tolist()

    def walk(s):
        comp = [s]
        seen[s] = True
        x = sig[s]
        while x >= 0 and not seen[x]:
            comp.append(x)
            seen[x] = True
            x = sig[x]
        return comp, x == s

    comps = []
    for s in range(n):  # paths start where nobody points in
        if not seen[s] and inn_l[s] < 0:
            comps.append(walk(s))
    for s in range(n):  # what is left lies on cycles
        if not seen[s]:
            comps.append(walk(s))
    for comp, cyc in comps:
        if len(comp) < 2:
            continue
        w = edges.get(np.array(comp[:-1]), np.array(comp[1:])).tolist()
        if cyc and len(comp) == 2:
            a, b = comp
            partner[a], partner[b] = b, a
            continue
        if cyc:
            wc = float(edges.get(comp[-1], comp[0]))
            v1, ch1 = _best_path(comp, w)
            rot = comp[1:] + comp[:1]
            v2, ch2 = _best_path(rot, w[1:] + [wc])
            nodes, chosen = (comp, ch1) if v1 >= v2 else (rot, ch2)
        else:
            _, chosen = _best_path(comp, w)
            nodes = comp
        for t in chosen:
            a, b = nodes[t], nodes[t + 1]
            partner[a], partner[b] = b, a
    _improve(partner, edges)
    groups = [(int(i), int(partner[i])) for i in range(n) if 0 <= partner[i] and i < partner[i]]
    waiting = [int(i) for i in np.flatnonzero(partner < 0)]
    pairs_total = float(sum(float(edges.get(a, b)) for a, b in groups))
    trio = None
    if odd == "trio" and n % 2 == 1 and waiting:
        trio = _best_trio(waiting, partner, edges)
        if trio is not None:
            x, a, b = trio
            groups = [g for g in groups if set(g) != {a, b}] + [(a, b, x)]
            partner[x] = a if edges.get(x, a) >= edges.get(x, b) else b
            waiting.remove(x)
    total = 0.0
    for g in groups:
        for p in range(len(g)):
            for q in range(p + 1, len(g)):
                total += float(edges.get(g[p], g[q]))
    return PeerInfo(partner=partner, groups=groups, waiting=waiting, total=total, pairs_total=pairs_total,
                    upper_bound=relax.upper_bound / 2.0, relax=relax, trio=trio)


def _improve(partner, edges: _Edges, passes: int = 3):
    """Pair leftovers together, then let a leftover take a partner whose pair is worth less."""
    n = partner.size
    for _ in range(passes):
        changed = False
        left = np.flatnonzero(partner < 0)
        if left.size == 0:
            break
        inleft = np.zeros(n, dtype=bool)
        inleft[left] = True
        # leftover-leftover pairs, best first
        mask = inleft[edges.r] & inleft[edges.c] & (edges.r < edges.c)
        order = np.argsort(-edges.ws[mask], kind="stable")
        for a, b in zip(edges.r[mask][order].tolist(), edges.c[mask][order].tolist()):
            if partner[a] < 0 and partner[b] < 0:
                partner[a], partner[b] = b, a
                changed = True
        # a leftover u takes x from y when w(u, x) > w(x, y)
        for u in np.flatnonzero(partner < 0).tolist():
            xs, ws = edges.neighbours(u)
            if xs.size == 0:
                continue
            ys = partner[xs]
            cur = np.where(ys >= 0, edges.get(xs, np.maximum(ys, 0)), -np.inf)
            gain = ws - cur
            t = int(np.argmax(gain))
            if gain[t] > 1e-12 and ys[t] >= 0:
                x, y = int(xs[t]), int(ys[t])
                partner[y] = -1
                partner[x], partner[u] = u, x
                changed = True
        if not changed:
            break


def _best_trio(waiting, partner, edges: _Edges):
    best, arg = -np.inf, None
    for x in waiting:
        xs, ws = edges.neighbours(x)
        if xs.size == 0:
            continue
        ys = partner[xs]
        ok = ys >= 0
        if not ok.any():
            continue
        w2 = edges.get(np.full(int(ok.sum()), x), ys[ok])
        tot = ws[ok] + w2
        tot = np.where(np.isnan(tot), -np.inf, tot)
        t = int(np.argmax(tot))
        if np.isfinite(tot[t]) and tot[t] > best:
            a, b = int(xs[ok][t]), int(ys[ok][t])
            best, arg = tot[t], (int(x), a, b)
    return arg
