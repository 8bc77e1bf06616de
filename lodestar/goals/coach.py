"""The goal coach: reviews a mentee's goals while they type.

Pure Python (standard library only, no Django), fast enough to run on every
keystroke (a goal takes a fraction of a millisecond). It never blocks saving a
draft: it returns :class:`Finding` objects and says whether a goal, or a set of
goals, *passes*, i.e. has no finding of severity ``"block"``. The product
should reach "ready to find a mentor" only when :func:`review_goals` passes.

Findings (``Finding.code``):

================  ========  ==========================================================
code              severity  when
================  ========  ==========================================================
too_short         block     fewer than two words: nothing to review yet
vague             block     the goal does not say what would be different
                            (:func:`is_vague`), including asking for a mentor
no_measure        block     nothing in the goal or its measure field is checkable
compound          block     the text holds several goals ("learn SQL and get promoted")
no_horizon        block     neither short-term (6-12 months) nor long-term (3-5 years)
past_date         block     the target date (field or text) is before today
horizon_mismatch  block     the date does not fit the horizon (e.g. short-term in 4 years)
horizon_mismatch  advice    allowed, but outside the usual window (short-term in 15 months)
no_date           advice    no target date in the field or the text
too_long          advice    over 500 characters: only the start is reviewed
date_conflict     advice    the text says one date, the field another
too_many          block     set: more than 3 active short-term or 2 long-term goals
no_goals          block     set: no active goal at all
duplicate         advice    set: the same goal twice
================  ========  ==========================================================

Every hint reuses the person's own words (quoted) and a concrete month. All
user-facing text is in :mod:`lodestar.goals.coach_messages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from . import coach_lexicon as lex
from . import coach_messages as msg
from .coach_dates import (
    HORIZONS, LONG, SHORT, TextDate, find_text_date, find_text_dates, fit, horizon_for,
    normalize_horizon, suggested_date, window,
)
from .coach_text import (
    VaguenessReport, analyse_vagueness, find_measures, split_compound, strip_filler, tokenize,
)

__all__ = [
    "ADVICE", "BLOCK", "LONG", "MAX_ACTIVE", "SHORT", "Finding", "GoalDraft", "GoalReview",
    "GoalSetReview", "analyse_vagueness", "find_text_date", "has_measure", "is_vague",
    "normalize_horizon", "review_goal", "review_goal_draft", "review_goals", "split_compound",
]

BLOCK = "block"
ADVICE = "advice"

#: Most active goals per horizon before "too_many".
MAX_ACTIVE = {SHORT: 3, LONG: 2}

#: Fewer words than this and the goal is "too_short".
MIN_WORDS = 2

#: Only this many characters of a goal are reviewed (a goal is a sentence or two).
MAX_TEXT_CHARS = 500

#: A date in the text and the target date may differ by this many days before "date_conflict".
DATE_CONFLICT_DAYS = 62


@dataclass(frozen=True)
class Finding:
    """One thing the coach noticed about a goal (or a set of goals)."""

    code: str
    """Stable identifier, see the module docstring."""
    severity: str
    """``"block"``: must be fixed before "ready to find a mentor"; ``"advice"``: a suggestion."""
    message: str
    """What is wrong, in one sentence."""
    hint: str
    """What to do about it, quoting the person's own words."""
    span: tuple[int, int] | None = None
    """Characters of the goal text the finding is about, when there is one."""
    parts: tuple[str, ...] = ()
    """For ``compound``: the separate goals; for ``too_many``/``duplicate``: the goals."""

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK


@dataclass(frozen=True)
class GoalDraft:
    """A goal as the mentee has typed it so far (any field may still be empty)."""

    text: str
    horizon: str | None = None
    """``"short"`` (6-12 months) or ``"long"`` (3-5 years); aliases like "short-term" work."""
    target_date: date | None = None
    measure: str = ""
    """How success will be measured (optional field)."""
    why: str = ""
    """Why it matters (optional field)."""
    active: bool = True
    """Only active goals count towards "too many" and the set passing."""
    key: str | int | None = None
    """The caller's id for the goal, passed through untouched."""


@dataclass(frozen=True)
class GoalReview:
    goal: GoalDraft
    findings: tuple[Finding, ...]

    @property
    def passes(self) -> bool:
        return not any(f.blocks for f in self.findings)


