"""The lifecycle's rules as data: which state may follow which, and which end reasons fit where.

Pure: no Django import, so the whole table is checked by fast unit tests.
"""

from __future__ import annotations

REQUESTED, INTRO_SCHEDULED, INTRO_HELD = "requested", "intro_scheduled", "intro_held"
EXPLORING, ACTIVE, PAUSED, ENDED = "exploring", "active", "paused", "ended"

NEXT: dict[str, tuple[str, ...]] = {
    REQUESTED: (INTRO_SCHEDULED, ENDED),
    INTRO_SCHEDULED: (INTRO_HELD, ENDED),
    INTRO_HELD: (EXPLORING, ACTIVE, ENDED),
    EXPLORING: (ACTIVE, ENDED),
    ACTIVE: (PAUSED, ENDED),
    PAUSED: (ACTIVE, ENDED),
    ENDED: (),
}

# The reasons a relationship may end with, by the state it ends from. A request is declined by
# the mentor or withdrawn by the mentee; goals are achieved only once the two have worked together.
END_REASONS: dict[str, tuple[str, ...]] = {
    REQUESTED: ("declined", "withdrawn"),
    INTRO_SCHEDULED: ("withdrawn", "mismatch", "time_constraints", "ghosted"),
    INTRO_HELD: ("mismatch", "withdrawn", "time_constraints", "ghosted"),
    EXPLORING: ("mismatch", "withdrawn", "time_constraints", "ghosted"),
    ACTIVE: ("goals_achieved", "mismatch", "time_constraints", "ghosted", "withdrawn"),
    PAUSED: ("goals_achieved", "mismatch", "time_constraints", "ghosted", "withdrawn"),
}

# States a relationship may be created in (a program creates formal pairs already matched).
START_STATES = (REQUESTED, INTRO_SCHEDULED, EXPLORING, ACTIVE)


def allowed(current: str, to: str) -> bool:
    return to in NEXT.get(current, ())


def reason_allowed(current: str, reason: str) -> bool:
    return reason in END_REASONS.get(current, ())
