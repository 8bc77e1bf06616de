"""The outreach composer: a first message to a mentor, drafted from plain facts.

Pure Python, no Django. It follows the guide's anatomy of an outreach message: a specific
subject; an opening that cites one piece of the mentor's public work (the mentee picks which);
who the mentee is and why this mentor; a small, time-bounded ask (a 15-20 minute conversation
about two or three named questions); flexibility and thanks. Three tones: warm, concise, formal.

Every sentence is a template marked with ``_`` for translation; pass ``gettext`` to
:func:`compose` to have them translated. The wording is Lodestar's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "DECLINE_REASONS",
    "TONES",
    "ComposerInput",
    "Draft",
    "compose",
    "decline_reply",
    "redirect_reply",
    "suggested_questions",
]

TONES = ("warm", "concise", "formal")
MINUTES = (15, 20)


def _(text: str) -> str:
    """Marks a template for translation; :func:`compose` translates it with the given gettext."""
    return text


@dataclass(frozen=True)
class ComposerInput:
    mentee_name: str
    mentor_name: str
    mentee_role: str = ""  # "a junior data analyst at Acme"
    goals: Sequence[str] = ()
    work_title: str = ""
    work_kind: str = ""  # talk, article, project, other
    work_year: int | None = None
    questions: Sequence[str] = ()
    tone: str = "warm"
    mentor_expertise: Sequence[str] = ()
    mentor_role: str = ""  # their job title or headline, when nothing better names the topic
    minutes: int = 20


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    questions: tuple[str, ...]


SUBJECTS = {
    "warm": _("Your %(kind)s “%(title)s” and a question about %(topic)s"),
    "concise": _("A question about %(topic)s"),
    "formal": _("Question regarding your experience with %(topic)s"),
}
SUBJECT_NO_WORK = {
    "warm": _("A question about %(topic)s from %(mentee)s"),
    "concise": _("A question about %(topic)s"),
    "formal": _("Question regarding your experience with %(topic)s"),
}
GREETINGS = {
    "warm": _("Dear %(first)s,"),
    "concise": _("Hi %(first)s,"),
    "formal": _("Dear %(full)s,"),
}
KINDS = {"talk": _("talk"), "article": _("article"), "project": _("project"), "other": _("work")}
OPENINGS = {
    ("warm", "talk"): _("I watched your talk “%(title)s”%(year)s and it has stayed with me since."),
    ("warm", "article"): _(
        "I read your article “%(title)s”%(year)s and have gone back to it more than once."
    ),
    ("warm", "project"): _(
        "I have been looking closely at your project “%(title)s”%(year)s, and it taught me a lot."
    ),
    ("warm", "other"): _("I came across “%(title)s”%(year)s and it has stayed with me since."),
    ("concise", "talk"): _("Your talk “%(title)s” is the reason I am writing."),
    ("concise", "article"): _("Your article “%(title)s” is the reason I am writing."),
    ("concise", "project"): _("Your project “%(title)s” is the reason I am writing."),
    ("concise", "other"): _("Your work “%(title)s” is the reason I am writing."),
    ("formal", "talk"): _(
        "I recently watched your talk “%(title)s”%(year)s, which I found "
        "directly relevant to my own work."
    ),
    ("formal", "article"): _(
        "I recently read your article “%(title)s”%(year)s, which I found "
        "directly relevant to my own work."
    ),
    ("formal", "project"): _(
        "I recently studied your project “%(title)s”%(year)s, which I "
        "found directly relevant to my own work."
    ),
    ("formal", "other"): _(
        "I recently came across your work “%(title)s”%(year)s, which I found "
        "directly relevant to my own work."
    ),
}
YEAR = _(" (%(year)s)")
WHO = {
    "warm": _(
        "I am %(role)s, and right now I am working towards one goal in particular: %(goal)s."
    ),
    "concise": _("I am %(role)s and I am working on this: %(goal)s."),
    "formal": _("I am %(role)s. My current goal is the following: %(goal)s."),
}
WHO_NO_GOAL = {
    "warm": _("I am %(role)s, and I am working out my next step."),
    "concise": _("I am %(role)s, working out my next step."),
    "formal": _("I am %(role)s, and I am planning my next professional step."),
}
DEFAULT_ROLE = _("someone early in this field")
DEFAULT_TOPIC = _("your path so far")
WHY = {
    "warm": _("Your experience with %(topic)s is exactly what I am trying to learn about."),
    "concise": _("Your experience with %(topic)s is what I hope to learn from."),
    "formal": _(
        "Your experience with %(topic)s is closely related to what I am trying to achieve."
    ),
}
ASKS = {
    "warm": _(
        "Would you be open to a %(minutes)s-minute conversation in the coming weeks? I "
        "would love to ask you %(count)s questions:"
    ),
    "concise": _("Could I ask you %(count)s questions in a %(minutes)s-minute call?"),
    "formal": _(
        "I would be grateful for %(minutes)s minutes of your time to ask %(count)s "
        "specific questions:"
    ),
}
COUNTS = {2: _("two"), 3: _("three")}
CLOSINGS = {
    "warm": _(
        "I am happy to work around your schedule, and I understand completely if now is "
        "not a good time. Thank you for considering it."
    ),
    "concise": _("Any time that suits you works for me. Thank you!"),
    "formal": _(
        "I am flexible and will gladly fit around your calendar. Thank you for "
        "considering my request."
    ),
}
SIGN_OFFS = {"warm": _("Warm regards,"), "concise": _("Best,"), "formal": _("Kind regards,")}
SUGGESTED = (
    _("How did you approach %(topic)s when you were where I am now?"),
    _("What would you do first in my place?"),
    _("What do you wish you had known about %(topic)s earlier?"),
)

_FILLER_START = re.compile(
    r"^(?:i\s+(?:want|would\s+like|'d\s+like|hope|plan|need)\s+to|my\s+goal\s+is\s+to|to)\s+", re.I
)


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _goal_clause(goal: str) -> str:
    text = _FILLER_START.sub("", " ".join(goal.split())).rstrip(" .!")
    if text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def _as_topic(name: str) -> str:
    """ "Data engineering" reads "data engineering" mid-sentence; "SQL" and "Airflow" stay."""
    words = name.split()
    if (
        len(words) > 1
        and name[:1].isupper()
        and name[1:2].islower()
        and all(w.islower() for w in words[1:])
    ):
        return name[0].lower() + name[1:]
    return name


def _topic(inp: ComposerInput) -> str:
    """What the conversation is about: a mentor expertise the goals mention, else the first
    expertise, the goal, the work or the mentor's role."""
    said = " ".join([*inp.goals, *inp.questions]).lower()
    for skill in inp.mentor_expertise:
        if skill and re.search(r"\b" + re.escape(skill.lower()) + r"\b", said):
            return _as_topic(skill)
    if inp.mentor_expertise:
        return _as_topic(inp.mentor_expertise[0])
    if inp.goals:
        return " ".join(_goal_clause(inp.goals[0]).split()[:8])
    return inp.work_title or _as_topic(inp.mentor_role.strip())


