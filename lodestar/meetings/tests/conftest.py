"""Meetings test helpers: a mentor who accepts mentees, and meetings booked the way people do.

alice (Africa/Accra) is the mentee, bob (Asia/Tokyo) the mentor. `past` books through the real
services on a clock set back in time, so the meeting has really happened by now.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lodestar.meetings import booking
from lodestar.people.services import profile_update
from lodestar.people.tests.factories import ProfileFactory

HTMX = {"HX-Request": "true"}


def at(days: float = 0, hours: float = 0, minutes: float = 0) -> dt.datetime:
    """A whole-minute instant relative to now."""
    moment = timezone.now() + dt.timedelta(days=days, hours=hours, minutes=minutes)
    return moment.replace(second=0, microsecond=0)


def next_weekday(weekday: int, clock: dt.time, zone: str = "UTC", *, weeks: int = 1) -> dt.datetime:
    """The `weekday` (0 = Monday) at `clock` in `zone`, at least two days and `weeks` ahead."""
    tz = ZoneInfo(zone)
    day = timezone.now().astimezone(tz).date() + dt.timedelta(days=2)
    day += dt.timedelta(days=(weekday - day.weekday()) % 7, weeks=weeks - 1)
    return dt.datetime.combine(day, clock, tz).astimezone(dt.UTC)


def make_mentor(profile, **extra):
    values = {
        "mentorship_types": ["informal"],
        "max_mentees": 3,
        "accepting_mentees": True,
        "headline": "Engineering manager who still writes code on Fridays",
        "job_title": "Engineering manager",
        "organization": "Pesa Labs",
    }
    values.update(extra)
    return profile_update(profile=profile, **values)


def book(mentee, mentor, *, start=None, kind="intro", minutes=None, now=None):
    return booking.meeting_book(
        mentee=mentee,
        mentor=mentor,
        kind=kind,
        starts_at=start or at(days=2),
        minutes=minutes or booking.DEFAULT_MINUTES[kind],
        now=now,
    )


def past(mentee, mentor, *, days_ago: float = 7, kind="intro", minutes=None):
    """A meeting that took place `days_ago`, booked a day before it."""
    start = at(days=-days_ago)
    return book(
        mentee, mentor, start=start, kind=kind, minutes=minutes, now=start - dt.timedelta(days=1)
    )


@pytest.fixture
def mentor(bob):
    return make_mentor(bob)


@pytest.fixture
def carol(db):
    return ProfileFactory(
        display_name="Carol Diaz", user__email="carol@example.org", time_zone="America/Los_Angeles"
    )


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob.user)
    return client


def counts():
    """Rows a refused request must leave untouched."""
    from lodestar.meetings.models import Meeting, MeetingSeat, MeetingSeries
    from lodestar.notifications.models import Notification, OutboxMessage

    return {
        m.__name__: m.objects.count()
        for m in (Meeting, MeetingSeat, MeetingSeries, Notification, OutboxMessage)
    }
