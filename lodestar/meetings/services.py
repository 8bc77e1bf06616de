"""Writes around a meeting: the agenda, notes, takeaways, action items, the follow-up, written
updates and calendar feeds. Booking itself lives in booking.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lodestar.people.models import Profile

from . import invites, reminders
from .booking import meeting_cancel, meeting_mark_held
from .models import (
    ActionItem,
    Agenda,
    AgendaEntry,
    AsyncUpdate,
    CalendarFeed,
    FollowUp,
    Meeting,
    MeetingStatus,
    Note,
    Takeaway,
)
from .question_coach import MentorProfile

AGENDA_MAX_ENTRIES = 10
FEED_PAST = dt.timedelta(days=90)


def _member(meeting: Meeting, person: Profile) -> None:
    if person.pk not in (meeting.organizer_id, meeting.attendee_id):
        raise PermissionDenied("not one of this meeting's two people")


def _not_cancelled(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))


def _started(meeting: Meeting, now: dt.datetime) -> None:
    _not_cancelled(meeting)
    if not meeting.has_started(now):
        raise ValidationError(_("This is for once the meeting has started."))


def _required(value: str, field_name: str, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field_name: message})
    if len(value) > limit:
        raise ValidationError({field_name: _("Keep it under %(n)d characters.") % {"n": limit}})
    return value


# --- the agenda --------------------------------------------------------------------------------


def mentor_profile(mentor: Profile) -> MentorProfile:
    return MentorProfile(
        headline=mentor.headline,
        bio=mentor.bio,
        job_title=mentor.job_title,
        organization=mentor.organization,
        work_titles=[w.title for w in mentor.public_work.all()],
    )


def _lines(entries: Sequence[str], field_name: str) -> list[str]:
    lines = [e.strip() for e in entries if e.strip()]
    if len(lines) > AGENDA_MAX_ENTRIES:
        raise ValidationError(
            {
                field_name: _("List at most %(n)d; keep the ones that matter most.")
                % {"n": AGENDA_MAX_ENTRIES}
            }
        )
    if any(len(line) > 500 for line in lines):
        raise ValidationError({field_name: _("Keep each line under 500 characters.")})
    return lines


@transaction.atomic
def agenda_save(
    *,
    meeting: Meeting,
    by: Profile,
    topics: Sequence[str],
    questions: Sequence[str],
    progress: str = "",
    now: dt.datetime | None = None,
) -> Agenda:
    """The mentee's agenda, shared with the mentor as soon as it is saved."""
    now = now or timezone.now()
    _member(meeting, by)
    if by.pk != meeting.organizer_id:
        raise ValidationError(
            _("The mentee sets the agenda; add your own points as a shared note.")
        )
    _not_cancelled(meeting)
    if meeting.has_started(now):
        raise ValidationError(_("The meeting has started; the agenda can no longer change."))
    topics, questions = _lines(topics, "topics"), _lines(questions, "questions")
    progress = (progress or "").strip()
    if len(progress) > 4000:
        raise ValidationError({"progress": _("Keep it under %(n)d characters.") % {"n": 4000}})
    if not (topics or questions or progress):
        raise ValidationError({"topics": _("Add at least one topic or question.")})
    agenda, _created = Agenda.objects.get_or_create(meeting=meeting)
    agenda.progress = progress
    agenda.submitted_at = agenda.submitted_at or now
    agenda.save()
    agenda.entries.all().delete()
    AgendaEntry.objects.bulk_create(
        [
            AgendaEntry(agenda=agenda, kind=AgendaEntry.Kind.TOPIC, text=t, position=n)
            for n, t in enumerate(topics)
        ]
        + [
            AgendaEntry(agenda=agenda, kind=AgendaEntry.Kind.QUESTION, text=q, position=n)
            for n, q in enumerate(questions)
        ]
    )
    reminders.reminders_cancel(meeting, which=("agenda",))
    return agenda


