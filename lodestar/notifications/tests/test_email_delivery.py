"""Email through a real SMTP server on loopback, including an outage and a real worker process."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lodestar.notifications import scheduler
from lodestar.notifications.models import OutboxMessage
from lodestar.notifications.services import notify

from .smtp_server import SmtpServer, free_port

T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
LODESTAR = str(Path(sys.executable).with_name("lodestar"))
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def smtp(settings):
    server = SmtpServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield server
    server.stop()


@pytest.mark.django_db
def test_outage_keeps_mail_queued_then_delivers_each_exactly_once(smtp, alice, bob):
    for i, person in enumerate([alice, bob, alice, bob, alice]):
        notify(kind="follow_up_due", recipient=person.user, key=f"f{i}", context={"other_name": f"Mentor {i}"},
               due_at=T0)
    scheduler.tick(now=T0)  # the server is down
    queued = OutboxMessage.objects.all()
    assert queued.count() == 5
    assert all(m.state == "queued" and m.attempts == 1 for m in queued)
    assert all("ConnectionRefused" in m.last_error for m in queued)
    assert {m.next_attempt_at for m in queued} == {T0 + dt.timedelta(seconds=30)}
    assert scheduler.tick(now=T0 + dt.timedelta(seconds=10)).emails == 0  # backing off

    scheduler.tick(now=T0 + dt.timedelta(seconds=30))  # still down: second failure, longer wait
    assert {m.next_attempt_at for m in OutboxMessage.objects.all()} == {T0 + dt.timedelta(seconds=90)}

    smtp.start()
    assert scheduler.tick(now=T0 + dt.timedelta(seconds=90)).emails == 5
    scheduler.tick(now=T0 + dt.timedelta(hours=1))
    scheduler.tick(now=T0 + dt.timedelta(days=1))
    assert len(smtp.messages) == 5
    ids = {m["Message-ID"] for m in smtp.messages}
    assert len(ids) == 5
    subjects = sorted(m["Subject"] for m in smtp.messages)
    assert subjects == sorted(f"A quick thank-you to Mentor {i}?" for i in range(5))
    sent = OutboxMessage.objects.get(key="notification:f0")
    assert sent.state == "sent" and sent.attempts == 3
    assert [e.event for e in sent.events.all()] == ["queued", "failed", "failed", "sent"]


@pytest.mark.django_db
def test_sign_up_during_an_outage_still_gets_its_verification_email(smtp, client):
    from lodestar.people.tests.factories import PASSWORD

    client.post("/accounts/signup/", {"display_name": "Dana", "email": "dana@example.org", "password1": PASSWORD,
                                      "password2": PASSWORD, "time_zone": "UTC"})
    message = OutboxMessage.objects.get(to="dana@example.org")
    assert message.state == "queued" and message.attempts == 1
    smtp.start()
    scheduler.tick(now=message.next_attempt_at)
    assert len(smtp.messages) == 1 and "/accounts/confirm-email/" in smtp.messages[0].as_string()


def _run(args, env, **kw):
    return subprocess.run([LODESTAR, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, **kw)


def test_a_real_worker_process_delivers_due_mail_and_stops_cleanly(tmp_path):
    server = SmtpServer(free_port())
    server.start()
    env = {
        **os.environ, "DEBUG": "1", "LODESTAR_VAR_DIR": str(tmp_path), "DATABASE_URL": "",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(server.port), "EMAIL_USE_TLS": "false",
    }
    try:
        assert _run(["migrate", "-v0"], env).returncode == 0
        setup = (
            "from django.utils import timezone\n"
            "from lodestar.people.tests.factories import ProfileFactory\n"
            "from lodestar.notifications.services import notify\n"
            "p = ProfileFactory(user__email='w@example.org', display_name='Wen')\n"
            "for i in range(3):\n"
            "    notify(kind='follow_up_due', recipient=p.user, key=f'w{i}', context={'other_name': 'Ama'},"
            " due_at=timezone.now())\n"
        )
        result = _run(["shell", "-c", setup], env)
        assert result.returncode == 0, result.stderr
        worker = subprocess.Popen(
            [LODESTAR, "worker", "--interval", "0.2", "--scheduler-interval", "0.2", "--no-startup-delay"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        deadline = time.monotonic() + 60
        while len(server.messages) < 3 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        time.sleep(1)  # a duplicate would arrive now
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
        assert len(server.messages) == 3, output
        assert worker.returncode == 0, output
        state = _run(["shell", "-c", "from lodestar.notifications.models import OutboxMessage as O;"
                      "print(sorted(O.objects.values_list('state', flat=True)))"], env)
        assert state.stdout.strip().splitlines()[-1] == "['sent', 'sent', 'sent']"
    finally:
        server.stop()
