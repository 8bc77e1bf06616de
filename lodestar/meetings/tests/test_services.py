"""Around a meeting: the agenda, notes, takeaways, action items, follow-up and written updates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lodestar.meetings import services
from lodestar.meetings.models import Meeting, MeetingStatus, Note
from lodestar.meetings.reminders import revision
from lodestar.meetings.tests.conftest import at, book, past
from lodestar.notifications.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db


def agenda(meeting, by, **overrides):
    values = {"topics": ["My first month leading the team"], "questions": [], "progress": ""}
    values.update(overrides)
    return services.agenda_save(meeting=meeting, by=by, **values)


# --- the agenda --------------------------------------------------------------------------------


def test_the_mentee_writes_the_agenda_and_the_request_for_it_is_called_off(alice, mentor):
    meeting = book(alice, mentor, start=at(days=3))
    saved = agenda(
        meeting,
        alice,
        questions=["How do you run a planning week?"],
        progress="Shipped the v2 pipeline",
    )
    view = services.agenda_view(meeting)
    assert view.submitted_at == saved.submitted_at
    assert (view.topics, view.questions, view.progress) == (
        ["My first month leading the team"],
        ["How do you run a planning week?"],
        "Shipped the v2 pipeline",
    )
    assert Notification.objects.get(key=f"meeting:{revision(meeting)}:agenda").state == "cancelled"


def test_saving_again_replaces_the_entries(alice, mentor):
    meeting = book(alice, mentor)
    agenda(meeting, alice, topics=["a", "b"])
    agenda(meeting, alice, topics=["c"])
    assert services.agenda_view(meeting).topics == ["c"]


@pytest.mark.parametrize(
    "overrides,field,text",
    [
        ({"topics": [], "questions": [], "progress": " "}, "topics", "at least one"),
        ({"topics": [f"topic {n}" for n in range(11)]}, "topics", "at most 10"),
        ({"questions": ["x" * 501]}, "questions", "500 characters"),
    ],
)
def test_agenda_bad_input_changes_nothing(alice, mentor, overrides, field, text):
    meeting = book(alice, mentor)
    with pytest.raises(ValidationError) as caught:
        agenda(meeting, alice, **overrides)
    assert text in " ".join(caught.value.message_dict[field])
    assert services.agenda_view(meeting).submitted_at is None


def test_only_the_mentee_and_only_before_the_meeting(alice, mentor, carol):
    meeting = book(alice, mentor)
    with pytest.raises(ValidationError, match="mentee sets the agenda"):
        agenda(meeting, mentor)
    with pytest.raises(PermissionDenied):
        agenda(meeting, carol)
    with pytest.raises(ValidationError, match="has started"):
        agenda(meeting, alice, now=meeting.starts_at)


def test_open_action_items_come_back_on_the_next_agenda(alice, mentor):
    first = past(alice, mentor, days_ago=14)
    mine = services.action_item_add(
        meeting=first, by=alice, owner=alice, text="Ask for the budget review", due_on=None
    )
    theirs = services.action_item_add(
        meeting=first, by=alice, owner=mentor, text="Send the reading list", due_on=None
    )
    past(alice, mentor, days_ago=7, kind="session", minutes=45)
    services.action_item_report(item=theirs, by=mentor, report_back="Sent three books")
    upcoming = book(alice, mentor, kind="session", minutes=45, start=at(days=2))
    # Bob reported after the second meeting: both items are news for the next one.
    assert [i.pk for i in services.agenda_view(upcoming).report_back] == [mine.pk, theirs.pk]
    services.action_item_report(item=mine, by=alice, report_back="Booked it for Friday")
    assert {i.report_back for i in services.agenda_view(upcoming).report_back} == {
        "Sent three books",
        "Booked it for Friday",
    }
    assert services.agenda_view(first).report_back == []  # nothing came before the first


def test_action_items_belong_to_the_pair_and_only_the_owner_reports(alice, mentor, carol):
    meeting = past(alice, mentor)
    with pytest.raises(ValidationError, match="one of the two of you"):
        services.action_item_add(meeting=meeting, by=alice, owner=carol, text="x", due_on=None)
    with pytest.raises(ValidationError) as caught:
        services.action_item_add(
            meeting=meeting,
            by=alice,
            owner=alice,
            text="x",
            due_on=dt.date.today() - dt.timedelta(days=3),
        )
    assert "has passed" in caught.value.message_dict["due_on"][0]
    item = services.action_item_add(
        meeting=meeting, by=alice, owner=mentor, text="Intro to Priya", due_on=None
    )
    with pytest.raises(PermissionDenied):
        services.action_item_report(item=item, by=alice, report_back="done")
    with pytest.raises(ValidationError):
        services.action_item_report(item=item, by=mentor, report_back=" ")
    assert meeting.action_items.open().count() == 1


def test_takeaways_and_actions_wait_for_the_meeting_to_start(alice, mentor):
    meeting = book(alice, mentor)
    with pytest.raises(ValidationError, match="started"):
        services.takeaway_add(meeting=meeting, author=alice, text="Listen more")
    with pytest.raises(ValidationError, match="started"):
        services.action_item_add(meeting=meeting, by=alice, owner=alice, text="x", due_on=None)


def test_recording_a_takeaway_after_the_end_marks_the_meeting_held(alice, mentor):
    meeting = past(alice, mentor)
    assert meeting.status == MeetingStatus.SCHEDULED
    services.takeaway_add(meeting=meeting, author=alice, text="Ask for feedback in writing first")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


# --- notes -------------------------------------------------------------------------------------


def test_private_notes_are_their_authors_alone(alice, mentor, carol):
    meeting = book(alice, mentor)
    private = services.note_add(
        meeting=meeting, author=alice, body="Nervous about this one", shared=False
    )
    shared = services.note_add(meeting=meeting, author=alice, body="Topics we agreed", shared=True)
    bobs = services.note_add(meeting=meeting, author=mentor, body="Bob's own", shared=False)
    visible = lambda person: set(Note.objects.visible_to(person).filter(meeting=meeting))  # noqa: E731
    assert visible(alice) == {private, shared}
    assert visible(mentor) == {shared, bobs}
    assert visible(carol) == set()
    with pytest.raises(PermissionDenied):
        services.note_remove(note=private, by=mentor)
    with pytest.raises(ValidationError):
        services.note_add(meeting=meeting, author=alice, body="   ", shared=False)


# --- the follow-up -----------------------------------------------------------------------------


def test_the_draft_is_built_from_takeaways_and_the_mentees_actions(alice, mentor):
    meeting = past(alice, mentor)
    services.takeaway_add(
        meeting=meeting, author=alice, text="Write the decision down before the meeting"
    )
    services.action_item_add(
        meeting=meeting,
        by=alice,
        owner=alice,
        text="Draft a team charter",
        due_on=at(days=10).date(),
    )
    services.action_item_add(
        meeting=meeting, by=alice, owner=mentor, text="Bob's own thing", due_on=None
    )
    draft = services.follow_up_draft(meeting)
    assert draft.startswith("Dear Bob,")
    assert "- Write the decision down before the meeting" in draft
    assert "- Draft a team charter (by " in draft
    assert "Bob's own thing" not in draft
    assert draft.rstrip().endswith("Alice Mensah")


def test_sending_the_follow_up_emails_the_mentor_and_stops_the_reminder(alice, mentor):
    meeting = past(alice, mentor, days_ago=0.5)
    reminder = Notification.objects.get(key=f"meeting:{revision(meeting)}:follow-up")
    assert reminder.state == "pending" and reminder.due_at == meeting.ends_at + dt.timedelta(
        hours=20
    )
    services.follow_up_save(meeting=meeting, by=alice, body="Draft one")
    sent = services.follow_up_send(
        meeting=meeting, by=alice, body="Thank you, Bob. I will try the charter."
    )
    assert sent.sent_at is not None
    reminder.refresh_from_db()
    assert reminder.state == "cancelled"
    email = OutboxMessage.objects.get(key=f"meeting:{meeting.pk}:follow-up-email")
    assert email.to == "bob@example.org" and "I will try the charter." in email.text_body
    assert "alice@example.org" in email.text_body  # Bob knows where to answer
    with pytest.raises(ValidationError, match="already been sent"):
        services.follow_up_send(meeting=meeting, by=alice, body="again")


def test_the_follow_up_is_the_mentees_and_comes_after_the_start(alice, mentor):
    upcoming = book(alice, mentor)
    with pytest.raises(ValidationError, match="started"):
        services.follow_up_send(meeting=upcoming, by=alice, body="Thanks")
    meeting = Meeting.objects.get(pk=upcoming.pk)
    with pytest.raises(ValidationError, match="mentee writes"):
        services.follow_up_send(meeting=meeting, by=mentor, body="Thanks", now=meeting.ends_at)
    assert not OutboxMessage.objects.filter(key__contains="follow-up-email").exists()


# --- written updates ---------------------------------------------------------------------------


def test_a_written_update_replaces_a_meeting_that_cannot_happen(alice, mentor):
    meeting = book(alice, mentor)
    update = services.async_update_send(
        meeting=meeting, author=mentor, body="Travelling all week. My thoughts: ..."
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancel_reason == "Bob Tanaka sent a written update instead."
    assert (update.mentee, update.mentor, update.author) == (alice, mentor, mentor)
    email = OutboxMessage.objects.get(key=f"async-update:{update.pk}")
    assert email.to == "alice@example.org" and "Travelling all week" in email.text_body
    assert list(services.updates_between(alice, mentor)) == [update]
