"""Print how well the outreach coach does on the labelled corpus, rule by rule.

    python -m lodestar.outreach.coach_report            # table per rule and split + wrong calls
    python -m lodestar.outreach.coach_report --quiet    # tables only

The corpus lives in ``lodestar/outreach/tests/outreach_corpus.py``. The "dev" split was written
before the coach had any rule and the coach was tuned on it; the "fresh" split was written after
the coach was frozen and evaluated once. ``FIRST_MEASUREMENTS`` keeps the first figures of each
split, before any change made in their light.

Changes made after the first fresh measurement, so today's fresh figures are no longer unseen.
Each widens a word list or fixes a bug in a way that is not specific to one message:

* open-ended asks: "sounding board", "show me the ropes", "once a month", "over the coming year";
* subjects: "inquiry", "enquiry" and "ASAP" say nothing about the topic;
* purpose: "I'm interested in ...", "help with my ...", "tell me how ...", and more verbs after
  "we are" (rebuilding, changing, scaling ...);
* the ask: "would love 15 minutes" and an imperative ("Call me ... for 15 min") count as asks;
* flexibility: "when you have time", "around you";
* public work: "your ... work / series / film" is a way to name a piece of work, and the words
  around such a phrase are read within its own sentence only (a title word in the next
  sentence no longer counts as a reference).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .coach import RULES, review_message
from .tests.outreach_corpus import CORPUS, DEV, FRESH, MENTORS, Example

#: The first measurement of each split, before tuning on it: (precision, recall, positives).
FIRST_MEASUREMENTS = {
    "dev (before tuning)": {
        "open_ended_ask": (0.85, 1.00, 11),
        "weak_subject": (0.94, 0.94, 18),
        "no_work_reference": (1.00, 0.77, 13),
        "no_purpose": (0.45, 1.00, 9),
        "no_time_bound_ask": (1.00, 1.00, 16),
        "long_ask": (0.86, 1.00, 6),
        "too_long": (1.00, 1.00, 4),
        "no_courtesy": (1.00, 1.00, 12),
        "shouting": (1.00, 1.00, 5),
        "duplicate": (1.00, 1.00, 4),
    },
    "fresh (after freeze)": {
        "open_ended_ask": (1.00, 0.60, 5),
        "weak_subject": (1.00, 0.50, 4),
        "no_work_reference": (0.80, 1.00, 4),
        "no_purpose": (0.29, 1.00, 2),
        "no_time_bound_ask": (0.78, 1.00, 7),
        "long_ask": (1.00, 1.00, 2),
        "too_long": (1.00, 1.00, 1),
        "no_courtesy": (0.60, 1.00, 3),
        "shouting": (1.00, 1.00, 2),
        "duplicate": (1.00, 1.00, 2),
    },
}


@dataclass(frozen=True)
class Scores:
    rule: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def positives(self) -> int:
        return self.tp + self.fn


def review(example: Example):
    mentor = MENTORS[example.mentor]
    return review_message(
        subject=example.subject,
        body=example.body,
        mentor_name=mentor.name,
        work_titles=mentor.work,
        previous=example.previous,
    )


def evaluate(
    examples: Iterable[Example],
) -> tuple[dict[str, Scores], list[tuple[str, str, Example]]]:
    """Per-rule scores, and every wrong call as (rule, "false alarm" | "missed", example)."""
    counts = {rule: [0, 0, 0, 0] for rule in RULES}
    wrong: list[tuple[str, str, Example]] = []
    for example in examples:
        fired = review(example).codes
        for rule, c in counts.items():
            said, truth = rule in fired, rule in example.labels
            c[0 if said and truth else 1 if said else 2 if truth else 3] += 1
            if said != truth:
                wrong.append((rule, "false alarm" if said else "missed", example))
    return {rule: Scores(rule, *c) for rule, c in counts.items()}, wrong


def exact_rate(examples: Sequence[Example]) -> float:
    """Share of messages whose whole set of findings is exactly the labelled one."""
    return sum(review(e).codes == e.labels for e in examples) / len(examples)


def table(examples: Sequence[Example], name: str) -> str:
    scores, _wrong = evaluate(examples)
    lines = [
        f"{name}: {len(examples)} messages, {exact_rate(examples):.0%} with exactly the "
        f"labelled findings",
        f"  {'rule':<19}{'positives':>10}{'precision':>11}{'recall':>8}{'tp':>5}{'fp':>4}{'fn':>4}",
    ]
    for s in scores.values():
        lines.append(
            f"  {s.rule:<19}{s.positives:>10}{s.precision:>11.2f}{s.recall:>8.2f}"
            f"{s.tp:>5}{s.fp:>4}{s.fn:>4}"
        )
    return "\n".join(lines)


def first_measurements() -> str:
    lines = []
    for split, figures in FIRST_MEASUREMENTS.items():
        if figures:
            shown = ", ".join(f"{rule} {p:.2f}/{r:.2f}" for rule, (p, r, _n) in figures.items())
            lines.append(f"first measurement, {split} (precision/recall): {shown}")
    return "\n".join(lines)


def microseconds_per_message(rounds: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for e in CORPUS:
            start = time.thread_time_ns()
            review(e)
            times.append((time.thread_time_ns() - start) / 1e3)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for name, split in (("dev (tuned on)", DEV), ("fresh (after freeze)", FRESH), ("all", CORPUS)):
        if split:
            print(table(split, name), end="\n\n")
    print(first_measurements())
    if "--quiet" not in argv:
        print("\nwrong calls:")
        for rule, kind, e in evaluate(CORPUS)[1]:
            print(f"  {rule:<18} {kind:<12} [{e.split}] {e.subject or '(no subject)'}")
        median, p99 = microseconds_per_message()
        print(
            f"\nreview_message CPU time per message: median {median:.0f} µs, "
            f"99th percentile {p99:.0f} µs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
