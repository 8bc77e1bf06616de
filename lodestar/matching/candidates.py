"""Per-mentee candidate lists, the sparse form every solver works on.

A ``Candidates`` object holds, for each mentee, a list of allowed mentors with the
exact mentee-side (and optionally mentor-side) score of each pair, plus a *bound*:
an upper bound on the ranking key of every allowed pair that is **not** listed
(``-inf`` when the list is complete).  Solvers use the bound to prove that pruning
lost nothing, and ask the source to *deepen* a mentee's list when it might have.

Sources:

* ``DenseSource``  - a dense score matrix (NaN = forbidden); bounds are exact.
* ``SparseSource`` - explicit candidate lists (e.g. a scipy sparse matrix); complete.
* ``lodestar.matching.scoring.ScoredSource`` - participants' features, streamed.

The ranking key of a pair is ``(1 - share) * mentee_score + share * mentor_score``
(``share`` = 0 ranks by the mentee side only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEG = -np.inf
# Runs over at least this many mentee x mentor pairs use the compiled kernels (``kernels``):
# numba's start, about 2 s a process, pays off only there.
COMPILED_PAIRS = 50_000_000


@dataclass
class Candidates:
    """CSR-style candidate lists: row ``i`` is ``mentors[indptr[i]:indptr[i+1]]``."""

    n_mentees: int
    n_mentors: int
    indptr: np.ndarray  # int64 (n + 1)
    mentors: np.ndarray  # int64 (nnz)
    scores: np.ndarray  # float64 (nnz), mentee side
    mentor_scores: np.ndarray | None  # float64 (nnz), mentor side
    bound: np.ndarray  # float64 (n); upper bound on the key of unlisted pairs

    @property
    def nnz(self) -> int:
        return int(self.mentors.size)

    def rows(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_mentees, dtype=np.int64), np.diff(self.indptr))

    def key(self, share: float) -> np.ndarray:
        if self.mentor_scores is None or share == 0.0:
            return self.scores
        return (1.0 - share) * self.scores + share * self.mentor_scores

    def complete(self) -> bool:
        return bool(np.all(self.bound == NEG))

    @classmethod
    def from_pairs(cls, n, m, rows, mentors, scores, mentor_scores, bound, share=0.0) -> Candidates:
        """Build lists from unordered pairs; each row sorted by key desc, then mentor asc."""
        rows = np.asarray(rows, dtype=np.int64)
        mentors = np.asarray(mentors, dtype=np.int64)
        scores = np.asarray(scores, dtype=np.float64)
        ms = None if mentor_scores is None else np.asarray(mentor_scores, dtype=np.float64)
        key = scores if (ms is None or share == 0.0) else (1.0 - share) * scores + share * ms
        order = row_order(rows, key, mentors)
        counts = np.bincount(rows, minlength=n) if rows.size else np.zeros(n, dtype=np.int64)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(
            n, m, indptr, mentors[order], scores[order],
            None if ms is None else ms[order], np.asarray(bound, dtype=np.float64),
        )

    def merged(self, rows, mentors, scores, mentor_scores, new_bound_rows, new_bound, share=0.0) -> Candidates:
        """A copy with extra pairs appended and the bounds of ``new_bound_rows`` replaced."""
        bound = self.bound.copy()
        bound[np.asarray(new_bound_rows, dtype=np.int64)] = new_bound
        ms = None
        if self.mentor_scores is not None:
            ms = np.concatenate([self.mentor_scores, mentor_scores])
        return Candidates.from_pairs(
            self.n_mentees, self.n_mentors,
            np.concatenate([self.rows(), np.asarray(rows, dtype=np.int64)]),
            np.concatenate([self.mentors, np.asarray(mentors, dtype=np.int64)]),
            np.concatenate([self.scores, scores]), ms, bound, share,
        )


def row_order(rows: np.ndarray, key: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Permutation sorting by (row asc, key desc, col asc), exactly.

    One unstable sort on a combined float key, then an exact re-sort of the few runs
    of (near-)ties that the combined key cannot separate.  Much faster than lexsort.
    """
    if rows.size < 50_000:
        return np.lexsort((cols, -key, rows))
    lo, hi = float(key.min()), float(key.max())
    span = hi - lo if hi > lo else 1.0
    comb = rows.astype(np.float64) * 2.0 + (hi - key) / span
    order = np.argsort(comb)
    r, k = rows[order], key[order]
    near = (r[1:] == r[:-1]) & ((k[:-1] - k[1:]) <= 1e-9 * span)
    if near.any():
        inv = np.zeros(order.size, dtype=bool)
        inv[:-1] |= near
        inv[1:] |= near
        pos = np.flatnonzero(inv)
        sub = order[pos]
        order[pos] = sub[np.lexsort((cols[sub], -key[sub], rows[sub]))]
    return order


