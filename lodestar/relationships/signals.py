"""The daily health check runs when delivery claims its notification row (see checkup.py)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from lodestar.notifications.models import Notification

from .checkup import relationship_health_check


@receiver(post_save, sender=Notification, dispatch_uid="relationships-health-check")
def _check_when_due(sender, instance: Notification, created: bool, **kwargs) -> None:
    if (
        created
        or kwargs.get("raw")
        or instance.kind != "relationship_health_check"
        or instance.state not in (Notification.State.DONE, Notification.State.SKIPPED)
    ):
        return
    relationship_id = (instance.context or {}).get("relationship_id")
    if isinstance(relationship_id, int):
        relationship_health_check(
            relationship_id=relationship_id, now=instance.dispatched_at or instance.due_at
        )
