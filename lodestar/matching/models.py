"""Persisted matching runs: the pairs a run proposed, with their scores and reasons.

A run's `report` is the engine's quality report with row indexes replaced by profile ids, so it
still reads correctly after people come and go.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lodestar.people.models import Profile


class Mode(models.TextChoices):
    OPTIMAL = "optimal", _("Optimal: the best total fit")
    STABLE = "stable", _("Stable: no mentee and mentor would rather pair up")
    PEER = "peer", _("Peer: pairs within one pool")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the run came from the command line.",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    report = models.JSONField(_("quality report"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} run #{self.pk} ({self.get_status_display()})"


class MatchProposal(models.Model):
    """One proposed pair; in peer mode `mentee` and `mentor` are simply the two partners."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(
        Profile, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        Profile, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(_("score"))
    breakdown = models.JSONField(_("score by criterion"), default=dict, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        ordering = ["run", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee", "mentor"], name="proposal_once_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} with {self.mentor_id} ({self.score:.2f})"
