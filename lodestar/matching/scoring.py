"""Compatibility scores: the exact per-pair definition, and the scored candidate source.

For mentee ``i`` and mentor ``j`` every criterion gives a value in [0, 1]:

* ``skills``       - share of i's skill gaps that j holds (``skill_exact_share``), plus
                     share of the gaps' taxonomy categories j covers (the rest).
* ``goals``        - cosine of i's goal text and j's bio + expertise text.
* ``guidance``     - weighted share of the guidance i wants that j offers.
* ``persona``      - share (by i's weights) of i's nice-to-haves j satisfies; the
                     mentor-side score uses j's nice-to-haves about i instead.
* ``availability`` - weekly shared hours / ``availability_target_hours``, capped at 1.
* ``language``     - 1 when both speak a language at working proficiency (3+).
* ``seniority``    - by the program kind: mentor above for formal/informal, within one
                     level for peer, mentee above for reverse (unknown: 0.5).
* ``kind``         - j is open to the program kind, or to the kinds i prefers.
* ``answers``      - share of i's answers to a program's "should match" questions that j
                     gave too (only in programs that ask such questions).

A side's score is the weighted mean over the criteria that apply to the mentee
(skills, goals, guidance and answers only apply when the mentee gave gaps, goals, wishes,
answers).
Hard constraints make a pair forbidden: capacity 0, never oneself, either side's
must-haves, minimum weekly overlap, a shared working language (unless switched
off), declined or ended pairs, and on request the same reporting line or department.
"""

from __future__ import annotations

import os
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp

from .candidates import RowSource
from .features import (
    KINDS, WORKING, Participants, Rules, Vocabulary, Weights, overlap_hours, pack_availability, row_groups,
)

PENALTY = 4.0
FLOOR = -1.0


def seniority_table(kind: str | None) -> np.ndarray:
    """T[a + 1, b + 1]: seniority fit of mentee level a with mentor level b (-1 = unknown)."""
    T = np.full((9, 9), 0.5)
    for a in range(8):
        for b in range(8):
            d = b - a
            if kind == "peer":
                v = 1.0 if abs(d) <= 1 else (0.3 if abs(d) == 2 else 0.0)
            elif kind == "reverse":
                v = 1.0 if d <= -1 else (0.3 if d == 0 else 0.0)
            else:  # formal, informal, virtual or open matching: mentor above
                v = (1.0 if d <= 3 else 0.8) if d >= 1 else (0.3 if d == 0 else 0.0)
            T[a + 1, b + 1] = v
    return T


def accepts(kinds: np.ndarray) -> np.ndarray:
    """(n, 5) bool: which kinds each person is open to (mask 0 = any)."""
    bits = (kinds[:, None] >> np.arange(len(KINDS))) & 1
    return (bits == 1) | (kinds[:, None] == 0)


def working(langs: sp.csr_array) -> sp.csr_array:
    w = (langs >= WORKING).astype(np.float32)
    return sp.csr_array(w)


def category_matrix(skills: sp.csr_array, vocab: Vocabulary) -> sp.csr_array:
    """(n, C) indicator of the taxonomy categories of a skill matrix."""
    cats = vocab.skill_category
    C = len(vocab.categories)
    if cats is None or C == 0:
        return sp.csr_array((skills.shape[0], 0), dtype=np.float32)
    cats = np.asarray(cats)
    has = cats >= 0
    M = sp.csr_array((np.ones(int(has.sum()), np.float32), (np.flatnonzero(has), cats[has])),
                     shape=(skills.shape[1], C))
    out = sp.csr_array(skills.astype(np.float32) @ M)
    out.data[:] = 1.0
    return out


_DENSE_CACHE: dict = {}
_HOURS = weakref.WeakKeyDictionary()
_CACHE: dict = {}


def _cached(key, obj, make):
    """Value derived from ``obj`` (kept alive with it, so an id is never reused while cached)."""
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not obj:
        if len(_CACHE) > 64:
            _CACHE.clear()
        hit = _CACHE[key] = (obj, make())
    return hit[1]


def _patterns(packed):
    return _cached(("patterns", id(packed)), packed, lambda: row_groups(packed))


def _unpacked(packed, first):
    def make():
        bits = np.unpackbits(packed[first].view(np.uint8), axis=1)
        return bits.astype(np.float32)
    return _cached(("unpacked", id(packed), first.size), packed, make)


