"""Compiled kernels of a streamed pass: one sweep of a block of upper bounds, per row.

A pass (``stream.scan``) computes a block of upper-bound keys ``S`` (rows x columns,
columns padded to whole blocks of ``LANES``) and needs from it, per row, the best ``k``
columns, the next value (the bound on everything not kept) and the maximum per class of
columns; on its first pass also, per column, its best rows.  In numpy those are half a dozen
sweeps of a block that does not fit in cache (reshape and maximum, partition, fancy indexing,
sort), a quarter of a pass's time; here they are one sweep each, compiled with numba (the
GIL released, so the two threads of a pass run side by side).

Semantics are those of ``candidates.select_top``: entries ``> floor`` only, best first, ties by
ascending column, and the bound is the ``(k+1)``-th largest value (``-inf`` when the row has
at most ``k`` such entries).  Column ``c`` lies in block ``c % nb`` (``nb = width / LANES``),
the interleaved layout of ``stream.class_layout``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .stream import LANES


@njit(cache=True, nogil=True)
def _rows_top(S, R, k, lo, starts, out_c, out_v, counts, bound, cmax):  # pragma: no cover - compiled
    w = S.shape[1]
    nb = w // LANES
    C = starts.size
    bm = np.empty(nb, dtype=S.dtype)
    tv = np.empty(k + 1, dtype=S.dtype)
    tc = np.empty(k + 1, dtype=np.int64)
    for r in range(R):
        row = S[r]
        for b in range(nb):
            bm[b] = row[b]
        for lane in range(1, LANES):
            base = lane * nb
            for b in range(nb):
                x = row[base + b]
                if x > bm[b]:
                    bm[b] = x
        for c in range(C):
            a = starts[c]
            e = starts[c + 1] if c + 1 < C else nb
            mx = bm[a]
            for b in range(a + 1, e):
                if bm[b] > mx:
                    mx = bm[b]
            cmax[r, c] = mx
        # the (k+1)-th largest block maximum: at least k+1 entries reach it, and every entry
        # below it is below all of them
        thr = lo
        if nb > k + 1:
            t = np.partition(bm, nb - (k + 1))[nb - (k + 1)]
            if t > thr:
                thr = t
        size = 0
        for b in range(nb):
            if bm[b] < thr:
                continue
            for lane in range(LANES):
                c = lane * nb + b
                x = row[c]
                if x < thr:
                    continue
                if size == k + 1:
                    if x < tv[k] or (x == tv[k] and c > tc[k]):
                        continue
                    pos = k
                else:
                    pos = size
                    size += 1
                while pos > 0 and (x > tv[pos - 1] or (x == tv[pos - 1] and c < tc[pos - 1])):
                    tv[pos] = tv[pos - 1]
                    tc[pos] = tc[pos - 1]
                    pos -= 1
                tv[pos] = x
                tc[pos] = c
        n_keep = min(size, k)
        for i in range(n_keep):
            out_c[r, i] = tc[i]
            out_v[r, i] = tv[i]
        counts[r] = n_keep
        bound[r] = tv[k] if size == k + 1 else -np.inf


def rows_top(S: np.ndarray, k: int, floor: float, starts: np.ndarray | None):
    """Per row of ``S``: best ``k`` (``select_top``'s order) and the class maxima.

    Returns ``(rows, cols, vals, bound, cmax)``; ``rows, cols, vals`` flat and grouped by row
    like ``select_top``'s, ``cmax`` ``(R, len(starts))`` (None without ``starts``).
    """
    R, w = S.shape
    k = max(int(k), 1)
    lo = np.nextafter(S.dtype.type(floor), S.dtype.type(np.inf)) if np.isfinite(floor) \
        else -np.finfo(S.dtype).max
    st = np.zeros(1, np.int64) if starts is None else np.asarray(starts, dtype=np.int64)
    out_c = np.empty((R, k), dtype=np.int64)
    out_v = np.empty((R, k), dtype=S.dtype)
    counts = np.zeros(R, dtype=np.int64)
    bound = np.empty(R, dtype=np.float64)
    cmax = np.empty((R, st.size), dtype=S.dtype)
    if R:
        _rows_top(S, R, k, float(lo), st, out_c, out_v, counts, bound, cmax)
    keep = np.arange(k)[None, :] < counts[:, None]
    rows = np.broadcast_to(np.arange(R)[:, None], (R, k))[keep]
    return rows, out_c[keep], out_v[keep], bound, (None if starts is None else cmax)


@njit(cache=True, nogil=True)
def _col_best(S, R, piece, floor, best, rows, tau, top, arg):  # pragma: no cover - compiled
    w = S.shape[1]
    t = best.shape[0]
    for c in range(w):
        top[c] = S[0, c]
        arg[c] = 0
    for r in range(1, R):
        row = S[r]
        for c in range(w):
            if row[c] > top[c]:
                top[c] = row[c]
                arg[c] = r
    for c in range(w):
        x = top[c]
        if x > tau[c] and x > floor:
            slot = 0
            for s in range(1, t):
                if best[s, c] < best[slot, c]:
                    slot = s
            best[slot, c] = x
            rows[slot, c] = piece[arg[c]]
            mn = best[0, c]
            for s in range(1, t):
                if best[s, c] < mn:
                    mn = best[s, c]
            tau[c] = mn


def col_best(S: np.ndarray, piece: np.ndarray, floor: float, best, rows, tau) -> None:
    """Fold a block into each column's ``t`` best (value, row): a column's best row of the
    block replaces its worst kept one when it beats it (``best``, ``rows``: ``(t, width)``,
    ``tau``: each column's worst kept value)."""
    R, w = S.shape
    if R == 0:
        return
    top = np.empty(w, dtype=np.float64)
    arg = np.empty(w, dtype=np.int64)
    _col_best(S, R, np.asarray(piece, dtype=np.int64), float(floor), best, rows, tau, top, arg)


@njit(cache=True, nogil=True)
def _longest(m, src, tgt, length, s_ptr, v):  # pragma: no cover - compiled
    # FIFO label correcting from every node at once (all start at 0, the root's price)
    q = np.empty(m + 1, dtype=np.int64)
    queued = np.ones(m + 1, dtype=np.bool_)
    for x in range(m + 1):
        q[x] = x
    head, size = 0, m + 1
    # FIFO order: every node leaves the queue at most once per Bellman-Ford pass, and there are at
    # most m + 1 passes: more arc scans than this only with a positive cycle
    budget = (m + 2) * (src.size + m + 2)
    while size:
        x = q[head]
        head = head + 1 if head + 1 <= m else 0
        size -= 1
        queued[x] = False
        vx = v[x]
        for a in range(s_ptr[x], s_ptr[x + 1]):
            y = tgt[a]
            c = vx + length[a]
            if c > v[y]:
                v[y] = c
                if not queued[y]:
                    queued[y] = True
                    q[(head + size) % (m + 1)] = y
                    size += 1
        budget -= s_ptr[x + 1] - s_ptr[x] + 1
        if budget < 0:
            return False
    return True


def longest_paths(m: int, src: np.ndarray, tgt: np.ndarray, length: np.ndarray, s_ptr: np.ndarray,
                  v: np.ndarray) -> bool:
    """Least ``v >= 0`` (``v`` starts at 0; node ``m`` is the root, price 0) with
    ``v[tgt] >= v[src] + length`` on every arc; arcs grouped by ``src`` (``s_ptr``: CSR pointers
    over nodes ``0..m``).  False if the arcs hold a positive cycle (then ``v`` is not final)."""
    return bool(_longest(m, src, tgt, length, s_ptr, v))
