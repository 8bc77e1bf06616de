"""Booking rules: who may book, how long, when, never twice at once; reschedule, cancel, series."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from lodestar.meetings import booking
from lodestar.meetings.models import Meeting, MeetingSeat, MeetingStatus
from lodestar.meetings.reminders import revision
from lodestar.meetings.tests.conftest import at, book, counts, make_mentor, next_weekday, past
from lodestar.notifications.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db


def refused(call, field: str, text: str) -> None:
    """The call is refused with `text` on `field`, and nothing at all is written."""
    before = counts()
    with pytest.raises(ValidationError) as caught:
        call()
    errors = (
        caught.value.message_dict
        if hasattr(caught.value, "error_dict")
        else {"__all__": caught.value.messages}
    )
    assert any(text in message for message in errors.get(field, [])), errors
    assert counts() == before


# --- who may book whom -------------------------------------------------------------------------


def test_a_mentee_books_an_intro_call_with_an_accepting_mentor(alice, mentor):
    meeting = book(alice, mentor)
    assert (meeting.organizer, meeting.attendee, meeting.kind) == (alice, mentor, "intro")
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.sequence == 0
    assert meeting.minutes == 20
    assert sorted(meeting.seats.values_list("person_id", flat=True)) == sorted(
        [alice.pk, mentor.pk]
    )


def test_it_refuses_someone_who_does_not_mentor(alice, bob):
    refused(lambda: book(alice, bob), "kind", "does not offer mentoring")


def test_it_refuses_a_mentor_who_is_not_accepting(alice, bob):
    make_mentor(bob, accepting_mentees=False)
    refused(lambda: book(alice, bob), "kind", "not taking new mentees")


def test_it_refuses_a_mentor_whose_account_is_closed(alice, mentor):
    mentor.user.is_active = False
    mentor.user.save()
    refused(lambda: book(alice, mentor), "kind", "no longer on Lodestar")


def test_it_refuses_booking_oneself(alice):
    make_mentor(alice)
    refused(lambda: book(alice, alice), "kind", "yourself")


def test_one_intro_call_per_pair(alice, mentor):
    book(alice, mentor)
    refused(lambda: book(alice, mentor, start=at(days=5)), "kind", "already have an intro call")


def test_sessions_and_check_ins_need_a_meeting_that_took_place(alice, mentor):
    refused(lambda: book(alice, mentor, kind="session"), "kind", "book an intro call")
    book(alice, mentor)  # booked, but not yet held
    refused(
        lambda: book(alice, mentor, kind="check_in", start=at(days=4)), "kind", "book an intro call"
    )


def test_after_a_held_meeting_sessions_and_check_ins_may_be_booked(alice, mentor):
    past(alice, mentor)
    assert book(alice, mentor, kind="session", minutes=60).minutes == 60
    assert book(alice, mentor, kind="check_in", start=at(days=5)).minutes == 10


def test_a_cancelled_meeting_does_not_count_as_held(alice, mentor):
    meeting = book(alice, mentor, start=at(hours=3))
    booking.meeting_cancel(meeting=meeting, by=alice, reason="Ill")
    refused(
        lambda: book(alice, mentor, kind="session", start=at(days=4)), "kind", "book an intro call"
    )


# --- lengths and times -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,minutes,ok",
    [
        ("intro", 14, False),
        ("intro", 15, True),
        ("intro", 20, True),
        ("intro", 21, False),
        ("check_in", 10, True),
        ("check_in", 15, False),
        ("session", 19, False),
        ("session", 20, True),
        ("session", 90, True),
        ("session", 91, False),
    ],
)
def test_meeting_lengths_are_checked_by_kind(alice, mentor, kind, minutes, ok):
    if kind != "intro":
        past(alice, mentor)
    call = lambda: book(alice, mentor, kind=kind, minutes=minutes, start=at(days=3))  # noqa: E731
    if ok:
        assert call().minutes == minutes
    else:
        refused(call, "minutes", "minutes")


def test_a_slot_in_the_past_is_refused(alice, mentor):
    refused(lambda: book(alice, mentor, start=at(minutes=-5)), "starts_at", "already passed")


def test_a_naive_time_is_refused(alice, mentor):
    refused(lambda: book(alice, mentor, start=dt.datetime(2030, 1, 1, 9)), "starts_at", "time zone")


def test_overlapping_bookings_are_refused_naming_who_is_busy(alice, mentor, carol):
    book(alice, mentor, start=at(days=2))
    make_mentor(carol)
    # Carol books Bob's time: Bob is busy; Alice's own clash reads "You".
    refused(
        lambda: book(carol, mentor, start=at(days=2, minutes=10)),
        "starts_at",
        "Bob Tanaka already has a meeting then",
    )
    refused(
        lambda: book(alice, carol, start=at(days=2, minutes=-10)),
        "starts_at",
        "You already have a meeting then",
    )


def test_back_to_back_meetings_are_fine(alice, mentor, carol):
    first = book(alice, mentor, start=at(days=2))
    make_mentor(carol)
    assert book(carol, mentor, start=first.ends_at).starts_at == first.ends_at


def test_the_database_refuses_overlapping_seats_whatever_the_code_does(alice, mentor, carol):
    meeting = book(alice, mentor)
    other = Meeting.objects.create(
        organizer=carol,
        attendee=mentor,
        kind="intro",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )
    with pytest.raises(IntegrityError, match=booking.SEAT_CONSTRAINT), transaction.atomic():
        MeetingSeat.objects.create(
            meeting=other,
            person=mentor,
            starts_at=meeting.starts_at + dt.timedelta(minutes=5),
            ends_at=meeting.ends_at + dt.timedelta(minutes=5),
        )
    # A cancelled meeting's seat is inactive and blocks nothing.
    MeetingSeat.objects.filter(meeting=meeting).update(active=False)
    MeetingSeat.objects.create(
        meeting=other, person=mentor, starts_at=meeting.starts_at, ends_at=meeting.ends_at
    )


def test_a_clash_that_slips_past_the_check_is_still_refused_with_a_clear_message(
    alice, mentor, carol, monkeypatch
):
    """Two bookings racing both pass the friendly check; the database stops the second."""
    book(alice, mentor)
    make_mentor(carol)
    monkeypatch.setattr(booking, "_clashing", lambda *args, **kwargs: [])
    refused(lambda: book(carol, mentor), "starts_at", "Bob Tanaka already has a meeting then")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: PostgreSQL uses a constraint"
)
def test_the_sqlite_triggers_are_in_place():
    """SQLite drops triggers when a migration rebuilds the table: this notices."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master"
            " WHERE type = 'trigger' AND tbl_name = 'meetings_meetingseat'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {f"{booking.SEAT_CONSTRAINT}_insert", f"{booking.SEAT_CONSTRAINT}_update"}


