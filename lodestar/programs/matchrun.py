"""Matching a program's pool with the community engine, around the pairs an admin locked.

The engine is the matching app's (``catalog_build``, ``participants_load``, ``run_match``); what
a program adds is its own weights and rules, its capacity (``mentor_capacity`` places per
mentor, whatever their profile says), exclusions from "must match" questions and the time-zone
gap, and locks: a locked pair is kept, its two people leave the pool and its mentor has one
place fewer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import scipy.sparse as sp
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lodestar.matching.adapter import catalog_build, extra_exclusions, participants_load
from lodestar.matching.errors import InfeasibleError, MatchingInputError
from lodestar.matching.features import Rules, Weights
from lodestar.matching.outcome import UNMATCHED_TEXT, run_match
from lodestar.people.models import Profile

from .models import (
    MatchMode,
    PairState,
    Participant,
    Program,
    ProgramKind,
    ProgramMatch,
    ProgramRun,
    QuestionUse,
    Role,
    RunState,
    Status,
    Suggestion,
)

Progress = Callable[[int, str], None]
MAX_EXCLUSIONS = 5_000_000  # beyond this many forbidden pairs a rule is too broad to list
SUGGESTIONS = 5


class NothingToMatch(ValueError):
    pass


def weights_for(program: Program) -> Weights:
    known = {k: float(v) for k, v in (program.weights or {}).items() if k in Weights.CRITERIA}
    return Weights(**known)


def _zone_offsets(profiles: list[int]) -> np.ndarray:
    now = timezone.now()
    zones = dict(Profile.objects.filter(pk__in=profiles).values_list("pk", "time_zone"))
    cache: dict[str, float] = {}
    out = []
    for pk in profiles:
        key = str(zones.get(pk) or "UTC")
        if key not in cache:
            offset = now.astimezone(ZoneInfo(key)).utcoffset() or dt.timedelta()
            cache[key] = offset.total_seconds() / 3600
        out.append(cache[key])
    return np.array(out, dtype=np.float64)


def _group_exclusions(a_keys: np.ndarray, b_keys: np.ndarray, bad) -> np.ndarray:
    """(p, 2) row pairs whose keys ``bad(ka, kb)`` refuses, computed per distinct key."""
    parts = [np.zeros((0, 2), dtype=np.int64)]
    total = 0
    b_groups = {k: np.flatnonzero(b_keys == k) for k in np.unique(b_keys)}
    for ka in np.unique(a_keys):
        rows = np.flatnonzero(a_keys == ka)
        cols = np.concatenate([idx for kb, idx in b_groups.items() if bad(ka, kb)] or
                              [np.zeros(0, dtype=np.int64)])
        if rows.size and cols.size:
            total += rows.size * cols.size
            if total > MAX_EXCLUSIONS:
                raise MatchingInputError(_("A matching rule forbids too many pairs to list; relax it."))
            parts.append(np.column_stack([np.repeat(rows, cols.size), np.tile(cols, rows.size)]))
    return np.concatenate(parts)


def _zone_exclusions(program: Program, a: list[Participant], b: list[Participant]) -> list[np.ndarray]:
    if program.max_zone_gap_hours is None:
        return []
    za = _zone_offsets([p.profile_id for p in a])
    zb = _zone_offsets([p.profile_id for p in b])
    gap = float(program.max_zone_gap_hours)

    def far(x, y):
        d = abs(x - y)
        return min(d, 24 - d) > gap
    return [_group_exclusions(za, zb, far)]


def _answer_key(value) -> str:
    """An answer as compared: spacing and letter case do not tell two answers apart."""
    return " ".join(str(value or "").split()).casefold()


def _should_questions(program: Program) -> list:
    """The "should match" questions both sides of a pair are asked."""
    both = ("all", "mentee", "mentor") if program.kind == ProgramKind.PEER else ("all",)
    return [q for q in program.questions.all()
            if q.matching == QuestionUse.SHOULD and q.role in both]


def _answer_columns(questions, side_a: list[Participant], side_b: list[Participant]):
    """The engine's ``answers`` matrices: one 0/1 column per (question, answer) given."""
    columns: dict[tuple[int, str], int] = {}

    def cells(people):
        rows, cols = [], []
        for r, person in enumerate(people):
            for q in questions:
                value = _answer_key(person.answers.get(str(q.pk)))
                if value:
                    rows.append(r)
                    cols.append(columns.setdefault((q.pk, value), len(columns)))
        return rows, cols

    found = [cells(side_a), cells(side_b)]
    return [sp.csr_array((np.ones(len(rows), np.float32), (rows, cols)),
                         shape=(len(people), len(columns)))
            for (rows, cols), people in zip(found, (side_a, side_b), strict=True)]


