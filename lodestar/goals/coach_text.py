"""Reading a goal's text: tokens, vagueness, measures of success, compound goals.

Standard library only, no I/O, precompiled patterns: a goal takes well under a
millisecond, so this can run on every keystroke.

Vagueness is a weighted sum of *specificity* over the words of the goal:

=============================================  ======
word                                           weight
=============================================  ======
name or acronym (``Kubernetes``, ``CPA``)       2
concrete noun (exam, board, ward, invoice...)   2
role with a rank (``senior developer``)         2
other content word not in any list              1
count of a concrete thing (``two vans``)       +1
broad area or role alone (leadership, nurse)    0.5
function word, generic verb, vague noun         0
vague modifier (better, more, great)            0
buzzword (synergy, world-class, 10x)           -0.5
asking for a mentor instead of a goal          -1
=============================================  ======

A goal is vague when the sum is below :data:`VAGUE_THRESHOLD`. The report keeps
the words behind the score so the decision can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import coach_lexicon as lex

VAGUE_THRESHOLD = 2.0

_TOKEN_RE = re.compile(
    r"[$€£¥]\s?\d+(?:[.,]\d+)*[kKmM]?\b"
    r"|\d+(?:[.,]\d+)*(?:\s?%|[kKmMxX]\b)?"
    r"|[A-Za-z][A-Za-z0-9+#]*(?:['’\-][A-Za-z0-9+#]+)*"
)
_POSSESSIVE_RE = re.compile(r"['’]s$")
_MENTOR_RES = tuple(re.compile(p, re.I) for p in lex.MENTOR_REQUEST_PATTERNS)
_FILLER_RE = re.compile(
    r"^\s*(?:(?:i|we)\s+(?:really\s+)?(?:want|need|wish|hope|would\s+like|'d\s+like|plan|aim|"
    r"intend|am\s+going|will|must|should)(?:\s+to)?|my\s+(?:goal|aim|plan)\s+is(?:\s+to)?|"
    r"(?:want|need|wish|hope|would\s+like|plan|aim)(?:\s+to)?|to)\s+", re.I)

_VAGUE_PARTS = (lex.STOPWORDS | lex.VAGUE_NOUNS | lex.VAGUE_MODIFIERS | lex.GENERIC_VERBS
                | lex.GENERIC_CONTEXT | lex.BUZZWORDS)
_KNOWN = (lex.STOPWORDS | lex.GENERIC_VERBS | lex.VAGUE_NOUNS | lex.VAGUE_MODIFIERS
          | lex.BUZZWORDS | lex.BROAD_AREAS | lex.GENERIC_CONTEXT | lex.ROLE_NOUNS
          | lex.CONCRETE_NOUNS | lex.TIME_UNITS | lex.GOAL_VERBS | lex.DELIVERY_VERBS)


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """Crude English lemma of a lower-case word, preferring forms the lexicon knows."""
    word = _POSSESSIVE_RE.sub("", word)
    if word in _KNOWN or len(word) <= 3:
        return word
    candidates = []
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        candidates.append(word[:-1])
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
    if word.endswith("ly"):
        candidates.append(word[:-2])
    for c in candidates:
        if c in _KNOWN:
            return c
    return candidates[0] if word.endswith("s") and candidates else word


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    low: str
    lemma: str
    is_number: bool


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Words and numbers with their positions (cached: a review reads the text often)."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group(0)
        is_number = t[0].isdigit() or t[0] in "$€£¥"
        low = t.lower()
        tokens.append(Token(t, m.start(), m.end(), low, low if is_number else lemma(low),
                            is_number))
    return tuple(tokens)


def strip_filler(text: str) -> tuple[str, int]:
    """Drop "I want to", "My goal is to"... and trailing punctuation: (core, offset)."""
    text = text.strip()
    m = _FILLER_RE.match(text)
    offset = m.end() if m else 0
    core = text[offset:].rstrip(" .!?;,")
    return (core, offset) if core else (text.rstrip(" .!?;,"), 0)


def mentor_request(text: str) -> re.Match[str] | None:
    for pattern in _MENTOR_RES:
        m = pattern.search(text)
        if m:
            return m
    return None


# --- vagueness -------------------------------------------------------------------------------

@dataclass(frozen=True)
class VaguenessReport:
    """Why a goal is or is not vague: the score and the words behind it."""

    vague: bool
    score: float
    specific_terms: tuple[str, ...]
    vague_terms: tuple[str, ...]
    buzzwords: tuple[str, ...]
    mentor_request: bool
    span: tuple[int, int] | None
    """Characters of the vague phrase, when the goal is vague."""


def _is_title_case(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if not t.is_number and len(t.text) > 3]
    if len(words) < 3:
        return False
    caps = sum(t.text[0].isupper() for t in words)
    return caps / len(words) >= 0.6


def _sentence_starts(text: str, tokens: Sequence[Token]) -> set[int]:
    starts = {0}
    for i in range(1, len(tokens)):
        between = text[tokens[i - 1].end:tokens[i].start]
        if any(c in between for c in ".!?:;\n"):
            starts.add(i)
    return starts


_PHRASE_STARTS = frozenset(p.split()[0] for p in lex.VAGUE_PHRASES | lex.BROAD_PHRASES)


def _phrases(tokens: Sequence[Token]) -> dict[int, tuple[int, str]]:
    """Multi-word lexicon phrases: start index -> (length, kind)."""
    lows = [t.low for t in tokens]
    lemmas = [t.lemma for t in tokens]
    found: dict[int, tuple[int, str]] = {}
    covered: set[int] = set()
    for n in (3, 2):
        for i in range(len(tokens) - n + 1):
            if (lows[i] not in _PHRASE_STARTS and lemmas[i] not in _PHRASE_STARTS) or any(
                    j in covered for j in range(i, i + n)):
                continue
            keys = (" ".join(lows[i:i + n]), " ".join(lemmas[i:i + n]))
            kind = ("vague" if any(k in lex.VAGUE_PHRASES for k in keys)
                    else "broad" if any(k in lex.BROAD_PHRASES for k in keys) else None)
            if kind:
                found[i] = (n, kind)
                covered.update(range(i, i + n))
    return found


def _previous_word(tokens: Sequence[Token], i: int) -> Token | None:
    return tokens[i - 1] if i > 0 and not tokens[i - 1].is_number else None


def _count_bonus(tokens: Sequence[Token], i: int) -> bool:
    """Is the number at i counting something concrete ("two vans", "50 people")?"""
    for t in tokens[i + 1:i + 3]:
        if t.is_number or t.lemma in lex.TIME_UNITS:
            return False
        if t.lemma in lex.STOPWORDS or t.lemma in lex.VAGUE_MODIFIERS:
            continue
        return t.lemma not in lex.VAGUE_NOUNS and t.lemma not in lex.BUZZWORDS
    return False


@lru_cache(maxsize=4096)
def analyse_vagueness(text: str) -> VaguenessReport:
    """Score how specific a goal is and keep the words that decided it."""
    tokens = tokenize(text)
    phrases = _phrases(tokens)
    title_case = _is_title_case(tokens)
    starts = _sentence_starts(text, tokens)
    score = 0.0
    specific: list[str] = []
    vague: list[tuple[int, int]] = []
    buzz: list[str] = []
    skip_until = -1
    for i, t in enumerate(tokens):
        if i < skip_until:
            continue
        if i in phrases:
            n, kind = phrases[i]
            skip_until = i + n
            span = (t.start, tokens[i + n - 1].end)
            vague.append(span)
            if kind == "broad":
                score += 0.5
            continue
        w, kind = _word_weight(tokens, i, title_case, i in starts)
        if w > 0 and kind in ("specific", "broad") and _modifies_vague_head(tokens, i):
            w /= 2  # "pharmacy career", "design skills": the head noun names nothing
        score += w
        if kind == "specific":
            specific.append(t.text)
        elif kind in ("vague", "broad"):
            vague.append((t.start, t.end))
        elif kind == "buzz":
            buzz.append(t.text)
            vague.append((t.start, t.end))
    asks_for_mentor = mentor_request(text)
    if asks_for_mentor:
        score -= 1.0
        vague.append(asks_for_mentor.span())
    is_vague = score < VAGUE_THRESHOLD
    span = _vague_span(text, tokens, vague) if is_vague else None
    return VaguenessReport(
        vague=is_vague, score=round(score, 2), specific_terms=tuple(specific),
        vague_terms=tuple(text[s:e] for s, e in sorted(vague)), buzzwords=tuple(buzz),
        mentor_request=bool(asks_for_mentor), span=span,
    )


def _modifies_vague_head(tokens: Sequence[Token], i: int) -> bool:
    """Is token i a modifier inside a noun phrase whose head is a vague noun?

    Names and acronyms are exempt ("Python skills" is a skill), so is a count.
    """
    t = tokens[i]
    if t.is_number or t.text.isupper() or (i > 0 and t.text[0].isupper()):
        return False
    for u in tokens[i + 1:i + 3]:
        if u.is_number or u.lemma in lex.STOPWORDS or u.lemma in lex.GENERIC_VERBS:
            return False
        if u.lemma in lex.VAGUE_NOUNS:
            return True
    return False


_VERB_CONTEXT = frozenset(
    "to i we and or also then will would can could should must please and not never "
    "really just".split())


def _word_weight(tokens: Sequence[Token], i: int, title_case: bool, at_start: bool
                 ) -> tuple[float, str]:
    t = tokens[i]
    if t.is_number:
        if t.low.endswith("x"):
            return -0.5, "buzz"
        return (1.0, "specific") if _count_bonus(tokens, i) else (0.0, "number")
    word, lem = t.low, t.lemma
    letters = t.text.replace("-", "")
    is_acronym = len(letters) >= 2 and letters.isupper() and not title_case
    prev = _previous_word(tokens, i)
    if is_acronym and not _is_all_caps_text(tokens):
        if lem in lex.BROAD_AREAS:
            return 0.5, "broad"
        if lem in lex.VAGUE_NOUNS or lem in lex.VAGUE_MODIFIERS:
            return 0.0, "vague"
        return 2.0, "specific"
    if word in lex.STOPWORDS or lem in lex.STOPWORDS:
        return 0.0, "stop"
    if lem in lex.BUZZWORDS or word in lex.BUZZWORDS:
        return -0.5, "buzz"
    if lem in lex.VAGUE_NOUNS or lem in lex.VAGUE_MODIFIERS or word in lex.VAGUE_MODIFIERS:
        return 0.0, "vague"
    if lem in lex.ROLE_NOUNS and prev is not None and prev.lemma in lex.ROLE_RANKS:
        return 1.5, "specific"  # the rank itself already counted about 0.5
    if lem in lex.GENERIC_VERBS:
        # "excel", "go", "master": a verb where a verb can stand, else maybe a name or tool
        as_name = (t.text[0].isupper() and not at_start and not title_case) or (
            word in lex.CONCRETE_NOUNS)
        if prev is None or prev.low in _VERB_CONTEXT or not as_name:
            return 0.0, "verb"
        return 2.0, "specific"
    if lem in lex.ROLE_NOUNS:
        return 0.5, "broad"
    if lem in lex.GENERIC_CONTEXT or lem in lex.TIME_UNITS:
        return 0.0, "generic"
    if lem in lex.BROAD_AREAS:
        return 0.5, "broad"
    if lem in lex.CONCRETE_NOUNS or word in lex.CONCRETE_NOUNS:
        return 2.0, "specific"
    if lem in lex.ROLE_RANKS:
        return 0.5, "rank"
    if t.text[0].isupper() and not at_start and not title_case:
        return 2.0, "specific"
    if "-" in word and all(lemma(p) in _VAGUE_PARTS for p in word.split("-")):
        return 0.0, "vague"
    if word in lex.GOAL_VERBS or word in lex.DELIVERY_VERBS:
        return 0.5, "verb"
    return (1.0 if len(word) > 2 else 0.5), "specific"


def _is_all_caps_text(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if not t.is_number]
    return len(words) >= 3 and all(w.isupper() for w in words)


_LIGHT_VERBS = frozenset("be get become do have make feel stay".split())
_CLAUSE_BREAKS = frozenset(("and", "or", "but", "so", "because", "while", "then", "plus"))
_QUOTE_TAIL = 5  # words a quote may run on past the last vague word


def _vague_span(text: str, tokens: Sequence[Token], vague: list[tuple[int, int]]
                ) -> tuple[int, int]:
    """The phrase a vague hint should quote.

    From the first vague word back to the start of its clause, except over a light
    verb ("get better at presenting" -> "better at presenting"), and on to the end
    of a short clause ("better at the trade"), never past "and", a comma or a
    ``stop`` offset.
    """
    core, offset = strip_filler(text)
    core_end = offset + len(core)
    inside = [t for t in tokens if offset <= t.start < core_end]
    if not vague or not inside:
        return offset, core_end
    start = max(min(s for s, _ in vague), offset)
    last = min(max(e for _, e in vague), core_end)
    before = [t for t in inside if t.start < start]
    if before and len(before) <= 6:
        light = before[0].lemma in _LIGHT_VERBS and all(
            t.lemma in _LIGHT_VERBS or t.lemma in lex.STOPWORDS for t in before)
        first = next((t for t in inside if t.start >= start), None)
        modifier_first = first is not None and first.lemma in lex.VAGUE_MODIFIERS
        if not (light and modifier_first and first is not inside[-1]):
            start = before[0].start
    end = last
    tail = [t for t in inside if t.start >= last]
    for n, t in enumerate(tail):
        gap = text[end:t.start]
        if n >= _QUOTE_TAIL or t.low in _CLAUSE_BREAKS or any(c in gap for c in ",;:.!?("):
            break
        end = t.end
    return start, end


# --- measures of success inside the text -----------------------------------------------------

@dataclass(frozen=True)
class MeasureSignal:
    """Evidence in the text that success can be checked, e.g. a count or a credential."""

    kind: str
    """"purpose" | "number" | "threshold" | "count" | "credential" | "role" | "deliverable"."""
    span: tuple[int, int]
    text: str


_PURPOSE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in lex.PURPOSE_MARKERS) + r")\b",
                         re.I)
_AMOUNT_RE = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s+cent\b)|[$€£¥]\s?\d|"
    r"\b\d+(?:[.,]\d+)*\s?[kKmM]?\s+(?:dollars|euros|pounds|usd|eur|gbp|rupees|yen|naira)\b", re.I)
_THRESHOLD_RE = re.compile(
    r"\b(?:at\s+least|no\s+more\s+than|not\s+more\s+than|fewer\s+than|less\s+than|at\s+most|"
    r"up\s+to|more\s+than)\s+\S+|\b(?:under|over|above|below)\s+(?:[$€£¥]?\d|"
    + "|".join(k for k in lex.NUMBER_WORDS if len(k) > 2) + r")\S*|"
    r"\bon\s+(?:my|the|our)\s+first\s+(?:attempt|try|sitting)\b|\bby\s+half\b|\bin\s+half\b|"
    r"\bfrom\s+scratch\b|\bwithout\s+(?!a\s+doubt)\w+(?:\s+\w+)?|\bfluent(?:ly)?\b|"
    r"\b(?:on\s+my\s+own|by\s+myself|unaided|independently)\b|"
    r"\bfrom\s+(?:[$€£¥]?\d+\S*|\w+(?:\s+\w+){0,3})\s+to\s+\S+", re.I)
_CREDENTIALS = frozenset(
    "exam examination certification certificate license licence degree diploma qualification "
    "accreditation charter phd doctorate masters msc mba thesis dissertation viva".split())
_ROLE_SLOTS = frozenset("role position post job title".split())


def find_measures(text: str, exclude: list[tuple[int, int]] = ()) -> list[MeasureSignal]:
    """All measure signals in the text, ignoring characters in ``exclude`` (e.g. dates)."""

    def free(span: tuple[int, int]) -> bool:
        return not any(span[0] < e and s < span[1] for s, e in exclude)

    found: list[MeasureSignal] = []
    for kind, pattern in (("purpose", _PURPOSE_RE), ("number", _AMOUNT_RE),
                          ("threshold", _THRESHOLD_RE)):
        for m in pattern.finditer(text):
            if free(m.span()):
                found.append(MeasureSignal(kind, m.span(), m.group(0)))
    tokens = tokenize(text)
    for i, t in enumerate(tokens):
        span = (t.start, t.end)
        if not free(span):
            continue
        counts = (t.is_number and not t.low.endswith("x")) or (
            t.low in lex.NUMBER_WORDS and t.low not in ("a", "an", "half"))
        if counts and _count_bonus(tokens, i):
            found.append(MeasureSignal("count", span, t.text))
        elif t.lemma in _CREDENTIALS or (
                t.text.isupper() and len(t.text) >= 2 and i > 0
                and tokens[i - 1].lemma in ("pass", "get", "earn", "obtain", "my", "the")):
            found.append(MeasureSignal("credential", span, t.text))
        elif t.lemma in lex.ROLE_NOUNS and i > 0 and tokens[i - 1].lemma in lex.ROLE_RANKS:
            found.append(MeasureSignal("role", (tokens[i - 1].start, t.end),
                                       text[tokens[i - 1].start:t.end]))
        elif t.lemma in lex.ROLE_NOUNS and _after_role_verb(tokens, i):
            found.append(MeasureSignal("role", span, t.text))
        elif t.lemma in _ROLE_SLOTS and i > 0 and _content(tokens[i - 1]):
            found.append(MeasureSignal("role", (tokens[i - 1].start, t.end),
                                       text[tokens[i - 1].start:t.end]))
        elif t.lemma in lex.DELIVERY_VERBS or t.low in lex.DELIVERY_VERBS:
            for u in tokens[i + 1:i + 8]:
                if u.low in ("and", "or", "so", "because") or u.lemma in lex.GOAL_VERBS - {
                        "run", "lead", "present", "design", "work", "study", "practice"}:
                    break
                if u.lemma in lex.CONCRETE_NOUNS and u.lemma not in lex.TIME_UNITS:
                    found.append(MeasureSignal("deliverable", (t.start, u.end),
                                               text[t.start:u.end]))
                    break
    return sorted(found, key=lambda s: s.span)


_ROLE_VERBS = frozenset("become promote appoint hire elect name make".split())


def _after_role_verb(tokens: Sequence[Token], i: int) -> bool:
    """"become head of department", "promoted to a lead": a role as the goal's outcome."""
    for t in reversed(tokens[max(0, i - 3):i]):
        if t.lemma in _ROLE_VERBS or t.low in ("promoted", "appointed", "hired", "elected"):
            return True
        if t.lemma not in lex.STOPWORDS:
            return False
    return False


