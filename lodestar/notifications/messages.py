"""One helper per kind of message: what later features call to tell someone something.

Each schedules through `services.notify` under a key made from the object it is about, so
calling a helper twice for the same thing never sends twice.
"""

from __future__ import annotations

import datetime as dt

from .models import Notification
from .services import notify


def new_intro_request(*, mentor, mentee_name: str, request_id: int, link: str) -> Notification:
    return notify(kind="new_intro_request", recipient=mentor, key=f"intro-request:{request_id}:new",
                  context={"mentee_name": mentee_name}, link=link)


def request_reminder(*, mentor, mentee_name: str, request_id: int, days_waiting: int, link: str,
                     due_at: dt.datetime) -> Notification:
    return notify(kind="request_reminder", recipient=mentor, key=f"intro-request:{request_id}:reminder:{days_waiting}",
                  context={"mentee_name": mentee_name, "days_waiting": days_waiting}, link=link, due_at=due_at)


def request_expired(*, mentee, mentor_name: str, request_id: int, link: str, due_at: dt.datetime) -> Notification:
    return notify(kind="request_expired", recipient=mentee, key=f"intro-request:{request_id}:expired",
                  context={"mentor_name": mentor_name}, link=link, due_at=due_at)


def intro_call_booked(*, person, other_name: str, meeting_id: int, starts_at: dt.datetime, link: str) -> Notification:
    return notify(kind="intro_call_booked", recipient=person, key=f"meeting:{meeting_id}:booked:{person.pk}",
                  context={"other_name": other_name, "starts_at": starts_at}, link=link)


def agenda_due(*, mentee, other_name: str, meeting_id: int, starts_at: dt.datetime, link: str) -> Notification:
    """Asks for the agenda 24 hours before the meeting."""
    return notify(kind="agenda_due", recipient=mentee, key=f"meeting:{meeting_id}:agenda",
                  context={"other_name": other_name, "starts_at": starts_at}, link=link,
                  due_at=starts_at - dt.timedelta(hours=24))


def meeting_reminder(*, person, other_name: str, meeting_id: int, starts_at: dt.datetime, link: str,
                     minutes_before: int = 15) -> Notification:
    return notify(kind="meeting_reminder", recipient=person, key=f"meeting:{meeting_id}:reminder:{person.pk}",
                  context={"other_name": other_name, "starts_at": starts_at}, link=link,
                  due_at=starts_at - dt.timedelta(minutes=minutes_before))


def follow_up_due(*, mentee, other_name: str, meeting_id: int, ended_at: dt.datetime, link: str) -> Notification:
    """Nudges the mentee 20 hours after the meeting if the follow-up has not gone out."""
    return notify(kind="follow_up_due", recipient=mentee, key=f"meeting:{meeting_id}:follow-up",
                  context={"other_name": other_name}, link=link, due_at=ended_at + dt.timedelta(hours=20))


def check_in_due(*, person, other_name: str, relationship_id: int, days_quiet: int, link: str) -> Notification:
    return notify(kind="check_in_due", recipient=person,
                  key=f"relationship:{relationship_id}:check-in:{person.pk}:{days_quiet}",
                  context={"other_name": other_name, "days_quiet": days_quiet}, link=link)


def relationship_at_risk(*, person, other_name: str, relationship_id: int, reason: str, link: str,
                         on: dt.date) -> Notification:
    return notify(kind="relationship_at_risk", recipient=person,
                  key=f"relationship:{relationship_id}:at-risk:{person.pk}:{on.isoformat()}",
                  context={"other_name": other_name, "reason": reason}, link=link)


def survey_due(*, person, program_name: str, survey_id: int, link: str, due_at: dt.datetime) -> Notification:
    return notify(kind="survey_due", recipient=person, key=f"survey:{survey_id}:{person.pk}",
                  context={"program_name": program_name}, link=link, due_at=due_at)


def match_published(*, person, program_name: str, other_name: str, match_id: int, link: str) -> Notification:
    return notify(kind="match_published", recipient=person, key=f"match:{match_id}:{person.pk}",
                  context={"program_name": program_name, "other_name": other_name}, link=link)