def _should_reasons(program: Program, mentee: Participant, mentor: Participant) -> list[str]:
    said = []
    for q in _should_questions(program):
        mine = mentee.answers.get(str(q.pk))
        if _answer_key(mine) and _answer_key(mine) == _answer_key(mentor.answers.get(str(q.pk))):
            said.append(_("Both answered “%(a)s” to “%(q)s”.") % {"a": mine, "q": q.text})
    return said


def _pool(program: Program):
    """(locked pairs, side a, side b, places held by locked pairs) of the next run."""
    locked = list(ProgramMatch.objects.proposed().filter(program=program, locked=True))
    taken = {p.mentee_id for p in locked} | {p.mentor_id for p in locked}
    pool = list(Participant.objects.in_pool().filter(program=program)
                .exclude(status=Status.MATCHED).exclude(pk__in=taken).order_by("pk"))
    places: dict[int, int] = {}
    if program.kind == ProgramKind.PEER:
        side_a = [p for p in pool if p.role == Role.PEER]
        return locked, side_a, side_a, places
    side_a = [p for p in pool if p.role == Role.MENTEE]
    for p in locked:
        places[p.mentor_id] = places.get(p.mentor_id, 0) + 1
    in_pool = {p.pk for p in pool}
    locked_mentees = {p.mentee_id for p in locked}
    room = [m for m in Participant.objects.filter(pk__in=places).exclude(pk__in=locked_mentees)
            if places[m.pk] < program.mentor_capacity and m.pk not in in_pool]
    side_b = [p for p in pool if p.role == Role.MENTOR] + room
    return locked, side_a, side_b, places


def compute(program: Program, mode: str, progress: Progress | None = None) -> dict:
    """Match the program's pool around its locked pairs; nothing is written.

    "Must match" questions split the pool: people who gave the same answers are matched among
    themselves, each part on its own (pairs across parts are forbidden anyway, and listing
    them would cost more than the matching). Returns {"pairs": [(mentee participant, mentor
    participant, score, reasons)], "unmatched": {participant id: reason}, "report": {...}}, or
    {"suggestions": [...], "report": {...}} in self-match mode.
    """
    step = progress or (lambda _pct, _label: None)
    peer = program.kind == ProgramKind.PEER
    if peer:
        mode = MatchMode.PEER
    locked, side_a, side_b, places = _pool(program)
    if not side_a or (not peer and not side_b) or (peer and len(side_a) < 2):
        raise NothingToMatch(_("Nobody left to match: approve more people or unlock pairs."))
    must = list(program.questions.filter(matching=QuestionUse.MUST))

    def key(p: Participant) -> tuple:
        return tuple(p.answers.get(str(q.pk), "") for q in must)

    parts: dict[tuple, tuple[list, list]] = {}
    for p in side_a:
        parts.setdefault(key(p), ([], []))[0].append(p)
    if not peer:
        for p in side_b:
            parts.setdefault(key(p), ([], []))[1].append(p)
    step(5, _("reading the skills taxonomy"))
    catalog = catalog_build()
    weights = weights_for(program)
    result = {"pairs": [], "unmatched": {}, "suggestions": [], "summaries": []}
    done_people, total_people = 0, len(side_a) + (0 if peer else len(side_b))
    for answers, (a, b) in sorted(parts.items()):
        b = a if peer else b
        pct = 10 + int(75 * done_people / max(1, total_people))
        step(pct, _("matching %(n)d people") % {"n": len(a) + (0 if peer else len(b))})
        done_people += len(a) + (0 if peer else len(b))
        if not a or not b or (peer and len(a) < 2):
            why = _("nobody on the other side gave the same answers to the program's questions")
            for p in a + ([] if peer else b):
                result["unmatched"][p.pk] = why
            continue
        _match_part(program, mode, catalog, weights, a, b, places, result)
    step(88, _("explaining the pairs"))
    report = {
        "summary": " ".join(result["summaries"]),
        "mode": mode, "parts": len(parts), "locked": len(locked),
        "pairs": len(result["pairs"]), "unmatched": len(result["unmatched"]),
        "mean_score": round(float(np.mean([s for _a, _b, s, _r in result["pairs"]])), 4)
        if result["pairs"] else None,
        "unmatched_by_participant": {str(k): v for k, v in result["unmatched"].items()},
    }
    if mode == MatchMode.SELF:
        report["summary"] = _("%(n)d suggestions for %(m)d mentees") % {
            "n": len(result["suggestions"]), "m": len(side_a)}
        return {"suggestions": result["suggestions"], "report": report}
    return {"pairs": result["pairs"], "unmatched": result["unmatched"], "report": report}


