"""The mentor directory's ranking: every mentor scored for one mentee, fast, with reasons.

``MentorIndex`` holds the community's mentors as engine arrays plus a prepared scorer; it is
built once per process and rebuilt when the mentor pool changes.  A request loads only the
mentee (a dozen small queries), scores them against all mentors, or the ``mentor_ids`` the
directory's database filters left, and explains the page it returns.

Staleness rules.  The index remembers the version key it was built from (``index_version``:
one aggregate query per table, over mentors only, so mentees editing their own profile never
cost a rebuild).  A process compares it with the database's at most every ``CHECK_SECONDS``
(30 s: the check reads every mentor row of five tables, 100 to 200 ms on 20,000 mentors), so a
change shows up in every process within that time plus one rebuild (about 2 s for 20,000
mentors), which runs on the request that notices it.
The key moves when:

* a mentor profile is saved (``updated_at``), joins or leaves the pool (mentor types set or
  cleared, user deactivated), or a profile anywhere changes manager (reporting lines);
* a mentor adds or removes a skill, an area of expertise, a language or an availability window,
  or changes a language's proficiency or a window's times (sums of those columns);
* a skill is added to the taxonomy (so a new skill gap has a column);
* the week turns: spans start on the next Monday 00:00 UTC.

Not detected until one of those happens: a skill renamed or re-categorised in the admin, and
offsetting in-place edits that keep every count, maximum and sum equal (e.g. two windows swapping
times through ``QuerySet.update``).
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, F, Max, Sum

from lodestar.people.models import AvailabilityWindow, Profile, ProfileLanguage, Skill

from .adapter import Catalog, Pool, catalog_build, extra_must_ok, next_monday, participants_load
from .explain import explain_pairs
from .features import Participants, Rules, Weights
from .scoring import Scorer

# Scorer attributes derived from the mentee side (swapped per request) and from the rest (kept).
_MENTEE_SIDE = frozenset({
    "A", "n", "workA", "accA", "catG", "n_gaps", "n_gapcats", "want", "n_answers", "has_goals",
    "packA", "weeks", "applicable_sum", "_explicit",
})
_KEPT = frozenset({"B", "vocab", "w", "rules", "pool", "m", "workB", "accB", "catK", "packB", "T"})

CHECK_SECONDS = 30.0

BLOCKER_TEXT = {
    "a person cannot be matched with themselves": "this is you",
    "no shared language at working proficiency": "you share no language at working proficiency",
    "does not meet the mentee's must-haves": "does not meet all of your must-haves",
    "does not meet the mentor's must-haves": "you do not meet this mentor's must-haves",
    "same department": "works in your department",
}


@dataclass(frozen=True)
class MentorSuggestion:
    """One mentor for one mentee.

    ``available``: the mentor is taking mentees, has room, and no hard constraint (either
    side's must-haves, a shared working language, oneself) rules the pair out; when it is
    False the first reasons say why.  ``score`` is the mentee-side fit in [0, 1], given for
    unavailable mentors too; ``breakdown`` its share per criterion (the shares add up to it).
    """

    profile_id: int
    score: float
    reasons: list[str]
    breakdown: dict[str, float]
    shared_hours: float
    available: bool


@dataclass(frozen=True)
class RankedMentors:
    total: int
    suggestions: list[MentorSuggestion] = field(default_factory=list)
    offset: int = 0
    limit: int = 20


def mentor_pool():
    """Everyone who has said they mentor, accepting or not (the directory shows them all)."""
    return Profile.objects.mentors().active_users()


def index_version() -> tuple:
    """What the index depends on, cheaply: see the module's staleness rules."""
    pool = mentor_pool()
    # Rows of mentors, active or not: cheaper than joining users again, and a deactivation
    # already moves the pool's count.
    mine = {"profile__in": Profile.objects.mentors().values("pk")}
    return (
        next_monday().isoformat(),
        tuple(pool.aggregate(n=Count("pk"), t=Max("updated_at")).values()),
        tuple(Profile.objects.aggregate(n=Count("manager"), s=Sum("manager_id")).values()),
        tuple(Skill.objects.aggregate(n=Count("pk"), m=Max("pk")).values()),
        tuple(Profile.skills.through.objects.filter(**mine).aggregate(
            n=Count("pk"), m=Max("pk")).values()),
        tuple(Profile.expertise.through.objects.filter(**mine).aggregate(
            n=Count("pk"), m=Max("pk")).values()),
        tuple(ProfileLanguage.objects.filter(**mine).aggregate(
            n=Count("pk"), m=Max("pk"), s=Sum("proficiency")).values()),
        tuple(AvailabilityWindow.objects.filter(**mine).aggregate(
            n=Count("pk"), m=Max("pk"),
            s=Sum(F("weekday") * 10_000_000 + F("start_minute") * 2000 + F("end_minute")),
        ).values()),
    )


class MentorIndex:
    """All mentors as engine arrays, with a scorer prepared on their side."""

    def __init__(self, catalog: Catalog, pool: Pool, accepting: np.ndarray, version: tuple,
                 *, weights: Weights | None = None, rules: Rules | None = None):
        self.catalog, self.pool, self.version = catalog, pool, version
        self.mentors: Participants = pool.participants
        self.accepting = accepting
        self.weights, self.rules = weights or Weights(), rules or Rules()
        self.ids = self.mentors.ids  # sorted: participants_load orders by id
        stub = Participants.build(1, catalog.vocab, slots=catalog.slots,
                                  text_dim=self.mentors.goal_vec.shape[1])
        self._stub_mentor = stub
        self._base = Scorer(stub, self.mentors, catalog.vocab, self.weights, self.rules)
        # If the engine's Scorer grows an attribute this module does not know, build a fresh
        # scorer per request instead of swapping sides: slower, never wrong.
        self._swap = set(vars(self._base)) == _MENTEE_SIDE | _KEPT

    @classmethod
    def build(cls, version: tuple | None = None) -> MentorIndex:
        version = version or index_version()
        catalog = catalog_build()
        pool = participants_load(mentor_pool(), catalog, side="mentor")
        flags = dict(mentor_pool().values_list("pk", "accepting_mentees"))
        accepting = np.array([flags.get(int(p), False) for p in pool.participants.ids], dtype=bool)
        return cls(catalog, pool, accepting, version)

    @property
    def idf(self) -> np.ndarray:
        return self.pool.idf

    @property
    def packed_availability(self) -> np.ndarray:
        """The mentors' availability bit-packed (``features.pack_availability``), shared."""
        return self._base.packB

    def columns(self, mentor_ids: Sequence[int] | None) -> np.ndarray:
        """Index columns of the given mentor ids (unknown ids are dropped), or all of them."""
        if mentor_ids is None:
            return np.arange(self.ids.size, dtype=np.int64)
        want = np.unique(np.asarray(list(mentor_ids), dtype=np.int64))
        pos = np.minimum(np.searchsorted(self.ids, want), max(self.ids.size - 1, 0))
        return pos[self.ids[pos] == want] if self.ids.size else np.zeros(0, np.int64)

    def scorer_for(self, mentee: Participants) -> Scorer:
        """A scorer of ``mentee`` against every mentor, reusing the mentor side's arrays."""
        if not self._swap:
            return Scorer(mentee, self.mentors, self.catalog.vocab, self.weights, self.rules)
        probe = Scorer(mentee, self._stub_mentor, self.catalog.vocab, self.weights, self.rules)
        sc = copy.copy(self._base)
        for name in _MENTEE_SIDE:
            setattr(sc, name, getattr(probe, name))
        return sc

    def load_mentee(self, mentee: Profile) -> Pool:
        return participants_load(Profile.objects.filter(pk=mentee.pk), self.catalog,
                                 side="mentee", idf=self.idf)


class _Cache:
    lock = threading.Lock()
    index: MentorIndex | None = None
    checked_at = float("-inf")


def mentor_index() -> MentorIndex:
    """The process's index, rebuilt first if the database moved on (see staleness rules)."""
    if _Cache.index is not None and time.monotonic() - _Cache.checked_at < CHECK_SECONDS:
        return _Cache.index
    version = index_version()
    with _Cache.lock:  # one rebuild at a time; the others wait and use it
        if _Cache.index is None or _Cache.index.version != version:
            _Cache.index = MentorIndex.build(version)
        _Cache.checked_at = time.monotonic()
        return _Cache.index


def mentor_index_clear() -> None:
    _Cache.index, _Cache.checked_at = None, float("-inf")


def _ranked(index: MentorIndex, mentee: Profile, cols: np.ndarray):
    pool = index.load_mentee(mentee)
    sc = index.scorer_for(pool.participants)
    rows = np.zeros(cols.size, dtype=np.int64)
    crit = sc.criteria(rows, cols)
    score, _mentor_side = sc.combine(crit, rows)
    ok = sc.feasible(rows, cols, crit)
    extra = pool.extra_must.get(0)
    met = extra_must_ok(extra, index.mentors, cols) if extra else np.ones(cols.size, dtype=bool)
    ok &= met
    order = np.lexsort((index.ids[cols], -score, ~ok))  # available first, then fit, then id
    return sc, cols[order], score[order], ok[order], met[order], crit["hours"][order]


def _reasons(index: MentorIndex, explanation, col: int, available: bool, met: bool) -> list[str]:
    if available:
        return list(explanation.reasons)
    why = []
    for text in explanation.blockers:
        if text == "the mentor has no capacity":
            text = ("has no room for another mentee" if index.accepting[col]
                    else "is not taking new mentees right now")
        why.append(BLOCKER_TEXT.get(text, text))
    if not met and BLOCKER_TEXT["does not meet the mentee's must-haves"] not in why:
        why.append(BLOCKER_TEXT["does not meet the mentee's must-haves"])
    if why == ["forbidden"]:
        why = []
    return why + list(explanation.reasons)


def rank_mentors(*, mentee: Profile, mentor_ids: Sequence[int] | None = None, offset: int = 0,
                 limit: int = 20) -> RankedMentors:
    """Mentors ordered by fit for ``mentee``: available first, then by score, then by id.

    ``mentor_ids`` restricts the ranking (the directory filters with the database first);
    ids of people who are not mentors are ignored.  ``total`` counts the ranked mentors.
    """
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must be >= 0")
    index = mentor_index()
    cols = index.columns(mentor_ids)
    if cols.size == 0:
        return RankedMentors(0, [], offset, limit)
    sc, cols, score, ok, met, hours = _ranked(index, mentee, cols)
    page = slice(offset, offset + limit)
    pcols = cols[page]
    explanations = explain_pairs(sc, np.zeros(pcols.size, dtype=np.int64), pcols)
    out = []
    for t, (col, ex) in enumerate(zip(pcols.tolist(), explanations, strict=True)):
        at = offset + t
        out.append(MentorSuggestion(
            profile_id=int(index.ids[col]),
            score=round(float(score[at]), 4),
            reasons=_reasons(index, ex, col, bool(ok[at]), bool(met[at])),
            breakdown={c: float(v["contribution"]) for c, v in ex.breakdown.items()},
            shared_hours=round(float(hours[at]), 2),
            available=bool(ok[at]),
        ))
    return RankedMentors(int(cols.size), out, offset, limit)


def suggest_for(*, mentee: Profile, k: int = 5) -> list[MentorSuggestion]:
    """The ``k`` best mentors who could take ``mentee`` now (fewer if fewer can)."""
    return [s for s in rank_mentors(mentee=mentee, limit=k).suggestions if s.available]
