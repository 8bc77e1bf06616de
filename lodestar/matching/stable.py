"""Stable assignment: mentee-proposing deferred acceptance with mentor capacities.

This is the hospitals/residents algorithm; its result is the mentee-optimal stable
matching, which does not depend on the order of proposals, so proposals are made in
parallel rounds (all free mentees at once), each round vectorised.

Preferences are strict: a mentee ranks mentors by mentee-side score (ties by lower
mentor index); a mentor ranks mentees by mentor-side score (ties by lower mentee
index).  A mentee only proposes to the next mentor on its list when that mentor is
provably better than every mentor not yet listed (its score beats the list's bound);
otherwise the list is deepened first, so truncated lists never change the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import NEG, Candidates


@dataclass
class StableInfo:
    rounds: int
    proposals: int
    deepened: int
    candidates: Candidates


def _better(k1, i1, k2, i2):
    """Is (key k1, index i1) preferred to (k2, i2)? Higher key, then lower index."""
    return (k1 > k2) | ((k1 == k2) & (i1 < i2))


def solve_stable(source, capacities: np.ndarray, *, k: int = 24, complete: bool = False):
    n, m = source.n_mentees, source.n_mentors
    cap = np.minimum(capacities.astype(np.int64), n)
    cands = source.full(0.0) if complete else source.initial(k, 0.0)
    has_ms = cands.mentor_scores is not None
    # growable list storage: row i's list is L[start[i]:end[i]], next proposal at ptr[i]
    G = (_Grow(cands.mentors), _Grow(cands.scores), _Grow(cands.mentor_scores if has_ms else cands.scores))
    start = cands.indptr[:-1].copy()
    end = cands.indptr[1:].copy()
    ptr = start.copy()
    bound = cands.bound.copy()
    # mentor seats
    seat0 = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(cap, out=seat0[1:])
    held_i = np.full(int(seat0[-1]), -1, dtype=np.int64)
    held_k = np.full(int(seat0[-1]), NEG)
    cnt = np.zeros(m, dtype=np.int64)
    worst_k = np.full(m, np.inf)  # key of the worst held mentee when full (inf: not full)
    worst_i = np.full(m, -1, dtype=np.int64)
    assign = np.full(n, -1, dtype=np.int64)
    free = np.arange(n, dtype=np.int64)
    rounds = proposals = deepened = 0
    chunk = max(k, 8)
    while free.size:
        rounds += 1
        # 1. make sure each free mentee's next proposal is provably its best remaining
        for _ in range(64):
            Lm, Ls, Lk = G[0].view, G[1].view, G[2].view
            p = ptr[free]
            has_next = p < end[free]
            nxt = np.where(has_next, Ls[np.minimum(p, max(Ls.size - 1, 0))] if Ls.size else NEG, NEG)
            unsafe = np.isfinite(bound[free]) & (~has_next | (nxt <= bound[free]))
            if not unsafe.any():
                break
            rows = np.unique(free[unsafe])
            I, J, s, ms, b = source.deepen(rows, _listed(n, m, rows, start, end, Lm), chunk, 0.0)
            deepened += int(rows.size)
            _extend(rows, I, J, s, ms if has_ms else s, G, start, end, ptr)
            bound[rows] = b
        Lm, Ls, Lk = G[0].view, G[1].view, G[2].view
        p = ptr[free]
        go = p < end[free]
        free = free[go]
        if free.size == 0:
            break
        p = ptr[free]
        j = Lm[p]
        kk = Lk[p]
        ptr[free] += 1
        proposals += int(free.size)
        # 2. quick rejection by full mentors
        full = np.isfinite(worst_k[j])
        rej_fast = full & ~_better(kk, free, worst_k[j], worst_i[j])
        keep = ~rej_fast
        pi, pj, pk = free[keep], j[keep], kk[keep]
        next_free = [free[rej_fast]]
        if pi.size:
            A = np.unique(pj)
            lens = cnt[A]
            idx = np.repeat(seat0[A] - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            hi, hk = held_i[idx], held_k[idx]
            hj = np.repeat(A, lens)
            ai = np.concatenate([hi, pi])
            aj = np.concatenate([hj, pj])
            ak = np.concatenate([hk, pk])
            order = np.lexsort((ai, -ak, aj))
            ai, aj, ak = ai[order], aj[order], ak[order]
            first = np.searchsorted(aj, aj, side="left")
            rank = np.arange(aj.size) - first
            kept = rank < cap[aj]
            # write back the kept ones
            held_i[seat0[aj[kept]] + rank[kept]] = ai[kept]
            held_k[seat0[aj[kept]] + rank[kept]] = ak[kept]
            newcnt = np.bincount(aj[kept], minlength=m)[A]
            cnt[A] = newcnt
            assign[ai[kept]] = aj[kept]
            lost = ai[~kept]
            assign[lost] = -1
            next_free.append(lost)
            isfull = newcnt >= cap[A]
            wpos = seat0[A] + newcnt - 1
            worst_k[A] = np.where(isfull, held_k[np.maximum(wpos, 0)], np.inf)
            worst_i[A] = np.where(isfull, held_i[np.maximum(wpos, 0)], -1)
        free = np.concatenate(next_free)
    final = _final(n, m, start, end, G[0].view, G[1].view, G[2].view if has_ms else None, bound)
    return assign, StableInfo(rounds=rounds, proposals=proposals, deepened=deepened, candidates=final)


def _listed(n, m, rows, start, end, Lm) -> Candidates:
    """A Candidates view of the current lists (only ``mentors`` and ``indptr`` are used)."""
    lens = np.zeros(n, dtype=np.int64)
    lens[rows] = end[rows] - start[rows]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    tot = int(lens.sum())
    idx = np.repeat(start[rows] - np.cumsum(lens[rows]) + lens[rows], lens[rows]) + np.arange(tot)
    # rows are sorted, so concatenating their segments in order matches indptr
    return Candidates(n, m, indptr, Lm[idx], np.zeros(tot), None, np.full(n, NEG))


class _Grow:
    """Append-only float/int buffer with amortised doubling."""

    def __init__(self, a: np.ndarray):
        self.buf = a.copy() if a.size else np.zeros(16, dtype=a.dtype)
        self.n = a.size

    def extend(self, parts):
        add = sum(p.size for p in parts)
        if self.n + add > self.buf.size:
            new = np.empty(max(2 * self.buf.size, self.n + add), dtype=self.buf.dtype)
            new[: self.n] = self.buf[: self.n]
            self.buf = new
        for p in parts:
            self.buf[self.n: self.n + p.size] = p
            self.n += p.size

    @property
    def view(self):
        return self.buf[: self.n]


def _extend(rows, I, J, s, k, L, start, end, ptr):
    """For each deepened row, append its proposed prefix + re-sorted remainder and new pairs."""
    Gm, Gs, Gk = L
    order = np.argsort(I, kind="stable")
    I, J, s, k = I[order], J[order], s[order], k[order]
    lo = np.searchsorted(I, rows, side="left")
    hi = np.searchsorted(I, rows, side="right")
    Lm, Ls, Lk = Gm.view, Gs.view, Gk.view
    pm, ps, pk = [], [], []
    pos = Gm.n
    for t, i in enumerate(rows.tolist()):
        a, p, e = start[i], ptr[i], end[i]
        rm = np.concatenate([Lm[p:e], J[lo[t]:hi[t]]])
        rs = np.concatenate([Ls[p:e], s[lo[t]:hi[t]]])
        rk = np.concatenate([Lk[p:e], k[lo[t]:hi[t]]])
        o = np.lexsort((rm, -rs))
        pm += [Lm[a:p].copy(), rm[o]]
        ps += [Ls[a:p].copy(), rs[o]]
        pk += [Lk[a:p].copy(), rk[o]]
        start[i] = pos
        ptr[i] = pos + (p - a)
        pos += (p - a) + rm.size
        end[i] = pos
    Gm.extend(pm)
    Gs.extend(ps)
    Gk.extend(pk)


def _final(n, m, start, end, Lm, Ls, Lk, bound) -> Candidates:
    lens = end - start
    tot = int(lens.sum())
    idx = np.repeat(start - np.cumsum(lens) + lens, lens) + np.arange(tot)
    rows = np.repeat(np.arange(n, dtype=np.int64), lens)
    return Candidates.from_pairs(n, m, rows, Lm[idx], Ls[idx], None if Lk is None else Lk[idx], bound)