def _dense_of(B) -> np.ndarray:
    key = id(B)
    hit = _DENSE_CACHE.get(key)
    if hit is None or hit[0] is not B:
        if len(_DENSE_CACHE) > 16:
            _DENSE_CACHE.clear()
        hit = (B, B.toarray().astype(np.float32))
        _DENSE_CACHE[key] = hit
    return hit[1]


def _bits(M):
    """Bit-packed rows of a sparse 0/1 matrix (None when some stored value is not 1)."""
    def make():
        csr = sp.csr_array(M)
        if csr.nnz and not np.all(csr.data == 1):
            return None
        W = (csr.shape[1] + 63) // 64
        dense = np.zeros((csr.shape[0], W * 64), dtype=bool)
        dense[np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr)), csr.indices] = True
        return np.ascontiguousarray(np.packbits(dense, axis=1, bitorder="little")).view(np.uint64)
    return _cached(("bits", id(M)), M, make)


def rowdot(A, B, I, J) -> np.ndarray:
    """Row-wise dot products A[I] . B[J] for sparse or dense A, B."""
    if sp.issparse(A):
        if A.shape[1] == 0 or I.size == 0:
            return np.zeros(I.size)
        if sp.issparse(B) and A.shape[1] <= 4096:
            ba, bb = _bits(A), _bits(B)
            if ba is not None and bb is not None:  # 0/1 rows: popcounts, exactly the same sums
                both = np.bitwise_and(ba[I], bb[J])
                return np.bitwise_count(both).sum(axis=1, dtype=np.int64).astype(np.float64)
        if B.shape[0] * B.shape[1] <= 50_000_000:
            # gather the other side's entries at this side's non-zeros
            Bd = _dense_of(B) if sp.issparse(B) else B
            lens = (A.indptr[I + 1] - A.indptr[I]).astype(np.int64)
            tot = int(lens.sum())
            if tot == 0:
                return np.zeros(I.size)
            pos = np.repeat(A.indptr[I] - np.cumsum(lens) + lens, lens) + np.arange(tot)
            owner = np.repeat(np.arange(I.size), lens)
            vals = A.data[pos] * Bd[J[owner], A.indices[pos]]
            return np.bincount(owner, weights=vals, minlength=I.size)
        return np.asarray(A[I].multiply(B[J]).sum(axis=1)).reshape(-1).astype(np.float64)
    return np.einsum("ij,ij->i", A[I], B[J], dtype=np.float64)


