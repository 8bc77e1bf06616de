"""Errors raised by the matching engine.

Every error the engine raises on bad input is a ``MatchingInputError``, which is
also a ``ValueError``, so callers can catch either.
"""

from __future__ import annotations


class MatchingError(Exception):
    """Base class of all matching-engine errors."""


class MatchingInputError(MatchingError, ValueError):
    """The input to the engine is malformed (shapes, types, signs, NaNs)."""


class InfeasibleError(MatchingInputError):
    """The input is well-formed but nothing can be matched (e.g. all pairs are forbidden)."""
