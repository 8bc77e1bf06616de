"""`lodestar scheduler`: claims due notifications and emails and hands them to the worker."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand

from lodestar.notifications.scheduler import run_forever, tick


class Command(BaseCommand):
    help = "Find due notifications and emails, claim them and enqueue their delivery."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between passes.")
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *, interval: float, once: bool, verbosity: int, **options) -> None:
        logging.getLogger("lodestar.notifications").setLevel(logging.INFO if verbosity else logging.WARNING)
        if once:
            result = tick()
            self.stdout.write(
                f"claimed {result.notifications} notifications and {result.emails} emails; "
                f"released {result.released} expired claims"
            )
            return
        run_forever(interval=interval)
