"""Meetings between a mentee (the organizer, who owns the logistics) and a mentor, and what
they write before, during and after: the agenda, notes, takeaways, action items, the follow-up."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField
from lodestar.people.models import Profile


class MeetingKind(models.TextChoices):
    INTRO = "intro", _("Intro call")
    SESSION = "session", _("Mentoring session")
    CHECK_IN = "check_in", _("Short check-in")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


def new_uid() -> str:
    """The iCalendar UID: made once, never changed, so calendars update the same event."""
    return f"{uuid.uuid4()}@lodestar"


class MeetingSeries(models.Model):
    """A recurring arrangement; each occurrence is its own Meeting, booked when the series is."""

    organizer = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="series_organized"
    )
    attendee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="series_attending")
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices)
    count = models.PositiveSmallIntegerField(_("number of meetings"))
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.get_recurrence_display()} × {self.count}"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def for_person(self, person: Profile) -> MeetingQuerySet:
        return self.filter(Q(organizer=person) | Q(attendee=person))

    def between(self, a: Profile, b: Profile) -> MeetingQuerySet:
        return self.filter(Q(organizer=a, attendee=b) | Q(organizer=b, attendee=a))

    def not_cancelled(self) -> MeetingQuerySet:
        return self.exclude(status=MeetingStatus.CANCELLED)

    def upcoming(self, now: dt.datetime) -> MeetingQuerySet:
        return self.not_cancelled().filter(ends_at__gt=now).order_by("starts_at")

    def held(self, now: dt.datetime) -> MeetingQuerySet:
        """Meetings that took place: over and not cancelled (marked held or not)."""
        return self.not_cancelled().filter(ends_at__lte=now)


class Meeting(models.Model):
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    organizer = models.ForeignKey(
        Profile,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="meetings_organized",
    )
    attendee = models.ForeignKey(
        Profile,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="meetings_attending",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    # iCalendar SEQUENCE: raised on every change a calendar must pick up.
    sequence = models.PositiveIntegerField(default=0)
    cancel_reason = EncryptedTextField(_("reason"), blank=True)
    cancelled_by = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(organizer=models.F("attendee")), name="meeting_not_with_oneself"
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.starts_at:%Y-%m-%d %H:%M}"
        return f"{self.get_kind_display()} {self.organizer} / {self.attendee} {when}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def minutes(self) -> int:
        return round((self.ends_at - self.starts_at) / dt.timedelta(minutes=1))

    @property
    def warn_minutes(self) -> int:
        """How long before the agreed end the timer warns: 2 for a check-in, up to 5."""
        return max(2, min(5, self.minutes // 6))

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    def other(self, person: Profile) -> Profile:
        return self.attendee if person.pk == self.organizer_id else self.organizer

    def has_started(self, now: dt.datetime) -> bool:
        return self.starts_at <= now

    def is_over(self, now: dt.datetime) -> bool:
        return self.ends_at <= now


class MeetingSeat(models.Model):
    """One person's claim on a stretch of time. On PostgreSQL an exclusion constraint keeps a
    person's active seats from overlapping (migration 0002); on SQLite triggers do."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="meeting_seats")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_seat_per_person"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="seat_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(
                fields=["person", "starts_at"], condition=Q(active=True), name="seat_active"
            )
        ]


class Agenda(models.Model):
    """The mentee's plan for one meeting; open action items are added when it is shown."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="agenda")
    progress = EncryptedTextField(_("progress since last time"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class AgendaEntry(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", _("Topic")
        QUESTION = "question", _("Question")

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = EncryptedTextField(max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position"]


class NoteQuerySet(models.QuerySet["Note"]):
    def visible_to(self, person: Profile) -> NoteQuerySet:
        """A private note is its author's alone: not the other person's, not staff's."""
        return self.filter(Q(author=person) | Q(shared=True)).filter(
            Q(meeting__organizer=person) | Q(meeting__attendee=person)
        )


class Note(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="meeting_notes")
    body = EncryptedTextField(_("note"), max_length=8000)
    shared = models.BooleanField(_("share with the other person"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]


class Takeaway(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="takeaways")
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("takeaway"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> ActionItemQuerySet:
        return self.filter(done_at__isnull=True)

    def of_pair(self, a: Profile, b: Profile) -> ActionItemQuerySet:
        return self.filter(
            Q(meeting__organizer=a, meeting__attendee=b)
            | Q(meeting__organizer=b, meeting__attendee=a)
        )


class ActionItem(models.Model):
    """Something one of the pair will do; it comes back on their next agenda until reported."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    owner = models.ForeignKey(
        Profile, verbose_name=_("who"), on_delete=models.CASCADE, related_name="action_items"
    )
    text = EncryptedTextField(_("action"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    report_back = EncryptedTextField(_("what happened"), blank=True, max_length=2000)
    created_by = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        # Open items first, soonest due first (NULLs sort differently on SQLite and PostgreSQL).
        ordering = [
            models.F("done_at").asc(nulls_first=True),
            models.F("due_on").asc(nulls_last=True),
            "id",
        ]


class FollowUp(models.Model):
    """The mentee's note to the mentor after the meeting; sending it stops the reminder."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="follow_up")
    body = EncryptedTextField(_("message"), max_length=6000)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class AsyncUpdate(models.Model):
    """A written update in place of a meeting that cannot happen."""

    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="async_updates")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="async_updates"
    )
    body = EncryptedTextField(_("update"), max_length=6000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's calendar subscription. The token in the URL is the only key: whoever has the
    link can read the meetings' times and names, so it can be replaced or switched off."""

    person = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def get_absolute_url(self) -> str:
        return reverse("meetings:calendar_feed", args=[self.token])

    @property
    def full_url(self) -> str:
        return f"{settings.SITE_ROOT}{self.get_absolute_url()}"
