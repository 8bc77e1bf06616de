"""A batch matching's outcome as people-level pairs and a JSON-ready report (no Django).

Shared by the ``match`` command (which stores it as a MatchRun) and ``match-file`` (which
writes it to CSV): engine row indexes become the participants' ids here, once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .api import MatchResult
from .engine import match
from .explain import explain_pairs
from .features import Participants, Rules, Vocabulary, Weights

UNMATCHED_TEXT = {
    "no_feasible_mentor": "no mentor meets the hard constraints (a shared working language, "
                          "must-haves, room for a mentee)",
    "capacity": "every mentor who would suit is full",
    "not_worthwhile": "left out because other pairings added up to a better total",
    "waiting": "the odd one out of the pool: waits for the next round",
    "no_feasible_partner": "nobody in the pool meets the hard constraints",
    "partners_taken": "every suitable partner is already paired",
}


@dataclass
class Pair:
    mentee: int  # participant id (peer mode: the first partner)
    mentor: int  # participant id (peer mode: the second partner)
    score: float
    shared_hours: float
    breakdown: dict[str, float]
    reasons: list[str]


@dataclass
class Outcome:
    mode: str
    pairs: list[Pair]
    unmatched: dict[int, str]  # participant id -> reason code
    report: dict  # QualityReport.as_dict() with ids instead of row indexes, JSON-safe
    summary: str
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def run_match(mode: str, mentees: Participants, mentors: Participants | None, vocab: Vocabulary, *,
              weights: Weights | None = None, rules: Rules | None = None) -> Outcome:
    """Match, explain the chosen pairs, and translate indexes to ids."""
    weights = weights or Weights()
    if rules is None:
        rules = Rules(kind="peer") if mode == "peer" else Rules()
    res = match(mentees, None if mode == "peer" else mentors, vocab, mode=mode, weights=weights,
                rules=rules, explain=mode != "peer")
    other = mentees if mode == "peer" else mentors
    pairs = _peer_pairs(res, mentees) if mode == "peer" else _pairs(res, mentees, mentors)
    report = res.report
    rep = report.as_dict()
    a_ids, b_ids = mentees.ids, other.ids
    rep["unmatched_reasons"] = {int(a_ids[i]): why for i, why in report.unmatched_reasons.items()}
    rep["blocking_examples"] = [[int(a_ids[i]), int(b_ids[j])] for i, j in report.blocking_examples]
    for key in ("waiting", "without_suggestion"):
        if key in rep["extra"]:
            rep["extra"][key] = [int(a_ids[i]) for i in rep["extra"][key]]
    return Outcome(mode, pairs, dict(rep["unmatched_reasons"]), json_safe(rep), report.summary(),
                   report.seconds)


def _pair(ex, a_ids, b_ids, score) -> Pair:
    return Pair(
        mentee=int(a_ids[ex.mentee]), mentor=int(b_ids[ex.mentor]), score=round(float(score), 4),
        shared_hours=round(float(ex.breakdown["availability"]["hours_per_week"]), 2),
        breakdown={c: float(v["contribution"]) for c, v in ex.breakdown.items()},
        reasons=list(ex.reasons),
    )


def _pairs(res: MatchResult, mentees: Participants, mentors: Participants) -> list[Pair]:
    rows = np.flatnonzero(res.assignment >= 0)
    return [_pair(ex, mentees.ids, mentors.ids, res.scores[i])
            for i, ex in zip(rows.tolist(), res.explanations, strict=True)]


def _peer_pairs(res: MatchResult, pool: Participants) -> list[Pair]:
    """Every pairing inside each group (a trio is three), explained from the first one's view."""
    links = [(a, b) for g in res.groups for t, a in enumerate(g) for b in g[t + 1:]]
    if not links:
        return []
    I = np.array([a for a, _ in links], dtype=np.int64)
    J = np.array([b for _, b in links], dtype=np.int64)
    there, _ = res.scorer.score_pairs(I, J)
    back, _ = res.scorer.score_pairs(J, I)
    exps = explain_pairs(res.scorer, I, J)
    return [_pair(ex, pool.ids, pool.ids, 0.5 * (s + b))
            for ex, s, b in zip(exps, there, back, strict=True)]


def json_safe(value):
    """Numbers, lists and dicts only, with NaN and infinities as None (JSONField, CSV)."""
    if isinstance(value, dict):
        return {k if isinstance(k, str | int) else str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return float(value) if math.isfinite(value) else None
    return value
