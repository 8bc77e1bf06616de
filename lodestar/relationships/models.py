"""The relationship between a mentee and a mentor, from the first request to the alumni who keep
in touch: its lifecycle (every change kept as a Transition), the agreement the two make when it
becomes active, its health over time, and what the two give each other along the way (feedback,
reflections, thanks, stretch challenges, advocacy).

For a peer relationship ``mentee`` and ``mentor`` are simply the two peers; for a reverse one the
``mentor`` is the junior person who mentors the senior ``mentee``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField
from lodestar.people.models import Channel, Profile


class Kind(models.TextChoices):
    FORMAL = "formal", _("Formal (part of a program)")
    INFORMAL = "informal", _("Informal")
    PEER = "peer", _("Peer")
    REVERSE = "reverse", _("Reverse")
    VIRTUAL = "virtual", _("Virtual")


class State(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    INTRO_SCHEDULED = "intro_scheduled", _("Intro call scheduled")
    INTRO_HELD = "intro_held", _("Intro call held")
    EXPLORING = "exploring", _("Exploring")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
    MISMATCH = "mismatch", _("Not the right fit")
    GHOSTED = "ghosted", _("One side went quiet")
    TIME_CONSTRAINTS = "time_constraints", _("Not enough time")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined")


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    COOLING = "cooling", _("Cooling")
    AT_RISK = "at_risk", _("At risk")
    SILENT = "silent", _("Silent")


# States in which the mentor has given the mentee one of their places.
HOLDING_PLACE = (
    State.INTRO_SCHEDULED,
    State.INTRO_HELD,
    State.EXPLORING,
    State.ACTIVE,
    State.PAUSED,
)


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def for_person(self, profile: Profile) -> RelationshipQuerySet:
        """The one place that decides who may see a relationship: its two people."""
        return self.filter(Q(mentee=profile) | Q(mentor=profile))

    def between(self, a: Profile, b: Profile) -> RelationshipQuerySet:
        return self.filter(Q(mentee=a, mentor=b) | Q(mentee=b, mentor=a))

    def open(self) -> RelationshipQuerySet:
        return self.exclude(state=State.ENDED)

    def ended(self) -> RelationshipQuerySet:
        return self.filter(state=State.ENDED)

    def active(self) -> RelationshipQuerySet:
        return self.filter(state=State.ACTIVE)

    def holding_places(self) -> RelationshipQuerySet:
        """The one definition of a mentor's place taken (outreach.availability counts with it):
        a relationship past the request and not ended. Peers do not take mentoring places."""
        return self.filter(state__in=HOLDING_PLACE).exclude(kind=Kind.PEER)

    def guided_by(self, profile: Profile):
        """Ids of the people ``profile`` guides now: their mentees in relationships past the
        request and not ended, and the other side of their peer relationships. These are the
        people whose goals shared with "my mentors" ``profile`` may read (goals.visible_to)."""
        return (
            self.filter(state__in=HOLDING_PLACE)
            .filter(Q(mentor=profile) | Q(kind=Kind.PEER, mentee=profile))
            .annotate(guided=Case(When(mentor=profile, then=F("mentee")), default=F("mentor")))
            .values("guided")
        )

    def alumni(self) -> RelationshipQuerySet:
        return self.filter(state=State.ENDED, end_reason=EndReason.GOALS_ACHIEVED)


class Relationship(models.Model):
    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="mentored_in")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="mentoring_in")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INFORMAL)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=16, choices=EndReason.choices, blank=True
    )
    intro_request = models.ForeignKey(
        "outreach.IntroRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relationships",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Written by the periodic health check (lodestar.relationships.health); programs chart them.
    health = models.CharField(
        _("health"), max_length=8, choices=Health.choices, default=Health.HEALTHY
    )
    health_score = models.PositiveSmallIntegerField(null=True, blank=True)
    health_reasons = models.JSONField(default=list, blank=True)
    health_checked_at = models.DateTimeField(null=True, blank=True)
    # 0: nothing sent; 1: a check-in was drafted for the other side; 2: moving on was suggested.
    nudge_stage = models.PositiveSmallIntegerField(default=0)
    nudged_at = models.DateTimeField(null=True, blank=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=~Q(state="ended"),
                name="one_open_relationship_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="relationship_not_with_oneself"
            ),
            models.CheckConstraint(
                condition=Q(state="ended", ended_at__isnull=False) & ~Q(end_reason="")
                | ~Q(state="ended") & Q(end_reason=""),
                name="relationship_ended_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"], name="relationship_mentor_state"),
            models.Index(fields=["mentee", "state"], name="relationship_mentee_state"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} / {self.mentor} ({self.get_kind_display()}, {self.state})"

    def get_absolute_url(self) -> str:
        return reverse("relationships:detail", args=[self.pk])

    def other(self, person: Profile) -> Profile:
        return self.mentor if person.pk == self.mentee_id else self.mentee

    def involves(self, person: Profile | None) -> bool:
        return person is not None and person.pk in (self.mentee_id, self.mentor_id)

    @property
    def is_open(self) -> bool:
        return self.state != State.ENDED

    @property
    def is_peer(self) -> bool:
        return self.kind == Kind.PEER


class Transition(models.Model):
    """One change of state: the audit trail, and the message drafted for the person to send."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    by = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = EncryptedTextField(_("reason"), max_length=2000, blank=True)
    draft = EncryptedTextField(_("message to send"), max_length=4000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"


class HealthSnapshot(models.Model):
    """The health found by one periodic check, kept so programs can chart it over time."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="health_history"
    )
    at = models.DateTimeField()
    health = models.CharField(max_length=8, choices=Health.choices)
    score = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["relationship", "at"], name="health_snapshot_at")]


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


CADENCE_DAYS = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: 30}


class Agreement(models.Model):
    """What the two agree when the relationship becomes active."""

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="agreement"
    )
    cadence = models.CharField(_("how often"), max_length=10, choices=Cadence.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes per meeting"))
    channels = models.JSONField(_("channels"), default=list)
    agenda_hours_before = models.PositiveSmallIntegerField(
        _("agenda sent this many hours before"), default=24
    )
    review_on = models.DateField(_("review date"))
    mentee_acknowledged_at = models.DateTimeField(null=True, blank=True)
    mentor_acknowledged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def cadence_days(self) -> int:
        return CADENCE_DAYS[self.cadence]

    @property
    def minutes_per_month(self) -> int:
        return round(self.minutes * 30 / self.cadence_days)

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) if c in Channel.values else c for c in self.channels]

    @property
    def confidentiality_acknowledged(self) -> bool:
        return bool(self.mentee_acknowledged_at and self.mentor_acknowledged_at)


class Feedback(models.Model):
    """Situation-Behavior-Impact feedback from one of the two to the other."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="feedback"
    )
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    situation = EncryptedTextField(_("situation"), max_length=1000)
    behavior = EncryptedTextField(_("behavior"), max_length=1000)
    impact = EncryptedTextField(_("impact"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class Reflection(models.Model):
    """A private reflection: the mentee's after a session, the mentor's on what mentoring taught
    them. Only its author ever sees it."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = EncryptedTextField(_("reflection"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class Gratitude(models.Model):
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="thanks"
    )
    author = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    helped_with = EncryptedTextField(_("what helped"), max_length=500)
    text = EncryptedTextField(_("your note"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class Challenge(models.Model):
    """A stretch challenge the mentor sets for the mentee."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="challenges"
    )
    set_by = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("challenge"), max_length=1000)
    due_on = models.DateField(_("by"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "-created_at", "-id"]


class AdvocacyKind(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended for a project")
    INTRODUCED = "introduced", _("Introduced to someone")
    NOMINATED = "nominated", _("Nominated")
    ENDORSED = "endorsed", _("Endorsed a skill")


class Advocacy(models.Model):
    """Something the mentor did for the mentee out of the room; the mentee sees the log."""

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="advocacy"
    )
    by = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("what you did"), max_length=12, choices=AdvocacyKind.choices)
    text = EncryptedTextField(_("details"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


class MentorInvitation(models.Model):
    """After goals achieved: the mentee is invited to mentor, with a profile drafted for them."""

    relationship = models.OneToOneField(
        Relationship, on_delete=models.CASCADE, related_name="mentor_invitation"
    )
    invitee = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="mentor_invitations"
    )
    headline = models.CharField(max_length=120, blank=True)
    bio = models.TextField(max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
