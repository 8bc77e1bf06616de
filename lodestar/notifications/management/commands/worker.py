"""`lodestar worker`: runs background tasks, with the scheduler in the same process by default."""

from __future__ import annotations

import threading

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from lodestar.notifications.scheduler import run_forever


class Command(DatabaseWorkerCommand):
    help = "Run Lodestar's background worker (tasks from the database) and, unless told not to, the scheduler."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False, queue_name="*")
        parser.add_argument("--no-scheduler", action="store_true", help="Run tasks only; a separate `lodestar scheduler` claims due work.")
        parser.add_argument("--scheduler-interval", type=float, default=1.0, help="Seconds between scheduler passes (default 1).")

    def handle(self, *args, no_scheduler: bool = False, scheduler_interval: float = 1.0, **options) -> None:
        stop = threading.Event()
        thread = None
        if not no_scheduler:
            thread = threading.Thread(
                target=run_forever,
                kwargs={"interval": scheduler_interval, "stop": stop, "install_signals": False},
                name="lodestar-scheduler",
                daemon=True,
            )
            thread.start()
        try:
            super().handle(*args, **options)
        finally:
            # SIGTERM reaches the worker, which exits between tasks; the scheduler finishes its pass.
            stop.set()
            if thread is not None:
                thread.join(timeout=15)
