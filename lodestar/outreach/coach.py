"""The outreach coach: reviews a mentee's first message to a mentor while they write it.

Pure Python (standard library only, no Django), fast enough for every pause in typing. It
follows the guide's "Step 3: The Art of the Approach": a specific subject, an opening that cites
the mentor's own work, who the mentee is and why they write, a small and time-bounded ask, and
flexibility and thanks at the end. It returns a score from 0 to 100 and findings, each with what
to do about it. Only an open-ended commitment blocks sending (the Golden Rule); the rest is
advice.

=================  ========  ================================================================
code               severity  when
=================  ========  ================================================================
open_ended_ask     block     "will you be my mentor", "mentor me", regular or long-term calls
weak_subject       advice    no subject, or one that names no topic ("Mentorship", "Hello")
no_work_reference  advice    the body names none of the mentor's public work
no_purpose         advice    nothing says what the mentee is working on or wants to learn
no_time_bound_ask  advice    no explicit length for the ask ("15 minutes", "half an hour")
long_ask           advice    an explicit length over 30 minutes ("an hour", "a day")
too_long           advice    more than 250 words: far too long for a first contact
no_courtesy        advice    no thanks, or no flexibility about the mentor's time
shouting           advice    words or a subject in capitals, "!!" or "??"
duplicate          advice    the same text (names and titles aside) as two or more already sent
=================  ========  ================================================================

Wording: every sentence a person sees is in ``MESSAGES`` as a template marked with ``_`` for
translation; :func:`localize` renders a finding through the caller's gettext.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import coach_lexicon as lex

__all__ = [
    "ADVICE",
    "BLOCK",
    "MAX_ASK_MINUTES",
    "MAX_WORDS",
    "RULES",
    "Finding",
    "Review",
    "asked_minutes",
    "localize",
    "review_message",
    "similarity",
]

BLOCK = "block"
ADVICE = "advice"
MAX_WORDS = 250
MAX_ASK_MINUTES = 30
DUPLICATE_SIMILARITY = 0.6  # word-trigram overlap, names and quoted titles removed
DUPLICATE_COUNT = 2  # "sent to many mentors": a second, personalised reuse is not flagged


def _(text: str) -> str:
    """Marks a template for translation (makemessages); :func:`localize` translates it."""
    return text


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    weight: int  # points taken off the score of 100


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("open_ended_ask", BLOCK, 35),
        Rule("weak_subject", ADVICE, 10),
        Rule("no_work_reference", ADVICE, 15),
        Rule("no_purpose", ADVICE, 15),
        Rule("no_time_bound_ask", ADVICE, 15),
        Rule("long_ask", ADVICE, 10),
        Rule("too_long", ADVICE, 10),
        Rule("no_courtesy", ADVICE, 10),
        Rule("shouting", ADVICE, 10),
        Rule("duplicate", ADVICE, 20),
    )
}

# (message, fix) per finding; a variant is "code:variant".
MESSAGES: dict[str, tuple[str, str]] = {
    "open_ended_ask": (
        _(
            "You ask for an open-ended commitment (“%(phrase)s”). A stranger cannot say yes to "
            "that."
        ),
        _(
            "Ask for one 15-20 minute conversation about two or three named questions instead. "
            "If it goes well, a mentorship can grow from there."
        ),
    ),
    "weak_subject": (
        _("The subject “%(subject)s” does not say what your message is about."),
        _("Name the topic, for example “A question about %(topic)s”."),
    ),
    "weak_subject:empty": (
        _("Your message has no subject."),
        _("Name the topic, for example “A question about %(topic)s”."),
    ),
    "no_work_reference": (
        _("Nothing in your message shows you know %(name)s's own work."),
        _("Open with one specific piece of theirs and what it meant to you, such as “%(title)s”."),
    ),
    "no_work_reference:none": (
        _("Nothing in your message shows you know %(name)s's own work."),
        _(
            "Open with something specific of theirs, a talk, article or project, and what it "
            "meant to you."
        ),
    ),
    "no_purpose": (
        _("It is not clear what you are working on or what you hope to learn."),
        _(
            "Add a sentence on who you are and what you are trying to do, for example “I lead a "
            "small team and I am preparing our first hiring plan.”"
        ),
    ),
    "no_time_bound_ask": (
        _("You do not say how much of %(name)s's time you are asking for."),
        _("Ask for a short call with a length, such as “a 15-20 minute call about two questions”."),
    ),
    "long_ask": (
        _(
            "You ask for %(minutes)s minutes or more; that is a lot to ask of someone you have "
            "not met."
        ),
        _("Ask for 15 to 20 minutes. A first conversation that goes well often runs on by itself."),
    ),
    "too_long": (
        _("Your message has %(words)s words; a first message reads best under %(limit)s."),
        _(
            "Keep one sentence each for the opening, who you are, your ask and your thanks; save "
            "the details for the call."
        ),
    ),
    "no_courtesy": (
        _("Your message does not thank %(name)s."),
        _("End with a short thank you, for example “Thank you for considering it.”"),
    ),
    "no_courtesy:flexibility": (
        _("Your message does not leave %(name)s room to choose the time."),
        _("Say that you will fit around their schedule, and drop any fixed day or deadline."),
    ),
    "no_courtesy:both": (
        _("Your message neither thanks %(name)s nor leaves them room to choose the time."),
        _(
            "End with flexibility and thanks, for example “I am happy to work around your "
            "schedule. Thank you for considering it.”"
        ),
    ),
    "shouting": (
        _("Parts of your message read as shouting (%(example)s)."),
        _("Write in ordinary sentence case, with one exclamation mark at most."),
    ),
    "duplicate": (
        _("This message is almost the same as %(count)s you sent to other mentors."),
        _("Write this one for %(name)s alone: their work, and why you chose them."),
    ),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    fix: str
    key: str = ""  # the MESSAGES entry: code or code:variant
    detail: dict = field(default_factory=dict, compare=False)

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK


@dataclass(frozen=True)
class Review:
    score: int
    findings: tuple[Finding, ...]

    @property
    def blocks(self) -> bool:
        return any(f.blocks for f in self.findings)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.findings)


def localize(finding: Finding, gettext: Callable[[str], str]) -> tuple[str, str]:
    """(message, fix) in the reader's language."""
    message, fix = MESSAGES[finding.key or finding.code]
    return gettext(message) % finding.detail, gettext(fix) % finding.detail