# --- what a booking sets in motion -------------------------------------------------------------


def test_booking_schedules_the_reminders_and_queues_both_invitations(alice, mentor):
    start = at(days=3)
    meeting = book(alice, mentor, start=start)
    ref = revision(meeting)
    due = dict(Notification.objects.values_list("key", "due_at"))
    assert due[f"meeting:{ref}:agenda"] == start - dt.timedelta(hours=24)
    assert due[f"meeting:{ref}:reminder:{alice.user_id}"] == start - dt.timedelta(minutes=15)
    assert due[f"meeting:{ref}:reminder:{mentor.user_id}"] == start - dt.timedelta(minutes=15)
    assert due[f"meeting:{ref}:follow-up"] == meeting.ends_at + dt.timedelta(hours=20)
    assert {
        f"meeting:{ref}:booked:{alice.user_id}",
        f"meeting:{ref}:booked:{mentor.user_id}",
    } <= set(due)
    mails = OutboxMessage.objects.order_by("to")
    assert [m.to for m in mails] == ["alice@example.org", "bob@example.org"]
    assert all(
        m.attachments[0]["mimetype"].startswith("text/calendar; method=REQUEST") for m in mails
    )


def test_invitation_emails_show_each_persons_own_time_and_the_others(alice, mentor):
    start = next_weekday(2, dt.time(9, 0))  # a Wednesday, 09:00 in Accra, 18:00 in Tokyo
    book(alice, mentor, start=start)
    to_alice = OutboxMessage.objects.get(to="alice@example.org")
    assert "09:00–09:20 (Africa/Accra)" in to_alice.text_body
    assert "18:00, evening for Bob Tanaka" in to_alice.text_body
    assert "18:00–18:20 (Asia/Tokyo)" in OutboxMessage.objects.get(to="bob@example.org").text_body


# --- reschedule and cancel ---------------------------------------------------------------------


