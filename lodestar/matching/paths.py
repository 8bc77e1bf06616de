"""Longest paths from a root over mentors: the least prices of an optimal flow (``optimal._duals``).

Nodes ``0..m-1`` are mentors and ``m`` is the root, price 0.  Every price starts at 0 (a price
is never negative) and rises to the least ``v`` with ``v[tgt] >= v[src] + length`` on every arc.
Large runs use the compiled label-correcting kernel (``kernels``), small ones a numpy worklist
(see ``candidates.COMPILED_PAIRS``).
"""

from __future__ import annotations

import numpy as np

from .candidates import segments


def longest_paths(m: int, src: np.ndarray, tgt: np.ndarray, length: np.ndarray, s_ptr: np.ndarray,
                  v: np.ndarray, *, compiled: bool = False) -> bool:
    """Raise ``v`` (length ``m + 1``, zeros) to the least prices; arcs grouped by ``src``
    (``s_ptr``: CSR pointers over nodes ``0..m``).  False if the arcs hold a positive cycle."""
    if compiled:
        from .kernels import longest_paths as kernel

        return kernel(m, src, tgt, length, s_ptr, v)
    return _worklist(m, src, tgt, length, s_ptr, v)


def _worklist(m, src, tgt, length, s_ptr, v) -> bool:
    """Each round relaxes the arcs out of the mentors whose price rose, and each mentor remembers
    the arc that set its price, so a rise is pushed down that tree at once instead of one arc a
    round.  A round is at least a Bellman-Ford pass: ``m + 1`` of them settle every path."""
    parent = np.full(m, -1, dtype=np.int64)  # the arc that set each mentor's price
    sel = np.arange(src.size)
    for _ in range(m + 2):
        cand = v[src[sel]] + length[sel]
        up = cand > v[tgt[sel]]
        if not up.any():
            return True
        sel, cand = sel[up], cand[up]
        t = tgt[sel]
        np.maximum.at(v, t, cand)  # each target's best arc sets its price (no sort needed) ...
        best = cand == v[t]
        parent[t[best]] = sel[best]  # ... and any arc reaching that price is its parent
        changed = np.zeros(m, dtype=bool)
        changed[t] = True
        front = np.flatnonzero(changed)
        # push the rises down the tree of price-setting arcs, one level at a time
        pm = np.where(parent >= 0, src[np.maximum(parent, 0)], -1)
        kids_of = np.argsort(pm, kind="stable")
        k_ptr = np.searchsorted(pm[kids_of], np.arange(-1, m + 1))  # children of x: k_ptr[x + 1]:k_ptr[x + 2]
        for _ in range(m):  # a tree path has fewer than m arcs
            if front.size == 0:
                break
            idx, _ = segments(k_ptr[front + 1], k_ptr[front + 2] - k_ptr[front + 1])
            kids = kids_of[idx]
            nv = v[src[parent[kids]]] + length[parent[kids]]
            higher = nv > v[kids]
            front = kids[higher]
            v[front] = nv[higher]
            changed[front] = True
        moved = np.flatnonzero(changed)
        sel, _ = segments(s_ptr[moved], s_ptr[moved + 1] - s_ptr[moved])
    return False
