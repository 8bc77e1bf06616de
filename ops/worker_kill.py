"""A worker killed mid-run loses and duplicates no reminder.

    .venv/bin/python ops/worker_kill.py                    # 300 reminders, 2 workers, 1 killed
    .venv/bin/python ops/worker_kill.py --reminders 1000 --kill-at 500

What it does, in order:
1. creates a fresh PostgreSQL database (`lodestar_workerkill` on PG_SERVER) and migrates it;
   makes `--people` accounts and schedules `--reminders` meeting reminders for them through
   `notify()`, due from now over the next `--spread` seconds (email and in-app, the default);
2. runs an SMTP server in this process (aiosmtpd, on a free loopback port) that takes
   `--smtp-delay` seconds per message, like a real relay, and records every message it receives
   with its `X-Lodestar-Key` header;
3. starts `--workers` `lodestar worker` processes (each with its scheduler) pointed at it;
4. once `--kill-at` emails have arrived (a fifth by default), SIGKILLs a worker that is running
   a delivery task at that moment (no clean shutdown: whatever it had claimed or was sending is
   abandoned mid-flight) and starts a replacement;
5. waits until every reminder is delivered and every email sent. Work the killed worker had
   claimed comes back when its lease expires (lodestar/notifications/scheduler.py, 5 minutes),
   so the run can take that long;
6. prints the figures: reminders scheduled, delivered, emails in the outbox, messages received by
   SMTP, distinct reminders received, lost (never received), duplicated (one reminder sent as two
   different emails) and resent (the same email, same Message-ID, handed over again because the
   worker died after the relay accepted it and before recording it: SMTP's at-least-once window,
   which receivers close by Message-ID), and exits 1 unless lost and duplicated are zero.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

SCHEDULE = """
import datetime as dt, json
from django.utils import timezone
from lodestar.accounts.models import User
from lodestar.notifications.messages import meeting_reminder
people = [User.objects.create_user(email=f"person{{n}}@ops.example", password=None)
          for n in range({people})]
start = timezone.now()
for n in range({reminders}):
    due = start + dt.timedelta(seconds={spread} * n / {reminders})
    meeting_reminder(person=people[n % {people}], other_name="Ops Mentor", meeting_id=n,
                     starts_at=due + dt.timedelta(minutes=15), link=f"/meetings/{{n}}/")
