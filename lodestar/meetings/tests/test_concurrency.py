"""Many people book the same mentor's same slot at the same moment: exactly one gets it."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from lodestar.meetings import booking
from lodestar.meetings.models import Meeting, MeetingSeat
from lodestar.meetings.tests.conftest import at, make_mentor
from lodestar.people.tests.factories import ProfileFactory

BOOKERS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_exactly_one_wins(bob, monkeypatch):
    if connection.vendor != "postgresql":
        reason = (
            "concurrency is tested on PostgreSQL (set DATABASE_URL): SQLite runs one writer at a "
            "time, and the in-memory test database is one shared connection"
        )
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    mentor = make_mentor(bob, max_mentees=BOOKERS)
    mentees = [ProfileFactory(display_name=f"Mentee {n}") for n in range(BOOKERS)]
    start = at(days=3)
    # Everyone passes the friendly overlap check before anyone commits: only the database is left
    # to stop the double booking.
    barrier = threading.Barrier(BOOKERS)
    checked = booking._check_free

    def check_then_wait(*args, **kwargs):
        checked(*args, **kwargs)
        barrier.wait(timeout=20)

    monkeypatch.setattr(booking, "_check_free", check_then_wait)
    outcomes: list[str] = []

    def attempt(mentee):
        try:
            booking.meeting_book(
                mentee=mentee, mentor=mentor, kind="intro", starts_at=start, minutes=20
            )
            outcomes.append("won")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        except Exception as exc:  # anything else is a failure the assertion below shows
            outcomes.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(m,)) for m in mentees]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert outcomes.count("won") == 1, outcomes
    losers = [o for o in outcomes if o != "won"]
    assert losers == ["Bob Tanaka already has a meeting then."] * (BOOKERS - 1), losers
    assert Meeting.objects.count() == 1
    assert MeetingSeat.objects.filter(person=mentor, active=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_booking_each_other_at_once_get_a_clash_not_a_deadlock(monkeypatch):
    """Ana books Ben while Ben books Ana, for the same time.

    Both write their own seat first and only then the other's, which each finds held by the
    other's unfinished booking: without a lock per person, PostgreSQL breaks that circle by
    killing one booking as a deadlock. The pause after the first seat makes the circle certain
    when nothing serializes the two; with the lock, the first booking waits out the pause alone.
    """
    if connection.vendor != "postgresql":
        reason = "concurrency is tested on PostgreSQL (set DATABASE_URL)"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    ana = make_mentor(ProfileFactory(display_name="Ana Costa"))
    ben = make_mentor(ProfileFactory(display_name="Ben Okafor"))
    start = at(days=4)
    first_seats = threading.Barrier(2)
    write_seat = booking._write_seat

    def write_then_pause(meeting, person, **kwargs):
        write_seat(meeting, person, **kwargs)
        if person == meeting.organizer:
            try:
                first_seats.wait(timeout=2)
            except threading.BrokenBarrierError:
                pass  # the other booking is queued behind this one

    monkeypatch.setattr(booking, "_write_seat", write_then_pause)
    outcomes: dict[str, str] = {}

    def attempt(mentee, mentor):
        try:
            booking.meeting_book(
                mentee=mentee, mentor=mentor, kind="intro", starts_at=start, minutes=20
            )
            outcomes[mentee.display_name] = "won"
        except ValidationError as exc:
            outcomes[mentee.display_name] = " ".join(exc.messages)
        except Exception as exc:  # a deadlock lands here, and the assertion shows it
            outcomes[mentee.display_name] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=pair) for pair in ((ana, ben), (ben, ana))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    # The one queued second finds its own seat already taken by the other's meeting.
    assert sorted(outcomes.values()) == ["You already have a meeting then.", "won"], outcomes
    assert Meeting.objects.count() == 1
    assert MeetingSeat.objects.filter(active=True).count() == 2
