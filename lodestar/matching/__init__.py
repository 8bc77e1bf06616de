"""Lodestar's matching engine: pure numpy / scipy / OR-Tools, no Django.

Array level (testable against independent oracles)::

    result = solve(mentee_scores, capacities, "optimal" | "stable" | "peer" | "suggest",
                   mentor_scores=None)
    result.assignment[i]   # mentor index of mentee i, or -1
    result.report          # QualityReport: totals, distribution, unmatched and why,
                           # blocking pairs, certified gap (optimal)

Participant level (features -> streamed scores -> solver -> explanations)::

    res = match(mentees, mentors, vocab, mode="optimal", weights=Weights(), rules=Rules())
    res.explanations[t].reasons   # "4.5 h a week of shared availability", ...
    Directory(mentees, mentors, vocab).suggest(i, k=5)
"""

from .api import COMPLETE_LIMIT, MODES, MatchResult, solve, top_k
from .candidates import Candidates
from .engine import Directory, Suggestion, explain, match, score_matrix, score_pairs, suggest
from .errors import InfeasibleError, MatchingError, MatchingInputError
from .explain import Explanation, explain_pairs
from .features import (
    GUIDANCE, KINDS, NICE, SLOTS_PER_WEEK, Participants, Requirements, Rules, Vocabulary, Weights,
    hash_vectorize, overlap_hours, pack_availability, windows_to_mask,
)
from .report import QualityReport
from .scoring import Scorer, ScoredSource

__all__ = [
    "COMPLETE_LIMIT", "GUIDANCE", "KINDS", "MODES", "NICE", "SLOTS_PER_WEEK", "Candidates", "Directory",
    "Explanation", "InfeasibleError", "MatchResult", "MatchingError", "MatchingInputError", "Participants",
    "QualityReport", "Requirements", "Rules", "ScoredSource", "Scorer", "Suggestion", "Vocabulary", "Weights",
    "explain", "explain_pairs", "hash_vectorize", "match", "overlap_hours", "pack_availability", "score_matrix",
    "score_pairs", "solve", "suggest", "top_k", "windows_to_mask",
]
