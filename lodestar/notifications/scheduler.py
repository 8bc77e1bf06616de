"""The scheduler: find due rows with an indexed query, claim each atomically, enqueue delivery.

Claiming is one UPDATE ... WHERE state = 'pending' per batch, tagged with a fresh token: of two
schedulers that select the same rows, the database lets only one UPDATE change each row, and
each delivers only the rows that carry its own token. A claim not finished within the lease
(a worker died between claim and send) is released and claimed again.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from dataclasses import dataclass

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from .models import Notification, OutboxEvent, OutboxMessage

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
CHUNK = 100  # ids per delivery task


@dataclass
class TickResult:
    notifications: int = 0
    emails: int = 0
    released: int = 0

    def __bool__(self) -> bool:
        return bool(self.notifications or self.emails or self.released)


def _claim(due_qs, *, order_by: str, waiting: str, claimed: str, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    ids = list(due_qs.order_by(order_by).values_list("pk", flat=True)[:batch])
    if not ids:
        return "", []
    token = get_random_string(24)
    model = due_qs.model
    model.objects.filter(pk__in=ids, state=waiting).update(state=claimed, claimed_at=now, claim_token=token)
    return token, list(model.objects.filter(pk__in=ids, claim_token=token).values_list("pk", flat=True))


def claim_notifications(*, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    return _claim(
        Notification.objects.due(now), order_by="due_at", waiting=Notification.State.PENDING,
        claimed=Notification.State.CLAIMED, now=now, batch=batch,
    )


def claim_emails(*, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    return _claim(
        OutboxMessage.objects.due(now), order_by="next_attempt_at", waiting=OutboxMessage.State.QUEUED,
        claimed=OutboxMessage.State.SENDING, now=now, batch=batch,
    )


def release_expired(*, now: dt.datetime) -> int:
    before = now - LEASE
    n = Notification.objects.lease_expired(before).update(state=Notification.State.PENDING, claim_token="")
    stuck = list(OutboxMessage.objects.lease_expired(before).values_list("pk", flat=True))
    if stuck:
        OutboxMessage.objects.filter(pk__in=stuck, state=OutboxMessage.State.SENDING).update(
            state=OutboxMessage.State.QUEUED, claim_token="", next_attempt_at=now
        )
        OutboxEvent.objects.bulk_create(
            OutboxEvent(message_id=pk, at=now, event="reclaimed", detail="the sender stopped before finishing")
            for pk in stuck
        )
    return n + len(stuck)


def tick(*, now: dt.datetime | None = None, batch: int = 1000) -> TickResult:
    """One pass: release expired claims, claim due work, enqueue it. Safe to run concurrently.

    `now` is for tests on a fake clock; delivery then evaluates quiet hours at that instant too.
    """
    from . import tasks

    as_of = now.isoformat() if now else ""
    now = now or timezone.now()
    result = TickResult(released=release_expired(now=now))
    token, ids = claim_notifications(now=now, batch=batch)
    for start in range(0, len(ids), CHUNK):
        tasks.deliver_notifications.enqueue(ids[start : start + CHUNK], token, as_of)
    result.notifications = len(ids)
    token, ids = claim_emails(now=now, batch=batch)
    for start in range(0, len(ids), CHUNK):
        tasks.send_emails.enqueue(ids[start : start + CHUNK], token, as_of)
    result.emails = len(ids)
    return result


def run_forever(*, interval: float = 1.0, stop: threading.Event | None = None, install_signals: bool = True) -> None:
    """Tick until told to stop (SIGTERM or SIGINT finish the current tick, then return)."""
    stop = stop or threading.Event()
    if install_signals:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, frame: stop.set())
    log.info("scheduler started (every %.1f s)", interval)
    while not stop.is_set():
        close_old_connections()
        busy = False
        try:
            result = tick()
            busy = result.notifications >= 1000 or result.emails >= 1000  # more is waiting
            if result:
                log.info("scheduler: %s", result)
        except Exception:  # a bad tick must not end the loop; the next one retries
            log.exception("scheduler tick failed")
        stop.wait(0 if busy else interval)
    connection.close()
    log.info("scheduler stopped")
