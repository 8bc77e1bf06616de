"""What the question coach says, in words a person can act on (translatable)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .question_coach import INTRO_QUESTIONS, Finding

SOURCES = {
    "job_title": lambda: _("their role"),
    "organization": lambda: _("their employer"),
    "headline": lambda: _("their headline"),
    "bio": lambda: _("their bio"),
    "work": lambda: _("their public work"),
}


@dataclass(frozen=True)
class Hint:
    code: str
    question: str  # the mentee's own words, or "" for the list as a whole
    text: str


def hint_text(finding: Finding, mentor_name: str) -> str:
    low, high = INTRO_QUESTIONS
    if finding.code == "too_few":
        return _(
            "A first call goes best with %(low)d to %(high)d questions ready; you have %(n)s. "
            "What would you most like to hear about from %(name)s?"
        ) % {"low": low, "high": high, "n": finding.detail, "name": mentor_name}
    if finding.code == "too_many":
        return _(
            "%(n)s questions will not fit in a short call. Keep the %(high)d you care about most "
            "and save the rest for later."
        ) % {"n": finding.detail, "high": high}
    if finding.code == "closed":
        return _(
            "This can be answered with a yes or a no. Try starting with “how”, “what” or "
            "“tell me about” to invite a story instead."
        )
    source = SOURCES.get(finding.source, lambda: _("their profile"))()
    return _(
        "%(name)s's profile already tells you this (%(source)s: “%(words)s”). Ask what you "
        "would like to know beyond it, such as how or why."
    ) % {"name": mentor_name, "source": source, "words": finding.detail}


def hints_for(findings: list[Finding], questions: list[str], mentor_name: str) -> list[Hint]:
    questions = [q.strip() for q in questions if q.strip()]
    return [
        Hint(f.code, questions[f.index] if f.index is not None else "", hint_text(f, mentor_name))
        for f in findings
    ]