def _match_part(program, mode, catalog, weights, side_a, side_b, places, result) -> None:
    peer = program.kind == ProgramKind.PEER
    side_a = sorted(side_a, key=lambda p: p.profile_id)
    side_b = side_a if peer else sorted(side_b, key=lambda p: p.profile_id)
    by_profile_a = {p.profile_id: p for p in side_a}
    by_profile_b = {p.profile_id: p for p in side_b}
    profiles_a = Profile.objects.filter(pk__in=list(by_profile_a))
    if peer:
        loaded_a = loaded_b = participants_load(profiles_a, catalog, side="peer")
    else:
        loaded_b = participants_load(Profile.objects.filter(pk__in=list(by_profile_b)), catalog,
                                     side="mentor")
        loaded_a = participants_load(profiles_a, catalog, side="mentee", idf=loaded_b.idf)
    a_parts = [by_profile_a[int(i)] for i in loaded_a.participants.ids]
    b_parts = [by_profile_b[int(i)] for i in loaded_b.participants.ids]
    # The program decides capacity: mentor_capacity each, less the places locked pairs hold.
    if not peer:
        cap = [program.mentor_capacity - places.get(p.pk, 0) for p in b_parts]
        loaded_b.participants.capacity = np.maximum(np.array(cap, dtype=np.int64), 0)
        loaded_a.participants.capacity = np.zeros(len(a_parts), dtype=np.int64)
    else:
        loaded_a.participants.capacity = np.ones(len(a_parts), dtype=np.int64)
    # "Should match" questions count in the score: the share of a mentee's answers a mentor shares.
    should = _should_questions(program)
    if should:
        answers_a, answers_b = _answer_columns(should, a_parts, b_parts)
        loaded_a.participants.answers = answers_a
        if not peer:
            loaded_b.participants.answers = answers_b
    excluded = [extra_exclusions(loaded_a, loaded_b.participants)]
    excluded += _zone_exclusions(program, a_parts, b_parts)
    kind = {"one_to_one": "formal", "peer": "peer", "reverse": "reverse"}[program.kind]
    rules = Rules(kind=kind, forbid_same_line=program.forbid_same_line,
                  forbid_same_department=program.forbid_same_department,
                  excluded_pairs=np.concatenate(excluded))
    if mode == MatchMode.SELF:
        from lodestar.matching.engine import Directory

        directory = Directory(loaded_a.participants, loaded_b.participants, catalog.vocab, weights, rules)
        for r in range(len(a_parts)):
            for rank, s in enumerate(directory.suggest(r, SUGGESTIONS)):
                result["suggestions"].append((a_parts[r], b_parts[s.mentor], rank + 1, float(s.score),
                                              list(s.explanation.reasons)))
        return
    try:
        outcome = run_match("peer" if peer else mode, loaded_a.participants,
                            None if peer else loaded_b.participants, catalog.vocab,
                            weights=weights, rules=rules)
    except InfeasibleError as error:
        for p in a_parts + ([] if peer else b_parts):
            result["unmatched"][p.pk] = str(error)
        return
    result["summaries"].append(outcome.summary)
    a_of = {p.profile_id: p for p in a_parts}
    b_of = {p.profile_id: p for p in b_parts}
    seen: set[int] = set()
    for pair in outcome.pairs:
        mentee, mentor = a_of[pair.mentee], b_of[pair.mentor]
        if peer and (mentee.pk in seen or mentor.pk in seen):
            continue  # a trio is three pairings: keep the first two people paired, the third waits
        seen |= {mentee.pk, mentor.pk}
        reasons = list(pair.reasons) + _should_reasons(program, mentee, mentor)
        result["pairs"].append((mentee, mentor, pair.score, reasons))
    for p in a_parts + ([] if peer else b_parts):
        if p.pk in seen:
            continue
        if p.role == Role.MENTOR:
            text = _("there were more mentors than mentees who suited them")
        else:
            code = outcome.unmatched.get(p.profile_id)
            text = str(UNMATCHED_TEXT.get(code, _("no suitable partner was free")))
        result["unmatched"][p.pk] = text


