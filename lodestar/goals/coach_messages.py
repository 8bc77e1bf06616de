"""Every sentence the goal coach shows to a person, in one place.

Plain functions returning strings, so a later pass can wrap them for
translation (gettext) without touching the heuristics. Arguments are the
person's own words (already trimmed) and dates; nothing here decides anything.
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

HORIZON_NAMES = {"short": "short-term", "long": "long-term"}
HORIZON_WINDOWS = {"short": "6 to 12 months", "long": "3 to 5 years"}


def month_label(d: date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def distance_label(days: int) -> str:
    """Roughly how far away a date is: '2 weeks', '8 months', '4 years'."""
    days = abs(days)
    if days < 14:
        return "1 day" if days == 1 else f"{days} days"
    if days < 61:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.4375)
    if months < 24:
        return f"{months} months"
    years = days / 365.25
    return f"{round(years)} years" if abs(years - round(years)) < 0.25 else f"{years:.1f} years"


def _quote(words: str) -> str:
    return f"\u201c{words}\u201d"


def _list(parts: list[str] | tuple[str, ...]) -> str:
    return "; ".join(_quote(p) for p in parts)


# --- worked examples for vague goals (topic keys come from coach_lexicon.EXAMPLE_TOPICS) ------

def example_outcome(topic: str, month: str) -> str:
    examples = {
        "presenting": "give a ten-minute update to the department heads in " + month
        + " and answer their questions without checking your notes",
        "communication": "write the weekly project update so that by " + month
        + " your manager no longer needs a follow-up call to understand it",
        "leadership": "run your team's planning meeting on your own every week until " + month
        + ", with each action given an owner and a date",
        "confidence": "by " + month + ", raise one concern or idea in every weekly team meeting "
        "instead of keeping it for afterwards",
        "money": "reach a named salary figure, say 10% above today's, in your review or an "
        "offer by " + month,
        "sales": "close a set number of deals of a named size by " + month
        + ", for example four deals above 20,000",
        "research": "submit one paper to a named journal or conference by " + month,
        "teaching": "teach one redesigned unit to your class by " + month
        + " and compare the end-of-unit results with last year's",
        "nursing": "lead a shift on your ward by " + month
        + ", or halve one kind of charting error on your unit",
        "design": "ship one redesigned screen by " + month
        + " and show how its completion rate changed",
        "finance": "build your team's budget forecast for the next quarter and land within 5% of "
        "actual spend by " + month,
        "software": "own one feature from design to release by " + month
        + " and present it at the team demo",
        "career": "hold a named role, for example team lead, at your company or a named one by "
        + month,
        "skills": "pick one skill, for example SQL or budgeting, and use it on one real piece "
        "of work you can show someone by " + month,
    }
    return examples.get(
        topic,
        "describe one situation where it would show, who would notice, and one number you "
        "could check in " + month,
    )


# --- findings: (message, hint) pairs ---------------------------------------------------------

def too_short_message() -> str:
    return "This goal is too short to tell what you want to achieve."


def too_short_hint(text: str, month: str) -> str:
    start = _quote(text) if text else "Your goal"
    return (f"{start} needs a few more words: what you want to do, for whom or where, and by "
            f"when. For example: \u201cPass the <named exam> by {month}\u201d.")


def vague_message(quote: str) -> str:
    return f"{_quote(quote)} does not say what would actually be different."


def vague_hint(quote: str, topic: str, month: str) -> str:
    return (f"What would {_quote(quote)} look like by {month}? Name the situation or audience "
            f"and something you could count or show. For example: "
            f"{example_outcome(topic, month)}.")


def mentor_request_message() -> str:
    return "This asks for a mentor but does not say what you want their help with."


def mentor_request_hint(text: str, month: str) -> str:
    return (f"Instead of {_quote(text)}, write the outcome a mentor would help you reach: a "
            f"skill, a role, a decision or a piece of work, with a date. For example: \u201cMove "
            f"into a team lead role by {month}\u201d.")


def too_long_message(limit: int) -> str:
    return f"This goal is longer than {limit} characters; only the start was reviewed."


def too_long_hint() -> str:
    return ("Keep the goal itself to a sentence or two, and put the background in "
            "\u201cwhy it matters\u201d.")


def no_measure_message() -> str:
    return "There is no way to tell when this goal is done."


def no_measure_hint(core: str, kind: str, month: str) -> str:
    how = {
        "learn": "use it on one real task you can show someone, such as a report, a fix or a "
                 "talk, or pass a named test of it",
        "role": "the title on your contract or a signed offer",
        "make": "who will use it, and what they will do with it",
        "change": "a number from today and the number you are aiming for",
    }.get(kind, "a number, a piece of work you can show, or a person who will notice")
    return (f"How will you know {_quote(core)} is done by {month}? Add it to the goal or to "
            f"\u201chow I'll measure success\u201d: {how}.")


def weak_measure_message(measure: str) -> str:
    return f"The measure {_quote(measure)} is hard to check."


def weak_measure_hint(measure: str, month: str) -> str:
    return (f"Turn {_quote(measure)} into something you could count or show in {month}: a "
            f"number, a finished piece of work, or a person who would confirm it.")


def no_horizon_message() -> str:
    return "This goal has no time frame yet."


def no_horizon_hint(core: str, suggested: str | None) -> str:
    hint = (f"Is {_quote(core)} for the next 6 to 12 months (short-term) or the next 3 to 5 "
            f"years (long-term)?")
    if suggested:
        hint += f" From its date, it looks {HORIZON_NAMES[suggested]}."
    return hint


def no_date_message(horizon: str) -> str:
    return f"This {HORIZON_NAMES.get(horizon, '')} goal has no target date.".replace("  ", " ")


def no_date_hint(core: str, first: str, last: str) -> str:
    return f"Pick a month between {first} and {last} for {_quote(core)}."


def past_date_message(when: str) -> str:
    return f"The target date ({when}) has already passed."


def past_date_hint(core: str, first: str, last: str) -> str:
    return (f"If {_quote(core)} is done, mark it done; if not, choose a new month between "
            f"{first} and {last}.")


def mismatch_message(horizon: str, distance: str) -> str:
    return (f"Due in {distance}, this does not fit a {HORIZON_NAMES[horizon]} goal "
            f"({HORIZON_WINDOWS[horizon]}).")


def mismatch_hint(core: str, horizon: str, first: str, last: str, fits: str | None) -> str:
    if fits and fits != horizon:
        return (f"Either call {_quote(core)} a {HORIZON_NAMES[fits]} goal, or move its date to "
                f"between {first} and {last}.")
    if fits is None and horizon == "short":
        return (f"That is too soon for mentoring to help with {_quote(core)}: treat it as a step "
                f"of a bigger goal, or move the date to between {first} and {last}.")
    return (f"Move the date of {_quote(core)} to between {first} and {last}, or set a "
            f"milestone you could reach in that window.")


def stretch_message(horizon: str, distance: str) -> str:
    return (f"Due in {distance}, this is outside the usual {HORIZON_WINDOWS[horizon]} for a "
            f"{HORIZON_NAMES[horizon]} goal.")


def stretch_hint(core: str, first: str, last: str) -> str:
    return (f"That can work, but check the date of {_quote(core)}: between {first} and {last} "
            f"gives a mentor time to help and keeps it in view.")


def date_conflict_message(in_text: str, field: str) -> str:
    return f"The goal mentions {in_text}, but its target date is {field}."


def date_conflict_hint(core: str) -> str:
    return f"Make the date in {_quote(core)} and the target date agree."


def compound_message(count: int) -> str:
    return f"This reads as {count} separate goals."


def compound_hint(parts: list[str]) -> str:
    return (f"Split it: {_list(parts)}. Keep the most important one here and add the others as "
            f"goals of their own, each with its own date and measure.")


def too_many_message(horizon: str, count: int, limit: int) -> str:
    return (f"You have {count} active {HORIZON_NAMES[horizon]} goals; focusing on at most "
            f"{limit} works better.")


def too_many_hint(texts: list[str], limit: int) -> str:
    return (f"Choose the {limit} that matter most among {_list(texts)}, and pause the others "
            f"for later.")


def no_goals_message() -> str:
    return "There are no active goals yet."


def no_goals_hint() -> str:
    return ("Add one short-term goal for the next 6 to 12 months; a long-term goal for 3 to 5 "
            "years helps a mentor see where it leads.")


def duplicate_message(text: str) -> str:
    return f"{_quote(text)} appears more than once."


def duplicate_hint() -> str:
    return "Keep one copy, or make each say something different."
