"""Print how well :func:`lodestar.goals.coach.is_vague` does on the labelled corpus.

    python -m lodestar.goals.coach_report            # table per split + misses
    python -m lodestar.goals.coach_report --quiet    # table only

The corpus lives in ``lodestar/goals/tests/goal_corpus.py``; see its docstring
for how the three splits were written. The "fresh" split was written after the
heuristic was frozen and first measured at precision 1.00, recall 0.80 (n=40).
Changes to the vagueness heuristic after that measurement, so the current
"fresh" figure is no longer unseen:

* a modifier of a vague head noun counts half ("pharmacy career"), and "sector"
  and "domain" joined "field"/"industry" (raised fresh recall to 0.90);
* bug fixes found on goals outside the corpus, which left every split's score
  unchanged: concrete nouns before rank words ("head of department"), and a
  generic verb that stands where no verb can ("my Excel skills", "PHP to Go")
  may be a name.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .coach import is_vague, review_goal
from .coach_dates import find_text_dates
from .coach_text import analyse_vagueness, tokenize
from .tests.goal_corpus import CORPUS, DEV, FRESH, HOLDOUT, Example

#: The first, untouched measurement on the "fresh" split (see module docstring).
FRESH_FIRST_MEASUREMENT = {"precision": 1.00, "recall": 0.80, "n": 40}


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int
    misses: tuple[tuple[str, Example], ...]
    """("false vague" | "missed vague", example) for every wrong call."""

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(examples: Iterable[Example]) -> Scores:
    """Precision and recall of ``is_vague`` ("vague" is the positive class)."""
    tp = fp = fn = tn = 0
    misses: list[tuple[str, Example]] = []
    for e in examples:
        predicted = is_vague(e.text)
        if predicted and e.vague:
            tp += 1
        elif predicted:
            fp += 1
            misses.append(("false vague", e))
        elif e.vague:
            fn += 1
            misses.append(("missed vague", e))
        else:
            tn += 1
    return Scores(tp, fp, fn, tn, tuple(misses))


def microseconds_per_goal(examples: Sequence[Example], rounds: int = 20) -> tuple[float, float]:
    """(median, 99th percentile) CPU time of a full ``review_goal``, for the record only.

    Text-level caches are cleared before every goal, as each keystroke brings new
    text; only the word-level lemma cache stays warm, as it would in a server.
    CPU time of this thread, so a busy machine does not count against the coach.
    """
    today = date(2025, 1, 15)
    times: list[float] = []
    for _ in range(rounds):
        for e in examples:
            tokenize.cache_clear()
            analyse_vagueness.cache_clear()
            find_text_dates.cache_clear()
            start = time.thread_time_ns()
            review_goal(e.text, horizon="short", target_date=None, today=today)
            times.append((time.thread_time_ns() - start) / 1e3)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)]


def table() -> str:
    rows = [("dev (tuned on)", DEV), ("holdout", HOLDOUT), ("fresh (after freeze)", FRESH),
            ("all", CORPUS)]
    lines = [f"{'split':<22}{'n':>5}{'vague':>7}{'precision':>11}{'recall':>8}"
             f"{'tp':>5}{'fp':>4}{'fn':>4}{'tn':>4}"]
    for name, examples in rows:
        s = evaluate(examples)
        lines.append(f"{name:<22}{s.n:>5}{s.tp + s.fn:>7}{s.precision:>11.2f}{s.recall:>8.2f}"
                     f"{s.tp:>5}{s.fp:>4}{s.fn:>4}{s.tn:>4}")
    first = FRESH_FIRST_MEASUREMENT
    lines.append(f"fresh, first measurement before the last rule: precision="
                 f"{first['precision']:.2f} recall={first['recall']:.2f} (n={first['n']})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print(table())
    if "--quiet" not in argv:
        print("\nwrong calls:")
        for kind, e in evaluate(CORPUS).misses:
            print(f"  {kind:<13} [{e.split}/{e.field}] {e.text}")
        median, p99 = microseconds_per_goal(CORPUS)
        print(f"\nreview_goal CPU time per goal, cold caches: median {median:.0f} µs, 99th percentile {p99:.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
