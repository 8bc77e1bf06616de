"""Goals test helpers: dates on the mentee's own calendar, and a reflection built as people do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lodestar.goals import services
from lodestar.goals.readiness import local_today

# A goal the coach is happy with: specific, measurable, dated inside the short-term window.
SPECIFIC = (
    "Present our quarterly data review to the regional sales leads without reading from notes"
)
MEASURE = "Three reviews given with no follow-up questions sent to my manager afterwards"
VAGUE = "I want to get better at presenting"


def in_months(profile, months: int) -> date:
    return local_today(profile) + timedelta(days=round(months * 30.44))


def specific_goal(profile, **overrides):
    values = {
        "horizon": "short",
        "text": SPECIFIC,
        "measure": MEASURE,
        "target_date": in_months(profile, 9),
    }
    values.update(overrides)
    return services.goal_create(owner=profile, **values)


def complete_reflection(profile, *, goal: bool = True):
    """Everything readiness asks for besides the goals (and a passing goal unless goal=False)."""
    if goal:
        specific_goal(profile)
    services.skill_gap_add(profile=profile, name="Project budgeting", note="reading a cost report")
    services.guidance_set(profile=profile, weights={"career": 3, "technical": 1})
    services.persona_set_criterion(profile=profile, kind="language", value="en", importance="must")
    services.persona_set_criterion(
        profile=profile, kind="trait", value="patient", importance="nice"
    )


@pytest.fixture
def nine_months(alice) -> date:
    return in_months(alice, 9)
