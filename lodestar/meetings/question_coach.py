"""The question coach for an intro call's agenda.

Pure Python, no Django. It looks at the questions a mentee prepared and returns findings; the
page words them (lodestar.meetings.hints) and never blocks saving. It flags:

=========  ==================================================================================
code       when
=========  ==================================================================================
too_few    fewer than 3 questions for an intro call
too_many   more than 5: a 15-20 minute call will not reach them all
closed     a question a plain yes or no would answer ("Do you like your job?")
answered   the mentor's own profile already says it (their role, employer, a talk they gave)
=========  ==================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

INTRO_QUESTIONS = (3, 5)

# Auxiliary verbs that open a question a yes or no settles.
CLOSED_OPENERS = frozenset(
    "is are am was were do does did can could should would will have has had may might shall "
    "must isn't aren't wasn't weren't don't doesn't didn't can't couldn't shouldn't wouldn't "
    "won't haven't hasn't".split()
)
# "Could you tell me how ..." is a polite open question, not a yes/no one.
_OPEN_REQUEST = re.compile(
    r"^(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|share|describe|explain|walk|talk|"
    r"say|give|help me understand)\b"
)
# Asking for a fact a profile states: where someone works, their title, what they do.
_ROLE_QUESTION = re.compile(
    r"\b(?:where\s+do\s+you\s+work|wh(?:at|ich)\s+(?:company|organi[sz]ation|employer|firm)|"
    r"who\s+do\s+you\s+work\s+for|what(?:'s|\s+is)\s+your\s+(?:job|role|title|position)|"
    r"what\s+do\s+you\s+do(?:\s+for\s+(?:a\s+living|work))?\s*\??$)"
)
# Questions that ask how or why build on the profile instead of repeating it.
_DIGS_DEEPER = re.compile(r"\b(?:how|why|what made|what led|what did you learn|what would you)\b")

_WORD = re.compile(r"[a-z0-9][a-z0-9+#'-]*")
STOPWORDS = frozenset(
    "a an the and or but of to in on at for with about from by as into over under your you yours "
    "my me i we our us they them their it its this that these those what which who whom whose "
    "when where why how is are am was were be been being do does did have has had can could "
    "should would will shall may might must not no yes so if then than there here any some "
    "more most very just also ever still really much many give gave talk work worked working "
    "tell share please think".split()
)


@dataclass(frozen=True)
class Finding:
    code: str
    index: int | None = None  # which question (0-based); None for the set as a whole
    source: str = ""  # for "answered": which part of the profile ("job_title", "work", ...)
    detail: str = ""  # for "answered": the profile's words; for counts, the number found


@dataclass(frozen=True)
class MentorProfile:
    """The parts of a mentor's profile a mentee can read before the call, as plain strings."""

    headline: str = ""
    bio: str = ""
    job_title: str = ""
    organization: str = ""
    work_titles: Sequence[str] = ()


def _words(text: str) -> list[str]:
    return [w.strip("'-") for w in _WORD.findall(text.lower()) if w.strip("'-") not in STOPWORDS]


def is_closed(question: str) -> bool:
    text = question.strip().lower()
    first = _WORD.match(text)
    if first is None or first[0] not in CLOSED_OPENERS:
        return False
    return _OPEN_REQUEST.match(text) is None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def answered_by(question: str, mentor: MentorProfile) -> tuple[str, str] | None:
    """(source, the profile's words) when the profile already answers `question`."""
    text = question.strip().lower()
    if _ROLE_QUESTION.search(text):
        role = " at ".join(p for p in (mentor.job_title.strip(), mentor.organization.strip()) if p)
        if role:
            return ("job_title" if mentor.job_title.strip() else "organization", role)
    if _DIGS_DEEPER.search(text):
        return None
    asked = set(_words(question))
    if len(asked) < 2:
        return None
    for title in mentor.work_titles:
        words = set(_words(title))
        if len(words) >= 2 and len(words & asked) >= max(2, round(0.6 * len(words))):
            return ("work", title.strip())
    for source, text_ in (("headline", mentor.headline), ("bio", mentor.bio)):
        for sentence in _sentences(text_):
            words = set(_words(sentence))
            shared = asked & words
            if len(shared) >= 3 and len(shared) >= 0.7 * len(asked):
                return (source, sentence.strip())
    return None


def review_questions(
    questions: Sequence[str], mentor: MentorProfile, *, intro: bool = True
) -> list[Finding]:
    """Findings for a list of questions, in the order the mentee wrote them."""
    questions = [q.strip() for q in questions if q.strip()]
    findings: list[Finding] = []
    if intro:
        low, high = INTRO_QUESTIONS
        if len(questions) < low:
            findings.append(Finding("too_few", detail=str(len(questions))))
        elif len(questions) > high:
            findings.append(Finding("too_many", detail=str(len(questions))))
    for index, question in enumerate(questions):
        if is_closed(question):
            findings.append(Finding("closed", index))
        answer = answered_by(question, mentor)
        if answer is not None:
            findings.append(Finding("answered", index, source=answer[0], detail=answer[1]))
    return findings