def report_back_items(meeting: Meeting) -> list[ActionItem]:
    """Action items from the pair's earlier meetings that this one should hear about: the open
    ones, and those finished since the previous meeting, with what happened."""
    earlier = (
        ActionItem.objects.of_pair(meeting.organizer, meeting.attendee)
        .filter(meeting__starts_at__lt=meeting.starts_at)
        .exclude(meeting=meeting)
        .select_related("owner", "meeting")
    )
    previous = (
        Meeting.objects.between(meeting.organizer, meeting.attendee)
        .not_cancelled()
        .filter(starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )
    since = previous.ends_at if previous else meeting.starts_at
    return [i for i in earlier if i.done_at is None or i.done_at >= since]


@dataclass
class AgendaView:
    submitted_at: dt.datetime | None = None
    topics: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    progress: str = ""
    report_back: list[ActionItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.submitted_at or self.report_back)


def agenda_view(meeting: Meeting) -> AgendaView:
    view = AgendaView(report_back=report_back_items(meeting))
    agenda = Agenda.objects.filter(meeting=meeting).prefetch_related("entries").first()
    if agenda is not None:
        view.submitted_at, view.progress = agenda.submitted_at, agenda.progress
        for entry in agenda.entries.all():
            (view.topics if entry.kind == AgendaEntry.Kind.TOPIC else view.questions).append(
                entry.text
            )
    return view


# --- during the meeting ------------------------------------------------------------------------


@transaction.atomic
def note_add(*, meeting: Meeting, author: Profile, body: str, shared: bool) -> Note:
    _member(meeting, author)
    _not_cancelled(meeting)
    body = _required(body, "body", _("Write something first."), 8000)
    return Note.objects.create(meeting=meeting, author=author, body=body, shared=shared)


@transaction.atomic
def note_remove(*, note: Note, by: Profile) -> None:
    if note.author_id != by.pk:
        raise PermissionDenied("only the author removes a note")
    note.delete()


@transaction.atomic
def takeaway_add(
    *, meeting: Meeting, author: Profile, text: str, now: dt.datetime | None = None
) -> Takeaway:
    now = now or timezone.now()
    _member(meeting, author)
    _started(meeting, now)
    text = _required(text, "text", _("Write the takeaway first."), 500)
    meeting_mark_held(meeting=meeting, now=now)
    return Takeaway.objects.create(meeting=meeting, author=author, text=text)


@transaction.atomic
def takeaway_remove(*, takeaway: Takeaway, by: Profile) -> None:
    if takeaway.author_id != by.pk:
        raise PermissionDenied("only the author removes a takeaway")
    takeaway.delete()


def local_today(person: Profile, now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(ZoneInfo(str(person.time_zone))).date()


@transaction.atomic
def action_item_add(
    *,
    meeting: Meeting,
    by: Profile,
    owner: Profile,
    text: str,
    due_on: dt.date | None,
    now: dt.datetime | None = None,
) -> ActionItem:
    now = now or timezone.now()
    _member(meeting, by)
    _started(meeting, now)
    if owner.pk not in (meeting.organizer_id, meeting.attendee_id):
        raise ValidationError({"owner": _("An action belongs to one of the two of you.")})
    text = _required(text, "text", _("Say what will be done."), 300)
    if due_on is not None and due_on < local_today(owner, now):
        raise ValidationError({"due_on": _("That date has passed; pick today or later.")})
    meeting_mark_held(meeting=meeting, now=now)
    return ActionItem.objects.create(
        meeting=meeting, owner=owner, text=text, due_on=due_on, created_by=by
    )


@transaction.atomic
def action_item_report(
    *, item: ActionItem, by: Profile, report_back: str, now: dt.datetime | None = None
) -> ActionItem:
    """The owner marks an action done and says what came of it, for the next meeting."""
    if item.owner_id != by.pk:
        raise PermissionDenied("only the owner reports on an action")
    if item.done_at is not None:
        raise ValidationError(_("You already reported on this one."))
    item.report_back = _required(
        report_back, "report_back", _("Say in a line or two what happened."), 2000
    )
    item.done_at = now or timezone.now()
    item.save(update_fields=["report_back", "done_at"])
    return item


# --- after the meeting -------------------------------------------------------------------------


def follow_up_draft(meeting: Meeting) -> str:
    """A first draft built from the takeaways and the mentee's own action items."""
    mentee, mentor = meeting.organizer, meeting.attendee
    first_name = (
        mentor.display_name.split()[0] if mentor.display_name.split() else mentor.display_name
    )
    parts = [_("Dear %(name)s,") % {"name": first_name}, ""]
    parts.append(_("Thank you for making time for our conversation."))
    takeaways = list(meeting.takeaways.values_list("text", flat=True))
    if takeaways:
        parts += ["", _("What I am taking away from it:")] + [f"- {t}" for t in takeaways]
    actions = list(meeting.action_items.filter(owner=mentee))
    if actions:
        parts += ["", _("What I will do next:")]
        for item in actions:
            due = (
                _(" (by %(date)s)") % {"date": date_format(item.due_on, "j F")}
                if item.due_on
                else ""
            )
            parts.append(f"- {item.text}{due}")
    parts += [
        "",
        _(
            "If it suits you, I would like to check in again in a few weeks and tell you how "
            "it went."
        ),
        "",
        _("With thanks,"),
        mentee.display_name,
    ]
    return "\n".join(parts)


def _follow_up_checks(meeting: Meeting, by: Profile, now: dt.datetime) -> FollowUp | None:
    _member(meeting, by)
    if by.pk != meeting.organizer_id:
        raise ValidationError(_("The mentee writes the follow-up."))
    _started(meeting, now)
    existing = FollowUp.objects.select_for_update().filter(meeting=meeting).first()
    if existing is not None and existing.sent_at is not None:
        raise ValidationError(_("This follow-up has already been sent."))
    return existing


@transaction.atomic
def follow_up_save(
    *, meeting: Meeting, by: Profile, body: str, now: dt.datetime | None = None
) -> FollowUp:
    now = now or timezone.now()
    existing = _follow_up_checks(meeting, by, now)
    body = _required(body, "body", _("Write the message first."), 6000)
    follow_up = existing or FollowUp(meeting=meeting)
    follow_up.body = body
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_send(
    *, meeting: Meeting, by: Profile, body: str, now: dt.datetime | None = None
) -> FollowUp:
    """Send the follow-up to the mentor by email; the reminder to send it is called off."""
    now = now or timezone.now()
    follow_up = follow_up_save(meeting=meeting, by=by, body=body, now=now)
    follow_up.sent_at = now
    follow_up.save(update_fields=["sent_at"])
    meeting_mark_held(meeting=meeting, now=now)
    if meeting.kind == "intro":
        from lodestar.relationships.services import on_follow_up_sent

        on_follow_up_sent(meeting=meeting, now=now)
    invites.email_follow_up(meeting, body=follow_up.body)
    reminders.reminders_cancel(meeting, which=("follow_up",))
    return follow_up


@transaction.atomic
def async_update_send(
    *, meeting: Meeting, author: Profile, body: str, now: dt.datetime | None = None
) -> AsyncUpdate:
    """A written update instead of meeting: the meeting, if still to come, is called off."""
    now = now or timezone.now()
    _member(meeting, author)
    body = _required(body, "body", _("Write your update first."), 6000)
    if meeting.status == MeetingStatus.SCHEDULED and not meeting.has_started(now):
        meeting_cancel(
            meeting=meeting,
            by=author,
            now=now,
            reason=_("%(name)s sent a written update instead.") % {"name": author.display_name},
        )
    update = AsyncUpdate.objects.create(
        mentee=meeting.organizer,
        mentor=meeting.attendee,
        author=author,
        meeting=meeting,
        body=body,
        created_at=now,
    )
    invites.email_async_update(update, to=meeting.other(author))
    return update


def updates_between(a: Profile, b: Profile):
    return AsyncUpdate.objects.filter(Q(mentee=a, mentor=b) | Q(mentee=b, mentor=a)).select_related(
        "author"
    )


# --- calendar feeds ----------------------------------------------------------------------------


@transaction.atomic
def feed_regenerate(*, person: Profile) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(person=person).delete()
    return CalendarFeed.objects.create(person=person)


@transaction.atomic
def feed_revoke(*, person: Profile) -> None:
    CalendarFeed.objects.filter(person=person).delete()


def feed_meetings(person: Profile, now: dt.datetime | None = None) -> list[Meeting]:
    since = (now or timezone.now()) - FEED_PAST
    return list(
        Meeting.objects.for_person(person)
        .filter(ends_at__gte=since)
        .select_related("organizer__user", "attendee__user")
    )
