"""A small, complete Lodestar for the API tests, built through the real services.

Personas: the owner (a mentee, alice), the counterpart (her mentor, bob), another person, a
program admin (the demo's programs@ account: no special rights yet) and staff. The owner and the
counterpart had an intro call a week ago and have a session in three days. Each person's private
note carries a marker that must never appear in anyone else's response.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from lodestar.goals import services as goals
from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.notifications.models import Notification
from lodestar.notifications.services import notify
from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory
from lodestar.tokens.services import token_create

OWNER_SECRET = "owner-private-note-7f3a"
COUNTERPART_SECRET = "counterpart-private-note-c41d"
PERSONAS = ("owner", "counterpart", "other", "admin", "staff", "anonymous")
SPECIFIC = "Present our quarterly data review to the regional sales leads without reading notes"
MEASURE = "Three reviews given with no follow-up questions sent to my manager afterwards"


def whole_minute(**delta) -> dt.datetime:
    return (timezone.now() + dt.timedelta(**delta)).replace(second=0, microsecond=0)


@dataclass
class World:
    profiles: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)

    def user(self, persona: str):
        return self.profiles[persona].user


def build_world() -> World:
    w = World()
    w.profiles["owner"] = owner = ProfileFactory(
        display_name="Alice Mensah", user__email="alice@example.org", time_zone="Africa/Accra"
    )
    w.profiles["counterpart"] = mentor = ProfileFactory(
        display_name="Bob Tanaka", user__email="bob@example.org", time_zone="Asia/Tokyo"
    )
    w.profiles["other"] = ProfileFactory(display_name="Carol Diaz", user__email="carol@example.org")
    w.profiles["admin"] = ProfileFactory(
        display_name="Programs Team", user__email="programs@example.org"
    )
    w.profiles["staff"] = ProfileFactory(
        display_name="Sam Staff", user__email="staff@example.org", user__is_staff=True
    )
    people.profile_update(
        profile=mentor,
        mentorship_types=["informal"],
        max_mentees=3,
        accepting_mentees=True,
        headline="Engineering manager",
    )
    for persona in ("other", "admin", "staff"):
        people.profile_update(profile=w.profiles[persona], mentorship_types=["informal"], max_mentees=2,
                              accepting_mentees=True)
    ids = w.ids
    ids["profile"] = owner.pk
    ids["mentor"] = mentor.pk
    ids["language"] = people.language_set(profile=owner, language="pt", proficiency=4).pk
    ids["window"] = people.availability_add(
        profile=owner, weekday=1, start_minute=9 * 60, end_minute=12 * 60
    ).pk
    ids["work"] = people.public_work_add(profile=owner, kind="talk", title="Data stories").pk

    goal = goals.goal_create(
        owner=owner, horizon="short", text=SPECIFIC, measure=MEASURE,
        target_date=timezone.localdate() + dt.timedelta(days=270),
    )
    ids["goal"] = goal.pk
    ids["milestone"] = goals.milestone_add(goal=goal, title="First review given").pk
    plain = goals.goal_create(owner=owner, horizon="long", text="Lead a data team of five people")
    ids["goal_plain"] = goals.goal_set_status(goal=plain, status="paused").pk
    goals.goal_check_in(goal=goal, on=timezone.localdate() - dt.timedelta(days=1), note="Drafted it")
    ids["gap"] = goals.skill_gap_add(profile=owner, name="Budgeting", note="cost reports").pk
    goals.guidance_set(profile=owner, weights={"career": 3})
    ids["criterion"] = goals.persona_set_criterion(
        profile=owner, kind="language", value="en", importance="must"
    ).pk

    start = whole_minute(days=-7)
    past = booking.meeting_book(mentee=owner, mentor=mentor, kind="intro", starts_at=start,
                                minutes=20, now=start - dt.timedelta(days=1))
    future = booking.meeting_book(mentee=owner, mentor=mentor, kind="session",
                                  starts_at=whole_minute(days=3), minutes=45)
    ids["past"], ids["future"] = past.pk, future.pk
    ids["takeaway"] = meetings.takeaway_add(meeting=past, author=owner, text="Lead with the chart").pk
    ids["action"] = meetings.action_item_add(
        meeting=past, by=owner, owner=owner, text="Send the deck", due_on=None
    ).pk
    ids["shared_note"] = meetings.note_add(
        meeting=past, author=owner, body="Shared: thanks for the time", shared=True
    ).pk
    ids["owner_private_note"] = meetings.note_add(
        meeting=past, author=owner, body=OWNER_SECRET, shared=False
    ).pk
    ids["counterpart_private_note"] = meetings.note_add(
        meeting=past, author=mentor, body=COUNTERPART_SECRET, shared=False
    ).pk
    meetings.feed_regenerate(person=owner)

    notice = notify(kind="meeting_reminder", recipient=owner.user, key="api-test-reminder",
                    context={"other_name": "Bob", "starts_at": future.starts_at},
                    link=f"/meetings/{future.pk}/")
    Notification.objects.filter(pk=notice.pk).update(
        in_app=True, dispatched_at=timezone.now(), state=Notification.State.DONE
    )
    ids["notification"] = notice.pk
    ids["token"] = token_create(user=owner.user, name="laptop", scope="write")[0].pk
    return w
