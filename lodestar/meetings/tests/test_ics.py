"""The calendar files we produce, read back by a second, independent parser (the `ics` package)."""

from __future__ import annotations

import base64
import datetime as dt

import ics
import pytest
from django.core import mail

from lodestar.meetings import booking, services
from lodestar.meetings.invites import invite_ics
from lodestar.meetings.tests.conftest import book, make_mentor, next_weekday
from lodestar.notifications import scheduler
from lodestar.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def parse(content: bytes | str) -> tuple[ics.Calendar, ics.Event]:
    text = content.decode() if isinstance(content, bytes) else content
    calendar = ics.Calendar(text)
    [event] = calendar.events
    return calendar, event


def extra(component, name: str) -> str | None:
    return next((line.value for line in component.extra if line.name == name), None)


def utc(event_time) -> dt.datetime:
    return event_time.to("UTC").datetime


@pytest.fixture
def pair(alice, bob):
    """A mentee in Kolkata (the organizer, whose zone the file uses) and a mentor in Los Angeles."""
    alice.time_zone = "Asia/Kolkata"
    alice.save()
    bob.time_zone = "America/Los_Angeles"
    bob.save()
    return alice, make_mentor(bob)


def test_an_invitation_is_a_request_with_the_right_instant_and_both_people(pair):
    mentee, mentor = pair
    start = next_weekday(1, dt.time(3, 30))  # Tue 09:00 in Kolkata, Mon evening in Los Angeles
    meeting = book(mentee, mentor, start=start)
    content = invite_ics(meeting)
    calendar, event = parse(content)
    assert calendar.method == "REQUEST"
    assert utc(event.begin) == start and utc(event.end) == start + dt.timedelta(minutes=20)
    assert event.uid == meeting.uid
    assert extra(event, "SEQUENCE") == "0"
    assert (
        event.organizer.email == "alice@example.org"
        and event.organizer.common_name == "Alice Mensah"
    )
    assert {(a.email, a.common_name) for a in event.attendees} == {
        ("alice@example.org", "Alice Mensah"),
        ("bob@example.org", "Bob Tanaka"),
    }
    text = content.decode()
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata" in text
    assert "DTSTART;TZID=Asia/Kolkata:" in text and "T090000" in text  # on the organizer's clock
    assert "DTSTAMP:" in text


def test_the_uid_stays_and_sequence_rises_with_every_change(pair):
    mentee, mentor = pair
    meeting = book(mentee, mentor, start=next_weekday(1, dt.time(4, 0)))
    uid = meeting.uid
    moved = booking.meeting_reschedule(
        meeting=meeting, by=mentee, starts_at=next_weekday(3, dt.time(4, 0)), reason="A clash"
    )
    calendar, event = parse(invite_ics(moved))
    assert (event.uid, extra(event, "SEQUENCE"), calendar.method) == (uid, "1", "REQUEST")
    assert utc(event.begin) == next_weekday(3, dt.time(4, 0))
    [cancelled] = booking.meeting_cancel(meeting=moved, by=mentor, reason="Unwell")
    calendar, event = parse(invite_ics(cancelled))
    assert (event.uid, extra(event, "SEQUENCE"), calendar.method, event.status) == (
        uid,
        "2",
        "CANCEL",
        "CANCELLED",
    )


def test_the_emails_carry_the_invitation_as_text_calendar(pair, mailoutbox):
    mentee, mentor = pair
    start = next_weekday(2, dt.time(4, 0))
    meeting = book(mentee, mentor, start=start)
    scheduler.tick()  # the outbox sends what was queued
    invites = [m for m in mailoutbox if m.attachments]
    assert sorted(m.to[0] for m in invites) == ["alice@example.org", "bob@example.org"]
    for message in invites:
        [(name, content, mimetype)] = message.attachments
        assert name == "invite.ics" and mimetype.startswith("text/calendar")
        _calendar, event = parse(content)
        assert utc(event.begin) == start and event.uid == meeting.uid
    booking.meeting_cancel(meeting=meeting, by=mentee, reason="Exams")
    stored = OutboxMessage.objects.get(key=f"meeting:{meeting.pk}:cancel:1:{mentor.pk}")
    calendar, _event = parse(base64.b64decode(stored.attachments[0]["content"]))
    assert calendar.method == "CANCEL"
    assert len(mail.outbox) == len(mailoutbox)


def test_the_invite_downloads_from_the_meeting_page(pair, client):
    mentee, mentor = pair
    meeting = book(mentee, mentor)
    client.force_login(mentor.user)
    response = client.get(f"/meetings/{meeting.pk}/invite.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="meeting-{meeting.pk}.ics"' in response["Content-Disposition"]
    assert parse(response.content)[1].uid == meeting.uid


def test_the_feed_lists_my_meetings_without_a_login_and_stops_when_revoked(pair, client):
    mentee, mentor = pair
    first = book(mentee, mentor, start=next_weekday(1, dt.time(4, 0)))
    booking.meeting_cancel(meeting=first, by=mentee, reason="Moving house")
    second = book(mentee, mentor, start=next_weekday(1, dt.time(4, 0), weeks=2))
    feed = services.feed_regenerate(person=mentor)
    response = client.get(f"/calendar/{feed.token}.ics")  # no one is logged in
    assert response.status_code == 200
    calendar = ics.Calendar(response.content.decode())
    assert calendar.method is None  # a subscription, not an invitation
    events = {e.uid: e for e in calendar.events}
    assert set(events) == {first.uid, second.uid}
    assert events[first.uid].status == "CANCELLED"
    assert utc(events[second.uid].begin) == second.starts_at

    renewed = services.feed_regenerate(person=mentor)
    assert renewed.token != feed.token
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 404
    assert client.get(f"/calendar/{renewed.token}.ics").status_code == 200
    services.feed_revoke(person=mentor)
    assert client.get(f"/calendar/{renewed.token}.ics").status_code == 404


def test_feed_settings_page_makes_and_revokes_the_address(pair, client):
    mentee, _mentor = pair
    client.force_login(mentee.user)
    assert "Create my feed address" in client.get("/meetings/feed/").content.decode()
    client.post("/meetings/feed/", {"action": "regenerate"})
    token = mentee.calendar_feed.token
    assert f"/calendar/{token}.ics" in client.get("/meetings/feed/").content.decode()
    client.post("/meetings/feed/", {"action": "revoke"})
    client.logout()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404
