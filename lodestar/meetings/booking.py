"""Booking, rescheduling and cancelling: who may book whom, for how long, and never two meetings
at once for the same person.

The database has the last word on double-booking: every meeting holds one seat per person,
and overlapping active seats are refused by an exclusion constraint on PostgreSQL and by
triggers on SQLite (migration 0002). The checks here come first only to name the clash.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.people.models import Profile

from . import invites, reminders
from .models import (
    Agenda,
    Meeting,
    MeetingKind,
    MeetingSeat,
    MeetingSeries,
    MeetingStatus,
    Recurrence,
)
from .times import clock

SEAT_CONSTRAINT = "meeting_seat_no_overlap"
SEAT_LOCKS = 0x5EA7 << 32  # PostgreSQL advisory-lock keys: this plus a person's pk

# Minutes each kind may last. Issue 8's agreement will set a pair's session length.
LENGTHS = {
    MeetingKind.INTRO: (15, 20),
    MeetingKind.CHECK_IN: (10, 10),
    MeetingKind.SESSION: (20, 90),
}
DEFAULT_MINUTES = {MeetingKind.INTRO: 20, MeetingKind.CHECK_IN: 10, MeetingKind.SESSION: 45}
SERIES_COUNT = (2, 12)
REASON_MAX = 1000


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


def booking_allowed(
    mentee: Profile, mentor: Profile, kind: str, *, now: dt.datetime | None = None
) -> Verdict:
    """May `mentee` book a meeting of `kind` with `mentor`?

    A pair with a mentorship under way (an accepted request, a program's match, peers) books
    within it: one intro call, then sessions and check-ins once they have talked (a program's
    pairs, started active, may begin with a session). Without one, anyone may ask an accepting
    mentor for one intro call, and sessions and check-ins follow a meeting that took place.
    """
    from lodestar.relationships.models import Relationship
    from lodestar.relationships.models import State as RelationshipState

    now = now or timezone.now()
    name = {"name": mentor.display_name}
    if mentee.pk == mentor.pk:
        return Verdict(False, _("You cannot book a meeting with yourself."))
    if not mentor.user.is_active:
        return Verdict(False, _("%(name)s is no longer on Lodestar.") % name)
    if kind not in MeetingKind.values:
        return Verdict(False, _("Choose an intro call, a session or a check-in."))
    pair = Meeting.objects.between(mentee, mentor)
    together = (
        Relationship.objects.open().between(mentee, mentor)
        .exclude(state=RelationshipState.REQUESTED).first()
    )
    already_intro = pair.not_cancelled().filter(kind=MeetingKind.INTRO).exists()
    if together is not None:
        if kind == MeetingKind.INTRO:
            if already_intro:
                return Verdict(False, _(
                    "You already have an intro call with %(name)s; book a session or a "
                    "check-in instead."
                ) % name)
            return Verdict(True)
        if together.state != RelationshipState.INTRO_SCHEDULED or pair.held(now).exists():
            return Verdict(True)
    if kind == MeetingKind.INTRO:
        if not mentor.is_mentor:
            return Verdict(False, _("%(name)s does not offer mentoring.") % name)
        if not Profile.objects.accepting().filter(pk=mentor.pk).exists():
            return Verdict(False, _("%(name)s is not taking new mentees at the moment.") % name)
        if already_intro:
            return Verdict(
                False,
                _(
                    "You already have an intro call with %(name)s; book a session or a "
                    "check-in instead."
                )
                % name,
            )
        return Verdict(True)
    if not pair.held(now).exists():
        return Verdict(
            False,
            _(
                "Sessions and check-ins come after a first conversation: book an intro "
                "call with %(name)s first."
            )
            % name,
        )
    return Verdict(True)


def length_error(kind: str, minutes: int) -> str | None:
    low, high = LENGTHS.get(kind, (0, 0))
    if low <= minutes <= high:
        return None
    if kind == MeetingKind.INTRO:
        return _("An intro call is short: 15 to 20 minutes.")
    if kind == MeetingKind.CHECK_IN:
        return _("A check-in takes 10 minutes.")
    return _("A session lasts from 20 to 90 minutes.")


def _whole_minute(instant: dt.datetime) -> dt.datetime:
    if not isinstance(instant, dt.datetime) or timezone.is_naive(instant):
        raise ValidationError({"starts_at": _("Give the time with its time zone.")})
    return instant.astimezone(dt.UTC).replace(second=0, microsecond=0)


def _check_booking(
    mentee, mentor, kind, starts_at, minutes, now
) -> tuple[dt.datetime, dt.datetime]:
    """Validate everything but clashes; report every problem at once."""
    errors: dict[str, str] = {}
    verdict = booking_allowed(mentee, mentor, kind, now=now)
    if not verdict:
        errors["kind"] = verdict.reason
    elif (problem := length_error(kind, minutes)) is not None:
        errors["minutes"] = problem
    start = _whole_minute(starts_at)
    if start <= now:
        errors["starts_at"] = _("That time has already passed; choose one still to come.")
    if errors:
        raise ValidationError(errors)
    return start, start + dt.timedelta(minutes=minutes)


def _busy_message(person: Profile, actor: Profile) -> str:
    if person.pk == actor.pk:
        return _("You already have a meeting then.")
    return _("%(name)s already has a meeting then.") % {"name": person.display_name}


def _clashing(
    people: Sequence[Profile], start, end, *, exclude: Meeting | None = None
) -> list[Profile]:
    seats = MeetingSeat.objects.filter(
        person__in=people, active=True, starts_at__lt=end, ends_at__gt=start
    )
    if exclude is not None:
        seats = seats.exclude(meeting=exclude)
    busy = set(seats.values_list("person_id", flat=True))
    return [p for p in people if p.pk in busy]


def _check_free(people, start, end, *, actor, exclude=None) -> None:
    busy = _clashing(people, start, end, exclude=exclude)
    if busy:
        raise ValidationError({"starts_at": " ".join(_busy_message(p, actor) for p in busy)})


def _hold_calendars(people: Sequence[Profile]) -> None:
    """Until the transaction ends, be the only one writing these people's seats.

    Two bookings that insert clashing seats at the same moment each wait for the other's
    exclusion check, and PostgreSQL ends one of them as a deadlock instead of a clash. Holding
    a lock per person, taken in pk order, makes them queue: the second then meets the first's
    seat and is told who is busy. SQLite lets one writer in at a time already.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for pk in sorted({person.pk for person in people}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEAT_LOCKS + pk])


