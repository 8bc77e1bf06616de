"""Outreach test set-up: a mentee and mentors made through the real services, and a message the
coach is happy with."""

from __future__ import annotations

import datetime as dt
from itertools import count

import pytest

from lodestar.goals import services as goals
from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory

_n = count(1)
EVENINGS = [(day, 17 * 60, 21 * 60) for day in range(5)]  # weekday evenings, local time
MORNINGS = [(day, 7 * 60, 10 * 60) for day in range(1, 6)]


def make_person(name: str, *, zone: str = "UTC", windows=(), email: str | None = None, **fields):
    profile = ProfileFactory(
        display_name=name, time_zone=zone, user__email=email or f"p{next(_n)}@example.org"
    )
    if fields:
        people.profile_update(profile=profile, **fields)
    people.language_set(profile=profile, language="en", proficiency=5)
    for weekday, start, end in windows:
        people.availability_add(
            profile=profile, weekday=weekday, start_minute=start, end_minute=end
        )
    return profile


def make_mentor(
    name: str,
    *,
    works=("Building data teams that last",),
    max_mentees: int = 2,
    accepting: bool = True,
    expertise=("Data engineering",),
    zone="America/Los_Angeles",
    windows=EVENINGS,
    **fields,
):
    fields.setdefault("mentorship_types", ["informal", "virtual"])
    fields.setdefault("guidance_offered", ["career"])
    fields.setdefault("job_title", "Staff data engineer")
    mentor = make_person(
        name,
        zone=zone,
        windows=windows,
        max_mentees=max_mentees,
        accepting_mentees=accepting,
        **fields,
    )
    for title in works:
        people.public_work_add(profile=mentor, kind="talk", title=title, year=2023)
    if expertise:
        people.profile_set_skills(profile=mentor, skills=[], expertise=list(expertise))
    return mentor


@pytest.fixture(autouse=True)
def _fresh_mentor_index():
    from lodestar.matching.directory import mentor_index_clear

    mentor_index_clear()
    yield
    mentor_index_clear()


@pytest.fixture
def mentee(db):
    arjun = make_person(
        "Arjun Mehta",
        zone="Asia/Kolkata",
        windows=MORNINGS,
        email="arjun@example.org",
        job_title="Data engineer",
        organization="Kolkata Freight",
    )
    goals.goal_create(
        owner=arjun,
        horizon="short",
        text="Lead the data platform team of four by next spring",
        measure="Running the team's planning on my own",
        target_date=dt.date.today() + dt.timedelta(days=270),
    )
    return arjun


@pytest.fixture
def mentor(db):
    return make_mentor("Elena Vasquez", email="elena@example.org")


def good_message(mentor, *, name: str = "Arjun") -> dict:
    title = mentor.public_work.first().title
    return {
        "subject": f"Your talk “{title}” and a question about leading a data team",
        "body": (
            f"Dear {mentor.display_name.split()[0]},\n\nI watched your talk “{title}” and it has "
            "stayed with me since.\n\nI am a data engineer in Kolkata, and I am preparing to lead "
            "our data platform team of four next spring.\n\nWould you be open to a 20-minute "
            "conversation in the coming weeks? I would love to ask how you decided when to stop "
            "writing pipelines yourself, and what your first quarter as a lead taught you.\n\nI "
            f"am happy to work around your schedule. Thank you for considering it.\n\n{name}"
        ),
        "questions": [
            "How did you decide when to stop writing pipelines yourself?",
            "What did your first quarter as a lead teach you?",
        ],
    }


def send(mentee, mentor, **overrides):
    from lodestar.outreach import services

    data = {**good_message(mentor), "cited_work": mentor.public_work.first(), **overrides}
    return services.intro_request_send(mentee=mentee, mentor=mentor, **data)
