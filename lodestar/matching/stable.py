"""Stable assignment: mentee-proposing deferred acceptance with mentor capacities.

This is the hospitals/residents algorithm; its result is the mentee-optimal stable
matching, which does not depend on the order of proposals, so proposals are made in
parallel rounds (all free mentees at once), each round vectorised.

Preferences are strict: a mentee ranks mentors by mentee-side score (ties by lower
mentor index); a mentor ranks mentees by mentor-side score (ties by lower mentee
index).

Lists are built lazily.  Each mentee has a *reserve* of mentors ordered by an upper
bound of the mentee-side score (from one streamed pass) and a *bound* on everyone
else; reserve entries are scored exactly only when the mentee gets near them.  A
mentee proposes to its best scored mentor only when that score beats every upper
bound left, so truncated lists never change the result.  Two shortcuts keep lists
short without changing it either, because a full mentor's worst held mentee only
ever gets better:

* a proposal that the mentor would reject right now is skipped (it would change
  nothing, now or later);
* a mentor whose mentor-side score for the mentee is bounded below that worst held
  mentee (mentor-side <= mentee-side upper bound + the source's ``mentor_gap``) is
  skipped without being scored.

A mentee whose reserve runs out gets the next mentors by upper bound from a fresh
row of the stream, skipping those already seen and those that would reject.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

import numpy as np

from .candidates import NEG, Candidates, Store, row_order, segments
from .stream import LANES, scan


log = logging.getLogger(__name__)
RESERVE = 96  # mentors per mentee from the first pass (by upper bound)
EXTEND = 128  # at least this many more when a mentee's reserve runs out


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
    return _DA(source, capacities, k, complete).run()


class _DA:
    def __init__(self, source, capacities, k, complete):
        self.src = source
        n, m = self.n, self.m = source.n_mentees, source.n_mentors
        self.cap = np.minimum(capacities.astype(np.int64), n)
        self.margin = float(getattr(source, "margin", 0.0))
        self.floor = float(getattr(source, "floor", NEG))
        self.res = Store(n, (np.int32, np.float64))  # reserve: mentor, upper bound; best first
        self.pend = Store(n, (np.int64, np.float64, np.float64))  # scored: mentor, s, ms; best first
        self.bound = np.full(n, NEG)  # upper bound beyond the reserve
        self.step = np.full(n, 8, dtype=np.int64)
        self.seen: dict[int, np.ndarray] = {}  # rows extended past their first reserve
        self.log = []  # every scored pair, for the final candidate lists
        self.skipped_ub = np.full(n, NEG)
        self.deepened = 0
        rows = np.arange(n, dtype=np.int64)
        if complete:  # every allowed pair, already in preference order
            c = source.full(0.0)
            ms = c.mentor_scores if c.mentor_scores is not None else c.scores
            ok = ~(np.isnan(c.scores) | np.isnan(ms))
            I, J, sc_, ms = c.rows()[ok], c.mentors[ok], c.scores[ok], ms[ok]
            self.log.append((I, J, sc_, ms))
            self.pend.rewrite(rows, np.bincount(I, minlength=n), (J, sc_, ms))
        else:
            sc = scan(source, rows, max(4 * k, RESERVE), share=0.0)
            self.res = Store(n, (np.int32, sc.vals.dtype))
            lens = np.diff(sc.ptr)
            self.res.rewrite(rows, lens, (sc.cols, sc.vals))
            self.bound[:] = sc.bound
            del sc
        self.gap = source.mentor_gap(rows) if hasattr(source, "mentor_gap") else np.full(n, np.inf)
        # mentor seats
        self.seat0 = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(self.cap, out=self.seat0[1:])
        self.held_i = np.full(int(self.seat0[-1]), -1, dtype=np.int64)
        self.held_k = np.full(int(self.seat0[-1]), NEG)
        self.cnt = np.zeros(m, dtype=np.int64)
        self.worst_k = np.full(m, np.inf)  # key of the worst held mentee when full (inf: room left)
        self.worst_i = np.full(m, -1, dtype=np.int64)
        self.assign = np.full(n, -1, dtype=np.int64)

    # -- list maintenance ------------------------------------------------------------
    def _rejects(self, i, j, key):
        """Would mentor ``j`` reject mentee ``i`` with mentor-side ``key``, now and forever?"""
        full = np.isfinite(self.worst_k[j]) | (self.cap[j] <= 0)
        return full & ((self.cap[j] <= 0) | ~_better(key, i, self.worst_k[j], self.worst_i[j]))

    def _add_scored(self, rows, I, J, s, ms):
        """Merge scored pairs (I, J, s, ms) into the pending lists of ``rows`` (unique, sorted)."""
        ok = ~(np.isnan(s) | np.isnan(ms))
        I, J, s, ms = I[ok], J[ok], s[ok], ms[ok]
        self.log.append((I, J, s, ms))
        pj, ps, pm = self.pend.views()
        st, en = self.pend.start[rows], self.pend.end[rows]
        idx, owner = segments(st, en - st)
        loc = np.searchsorted(rows, I)
        R = np.concatenate([owner, loc])
        Jc = np.concatenate([pj[idx], J])
        Sc = np.concatenate([ps[idx], s])
        Mc = np.concatenate([pm[idx], ms])
        o = row_order(R, Sc, Jc)
        lens = np.bincount(R, minlength=rows.size)
        self.pend.rewrite(rows, lens, (Jc[o], Sc[o], Mc[o]))

    def _score_from_reserve(self, rows):
        """Score the next ``step`` reserve entries of ``rows``; skip those that surely reject."""
        rj, rv = self.res.views()
        st, en = self.res.start[rows], self.res.end[rows]
        take = np.minimum(en - st, self.step[rows])
        idx, owner = segments(st, take)
        I, J, ub = rows[owner], rj[idx].astype(np.int64), rv[idx].astype(np.float64)
        self.res.start[rows] = st + take
        self.step[rows] = np.minimum(self.step[rows] * 2, 512)
        drop = self._rejects(I, J, ub + self.gap[I] + self.margin)
        if drop.any():
            np.maximum.at(self.skipped_ub, I[drop], ub[drop])
        I, J = I[~drop], J[~drop]
        s, ms = self._exact(I, J)
        self._add_scored(rows, I, J, s, ms)

    def _exact(self, I, J):
        s, ms = self.src.exact(I, J)
        return s, (s if ms is None else ms)

    def _extend(self, rows):
        """Fresh upper bounds for rows whose reserve ran out: the next mentors not yet seen,
        leaving out mentors that would reject (they will for good)."""
        self.deepened += int(rows.size)
        for i in rows.tolist():
            if i not in self.seen:  # the first reserve was the top of the stream: all seen
                self.seen[i] = self.first_cols[self.first_ptr[i]:self.first_ptr[i + 1]].astype(np.int64)
        # at most what the block-maxima selection handles (a full partition per row costs more
        # than passing a deep row once more)
        step = int(min(max(EXTEND, self.step[rows].max()), max(EXTEND, (self.m // LANES) // 2 - 2)))
        wk = self.worst_k
        gap = self.gap + self.margin

        def prepare(piece, S, layout):
            w = S.shape[1]
            wkf = np.where(np.isfinite(wk), wk, -np.inf)  # only full mentors reject
            lim = np.full(w, -np.inf, dtype=S.dtype)
            lim[:self.m] = wkf if layout is None else -np.inf
            if layout is not None:  # generic sources may rearrange columns
                real = layout >= 0
                lim[real] = wkf[layout[real]]
                pos = np.full(self.m, -1, dtype=np.int64)
                pos[layout[real]] = np.flatnonzero(real)
            seen = [self.seen[i] for i in piece.tolist()]
            lens = np.array([x.size for x in seen])
            cols = np.concatenate(seen) if seen else np.zeros(0, np.int64)
            loc = np.repeat(np.arange(piece.size), lens)
            if layout is not None:
                cols = pos[cols]
            S[loc, cols] = -np.inf
            rej = S < lim[None, :] - gap[piece][:, None].astype(S.dtype)
            S[rej] = -np.inf

        t0 = time.perf_counter()
        # a few hundred rows are worth both cores: smaller blocks, two threads
        two = rows.size * self.m > 2_000_000 and rows.size >= 64 and (os.cpu_count() or 1) > 1
        sc = scan(self.src, rows, step, share=0.0, prepare=prepare, threads=2 if two else 1,
                  max_rows=int(min(256, max(32, -(-rows.size // 4)))))
        if log.isEnabledFor(logging.DEBUG):
            log.debug("stable extend: %d rows, step %d, %.2fs", rows.size, step,
                      time.perf_counter() - t0)
        lens = np.diff(sc.ptr)
        self.res.rewrite(sc.rows, lens, (sc.cols, sc.vals.astype(self.res.cols[1].dtype)))
        self.bound[sc.rows] = sc.bound
        for t, i in enumerate(sc.rows.tolist()):
            self.seen[i] = np.concatenate([self.seen[i], sc.cols[sc.ptr[t]:sc.ptr[t + 1]].astype(np.int64)])
        self.step[rows] = np.minimum(np.maximum(self.step[rows], EXTEND) * 2, 4096)

    def _skip_rejecting(self, F):
        """Advance past pending heads whose mentor would reject (permanently)."""
        pj, ps, pm = self.pend.views()
        while F.size:
            st, en = self.pend.start[F], self.pend.end[F]
            W = 8
            lens = np.minimum(en - st, W)
            idx, owner = segments(st, lens)
            if idx.size == 0:
                return
            rej = self._rejects(F[owner], pj[idx], pm[idx])
            # first non-rejecting position per row
            first = np.full(F.size, W, dtype=np.int64)
            nr = np.flatnonzero(~rej)
            np.minimum.at(first, owner[nr], idx[nr] - st[owner[nr]])
            adv = np.minimum(first, lens)
            self.pend.start[F] = st + adv
            again = (adv == W) & (st + W < en)
            F = F[again]

    def _ready(self, F):
        """Make each free mentee's next proposal provably its best; drop mentees with none left."""
        for _ in range(10_000):
            self._skip_rejecting(F)
            pj, ps, pm = self.pend.views()
            rj, rv = self.res.views()
            st, en = self.pend.start[F], self.pend.end[F]
            has = st < en
            head = np.where(has, ps[np.minimum(st, max(ps.size - 1, 0))] if ps.size else NEG, NEG)
            rs, re = self.res.start[F], self.res.end[F]
            in_res = rs < re
            nxt = np.where(in_res, rv[np.minimum(rs, max(rv.size - 1, 0))] if rv.size else NEG, self.bound[F])
            nxt = np.where(np.isfinite(nxt), nxt + self.margin, nxt)
            safe = has & (head > nxt)
            done = ~has & ~in_res & ~np.isfinite(self.bound[F])
            need = ~safe & ~done
            if not need.any():
                return F[safe]
            rows = F[need]
            from_res = self.res.start[rows] < self.res.end[rows]
            if from_res.any():
                self._score_from_reserve(rows[from_res])
            if (~from_res).any():
                self._extend(rows[~from_res])
        raise RuntimeError("stable matching: list preparation did not converge")  # pragma: no cover

    # -- deferred acceptance ------------------------------------------------------------
    def run(self):
        n, m = self.n, self.m
        # the initial reserve of every row, to know what was seen if a row is extended
        rj, _ = self.res.views()
        self.first_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.res.end - self.res.start, out=self.first_ptr[1:])
        idx, _ = segments(self.res.start, self.res.end - self.res.start)
        self.first_cols = rj[idx].copy()
        free = np.arange(n, dtype=np.int64)
        rounds = proposals = 0
        while free.size:
            free = self._ready(free)
            if free.size == 0:
                break
            rounds += 1
            pj, ps, pm = self.pend.views()
            p = self.pend.start[free]
            j, kk = pj[p], pm[p]
            self.pend.start[free] = p + 1
            proposals += int(free.size)
            free = self._accept(free, j, kk)
        return self.assign, StableInfo(rounds=rounds, proposals=proposals, deepened=self.deepened,
                                       candidates=self._final())

    def _accept(self, pi, pj, pk):
        """Mentors keep their best ``cap`` among held and proposing mentees; return the rejected."""
        A = np.unique(pj)
        lens = self.cnt[A]
        idx, owner = segments(self.seat0[A], lens)
        ai = np.concatenate([self.held_i[idx], pi])
        aj = np.concatenate([A[owner], pj])
        ak = np.concatenate([self.held_k[idx], pk])
        order = np.lexsort((ai, -ak, aj))
        ai, aj, ak = ai[order], aj[order], ak[order]
        first = np.searchsorted(aj, aj, side="left")
        rank = np.arange(aj.size) - first
        kept = rank < self.cap[aj]
        self.held_i[self.seat0[aj[kept]] + rank[kept]] = ai[kept]
        self.held_k[self.seat0[aj[kept]] + rank[kept]] = ak[kept]
        newcnt = np.bincount(aj[kept], minlength=self.m)[A]
        self.cnt[A] = newcnt
        self.assign[ai[kept]] = aj[kept]
        lost = ai[~kept]
        self.assign[lost] = -1
        isfull = newcnt >= self.cap[A]
        wpos = np.maximum(self.seat0[A] + newcnt - 1, 0)
        self.worst_k[A] = np.where(isfull, self.held_k[wpos], np.inf)
        self.worst_i[A] = np.where(isfull, self.held_i[wpos], -1)
        return np.sort(lost)

    def _final(self) -> Candidates:
        n, m = self.n, self.m
        I = np.concatenate([x[0] for x in self.log]) if self.log else np.zeros(0, np.int64)
        J = np.concatenate([x[1] for x in self.log]) if self.log else np.zeros(0, np.int64)
        s = np.concatenate([x[2] for x in self.log]) if self.log else np.zeros(0)
        ms = np.concatenate([x[3] for x in self.log]) if self.log else np.zeros(0)
        rj, rv = self.res.views()
        st, en = self.res.start, self.res.end
        left = np.where(st < en, rv[np.minimum(st, max(rv.size - 1, 0))] if rv.size else NEG, self.bound)
        bound = np.maximum(np.maximum(left, self.bound), self.skipped_ub)
        bound = np.where(np.isfinite(bound), bound + self.margin, bound)
        return Candidates.from_pairs(n, m, I, J, s, ms, bound)
