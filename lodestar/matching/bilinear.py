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

import numpy as np
import scipy.sparse as sp

from .features import KINDS, weekly_blocks
from .scoring import PENALTY, Scorer

DENSE_DENSITY = 3e-4  # a column goes dense when nnzX*nnzY exceeds this share of n*m
MAX_DENSE = 320
LANG_GROUPS_DENSE = 48
DEPTS_DENSE = 32


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
        rowc += c * nw_a[:, 4] + np.where(NW_a > 0, 0.0, (1 - lam) * w.persona * a)
        # mentor's persona about the mentee, weight lam
        if lam > 0:
            nw_b, NW_b = self._nice_weights(B)
            d = np.where(NW_b > 0, w.persona / np.where(NW_b > 0, NW_b, 1), 0.0)
            la = lam * a
            add(_scale_rows(sc.workA, la), _onehot(B.nice.language, L, d * nw_b[:, 0]))
            add(_scale_rows(_ge_table(A.seniority), la), _onehot(B.nice.min_seniority, 8, d * nw_b[:, 1]))
            add(_scale_rows(A.skills, la), _scale_rows(B.nice.skills, d * nw_b[:, 2] * _row_norm(B.nice.skills)))
            add(_scale_rows(sc.accA.astype(np.float64), la), _onehot(B.nice.kind, len(KINDS), d * nw_b[:, 3]))
            add(la[:, None], (d * nw_b[:, 4] + np.where(NW_b > 0, 0.0, w.persona))[:, None])
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
        text_x = A.goal_vec.astype(np.float32) * (a * w.goals)[:, None].astype(np.float32)
        self.Xd = np.ascontiguousarray(np.hstack([X[:, dcols].toarray().astype(np.float32), text_x]))
        Yd = np.hstack([Y[:, dcols].toarray().astype(np.float32), B.profile_vec.astype(np.float32)])
        self.YdT = np.ascontiguousarray(Yd.T)
        self.Xs = sp.csr_array(X[:, sparse_cols], dtype=np.float32)
        self.YsT = sp.csr_array(Y[:, sparse_cols].T, dtype=np.float32)
        self.dims = (int(dcols.size) + text_x.shape[1], int(sparse_cols.size))
        # availability bound
        target = w.availability_target_hours
        if w.availability > 0:
            self.g = (w.availability * a / target).astype(np.float32)
            self.cap = (w.availability * a).astype(np.float32)
        else:
            self.g = np.ones(n, dtype=np.float32)
            self.cap = np.zeros(n, dtype=np.float32)
        self.Xa = np.ascontiguousarray(np.sqrt(weekly_blocks(A.availability, 4)).astype(np.float32)
                                       * (self.g / 4.0)[:, None])
        self.YaT = np.ascontiguousarray(np.sqrt(weekly_blocks(B.availability, 4)).astype(np.float32).T)
        # People often share weekly patterns: when the distinct patterns are few, the bound
        # comes from a small pattern x pattern table (one gather) instead of a product.
        self.avail_table = None
        ua, self.pa = np.unique(np.sqrt(weekly_blocks(A.availability, 4)).astype(np.float32), axis=0,
                                return_inverse=True)
        ub, self.pb = np.unique(self.YaT.T, axis=0, return_inverse=True)
        if ua.shape[0] * ub.shape[0] <= 20_000_000 and ua.shape[0] * 4 < n and ub.shape[0] * 4 < m:
            self.avail_table = np.ascontiguousarray((ua @ ub.T) / np.float32(4.0))
            self.pa, self.pb = self.pa.reshape(-1), self.pb.reshape(-1)
        thr = np.maximum(r.min_overlap_hours, A.must.overlap_hours)
        self.thr = (thr * self.g * (1 - 1e-5) - 1e-6).astype(np.float32)
        self.thr_col = None
        if np.any(B.must.overlap_hours > 0):
            self.thr_col = (B.must.overlap_hours * (1 - 1e-5) - 1e-6).astype(np.float32)
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
        keys = [W.indices[W.indptr[i]:W.indptr[i + 1]].tobytes() for i in range(sc.n)]
        uniq, inv, counts = np.unique(np.array(keys, dtype=object), return_inverse=True, return_counts=True)
        G = uniq.size
        sets = np.zeros((G, W.shape[1]), dtype=np.float64)
        for g, key in enumerate(uniq):
            idx = np.frombuffer(key, dtype=W.indices.dtype)
            sets[g, idx] = 1.0
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

    def ub_rows(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """Upper-bound keys of mentees ``rows`` against all mentors (or sorted ``cols``)."""
        if cols is None:
            YdT, YsT, YaT = self.YdT, self.YsT, self.YaT
        else:
            YdT, YsT, YaT = self.YdT[:, cols], self.YsT[:, cols], self.YaT[:, cols]
        S = self.Xd[rows] @ YdT
        if self.Xs.nnz:
            T = (self.Xs[rows] @ YsT).tocoo()
            if T.nnz:
                S[T.row, T.col] += T.data
        if self.avail_table is not None:
            pb = self.pb if cols is None else self.pb[cols]
            H = self.avail_table[self.pa[rows]][:, pb]
            H *= self.g[rows][:, None]
        else:
            H = self.Xa[rows] @ YaT
        thr = self.thr[rows]
        need = thr > 0
        bad = None
        if need.any() or self.thr_col is not None:
            bad = H < thr[:, None]
            if self.thr_col is not None:
                tc = self.thr_col if cols is None else self.thr_col[cols]
                bad |= H < tc[None, :] * self.g[rows][:, None]
        np.minimum(H, self.cap[rows][:, None], out=H)
        S += H
        starts, ends = self.ex_ptr[rows], self.ex_ptr[rows + 1]
        lens = ends - starts
        if lens.sum():
            loc = np.repeat(np.arange(rows.size), lens)
            idx = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            cj = self.ex_cols[idx]
            if cols is not None:
                p = np.minimum(np.searchsorted(cols, cj), cols.size - 1)
                keep = cols[p] == cj
                loc, cj = loc[keep], p[keep]
            S[loc, cj] = -2 * PENALTY
        if self.rare_table.shape[0]:
            rg = self.rare_group[rows]
            hit = np.flatnonzero(rg >= 0)
            if hit.size:
                tab = self.rare_table if cols is None else self.rare_table[:, cols]
                S[hit] -= tab[rg[hit]]
        if bad is not None:
            np.subtract(S, PENALTY, out=S, where=bad)
        return S
