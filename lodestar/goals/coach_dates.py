"""Dates for the goal coach: finding a deadline in the goal text, and horizon windows.

Standard library only. A goal's horizon is "short" (6 to 12 months) or "long"
(3 to 5 years). Each horizon also has a wider *allowed* window: outside it the
date is a mismatch ("block"); inside it but outside the usual window it only
earns advice. The allowed windows meet at 18 months, so every date from 2
months to 7 years away fits exactly one horizon.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .coach_lexicon import NUMBER_WORDS

SHORT, LONG = "short", "long"
HORIZONS = (SHORT, LONG)

#: months from today: (usual window, allowed window)
WINDOWS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    SHORT: ((6, 12), (2, 18)),
    LONG: ((36, 60), (18, 84)),
}

_HORIZON_ALIASES = {
    "short": SHORT, "short-term": SHORT, "short_term": SHORT, "shortterm": SHORT, "s": SHORT,
    "long": LONG, "long-term": LONG, "long_term": LONG, "longterm": LONG, "l": LONG,
}


def normalize_horizon(horizon: str | None) -> str | None:
    """'short', 'Short-term', 'short_term' -> 'short'; unknown or empty -> None."""
    if not horizon:
        return None
    return _HORIZON_ALIASES.get(horizon.strip().lower().replace(" ", "-"))


def add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def window(horizon: str, today: date, *, allowed: bool = False) -> tuple[date, date]:
    """First and last date of a horizon's usual (or allowed) window, seen from today."""
    low, high = WINDOWS[horizon][1 if allowed else 0]
    return add_months(today, low), add_months(today, high)


def _inside(today: date, when: date, months: tuple[int, int]) -> bool:
    """Calendar months, inclusive: six months from 15 January is 15 July."""
    return add_months(today, months[0]) <= when <= add_months(today, months[1])


def horizon_for(today: date, when: date) -> str | None:
    """Which horizon's allowed window a date falls in, or None (too soon / too far)."""
    for horizon in HORIZONS:
        if _inside(today, when, WINDOWS[horizon][1]):
            return horizon
    return None


def fit(horizon: str, today: date, when: date) -> str:
    """'ok', 'stretch' (allowed but unusual) or 'mismatch'."""
    usual, allowed = WINDOWS[horizon]
    if _inside(today, when, usual):
        return "ok"
    if _inside(today, when, allowed):
        return "stretch"
    return "mismatch"


def suggested_date(horizon: str | None, today: date) -> date:
    """A sensible target for hints when the person has not given one."""
    return add_months(today, 48 if horizon == LONG else 9)


# --- dates inside the goal text ------------------------------------------------------------

@dataclass(frozen=True)
class TextDate:
    """A deadline found in the goal text ("by June", "in 6 months", "until 2027")."""

    date: date
    span: tuple[int, int]
    text: str


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PREP = r"(?:by|before|until|till|til|in|during|for|around|from|at|through|end\s+of)"
_NUM = r"(?:\d{1,3}|" + "|".join(k for k in NUMBER_WORDS if k != "half") + r")"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("month", re.compile(
        rf"\b{_PREP}\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?:early|mid|late)[-\s]+)?"
        rf"(?P<mon>{_MONTH_RE})\.?(?:\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<y>\d{{4}})\b", re.I)),
    ("quarter", re.compile(
        r"\b(?:(?:by|before|in|during|until|end\s+of)\s+)?(?:the\s+)?(?:end\s+of\s+)?"
        r"Q(?P<q>[1-4])(?:\s+(?P<y>\d{4}))?\b", re.I)),
    ("year", re.compile(
        rf"\b{_PREP}\s+(?:the\s+)?(?:end\s+of\s+)?(?:year\s+)?(?P<y>(?:19|20)\d{{2}})\b", re.I)),
    ("relative", re.compile(
        rf"\b(?:(?:in|within|over|inside|for)\s+(?:the\s+)?(?:next\s+)?|next\s+|"
        rf"(?:in|within)\s+a\s+)(?P<n>{_NUM}|a\s+couple\s+of|a\s+few)\s+"
        rf"(?P<unit>day|week|month|year|quarter)s?\b", re.I)),
    ("this_next", re.compile(
        r"\b(?:(?:by|before|until)\s+)?(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?"
        r"(?P<which>this|next|the)\s+(?P<unit>year|month|quarter)\b", re.I)),
]


def _number(word: str) -> int:
    word = word.lower().replace("a couple of", "couple").replace("a few", "few")
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _resolve(kind: str, m: re.Match[str], today: date) -> date | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
    if kind in ("month", "month_year"):
        word = g["mon"]
        month = _MONTHS[word.lower().rstrip(".")]
        # "may" and "march" are ordinary words: only trust them capitalised or with a year.
        if word.lower() in ("may", "march", "mar") and not (word[0].isupper() or g.get("y")):
            return None
        if g.get("y"):
            year = int(g["y"])
        else:
            year = today.year if month >= today.month else today.year + 1
        if m.group(0).lower().startswith("before"):
            return date(year, month, 1) - timedelta(days=1)
        return end_of_month(year, month)
    if kind == "quarter":
        q = int(g["q"])
        year = int(g["y"]) if g.get("y") else (
            today.year if q * 3 >= today.month else today.year + 1)
        return end_of_month(year, q * 3)
    if kind == "year":
        year = int(g["y"])
        if m.group(0).lower().startswith("before"):
            return date(year - 1, 12, 31)
        return date(year, 12, 31)
    if kind == "relative":
        n, unit = _number(g["n"]), g["unit"].lower()
        if unit == "day":
            return today + timedelta(days=n)
        if unit == "week":
            return today + timedelta(weeks=n)
        return add_months(today, n * {"month": 1, "quarter": 3, "year": 12}[unit])
    if kind == "this_next":
        which, unit = g["which"].lower(), g["unit"].lower()
        if which == "the" and "end" not in m.group(0).lower():
            return None
        step = 1 if which == "next" else 0
        if unit == "year":
            return date(today.year + step, 12, 31)
        if unit == "month":
            first = add_months(today.replace(day=1), step)
            return end_of_month(first.year, first.month)
        q_end = add_months(today.replace(day=1), step * 3)
        return end_of_month(q_end.year, ((q_end.month - 1) // 3 + 1) * 3)
    return None


@lru_cache(maxsize=1024)
def find_text_dates(text: str, today: date) -> tuple[TextDate, ...]:
    """Every deadline-like expression in the text, in order, without overlaps (cached)."""
    found: list[TextDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = m.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            when = _resolve(kind, m, today)
            if when is not None:
                found.append(TextDate(when, span, text[span[0]:span[1]]))
                taken.append(span)
    return tuple(sorted(found, key=lambda t: t.span))


def find_text_date(text: str, today: date) -> TextDate | None:
    """The deadline the goal text states, if any (the latest one if there are several)."""
    dates = find_text_dates(text, today)
    return max(dates, key=lambda t: t.date) if dates else None
