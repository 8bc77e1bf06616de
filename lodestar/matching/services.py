"""Batch matching over the community pool, and saving the outcome as a MatchRun."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from django.db import transaction
from django.db.models import QuerySet

from lodestar.accounts.models import User
from lodestar.people.models import Profile

from .adapter import catalog_build, extra_exclusions, participants_load
from .features import Rules, Weights
from .models import MatchProposal, MatchRun, Mode, RunStatus
from .outcome import Outcome, run_match

Progress = Callable[[str], None]


def community_mentees(*, everyone: bool = False) -> QuerySet[Profile]:
    """Whose self-reflection is ready; with ``everyone``, whoever named at least one skill gap."""
    people = Profile.objects.active_users()
    if everyone:
        return people.filter(skill_gaps__isnull=False).distinct()
    return people.filter(reflection__ready_at__isnull=False)


def community_mentors() -> QuerySet[Profile]:
    """Mentors taking mentees, with room.

    Room is ``max_mentees`` for now: active mentorships arrive with the relationships issue,
    and will be subtracted here.
    """
    return Profile.objects.accepting().active_users()


def match_compute(
    *, mode: str, mentees: QuerySet[Profile], mentors: QuerySet[Profile] | None = None,
    progress: Progress | None = None,
) -> tuple[Outcome, dict]:
    """Load both sides, match, explain; nothing is written. Returns (outcome, params)."""
    if mode not in Mode.values:
        raise ValueError(f"mode must be one of {', '.join(Mode.values)}, got {mode!r}")
    step = progress or (lambda _label: None)
    step("reading the skills taxonomy and languages")
    catalog = catalog_build()
    weights = Weights()
    if mode == Mode.PEER:
        step("loading the pool")
        pool = participants_load(mentees, catalog, side="peer")
        mentor_pool = None
        rules = Rules(kind="peer", excluded_pairs=extra_exclusions(pool, pool.participants))
    else:
        step("loading mentors")
        mentor_pool = participants_load(mentors, catalog, side="mentor")
        step("loading mentees")
        pool = participants_load(mentees, catalog, side="mentee", idf=mentor_pool.idf)
        rules = Rules(excluded_pairs=extra_exclusions(pool, mentor_pool.participants))
    step(f"matching {pool.n} {'people' if mode == Mode.PEER else 'mentees'}")
    if pool.n == 0 or (mentor_pool is not None and mentor_pool.n == 0):
        raise ValueError("nobody to match: " + ("no mentees" if pool.n == 0 else "no mentors"))
    outcome = run_match(mode, pool.participants,
                        mentor_pool.participants if mentor_pool else None, catalog.vocab,
                        weights=weights, rules=rules)
    params = {
        "mode": mode,
        "mentees": pool.n,
        "mentors": mentor_pool.n if mentor_pool else None,
        "span_start": catalog.start.isoformat(),
        "span_weeks": catalog.weeks,
        "weights": asdict(weights),
        "rules": {"kind": rules.kind, "min_overlap_hours": rules.min_overlap_hours,
                  "require_shared_language": rules.require_shared_language,
                  "forbid_same_line": rules.forbid_same_line,
                  "forbid_same_department": rules.forbid_same_department,
                  "extra_must_exclusions": int(len(rules.excluded_pairs))},
    }
    return outcome, params


def match_run_start(*, mode: str, created_by: User | None = None) -> MatchRun:
    """A run that shows as running (in the admin) while the pool is loaded and matched."""
    return MatchRun.objects.create(mode=mode, status=RunStatus.RUNNING, created_by=created_by)


@transaction.atomic
def match_run_finish(*, run: MatchRun, outcome: Outcome, params: dict) -> MatchRun:
    """Store the proposed pairs and the report; the run is done."""
    MatchProposal.objects.bulk_create(
        [MatchProposal(run=run, mentee_id=p.mentee, mentor_id=p.mentor, score=p.score,
                       breakdown=p.breakdown, reasons=p.reasons) for p in outcome.pairs],
        batch_size=1000,
    )
    run.status, run.params, run.report = RunStatus.DONE, params, outcome.report
    run.save(update_fields=["status", "params", "report"])
    return run


def match_run_fail(*, run: MatchRun, error: str) -> MatchRun:
    """Keep the reason a run could not finish, for whoever looks at it in the admin."""
    run.status, run.report = RunStatus.FAILED, {"error": error}
    run.save(update_fields=["status", "report"])
    return run