class Scorer:
    """Exact scores, feasibility and criterion values of explicit pairs."""

    def __init__(self, mentees: Participants, mentors: Participants, vocab: Vocabulary,
                 weights: Weights | None = None, rules: Rules | None = None, *, pool: bool = False):
        self.A, self.B, self.vocab = mentees, mentors, vocab
        self.w = weights or Weights()
        self.rules = rules or Rules()
        self.pool = pool
        self.n, self.m = mentees.n, mentors.n
        if mentees.availability.shape[1] != mentors.availability.shape[1]:
            from .errors import MatchingInputError

            raise MatchingInputError("mentees' and mentors' availability must cover the same span")
        if mentees.answers.shape[1] != mentors.answers.shape[1]:
            from .errors import MatchingInputError

            raise MatchingInputError("mentees' and mentors' answers must use the same columns")
        A, B = mentees, mentors
        self.workA, self.workB = working(A.languages), working(B.languages)
        self.accA, self.accB = accepts(A.kinds), accepts(B.kinds)
        self.catG, self.catK = category_matrix(A.gaps, vocab), category_matrix(B.skills, vocab)
        self.n_gaps = np.asarray(A.gaps.sum(axis=1)).reshape(-1)
        self.n_gapcats = np.asarray(self.catG.sum(axis=1)).reshape(-1)
        self.want = A.guidance_wanted.sum(axis=1)
        self.n_answers = np.asarray(A.answers.sum(axis=1)).reshape(-1).astype(np.float64)
        self.has_goals = np.linalg.norm(A.goal_vec, axis=1) > 0
        self.packA, self.packB = pack_availability(A.availability), pack_availability(B.availability)
        self.weeks = A.weeks
        self.T = seniority_table(self.rules.kind)
        self.applicable_sum = self._applicable_sum()
        self._explicit = None

    # Derived caches live outside the instance (``vars(scorer)`` stays the documented set of
    # fields, which ``directory`` relies on when it swaps the mentee side of a prepared scorer).
    def _hours_table(self):
        hit = _HOURS.get(self)
        if hit is not None and hit[0] is self.packA and hit[1] is self.packB:
            return hit[2]
        tab = None
        pa, fa = _patterns(self.packA)
        pb, fb = _patterns(self.packB)
        Pa, Pb, S = fa.size, fb.size, self.packA.shape[1] * 64
        if Pa * Pb <= 25_000_000 and Pa * Pb * S <= 4e10 and Pa * Pb < self.n * self.m:
            ua = _unpacked(self.packA, fa)
            ub = _unpacked(self.packB, fb)
            tab = ((ua @ ub.T) / np.float32(4.0 * self.weeks), pa, pb)  # counts <= S: exact in float32
        _HOURS[self] = (self.packA, self.packB, tab)
        return tab

    def hours(self, I, J) -> np.ndarray:
        """Exact weekly shared hours of pairs (a pattern x pattern table when patterns are few)."""
        tab = self._hours_table()
        if tab is not None:
            return tab[0][tab[1][I], tab[2][J]].astype(np.float64)
        return overlap_hours(self.packA[I], self.packB[J], self.weeks)

    @staticmethod
    def count(M) -> np.ndarray:
        """Row sums of a (sparse) matrix, cached per matrix object."""
        return _cached(("count", id(M)), M, lambda: np.asarray(M.sum(axis=1)).reshape(-1).astype(np.float64))

    # -- weights -----------------------------------------------------------
    def _applicable_sum(self) -> np.ndarray:
        w = self.w
        tot = np.full(self.n, w.persona + w.availability + w.language + w.seniority + w.kind)
        tot += w.skills * (self.n_gaps > 0) + w.goals * self.has_goals + w.guidance * (self.want > 0)
        tot += w.answers * (self.n_answers > 0)
        return np.maximum(tot, 1e-12)

    # -- criteria ------------------------------------------------------------
    def persona(self, who: Participants, other: Participants, work_other, acc_other, hours, I, J) -> np.ndarray:
        """Share of ``who[I]``'s nice-to-haves that ``other[J]`` satisfies (1 when none)."""
        nice = who.nice
        out = np.ones(I.size)
        sel = np.flatnonzero(_cached(("has_nice", id(who.nice_weights)), who.nice_weights,
                                     lambda: who.nice_weights.sum(axis=1) > 0)[I])
        if sel.size == 0:
            return out
        I, J, hours = I[sel], J[sel], hours[sel]
        nw = who.nice_weights[I].astype(np.float64)
        lang, smin, kind, hrs = nice.language[I], nice.min_seniority[I], nice.kind[I], nice.overlap_hours[I]
        nskills = self.count(nice.skills)[I]
        nw[:, 0] *= lang >= 0
        nw[:, 1] *= smin >= 0
        nw[:, 2] *= nskills > 0
        nw[:, 3] *= kind >= 0
        nw[:, 4] *= hrs > 0
        sat = np.zeros_like(nw)
        ok = lang >= 0
        if ok.any():
            sat[ok, 0] = np.asarray(work_other[J[ok], lang[ok]]).reshape(-1) > 0
        sat[:, 1] = other.seniority[J] >= smin
        ok = nskills > 0
        if ok.any():
            sat[ok, 2] = rowdot(nice.skills, other.skills, I[ok], J[ok]) / nskills[ok]
        sat[:, 3] = acc_other[J, np.maximum(kind, 0)]
        sat[:, 4] = hours >= hrs
        tot = nw.sum(axis=1)
        out[sel] = np.where(tot > 0, (nw * sat).sum(axis=1) / np.where(tot > 0, tot, 1.0), 1.0)
        return out

    def criteria(self, I, J) -> dict[str, np.ndarray]:
        A, B, w = self.A, self.B, self.w
        I, J = np.asarray(I, np.int64), np.asarray(J, np.int64)
        hours = self.hours(I, J)
        covered = rowdot(A.gaps, B.skills, I, J)
        ng = self.n_gaps[I]
        exact_cov = np.where(ng > 0, covered / np.maximum(ng, 1), 0.0)
        ncat = self.n_gapcats[I]
        if self.catG.shape[1]:
            cat_cov = np.where(ncat > 0, rowdot(self.catG, self.catK, I, J) / np.maximum(ncat, 1), 0.0)
            alpha = w.skill_exact_share
        else:
            cat_cov, alpha = np.zeros(I.size), 1.0
        shared = rowdot(self.workA, self.workB, I, J)
        rk = self.rules.kind_index
        if rk >= 0:
            kind = self.accB[J, rk].astype(np.float64)
        else:
            ka = self.accA[I] & (A.kinds[I, None] != 0)
            nk = ka.sum(axis=1)
            kind = np.where(nk > 0, (ka & self.accB[J]).sum(axis=1) / np.maximum(nk, 1), 1.0)
        want = A.guidance_wanted[I]
        na = self.n_answers[I]
        return {
            "skills": alpha * exact_cov + (1 - alpha) * cat_cov,
            "goals": np.clip(rowdot(A.goal_vec, B.profile_vec, I, J), 0.0, 1.0),
            "guidance": np.where(self.want[I] > 0, (want * B.guidance_offered[J]).sum(axis=1)
                                 / np.maximum(self.want[I], 1e-12), 0.0),
            "persona": self.persona(A, B, self.workB, self.accB, hours, I, J),
            "persona_mentor": self.persona(B, A, self.workA, self.accA, hours, J, I),
            "availability": np.minimum(1.0, hours / w.availability_target_hours),
            "language": (shared > 0).astype(np.float64),
            "seniority": self.T[A.seniority[I] + 1, B.seniority[J] + 1],
            "kind": kind,
            "answers": np.where(na > 0, rowdot(A.answers, B.answers, I, J) / np.maximum(na, 1), 0.0),
            "hours": hours,
            "covered": covered,
            "shared_languages": shared,
        }

    def applicable(self, I) -> dict[str, np.ndarray]:
        one = np.ones(len(I), dtype=bool)
        return {"skills": self.n_gaps[I] > 0, "goals": self.has_goals[I], "guidance": self.want[I] > 0,
                "persona": one, "availability": one, "language": one, "seniority": one, "kind": one,
                "answers": self.n_answers[I] > 0}

    def combine(self, crit, I):
        """(mentee-side, mentor-side) scores from criterion values."""
        w = self.w
        app = self.applicable(I)
        common = np.zeros(len(I))
        for c in ("skills", "goals", "guidance", "availability", "language", "seniority", "kind", "answers"):
            common += getattr(w, c) * app[c] * crit[c]
        norm = self.applicable_sum[I]
        return (common + w.persona * crit["persona"]) / norm, (common + w.persona * crit["persona_mentor"]) / norm

    # -- hard constraints ---------------------------------------------------
    def explicit_pairs(self):
        """Pairs forbidden by identity, reporting line or history: sorted codes i*m+j."""
        if self._explicit is None:
            from .bilinear import explicit_forbidden

            I, J = explicit_forbidden(self)
            self._explicit = np.unique(I * self.m + J)
        return self._explicit

    def must_ok(self, who: Participants, other: Participants, work_other, acc_other, hours, I, J):
        must = who.must
        ok = np.ones(I.size, dtype=bool)
        lang = must.language[I]
        has = lang >= 0
        if has.any():
            ok[has] &= np.asarray(work_other[J[has], lang[has]]).reshape(-1) > 0
        smin, smax = must.min_seniority[I], must.max_seniority[I]
        sen = other.seniority[J]
        ok &= (smin < 0) | (sen >= smin)
        ok &= (smax < 0) | ((sen >= 0) & (sen <= smax))
        kind = must.kind[I]
        ok &= (kind < 0) | acc_other[J, np.maximum(kind, 0)]
        ok &= hours >= must.overlap_hours[I]
        nreq = self.count(must.skills)[I]
        has = nreq > 0
        if has.any():
            ok[has] &= rowdot(must.skills, other.skills, I[has], J[has]) >= nreq[has] - 1e-9
        return ok

    def feasible(self, I, J, crit) -> np.ndarray:
        A, B, r = self.A, self.B, self.rules
        hours = crit["hours"]
        ok = B.capacity[J] > 0 if not self.pool else np.ones(I.size, dtype=bool)
        ok &= hours >= r.min_overlap_hours - 1e-9
        if r.require_shared_language:
            ok &= crit["shared_languages"] > 0
        if r.forbid_same_department:
            ok &= ~((A.department[I] >= 0) & (A.department[I] == B.department[J]))
        ok &= self.must_ok(A, B, self.workB, self.accB, hours, I, J)
        ok &= self.must_ok(B, A, self.workA, self.accA, hours, J, I)
        ex = self.explicit_pairs()
        if ex.size:
            code = I * self.m + J
            pos = np.minimum(np.searchsorted(ex, code), ex.size - 1)
            ok &= ex[pos] != code
        return ok

    def score_pairs(self, I, J, chunk: int = 65_536):
        """Exact (mentee-side, mentor-side) scores of pairs; NaN where forbidden."""
        I, J = np.asarray(I, np.int64), np.asarray(J, np.int64)
        s = np.empty(I.size)
        ms = np.empty(I.size)

        def one(a):
            ii, jj = I[a:a + chunk], J[a:a + chunk]
            crit = self.criteria(ii, jj)
            x, y = self.combine(crit, ii)
            bad = ~self.feasible(ii, jj, crit)
            x[bad] = np.nan
            y[bad] = np.nan
            s[a:a + chunk], ms[a:a + chunk] = x, y

        starts = range(0, I.size, chunk)
        if len(starts) >= 4 and (os.cpu_count() or 1) > 1:  # numpy releases the GIL: two threads
            self._prime()
            with ThreadPoolExecutor(2) as ex:
                list(ex.map(one, starts))
        else:
            for a in starts:
                one(a)
        return s, ms

    def _prime(self):
        """Build the lazy caches once, before threads share them."""
        z = np.zeros(1, dtype=np.int64)
        crit = self.criteria(z, z)
        self.feasible(z, z, crit)

    def score_matrix(self):
        """Dense exact (mentee-side, mentor-side) matrices; for small instances and tests."""
        I, J = np.divmod(np.arange(self.n * self.m, dtype=np.int64), self.m)
        s, ms = self.score_pairs(I, J)
        return s.reshape(self.n, self.m), ms.reshape(self.n, self.m)


