"""Due work: scheduling, claiming once, leases, quiet hours, channels and the digest, on a fake clock."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from lodestar.notifications import scheduler
from lodestar.notifications.models import Notification, OutboxMessage
from lodestar.notifications.registry import UnknownKind
from lodestar.notifications.services import notification_cancel, notify, preferences_update

pytestmark = pytest.mark.django_db

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday


def remind(user, *, key="m1", due_at=T0, kind="agenda_due", **context):
    context = {"other_name": "Bob Tanaka", "starts_at": due_at + dt.timedelta(days=1), **context}
    return notify(kind=kind, recipient=user, key=key, context=context, link="/dashboard/", due_at=due_at)


def test_unknown_kind_is_refused_with_the_known_ones(alice):
    with pytest.raises(UnknownKind, match="“party_invite” is not a kind of notification. Known kinds: .*agenda_due"):
        notify(kind="party_invite", recipient=alice.user, key="x", context={})
    assert not Notification.objects.exists()


def test_missing_context_and_outside_links_are_refused(alice):
    with pytest.raises(ValidationError, match="needs starts_at"):
        notify(kind="agenda_due", recipient=alice.user, key="x", context={"other_name": "B"})
    with pytest.raises(ValidationError, match="inside Lodestar"):
        notify(kind="follow_up_due", recipient=alice.user, key="x", context={"other_name": "B"},
               link="https://evil.example/")
    assert not Notification.objects.exists()


def test_the_same_key_schedules_once(alice):
    first = remind(alice.user)
    second = remind(alice.user, due_at=T0 + dt.timedelta(hours=5))
    assert first.pk == second.pk and Notification.objects.count() == 1


def test_nothing_is_sent_before_it_is_due(alice):
    remind(alice.user, due_at=T0 + dt.timedelta(hours=1))
    assert scheduler.tick(now=T0).notifications == 0
    assert scheduler.tick(now=T0 + dt.timedelta(hours=1)).notifications == 1
    assert len(mail.outbox) == 1


def test_a_due_notification_becomes_an_email_and_an_in_app_notice_once(alice):
    remind(alice.user)
    scheduler.tick(now=T0)
    scheduler.tick(now=T0 + dt.timedelta(minutes=1))
    notice = Notification.objects.get()
    assert notice.state == Notification.State.DONE and notice.in_app
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alice@example.org"]
    assert email.subject == "Send your agenda to Bob Tanaka"
    # Alice is in Accra (UTC+0): the meeting is Tuesday 12:00 her time.
    assert "Tuesday 3 March, 12:00 (Africa/Accra)" in email.body
    assert email.alternatives[0][1] == "text/html" and "Open in Lodestar" in email.alternatives[0][0]
    assert email.extra_headers["Message-ID"] == OutboxMessage.objects.get().message_id


def test_times_in_emails_are_in_the_recipients_own_zone(bob):
    remind(bob.user)  # Bob is in Tokyo, UTC+9
    scheduler.tick(now=T0)
    assert "Tuesday 3 March, 21:00 (Asia/Tokyo)" in mail.outbox[0].body


def test_a_reminder_delivered_after_the_meeting_began_is_skipped_not_sent_late(alice):
    # The worker was down: the "starting soon" notice for a meeting that has begun is moot.
    remind(alice.user, key="late", kind="meeting_reminder", due_at=T0,
           starts_at=T0 + dt.timedelta(minutes=15))
    remind(alice.user, key="timely", kind="meeting_reminder", due_at=T0,
           starts_at=T0 + dt.timedelta(hours=3))
    scheduler.tick(now=T0 + dt.timedelta(hours=1))
    states = dict(Notification.objects.values_list("key", "state"))
    assert states == {"late": Notification.State.SKIPPED, "timely": Notification.State.DONE}
    assert len(mail.outbox) == 1


def test_cancelled_notifications_never_go_out(alice):
    remind(alice.user, due_at=T0 + dt.timedelta(hours=1))
    assert notification_cancel(key="m1")
    scheduler.tick(now=T0 + dt.timedelta(hours=2))
    assert not mail.outbox and Notification.objects.get().state == Notification.State.CANCELLED


def test_a_claim_abandoned_by_a_dead_worker_is_taken_again(alice):
    remind(alice.user)
    token, ids = scheduler.claim_notifications(now=T0, batch=10)  # claimed, then the process "dies"
    assert ids and not mail.outbox
    assert scheduler.tick(now=T0 + dt.timedelta(minutes=1)).notifications == 0  # lease still held
    result = scheduler.tick(now=T0 + scheduler.LEASE + dt.timedelta(minutes=1))
    assert result.released == 1 and result.notifications == 1
    assert len(mail.outbox) == 1
    # The original worker waking up late cannot deliver it a second time.
    from lodestar.notifications.delivery import deliver

    assert deliver(notification_id=ids[0], claim_token=token) == "not-ours"
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_racing_deliver_each_notification_once(alice):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; this race is exercised on PostgreSQL (make test-postgres)")
    for i in range(60):
        remind(alice.user, key=f"race-{i}")
    claimed: list[list[int]] = []
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        token, ids = scheduler.claim_notifications(now=T0, batch=100)
        claimed.append(ids)
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = claimed[0] + claimed[1]
    assert sorted(everything) == sorted(set(everything)) and len(everything) == 60


def test_channel_preferences_are_respected(alice):
    preferences_update(user=alice.user, channels={"agenda_due": "in_app", "follow_up_due": "off",
                                                  "check_in_due": "email"},
                       quiet_start_minute=None, quiet_end_minute=None, digest_enabled=False)
    remind(alice.user, key="a")
    notify(kind="follow_up_due", recipient=alice.user, key="b", context={"other_name": "Bob"}, due_at=T0)
    notify(kind="check_in_due", recipient=alice.user, key="c", context={"other_name": "Bob", "days_quiet": 40}, due_at=T0)
    scheduler.tick(now=T0)
    states = {n.key: (n.state, n.in_app) for n in Notification.objects.all()}
    assert states == {"a": ("done", True), "b": ("skipped", False), "c": ("done", False)}
    assert [m.subject for m in mail.outbox] == ["It has been quiet with Bob"]
    assert "40 days" in mail.outbox[0].body


def test_quiet_hours_hold_a_reminder_until_they_end_in_local_time(bob):
    # Bob (Tokyo, UTC+9) is quiet 22:00-07:00. Due 18:00 UTC = 03:00 in Tokyo.
    preferences_update(user=bob.user, channels={}, quiet_start_minute=22 * 60, quiet_end_minute=7 * 60,
                       digest_enabled=False)
    due = dt.datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    remind(bob.user, due_at=due)
    scheduler.tick(now=due)
    notice = Notification.objects.get()
    assert notice.state == "pending" and not mail.outbox
    assert notice.due_at == dt.datetime(2026, 3, 2, 22, 0, tzinfo=UTC)  # 07:00 in Tokyo
    scheduler.tick(now=dt.datetime(2026, 3, 2, 21, 59, tzinfo=UTC))
    assert not mail.outbox
    scheduler.tick(now=dt.datetime(2026, 3, 2, 22, 0, tzinfo=UTC))
    assert len(mail.outbox) == 1


def test_a_meeting_starting_soon_ignores_quiet_hours(bob):
    preferences_update(user=bob.user, channels={}, quiet_start_minute=22 * 60, quiet_end_minute=7 * 60,
                       digest_enabled=False)
    due = dt.datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    remind(bob.user, kind="meeting_reminder", due_at=due)
    scheduler.tick(now=due)
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Starting soon")


def test_the_daily_digest_gathers_non_urgent_email(alice):
    preferences_update(user=alice.user, channels={}, quiet_start_minute=None, quiet_end_minute=None,
                       digest_enabled=True, digest_minute=8 * 60)
    remind(alice.user, key="a")
    notify(kind="follow_up_due", recipient=alice.user, key="b", context={"other_name": "Chidi"}, due_at=T0)
    remind(alice.user, key="urgent", kind="meeting_reminder")
    scheduler.tick(now=T0)
    assert [m.subject for m in mail.outbox] == ["Starting soon: your meeting with Bob Tanaka"]
    digest = Notification.objects.get(kind="digest")
    assert digest.due_at == dt.datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 08:00 in Accra, next morning
    scheduler.tick(now=dt.datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
    assert len(mail.outbox) == 2
    body = mail.outbox[1].body
    assert mail.outbox[1].subject == "Your Lodestar digest: 2 updates"
    assert "Agenda due for your meeting with Bob Tanaka" in body and "Follow up with Chidi" in body
    assert not Notification.objects.filter(in_digest=True).exists()


def test_bad_quiet_hours_and_unknown_kinds_change_nothing(alice):
    with pytest.raises(ValidationError) as err:
        preferences_update(user=alice.user, channels={"agenda_due": "off"}, quiet_start_minute=600,
                           quiet_end_minute=600, digest_enabled=True)
    assert "different time" in str(err.value)
    with pytest.raises(ValidationError, match="is not a kind of notification"):
        preferences_update(user=alice.user, channels={"no_such_kind": "off"}, quiet_start_minute=None,
                           quiet_end_minute=None, digest_enabled=False)
    with pytest.raises(ValidationError, match="Give both"):
        preferences_update(user=alice.user, channels={}, quiet_start_minute=600, quiet_end_minute=None,
                           digest_enabled=False)
    assert not alice.user.notification_preferences.exists()
    from lodestar.notifications.models import NotificationSettings

    assert not NotificationSettings.objects.exists()
