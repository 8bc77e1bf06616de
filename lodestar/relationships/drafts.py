"""Messages Lodestar drafts for a person to send when their relationship changes, in our words.

Each draft is a starting point: the person edits it and sends it themselves.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def transition_draft(
    *, to: str, end_reason: str, writer: str, recipient: str, learned: str = ""
) -> str:
    """The message for ``writer`` to send ``recipient`` after a change to ``to``."""
    names = {"writer": writer, "recipient": recipient}
    if to == "ended" and end_reason == "mismatch":
        need = learned.strip() or _("[what you now know you are looking for]")
        return _(
            "Hi %(recipient)s,\n\nThank you for the time you gave me. Our conversations helped me "
            "see more clearly what I need next: %(need)s. I don't think I am the best match for "
            "that, and I would rather say so openly than let things drift. I am grateful for what "
            "I learned, and I hope our paths cross again.\n\nWarm regards,\n%(writer)s"
        ) % {**names, "need": need}
    if to == "ended" and end_reason == "goals_achieved":
        return _(
            "Hi %(recipient)s,\n\nWe reached what we set out to do, and I wanted to thank you "
            "properly for the part you played. Could we stay in touch? A short note every few "
            "months, telling each other what we are working on, would mean a lot to me.\n\n"
            "With thanks,\n%(writer)s"
        ) % names
    if to == "ended" and end_reason == "time_constraints":
        return _(
            "Hi %(recipient)s,\n\nMy time has become too short to give our meetings the attention "
            "they deserve, so I think it is fairer to stop here for now. Thank you for everything "
            "so far; I would be glad to pick this up again when things are calmer.\n\n"
            "Best,\n%(writer)s"
        ) % names
    if to == "ended":
        return _(
            "Hi %(recipient)s,\n\nI am closing our mentorship on Lodestar. Thank you for your "
            "time, and all the best with what comes next.\n\n%(writer)s"
        ) % names
    if to == "paused":
        return _(
            "Hi %(recipient)s,\n\nCould we pause our meetings for a little while? I will get back "
            "to you when I can give them proper time again. Thank you for understanding.\n\n"
            "%(writer)s"
        ) % names
    if to == "active":
        return _(
            "Hi %(recipient)s,\n\nI am glad we are going ahead. I have written down what we "
            "agreed; I will send my agenda a day before each meeting.\n\nSee you soon,\n%(writer)s"
        ) % names
    if to == "exploring":
        return _(
            "Hi %(recipient)s,\n\nThanks again for the intro call. I would like to try a couple "
            "more conversations to see how we work together, if that suits you.\n\n%(writer)s"
        ) % names
    return ""


def check_in_draft(*, writer: str, recipient: str) -> str:
    """A gentle, no-pressure check-in for the side that is still here."""
    return _(
        "Hi %(recipient)s,\n\nJust checking in, with no pressure at all. I know things get busy. "
        "Whenever it suits you, a short note on how you are doing would be lovely; and if now is "
        "not a good time for our meetings, that is completely fine too.\n\n%(writer)s"
    ) % {"writer": writer, "recipient": recipient}


def time_problem_draft(*, writer: str, recipient: str) -> str:
    """When time is the problem: a 10-minute check-in or a written update instead."""
    return _(
        "Hi %(recipient)s,\n\nI know time is short at the moment. Would a 10-minute check-in "
        "work instead of our usual meeting? Or I could send a short written update you can read "
        "when it suits you.\n\n%(writer)s"
    ) % {"writer": writer, "recipient": recipient}
