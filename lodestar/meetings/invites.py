"""Calendar files for meetings and the emails that carry them (one helper per message).

Every email goes through the notifications outbox; each is three templates under
meetings/email/ (subject, text body, HTML body) rendered on the recipient's own clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.lib.ics import IcsEvent, Party, calendar_bytes
from lodestar.notifications.outbox import email_queue
from lodestar.people.models import Profile

from .models import Meeting
from .times import meeting_when

ICS_REQUEST = "text/calendar; method=REQUEST; charset=utf-8"
ICS_CANCEL = "text/calendar; method=CANCEL; charset=utf-8"


def _party(person: Profile) -> Party:
    return Party(name=person.display_name, email=person.user.email)


def ics_event(meeting: Meeting) -> IcsEvent:
    mentee, mentor = meeting.organizer, meeting.attendee
    summary = _("%(kind)s: %(mentee)s and %(mentor)s") % {
        "kind": meeting.get_kind_display(),
        "mentee": mentee.display_name,
        "mentor": mentor.display_name,
    }
    url = f"{settings.SITE_ROOT}{meeting.get_absolute_url()}"
    return IcsEvent(
        uid=meeting.uid,
        sequence=meeting.sequence,
        start=meeting.starts_at,
        end=meeting.ends_at,
        zone=str(mentee.time_zone),
        summary=summary,
        organizer=_party(mentee),
        attendees=[_party(mentee), _party(mentor)],
        description=_("Agenda, notes and follow-up: %(url)s") % {"url": url},
        url=url,
        cancelled=meeting.is_cancelled,
        stamp=meeting.updated_at,
    )


def invite_ics(meeting: Meeting) -> bytes:
    """The invitation as it stands: a REQUEST, or a CANCEL once the meeting is called off."""
    return calendar_bytes(
        [ics_event(meeting)], method="CANCEL" if meeting.is_cancelled else "REQUEST"
    )


def invite_attachment(meeting: Meeting, name: str = "invite.ics") -> tuple[str, bytes, str]:
    return (name, invite_ics(meeting), ICS_CANCEL if meeting.is_cancelled else ICS_REQUEST)


def feed_ics(person: Profile, meetings: Iterable[Meeting]) -> bytes:
    return calendar_bytes(
        [ics_event(m) for m in meetings],
        method=None,
        name=_("%(name)s's mentoring meetings") % {"name": person.display_name},
    )


def _send(
    name: str,
    *,
    key: str,
    to: Profile,
    context: dict,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    context = {
        "recipient_name": to.display_name,
        "site_name": settings.SITE_NAME,
        "zone": str(to.time_zone),
        **context,
    }
    with timezone.override(to.time_zone):
        subject = render_to_string(f"meetings/email/{name}-subject.txt", context)
        text = render_to_string(f"meetings/email/{name}-body.txt", context)
        html = render_to_string(f"meetings/email/{name}-body.html", context)
    email_queue(
        key=key,
        to=to.user.email,
        subject=" ".join(subject.split()),
        text=text.strip() + "\n",
        html=html,
        attachments=attachments,
    )


def _meeting_context(meeting: Meeting, person: Profile, **extra) -> dict:
    return {
        "meeting": meeting,
        "other_name": meeting.other(person).display_name,
        "when": meeting_when(meeting, person),
        "link": f"{settings.SITE_ROOT}{meeting.get_absolute_url()}",
        **extra,
    }


def email_invite(
    meeting: Meeting, *, rescheduled_by: Profile | None = None, reason: str = ""
) -> None:
    """The invitation (or its update after a reschedule) to both people, with the .ics."""
    attachment = invite_attachment(meeting)
    for person in (meeting.organizer, meeting.attendee):
        _send(
            "invite",
            key=f"meeting:{meeting.pk}:invite:{meeting.sequence}:{person.pk}",
            to=person,
            context=_meeting_context(
                meeting,
                person,
                rescheduled=rescheduled_by is not None,
                by_name=rescheduled_by.display_name if rescheduled_by else "",
                reason=reason,
            ),
            attachments=[attachment],
        )


def email_cancelled(meeting: Meeting, *, by: Profile) -> None:
    attachment = invite_attachment(meeting)
    for person in (meeting.organizer, meeting.attendee):
        _send(
            "cancelled",
            key=f"meeting:{meeting.pk}:cancel:{meeting.sequence}:{person.pk}",
            to=person,
            context=_meeting_context(
                meeting,
                person,
                by_name=by.display_name,
                by_me=by.pk == person.pk,
                reason=meeting.cancel_reason,
            ),
            attachments=[attachment],
        )


def email_series_invite(meetings: Sequence[Meeting], *, series_id: int) -> None:
    """One email per person for a whole series, one calendar file per meeting (iTIP allows one
    event per file)."""
    first = meetings[0]
    for person in (first.organizer, first.attendee):
        files = [invite_attachment(m, f"invite-{n}.ics") for n, m in enumerate(meetings, start=1)]
        _send(
            "series",
            key=f"series:{series_id}:invite:{person.pk}",
            to=person,
            context=_meeting_context(
                first, person, whens=[meeting_when(m, person) for m in meetings]
            ),
            attachments=files,
        )


def email_follow_up(meeting: Meeting, *, body: str) -> None:
    mentor, mentee = meeting.attendee, meeting.organizer
    _send(
        "follow_up",
        key=f"meeting:{meeting.pk}:follow-up-email",
        to=mentor,
        context=_meeting_context(meeting, mentor, body=body, reply_to=mentee.user.email),
    )


def email_async_update(update, *, to: Profile) -> None:
    author = update.author
    _send(
        "update",
        key=f"async-update:{update.pk}",
        to=to,
        context={
            "other_name": author.display_name,
            "body": update.body,
            "reply_to": author.user.email,
            "meeting": update.meeting,
            "link": f"{settings.SITE_ROOT}{update.meeting.get_absolute_url()}"
            if update.meeting
            else f"{settings.SITE_ROOT}/meetings/",
        },
    )
