"""Due work and its delivery: notifications (due rows), the email outbox and preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodestar.lib.crypto import EncryptedTextField


class Channel(models.TextChoices):
    BOTH = "both", _("Email and in-app")
    EMAIL = "email", _("Email only")
    IN_APP = "in_app", _("In-app only")
    OFF = "off", _("Off")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def due(self, now) -> NotificationQuerySet:
        return self.filter(state=Notification.State.PENDING, due_at__lte=now)

    def lease_expired(self, before) -> NotificationQuerySet:
        return self.filter(state=Notification.State.CLAIMED, claimed_at__lt=before)

    def inbox(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user, in_app=True).order_by("-dispatched_at", "-id")

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something to tell a person at a due time: the row is the schedule, the claim and the notice."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed")
        DONE = "done", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")
        SKIPPED = "skipped", _("Turned off by the person")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, unique=True, help_text="Idempotency key.")
    context = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    in_app = models.BooleanField(default=False)
    in_digest = models.BooleanField(default=False, help_text="Waiting for the daily digest email.")
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["due_at"], condition=Q(state="pending"), name="notification_due"),
            models.Index(fields=["claimed_at"], condition=Q(state="claimed"), name="notification_lease"),
            models.Index(
                fields=["recipient", "dispatched_at"], condition=Q(in_app=True), name="notification_inbox"
            ),
            models.Index(
                fields=["recipient"], condition=Q(in_digest=True), name="notification_digest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} at {self.due_at:%Y-%m-%d %H:%M} ({self.state})"

    @property
    def title(self) -> str:
        from .registry import render_title

        return render_title(self)


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, now) -> OutboxQuerySet:
        return self.filter(state=OutboxMessage.State.QUEUED, next_attempt_at__lte=now)

    def lease_expired(self, before) -> OutboxQuerySet:
        return self.filter(state=OutboxMessage.State.SENDING, claimed_at__lt=before)


class OutboxMessage(models.Model):
    """One email and its life: queued, sending, sent, or failed for good after its retries."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True, help_text="Idempotency key.")
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    # Emails carry follow-ups and updates verbatim: encrypted like the originals.
    text_body = EncryptedTextField()
    html_body = EncryptedTextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state="queued"), name="outbox_due"),
            models.Index(fields=["claimed_at"], condition=Q(state="sending"), name="outbox_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.state})"

    @property
    def message_id(self) -> str:
        """Stable across retries, so a receiving server can drop a duplicate after a crash."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "lodestar.local"
        return f"<{self.key.replace(' ', '-').replace(':', '.')}@{domain}>"


class OutboxEvent(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    event = models.CharField(max_length=20)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.event}"


class NotificationSettings(models.Model):
    """A person's quiet hours and digest, in their own local time (minutes after midnight)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    quiet_start_minute = models.PositiveSmallIntegerField(null=True, blank=True)
    quiet_end_minute = models.PositiveSmallIntegerField(null=True, blank=True)
    digest_enabled = models.BooleanField(default=False)
    digest_minute = models.PositiveSmallIntegerField(default=8 * 60)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(quiet_start_minute__isnull=True) & Q(quiet_end_minute__isnull=True))
                | (
                    Q(quiet_start_minute__lt=1440)
                    & Q(quiet_end_minute__lt=1440)
                    & ~Q(quiet_start_minute=models.F("quiet_end_minute"))
                ),
                name="quiet_hours_valid",
            ),
            models.CheckConstraint(condition=Q(digest_minute__lt=1440), name="digest_minute_valid"),
        ]


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]