def _content(t: Token) -> bool:
    return not t.is_number and t.lemma not in lex.STOPWORDS and t.lemma not in lex.VAGUE_NOUNS \
        and t.lemma not in lex.VAGUE_MODIFIERS and t.lemma not in lex.GENERIC_VERBS


# --- compound goals --------------------------------------------------------------------------

_PURPOSE_CUT_RE = re.compile(
    r"\b(?:so\s+that|so\s+i|so\s+we|in\s+order\s+to|because|since|which|while|as\s+i|"
    r"well\s+enough|enough\s+to)\b", re.I)
_SPLIT_RE = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+|or\s+|plus\s+)?(?:then\s+|also\s+)?|"
    r"\s+(?:and\s+then|and\s+also|as\s+well\s+as|and|&|plus|or|then)\s+", re.I)
_LEAD_IN_RE = re.compile(
    r"^(?:(?:i\s+)?(?:also\s+)?(?:want|need|would\s+like|'d\s+like|will|plan|hope)\s+(?:to\s+)?"
    r"|also\s+|then\s+|to\s+|i\s+)+", re.I)
_ANAPHORA = frozenset("it them this that these those him her".split())


def _clause_parts(segment: str) -> tuple[Token | None, list[Token]]:
    """(leading verb, object tokens) of a segment, or (None, []) if it opens with no verb."""
    body = _LEAD_IN_RE.sub("", segment.strip())
    tokens = tokenize(body)
    if not tokens or tokens[0].is_number:
        return None, []
    first = tokens[0]
    if first.lemma not in lex.GOAL_VERBS and first.low not in lex.GOAL_VERBS:
        return None, []
    return first, _objects(tokens[1:])