def segments(starts, lens):
    """Flat indices of the segments ``[starts[t], starts[t] + lens[t])`` and their owner ``t``."""
    lens = np.asarray(lens, dtype=np.int64)
    tot = int(lens.sum())
    owner = np.repeat(np.arange(lens.size), lens)
    idx = np.repeat(np.asarray(starts, dtype=np.int64) - np.cumsum(lens) + lens, lens) + np.arange(tot)
    return idx, owner


class Store:
    """Per-row segments of a flat, growable table; rewriting a row appends a fresh segment."""

    def __init__(self, n, dtypes):
        self.start = np.zeros(n, dtype=np.int64)
        self.end = np.zeros(n, dtype=np.int64)
        self.cols = [np.zeros(1024, dtype=d) for d in dtypes]
        self.size = 0
        self.live = 0

    def views(self):
        return [c[: self.size] for c in self.cols]

    def rewrite(self, rows, lens, parts):
        """Give each of ``rows`` (unique) the new contents ``parts`` (grouped by row, in order)."""
        add = int(np.sum(lens))
        self.live += add - int(np.sum(self.end[rows] - self.start[rows]))
        if self.size + add > self.cols[0].size:
            if self.live <= self.cols[0].size // 2:  # mostly garbage: compact
                idx, owner = segments(self.start, self.end - self.start)
                for t, c in enumerate(self.cols):
                    c[:idx.size] = c[idx]
                new_start = np.zeros_like(self.start)
                np.cumsum((self.end - self.start)[:-1], out=new_start[1:])
                self.end = new_start + (self.end - self.start)
                self.start = new_start
                self.size = idx.size
            if self.size + add > self.cols[0].size:
                cap = max(2 * self.cols[0].size, self.size + add)
                for t, c in enumerate(self.cols):
                    new = np.empty(cap, dtype=c.dtype)
                    new[: self.size] = c[: self.size]
                    self.cols[t] = new
        for c, p in zip(self.cols, parts):
            c[self.size: self.size + add] = p
        offs = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(np.asarray(lens)[:-1], out=offs[1:])
        self.start[rows] = self.size + offs
        self.end[rows] = self.start[rows] + lens
        self.size += add


# ---------------------------------------------------------------------------
# Top-k selection on a block of rows
# ---------------------------------------------------------------------------

_BLOCK = 32


