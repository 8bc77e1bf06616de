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
            else:
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


def _flat_true(mask: np.ndarray) -> np.ndarray:
    """Flat indices of True entries; scans 8 booleans per machine word."""
    flat = mask.reshape(-1)
    n8 = flat.size // 8
    out = []
    if n8:
        body = flat[: n8 * 8]
        words = np.flatnonzero(body.view(np.uint64))
        if words.size:
            a, b = np.nonzero(body.reshape(-1, 8)[words])
            out.append(words[a] * 8 + b)
    tail = np.flatnonzero(flat[n8 * 8:])
    if tail.size:
        out.append(tail + n8 * 8)
    if not out:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(out) if len(out) > 1 else out[0]


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
    if nb >= 4 * (k + 1):
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

    def _collect(self, rows, U, k, share):
        r, c, _, b = select_top(U, k, self.floor)
        I = rows[r]
        s, ms = self.exact(I, c)
        ok = ~np.isnan(s)
        if ms is not None:
            ok &= ~np.isnan(ms)
        if not ok.all():
            self._remember_dropped(I[~ok], c[~ok])
        bound = np.where(np.isfinite(b), b + self.margin, b)
        return I[ok], c[ok], s[ok], None if ms is None else ms[ok], bound

    threads = 1
    reserve_factor = 3  # initial pass keeps this many times k upper-bound candidates per row
    full_budget = 300_000_000  # deepen by a fresh pass (tight, price-aware) up to this many pairs

    def initial(self, k: int, share: float = 0.0) -> Candidates:
        """Top-``k`` exact lists; the next ``(reserve_factor - 1) * k`` by upper bound are
        kept in reserve so that most deepening needs no new pass over the mentors."""
        n, m = self.n_mentees, self.n_mentors
        kr = max(k, k * self.reserve_factor)
        parts, res = [], []
        bound = np.full(n, NEG)
        self.res_bound = np.full(n, NEG)
        def one(r0):
            rows = np.arange(r0, min(n, r0 + self.chunk_rows), dtype=np.int64)
            U = self.ub_rows(rows, share)
            r, c, v, b = select_top(U, kr, self.floor)
            del U
            starts = np.searchsorted(r, np.arange(rows.size))
            rank = np.arange(r.size) - starts[r]
            head = rank < k
            I, J = rows[r[head]], c[head]
            s, ms = self.exact(I, J)
            ok = ~np.isnan(s)
            if ms is not None:
                ok &= ~np.isnan(ms)
            tail = ~head
            first_tail = tail & (rank == k)
            bb = np.where(np.isfinite(b), b + self.margin, b)
            return (rows, (I[ok], J[ok], s[ok], None if ms is None else ms[ok]),
                    (rows[r[tail]], c[tail], v[tail].astype(np.float64)), bb,
                    rows[r[first_tail]], v[first_tail] + self.margin)

        starts0 = range(0, n, self.chunk_rows)
        if self.threads > 1 and n > 4 * self.chunk_rows:
            # numpy and BLAS release the GIL: two workers overlap the element-wise passes
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads) as ex:
                results = list(ex.map(one, starts0))
        else:
            results = [one(r0) for r0 in starts0]
        for rows, part, rs, bb, frow, fval in results:
            parts.append(part)
            res.append(rs)
            self.res_bound[rows] = bb
            bound[rows] = bb
            bound[frow] = fval
        RI = np.concatenate([x[0] for x in res]) if res else np.zeros(0, np.int64)
        self.res_cols = np.concatenate([x[1] for x in res]) if res else np.zeros(0, np.int64)
        self.res_ub = np.concatenate([x[2] for x in res]) if res else np.zeros(0)
        self.res_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(RI, minlength=n), out=self.res_ptr[1:])
        self.res_used = np.zeros(self.res_cols.size, dtype=bool)
        self.res_taken = np.zeros(n, dtype=np.int64)
        return _assemble(n, m, parts, bound, share, self.has_mentor_scores)

    def _from_reserve(self, rows, k, prices):
        """Deepen rows from their reserve: best ``k`` by upper bound minus price."""
        lens = self.res_ptr[rows + 1] - self.res_ptr[rows]
        idx = np.repeat(self.res_ptr[rows] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        loc = np.repeat(np.arange(rows.size), lens)
        live = ~self.res_used[idx]
        idx, loc = idx[live], loc[live]
        p_min = 0.0
        red = self.res_ub[idx].copy()
        if prices is not None:
            red -= prices[self.res_cols[idx]]
            p_min = float(prices.min()) if prices.size else 0.0
        order = np.lexsort((self.res_cols[idx], -red, loc))
        idx, loc, red = idx[order], loc[order], red[order]
        first = np.searchsorted(loc, np.arange(rows.size))
        rank = np.arange(loc.size) - first[loc]
        take = rank < k
        self.res_used[idx[take]] = True
        np.add.at(self.res_taken, rows[loc[take]], 1)
        bound = self.res_bound[rows] - p_min
        nxt = rank == k
        bound[loc[nxt]] = np.maximum(bound[loc[nxt]], red[nxt])
        I, J = rows[loc[take]], self.res_cols[idx[take]]
        s, ms = self.exact(I, J)
        ok = ~np.isnan(s)
        if ms is not None:
            ok &= ~np.isnan(ms)
        if not ok.all():
            self._remember_dropped(I[~ok], J[~ok])
        return I[ok], J[ok], s[ok], None if ms is None else ms[ok], bound

    def _remember_dropped(self, I, J):
        """Pairs whose exact check failed: never select them again when deepening."""
        codes = I.astype(np.int64) * self.n_mentors + J
        old = getattr(self, "_drop_codes", None)
        self._drop_codes = np.union1d(old, codes) if old is not None else np.unique(codes)

    def _dropped_for(self, rr):
        codes = getattr(self, "_drop_codes", None)
        if codes is None or codes.size == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        lo = np.searchsorted(codes, rr * self.n_mentors)
        hi = np.searchsorted(codes, (rr + 1) * self.n_mentors)
        lens = hi - lo
        idx = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        return np.repeat(np.arange(rr.size), lens), codes[idx] % self.n_mentors

    def deepen(self, rows, listed: Candidates, k: int, share: float = 0.0, prices=None):
        """Next ``k`` candidates of each of ``rows`` beyond those in ``listed``.

        With ``prices`` (one per mentor), candidates are ranked by key minus price and
        the returned bound holds for key minus price.  Rows with a non-empty reserve
        are served from it; the others get a fresh pass over all mentors.  Returns
        ``(I, J, s, ms, bound)`` with ``bound`` aligned to ``np.unique(rows)``.
        """
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        bound = np.full(rows.size, NEG)
        outs = []
        if getattr(self, "res_ptr", None) is not None:
            left = self.res_ptr[rows + 1] - self.res_ptr[rows] - self.res_taken[rows]
            from_res = left > 0
            if prices is not None and rows.size * self.n_mentors <= self.full_budget:
                from_res[:] = False  # affordable: exact prices on every mentor
        else:
            from_res = np.zeros(rows.size, dtype=bool)
        if from_res.any():
            I, J, s, ms, b = self._from_reserve(rows[from_res], k, prices)
            outs.append((I, J, s, ms))
            bound[from_res] = b
        full = np.flatnonzero(~from_res)
        for a in range(0, full.size, self.chunk_rows):
            sel = full[a: a + self.chunk_rows]
            rr = rows[sel]
            U = self.ub_rows(rr, share)
            if not U.flags.writeable:
                U = U.copy()
            if prices is not None:
                bad = U <= self.floor
                U -= prices[None, :].astype(U.dtype)
                U[bad] = NEG
            starts, ends = listed.indptr[rr], listed.indptr[rr + 1]
            lens = ends - starts
            if lens.sum():
                loc = np.repeat(np.arange(rr.size), lens)
                idx = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
                U[loc, listed.mentors[idx]] = NEG
            dloc, dcol = self._dropped_for(rr)
            if dloc.size:
                U[dloc, dcol] = NEG
            # a fresh pass is costly: take a few times more candidates while at it
            I, J, s, ms, b = self._collect(rr, U, k * self.reserve_factor, share)
            outs.append((I, J, s, ms))
            bound[sel] = b
        I = np.concatenate([o[0] for o in outs]) if outs else np.zeros(0, np.int64)
        J = np.concatenate([o[1] for o in outs]) if outs else np.zeros(0, np.int64)
        s = np.concatenate([o[2] for o in outs]) if outs else np.zeros(0)
        ms = None
        if self.has_mentor_scores:
            ms = np.concatenate([o[3] for o in outs]) if outs else np.zeros(0)
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
