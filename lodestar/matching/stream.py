"""Streamed passes over all mentors: per-mentee top lists by upper bound (minus prices).

A pass computes, block of mentees by block of mentees, the upper-bound key of every
pair (``U``, one matrix product, see ``bilinear``), optionally minus a price per mentor,
and keeps per mentee only

* the ``k`` best mentors by that value (``cols``, ``vals``), best first;
* ``bound``: an upper bound (plus the source's rounding margin) on the value of every
  mentor not kept, ``-inf`` when the list holds every allowed mentor;
* optionally ``cmax``: per *class* of mentors, the maximum value over the class.  With
  mentors grouped into classes of similar price, ``cmax`` bounds ``U - p'`` for other
  prices ``p'`` too (see ``optimal``), without another pass.

Memory is O(rows x k); blocks run on two threads (numpy and BLAS release the GIL; each
thread gets its own buffers and a single BLAS thread).
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .candidates import COMPILED_PAIRS, NEG, select_top

LANES = 32  # mentors of one block (see ``candidates.select_top``)



@dataclass
class Scan:
    rows: np.ndarray  # int64 (R,), ascending
    ptr: np.ndarray  # int64 (R + 1,)
    cols: np.ndarray  # int32 mentors, each row best first
    vals: np.ndarray  # value (key upper bound minus price): float32 from streamed scores
    bound: np.ndarray  # float64 (R,)
    cmax: np.ndarray | None = None  # float32 (R, C)
    mentor_class: np.ndarray | None = None  # int64 (m,)
    prices: np.ndarray | None = None
    col_pairs: tuple | None = None  # (rows, mentors, values): each mentor's best rows (col_top)

    def take(self, i: int):
        a, b = self.ptr[i], self.ptr[i + 1]
        return self.cols[a:b], self.vals[a:b]


def threads_for(pairs: int) -> int:
    return 2 if pairs > 20_000_000 and (os.cpu_count() or 1) > 1 else 1


_BLAS = None


def _blas_local_threads(n: int) -> None:
    """Give the calling thread ``n`` BLAS threads (OpenBLAS >= 0.3.27), if that can be done."""
    global _BLAS
    if _BLAS is None:
        _BLAS = False
        try:
            base = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
            for path in glob.glob(os.path.join(base, "libscipy_openblas*.so*")):
                lib = ctypes.CDLL(path)
                if hasattr(lib, "openblas_set_num_threads_local"):
                    _BLAS = lib.openblas_set_num_threads_local
                    break
        except OSError:  # pragma: no cover
            _BLAS = False
    if _BLAS:
        _BLAS(ctypes.c_int(n))


def class_layout(m: int, order: np.ndarray | None, n_classes: int):
    """Column layout putting mentors ``order[s]`` into block ``s // LANES`` (interleaved lanes).

    ``order`` may list only some mentors: the pass then covers only those.  Returns
    ``(layout, mentor_class, block_starts)``: the mentor of each column (-1 = padding), each
    mentor's class (-1 if not covered) and the first block of each class (for reduceat).
    """
    order = np.arange(m, dtype=np.int64) if order is None else np.asarray(order, dtype=np.int64)
    k = order.size
    nb = k // LANES + 1
    w = nb * LANES
    s = np.arange(k)
    layout = np.full(w, -1, dtype=np.int64)
    layout[(s % LANES) * nb + s // LANES] = order
    C = max(1, min(int(n_classes), nb))
    per = -(-nb // C)
    starts = np.arange(0, nb, per)
    mentor_class = np.full(m, -1, dtype=np.int64)
    mentor_class[order] = (s // LANES) // per
    return layout, mentor_class, starts


def scan(source, rows, k: int, *, share: float = 0.0, prices=None, order=None, n_classes: int = 0,
         threads: int | None = None, max_rows: int = 256, prepare=None, col_top: int = 0) -> Scan:
    """One pass over all mentors for ``rows`` (see the module doc).

    ``prepare(piece, S, layout)``, if given, may lower entries of a block in place before
    the selection (e.g. to -inf for mentors that must not be listed again).  ``col_top``
    also keeps each mentor's best ``col_top`` rows (``Scan.col_pairs``).
    """
    rows = np.unique(np.asarray(rows, dtype=np.int64))
    m = source.n_mentors
    k = max(1, int(k))
    classes = n_classes > 0
    layout, mclass, starts = class_layout(m, order, n_classes if classes else 1)
    if order is None and not classes:
        layout = None
    price32 = None if prices is None else np.asarray(prices, dtype=np.float32)
    margin = float(getattr(source, "margin", 0.0))
    floor = float(source.floor)
    if prices is not None and np.size(prices):
        # allowed pairs have keys >= 0 > floor: keep all of them above the shifted floor
        floor -= max(0.0, float(np.max(prices)))
    blocks = source.blocks(rows, share, max_rows)
    compiled = rows.size * (m if order is None else len(order)) >= COMPILED_PAIRS
    kernels = None
    if compiled:
        from . import kernels
    if threads is None:
        threads = threads_for(rows.size * m)
    local = threading.local()

    def one(piece):
        ws = getattr(local, "ws", None)
        if ws is None:
            if threads > 1:
                _blas_local_threads(1)
            ws = local.ws = source.workspace(share, max_rows, layout)
            ws.set_prices(price32)
            if col_top:
                local.cols = _ColTop(col_top, floor, compiled)
                tops.append(local.cols)
        S = source.block(piece, share, ws)
        if prepare is not None:
            prepare(piece, S, ws.layout)
        if col_top:
            local.cols.add(piece, S)
        if compiled:
            r, c, v, b, cm = kernels.rows_top(S, k, floor, starts if classes else None)
        else:
            R, w = S.shape
            bm = S.reshape(R, LANES, w // LANES).max(axis=1)
            r, c, v, b = select_top(S, k, floor, block_max=bm)
            cm = np.maximum.reduceat(bm, starts, axis=1) if classes else None
        c = c if ws.layout is None else ws.layout[c]
        return piece, r, c.astype(np.int32), v, b, cm

    pieces = list(blocks)
    tops = []
    if threads > 1 and len(pieces) > 2:
        with ThreadPoolExecutor(threads) as ex:
            results = list(ex.map(one, pieces))
    else:
        results = [one(p) for p in pieces]
    R = rows.size
    pos = np.empty(0, np.int64)
    counts = np.zeros(R, dtype=np.int64)
    bound = np.full(R, NEG)
    cmax = np.full((R, starts.size), NEG, dtype=np.float32) if classes else None
    where = np.searchsorted(rows, np.concatenate([p for p, *_ in results]) if results else pos)
    at = 0
    for piece, r, c, v, b, cm in results:
        loc = where[at:at + piece.size]
        at += piece.size
        counts[loc] = np.bincount(r, minlength=piece.size)
        bound[loc] = np.where(np.isfinite(b), b + margin, b)
        if classes:
            cmax[loc] = cm
    ptr = np.zeros(R + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    cols = np.empty(int(ptr[-1]), dtype=np.int32)
    vals = np.empty(int(ptr[-1]), dtype=results[0][3].dtype if results else np.float32)
    at = 0
    for piece, r, c, v, b, cm in results:
        loc = where[at:at + piece.size]
        at += piece.size
        dst = ptr[loc][r] + (np.arange(r.size) - np.searchsorted(r, r))
        cols[dst] = c
        vals[dst] = v
    out = Scan(rows, ptr, cols, vals, bound, cmax, mclass if classes else None,
               None if prices is None else np.asarray(prices, dtype=np.float64))
    if col_top:
        lay = layout if layout is not None else np.r_[np.arange(m), np.full(LANES, -1)]
        out.col_pairs = _ColTop.merge(tops, col_top, lay)
    return out


class _ColTop:
    """Per column (mentor), the best row of each of its ``t`` best blocks of one thread.

    That is each mentor's best row exactly, and a good spread of its next best ones: used
    to give every mentor candidates, so it need not be exact.  Costs one column maximum
    per block.
    """

    def __init__(self, t: int, floor: float, compiled: bool = False):
        self.t, self.floor, self.compiled = t, floor, compiled
        self.best = None

    def add(self, piece, S):
        if self.best is None:
            self.best = np.full((self.t, S.shape[1]), -np.inf, dtype=np.float64)
            self.rows = np.full((self.t, S.shape[1]), -1, dtype=np.int64)
            self.tau = np.full(S.shape[1], -np.inf)
        if self.compiled:
            from .kernels import col_best

            col_best(S, piece, self.floor, self.best, self.rows, self.tau)
            return
        top = S.max(axis=0)
        cols = np.flatnonzero((top > self.tau) & (top > self.floor))
        if cols.size == 0:
            return
        r = S[:, cols].argmax(axis=0)
        slot = self.best[:, cols].argmin(axis=0)
        self.best[slot, cols] = top[cols]
        self.rows[slot, cols] = piece[r]
        self.tau[cols] = self.best[:, cols].min(axis=0)

    @property
    def parts(self):
        if self.best is None:
            return []
        ok = self.rows >= 0
        c = np.broadcast_to(np.arange(self.best.shape[1]), self.best.shape)
        return [(self.rows[ok], c[ok], self.best[ok])]

    @staticmethod
    def merge(tops, t, layout):
        parts = [p for top in tops for p in top.parts]
        if not parts:
            z = np.zeros(0, np.int64)
            return z, z, np.zeros(0)
        r, c, v = (np.concatenate([p[i] for p in parts]) for i in range(3))
        r, c, v = _top_per(c, r, v, t)
        j = layout[c]
        ok = j >= 0
        return r[ok], j[ok], v[ok]


def _top_per(c, r, v, t):
    """Entries grouped by ``c``: the ``t`` largest ``v`` of each group (ties: lower ``r``)."""
    o = np.lexsort((r, -v, c))
    c, r, v = c[o], r[o], v[o]
    first = np.searchsorted(c, c)
    keep = np.arange(c.size) - first < t
    return r[keep], c[keep], v[keep]