@dataclass(frozen=True)
class GoalSetReview:
    goals: tuple[GoalReview, ...]
    findings: tuple[Finding, ...] = field(default=())
    """Findings about the set as a whole (too many, none, duplicates)."""

    @property
    def passes(self) -> bool:
        """True when there is an active goal, every active goal passes, and the set does."""
        active = [r for r in self.goals if r.goal.active]
        return bool(active) and all(r.passes for r in active) and not any(
            f.blocks for f in self.findings)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Every blocking finding, set-level first, then per active goal."""
        per_goal = (f for r in self.goals if r.goal.active for f in r.findings)
        return tuple(f for f in (*self.findings, *per_goal) if f.blocks)


# --- single-word helpers ---------------------------------------------------------------------

def is_vague(text: str) -> bool:
    """Whether a goal is too vague to act on (see :func:`analyse_vagueness` for why)."""
    return analyse_vagueness(text).vague


def has_measure(text: str, measure: str = "", *, today: date | None = None) -> bool:
    """Whether success can be checked, from the goal text or the separate measure field."""
    return _measure_state(text, measure, today or date.today())[0]


def _measure_state(text: str, measure: str, today: date) -> tuple[bool, bool]:
    """(measured, measure_field_is_weak)."""
    dates = [d.span for d in find_text_dates(text, today)]
    if find_measures(text, dates):
        return True, False
    measure = measure.strip()
    if not measure:
        return False, False
    m_dates = [d.span for d in find_text_dates(measure, today)]
    if find_measures(measure, m_dates):
        return True, False
    words = [t for t in tokenize(measure) if not t.is_number]
    if len(words) >= 4 and not is_vague(measure):
        return True, False
    return False, True


def _topic(text: str) -> str:
    lemmas = {t.lemma for t in tokenize(text)} | {t.low for t in tokenize(text)}
    for topic, words in lex.EXAMPLE_TOPICS.items():
        if lemmas & words:
            return topic
    return ""


def _measure_kind(core: str) -> str:
    tokens = tokenize(core)
    first = tokens[0].lemma if tokens else ""
    if first in ("learn", "master", "understand", "know", "study", "practice", "practise"):
        return "learn"
    if first in ("become", "move", "transition", "switch", "join") or "promot" in core.lower():
        return "role"
    if first in ("build", "write", "design", "create", "make", "launch", "start", "set",
                 "develop", "draft", "publish", "open"):
        return "make"
    if first in ("improve", "reduce", "increase", "cut", "grow", "raise", "boost", "lower"):
        return "change"
    return ""


# --- one goal --------------------------------------------------------------------------------

def review_goal(text: str, *, horizon: str | None, target_date: date | None, today: date,
                measure: str = "", why: str = "") -> list[Finding]:
    """Everything worth telling the person about one goal, most important first.

    ``horizon`` is "short" or "long" (or None when not chosen yet); ``target_date``
    may be None, in which case a date written in the text ("by June") is used.
    ``why`` is accepted for completeness; it is not judged.
    """
    del why  # reserved: the coach does not judge motivation
    findings: list[Finding] = []
    text = text or ""
    if len(text) > MAX_TEXT_CHARS:
        findings.append(Finding("too_long", ADVICE, msg.too_long_message(MAX_TEXT_CHARS),
                                msg.too_long_hint(), (MAX_TEXT_CHARS, len(text))))
        text = text[:MAX_TEXT_CHARS]
    core, offset = strip_filler(text)
    core_span = (offset, offset + len(core)) if core else None
    h = normalize_horizon(horizon)
    text_date = find_text_date(text, today)
    if text_date and text_date.span[1] >= offset + len(core) > text_date.span[0] > offset:
        # "Pass the PMP exam by June 2024": date hints quote the goal without its date
        core = text[offset:text_date.span[0]].rstrip(" ,;.") or core
    when = target_date or (text_date.date if text_date else None)
    month = msg.month_label(when if when and when >= today else suggested_date(h, today))

    words = [t for t in tokenize(text) if not t.is_number]
    if len(words) < MIN_WORDS:
        findings.append(Finding("too_short", BLOCK, msg.too_short_message(),
                                msg.too_short_hint(core, month), core_span))
    else:
        findings += _text_findings(text, core, core_span, measure, month, today)
    findings += _date_findings(core, h, target_date, text_date, today)
    return findings


def _text_findings(text: str, core: str, core_span: tuple[int, int] | None, measure: str,
                   month: str, today: date) -> list[Finding]:
    findings: list[Finding] = []
    report = analyse_vagueness(text)
    if report.vague:
        findings.append(_vague_finding(text, core, report, month))
    parts = split_compound(text)
    if len(parts) > 1:
        findings.append(Finding("compound", BLOCK, msg.compound_message(len(parts)),
                                msg.compound_hint(parts), core_span, tuple(parts)))
    if not report.vague:
        measured, weak = _measure_state(text, measure, today)
        if weak:
            m = measure.strip()
            findings.append(Finding("no_measure", BLOCK, msg.weak_measure_message(m),
                                    msg.weak_measure_hint(m, month)))
        elif not measured:
            subject = parts[0] if len(parts) > 1 else core
            findings.append(Finding("no_measure", BLOCK, msg.no_measure_message(),
                                    msg.no_measure_hint(subject, _measure_kind(subject), month),
                                    core_span))
    return findings


def _vague_finding(text: str, core: str, report: VaguenessReport, month: str) -> Finding:
    if report.mentor_request:
        return Finding("vague", BLOCK, msg.mentor_request_message(),
                       msg.mentor_request_hint(text.strip().rstrip(" .!?"), month),
                       report.span)
    start, end = report.span or (0, len(text))
    for d in find_text_dates(text, date.today()):
        if start < d.span[0] < end:  # "grow my career in the next 12 months": leave the date
            end = d.span[0]
    end = start + len(text[start:end].rstrip(" ,;.!?"))
    quote = text[start:end].strip() or core
    return Finding("vague", BLOCK, msg.vague_message(quote),
                   msg.vague_hint(quote, _topic(text), month), (start, end))


def _date_findings(core: str, h: str | None, target_date: date | None,
                   text_date: TextDate | None, today: date) -> list[Finding]:
    findings: list[Finding] = []
    when = target_date or (text_date.date if text_date else None)
    span = text_date.span if text_date and not target_date else None
    label = msg.month_label

    if h is None:
        suggested = horizon_for(today, when) if when and when >= today else None
        findings.append(Finding("no_horizon", BLOCK, msg.no_horizon_message(),
                                msg.no_horizon_hint(core, suggested)))
    if when is None:
        first, last = window(h or SHORT, today)
        findings.append(Finding("no_date", ADVICE, msg.no_date_message(h or ""),
                                msg.no_date_hint(core, label(first), label(last))))
        return findings
    if when < today:
        first, last = window(h or SHORT, today)
        findings.append(Finding("past_date", BLOCK, msg.past_date_message(label(when)),
                                msg.past_date_hint(core, label(first), label(last)), span))
        return findings
    if h is not None:
        verdict = fit(h, today, when)
        distance = msg.distance_label((when - today).days)
        first, last = window(h, today)
        if verdict == "mismatch":
            findings.append(Finding(
                "horizon_mismatch", BLOCK, msg.mismatch_message(h, distance),
                msg.mismatch_hint(core, h, label(first), label(last), horizon_for(today, when)),
                span))
        elif verdict == "stretch":
            findings.append(Finding("horizon_mismatch", ADVICE, msg.stretch_message(h, distance),
                                    msg.stretch_hint(core, label(first), label(last)), span))
    if target_date and text_date and abs((text_date.date - target_date).days) > DATE_CONFLICT_DAYS:
        findings.append(Finding(
            "date_conflict", ADVICE, msg.date_conflict_message(text_date.text, label(target_date)),
            msg.date_conflict_hint(core), text_date.span))
    return findings


# --- a set of goals --------------------------------------------------------------------------

def review_goal_draft(goal: GoalDraft, *, today: date) -> GoalReview:
    return GoalReview(goal, tuple(review_goal(
        goal.text, horizon=goal.horizon, target_date=goal.target_date, today=today,
        measure=goal.measure, why=goal.why)))


def review_goals(goals: Sequence[GoalDraft], *, today: date) -> GoalSetReview:
    """Review every goal, then the set: too many at once, none at all, duplicates."""
    reviews = tuple(review_goal_draft(g, today=today) for g in goals)
    active = [g for g in goals if g.active]
    findings: list[Finding] = []
    if not active:
        findings.append(Finding("no_goals", BLOCK, msg.no_goals_message(), msg.no_goals_hint()))
    for horizon in HORIZONS:
        group = [g for g in active if normalize_horizon(g.horizon) == horizon]
        limit = MAX_ACTIVE[horizon]
        if len(group) > limit:
            texts = [strip_filler(g.text)[0] for g in group]
            findings.append(Finding("too_many", BLOCK,
                                    msg.too_many_message(horizon, len(group), limit),
                                    msg.too_many_hint(texts, limit), parts=tuple(texts)))
    seen: dict[str, str] = {}
    for g in active:
        key = " ".join(t.low for t in tokenize(g.text))
        if key and key in seen:
            findings.append(Finding("duplicate", ADVICE, msg.duplicate_message(seen[key]),
                                    msg.duplicate_hint(), parts=(seen[key],)))
        elif key:
            seen[key] = strip_filler(g.text)[0]
    return GoalSetReview(reviews, tuple(findings))
