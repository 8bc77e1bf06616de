"""Participant-level entry points: score, match and suggest, with explanations.

``match(mentees, mentors, vocab, mode=...)`` streams upper-bound scores in row
chunks into per-mentee candidate lists (memory O((n + m) * k), never n x m),
scores listed pairs exactly, and hands the lists to ``solve``, which deepens a
mentee's list only when its proof of optimality or stability needs it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .api import MatchResult, solve
from .candidates import NEG, RowSource, select_top
from .errors import InfeasibleError, MatchingInputError
from .explain import Explanation, explain_pairs
from .features import Participants, Rules, Vocabulary, Weights
from .scoring import FLOOR, ScoredSource, Scorer


class PeerSource(RowSource):
    """Symmetric pair values inside one pool: the mean of both people's views."""

    has_mentor_scores = False
    floor = FLOOR
    margin = 2e-4

    def __init__(self, scorer: Scorer):
        from .bilinear import Compiled

        self.scorer = scorer
        self.model = Compiled(scorer, 0.0)
        self.n_mentees = self.n_mentors = scorer.n
        self.chunk_rows = max(8, min(256, (1 << 21) // max(1, scorer.n)))
        self._all = np.arange(scorer.n, dtype=np.int64)

    def ub_rows(self, rows, share):
        rows = np.asarray(rows, np.int64)
        fwd = self.model.ub_rows(rows)
        back = self.model.ub_rows(self._all, cols=np.sort(rows))
        order = np.argsort(np.argsort(rows))
        return 0.5 * (fwd + back.T[order])

    def exact(self, I, J):
        s1, _ = self.scorer.score_pairs(I, J)
        s2, _ = self.scorer.score_pairs(J, I)
        return 0.5 * (s1 + s2), None


@dataclass
class Suggestion:
    mentor: int
    score: float
    mentor_score: float
    explanation: Explanation


def _capacities(mentors: Participants, capacities) -> np.ndarray:
    cap = mentors.capacity if capacities is None else np.asarray(capacities)
    if cap.shape != (mentors.n,):
        raise MatchingInputError(f"capacities must have one entry per mentor ({mentors.n})")
    return cap


def match(mentees: Participants, mentors: Participants | None, vocab: Vocabulary, *, mode: str = "optimal",
          weights: Weights | None = None, rules: Rules | None = None, capacities=None, k: int = 24,
          odd: str = "trio", explain: bool = True, max_rounds: int | None = None) -> MatchResult:
    """Score and match.  ``mode`` is optimal, stable or peer (peer: ``mentors`` is None).

    The result carries ``explanations`` (one per matched pair) when ``explain``.
    """
    weights = weights or Weights()
    rules = rules or Rules()
    if mode == "peer":
        scorer = Scorer(mentees, mentees, vocab, weights, rules, pool=True)
        source = PeerSource(scorer)
        res = solve(source, None, "peer", k=k, odd=odd, max_rounds=max_rounds)
    else:
        if mentors is None:
            raise MatchingInputError("mentors are required unless mode='peer'")
        cap = _capacities(mentors, capacities)
        if np.any(cap < 0):
            raise MatchingInputError("capacities must be >= 0")
        scorer = Scorer(mentees, mentors, vocab, weights, rules)
        if not np.array_equal(cap, mentors.capacity):
            scorer.B = _with_capacity(mentors, cap)
        share = weights.mentor_share if mode == "optimal" else 0.0
        source = ScoredSource(scorer, share)
        res = solve(source, cap, mode, k=k, mentor_share=share, match_bonus=weights.match_bonus,
                    max_rounds=max_rounds)
    if res.candidates is not None and res.candidates.nnz == 0 and not np.isfinite(res.candidates.bound).any():
        raise InfeasibleError("every pair is forbidden by the hard constraints: nobody can be matched")
    res.scorer = scorer
    if explain:
        I = np.flatnonzero(res.assignment >= 0)
        res.explanations = explain_pairs(scorer, I, res.assignment[I])
    return res


def _with_capacity(p: Participants, cap) -> Participants:
    from dataclasses import replace

    return replace(p, capacity=np.asarray(cap, dtype=np.int64))


def score_pairs(mentees, mentors, vocab, I, J, *, weights=None, rules=None):
    """Exact (mentee-side, mentor-side) scores of the given pairs; NaN = forbidden."""
    return Scorer(mentees, mentors, vocab, weights, rules).score_pairs(I, J)


def score_matrix(mentees, mentors, vocab, *, weights=None, rules=None):
    """Dense exact score matrices (small instances only: n x m memory)."""
    return Scorer(mentees, mentors, vocab, weights, rules).score_matrix()


def explain(mentees, mentors, vocab, I, J, *, weights=None, rules=None) -> list[Explanation]:
    return explain_pairs(Scorer(mentees, mentors, vocab, weights, rules), I, J)


class Directory:
    """Prepared scorer for repeated suggestions (directory, self-matching)."""

    def __init__(self, mentees: Participants, mentors: Participants, vocab: Vocabulary,
                 weights: Weights | None = None, rules: Rules | None = None):
        self.scorer = Scorer(mentees, mentors, vocab, weights, rules)
        self.source = ScoredSource(self.scorer, 0.0)
        self.source.model(0.0)
        if mentees.n and mentors.n:  # build the lazy caches now rather than on the first request
            self.source.ub_rows(np.zeros(1, dtype=np.int64), 0.0)
            explain_pairs(self.scorer, np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))
            if vocab.n_languages:
                vocab.language_name(0)  # loads the language names once

    def suggest(self, mentee: int, k: int = 5, *, available=None) -> list[Suggestion]:
        """Top ``k`` mentors for one mentee by exact mentee-side score, with explanations.

        Upper bounds rank all mentors; exact scores are computed for a short list that
        is widened until the k-th exact score beats the bound of everyone left out.
        """
        sc = self.scorer
        if not 0 <= int(mentee) < sc.n:
            raise MatchingInputError(f"mentee index {mentee} out of range 0..{sc.n - 1}")
        U = self.source.ub_rows(np.array([int(mentee)]), 0.0)
        if available is not None:
            U[:, ~np.asarray(available, dtype=bool)] = NEG
        depth = max(4 * k, 32)
        while True:
            _, c, _, bound = select_top(U, depth, FLOOR)
            s, ms = sc.score_pairs(np.full(c.size, int(mentee)), c)
            ok = ~np.isnan(s)
            c, s, ms = c[ok], s[ok], ms[ok]
            o = np.lexsort((c, -s))
            c, s, ms = c[o], s[o], ms[o]
            limit = bound[0] + self.source.margin if np.isfinite(bound[0]) else NEG
            if not np.isfinite(bound[0]) or (c.size >= k and s[k - 1] > limit) or depth >= sc.m:
                break
            depth *= 4
        c, s, ms = c[:k], s[:k], ms[:k]
        exps = explain_pairs(sc, np.full(c.size, int(mentee)), c)
        return [Suggestion(int(a), float(b), float(d), e) for a, b, d, e in zip(c, s, ms, exps)]


def suggest(mentee: int, mentees: Participants, mentors: Participants, vocab: Vocabulary, k: int = 5, *,
            weights: Weights | None = None, rules: Rules | None = None, available=None) -> list[Suggestion]:
    """Top ``k`` mentors for one mentee (one-off; use ``Directory`` for repeated calls)."""
    one = mentees.subset([int(mentee)])
    if rules is not None and rules.excluded_pairs is not None and len(rules.excluded_pairs):
        from dataclasses import replace

        ex = np.asarray(rules.excluded_pairs, dtype=np.int64).reshape(-1, 2)
        ex = ex[ex[:, 0] == int(mentee)].copy()
        ex[:, 0] = 0
        rules = replace(rules, excluded_pairs=ex)
    return Directory(one, mentors, vocab, weights, rules).suggest(0, k, available=available)