def suggested_questions(topic: str, gettext: Callable[[str], str] = _) -> list[str]:
    return [gettext(q) % {"topic": topic} for q in SUGGESTED]


def _clean_questions(questions: Sequence[str]) -> list[str]:
    out = []
    for q in questions:
        q = " ".join(q.split()).lstrip("-*•0123456789. )").strip()
        if q and q not in out:
            out.append(q if q.endswith("?") else q.rstrip(".") + "?")
    return out[:3]


def compose(inp: ComposerInput, gettext: Callable[[str], str] = _) -> Draft:
    """Draft the subject and body. Unknown tones fall back to warm; lengths to 15-20 minutes."""
    g = gettext
    tone = inp.tone if inp.tone in TONES else "warm"
    minutes = min(max(inp.minutes, MINUTES[0]), MINUTES[1])
    topic = _topic(inp) or g(DEFAULT_TOPIC)
    questions = _clean_questions(inp.questions)
    if len(questions) < 2:
        questions = (questions + [q for q in suggested_questions(topic, g) if q not in questions])[
            :3
        ]
    kind = inp.work_kind if inp.work_kind in KINDS else "other"
    title = " ".join(inp.work_title.split())

    if title:
        subject = g(SUBJECTS[tone]) % {"kind": g(KINDS[kind]), "title": title, "topic": topic}
    else:
        subject = g(SUBJECT_NO_WORK[tone]) % {"topic": topic, "mentee": inp.mentee_name}
    lines = [
        g(GREETINGS[tone]) % {"first": _first_name(inp.mentor_name), "full": inp.mentor_name},
        "",
    ]
    if title:
        year = g(YEAR) % {"year": inp.work_year} if inp.work_year else ""
        lines += [g(OPENINGS[(tone, kind)]) % {"title": title, "year": year}, ""]
    role = inp.mentee_role.strip() or g(DEFAULT_ROLE)
    goal = _goal_clause(inp.goals[0]) if inp.goals else ""
    who = (
        g(WHO[tone]) % {"role": role, "goal": goal}
        if goal
        else g(WHO_NO_GOAL[tone]) % {"role": role}
    )
    lines += [f"{who} {g(WHY[tone]) % {'topic': topic}}", ""]
    lines.append(g(ASKS[tone]) % {"minutes": minutes, "count": g(COUNTS[len(questions)])})
    lines += [f"- {q}" for q in questions]
    lines += ["", g(CLOSINGS[tone]), "", g(SIGN_OFFS[tone]), inp.mentee_name]
    return Draft(subject=subject, body="\n".join(lines).strip(), questions=tuple(questions))


# --- replies drafted for the mentor --------------------------------------------------------------

DECLINE_REASONS = ("time", "fit")
DECLINES = {
    "time": _(
        "Dear %(mentee)s,\n\nThank you for your thoughtful message; it was kind of you to "
        "write. I cannot take on anything new at the moment, and I would rather tell you now "
        "than keep you waiting. I hope you find someone who can give your questions the "
        "time they deserve.\n\nWith best wishes,\n%(mentor)s"
    ),
    "fit": _(
        "Dear %(mentee)s,\n\nThank you for writing to me, and for the care you put into "
        "your message. Your questions deserve someone who knows this area better than I do, "
        "so I am not the right person for this conversation. I wish you every success with "
        "it.\n\nWith best wishes,\n%(mentor)s"
    ),
}
REDIRECT = _(
    "Dear %(mentee)s,\n\nThank you for writing to me. I think %(other)s could help you "
    "more with these questions than I can: their experience is closer to what you "
    "describe. Do tell them I suggested it.\n\nAll the best,\n%(mentor)s"
)


def decline_reply(
    *, mentee_name: str, mentor_name: str, reason: str = "time", gettext: Callable[[str], str] = _
) -> str:
    template = DECLINES.get(reason, DECLINES["time"])
    return gettext(template) % {"mentee": _first_name(mentee_name), "mentor": mentor_name}


def redirect_reply(
    *, mentee_name: str, mentor_name: str, other_name: str, gettext: Callable[[str], str] = _
) -> str:
    return gettext(REDIRECT) % {
        "mentee": _first_name(mentee_name),
        "mentor": mentor_name,
        "other": other_name,
    }