def _finding(code: str, variant: str = "", **detail) -> Finding:
    key = f"{code}:{variant}" if variant else code
    message, fix = MESSAGES[key]
    return Finding(code, RULES[code].severity, message % detail, fix % detail, key, detail)


# --- text helpers --------------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_WORD = re.compile(r"[a-z0-9][a-z0-9'&-]*")


def _clean(text: str) -> str:
    return (text or "").translate(_QUOTES)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _stem(word: str) -> str:
    word = word.strip("'-")
    for suffix in ("ing", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _content(text: str, *, parts: bool = True) -> set[str]:
    out = set()
    for w in _words(text):
        pieces = [w, *w.split("-")] if "-" in w and parts else [w]
        out.update(_stem(p) for p in pieces if p and p not in lex.STOPWORDS)
    return out


# --- the rules -----------------------------------------------------------------------------------


def _open_ended(text: str) -> str | None:
    low = text.lower()
    for pattern in lex.OPEN_ENDED:
        for m in pattern.finditer(low):
            if not lex.NEGATED_BEFORE.search(low[max(0, m.start() - 60) : m.start()]):
                return text[m.start() : m.end()].strip()
    return None


def _weak_subject(subject: str, mentor_name: str) -> bool:
    names = set(_words(mentor_name))
    left = [w for w in _words(subject) if w not in lex.SUBJECT_FILLER and w not in names]
    return not any(len(w) >= 3 for w in left)


def _cites_work(body: str, titles: Sequence[str]) -> bool:
    low = body.lower()
    words = _content(body)
    for title in titles:
        wanted = _content(title, parts=False)
        if not wanted:
            continue
        if _clean(title).lower().strip() in low:
            return True
        hits = wanted & words
        if len(hits) >= 2 and len(hits) / len(wanted) >= 0.75:
            return True
        # "your forms article": one of the title's words beside a word for a piece of work.
        for sentence in re.findall(r"[^.?!]+", low):
            for m in lex.WORK_CUE.finditer(sentence):
                window = sentence[max(0, m.start() - 40) : m.end() + 60]
                if wanted & _content(window):
                    return True
    return False


def _has_purpose(body: str) -> bool:
    low = body.lower()
    for pattern in lex.PURPOSE:
        for m in pattern.finditer(low):
            rest = " ".join(g for g in m.groups() if g) if m.groups() else m.group(0)
            if any(w not in lex.GENERIC_AIMS and len(w) > 2 for w in _words(rest)):
                return True
    generic = lex.GENERIC_AIMS | lex.SUBJECT_FILLER
    for m in lex.ASK_TOPIC.finditer(low):
        if any(w not in generic and len(w) > 2 for w in _words(m.group(1))):
            return True
    return False


def _number(token: str) -> int:
    return int(token) if token.isdigit() else lex.NUMBER_WORDS[token]


def asked_minutes(body: str) -> list[int]:
    """Every length the message asks for, in minutes (lengths about the past are left out)."""
    low = _clean(body).lower()
    found: list[tuple[int, int, int]] = []  # (start, end, minutes)

    asks = [
        (m.start(), m.end())
        for m in re.finditer(r"[^.?!]+[.?!]*", low)
        if lex.ASKS.search(m.group(0))
    ]

    def keep(m: re.Match, minutes: int) -> None:
        if not any(s <= m.start() < e for s, e in asks):
            return
        if lex.NOT_ASK_BEFORE.search(low[max(0, m.start() - 30) : m.start()]):
            return
        if lex.NOT_ASK_AFTER.search(low[m.end() : m.end() + 12]):
            return
        if any(s <= m.start() < e for s, e, _m in found):
            return
        found.append((m.start(), m.end(), minutes))

    for m in lex.MINUTE_RANGE.finditer(low):
        keep(m, max(_number(m.group(1)), _number(m.group(2))))
    for m in lex.MINUTES.finditer(low):
        keep(m, _number(m.group(1)))
    for m in lex.HALF_HOUR.finditer(low):
        keep(m, 30)
    for m in lex.QUARTER_HOUR.finditer(low):
        keep(m, 15)
    for m in lex.HOURS.finditer(low):
        digits = re.match(r"\d+", m.group(0))
        several = re.match(r"(?:two|three|four|few|couple|several)\b", m.group(0))
        keep(m, 60 * int(digits.group(0)) if digits else 120 if several else 60)
    for m in lex.DAYS.finditer(low):
        keep(m, 8 * 60)
    return [minutes for _s, _e, minutes in sorted(found)]


def _courtesy(body: str) -> str | None:
    """Which part is missing: "thanks", "flexibility", "both", or None."""
    low = body.lower()
    thanks, flexible = bool(lex.THANKS.search(low)), bool(lex.FLEXIBLE.search(low))
    if thanks and flexible:
        return None
    if not thanks and not flexible:
        return "both"
    return "flexibility" if thanks else "thanks"


def _shouting(subject: str, body: str) -> str | None:
    for text in (subject, body):
        run = lex.PUNCT_RUN.search(text)
        if run:
            return run.group(0)
    letters = [c for c in subject if c.isalpha()]
    caps_words = [w for w in lex.CAPS_WORD.findall(subject) if w not in lex.ACRONYMS]
    if len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.7 and caps_words:
        return subject.strip()
    shouted: list[str] = []
    tokens = re.findall(r"\S+", body)
    for i, token in enumerate(tokens):
        word = token.strip(".,;:!?\"'()")
        if not lex.CAPS_WORD.fullmatch(word) or word in lex.ACRONYMS or word in {"I", "A"}:
            continue
        if len(word) >= 4:
            shouted.append(word)
            continue
        neighbours = [
            tokens[j].strip(".,;:!?\"'()") for j in (i - 1, i + 1) if 0 <= j < len(tokens)
        ]
        if any(
            lex.CAPS_WORD.fullmatch(n) and n not in lex.ACRONYMS | {"I", "A"} for n in neighbours
        ):
            shouted.append(word)
    return " ".join(shouted[:3]) if len(shouted) >= 3 else None


def _shingles(text: str, names: set[str]) -> set[tuple[str, ...]]:
    text = re.sub(r'"[^"]{0,200}"', " ", _clean(text))
    # Capitalised words inside a sentence are mostly names and titles: they differ per mentor.
    text = re.sub(r"(?<=[a-z,;] )[A-Z][\w'-]*", " ", text)
    words = [w for w in _words(text) if w not in names]
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str, names: Sequence[str] = ()) -> float:
    """How much of the shorter text the longer one repeats (0 to 1), by word trigrams."""
    skip = {w for n in names for w in _words(n)}
    x, y = _shingles(a, skip), _shingles(b, skip)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def _topic_hint(titles: Sequence[str], cited: str) -> str:
    return (cited or (titles[0] if titles else "")).strip() or "your experience in …"