class ScoredSource(RowSource):
    """Candidate source streaming upper-bound scores in row chunks (see ``bilinear``)."""

    has_mentor_scores = True
    floor = FLOOR
    margin = 2e-4

    def __init__(self, scorer: Scorer, share: float, chunk_rows: int | None = None, threads: int = 0):
        from .bilinear import Compiled

        self.scorer = scorer
        self.n_mentees, self.n_mentors = scorer.n, scorer.m
        self.compiled = {}
        self.share = share
        self._compiled_for = Compiled
        self.threads = threads if threads else (2 if scorer.n * scorer.m > 50_000_000 else 1)
        self.chunk_rows = chunk_rows or max(8, min(512, (1 << 22) // max(1, self.n_mentors)))
        self._ws = {}

    def model(self, share):
        if share not in self.compiled:
            self.compiled[share] = self._compiled_for(self.scorer, share)
        return self.compiled[share]

    def ub_rows(self, rows, share):
        return self.model(share).ub_rows(np.asarray(rows, np.int64))

    # -- the block interface of ``stream.scan``: products straight into reused buffers ---------
    def blocks(self, rows, share, max_rows):
        cm = self.model(share)
        return cm.pieces(cm.order(rows), max_rows)

    def workspace(self, share, max_rows, layout):
        # one per thread and layout, as tall as the tallest request (scans vary their block size)
        key = (threading.get_ident(), share, None if layout is None else id(layout))
        hit = self._ws.get(key)
        if hit is None or hit[0] is not layout or hit[1].X.shape[0] < max_rows:
            if len(self._ws) > 4:
                self._ws.clear()
            rows = max(max_rows, hit[1].X.shape[0] if hit is not None and hit[0] is layout else 0)
            hit = self._ws[key] = (layout, self.model(share).workspace(rows, layout))
        return hit[1]

    def block(self, rows, share, ws):
        return self.model(share).block(rows, ws)

    def exact(self, I, J):
        return self.scorer.score_pairs(I, J)

    def mentor_gap(self, rows):
        """Mentor-side minus mentee-side score is at most the persona weight's share."""
        sc = self.scorer
        return sc.w.persona / sc.applicable_sum[np.asarray(rows, np.int64)] + 1e-9
