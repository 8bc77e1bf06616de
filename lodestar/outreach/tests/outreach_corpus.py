"""Labelled first messages from mentees to mentors, for measuring the outreach coach rule by rule.

Written by hand for this purpose. The "dev" split was written before the coach had a single rule
or word list; the "fresh" split was written after the coach was frozen and evaluated once (see
lodestar/outreach/coach_report.py for both measurements). None of these sentences, nor phrases
lifted from them, may be copied into the coach's word lists.

Each example carries the set of rules a careful human reviewer says should fire. The rules, as
labelled (the coach's own docstring says how it tries to detect them):

open_ended_ask     asks the mentor to take on an open-ended or ongoing role: "be my mentor",
                   "mentor me", "guide me through my career", regular or long-term calls. A single
                   call, even one that mentions staying in touch afterwards, is not open-ended.
weak_subject       no subject, or one that names no topic ("Hello", "Mentorship", "Quick
                   question", "Request", just the mentor's name).
no_work_reference  the body names no specific piece of the mentor's public work (by its title or
                   a description someone could recognise it from). "I admire your work" or
                   "your recent talk" with no topic do not count.
no_purpose         the message does not say what the writer is working on or trying to learn or
                   decide, specifically enough that the mentor knows what the conversation is for.
                   Saying who one is, or praise, alone is not a purpose.
no_time_bound_ask  no explicit, finite length for what is asked ("15 minutes", "a 20-minute call",
                   "half an hour"); this includes messages that ask for nothing at all. An explicit
                   length over 30 minutes is long_ask instead.
long_ask           an explicit length over 30 minutes ("an hour", "45 minutes", "a day", "a
                   30 to 45 minute call").
too_long           more than 250 words in the body.
no_courtesy        the message does not thank the mentor, or shows no flexibility about their time
                   (a fixed slot, "this week", "reply soon", or nothing said about timing).
shouting           three or more words in capitals that are not acronyms, a subject in capitals,
                   or runs of exclamation or question marks ("!!", "??").
duplicate          the body is, apart from names and titles, the same as two or more messages the
                   mentee already sent to other mentors (``previous``): "sent to many mentors".
                   (Written as "a message" at first; changed before the fresh split, when the
                   composer showed that one personalised reuse should not be flagged. Every dev
                   example labelled duplicate already had two or more.)
"""

from __future__ import annotations

from .corpus_base import MENTORS, RULES, Example, Mentor
from .corpus_dev import DEV
from .corpus_fresh import FRESH

__all__ = ["CORPUS", "DEV", "FRESH", "MENTORS", "RULES", "Example", "Mentor"]

CORPUS: list[Example] = DEV + FRESH
