"""Stage A: upper-bound scores for whole rows, fast.

Almost every criterion and hard constraint of ``scoring`` is *bilinear*: a dot
product of a vector describing the mentee with one describing the mentor (skill
coverage, category coverage, text cosine, guidance, seniority and kind tables,
persona predicates, and must-haves as violation counts times a finite penalty).
``Compiled`` stacks all of them into one feature matrix per side, so the ranking
key of a block of mentees against all mentors is one matrix product (columns
dense enough go through BLAS, the rest through a sparse product).  The remaining
non-linear parts are bounded from above:

* weekly overlap  <= sum over hour blocks of sqrt(A_b * B_b) (A_b, B_b = the
  quarter-hours each side has in block b, maximised over the span's weeks), a
  second small matrix product, then capped at the target;
* a shared working language and "overlap at least h" nice-to-haves count as met.

So a row of the result is >= the exact key of every pair (up to float32 rounding,
covered by ``ScoredSource.margin``) and forbidden pairs fall <= ``FLOOR``.
"""

from __future__ import annotations

import threading

import numpy as np
import scipy.sparse as sp
from scipy.sparse import _sparsetools

from .features import KINDS, row_groups, weekly_blocks
from .scoring import PENALTY, Scorer, _patterns
from .workspace import PAD, Workspace, extra_room

DENSE_DENSITY = 3e-4  # a column goes dense when nnzX*nnzY exceeds this share of n*m
MAX_DENSE = 320
LANG_GROUPS_DENSE = 48
DEPTS_DENSE = 32
PATTERN_SHARE = 8  # per-pattern extra columns when the mentees have at most n / this many patterns


def _distinct(a: np.ndarray) -> list:
    """Distinct values of a small array, ascending."""
    if a.size == 0:
        return []
    a = np.sort(a)
    return a[np.r_[True, a[1:] != a[:-1]]].tolist()


def _onehot(idx: np.ndarray, width: int, values=None) -> sp.csr_array:
    idx = np.asarray(idx, dtype=np.int64)
    ok = idx >= 0
    vals = np.ones(int(ok.sum())) if values is None else np.asarray(values, dtype=np.float64)[ok]
    return sp.csr_array((vals, (np.flatnonzero(ok), idx[ok])), shape=(idx.size, width))


def _scale_rows(M, s) -> sp.csr_array:
    return sp.csr_array(sp.diags_array(np.asarray(s, dtype=np.float64)) @ sp.csr_array(M, dtype=np.float64))


def _row_norm(M) -> np.ndarray:
    tot = np.asarray(M.sum(axis=1)).reshape(-1)
    return np.where(tot > 0, 1.0 / np.where(tot > 0, tot, 1.0), 0.0)


def _ge_table(sen: np.ndarray) -> sp.csr_array:
    """(n, 8): [sen >= s] for s = 0..7 (unknown -1 satisfies none)."""
    return sp.csr_array((sen[:, None] >= np.arange(8)[None, :]).astype(np.float64))


def explicit_forbidden(sc: Scorer):
    """Pairs forbidden by identity, reporting line, or history (mentee idx, mentor idx)."""
    A, B, r = sc.A, sc.B, sc.rules
    Is, Js = [], []
    # never oneself: same person id on both sides
    order = np.argsort(B.ids, kind="stable")
    pos = np.minimum(np.searchsorted(B.ids[order], A.ids), B.n - 1)
    hit = B.ids[order][pos] == A.ids
    Is.append(np.flatnonzero(hit))
    Js.append(order[pos[hit]])
    if r.forbid_same_line:
        for who, other, flip in ((A, B, False), (B, A, True)):
            lens = np.diff(who.manager_ptr)
            owner = np.repeat(np.arange(who.n), lens)
            o_order = np.argsort(other.ids, kind="stable")
            p = np.minimum(np.searchsorted(other.ids[o_order], who.manager_ids), max(other.n - 1, 0))
            h = other.ids[o_order][p] == who.manager_ids if other.n else np.zeros(0, bool)
            a, b = owner[h], o_order[p[h]]
            Is.append(b if flip else a)
            Js.append(a if flip else b)
    if r.excluded_pairs is not None and len(r.excluded_pairs):
        ex = np.asarray(r.excluded_pairs, dtype=np.int64).reshape(-1, 2)
        ok = (ex[:, 0] >= 0) & (ex[:, 0] < sc.n) & (ex[:, 1] >= 0) & (ex[:, 1] < sc.m)
        Is.append(ex[ok, 0])
        Js.append(ex[ok, 1])
    return np.concatenate(Is).astype(np.int64), np.concatenate(Js).astype(np.int64)


