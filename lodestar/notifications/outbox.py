"""The one place Lodestar sends email: every message is a row first, then an attempt.

A message is queued, claimed by one sender, and marked sent only after the SMTP server
accepted it. A failed attempt is recorded with its error and retried with backoff; a sender
that dies mid-attempt leaves a claim whose lease runs out, and the scheduler queues it again.
The Message-ID stays the same across attempts.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxEvent, OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=6)


def retry_delay(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... doubling up to six hours."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def email_queue(
    *,
    key: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: Iterable[tuple[str, bytes, str]] = (),
    notification=None,
    send_now: bool = False,
) -> OutboxMessage:
    """Queue one email under an idempotency key; queuing the same key twice returns the first."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                to=to,
                subject=subject,
                text_body=text,
                html_body=html,
                attachments=[
                    {"filename": name, "content": base64.b64encode(content).decode(), "mimetype": mime}
                    for name, content, mime in attachments
                ],
                notification=notification,
            )
            OutboxEvent.objects.create(message=message, event="queued")
    except IntegrityError:  # queued by a concurrent caller a moment ago
        return OutboxMessage.objects.get(key=key)
    if send_now:  # for mail a person is waiting for (verification, password reset)
        email_deliver(message_id=message.pk, claim_token=claim_for_sending([message.pk]))
        message.refresh_from_db()
    return message


def claim_for_sending(ids: list[int], *, now: dt.datetime | None = None) -> str:
    from django.utils.crypto import get_random_string

    token = get_random_string(24)
    OutboxMessage.objects.filter(pk__in=ids, state=OutboxMessage.State.QUEUED).update(
        state=OutboxMessage.State.SENDING, claimed_at=now or timezone.now(), claim_token=token
    )
    return token


def _build(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message.message_id, "X-Lodestar-Key": message.key},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return email


def email_deliver(*, message_id: int, claim_token: str, now: dt.datetime | None = None) -> bool:
    """Try to send one claimed message. True when it is (or already was) sent."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.state == OutboxMessage.State.SENT:
        return message is not None
    if message.state != OutboxMessage.State.SENDING or message.claim_token != claim_token:
        return False  # another sender holds it now
    now = now or timezone.now()
    try:
        connection = get_connection(fail_silently=False)
        connection.send_messages([_build(message)])
    except Exception as exc:  # any transport failure: record it, retry later
        attempts = message.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk, claim_token=claim_token).update(
            attempts=attempts,
            state=OutboxMessage.State.FAILED if gave_up else OutboxMessage.State.QUEUED,
            next_attempt_at=now + retry_delay(attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            claim_token="",
        )
        OutboxEvent.objects.create(
            message=message, at=now, event="gave_up" if gave_up else "failed",
            detail=f"attempt {attempts}: {type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("email %s attempt %s failed: %s", message.key, attempts, exc)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=OutboxMessage.State.SENT, sent_at=now, attempts=message.attempts + 1, claim_token=""
    )
    OutboxEvent.objects.create(message=message, at=now, event="sent", detail=f"attempt {message.attempts + 1}")
    return True


def email_retry_now(*, message: OutboxMessage) -> None:
    """Staff action: put a failed message back in the queue."""
    OutboxMessage.objects.filter(pk=message.pk).exclude(state=OutboxMessage.State.SENT).update(
        state=OutboxMessage.State.QUEUED, next_attempt_at=timezone.now(), claim_token=""
    )
    OutboxEvent.objects.create(message=message, event="retried", detail="queued again by staff")
