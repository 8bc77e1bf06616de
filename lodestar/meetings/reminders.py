"""The notifications a meeting schedules, and cancelling them, in one place.

Keys are made per revision of the meeting (its id and iCalendar SEQUENCE), not per meeting:
`notify` never schedules a key twice, so after a reschedule the old revision's pending
reminders are cancelled and the new revision gets its own, at the new times.
The key formats mirror lodestar.notifications.messages; the tests cancel through them.
"""

from __future__ import annotations

from lodestar.notifications import messages
from lodestar.notifications.services import notification_cancel

from .models import Meeting, MeetingKind


def revision(meeting: Meeting) -> str:
    return f"{meeting.pk}.{meeting.sequence}"


def _keys(meeting: Meeting) -> dict[str, list[str]]:
    ref = revision(meeting)
    people = (meeting.organizer.user_id, meeting.attendee.user_id)
    return {
        "booked": [f"meeting:{ref}:booked:{pk}" for pk in people],
        "agenda": [f"meeting:{ref}:agenda"],
        "reminder": [f"meeting:{ref}:reminder:{pk}" for pk in people],
        "follow_up": [f"meeting:{ref}:follow-up"],
    }


def reminders_schedule(meeting: Meeting, *, agenda_submitted: bool = False) -> None:
    """Everything a booked meeting asks of the pair, due at the right moments."""
    ref, link = revision(meeting), meeting.get_absolute_url()
    mentee, mentor = meeting.organizer, meeting.attendee
    pairs = ((mentee, mentor), (mentor, mentee))
    if meeting.kind == MeetingKind.INTRO:
        for person, other in pairs:
            messages.intro_call_booked(
                person=person.user,
                other_name=other.display_name,
                meeting_id=ref,
                starts_at=meeting.starts_at,
                link=link,
            )
    if not agenda_submitted:
        messages.agenda_due(
            mentee=mentee.user,
            other_name=mentor.display_name,
            meeting_id=ref,
            starts_at=meeting.starts_at,
            link=link,
        )
    for person, other in pairs:
        messages.meeting_reminder(
            person=person.user,
            other_name=other.display_name,
            meeting_id=ref,
            starts_at=meeting.starts_at,
            link=link,
        )
    messages.follow_up_due(
        mentee=mentee.user,
        other_name=mentor.display_name,
        meeting_id=ref,
        ended_at=meeting.ends_at,
        link=link,
    )


def reminders_cancel(
    meeting: Meeting, *, which: tuple[str, ...] = ("booked", "agenda", "reminder", "follow_up")
) -> None:
    """Cancel what has not gone out yet for the meeting's current revision."""
    keys = _keys(meeting)
    for group in which:
        for key in keys[group]:
            notification_cancel(key=key)
