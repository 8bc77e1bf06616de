"""Turn a claimed notification into what the person chose: an in-app notice, an email, both,
a place in tomorrow's digest, or nothing; holding it back during their quiet hours."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import Channel, Notification
from .quiet import next_local_time, quiet_until
from .registry import get_kind, render_email, render_title
from .services import channel_for, notify, settings_for

log = logging.getLogger(__name__)


def deliver(*, notification_id: int, claim_token: str, now: dt.datetime | None = None) -> str:
    """Deliver one claimed notification; returns what happened, for logs and tests."""
    now = now or timezone.now()
    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient__profile")
            .filter(pk=notification_id, state=Notification.State.CLAIMED, claim_token=claim_token)
            .first()
        )
        if notice is None:
            return "not-ours"  # done, cancelled, or reclaimed by another worker
        kind = get_kind(notice.kind)
        user = notice.recipient
        if not user.is_active or _moot(kind, notice, now):
            return _finish(notice, Notification.State.SKIPPED, now)
        prefs = settings_for(user)
        zone = str(user.profile.time_zone) if hasattr(user, "profile") else "UTC"
        if not kind.time_critical and kind.code != "digest":
            wait = quiet_until(now, zone, prefs.quiet_start_minute, prefs.quiet_end_minute)
            if wait is not None:
                notice.state, notice.due_at, notice.claim_token = Notification.State.PENDING, wait, ""
                notice.save(update_fields=["state", "due_at", "claim_token"])
                return "held-for-quiet-hours"
        if kind.code == "digest":
            email = deliver_digest_email(notice)
            _finish(notice, Notification.State.DONE, now)
            return _send_after_commit(email, now)
        channel = channel_for(user=user, kind=kind.code)
        if channel == Channel.OFF:
            return _finish(notice, Notification.State.SKIPPED, now)
        notice.in_app = channel in (Channel.IN_APP, Channel.BOTH)
        email = None
        if channel in (Channel.EMAIL, Channel.BOTH):
            if prefs.digest_enabled and not kind.time_critical and kind.code != "digest":
                notice.in_digest = True
                _schedule_digest(user, zone, prefs.digest_minute, now)
            else:
                email = _queue_email(notice)
        _finish(notice, Notification.State.DONE, now)
    return _send_after_commit(email, now)


def _moot(kind, notice: Notification, now: dt.datetime) -> bool:
    """Too late to be of use: "starting soon" for a meeting that has begun, say."""
    at = (notice.context or {}).get(kind.moot_after) if kind.moot_after else None
    return isinstance(at, str) and dt.datetime.fromisoformat(at) <= now


def _send_after_commit(email, now: dt.datetime) -> str:
    # The notice is committed first: if sending fails or the process dies here, the queued
    # email is retried by the scheduler and the notice is not delivered twice.
    if email is not None and email.state == email.State.QUEUED:
        token = outbox.claim_for_sending([email.pk], now=now)
        outbox.email_deliver(message_id=email.pk, claim_token=token, now=now)
    return "delivered"


def _finish(notice: Notification, state: str, now: dt.datetime) -> str:
    notice.state, notice.dispatched_at, notice.claim_token = state, now, ""
    notice.save()
    return "delivered" if state == Notification.State.DONE else str(state)


def _queue_email(notice: Notification, extra: dict | None = None):
    subject, text, html = render_email(notice, extra)
    return outbox.email_queue(
        key=f"notification:{notice.key}", to=notice.recipient.email, subject=subject,
        text=text, html=html, notification=notice,
    )


def _schedule_digest(user, zone: str, minute: int, now: dt.datetime) -> None:
    send_at = next_local_time(now, zone, minute)
    local_day = send_at.astimezone(ZoneInfo(zone)).date()
    notify(
        kind="digest", recipient=user, key=f"digest:{user.pk}:{local_day.isoformat()}",
        context={"items": []}, link="/notifications/", due_at=send_at,
    )


def digest_items(notice: Notification) -> list[dict]:
    waiting = Notification.objects.filter(recipient=notice.recipient, in_digest=True).order_by("dispatched_at")
    return [{"title": render_title(n), "link": n.link} for n in waiting]


def deliver_digest_email(notice: Notification):
    """Called for a digest notification: one email with everything that waited for it."""
    items = digest_items(notice)
    Notification.objects.filter(recipient=notice.recipient, in_digest=True).update(in_digest=False)
    if not items:
        return None
    return _queue_email(notice, {"items": items})