def test_rescheduling_moves_the_meeting_its_seats_and_reminders(alice, mentor):
    meeting = book(alice, mentor, start=at(days=3))
    old_ref = revision(meeting)
    new_start = at(days=4)
    moved = booking.meeting_reschedule(
        meeting=meeting, by=mentor, starts_at=new_start, reason="Travelling"
    )
    assert (moved.starts_at, moved.minutes, moved.sequence) == (new_start, 20, 1)
    assert set(moved.seats.values_list("starts_at", flat=True)) == {new_start}
    states = dict(Notification.objects.values_list("key", "state"))
    assert states[f"meeting:{old_ref}:reminder:{alice.user_id}"] == "cancelled"
    assert states[f"meeting:{revision(moved)}:reminder:{alice.user_id}"] == "pending"
    assert Notification.objects.get(
        key=f"meeting:{revision(moved)}:agenda"
    ).due_at == new_start - dt.timedelta(hours=24)
    update = OutboxMessage.objects.get(key=f"meeting:{meeting.pk}:invite:1:{alice.pk}")
    assert "Bob Tanaka changed it" in update.text_body and "Travelling" in update.text_body


def test_rescheduling_needs_a_reason_and_a_free_future_time(alice, mentor, carol):
    meeting = book(alice, mentor, start=at(days=3))
    make_mentor(carol)
    book(carol, mentor, start=at(days=5))
    move = lambda start, reason="Clash at work": booking.meeting_reschedule(  # noqa: E731
        meeting=meeting, by=alice, starts_at=start, reason=reason
    )
    refused(lambda: move(at(days=4), reason="  "), "reason", "Add a short reason")
    refused(lambda: move(at(hours=-1)), "starts_at", "already passed")
    refused(
        lambda: move(at(days=5, minutes=5)), "starts_at", "Bob Tanaka already has a meeting then"
    )
    refused(lambda: move(meeting.starts_at), "starts_at", "already at that time")
    # Moving by a few minutes overlaps only its own old seats: fine.
    assert move(meeting.starts_at + dt.timedelta(minutes=10)).sequence == 1


def test_cancelling_frees_the_time_and_calls_off_what_was_pending(alice, mentor, carol):
    meeting = book(alice, mentor, start=at(days=3))
    ref = revision(meeting)
    [cancelled] = booking.meeting_cancel(
        meeting=meeting, by=alice, reason="My manager moved a deadline"
    )
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.sequence == 1
    assert (
        cancelled.cancel_reason == "My manager moved a deadline" and cancelled.cancelled_by == alice
    )
    assert not MeetingSeat.objects.filter(meeting=meeting, active=True).exists()
    pending = Notification.objects.filter(key__startswith=f"meeting:{ref}:", state="pending")
    assert not pending.exclude(key__contains=":booked:").exists()  # "booked" may be out already
    mail = OutboxMessage.objects.get(key=f"meeting:{meeting.pk}:cancel:1:{mentor.pk}")
    assert (
        "Alice Mensah cancelled" in mail.text_body and "manager moved a deadline" in mail.text_body
    )
    assert mail.attachments[0]["mimetype"].startswith("text/calendar; method=CANCEL")
    make_mentor(carol)
    assert book(carol, mentor, start=meeting.starts_at)  # the slot is free again


def test_cancel_needs_a_reason_and_only_once(alice, mentor):
    meeting = book(alice, mentor)
    refused(
        lambda: booking.meeting_cancel(meeting=meeting, by=alice, reason=""),
        "reason",
        "Add a short reason",
    )
    booking.meeting_cancel(meeting=meeting, by=mentor, reason="Sick")
    refused(
        lambda: booking.meeting_cancel(meeting=meeting, by=alice, reason="x"),
        "__all__",
        "already cancelled",
    )


def test_a_meeting_that_is_over_cannot_be_cancelled_or_moved(alice, mentor):
    meeting = past(alice, mentor)
    refused(
        lambda: booking.meeting_cancel(meeting=meeting, by=alice, reason="x"), "__all__", "over"
    )
    refused(
        lambda: booking.meeting_reschedule(
            meeting=meeting, by=alice, starts_at=at(days=2), reason="x"
        ),
        "__all__",
        "already started",
    )