def select_top(S: np.ndarray, k: int, floor: float = NEG, block_max: np.ndarray | None = None):
    """Per-row top-``k`` of ``S`` among entries ``> floor``.

    Returns ``(rows, cols, vals, bound)``: the kept entries grouped by row, each row
    in descending value order (ties by ascending column), and ``bound[r]``, the
    (k+1)-th largest value of row ``r`` above ``floor`` (``-inf`` if the row has at
    most ``k`` such values, i.e. the kept list is complete).

    Large rows use block maxima to find a threshold instead of a full partition: the
    maximum of each block of ``_BLOCK`` columns (columns ``b, b + nb, b + 2 nb, ...``),
    the (k+1)-th largest of those, then only the blocks reaching it are looked at.
    ``block_max`` may pass those maxima when the caller has them already.
    """
    R, m = S.shape
    k = max(int(k), 1)
    if R == 0 or m == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0, dtype=S.dtype), np.full(R, NEG)
    nb = m // _BLOCK
    if nb >= 2 * (k + 1):
        body = S[:, : nb * _BLOCK]
        if not body.flags.c_contiguous:
            body = np.ascontiguousarray(body)
        V = body.reshape(R, _BLOCK, nb)
        bm = V.max(axis=1) if block_max is None or block_max.shape != (R, nb) else block_max
        thr = np.partition(bm, nb - (k + 1), axis=1)[:, nb - (k + 1)]
        # The (k+1)-th largest block maximum: at least k+1 entries reach it, and every
        # entry below it is below all collected ones.
        lo = np.nextafter(S.dtype.type(floor), S.dtype.type(np.inf)) if np.isfinite(floor) else -np.finfo(S.dtype).max
        thr = np.maximum(thr, lo)
        r, b = np.nonzero(bm >= thr[:, None])
        vals = V[r, :, b]
        keep = vals >= thr[r][:, None]
        c = (b[:, None] + nb * np.arange(_BLOCK))[keep]
        v = vals[keep]
        r = np.broadcast_to(r[:, None], vals.shape)[keep]
        if nb * _BLOCK < m:  # columns past the last whole block
            tail = S[:, nb * _BLOCK:]
            tr, tc = np.nonzero(tail >= thr[:, None])
            r = np.concatenate([r, tr])
            c = np.concatenate([c, tc + nb * _BLOCK])
            v = np.concatenate([v, tail[tr, tc]])
    else:
        kk = min(k + 1, m)
        part = np.argpartition(S, m - kk, axis=1)[:, m - kk:]
        v = np.take_along_axis(S, part, axis=1).reshape(-1)
        r = np.repeat(np.arange(R, dtype=np.int64), kk)
        c = part.reshape(-1).astype(np.int64)
        keep = v > floor
        r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    counts = np.bincount(r, minlength=R)
    starts = np.zeros(R, dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    rank = np.arange(r.size, dtype=np.int64) - starts[r]
    bound = np.full(R, NEG)
    at_k = rank == k
    bound[r[at_k]] = v[at_k]
    keep = rank < k
    return r[keep], c[keep], v[keep], bound


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


class RowSource:
    """A source that can produce upper-bound key rows and exact pair scores.

    Subclasses implement ``ub_rows(rows, share)`` (a ``len(rows) x n_mentors`` array
    whose entries ``<= floor`` are forbidden) and ``exact(I, J)`` (mentee-side and
    mentor-side scores of given pairs, NaN when forbidden).
    """

    n_mentees: int
    n_mentors: int
    has_mentor_scores: bool = False
    floor: float = NEG
    margin: float = 0.0
    chunk_rows: int = 256

    def ub_rows(self, rows: np.ndarray, share: float) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    # -- the block interface of ``stream.scan`` (generic: whole rows from ``ub_rows``) --------
    def blocks(self, rows: np.ndarray, share: float, max_rows: int) -> list[np.ndarray]:
        step = max(1, min(max_rows, self.chunk_rows))
        return [rows[a:a + step] for a in range(0, rows.size, step)]

    def workspace(self, share: float, max_rows: int, layout):
        return _Arranged(self.n_mentors, layout)

    def block(self, rows: np.ndarray, share: float, ws) -> np.ndarray:
        return ws.arrange(np.asarray(self.ub_rows(rows, share)))

    def exact(self, I: np.ndarray, J: np.ndarray):  # pragma: no cover
        raise NotImplementedError

    def _listed(self, I, J, k, share):
        """Exact scores of streamed pairs; forbidden ones (NaN) dropped."""
        s, ms = self.exact(I, J)
        ok = ~np.isnan(s) if ms is None else ~(np.isnan(s) | np.isnan(ms))
        return I[ok], J[ok], s[ok], None if ms is None else ms[ok]

    def initial(self, k: int, share: float = 0.0) -> Candidates:
        """Each mentee's best ``k`` mentors by upper bound, scored exactly (see ``stream.scan``)."""
        from .stream import scan

        n, m = self.n_mentees, self.n_mentors
        sc = scan(self, np.arange(n), k, share=share)
        I = np.repeat(sc.rows, np.diff(sc.ptr))
        I, J, s, ms = self._listed(I, sc.cols.astype(np.int64), k, share)
        return Candidates.from_pairs(n, m, I, J, s, ms, sc.bound, share)

    def deepen(self, rows, listed: Candidates, k: int, share: float = 0.0, prices=None):
        """Next ``k`` candidates (by upper bound minus ``prices``) of ``rows`` beyond ``listed``.

        Returns ``(I, J, s, ms, bound)``, ``bound`` aligned with ``np.unique(rows)``.
        """
        from .stream import scan

        rows = np.unique(np.asarray(rows, dtype=np.int64))
        lens = listed.indptr[rows + 1] - listed.indptr[rows]
        sc = scan(self, rows, k + int(lens.max(initial=0)), share=share, prices=prices)
        owner = np.repeat(np.arange(rows.size), np.diff(sc.ptr))
        I, J = rows[owner], sc.cols.astype(np.int64)
        codes = listed.rows() * self.n_mentors + listed.mentors
        codes.sort()
        mine = I * self.n_mentors + J
        pos = np.minimum(np.searchsorted(codes, mine), max(codes.size - 1, 0))
        new = ~(codes[pos] == mine) if codes.size else np.ones(I.size, dtype=bool)
        rank = np.cumsum(new) - 1
        first = np.r_[0, np.cumsum(np.bincount(owner[new], minlength=rows.size))[:-1]]
        over = new & (rank - first[owner] >= k)  # new but beyond k: they bound the rest
        bound = sc.bound.copy()
        if over.any():
            top = np.full(rows.size, NEG)
            np.maximum.at(top, owner[over], sc.vals[over].astype(np.float64) + getattr(self, "margin", 0.0))
            bound = np.maximum(bound, top)
        new &= ~over
        I, J, s, ms = self._listed(I[new], J[new], k, share)
        return I, J, s, ms, bound


class _Arranged:
    """Rows of upper bounds laid out for ``stream.scan``: padded to whole blocks, minus prices."""

    def __init__(self, m: int, layout):
        w = (m // _BLOCK + 1) * _BLOCK
        self.layout = None if layout is None else np.asarray(layout, dtype=np.int64)
        lay = np.r_[np.arange(m), np.full(w - m, -1)] if layout is None else self.layout
        self.real = np.flatnonzero(lay >= 0)
        self.src = lay[self.real]
        self.w = w
        self.price = None

    def set_prices(self, prices):
        self.price = None if prices is None else np.asarray(prices, dtype=np.float64)[self.src]

    def arrange(self, U: np.ndarray) -> np.ndarray:
        S = np.full((U.shape[0], self.w), NEG, dtype=U.dtype)
        S[:, self.real] = U[:, self.src] if self.price is None else U[:, self.src] - self.price
        return S


def _assemble(n, m, parts, bound, share, has_ms) -> Candidates:
    I = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    J = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    s = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
    ms = (np.concatenate([p[3] for p in parts]) if parts else np.zeros(0)) if has_ms else None
    return Candidates.from_pairs(n, m, I, J, s, ms, bound, share)


class DenseSource(RowSource):
    """Scores given as dense ``(n, m)`` arrays; NaN marks a forbidden pair."""

    def __init__(self, scores: np.ndarray, mentor_scores: np.ndarray | None, active: np.ndarray):
        self.scores = scores
        self.mentor_scores = mentor_scores
        self.n_mentees, self.n_mentors = scores.shape
        self.has_mentor_scores = mentor_scores is not None
        self.active = active
        self.chunk_rows = max(1, min(4096, (1 << 21) // max(1, self.n_mentors)))

    def mentor_gap(self, rows):
        """Per row, an upper bound on mentor-side minus mentee-side score."""
        if self.mentor_scores is None:
            return np.zeros(len(rows))
        d = self.mentor_scores[rows] - self.scores[rows]
        d[np.isnan(d)] = -np.inf
        return np.maximum(d.max(axis=1, initial=-np.inf), 0.0)

    def ub_rows(self, rows, share):
        s = self.scores[rows]
        if self.mentor_scores is not None and share:
            key = (1.0 - share) * s + share * self.mentor_scores[rows]
        else:
            key = s.copy()
            if self.mentor_scores is not None:
                key[np.isnan(self.mentor_scores[rows])] = np.nan
        key[np.isnan(key)] = NEG
        key[:, ~self.active] = NEG
        return key

    def exact(self, I, J):
        s = self.scores[I, J].astype(np.float64)
        ms = None if self.mentor_scores is None else self.mentor_scores[I, J].astype(np.float64)
        return s, ms

    def full(self, share: float = 0.0) -> Candidates:
        """Complete lists (every allowed pair)."""
        n, m = self.n_mentees, self.n_mentors
        parts = []
        for r0 in range(0, n, self.chunk_rows):
            rows = np.arange(r0, min(n, r0 + self.chunk_rows), dtype=np.int64)
            U = self.ub_rows(rows, share)
            r, c = np.nonzero(U > NEG)
            I = rows[r]
            s, ms = self.exact(I, c)
            parts.append((I, c.astype(np.int64), s, ms))
        return _assemble(n, m, parts, np.full(n, NEG), share, self.has_mentor_scores)


class SparseSource:
    """Explicit candidate lists: listed pairs are the only allowed ones."""

    has_mentor_scores: bool

    def __init__(self, cands: Candidates):
        self.cands = cands
        self.n_mentees, self.n_mentors = cands.n_mentees, cands.n_mentors
        self.has_mentor_scores = cands.mentor_scores is not None

    def initial(self, k: int, share: float = 0.0) -> Candidates:
        c = self.cands
        return Candidates.from_pairs(c.n_mentees, c.n_mentors, c.rows(), c.mentors, c.scores,
                                     c.mentor_scores, c.bound, share)

    def full(self, share: float = 0.0) -> Candidates:
        return self.initial(0, share)

    def deepen(self, rows, listed, k, share=0.0, prices=None):
        rows = np.asarray(rows, dtype=np.int64)
        z = np.zeros(0, np.int64)
        return z, z, np.zeros(0), (np.zeros(0) if self.has_mentor_scores else None), np.full(rows.size, NEG)