def _write_seat(meeting: Meeting, person: Profile, *, actor: Profile, create: bool) -> None:
    """Create or move one seat; the database refuses an overlap, which we name for the person."""
    try:
        with transaction.atomic():
            if create:
                MeetingSeat.objects.create(
                    meeting=meeting,
                    person=person,
                    starts_at=meeting.starts_at,
                    ends_at=meeting.ends_at,
                )
            else:
                MeetingSeat.objects.filter(meeting=meeting, person=person).update(
                    starts_at=meeting.starts_at, ends_at=meeting.ends_at, active=True
                )
    except IntegrityError as exc:
        if SEAT_CONSTRAINT not in str(exc):
            raise
        raise ValidationError({"starts_at": _busy_message(person, actor)}) from exc


def _create(mentee, mentor, kind, start, end, *, series=None) -> Meeting:
    meeting = Meeting.objects.create(
        organizer=mentee, attendee=mentor, kind=kind, starts_at=start, ends_at=end, series=series
    )
    _hold_calendars([mentee, mentor])
    for person in (mentee, mentor):
        _write_seat(meeting, person, actor=mentee, create=True)
    return meeting


@transaction.atomic
def meeting_book(
    *,
    mentee: Profile,
    mentor: Profile,
    kind: str,
    starts_at: dt.datetime,
    minutes: int,
    now: dt.datetime | None = None,
    beyond_agreement: bool = False,
) -> Meeting:
    """Book one meeting, schedule its reminders and send both people the invitation.

    Past the minutes a month the pair agreed (lodestar.relationships), the booking is refused
    with a warning on ``minutes`` unless the caller confirms with ``beyond_agreement=True``."""
    now = now or timezone.now()
    start, end = _check_booking(mentee, mentor, kind, starts_at, minutes, now)
    if not beyond_agreement:
        from lodestar.relationships.services import agreed_minutes_warning

        warning = agreed_minutes_warning(
            mentee=mentee, mentor=mentor, starts_at=start, minutes=minutes
        )
        if warning:
            raise ValidationError({"minutes": ValidationError(warning, code="beyond_agreement")})
    _check_free([mentee, mentor], start, end, actor=mentee)
    meeting = _create(mentee, mentor, kind, start, end)
    reminders.reminders_schedule(meeting)
    invites.email_invite(meeting)
    return meeting


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day if shorter (31 Jan -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def series_starts(first: dt.datetime, zone: str, recurrence: str, count: int) -> list[dt.datetime]:
    """Each occurrence at the same wall-clock time for the organizer, across daylight saving."""
    tz = ZoneInfo(zone)
    local = first.astimezone(tz)
    out = []
    for n in range(count):
        if recurrence == Recurrence.MONTHLY:
            day = add_months(local.date(), n)
        else:
            day = local.date() + dt.timedelta(
                weeks=n * (2 if recurrence == Recurrence.BIWEEKLY else 1)
            )
        out.append(dt.datetime.combine(day, local.time().replace(fold=0), tz).astimezone(dt.UTC))
    return out


@transaction.atomic
def meeting_series_book(
    *,
    mentee: Profile,
    mentor: Profile,
    kind: str,
    starts_at: dt.datetime,
    minutes: int,
    recurrence: str,
    count: int,
    now: dt.datetime | None = None,
) -> MeetingSeries:
    """Book every occurrence of a series, or none: a clash anywhere refuses the whole series."""
    now = now or timezone.now()
    errors = {}
    if kind == MeetingKind.INTRO:
        errors["recurrence"] = _(
            "An intro call happens once; repeat sessions or check-ins instead."
        )
    elif recurrence not in Recurrence.values:
        errors["recurrence"] = _("Choose every week, every two weeks or every month.")
    if not SERIES_COUNT[0] <= count <= SERIES_COUNT[1]:
        errors["count"] = _("A series has from %(low)d to %(high)d meetings.") % {
            "low": SERIES_COUNT[0],
            "high": SERIES_COUNT[1],
        }
    if errors:
        raise ValidationError(errors)
    start, _end = _check_booking(mentee, mentor, kind, starts_at, minutes, now)
    length = dt.timedelta(minutes=minutes)
    starts = series_starts(start, str(mentee.time_zone), recurrence, count)
    clashes = []
    for begin in starts:
        busy = _clashing([mentee, mentor], begin, begin + length)
        if busy:
            who = ", ".join(_("you") if p.pk == mentee.pk else p.display_name for p in busy)
            clashes.append(
                _("%(when)s (%(who)s busy)")
                % {"when": clock(begin, mentee.time_zone, now=now), "who": who}
            )
    if clashes:
        raise ValidationError(
            {
                "starts_at": _(
                    "Nothing was booked. These dates clash: %(dates)s. Pick "
                    "another time or fewer meetings."
                )
                % {"dates": "; ".join(clashes)}
            }
        )
    series = MeetingSeries.objects.create(
        organizer=mentee, attendee=mentor, kind=kind, recurrence=recurrence, count=count
    )
    meetings = [
        _create(mentee, mentor, kind, begin, begin + length, series=series) for begin in starts
    ]
    for meeting in meetings:
        reminders.reminders_schedule(meeting)
    invites.email_series_invite(meetings, series_id=series.pk)
    return series


def _locked(meeting: Meeting, by: Profile) -> Meeting:
    if by.pk not in (meeting.organizer_id, meeting.attendee_id):
        raise PermissionDenied("not one of this meeting's two people")
    return (
        Meeting.objects.select_for_update()
        .select_related("organizer__user", "attendee__user")
        .get(pk=meeting.pk)
    )


def _reason(reason: str, other: Profile) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _("Add a short reason so %(name)s knows what changed.")
                % {"name": other.display_name}
            }
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason under %(n)d characters.") % {"n": REASON_MAX}}
        )
    return reason


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    by: Profile,
    starts_at: dt.datetime,
    reason: str,
    now: dt.datetime | None = None,
) -> Meeting:
    """Move a meeting (same length) and send the updated invitation, SEQUENCE raised."""
    now = now or timezone.now()
    meeting = _locked(meeting, by)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled; book a new one instead."))
    if meeting.has_started(now):
        raise ValidationError(_("This meeting has already started, so it can no longer be moved."))
    reason = _reason(reason, meeting.other(by))
    start = _whole_minute(starts_at)
    if start <= now:
        raise ValidationError(
            {"starts_at": _("That time has already passed; choose one still to come.")}
        )
    if start == meeting.starts_at:
        raise ValidationError({"starts_at": _("The meeting is already at that time.")})
    end = start + (meeting.ends_at - meeting.starts_at)
    _check_free([meeting.organizer, meeting.attendee], start, end, actor=by, exclude=meeting)
    reminders.reminders_cancel(meeting)
    meeting.starts_at, meeting.ends_at = start, end
    meeting.sequence += 1
    meeting.save()
    _hold_calendars([meeting.organizer, meeting.attendee])
    for person in (meeting.organizer, meeting.attendee):
        _write_seat(meeting, person, actor=by, create=False)
    submitted = Agenda.objects.filter(meeting=meeting, submitted_at__isnull=False).exists()
    reminders.reminders_schedule(meeting, agenda_submitted=submitted)
    invites.email_invite(meeting, rescheduled_by=by, reason=reason)
    return meeting