class Compiled:
    """Feature matrices whose product bounds the ranking key from above."""

    def __init__(self, sc: Scorer, share: float):
        A, B, w, r, vocab = sc.A, sc.B, sc.w, sc.rules, sc.vocab
        n, m = sc.n, sc.m
        lam = float(share)
        a = 1.0 / sc.applicable_sum
        L = vocab.n_languages
        xs, ys = [], []  # sparse-able blocks
        rowc = np.zeros(n)
        # Few distinct weekly patterns: availability and every "overlap >= h" predicate come
        # exactly from the scorer's pattern x pattern table of weekly hours (extra columns).
        exact = sc._hours_table()
        pa, fa = _patterns(sc.packA)
        self.exact_hours = exact is not None
        # few patterns: extra product columns per pattern; many: gather the table per block
        self.per_pattern = self.exact_hours and fa.size * PATTERN_SHARE <= n
        colc = np.zeros(m)

        def add(x, y):
            xs.append(sp.csr_array(x, dtype=np.float64))
            ys.append(sp.csr_array(y, dtype=np.float64))

        # skills (mentor's skills side): coverage, mentee's nice skills, mentee's must skills
        alpha = w.skill_exact_share if sc.catG.shape[1] else 1.0
        x_v1 = _scale_rows(A.gaps, a * w.skills * alpha * _row_norm(A.gaps))
        nw_a, NW_a = self._nice_weights(A)
        c = np.where(NW_a > 0, (1 - lam) * w.persona * a / np.where(NW_a > 0, NW_a, 1), 0.0)
        x_v1 = x_v1 + _scale_rows(A.nice.skills, c * nw_a[:, 2] * _row_norm(A.nice.skills))
        # must skills: -PENALTY * (|R| - |R & K|)
        x_v1 = x_v1 + PENALTY * sp.csr_array(A.must.skills, dtype=np.float64)
        rowc -= PENALTY * np.asarray(A.must.skills.sum(axis=1)).reshape(-1)
        add(x_v1, B.skills)
        if sc.catG.shape[1]:
            add(_scale_rows(sc.catG, a * w.skills * (1 - alpha) * _row_norm(sc.catG)), sc.catK)
        # a program's "should match" answers: the share of the mentee's answers the mentor shares
        if A.answers.shape[1]:
            add(_scale_rows(A.answers, a * w.answers * _row_norm(A.answers)), B.answers)
        # guidance
        add(A.guidance_wanted * (a * w.guidance * _row_norm(A.guidance_wanted))[:, None],
            B.guidance_offered.astype(np.float64))
        # seniority table by kind
        add(_onehot(A.seniority + 1, 9, a * w.seniority), sc.T[:, B.seniority + 1].T)
        # kind
        rk = r.kind_index
        if rk >= 0:
            add((a * w.kind)[:, None], sc.accB[:, rk:rk + 1].astype(np.float64))
        else:
            ka = sc.accA & (A.kinds[:, None] != 0)
            nk = ka.sum(axis=1)
            add(ka * (a * w.kind * np.where(nk > 0, 1.0 / np.maximum(nk, 1), 0.0))[:, None],
                sc.accB.astype(np.float64))
            rowc += np.where(nk == 0, a * w.kind, 0.0)
        # language: bounded by 1 (a shared language is either required or a bonus)
        rowc += a * w.language
        # mentee's persona about the mentor, weight (1 - lam)
        add(_onehot(A.nice.language, L, c * nw_a[:, 0]), sc.workB)
        add(_onehot(A.nice.min_seniority, 8, c * nw_a[:, 1]), _ge_table(B.seniority))
        add(_onehot(A.nice.kind, len(KINDS), c * nw_a[:, 3]), sc.accB.astype(np.float64))
        rowc += np.where(NW_a > 0, 0.0, (1 - lam) * w.persona * a)
        self.nice_coef = (c * nw_a[:, 4]).astype(np.float32)  # mentee's "overlap >= h" nice-to-have
        self.nice_h = np.where(self.nice_coef > 0, A.nice.overlap_hours, 0.0).astype(np.float32)
        if not self.exact_hours:
            rowc += self.nice_coef  # counted as met
        self.mentor_nice = None
        # mentor's persona about the mentee, weight lam
        if lam > 0:
            nw_b, NW_b = self._nice_weights(B)
            d = np.where(NW_b > 0, w.persona / np.where(NW_b > 0, NW_b, 1), 0.0)
            la = lam * a
            add(_scale_rows(sc.workA, la), _onehot(B.nice.language, L, d * nw_b[:, 0]))
            add(_scale_rows(_ge_table(A.seniority), la), _onehot(B.nice.min_seniority, 8, d * nw_b[:, 1]))
            add(_scale_rows(A.skills, la), _scale_rows(B.nice.skills, d * nw_b[:, 2] * _row_norm(B.nice.skills)))
            add(_scale_rows(sc.accA.astype(np.float64), la), _onehot(B.nice.kind, len(KINDS), d * nw_b[:, 3]))
            add(la[:, None], np.where(NW_b > 0, 0.0, w.persona)[:, None])
            dn = d * nw_b[:, 4]  # mentor's "overlap >= h" nice-to-have about the mentee
            if np.any(dn > 0):
                if self.exact_hours:
                    self.mentor_nice = (la.astype(np.float32), dn.astype(np.float32),
                                        (B.nice.overlap_hours * (1 - 1e-6)).astype(np.float32))
                else:
                    add(la[:, None], dn[:, None])  # counted as met
        # must-haves, mentee about mentor: -PENALTY per violation
        P = -PENALTY
        add(_onehot(A.must.language, L, np.full(n, P)), 1.0 - sc.workB.toarray())
        add(_onehot(A.must.min_seniority, 8, np.full(n, P)), 1.0 - _ge_table(B.seniority).toarray())
        above = (B.seniority[:, None] > np.arange(8)[None, :]) | (B.seniority[:, None] < 0)
        add(_onehot(A.must.max_seniority, 8, np.full(n, P)), above.astype(np.float64))
        add(_onehot(A.must.kind, len(KINDS), np.full(n, P)), (~sc.accB).astype(np.float64))
        # must-haves, mentor about mentee
        add(1.0 - sc.workA.toarray(), _onehot(B.must.language, L, np.full(m, P)))
        add(1.0 - _ge_table(A.seniority).toarray(), _onehot(B.must.min_seniority, 8, np.full(m, P)))
        above_a = (A.seniority[:, None] > np.arange(8)[None, :]) | (A.seniority[:, None] < 0)
        add(above_a.astype(np.float64), _onehot(B.must.max_seniority, 8, np.full(m, P)))
        add((~sc.accA).astype(np.float64), _onehot(B.must.kind, len(KINDS), np.full(m, P)))
        if B.must.skills.nnz:
            add(A.skills, PENALTY * sp.csr_array(B.must.skills, dtype=np.float64))
            colc -= PENALTY * np.asarray(B.must.skills.sum(axis=1)).reshape(-1)
        if not sc.pool:
            colc -= PENALTY * (B.capacity <= 0)
        extra_I, extra_J = [], []
        self.rare_group = np.full(n, -1, dtype=np.int64)
        self.rare_table = np.zeros((0, m), dtype=np.float32)
        if r.require_shared_language:
            self._language_groups(sc, add)
        if r.forbid_same_department:
            self._departments(sc, add, extra_I, extra_J)

        X = sp.hstack(xs + [sp.csr_array(rowc[:, None]), sp.csr_array(np.ones((n, 1)))], format="csr")
        Y = sp.hstack(ys + [sp.csr_array(np.ones((m, 1))), sp.csr_array(colc[:, None])], format="csr")
        X.eliminate_zeros()
        Y.eliminate_zeros()
        F = X.shape[1]
        nx = np.bincount(X.indices, minlength=F).astype(np.float64)
        ny = np.bincount(Y.indices, minlength=F).astype(np.float64)
        prod = nx * ny
        live = prod > 0
        order = np.argsort(-prod)
        dense = np.zeros(F, dtype=bool)
        cand = order[(prod[order] > DENSE_DENSITY * n * m)][:MAX_DENSE]
        dense[cand] = True
        sparse_cols = np.flatnonzero(live & ~dense)
        dcols = np.flatnonzero(dense)
        # text dimensions empty on either side add nothing to any product: left out
        tl = np.flatnonzero((A.goal_vec != 0).any(axis=0) & (B.profile_vec != 0).any(axis=0))
        text_x = A.goal_vec[:, tl].astype(np.float32) * (a * w.goals)[:, None].astype(np.float32)
        self.Xd = np.ascontiguousarray(np.hstack([X[:, dcols].toarray().astype(np.float32), text_x]))
        Yd = np.hstack([Y[:, dcols].toarray().astype(np.float32), B.profile_vec[:, tl].astype(np.float32)])
        self.m = m
        self.m_pad = (m // PAD + 1) * PAD  # at least one padding column
        self.YdT = np.zeros((Yd.shape[1], self.m_pad), dtype=np.float32)
        self.YdT[:, :m] = Yd.T
        self.Xs = sp.csr_array(X[:, sparse_cols], dtype=np.float32)
        ys = sp.csr_array(Y[:, sparse_cols].T, dtype=np.float32)
        ys.resize((ys.shape[0], self.m_pad))
        self.YsT = sp.csr_array(ys)
        self.dims = (int(dcols.size) + text_x.shape[1], int(sparse_cols.size))
        self._availability(sc, a)
        # explicitly forbidden pairs, by mentee
        I, J = explicit_forbidden(sc)
        if extra_I:
            I = np.concatenate([I] + extra_I)
            J = np.concatenate([J] + extra_J)
        o = np.argsort(I, kind="stable")
        self.ex_cols = J[o]
        self.ex_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(I, minlength=n), out=self.ex_ptr[1:])

    @staticmethod
    def _nice_weights(P):
        nw = P.nice_weights.astype(np.float64).copy()
        nice = P.nice
        nw[:, 0] *= nice.language >= 0
        nw[:, 1] *= nice.min_seniority >= 0
        nw[:, 2] *= np.asarray(nice.skills.sum(axis=1)).reshape(-1) > 0
        nw[:, 3] *= nice.kind >= 0
        nw[:, 4] *= nice.overlap_hours > 0
        return nw, nw.sum(axis=1)

    def _language_groups(self, sc, add):
        """Penalty for 'no shared working language', by the mentee's set of languages."""
        W = sc.workA
        bits = np.zeros((sc.n, (W.shape[1] + 7) // 8), dtype=np.uint8)  # each mentee's set, packed
        rows = np.repeat(np.arange(sc.n), np.diff(W.indptr))
        np.bitwise_or.at(bits, (rows, W.indices // 8), (1 << (W.indices % 8)).astype(np.uint8))
        inv, first = row_groups(bits)
        G = first.size
        counts = np.bincount(inv, minlength=G)
        sets = (W[first] != 0).toarray().astype(np.float64)
        none = np.asarray(sc.workB @ sets.T) == 0  # (m, G): mentor shares nothing with group g
        order = np.argsort(-counts, kind="stable")
        dense_g = order[:LANG_GROUPS_DENSE]
        rare_g = order[LANG_GROUPS_DENSE:]
        pos = np.full(G, -1)
        pos[dense_g] = np.arange(dense_g.size)
        add(_onehot(pos[inv], dense_g.size), -PENALTY * none[:, dense_g])
        if rare_g.size:
            rpos = np.full(G, -1)
            rpos[rare_g] = np.arange(rare_g.size)
            self.rare_group = rpos[inv]
            self.rare_table = (PENALTY * none[:, rare_g].T).astype(np.float32)  # subtracted

    def _departments(self, sc, add, extra_I, extra_J):
        A, B = sc.A, sc.B
        da, db = A.department, B.department
        D = int(max(da.max(initial=-1), db.max(initial=-1))) + 1
        if D <= 0:
            return
        na = np.bincount(da[da >= 0], minlength=D)
        nb = np.bincount(db[db >= 0], minlength=D)
        order = np.argsort(-(na * nb), kind="stable")
        dense = order[:DEPTS_DENSE][(na * nb)[order[:DEPTS_DENSE]] > 0]
        pos = np.full(D, -1)
        pos[dense] = np.arange(dense.size)
        add(_onehot(np.where(da >= 0, pos[np.maximum(da, 0)], -1), dense.size),
            _onehot(np.where(db >= 0, pos[np.maximum(db, 0)], -1), dense.size, np.full(db.size, -PENALTY)))
        rare = np.setdiff1d(np.flatnonzero(na * nb), dense)
        for dpt in rare.tolist():
            ii, jj = np.flatnonzero(da == dpt), np.flatnonzero(db == dpt)
            extra_I.append(np.repeat(ii, jj.size))
            extra_J.append(np.tile(jj, ii.size))

    # -- availability ----------------------------------------------------------
    def _availability(self, sc, a):
        """The availability term ``coef * min(1, hours / target)`` and hour thresholds.

        People often share weekly patterns.  Then (``exact_hours``) the weekly hours of every
        pair of patterns come from the scorer's exact table, and a block of mentees with a
        handful of patterns gets a handful of extra product columns (one per pattern, plus
        one per threshold in use), so the term is exact and costs next to nothing.
        With many patterns but a table still small enough, each block gathers its rows of
        the table instead (exact too).  Otherwise hours are bounded by the sum over hour
        blocks of sqrt(A_b * B_b) (a second product), capped at the target, and thresholds
        use that bound.
        """
        A, B, w, r = sc.A, sc.B, sc.w, sc.rules
        n, m, mp = sc.n, sc.m, self.m_pad
        target = w.availability_target_hours
        on = w.availability > 0
        self.cap = (w.availability * a).astype(np.float32) if on else np.zeros(n, np.float32)
        self.sc_target = target
        self.g = (w.availability * a / target).astype(np.float32) if on else np.ones(n, np.float32)
        thr = np.maximum(r.min_overlap_hours, A.must.overlap_hours)
        self.thr_h = np.where(thr > 0, thr * (1 - 1e-5) - 1e-6, 0.0).astype(np.float32)  # hours
        self.thr_col = None
        if np.any(B.must.overlap_hours > 0):
            tc = np.full(mp, -1.0, dtype=np.float32)
            tc[:m] = B.must.overlap_hours * (1 - 1e-5) - 1e-6
            self.thr_col = tc
        pa, fa = _patterns(sc.packA)
        pb, fb = _patterns(sc.packB)
        self.table = None
        if self.exact_hours:
            hours = sc._hours_table()[0]
            self.hours = np.ascontiguousarray(hours, dtype=np.float32)
            self.table = np.minimum(np.float32(1.0), hours / np.float32(target)).astype(np.float32)
            self.pa = pa
            self.pb = np.zeros(mp, dtype=np.int64)
            self.pb[:m] = pb
            if self.per_pattern:
                key = np.lexsort((self.rare_group, self.nice_h, self.thr_h, pa))
            else:
                key = np.argsort(self.rare_group, kind="stable")
                self.table = None  # gathered per block (``_hours_gather``)
        else:
            def hour_blocks(P, idx):
                return np.sqrt(weekly_blocks(P.availability[idx], 4)).astype(np.float32)

            self.Xa = np.ascontiguousarray(hour_blocks(A, fa)[pa] * (self.g / 4.0)[:, None])
            self.YaT = np.zeros((weekly_blocks(B.availability[:1], 4).shape[1], mp), dtype=np.float32)
            self.YaT[:, :m] = hour_blocks(B, fb)[pb].T
            key = np.argsort(self.rare_group, kind="stable")
        self.rank = np.empty(n, dtype=np.int64)
        self.rank[key] = np.arange(n)
        if self.rare_table.shape[0]:
            rt = np.zeros((self.rare_table.shape[0], mp), dtype=np.float32)
            rt[:, :m] = self.rare_table
            self.rare_table = rt

    # -- streaming products ----------------------------------------------------
    def order(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` sorted so that blocks share availability patterns (cheap extra columns)."""
        rows = np.asarray(rows, dtype=np.int64)
        return rows[np.argsort(self.rank[rows], kind="stable")]

    def pieces(self, rows: np.ndarray, max_rows: int) -> list[np.ndarray]:
        """Split sorted ``rows`` into blocks of at most ``max_rows`` rows and ``extra_room(max_rows)``
        extra columns."""
        if rows.size == 0:
            return []
        change = np.ones(rows.size, dtype=np.int64)
        if self.table is not None:
            p, t, g, h = self.pa[rows], self.thr_h[rows], self.rare_group[rows], self.nice_h[rows]
            newp = np.r_[True, p[1:] != p[:-1]]
            change = newp * (1 + (self.thr_col is not None) + (self.mentor_nice is not None))
            change += (np.r_[True, t[1:] != t[:-1]] | newp) * (t > 0)
            change += (np.r_[True, h[1:] != h[:-1]] | newp) * (h > 0)
            change += (np.r_[True, g[1:] != g[:-1]] | newp) * (g >= 0)
        else:
            g = self.rare_group[rows]
            change = np.r_[True, g[1:] != g[:-1]] & (g >= 0)
        cum = np.cumsum(change)
        room = extra_room(max_rows)
        out, s = [], 0
        while s < rows.size:
            base = cum[s] - change[s]
            # a piece's first row may continue a pattern / group counted in the previous one
            e = min(s + max_rows, int(np.searchsorted(cum, base + room - 6, side="right")))
            e = max(e, s + 1)
            out.append(rows[s:e])
            s = e
        return out

    def workspace(self, max_rows: int, cols: np.ndarray | None = None) -> Workspace:
        """Buffers for ``block`` (one per thread; ``cols`` restricts the mentors)."""
        return Workspace(self, max_rows, cols)

    def block(self, rows: np.ndarray, ws: Workspace) -> np.ndarray:
        """Upper-bound keys of mentees ``rows`` (one piece) against the workspace's mentors.

        Returns a view into the workspace, ``(len(rows), ws.width)``, padded columns at -1e9.
        """
        R, D, mw = rows.size, self.Xd.shape[1], ws.width
        xe, ye = self._extra(rows, ws)
        E = len(xe)
        Xc = ws.X[:R, :D + E]
        Xc[:, :D] = self.Xd[rows]
        for t in range(E):
            Xc[:, D + t] = xe[t]
            ws.Y[D + t] = ye[t]
        S = ws.S[:R]
        np.matmul(Xc, ws.Y[:D + E], out=S)
        if self.Xs.nnz:
            T = sp.csr_array(self.Xs[rows] @ ws.YsT)
            if T.nnz:
                _sparsetools.csr_todense(R, mw, T.indptr, T.indices, np.asarray(T.data, np.float32), S)
        if self.table is None:
            if self.exact_hours:
                self._hours_gather(rows, ws, S)
            else:
                self._hours_product(rows, ws, S)
        starts, ends = self.ex_ptr[rows], self.ex_ptr[rows + 1]
        lens = ends - starts
        if lens.sum():
            loc = np.repeat(np.arange(R), lens)
            idx = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            cj = self.ex_cols[idx]
            if ws.pos_of is not None:
                p = ws.pos_of[cj]
                keep = p >= 0
                loc, cj = loc[keep], p[keep]
            S[loc, cj] = -2 * PENALTY
        if ws.pads.size:
            S[:, ws.pads] = -1e9
        return S

    def _extra(self, rows, ws):
        """Extra product columns of a piece: availability per pattern, thresholds, rare languages."""
        xe, ye = [], []
        rg = self.rare_group[rows]
        if self.table is not None:
            p, t, nh = self.pa[rows], self.thr_h[rows], self.nice_h[rows]
            for q in _distinct(p):
                on = p == q
                xe.append(np.where(on, self.cap[rows], 0.0))
                ye.append(ws.pattern_row(q, "avail"))
                if self.thr_col is not None:
                    xe.append(on.astype(np.float32))
                    ye.append(ws.pattern_row(q, "col"))
                if self.mentor_nice is not None:
                    xe.append(np.where(on, self.mentor_nice[0][rows], 0.0))
                    ye.append(ws.pattern_row(q, "mentor_nice"))
                for h in _distinct(t[on & (t > 0)]):
                    xe.append((on & (t == h)).astype(np.float32))
                    ye.append(ws.pattern_row(q, "below", h))
                for h in _distinct(nh[on & (nh > 0)]):
                    sel = on & (nh == h)
                    xe.append(np.where(sel, self.nice_coef[rows], 0.0))
                    ye.append(ws.pattern_row(q, "reach", h))
        if ws.has_rare:
            for g in _distinct(rg[rg >= 0]):
                xe.append((rg == g).astype(np.float32))
                ye.append(ws.rare_row(g))
        if ws.price is not None:
            xe.append(np.ones(rows.size, dtype=np.float32))
            ye.append(ws.price)
        return xe, ye

    def _hours_gather(self, rows, ws, S):
        """Exact availability terms of a block from the pattern x pattern table of hours."""
        H = self.hours[self.pa[rows]][:, ws.pb]
        target = np.float32(self.sc_target)
        S += self.cap[rows][:, None] * np.minimum(np.float32(1.0), H / target)
        t = self.thr_h[rows]
        if np.any(t > 0):
            np.subtract(S, PENALTY, out=S, where=H < t[:, None])
        if self.thr_col is not None:
            np.subtract(S, PENALTY, out=S, where=H < ws.thr_col[None, :])
        h = self.nice_h[rows]
        if np.any(h > 0):
            S += self.nice_coef[rows][:, None] * (H >= (h * (1 - 1e-6))[:, None])
        if self.mentor_nice is not None:
            la, dn, hb = self.mentor_nice
            S += la[rows][:, None] * np.where(H >= ws.cut_row(hb), ws.cut_row(dn), 0.0)

    def _hours_product(self, rows, ws, S):
        H = self.Xa[rows] @ ws.YaT
        thr = self.thr_h[rows] * self.g[rows]
        bad = None
        if np.any(thr > 0) or self.thr_col is not None:
            bad = H < thr[:, None]
            if self.thr_col is not None:
                bad |= H < ws.thr_col[None, :] * self.g[rows][:, None]
        np.minimum(H, self.cap[rows][:, None], out=H)
        S += H
        if bad is not None:
            np.subtract(S, PENALTY, out=S, where=bad)

    def ub_rows(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """Upper-bound keys of mentees ``rows`` against all mentors (or sorted ``cols``)."""
        rows = np.asarray(rows, dtype=np.int64)
        if cols is None:  # one reusable workspace per thread
            local = self.__dict__.setdefault("_local", threading.local())
            ws = getattr(local, "ws", None)
            if ws is None or ws.S.shape[0] < min(256, max(rows.size, 1)):
                ws = local.ws = self.workspace(min(256, max(rows.size, 1)), None)
        else:
            ws = self.workspace(min(256, max(rows.size, 1)), cols)
        out = np.empty((rows.size, ws.n_cols), dtype=np.float32)
        perm = np.argsort(self.rank[rows], kind="stable")
        at = 0
        for piece in self.pieces(rows[perm], ws.S.shape[0]):
            out[perm[at:at + piece.size]] = self.block(piece, ws)[:, :ws.n_cols]
            at += piece.size
        return out
