"""A small, complete world made through the real services: alice (mentee) has met bob (mentor),
has another meeting with him coming up, and has written everything a person can write.
carol is a stranger with private content of her own. Used by the data-rights and backup tests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.base import ContentFile

from lodestar.goals import services as goals
from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.meetings.models import Agenda, AgendaEntry
from lodestar.meetings.tests.conftest import at, make_mentor, past
from lodestar.notifications import messages
from lodestar.notifications.services import preferences_update
from lodestar.outreach.models import IntroRequest
from lodestar.people import services as people
from lodestar.tokens.services import token_create

ALICE_PRIVATE = "Mentee private: I may quit in March"
ALICE_SHARED = "Mentee shared: notes on the charter"
BOB_PRIVATE = "Mentor private: she seems anxious about her manager"
BOB_SHARED = "Mentor shared: read The Managers Path"
CAROL_PRIVATE = "Carol private: salary is 90k"
GOAL_WHY = "Because I was passed over for promotion"
CHECK_IN = "Presented once, froze halfway"
FOLLOW_UP = "Thank you Bob, I will try the charter."
UPDATE = "Travelling all week, here is where I am."
REQUEST_SUBJECT = "Could you help me with budgeting?"
PHOTO = b"\x89PNG\r\n\x1a\n fake photo bytes"


def build_world(alice, bob, carol) -> SimpleNamespace:
    mentor = make_mentor(bob)
    people.profile_update(
        profile=alice, headline="Analyst learning to lead", bio="Accra-based analyst"
    )
    people.language_set(profile=alice, language="fr", proficiency=3)
    people.availability_add(profile=alice, weekday=1, start_minute=9 * 60, end_minute=11 * 60)
    people.public_work_add(
        profile=alice, kind="talk", title="Dashboards that lie", url="", year=2024
    )
    people.profile_set_skills(profile=alice, skills=["SQL", "Storytelling"], expertise=[])
    alice.photo.save("alice.png", ContentFile(PHOTO))

    goal = goals.goal_create(
        owner=alice,
        horizon="short",
        text="Lead the quarterly data review",
        why=GOAL_WHY,
        measure="Three reviews with no follow-up questions",
        target_date=None,
    )
    goals.milestone_add(goal=goal, title="Draft the deck")
    goals.goal_check_in(goal=goal, on=dt.date(2025, 1, 6), note=CHECK_IN)
    goals.skill_gap_add(profile=alice, name="Public speaking", note="to a room of directors")
    goals.guidance_set(profile=alice, weights={"career": 3})
    goals.persona_set_criterion(profile=alice, kind="trait", value="patient", importance="nice")
    goals.goal_create(owner=carol, horizon="short", text="Carol's goal", why=CAROL_PRIVATE)

    held = past(alice, mentor)
    agenda = Agenda.objects.create(meeting=held, progress="Shipped the dashboard")
    AgendaEntry.objects.create(agenda=agenda, kind="question", text="How do I say no?", position=0)
    meetings.note_add(meeting=held, author=alice, body=ALICE_PRIVATE, shared=False)
    meetings.note_add(meeting=held, author=alice, body=ALICE_SHARED, shared=True)
    meetings.note_add(meeting=held, author=mentor, body=BOB_PRIVATE, shared=False)
    meetings.note_add(meeting=held, author=mentor, body=BOB_SHARED, shared=True)
    meetings.takeaway_add(meeting=held, author=alice, text="Write a team charter")
    meetings.action_item_add(
        meeting=held, by=mentor, owner=alice, text="Draft the charter", due_on=None
    )
    meetings.follow_up_send(meeting=held, by=alice, body=FOLLOW_UP)
    meetings.feed_regenerate(person=alice)

    upcoming = booking.meeting_book(
        mentee=alice, mentor=mentor, kind="session", starts_at=at(days=9), minutes=45
    )
    update = meetings.async_update_send(meeting=upcoming, author=alice, body=UPDATE)
    upcoming = booking.meeting_book(
        mentee=alice, mentor=mentor, kind="session", starts_at=at(days=16), minutes=45
    )
    messages.check_in_due(
        person=alice.user, other_name="Bob Tanaka", relationship_id=1, days_quiet=14, link="/"
    )
    preferences_update(
        user=alice.user,
        channels={"meeting_reminder": "in_app"},
        quiet_start_minute=22 * 60,
        quiet_end_minute=7 * 60,
        digest_enabled=False,
    )
    token, raw_token = token_create(user=alice.user, name="weekly export", scope="read")
    # An open intro request to carol, made directly: outreach's own tests cover sending one.
    request = IntroRequest.objects.create(
        mentee=alice,
        mentor=make_mentor(carol),
        subject=REQUEST_SUBJECT,
        body="I read your article on budgets.",
        expires_at=at(days=7),
    )
    return SimpleNamespace(
        mentor=mentor,
        held=held,
        upcoming=upcoming,
        goal=goal,
        update=update,
        token=token,
        raw_token=raw_token,
        request=request,
    )
