"""Background tasks: thin wrappers that take ids and call the delivery code."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from . import delivery, outbox


def _as_of(value: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@task()
def deliver_notifications(ids: list[int], claim_token: str, as_of: str = "") -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for pk in ids:
        outcome = delivery.deliver(notification_id=pk, claim_token=claim_token, now=_as_of(as_of))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@task()
def send_emails(ids: list[int], claim_token: str, as_of: str = "") -> int:
    return sum(
        outbox.email_deliver(message_id=pk, claim_token=claim_token, now=_as_of(as_of)) for pk in ids
    )
