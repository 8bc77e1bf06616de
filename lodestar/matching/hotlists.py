"""Pair-by-pair checks against hot mentors, kept from round to round (see ``optimal``).

A row's check over a set of mentors comes from ``pr._hot_scan(rows, mentors, v)``: each row's
best few of those mentors with upper bounds of their scaled weights, and a bound on
``w - v`` for the rest of them at prices ``v``.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger("lodestar.matching.optimal")


class HotLists:
    """Pair-by-pair checks of one pass's rows against its hot mentors, kept across rounds.

    The hot mentors come in parts (those of the first round, then each round's newcomers).
    Per part and row: the row's best few mentors of the part, with upper bounds of their
    (scaled) weights, which do not depend on prices, and a bound on ``w - v`` for the part's
    other mentors at the prices of the round the row was looked at.  At later prices that
    bound grows by at most the part's largest price drop since then; a row whose bound then
    fails is looked at again over that part, and rows never looked at are scanned.
    """

    def __init__(self, n: int, width: int):
        self.n, self.width = n, width
        self.mentors = np.zeros(0, dtype=np.int64)
        self.parts = []

    def cover(self, hot):
        """Take in ``hot``; returns every hot mentor so far."""
        new = np.setdiff1d(hot, self.mentors)
        if new.size:
            self.parts.append(_Part(new, self.n, self.width))
            self.mentors = np.union1d(self.mentors, new)
        return self.mentors

    def check(self, pr, rows, u, v):
        """Hot entries ``(L, J, need)`` of ``rows`` and each row's bound for the rest, at ``v``."""
        out = [part.check(pr, rows, u, v) for part in self.parts]
        rest = np.max(np.stack([o[3] for o in out]), axis=0)
        return tuple(np.concatenate([o[t] for o in out]) for t in range(3)) + (rest,)


class _Part:
    def __init__(self, mentors, n, width):
        self.mentors = mentors
        self.cols = np.full((n, width), -1, dtype=np.int64)
        self.w = np.zeros((n, width), dtype=np.int64)
        self.rest = np.zeros(n, dtype=np.int64)
        self.snap = np.full(n, -1, dtype=np.int64)  # index into ``prices``; -1 = not looked at
        self.prices = []

    def check(self, pr, rows, u, v):
        low = np.iinfo(np.int64).min // 4
        snap = self.snap[rows]
        extra = np.array([max(0, int(np.max(p[self.mentors] - v[self.mentors]))) for p in self.prices]
                         + [0], dtype=np.int64)
        rest = np.where(snap >= 0, self.rest[rows] + extra[snap], low)
        again = rows[(snap < 0) | (rest > u[rows])]
        if log.isEnabledFor(logging.DEBUG):
            log.debug("hot part of %d mentors: %d rows, %d new, %d again", self.mentors.size, rows.size,
                      int((snap < 0).sum()), again.size)
        if again.size:
            L, own, hj, hw, bound = pr._hot_scan(again, self.mentors, v)
            self.prices.append(v.copy())
            self.snap[again] = len(self.prices) - 1
            self.rest[again] = low
            self.rest[L] = bound
            self.cols[again] = -1
            slot = np.arange(own.size) - np.searchsorted(own, own)
            self.cols[own, slot] = hj
            self.w[own, slot] = hw
            rest[np.searchsorted(rows, again)] = self.rest[again]
        c = self.cols[rows]
        ok = c >= 0
        L = np.broadcast_to(rows[:, None], c.shape)[ok]
        J = c[ok]
        return L, J, self.w[rows][ok] - v[J], rest
