"""Outreach: the first message from a mentee to a mentor, and everything around it.

An intro request is a mentee's first message sent to a mentor; it is open while it waits for an
answer and closes when the mentor accepts, declines or points to someone better, when the mentee
withdraws it, or when it runs out of time. A waitlist entry waits for a full mentor to have room;
bookmarks and hidden mentors shape the directory; an external mentor is someone the mentee found
elsewhere and invites to Lodestar.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField
from lodestar.people.models import Profile, PublicWork


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REDIRECTED = "redirected", _("Pointed to someone else")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Tone(models.TextChoices):
    WARM = "warm", _("Warm")
    CONCISE = "concise", _("Concise")
    FORMAL = "formal", _("Formal")


class Origin(models.TextChoices):
    DIRECTORY = "directory", _("Written in Lodestar")
    EXTERNAL = "external", _("Met elsewhere and invited")


class IntroRequestQuerySet(models.QuerySet["IntroRequest"]):
    def open(self) -> IntroRequestQuerySet:
        return self.filter(state=RequestState.REQUESTED)

    def involving(self, profile: Profile) -> IntroRequestQuerySet:
        """The one place that decides who may see a request: its two people."""
        return self.filter(Q(mentee=profile) | Q(mentor=profile))

    def sent_since(self, mentee: Profile, since: dt.datetime) -> IntroRequestQuerySet:
        return self.filter(mentee=mentee, origin=Origin.DIRECTORY, created_at__gte=since)


class IntroRequest(models.Model):
    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="requests_sent")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="requests_received")
    # What people write to each other is encrypted at rest (lodestar/lib/crypto.py).
    subject = EncryptedTextField(_("subject"), max_length=200)
    body = EncryptedTextField(_("message"), max_length=5000)
    questions = EncryptedTextField(
        _("questions"), max_length=1000, blank=True, help_text="One per line."
    )
    cited_work = models.ForeignKey(
        PublicWork,
        verbose_name=_("work you mention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tone = models.CharField(_("tone"), max_length=8, choices=Tone.choices, default=Tone.WARM)
    coach_score = models.PositiveSmallIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.DIRECTORY)
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.REQUESTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = EncryptedTextField(_("reply"), max_length=3000, blank=True)
    redirected_to = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # After accepting, the mentor proposes two or three intro-call times (UTC ISO strings) and
    # the mentee books one of them.
    proposed_times = models.JSONField(default=list, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = IntroRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(state="requested"),
                name="one_open_request_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="request_not_to_self"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"], name="request_mentor_state"),
            models.Index(fields=["mentee", "created_at"], name="request_mentee_created"),
            # Counting places taken for every mentor at once (the directory) reads only this.
            models.Index(
                fields=["mentor"], condition=Q(state="accepted"), name="request_places_taken"
            ),
        ]

    def __str__(self) -> str:
        # The subject is private (encrypted at rest): logs and the admin's history show ids.
        return f"Intro request #{self.pk}: {self.mentee} → {self.mentor}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:request", args=[self.pk])

    def lapsed(self, now: dt.datetime | None = None) -> bool:
        """Still marked open but past its time (the scheduler will close it on its next pass)."""
        return self.state == RequestState.REQUESTED and self.expires_at <= (now or timezone.now())

    @property
    def question_list(self) -> list[str]:
        return [q for q in self.questions.splitlines() if q.strip()]

    @property
    def is_open(self) -> bool:
        return self.state == RequestState.REQUESTED and not self.lapsed()

    @property
    def shown_state(self) -> str:
        return RequestState.EXPIRED.label if self.lapsed() else self.get_state_display()

    @property
    def shown_state_code(self) -> str:
        return RequestState.EXPIRED if self.lapsed() else self.state


class AbuseReport(models.Model):
    request = models.ForeignKey(IntroRequest, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    reason = EncryptedTextField(_("what happened"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(blank=True)

    class Meta:
        ordering = ["resolved_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "reporter"], name="one_report_per_request")
        ]

    def __str__(self) -> str:
        return f"Report on request {self.request_id} by {self.reporter}"


class Waitlist(models.Model):
    """A mentee waiting for a full or resting mentor to have room; told once when they do."""

    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="waiting_for")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="waitlist")
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="one_waitlist_entry_per_pair")
        ]
        indexes = [
            models.Index(
                fields=["mentor"], condition=Q(notified_at__isnull=True), name="waitlist_waiting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} waits for {self.mentor}"


class Bookmark(models.Model):
    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="bookmarks")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "mentor"], name="bookmark_once")]


class HiddenMentor(models.Model):
    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="hidden_mentors")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "mentor"], name="hide_once")]


class TagKind(models.TextChoices):
    ALUMNI = "alumni", _("Alumni of")
    COMMUNITY = "community", _("Member of the community")
    ORGANIZATION = "organization", _("Works or worked at")


class DirectoryTag(models.Model):
    """A mentor's alumni, community or organization tag, for the directory's filter."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="directory_tags")
    kind = models.CharField(_("kind"), max_length=12, choices=TagKind.choices)
    name = models.CharField(_("name"), max_length=100)
    key = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "key"], name="directory_tag_once")
        ]
        indexes = [models.Index(fields=["key"], name="directory_tag_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.key = self.name.casefold()
        super().save(*args, **kwargs)


class HowMet(models.TextChoices):
    COLLEAGUE = "colleague", _("A colleague or former colleague")
    ALUMNI = "alumni", _("Someone from my school or university")
    EVENT = "event", _("Someone I met at an event")
    ONLINE = "online", _("Someone I met online")
    OTHER = "other", _("Somewhere else")


# How the mentee knows them, as the invitation says it to the person invited.
HOW_MET_FOR_INVITEE = {
    HowMet.COLLEAGUE: _("a colleague or former colleague"),
    HowMet.ALUMNI: _("someone from the same school or university"),
    HowMet.EVENT: _("someone they met at an event"),
    HowMet.ONLINE: _("someone they met online"),
    HowMet.OTHER: _("someone they know"),
}
REINVITE_AFTER = dt.timedelta(days=7)


class ExternalMentor(models.Model):
    """A mentor the mentee found outside Lodestar, recorded and (optionally) invited by email."""

    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="external_mentors")
    name = models.CharField(_("their name"), max_length=80)
    email = models.EmailField(_("their email address"))
    how_met = models.CharField(_("how you know them"), max_length=10, choices=HowMet.choices)
    note = EncryptedTextField(
        _("a note for them"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Goes into the invitation: where you met and what you would like to talk about."
        ),
    )
    token = models.CharField(max_length=43, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(null=True, blank=True)
    joined = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="invited_by"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    request = models.OneToOneField(
        IntroRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="external"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(models.F("mentee"), Lower("email"), name="external_mentor_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> for {self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:invitation", args=[self.token])

    @property
    def how_met_for_invitee(self) -> str:
        return str(HOW_MET_FOR_INVITEE.get(self.how_met, HOW_MET_FOR_INVITEE[HowMet.OTHER]))

    @property
    def can_invite(self) -> bool:
        """Not joined, and never invited or invited over a week ago."""
        return not self.joined_id and (
            self.invited_at is None or timezone.now() - self.invited_at >= REINVITE_AFTER
        )
