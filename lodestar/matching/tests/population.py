"""Hand-made people for the matching tests, created through the real services."""

from __future__ import annotations

from datetime import UTC, datetime

from lodestar.goals import services as goals
from lodestar.goals.tests.conftest import specific_goal
from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory

# Four weeks from Monday 9 March 2026: the US is already on summer time, the EU moves on
# Sunday 29 March (inside week three), so week four differs from the first three in Europe.
DST_START = datetime(2026, 3, 9, tzinfo=UTC)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def window(spec: str) -> tuple[int, int, int]:
    """"Mon 12:00-14:00" as (weekday, start minute, end minute)."""
    day, hours = spec.split()
    a, b = (int(t[:2]) * 60 + int(t[3:]) for t in hours.split("-"))
    return DAYS.index(day), a, b


def person(name: str, *, zone: str = "UTC", languages: dict[str, int] | None = None,
           windows: tuple[str, ...] = (), skills: tuple[str, ...] = (),
           expertise: tuple[str, ...] = (), **fields):
    """A profile with languages (default English, native), weekly windows and skills.

    ``fields`` go through profile_update: seniority, organization, mentorship_types, ...
    """
    profile = ProfileFactory(display_name=name, time_zone=zone)
    if fields:
        people.profile_update(profile=profile, **fields)
    for code, level in (languages if languages is not None else {"en": 5}).items():
        people.language_set(profile=profile, language=code, proficiency=level)
    for spec in windows:
        wd, a, b = window(spec)
        people.availability_add(profile=profile, weekday=wd, start_minute=a, end_minute=b)
    if skills or expertise:
        people.profile_set_skills(profile=profile, skills=list(skills), expertise=list(expertise))
    return profile


def mentor(name: str, *, types=("informal",), offers=("career",), max_mentees: int = 2,
           accepting: bool = True, **kwargs):
    return person(name, mentorship_types=list(types), guidance_offered=list(offers),
                  max_mentees=max_mentees, accepting_mentees=accepting, **kwargs)


def reflect(profile, *, gaps=(), guidance=None, must=(), nice=(), goal: bool = True):
    """A self-reflection: ready when it has a goal, gaps, guidance and a persona criterion."""
    if goal:
        specific_goal(profile)
    for name in gaps:
        goals.skill_gap_add(profile=profile, name=name)
    if guidance:
        goals.guidance_set(profile=profile, weights=guidance)
    for kind, value in must:
        goals.persona_set_criterion(profile=profile, kind=kind, value=value, importance="must")
    for kind, value, weight in nice:
        goals.persona_set_criterion(profile=profile, kind=kind, value=value, importance="nice",
                                    weight=weight)
    profile.refresh_from_db()
    return profile