def test_only_the_two_people_change_a_meeting(alice, mentor, carol):
    from django.core.exceptions import PermissionDenied

    meeting = book(alice, mentor)
    with pytest.raises(PermissionDenied):
        booking.meeting_cancel(meeting=meeting, by=carol, reason="x")


# --- series ------------------------------------------------------------------------------------


def test_a_weekly_series_books_every_occurrence_at_the_same_local_time(alice, mentor):
    past(alice, mentor)
    alice.time_zone = "Europe/Berlin"
    alice.save()
    # Two Fridays 10:00 Berlin either side of the October change to winter time.
    start = dt.datetime(2030, 10, 18, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    series = booking.meeting_series_book(
        mentee=alice,
        mentor=mentor,
        kind="session",
        starts_at=start,
        minutes=45,
        recurrence="weekly",
        count=3,
        now=start - dt.timedelta(days=3),
    )
    meetings = list(series.meetings.order_by("starts_at"))
    local = [m.starts_at.astimezone(ZoneInfo("Europe/Berlin")) for m in meetings]
    assert [(d.day, d.hour) for d in local] == [(18, 10), (25, 10), (1, 10)]
    assert [m.starts_at.hour for m in meetings] == [8, 8, 9]  # UTC moves with the clocks
    invite = OutboxMessage.objects.get(key=f"series:{series.pk}:invite:{alice.pk}")
    assert [a["filename"] for a in invite.attachments] == [
        "invite-1.ics",
        "invite-2.ics",
        "invite-3.ics",
    ]


def test_a_series_with_one_clash_books_nothing_and_names_the_dates(alice, mentor, carol):
    past(alice, mentor)
    make_mentor(carol)
    first = at(days=3)
    book(carol, mentor, start=first + dt.timedelta(weeks=2))  # Bob is busy in week three
    refused(
        lambda: booking.meeting_series_book(
            mentee=alice,
            mentor=mentor,
            kind="session",
            starts_at=first,
            minutes=45,
            recurrence="weekly",
            count=4,
        ),
        "starts_at",
        "Nothing was booked",
    )
    with pytest.raises(ValidationError) as caught:
        booking.meeting_series_book(
            mentee=alice,
            mentor=mentor,
            kind="session",
            starts_at=first,
            minutes=45,
            recurrence="weekly",
            count=4,
        )
    from lodestar.meetings.times import clock

    assert (
        f"{clock(first + dt.timedelta(weeks=2), alice.time_zone)} (Bob Tanaka busy)"
        in caught.value.messages[0]
    )


def test_series_rules(alice, mentor):
    past(alice, mentor)
    args = {"mentee": alice, "mentor": mentor, "starts_at": at(days=3), "minutes": 45}
    refused(
        lambda: booking.meeting_series_book(kind="intro", recurrence="weekly", count=3, **args),
        "recurrence",
        "happens once",
    )
    refused(
        lambda: booking.meeting_series_book(kind="session", recurrence="daily", count=3, **args),
        "recurrence",
        "every week",
    )
    refused(
        lambda: booking.meeting_series_book(kind="session", recurrence="weekly", count=13, **args),
        "count",
        "2 to 12",
    )


def test_monthly_series_keep_to_the_month_end():
    assert booking.add_months(dt.date(2030, 1, 31), 1) == dt.date(2030, 2, 28)
    assert booking.add_months(dt.date(2030, 11, 30), 3) == dt.date(2031, 2, 28)
    starts = booking.series_starts(dt.datetime(2030, 1, 31, 9, tzinfo=dt.UTC), "UTC", "monthly", 3)
    assert [s.date() for s in starts] == [
        dt.date(2030, 1, 31),
        dt.date(2030, 2, 28),
        dt.date(2030, 3, 31),
    ]


def test_cancelling_the_rest_of_a_series(alice, mentor):
    past(alice, mentor)
    series = booking.meeting_series_book(
        mentee=alice,
        mentor=mentor,
        kind="check_in",
        starts_at=at(days=2),
        minutes=10,
        recurrence="biweekly",
        count=4,
    )
    second = series.meetings.order_by("starts_at")[1]
    cancelled = booking.meeting_cancel(
        meeting=second, by=alice, reason="Taking a break", following=True
    )
    assert len(cancelled) == 3
    assert list(series.meetings.order_by("starts_at").values_list("status", flat=True)) == [
        "scheduled",
        "cancelled",
        "cancelled",
        "cancelled",
    ]
