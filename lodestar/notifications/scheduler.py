"""The scheduler: find due rows with an indexed query, claim each atomically, enqueue delivery.

Claiming is one UPDATE ... WHERE state = 'pending' ... RETURNING id per batch, tagged with a
fresh token (PostgreSQL skips rows another scheduler holds locked; SQLite, 3.35 or newer for
RETURNING, has one writer at a time): each row is claimed by one scheduler, and each delivers
only the rows it claimed. A claim not finished within the lease
(a worker died between claim and send) is released and claimed again.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from dataclasses import dataclass

from django.db import close_old_connections, connection, transaction
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


def _claim(model, *, due_column: str, waiting: str, claimed: str, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    """Claim up to `batch` due rows in one statement and return (token, ids claimed).

    PostgreSQL skips rows another scheduler has locked; SQLite has one writer at a time.
    Either way the outer `state = waiting` condition means a row is claimed once.
    """
    token = get_random_string(24)
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(due_column)
    moment = connection.ops.adapt_datetimefield_value(now)
    lock = "FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    pick = f"SELECT id FROM {table} WHERE state = %s AND {column} <= %s ORDER BY {column} LIMIT %s {lock}"
    where = f"id = ANY(ARRAY({pick}))" if connection.vendor == "postgresql" else f"id IN ({pick})"
    sql = (
        f"UPDATE {table} SET state = %s, claimed_at = %s, claim_token = %s "
        f"WHERE {where} AND state = %s RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [claimed, moment, token, waiting, moment, batch, waiting])
        ids = [row[0] for row in cursor.fetchall()]
    return (token if ids else ""), ids


def claim_notifications(*, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    return _claim(
        Notification, due_column="due_at", waiting=Notification.State.PENDING,
        claimed=Notification.State.CLAIMED, now=now, batch=batch,
    )


def claim_emails(*, now: dt.datetime, batch: int) -> tuple[str, list[int]]:
    return _claim(
        OutboxMessage, due_column="next_attempt_at", waiting=OutboxMessage.State.QUEUED,
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


def tick(*, now: dt.datetime | None = None, batch: int = 10_000) -> TickResult:
    """One pass: release expired claims, claim due work, enqueue it. Safe to run concurrently.

    `now` is for tests on a fake clock; delivery then evaluates quiet hours at that instant too.
    """
    from . import tasks

    as_of = now.isoformat() if now else ""
    now = now or timezone.now()
    result = TickResult(released=release_expired(now=now))
    # Claim and enqueue commit together: a crash in between leaves neither behind.
    with transaction.atomic():
        token, ids = claim_notifications(now=now, batch=batch)
        for start in range(0, len(ids), CHUNK):
            tasks.deliver_notifications.enqueue(ids[start : start + CHUNK], token, as_of)
        result.notifications = len(ids)
    with transaction.atomic():
        token, ids = claim_emails(now=now, batch=batch)
        for start in range(0, len(ids), CHUNK):
            tasks.send_emails.enqueue(ids[start : start + CHUNK], token, as_of)
        result.emails = len(ids)
    return result


def run_forever(*, interval: float = 1.0, batch: int = 10_000, stop: threading.Event | None = None, install_signals: bool = True) -> None:
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
            result = tick(batch=batch)
            busy = result.notifications >= batch or result.emails >= batch  # more is waiting
            if result:
                log.info("scheduler: %s", result)
        except Exception:  # a bad tick must not end the loop; the next one retries
            log.exception("scheduler tick failed")
        stop.wait(0 if busy else interval)
    connection.close()
    log.info("scheduler stopped")