print(json.dumps({{"scheduled": {reminders}}}))
"""

STATE = """
import json
from django.db.models import Count
from lodestar.notifications.models import Notification, OutboxMessage
from django_tasks_db.models import DBTaskResult
print(json.dumps({
    "notifications": dict(Notification.objects.values_list("state").annotate(n=Count("id"))),
    "outbox": dict(OutboxMessage.objects.values_list("state").annotate(n=Count("id"))),
    "outbox_keys": OutboxMessage.objects.values("key").distinct().count(),
    "tasks": dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id"))),
}))
"""


class Recorder:
    """aiosmtpd handler: keeps (key, message-id) of every message, slowly, like a real relay."""

    def __init__(self, delay: float) -> None:
        self.delay, self.lock, self.received = delay, threading.Lock(), []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        import asyncio

        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.received.append((message["X-Lodestar-Key"], message["Message-ID"]))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def start_worker(env, name: str, log_dir: Path) -> subprocess.Popen:
    log = open(log_dir / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [harness.LODESTAR, "worker", "--worker-id", name, "--interval", "0.2",
         "--no-startup-delay", "--scheduler-interval", "0.5"],
        env=env, cwd=harness.ROOT, stdout=log, stderr=subprocess.STDOUT,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--spread", type=float, default=20, help="seconds over which they fall due")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-at", type=int, default=None,
                        help="kill once this many emails arrived (default: a fifth)")
    parser.add_argument("--smtp-delay", type=float, default=0.03)
    parser.add_argument("--timeout", type=float, default=480)
    parser.add_argument("--database", default="lodestar_workerkill")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    recorder = Recorder(args.smtp_delay)
    smtp_port = harness.free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=smtp_port)
    controller.start()

    var_dir = Path(tempfile.mkdtemp(prefix="lodestar-workerkill-"))
    url = harness.fresh_database(args.database)
    env = harness.production_env(
        url, var_dir, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port), EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
    )
    harness.lodestar(env, "migrate", "--no-input")
    code = SCHEDULE.format(people=args.people, reminders=args.reminders, spread=args.spread)
    harness.django_json(env, code)
    print(f"database {url}; {args.reminders} reminders for {args.people} people, due over the "
          f"next {args.spread:g} s; SMTP on 127.0.0.1:{smtp_port} ({args.smtp_delay * 1000:g} ms "
          "per message)")

    started = time.monotonic()
    workers = [start_worker(env, f"worker-{n}", var_dir) for n in range(1, args.workers + 1)]
    print(f"started {args.workers} workers (each with its scheduler)")
    kill_at = args.kill_at if args.kill_at is not None else args.reminders // 5
    while recorder.count() < kill_at and time.monotonic() - started < 180:
        time.sleep(0.05)
    # Kill a worker that is in the middle of a delivery task, if one is.
    running = harness.psql(
        "SELECT worker_ids::text FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'",
        database=args.database,
    )
    names = [f"worker-{n}" for n in range(1, args.workers + 1)]
    busy = [name for name in names if f'"{name}"' in running]
    victim_name = busy[0] if busy else names[0]
    victim = workers[names.index(victim_name)]
    at_kill = recorder.count()
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    print(f"t={time.monotonic() - started:.1f} s: SIGKILL {victim_name} (pid {victim.pid}"
          f"{', in the middle of a delivery task' if busy else ''}) after {at_kill} of "
          f"{args.reminders} emails had arrived; starting worker-{args.workers + 1}")
    workers.remove(victim)
    workers.append(start_worker(env, f"worker-{args.workers + 1}", var_dir))

    state: dict = {}
    finished = None
    while time.monotonic() - started < args.timeout:
        state = harness.django_json(env, STATE)
        notices, outbox = state["notifications"], state["outbox"]
        settled = (notices.get("done", 0) == args.reminders
                   and outbox.get("sent", 0) == args.reminders)
        if settled and recorder.count() >= args.reminders:
            finished = time.monotonic() - started
            break
        time.sleep(3)
    time.sleep(2)  # anything still in flight would show up as a duplicate now
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    controller.stop()

    keys = Counter(key for key, _id in recorder.received)
    lost = args.reminders - len(keys)
    # A reminder is duplicated when Lodestar made two different emails of it (two Message-IDs).
    # The same email handed over twice is SMTP's own window: the relay accepted it and the worker
    # died before it could record that, so after the lease the email is sent again with the same
    # Message-ID, which mail servers and clients use to drop the repeat. No sender can close that
    # window over SMTP; it is counted and shown apart.
    ids_per_key: dict[str, set] = {}
    for key, message_id in recorder.received:
        ids_per_key.setdefault(key, set()).add(message_id)
    duplicated = sum(len(ids) - 1 for ids in ids_per_key.values())
    resent = len(recorder.received) - sum(len(ids) for ids in ids_per_key.values())
    print()
    print(f"reminders scheduled        {args.reminders}")
    print(f"notifications by state     {state.get('notifications')}")
    print(f"outbox emails by state     {state.get('outbox')} ({state.get('outbox_keys')} keys)")
    print(f"task rows by status        {state.get('tasks')}")
    print(f"SMTP messages received     {len(recorder.received)}")
    print(f"distinct reminders         {len(keys)}")
    print(f"lost                       {lost}")
    print(f"duplicated                 {duplicated} (a reminder sent as two different emails)")
    print(f"resent, same Message-ID    {resent} (accepted by SMTP just as the worker was killed)")
    print("all delivered after        " + (f"{finished:.1f} s" if finished else "TIMEOUT"))
    return 0 if finished and lost == 0 and duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
