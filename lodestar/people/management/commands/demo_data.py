"""`lodestar demo-data`: load the demo population and print how to log in."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lodestar.people import demo, demo_story
from lodestar.programs import demo as program_demo


class Command(BaseCommand):
    help = (
        "Load a repeatable demo population (people, skills, languages, availability and four "
        "known log-ins). Safe to run again: people who already exist are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=demo.DEFAULT_PEOPLE,
            help=f"how many people to generate besides the known log-ins "
                 f"(default {demo.DEFAULT_PEOPLE})",
        )
        parser.add_argument(
            "--seed", type=int, default=demo.DEFAULT_SEED,
            help=f"random seed; the same seed always gives the same people "
                 f"(default {demo.DEFAULT_SEED})",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="load even when DEBUG is off (the demo log-ins share a published password)",
        )

    def handle(self, *args, people: int, seed: int, force: bool, **options):
        if people < 0:
            raise CommandError("--people cannot be negative.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real site. The demo accounts, a superuser "
                "among them, share a password anyone can read; run with DEBUG=1, or add --force "
                "if you really want them here."
            )
        started = time.monotonic()
        result = demo.run(people=people, seed=seed)
        story = demo_story.tell()
        program = program_demo.tell()
        elapsed = time.monotonic() - started
        summary = demo.summarize()
        write, style = self.stdout.write, self.style

        if result.created:
            write(style.SUCCESS(
                f"Added {result.created} demo people in {elapsed:.1f} s"
                + (f" ({result.existing} were already there)." if result.existing else ".")
            ))
        else:
            write(style.SUCCESS(
                f"The demo data is already loaded: all {result.existing} people exist, nothing "
                f"was added. The demo log-ins have their password back."
            ))
        write(
            f"Now {summary.people} people in {summary.countries} countries, "
            f"{summary.time_zones} time zones and {summary.continents} continents; "
            f"{summary.mentors} mentor, {summary.accepting} of them taking new mentees."
            .replace("mentor,", "mentor," if summary.mentors == 1 else "mentors,")
        )
        if story:
            write("The mentee and the mentor log-ins are mid-story: goals set, an intro call held "
                  "last week, a session booked, and requests waiting for answers.")
        if program is not None:
            write(f"The program admin runs “{program.name}”: published, first check-in answered.")
        write("")
        write(f"Log in at {demo.login_url()}")
        for spec in demo.known_people():
            write(f"  {spec.role:<22} {spec.email}")
        write(f"Password for all of them: {style.WARNING(demo.DEMO_PASSWORD)}")