@transaction.atomic
def meeting_cancel(
    *,
    meeting: Meeting,
    by: Profile,
    reason: str,
    following: bool = False,
    now: dt.datetime | None = None,
) -> list[Meeting]:
    """Call a meeting off (with `following`, the rest of its series too); frees both people."""
    now = now or timezone.now()
    meeting = _locked(meeting, by)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is already cancelled."))
    if meeting.is_over(now):
        raise ValidationError(_("This meeting is over, so there is nothing to cancel."))
    reason = _reason(reason, meeting.other(by))
    targets = [meeting]
    if following and meeting.series_id:
        targets += list(
            meeting.series.meetings.select_for_update()
            .filter(starts_at__gt=meeting.starts_at, status=MeetingStatus.SCHEDULED)
            .select_related("organizer__user", "attendee__user")
        )
    for target in targets:
        reminders.reminders_cancel(target)
        target.status, target.cancel_reason, target.cancelled_by = (
            MeetingStatus.CANCELLED,
            reason,
            by,
        )
        target.sequence += 1
        target.save()
        MeetingSeat.objects.filter(meeting=target).update(active=False)
        invites.email_cancelled(target, by=by)
    return targets


def meeting_mark_held(*, meeting: Meeting, now: dt.datetime | None = None) -> Meeting:
    """Once a meeting is over and someone records what came of it, it counts as held."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.SCHEDULED and meeting.is_over(now):
        Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.SCHEDULED).update(
            status=MeetingStatus.HELD
        )
        meeting.status = MeetingStatus.HELD
        if meeting.kind == MeetingKind.INTRO:
            from lodestar.relationships.services import on_intro_held

            on_intro_held(meeting=meeting, now=now)
    return meeting