# --- the review ----------------------------------------------------------------------------------


def review_message(
    *,
    subject: str,
    body: str,
    mentor_name: str = "",
    work_titles: Sequence[str] = (),
    cited_work: str = "",
    previous: Sequence[str] = (),
) -> Review:
    """Review one draft. ``previous``: bodies this mentee already sent to other mentors."""
    subject, body = _clean(subject).strip(), _clean(body).strip()
    name = mentor_name.strip() or "the mentor"
    titles = [t for t in (cited_work, *work_titles) if t and t.strip()]
    found: list[Finding] = []

    phrase = _open_ended(f"{subject}\n{body}")
    if phrase:
        found.append(_finding("open_ended_ask", phrase=phrase))
    if not subject:
        found.append(_finding("weak_subject", "empty", topic=_topic_hint(titles, cited_work)))
    elif _weak_subject(subject, mentor_name):
        found.append(
            _finding("weak_subject", subject=subject, topic=_topic_hint(titles, cited_work))
        )
    if not _cites_work(body, titles):
        if titles:
            found.append(_finding("no_work_reference", name=name, title=titles[0]))
        else:
            found.append(_finding("no_work_reference", "none", name=name))
    if not _has_purpose(body):
        found.append(_finding("no_purpose"))
    minutes = asked_minutes(body)
    if not minutes:
        found.append(_finding("no_time_bound_ask", name=name))
    elif max(minutes) > MAX_ASK_MINUTES:
        found.append(_finding("long_ask", minutes=max(minutes)))
    words = len(re.findall(r"\S+", body))
    if words > MAX_WORDS:
        found.append(_finding("too_long", words=words, limit=MAX_WORDS))
    missing = _courtesy(body)
    if missing == "thanks":
        found.append(_finding("no_courtesy", name=name))
    elif missing:
        found.append(_finding("no_courtesy", missing, name=name))
    shout = _shouting(subject, body)
    if shout:
        found.append(_finding("shouting", example=f"“{shout}”"))
    names = [mentor_name]
    same = sum(similarity(body, p, names) >= DUPLICATE_SIMILARITY for p in previous if p.strip())
    if same >= DUPLICATE_COUNT and body:
        found.append(_finding("duplicate", count=same, name=name))

    score = 100 - sum(RULES[f.code].weight for f in found)
    if any(f.blocks for f in found):
        score = min(score, 40)
    return Review(max(0, min(100, score)), tuple(found))
