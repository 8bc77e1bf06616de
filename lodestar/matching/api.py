"""The array-level entry point: ``solve(mentee_scores, capacities, mode, mentor_scores)``."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .candidates import NEG, Candidates, DenseSource, RowSource, SparseSource, select_top
from .errors import InfeasibleError, MatchingInputError
from .optimal import solve_optimal
from .peer import solve_peer
from .report import NO_PARTNER, PARTNERS_TAKEN, WAITING, QualityReport, build_report, pair_values
from .stable import solve_stable

MODES = ("optimal", "stable", "peer", "suggest")
COMPLETE_LIMIT = 4_000_000  # dense inputs up to this many pairs are solved on complete lists


@dataclass
class MatchResult:
    """Outcome of ``solve``.

    ``assignment[i]`` is mentee ``i``'s mentor index, or -1 (peer mode: the
    partner's index; in a trio, one of the two partners).  ``scores`` and
    ``mentor_scores`` give the two sides' scores of each assigned pair (NaN when
    unmatched).  Peer mode also fills ``groups`` and ``waiting``; suggest mode fills
    ``suggestions`` (mentor indices, best first) and ``suggestion_scores``.
    """

    mode: str
    assignment: np.ndarray
    scores: np.ndarray
    mentor_scores: np.ndarray
    report: QualityReport
    groups: list[tuple[int, ...]] | None = None
    waiting: list[int] | None = None
    suggestions: list[np.ndarray] | None = None
    suggestion_scores: list[np.ndarray] | None = None
    candidates: Candidates | None = None

    def pairs(self) -> list[tuple[int, int]]:
        return [(int(i), int(j)) for i, j in enumerate(self.assignment) if j >= 0]


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


def _check_dense(a, name) -> np.ndarray:
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise MatchingInputError(f"{name} must be a numeric array: {exc}") from None
    if arr.ndim != 2:
        raise MatchingInputError(f"{name} must be 2-dimensional (mentees x mentors), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise MatchingInputError(f"{name} has no mentees (shape {arr.shape})")
    if arr.shape[1] == 0:
        raise InfeasibleError(f"{name} has no mentors (shape {arr.shape}): nobody can be matched")
    if np.isinf(arr).any():
        raise MatchingInputError(f"{name} contains infinite values; mark forbidden pairs with NaN")
    return arr


def _check_capacities(capacities, m) -> np.ndarray:
    if capacities is None:
        raise MatchingInputError("capacities are required for this mode (one per mentor)")
    try:
        cap = np.asarray(capacities, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise MatchingInputError(f"capacities must be numbers: {exc}") from None
    if cap.ndim == 0:
        cap = np.full(m, float(cap))
    if cap.ndim != 1 or cap.size != m:
        raise MatchingInputError(f"capacities must have one entry per mentor: expected {m}, got shape {cap.shape}")
    if not np.all(np.isfinite(cap)):
        raise MatchingInputError("capacities must be finite")
    if np.any(cap < 0):
        bad = np.flatnonzero(cap < 0)[:5].tolist()
        raise MatchingInputError(f"capacities must be >= 0; negative for mentor(s) {bad}")
    if np.any(cap != np.round(cap)):
        raise MatchingInputError("capacities must be whole numbers")
    return cap.astype(np.int64)


def _as_candidates(a, mentor_scores) -> Candidates:
    if isinstance(a, Candidates):
        if mentor_scores is not None:
            raise MatchingInputError("with Candidates input, put mentor scores in Candidates.mentor_scores")
        c = a
    else:
        csr = sp.csr_array(a, dtype=np.float64)
        csr.sum_duplicates()
        csr.sort_indices()
        if csr.shape[0] == 0:
            raise MatchingInputError(f"mentee_scores has no mentees (shape {csr.shape})")
        if not np.all(np.isfinite(csr.data)):
            raise MatchingInputError("sparse scores must be finite; leave forbidden pairs out of the matrix")
        ms = None
        if mentor_scores is not None:
            mcsr = sp.csr_array(mentor_scores, dtype=np.float64)
            mcsr.sum_duplicates()
            mcsr.sort_indices()
            if mcsr.shape != csr.shape:
                raise MatchingInputError(f"mentor_scores shape {mcsr.shape} != mentee_scores shape {csr.shape}")
            if not (np.array_equal(mcsr.indptr, csr.indptr) and np.array_equal(mcsr.indices, csr.indices)):
                raise MatchingInputError("sparse mentor_scores must list exactly the same pairs as mentee_scores")
            if not np.all(np.isfinite(mcsr.data)):
                raise MatchingInputError("sparse mentor scores must be finite")
            ms = mcsr.data.astype(np.float64)
        n, m = csr.shape
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(csr.indptr))
        c = Candidates.from_pairs(n, m, rows, csr.indices.astype(np.int64), csr.data, ms, np.full(n, NEG))
    if c.nnz and (c.mentors.min() < 0 or c.mentors.max() >= c.n_mentors):
        raise MatchingInputError("candidate mentor index out of range")
    return c


def _source(mentee_scores, mentor_scores, cap, mode):
    """Return (source, complete) for the given input."""
    if isinstance(mentee_scores, RowSource) or hasattr(mentee_scores, "deepen"):
        return mentee_scores, False
    if isinstance(mentee_scores, Candidates) or sp.issparse(mentee_scores):
        return SparseSource(_as_candidates(mentee_scores, mentor_scores)), True
    S = _check_dense(mentee_scores, "mentee_scores")
    MS = None
    if mentor_scores is not None:
        MS = _check_dense(mentor_scores, "mentor_scores")
        if MS.shape != S.shape:
            raise MatchingInputError(f"mentor_scores shape {MS.shape} != mentee_scores shape {S.shape}")
    if mode == "peer":
        if S.shape[0] != S.shape[1]:
            raise MatchingInputError(f"peer mode needs a square pool x pool matrix, got shape {S.shape}")
        S = (S + S.T) / 2.0
        np.fill_diagonal(S, np.nan)
    active = cap > 0 if cap is not None else np.ones(S.shape[1], dtype=bool)
    src = DenseSource(S, MS, active)
    return src, S.size <= COMPLETE_LIMIT


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def solve(mentee_scores, capacities=None, mode: str = "optimal", mentor_scores=None, *,
          k: int = 24, odd: str = "trio", match_bonus: float = 0.0, mentor_share: float | None = None,
          mentee: int | None = None, top: int = 5, max_rounds: int | None = None,
          complete: bool | None = None) -> MatchResult:
    """Match mentees to mentors.

    ``mentee_scores``: dense ``(n, m)`` array (NaN = forbidden pair), a scipy sparse
    matrix (stored entries are the allowed pairs), a ``Candidates`` object, or a
    candidate source from ``lodestar.matching.scoring``.  ``capacities``: one
    non-negative whole number per mentor (not used by ``peer``).

    Modes:

    * ``optimal`` - maximum total of pair weights, a pair's weight being its mentee
      score (or ``(1-s)*mentee + s*mentor`` with ``s = mentor_share``, 0.5 by default
      when ``mentor_scores`` is given) plus ``match_bonus``.  Unmatched is allowed.
    * ``stable``  - mentee-optimal stable matching (mentors rank by ``mentor_scores``,
      or by the same scores when absent).
    * ``peer``    - pairs within one pool from a square matrix (symmetrised); an odd
      person out joins a trio (``odd="trio"``) or waits (``odd="wait"``).
    * ``suggest`` - the ``top`` best mentors with free capacity for ``mentee``
      (or for every mentee).

    ``k`` is the initial candidate-list length per mentee when lists are pruned
    (dense inputs above ``COMPLETE_LIMIT`` pairs, or ``complete=False``); pruning is
    certified or repaired by deepening, up to ``max_rounds`` rounds.
    """
    t0 = time.perf_counter()
    if mode not in MODES:
        raise MatchingInputError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    if odd not in ("trio", "wait"):
        raise MatchingInputError(f"odd must be 'trio' or 'wait', got {odd!r}")
    if mode == "peer" and mentor_scores is not None:
        raise MatchingInputError("peer mode takes one symmetric score matrix; mentor_scores is not used")
    if not np.isfinite(match_bonus):
        raise MatchingInputError("match_bonus must be finite")
    is_source = hasattr(mentee_scores, "deepen") and not isinstance(mentee_scores, Candidates)
    if is_source:
        n, m = mentee_scores.n_mentees, mentee_scores.n_mentors
    elif sp.issparse(mentee_scores) or isinstance(mentee_scores, Candidates):
        n, m = mentee_scores.shape if sp.issparse(mentee_scores) else (mentee_scores.n_mentees, mentee_scores.n_mentors)
    else:
        arr = _check_dense(mentee_scores, "mentee_scores")
        n, m = arr.shape
        mentee_scores = arr
    if mode == "peer":
        cap = np.ones(m, dtype=np.int64)
        if n != m:
            raise MatchingInputError(f"peer mode needs a square pool x pool matrix, got shape {(n, m)}")
        if n < 2:
            raise InfeasibleError("peer mode needs at least two people in the pool")
    else:
        cap = _check_capacities(capacities, m)
        if cap.sum() == 0:
            raise InfeasibleError("every mentor has capacity 0: nobody can be matched")
    source, auto_complete = _source(mentee_scores, mentor_scores, cap, mode)
    complete = auto_complete if complete is None else (bool(complete) and hasattr(source, "full"))
    has_ms = source.has_mentor_scores
    if mentor_share is None:
        share = 0.5 if has_ms else 0.0
    else:
        share = float(mentor_share)
        if not 0.0 <= share <= 1.0:
            raise MatchingInputError("mentor_share must lie in [0, 1]")
    _check_not_all_forbidden(source, complete, cap)
    if max_rounds is None:  # later rounds re-solve the flow on a small working set: affordable
        max_rounds = 8

    if mode == "optimal":
        assignment, info = solve_optimal(source, cap, k=k, share=share, bonus=match_bonus,
                                         max_rounds=max_rounds, complete=complete)
        cands = info.candidates
        report = build_report(
            mode, cands, assignment, cap, objective=info.objective, upper_bound=info.upper_bound,
            gap=info.gap, certified=info.certified, rounds=info.rounds, deepened=info.deepened,
            extra={"resolution": info.resolution, "mentor_share": share, "match_bonus": match_bonus},
        )
    elif mode == "stable":
        assignment, info = solve_stable(source, cap, k=k, complete=complete)
        cands = info.candidates
        report = build_report(mode, cands, assignment, cap, rounds=info.rounds, deepened=info.deepened,
                              extra={"proposals": info.proposals})
    elif mode == "peer":
        info = solve_peer(source, k=k, odd=odd, complete=complete, bonus=match_bonus)
        cands = info.relax.candidates
        assignment = info.partner
        report = _peer_report(cands, info)
    else:
        return _suggest(source, cap, mentee, top, t0)
    s, ms = pair_values(cands, assignment)
    report.seconds = time.perf_counter() - t0
    res = MatchResult(mode, assignment, s, ms, report, candidates=cands)
    if mode == "peer":
        res.groups, res.waiting = info.groups, info.waiting
    return res


def _check_not_all_forbidden(source, complete, cap):
    if isinstance(source, SparseSource):
        c = source.cands
        ok = c.nnz > 0 and np.any(cap[c.mentors] > 0)
    elif isinstance(source, DenseSource):
        S = source.scores[:, source.active]
        ok = bool(np.any(~np.isnan(S) & (np.ones_like(S, dtype=bool) if source.mentor_scores is None
                                        else ~np.isnan(source.mentor_scores[:, source.active]))))
    else:
        return  # large sources: checked on their candidate lists
    if not ok:
        raise InfeasibleError("every pair is forbidden (or only involves mentors with capacity 0): "
                              "nobody can be matched")


def _peer_report(cands, info) -> QualityReport:
    n = cands.n_mentees
    cap = np.ones(n, dtype=np.int64)
    reasons = {}
    rows = cands.rows()
    has_edge = np.bincount(rows, minlength=n) > 0
    for i in info.waiting:
        reasons[i] = WAITING if has_edge[i] and len(info.waiting) == 1 and n % 2 == 1 else (
            PARTNERS_TAKEN if has_edge[i] else NO_PARTNER)
    # blocking pairs: both would rather be with each other than with their partner
    part = info.partner
    w = cands.scores
    cur = np.full(n, -np.inf)
    hit = part[rows] == cands.mentors
    cur[rows[hit]] = w[hit]
    c = cands.mentors
    wcur_c = cur[c]
    b = (rows < c) & (part[rows] != c) & (w > cur[rows]) & (w > wcur_c)
    idx = np.flatnonzero(b)
    rep = build_report("peer", cands, part, cap, objective=info.pairs_total, upper_bound=info.upper_bound,
                       gap=max(0.0, info.upper_bound - info.pairs_total),
                       certified=bool(info.upper_bound - info.pairs_total <= info.relax.resolution * n),
                       rounds=info.relax.rounds, deepened=info.relax.deepened, reasons=reasons,
                       block=(int(idx.size), [(int(rows[t]), int(c[t])) for t in idx[:10]]),
                       extra={"groups": len(info.groups), "trio": info.trio, "waiting": list(info.waiting)})
    # in a pool, total counts each pair once
    rep.total_score = info.total
    rep.mean_score = info.total / max(1, len(info.groups))
    return rep


def top_k(scores_row: np.ndarray, k: int, available: np.ndarray | None = None):
    """Indices and scores of the ``k`` best allowed entries of one row (NaN = forbidden)."""
    row = np.asarray(scores_row, dtype=np.float64).reshape(1, -1).copy()
    row[np.isnan(row)] = NEG
    if available is not None:
        row[:, ~np.asarray(available, dtype=bool)] = NEG
    _, c, v, _ = select_top(row, k)
    return c, v


def _suggest(source, cap, mentee, top, t0) -> MatchResult:
    n, m = source.n_mentees, source.n_mentors
    if mentee is not None and not 0 <= int(mentee) < n:
        raise MatchingInputError(f"mentee index {mentee} out of range 0..{n - 1}")
    rows = np.arange(n) if mentee is None else np.array([int(mentee)])
    if isinstance(source, SparseSource):
        c = source.cands
        sugg, ss = [], []
        for i in rows.tolist():
            a, b = c.indptr[i], c.indptr[i + 1]
            ok = cap[c.mentors[a:b]] > 0
            sugg.append(c.mentors[a:b][ok][:top])
            ss.append(c.scores[a:b][ok][:top])
    else:
        sugg, ss = [], []
        for r0 in range(0, rows.size, 1024):
            rr = rows[r0:r0 + 1024]
            U = source.ub_rows(rr, 0.0)
            r, cc, _, _ = select_top(U, top, source.floor)
            s, _ = source.exact(rr[r], cc)
            for t in range(rr.size):
                sel = (r == t) & ~np.isnan(s)
                o = np.lexsort((cc[sel], -s[sel]))
                sugg.append(cc[sel][o])
                ss.append(s[sel][o])
    assignment = np.full(n, -1, dtype=np.int64)
    empty = Candidates(n, m, np.zeros(n + 1, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0), None,
                       np.full(n, NEG))
    rep = build_report("suggest", empty, assignment, cap, reasons={}, block=(0, []),
                       extra={"suggested_for": rows.size,
                              "without_suggestion": [int(i) for i, s in zip(rows, sugg) if s.size == 0]})
    rep.unmatched = 0
    rep.seconds = time.perf_counter() - t0
    nan = np.full(n, np.nan)
    return MatchResult("suggest", assignment, nan, nan.copy(), rep, suggestions=sugg, suggestion_scores=ss)