# ------------------------------------------------------------------------------ writes


@transaction.atomic
def run_create(*, program: Program, by, mode: str | None = None, enqueue: bool = True) -> ProgramRun:
    """Queue a run (one at a time per program); the task does the work (the command, with
    ``enqueue=False``, calls ``run_execute`` itself)."""
    from .tasks import program_match

    program = Program.objects.select_for_update().get(pk=program.pk)
    mode = mode or program.match_mode
    if program.kind == ProgramKind.PEER:
        mode = MatchMode.PEER
    if mode not in MatchMode.values or (mode == MatchMode.PEER and program.kind != ProgramKind.PEER):
        from django.core.exceptions import ValidationError

        raise ValidationError({"mode": [_("Choose optimal, stable or self-match for this program.")]})
    if program.runs.filter(state__in=[RunState.QUEUED, RunState.RUNNING]).exists():
        from django.core.exceptions import ValidationError

        raise ValidationError({"mode": [_("A matching run is already under way.")]})
    run = ProgramRun.objects.create(program=program, mode=mode, created_by=by)
    if enqueue:
        transaction.on_commit(lambda: program_match.enqueue(run.pk))
    return run


def run_execute(*, run_id: int, echo: Progress | None = None) -> ProgramRun:
    """Claim the queued run (only once), match, and store the proposals."""
    claimed = ProgramRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
        state=RunState.RUNNING, stage=_("starting"), progress=1
    )
    run = ProgramRun.objects.select_related("program").get(pk=run_id)
    if not claimed:
        return run  # another worker got there first, or it already ran

    def progress(pct: int, label: str) -> None:
        ProgramRun.objects.filter(pk=run_id).update(progress=pct, stage=label[:200])
        if echo is not None:
            echo(pct, label)

    try:
        result = compute(run.program, run.mode, progress)
    except (NothingToMatch, InfeasibleError, MatchingInputError, ValueError) as error:
        return _finish(run, state=RunState.FAILED, error=str(error))
    progress(92, _("saving the proposals"))
    _store(run, result)
    return ProgramRun.objects.get(pk=run_id)


def _finish(run: ProgramRun, *, state: str, error: str = "", report: dict | None = None) -> ProgramRun:
    run.state, run.error, run.finished_at = state, error, timezone.now()
    run.progress = 100
    run.stage = "" if state == RunState.DONE else error[:200]
    if report is not None:
        run.report = report
    run.save(update_fields=["state", "error", "finished_at", "progress", "stage", "report"])
    return run


@transaction.atomic
def _store(run: ProgramRun, result: dict) -> None:
    program = run.program
    ProgramMatch.objects.filter(program=program, state=PairState.PROPOSED, locked=False).delete()
    if "suggestions" in result:
        Suggestion.objects.filter(program=program).delete()
        Suggestion.objects.bulk_create([
            Suggestion(program=program, mentee=a, mentor=b, rank=rank, score=round(score, 4),
                       reasons=reasons)
            for a, b, rank, score, reasons in result["suggestions"]
        ], batch_size=1000)
    else:
        ProgramMatch.objects.bulk_create([
            ProgramMatch(program=program, run=run, mentee=a, mentor=b, score=round(score, 4),
                         reasons=reasons)
            for a, b, score, reasons in result["pairs"]
        ], batch_size=1000)
    _finish(run, state=RunState.DONE, report=result["report"])