def _objects(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.is_number or (
        t.lemma not in lex.STOPWORDS and t.lemma not in lex.GENERIC_VERBS)]


def split_compound(text: str) -> list[str]:
    """Split "learn SQL and get promoted and move to Berlin" into its separate goals.

    Only splits where the next part opens with its own verb and both sides have
    an object, so "design and run a unit" or "SQL and Python" stay whole, and
    so does a part that only refers back ("... and use it at work"). Linear in
    the length of the text.
    """
    core, _ = strip_filler(text)
    cut = _PURPOSE_CUT_RE.search(core)
    head_end = cut.start() if cut else len(core)
    head = core[:head_end]
    bounds = [0]
    for m in _SPLIT_RE.finditer(head):
        bounds += [m.start(), m.end()]
    bounds.append(len(head))
    segments = [head[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    # pieces are (start, end) in head; a piece opens with its verb when it is a goal
    pieces: list[list[int]] = [[bounds[0], bounds[1]]]
    verb, objects = _clause_parts(segments[0])
    has_goal = verb is not None and bool(objects)
    for k in range(1, len(segments)):
        seg_start, seg_end = bounds[2 * k], bounds[2 * k + 1]
        verb_r, obj_r = _clause_parts(segments[k])
        if has_goal and verb_r is not None and obj_r and obj_r[0].low not in _ANAPHORA:
            pieces.append([seg_start, seg_end])
            has_goal = True
            continue
        pieces[-1][1] = seg_end  # glue it to the current piece
        if verb is not None and not has_goal:
            has_goal = bool(_objects(tokenize(segments[k])))
    if len(pieces) == 1:
        return [core]
    parts = [head[s:e] for s, e in pieces]
    parts[-1] += core[head_end:]
    return [_LEAD_IN_RE.sub("", p.strip(" ,;.")).strip() or p.strip() for p in parts]
