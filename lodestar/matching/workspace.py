"""Per-thread buffers of the streamed products (``bilinear.Compiled.block``).

A workspace holds the dense mentor side of one layout of mentor columns, with room for a
block's extra product columns, and the output block itself, so that a scan reuses them block
after block instead of allocating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .scoring import PENALTY

if TYPE_CHECKING:
    from .bilinear import Compiled

PAD = 32  # mentor columns are padded to a multiple of this (block maxima in select_top)
MAX_EXTRA = 48  # per-block extra product columns (availability patterns, thresholds, rare languages)
TALL_ROWS = 1024  # blocks of a scan over few mentors: taller, so each block's fixed cost is shared
TALL_EXTRA = 128  # ... with room for the extra columns of the patterns of more rows


def extra_room(max_rows: int) -> int:
    """Extra product columns a block of up to ``max_rows`` rows may use."""
    return MAX_EXTRA if max_rows <= 256 else TALL_EXTRA


class Workspace:
    """Per-thread buffers: the dense mentor side (with room for extra columns) and outputs.

    ``layout`` (optional) gives the mentor of each output column (-1 = padding); by default
    the columns are the mentors in order, padded at the end.
    """

    def __init__(self, cm: Compiled, max_rows: int, layout: np.ndarray | None):
        D = cm.Xd.shape[1]
        self.cm = cm
        if layout is None:
            self.layout, self.pos_of = None, None
            self.n_cols, w = cm.m, cm.m_pad
            self.pads = np.arange(cm.m, w)
        else:
            layout = np.asarray(layout, dtype=np.int64)
            w = -(-max(layout.size, 1) // PAD) * PAD
            self.layout = np.full(w, -1, dtype=np.int64)
            self.layout[:layout.size] = layout
            real = self.layout >= 0
            self.n_cols = int(real.sum())
            self.pos_of = np.full(cm.m, -1, dtype=np.int64)
            self.pos_of[self.layout[real]] = np.flatnonzero(real)
            self.pads = np.flatnonzero(~real)
        self.width = w

        gather = None if layout is None else np.where(real, self.layout, 0)

        def cut(a, fill=0):  # mentor-indexed last axis, rearranged to the layout
            if gather is None:
                return a
            out = a.take(gather, axis=-1)
            out[..., self.pads] = fill
            return out

        self.cut = cut
        room = extra_room(max_rows)
        self.Y = np.zeros((D + room, w), dtype=np.float32)
        self.Y[:D] = cut(cm.YdT)
        if layout is None:
            self.YsT = cm.YsT
        else:
            ys = sp.csr_array(cm.YsT[:, np.where(real, self.layout, cm.m)])  # column m: padding
            self.YsT = sp.csr_array(ys)
        self.X = np.zeros((max_rows, D + room), dtype=np.float32)
        self.S = np.empty((max_rows, w), dtype=np.float32)
        self.pb = cut(cm.pb) if cm.exact_hours else None
        self.thr_col = cut(cm.thr_col, -1.0) if cm.thr_col is not None else None
        self.YaT = cut(cm.YaT) if not cm.exact_hours else None
        self.has_rare = cm.rare_table.shape[0] > 0  # rows laid out on first use (see rare_row)
        self.price = None
        self._rows = {}

    def pattern_row(self, q: int, what: str, h: float = 0.0) -> np.ndarray:
        """Per-mentor row of a mentee availability pattern ``q`` (recent ones cached)."""
        key = (q, what, h)
        hit = self._rows.get(key)
        if hit is None:
            if len(self._rows) > 256:
                self._rows.clear()
            cm = self.cm
            if what == "avail":
                hit = cm.table[q].take(self.pb)
            elif what == "hours":
                hit = cm.hours[q].take(self.pb)
            elif what == "below":  # the pair misses a required overlap of h hours
                hit = np.where(self.pattern_row(q, "hours") < h, -PENALTY, 0.0).astype(np.float32)
            elif what == "reach":  # the pair meets an "overlap >= h" nice-to-have
                hit = (self.pattern_row(q, "hours") >= h * (1 - 1e-6)).astype(np.float32)
            elif what == "mentor_nice":
                _, dn, hb = cm.mentor_nice
                hit = np.where(cm.hours[q][cm.pb[:cm.m]] >= hb, dn, 0.0).astype(np.float32)
                hit = self.cut(np.r_[hit, np.zeros(cm.m_pad - cm.m, np.float32)])
            else:
                hit = np.where(cm.hours[q][self.pb] < self.thr_col, -PENALTY, 0.0).astype(np.float32)
            self._rows[key] = hit
        return hit

    def rare_row(self, g: int) -> np.ndarray:
        """The penalty row of rare-language group ``g``, laid out like the columns (cached)."""
        key = ("rare", g)
        hit = self._rows.get(key)
        if hit is None:
            if len(self._rows) > 256:
                self._rows.clear()
            hit = self._rows[key] = -self.cut(self.cm.rare_table[g])
        return hit

    def cut_row(self, a: np.ndarray) -> np.ndarray:
        """A per-mentor vector (length m) laid out like the workspace's columns."""
        key = ("row", id(a))
        hit = self._rows.get(key)
        if hit is None or hit[0] is not a:
            full = np.zeros(self.cm.m_pad, dtype=np.float32)
            full[:self.cm.m] = a
            hit = self._rows[key] = (a, self.cut(full))
        return hit[1]

    def set_prices(self, prices: np.ndarray | None) -> None:
        """Subtract a price per mentor from every key (None: no prices)."""
        if prices is None:
            self.price = None
            return
        p = np.zeros(self.cm.m_pad, dtype=np.float32)
        p[:self.cm.m] = prices
        self.price = -self.cut(p)
