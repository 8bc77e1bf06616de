"""`lodestar match`: match the community's mentees with its mentors, and store the proposals."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from lodestar.matching import services
from lodestar.matching.models import Mode
from lodestar.people.models import Profile


def _plain(text: str) -> str:
    return text  # progress is not an error: no red on a terminal's stderr


class ProgressBar:
    """A run's stages as one redrawn line on a terminal, or one line per stage elsewhere."""

    WIDTH = 24

    def __init__(self, out, total: int):
        self.out, self.total, self.done = out, total, 0
        self.live = out.isatty()
        self.started = time.monotonic()

    def step(self, label: str) -> None:
        """Start the next stage: the bar shows the stages already done."""
        self._draw(label)
        self.done = min(self.done + 1, self.total)

    def close(self, label: str = "done") -> None:
        self.done = self.total
        self._draw(label)
        if self.live:
            self.out.write("", style_func=_plain)

    def _draw(self, label: str) -> None:
        filled = round(self.WIDTH * self.done / self.total)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        text = f"[{bar}] {self.done}/{self.total} {label} ({time.monotonic() - self.started:.1f} s)"
        if self.live:
            self.out.write(f"\r\033[K{text}", style_func=_plain, ending="")
            self.out.flush()
        else:
            self.out.write(text, style_func=_plain)


class Command(BaseCommand):
    help = (
        "Match mentees whose self-reflection is ready with mentors taking mentees, print the "
        "quality report, and save the proposed pairs as a match run (unless --dry-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mode", choices=Mode.values, default=Mode.OPTIMAL,
                            help="optimal: best total fit; stable: no pair would rather swap; "
                                 "peer: pairs among the mentees (default optimal)")
        parser.add_argument("--dry-run", action="store_true",
                            help="match and report; write nothing")
        parser.add_argument("--limit-mentees", type=int, metavar="N",
                            help="only the first N mentees (by id)")
        parser.add_argument("--all", action="store_true", dest="everyone",
                            help="every person with a skill gap, ready or not")
        parser.add_argument("--program", type=int, metavar="ID",
                            help="match one program's approved participants with its own weights, "
                                 "rules and locked pairs, and store the proposals for review")

    def handle(self, *args, mode, dry_run, limit_mentees, everyone, program=None, **options):
        if program is not None:
            return self._program(program, mode, dry_run)
        if limit_mentees is not None and limit_mentees < 1:
            raise CommandError("--limit-mentees must be at least 1.")
        mentees = services.community_mentees(everyone=everyone).order_by("pk")
        if not mentees.exists():
            raise CommandError(
                "Nobody to match: nobody has listed a skill gap."
                if everyone else
                "Nobody to match: no mentee's self-reflection is ready yet. Use --all to include "
                "everyone who listed a skill gap."
            )
        if limit_mentees:
            mentees = mentees[:limit_mentees]
        stages = (4 if mode == Mode.PEER else 5) - dry_run
        bar = ProgressBar(self.stderr, stages)
        run = None if dry_run else services.match_run_start(mode=mode)
        try:
            outcome, params = services.match_compute(
                mode=mode, mentees=mentees,
                mentors=None if mode == Mode.PEER else services.community_mentors(),
                progress=bar.step,
            )
            params.update(limit_mentees=limit_mentees, everyone=everyone)
            if run is not None:
                bar.step("saving the proposals")
                services.match_run_finish(run=run, outcome=outcome, params=params)
        except BaseException as exc:  # Ctrl-C too: never leave a run that looks like it runs
            bar.close("failed")
            if run is not None:
                services.match_run_fail(run=run, error=str(exc) or type(exc).__name__)
            if isinstance(exc, ValueError):
                raise CommandError(str(exc)) from exc
            raise
        bar.close()
        self._print(outcome, run)

    def _program(self, program_id: int, mode: str, dry_run: bool) -> None:
        from lodestar.programs import matchrun
        from lodestar.programs.models import Program

        program = Program.objects.filter(pk=program_id).first()
        if program is None:
            raise CommandError(f"There is no program #{program_id}.")
        if (mode == Mode.PEER) != (program.kind == "peer"):
            raise CommandError("--mode peer is for peer programs, and peer programs take only --mode peer.")
        bar = ProgressBar(self.stderr, 100)

        def step(pct: int, label: str) -> None:
            bar.done = pct
            bar.step(label)

        if dry_run:
            try:
                result = matchrun.compute(program, mode, step)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            bar.close()
            self.stdout.write(result["report"].get("summary", ""))
            self.stdout.write(self.style.WARNING(
                f"Dry run: {len(result.get('pairs', []))} pairs proposed, "
                f"{len(result.get('unmatched', {}))} unmatched, nothing saved."))
            return
        try:
            run = matchrun.run_create(program=program, by=None, mode=mode, enqueue=False)
        except Exception as exc:  # a run under way, or a mode the program refuses
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        run = matchrun.run_execute(run_id=run.pk, echo=step)
        bar.close(run.state)
        if run.state != "done":
            raise CommandError(f"Run #{run.pk} failed: {run.error}")
        self.stdout.write(run.report.get("summary", ""))
        self.stdout.write(self.style.SUCCESS(
            f"Saved program run #{run.pk} with {run.pairs.count()} proposals; review and publish "
            f"them at /programs/{program.pk}/matching/."))

    def _print(self, outcome, run) -> None:
        write = self.stdout.write
        write(outcome.summary)
        best = sorted(outcome.pairs, key=lambda p: -p.score)[:10]
        names = dict(Profile.objects.filter(
            pk__in=[p.mentee for p in best] + [p.mentor for p in best]
        ).values_list("pk", "display_name"))
        if best:
            write("")
            write("Best pairs:" if len(outcome.pairs) > len(best) else "Pairs:")
        for p in best:
            why = "; ".join(p.reasons[:2])
            write(f"  {names.get(p.mentee, p.mentee)} + {names.get(p.mentor, p.mentor)}  "
                  f"{p.score:.2f}  {why}")
        write("")
        n = len(outcome.pairs)
        if run is None:
            write(self.style.WARNING(f"Dry run: {n} pairs proposed, nothing saved."))
        else:
            write(self.style.SUCCESS(f"Saved match run #{run.pk} with {n} proposals."))
