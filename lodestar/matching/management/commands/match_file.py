"""`lodestar match-file IN.csv OUT.csv`: match participants listed in a CSV file."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lodestar.matching import csvfile
from lodestar.matching.adapter import next_monday
from lodestar.matching.models import Mode
from lodestar.matching.outcome import run_match
from lodestar.people.taxonomy import category_of


def _category(name: str) -> str:
    try:
        return category_of(name)
    except KeyError:
        return ""


class Command(BaseCommand):
    help = (
        "Match the mentees and mentors listed in a CSV file and write the pairs, with score and "
        "reasons, to another CSV file. Every row is checked first: if any is wrong, each bad "
        "row is reported with its line number and nothing is written. Columns: see "
        "docs/match-file-example.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("infile", metavar="IN.csv")
        parser.add_argument("outfile", metavar="OUT.csv")
        parser.add_argument("--mode", choices=Mode.values, default=Mode.OPTIMAL,
                            help="optimal, stable or peer (default optimal)")
        parser.add_argument("--start", metavar="YYYY-MM-DD",
                            help="first day of the four weeks availability is compared over, from "
                                 "00:00 UTC (default: next Monday)")

    def handle(self, *args, infile, outfile, mode, start, **options):
        try:
            text = Path(infile).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {infile}: {exc}") from exc
        span = self._start(start)
        try:
            rows = csvfile.read_rows(text)
        except csvfile.MatchFileError as exc:
            for line, message in exc.problems:
                self.stderr.write(f"{infile}, line {line}: {message}")
            raise CommandError(
                f"{len(exc.problems)} bad row(s) in {infile}; nothing was written."
            ) from exc
        vocab = csvfile.vocabulary(rows, _category)
        mentees = [r for r, row in enumerate(rows) if mode == Mode.PEER or row.role == "mentee"]
        mentors = [r for r, row in enumerate(rows) if row.role == "mentor"]
        if mode != Mode.PEER and not (mentees and mentors):
            raise CommandError(f"{infile} needs at least one mentee and one mentor.")
        a = csvfile.participants(rows, mentees, vocab, start=span)
        b = None if mode == Mode.PEER else csvfile.participants(rows, mentors, vocab, start=span)
        try:
            outcome = run_match(mode, a, b, vocab)
        except ValueError as exc:  # MatchingError: e.g. every pair is forbidden
            raise CommandError(str(exc)) from exc
        self._write(outfile, csvfile.write_pairs(outcome, rows, mentees))
        self.stdout.write(outcome.summary)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(outcome.pairs)} pairs to {outfile}."))

    @staticmethod
    def _start(text: str | None) -> datetime:
        if not text:
            return next_monday()
        try:
            day = datetime.strptime(text, "%Y-%m-%d")
        except ValueError as exc:
            raise CommandError(f"--start {text!r} is not a date like 2026-03-09.") from exc
        return day.replace(tzinfo=UTC)

    @staticmethod
    def _write(path: str, text: str) -> None:
        """All or nothing: a half-written file never replaces an earlier result."""
        target = Path(path)
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
