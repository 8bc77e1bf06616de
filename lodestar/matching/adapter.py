"""The Django side of matching: the skills taxonomy, languages and people as engine arrays.

The engine (everything else in this package but the app plumbing) never imports Django; this
module reads the ORM in bulk, a fixed handful of queries per pool whatever its size, and fills
``Vocabulary`` and ``Participants``.

* A ``Catalog`` is what both sides of one matching are described in: skill and language
  columns, interned organisations and departments, and the availability span (four weeks from
  the next Monday 00:00 UTC, so masks stay comparable and daylight-saving correct).
* ``participants_load(profiles, catalog, side=...)`` turns a queryset into a ``Pool``: the
  ``Participants`` plus what the engine has no room for (extra must-haves, see below).

Text vectors share one IDF, fitted on the profile texts of the side being searched (the
mentors, or the pool in peer mode) and reused for the other side's goals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import scipy.sparse as sp
from django.db.models import QuerySet
from django.utils import timezone

from lodestar.goals.models import (
    CriterionKind,
    Goal,
    GoalStatus,
    Importance,
    PersonaCriterion,
    Reflection,
    SkillGap,
)
from lodestar.meetings.timezones import Person, availability_masks
from lodestar.people.models import (
    AvailabilityWindow,
    Profile,
    ProfileLanguage,
    Skill,
    language_choices,
)

from .features import (
    GUIDANCE,
    KINDS,
    NICE,
    SLOTS_PER_WEEK,
    WORKING,
    Participants,
    Requirements,
    Vocabulary,
    hash_vectorize,
)

WEEKS = 4
TEXT_DIM = 64
SIDES = ("mentee", "mentor", "peer")
_NICE_COL = {name: k for k, name in enumerate(NICE)}
_MANAGERS_ALL_AT_ONCE = 2000  # above this many people, read the whole reporting graph at once
_IDS_INLINE = 500  # up to this many people, related rows are read by id list


@dataclass
class Catalog:
    """The common ground of one matching: columns, interned names and the time span."""

    vocab: Vocabulary
    skill_column: dict[int, int]  # Skill.pk -> column
    language_column: dict[str, int]  # ISO code -> column
    organizations: dict[str, int]  # casefolded name -> id
    departments: dict[tuple[str, str], int]  # (organisation, department), casefolded -> id
    start: datetime  # a Monday 00:00 UTC
    weeks: int = WEEKS

    @property
    def slots(self) -> int:
        return SLOTS_PER_WEEK * self.weeks


@dataclass
class Pool:
    """Participants loaded from profiles, row ``r`` being ``participants.ids[r]``.

    ``extra_must`` holds must-haves beyond the one language and one mentorship type per person
    that ``Requirements`` can express: row -> (language columns, kind indexes).  Services turn
    them into excluded pairs (``extra_exclusions``) so a must-have is never silently dropped.
    """

    participants: Participants
    names: list[str]
    idf: np.ndarray
    extra_must: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.participants.n

    def row_of(self, profile_id: int) -> int | None:
        hit = np.flatnonzero(self.participants.ids == profile_id)
        return int(hit[0]) if hit.size else None


def next_monday(now: datetime | None = None) -> datetime:
    """Monday 00:00 UTC after ``now``: where every availability span starts."""
    now = (now or timezone.now()).astimezone(UTC)
    day = now.date() + timedelta(days=7 - now.weekday())
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _key(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def catalog_build(*, start: datetime | None = None, weeks: int = WEEKS) -> Catalog:
    """Read the skills taxonomy, the languages in use and every organisation and department."""
    skills = list(Skill.objects.order_by("pk").values_list("pk", "name", "category"))
    categories = sorted({category for _pk, _name, category in skills if category})
    cat_col = {c: k for k, c in enumerate(categories)}
    names = dict(language_choices())
    codes = list(names)
    known = set(codes)
    for code in ProfileLanguage.objects.order_by().values_list("language", flat=True).distinct():
        if code not in known:  # stored before the choices changed: still a language people share
            codes.append(code)
            known.add(code)
    vocab = Vocabulary(
        skills=[name for _pk, name, _c in skills],
        skill_category=np.array([cat_col.get(c, -1) for *_rest, c in skills], dtype=np.int64),
        categories=categories,
        languages=codes,
        language_names=names,
    )
    organizations: dict[str, int] = {}
    departments: dict[tuple[str, str], int] = {}
    pairs = Profile.objects.order_by().values_list("organization", "department").distinct()
    for org, dept in sorted(pairs):
        o, d = _key(org), _key(dept)
        if o:
            organizations.setdefault(o, len(organizations))
        if d:  # the same department name in two organisations is two departments
            departments.setdefault((o, d), len(departments))
    return Catalog(
        vocab=vocab,
        skill_column={pk: k for k, (pk, _n, _c) in enumerate(skills)},
        language_column={code: k for k, code in enumerate(codes)},
        organizations=organizations,
        departments=departments,
        start=start or next_monday(),
        weeks=weeks,
    )


# ---------------------------------------------------------------------------- loading


def _csr(pairs, row_of, col_of, shape, values=None) -> sp.csr_array:
    """CSR from (profile id, key) pairs; keys without a column are dropped."""
    rows, cols, vals = [], [], []
    for t, (pid, key) in enumerate(pairs):
        c, r = col_of.get(key), row_of.get(pid)
        if c is not None and r is not None:  # r is None: joined the pool after it was read
            rows.append(r)
            cols.append(c)
            vals.append(1.0 if values is None else values[t])
    m = sp.csr_array(
        (np.asarray(vals, np.float32), (np.asarray(rows, np.int64), np.asarray(cols, np.int64))),
        shape=shape,
    )
    m.sum_duplicates()
    if values is None:
        m.data[:] = 1.0  # the same skill held and listed as expertise counts once
    return m


def _availability(pids, zones, catalog: Catalog, sub) -> np.ndarray:
    windows = defaultdict(list)
    rows = AvailabilityWindow.objects.filter(profile_id__in=sub).order_by()
    for pid, weekday, start, end in rows.values_list(
        "profile_id", "weekday", "start_minute", "end_minute"
    ):
        windows[pid].append((weekday, start, end))
    # People share weekly patterns: each distinct (zone, windows) is laid onto the span once.
    patterns: dict[tuple, int] = {}
    people: list[Person] = []
    which = np.empty(len(pids), dtype=np.int64)
    for r, (pid, zone) in enumerate(zip(pids, zones, strict=True)):
        key = (getattr(zone, "key", str(zone)), tuple(sorted(windows.get(pid, ()))))
        k = patterns.get(key)
        if k is None:
            k = patterns[key] = len(people)
            people.append(Person(f"pattern-{k}", key[0], key[1]))
        which[r] = k
    if not people:
        return np.zeros((0, catalog.slots), dtype=bool)
    masks = availability_masks(people, catalog.start, catalog.weeks)
    return masks[which]


def _manager_chains(pids: np.ndarray, managers: list[int | None]):
    """Each person's chain of managers, nearest first, as (manager_ptr, manager_ids)."""
    boss: dict[int, int] = {
        int(p): int(m) for p, m in zip(pids, managers, strict=True) if m is not None
    }
    if len(pids) > _MANAGERS_ALL_AT_ONCE:
        graph = Profile.objects.filter(manager__isnull=False).order_by()
        boss.update(graph.values_list("pk", "manager_id"))
    else:  # one query per level of the hierarchy, never one per person
        frontier = set(boss.values()) - set(boss)
        asked: set[int] = set(boss)
        while frontier:
            asked |= frontier
            found = dict(
                Profile.objects.filter(pk__in=frontier, manager__isnull=False)
                .order_by()
                .values_list("pk", "manager_id")
            )
            boss.update(found)
            frontier = set(found.values()) - asked
    ptr = np.zeros(len(pids) + 1, dtype=np.int64)
    chain_ids: list[int] = []
    for r, pid in enumerate(pids.tolist()):
        seen = {pid}
        m = boss.get(pid)
        while m is not None and m not in seen:  # a cycle in bad data ends the chain
            chain_ids.append(m)
            seen.add(m)
            m = boss.get(m)
        ptr[r + 1] = len(chain_ids)
    return ptr, np.asarray(chain_ids, dtype=np.int64)


def participants_load(
    profiles: QuerySet[Profile], catalog: Catalog, *, side: str, idf: np.ndarray | None = None
) -> Pool:
    """Bulk-load ``profiles`` (ordered by id) as one side of a matching.

    ``side``: "mentor" reads what a person offers; "mentee" also their reflection (skill gaps,
    guidance weights, goals, persona); "peer" both.  ``idf``: the text weights of the side
    being searched; ``None`` fits them on these profiles' texts.
    """
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, got {side!r}")
    rows = sorted(
        profiles.values_list(
            "pk", "display_name", "headline", "bio", "job_title", "organization", "department",
            "manager_id", "seniority", "time_zone", "guidance_offered", "mentorship_types",
            "max_mentees", "accepting_mentees",
        )
    )
    n, vocab = len(rows), catalog.vocab
    pids = np.array([r[0] for r in rows], dtype=np.int64)
    row_of = {int(p): k for k, p in enumerate(pids)}
    # Few people: their ids (index lookups).  Many: the query itself as a subquery.  A sliced
    # queryset may not pick the same rows twice, so it always gives its ids.
    few = n <= _IDS_INLINE or profiles.query.is_sliced
    sub = pids.tolist() if few else profiles.values("pk")
    V, L = vocab.n_skills, vocab.n_languages

    held = list(Profile.skills.through.objects.filter(profile_id__in=sub).order_by()
                .values_list("profile_id", "skill_id"))
    expertise = list(Profile.expertise.through.objects.filter(profile_id__in=sub).order_by()
                     .values_list("profile_id", "skill_id"))
    # What a person knows: skills they hold and their areas of expertise alike.
    skills = _csr(held + expertise, row_of, catalog.skill_column, (n, V))
    langs = list(ProfileLanguage.objects.filter(profile_id__in=sub).order_by()
                 .values_list("profile_id", "language", "proficiency"))
    languages = _csr([(p, c) for p, c, _ in langs], row_of, catalog.language_column, (n, L),
                     values=[float(v) for *_pc, v in langs])

    guidance_offered = np.zeros((n, len(GUIDANCE)), dtype=bool)
    kinds = np.zeros(n, dtype=np.int64)
    for r, row in enumerate(rows):
        offered, types = row[10] or [], row[11] or []
        guidance_offered[r] = [g in offered for g in GUIDANCE]
        if side != "mentee":
            kinds[r] = sum(1 << KINDS.index(t) for t in set(types) if t in KINDS)
    orgs = [_key(r[5]) for r in rows]
    fields = dict(
        ids=pids,
        skills=skills,
        languages=languages,
        guidance_offered=guidance_offered,
        seniority=np.array([-1 if r[8] is None else r[8] for r in rows], dtype=np.int64),
        availability=_availability(pids.tolist(), [r[9] for r in rows], catalog, sub),
        organization=np.array([catalog.organizations.get(o, -1) for o in orgs], dtype=np.int64),
        department=np.array(
            [catalog.departments.get((o, _key(r[6])), -1) for o, r in zip(orgs, rows, strict=True)],
            dtype=np.int64,
        ),
        capacity=np.array([r[12] if r[13] else 0 for r in rows], dtype=np.int64),
    )
    fields["manager_ptr"], fields["manager_ids"] = _manager_chains(pids, [r[7] for r in rows])

    known = defaultdict(list)
    for pid, skill_id in expertise:
        if skill_id in catalog.skill_column:
            known[pid].append(vocab.skills[catalog.skill_column[skill_id]])
    texts = [" ".join([r[2], r[3], r[4], *known.get(r[0], ())]) for r in rows]
    if idf is None:
        fields["profile_vec"], idf = hash_vectorize(texts, TEXT_DIM)
    else:
        fields["profile_vec"] = hash_vectorize(texts, TEXT_DIM, idf=idf)[0]

    extra_must: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    if side != "mentor":
        fields.update(_mentee_side(sub, row_of, catalog, idf, kinds, extra_must))
    fields["kinds"] = kinds
    participants = Participants.build(n, vocab, slots=catalog.slots, text_dim=TEXT_DIM, **fields)
    return Pool(participants, [r[1] for r in rows], idf, extra_must)


def _mentee_side(sub, row_of, catalog: Catalog, idf, kinds, extra_must) -> dict:
    """Skill gaps, guidance wanted, goal text and the persona, as engine fields."""
    n, vocab = len(row_of), catalog.vocab
    gaps = _csr(
        SkillGap.objects.filter(owner_id__in=sub).order_by().values_list("owner_id", "skill_id"),
        row_of, catalog.skill_column, (n, vocab.n_skills),
    )
    wanted = np.zeros((n, len(GUIDANCE)))
    for pid, *weights in Reflection.objects.filter(profile_id__in=sub).values_list(
        "profile_id", *GUIDANCE
    ):
        if pid in row_of:
            wanted[row_of[pid]] = weights
    goal_text = defaultdict(list)
    goals = Goal.objects.filter(owner_id__in=sub, status=GoalStatus.ACTIVE)
    for pid, text, measure in goals.order_by("owner_id", "position", "pk").values_list(
        "owner_id", "text", "measure"
    ):
        goal_text[pid] += [text, measure]
    pids = sorted(row_of, key=row_of.get)
    goal_vec = hash_vectorize([" ".join(goal_text.get(p, ())) for p in pids], TEXT_DIM, idf=idf)[0]

    must, nice = Requirements.none(n, vocab.n_skills), Requirements.none(n, vocab.n_skills)
    nice_weights = np.zeros((n, len(NICE)))
    skill_pairs = {Importance.MUST: [], Importance.NICE: []}
    criteria = PersonaCriterion.objects.filter(owner_id__in=sub).order_by("owner_id", "pk")
    for pid, kind, value, skill_id, importance, weight in criteria.values_list(
        "owner_id", "kind", "value", "skill_id", "importance", "weight"
    ):
        if pid not in row_of:
            continue
        r, is_must = row_of[pid], importance == Importance.MUST
        req, w = (must, 0.0) if is_must else (nice, float(weight or 1))
        if kind in (CriterionKind.LANGUAGE, CriterionKind.MENTORSHIP_TYPE):
            if kind == CriterionKind.LANGUAGE:
                idx, held, slot = catalog.language_column.get(value), req.language, "language"
            else:
                idx, held, slot = (KINDS.index(value) if value in KINDS else None), req.kind, "kind"
                if idx is not None:
                    kinds[r] |= 1 << idx  # what the mentee prefers, must-have or wish
            if idx is None:
                continue  # persona values are validated; an unknown one cannot be met or scored
            if is_must and held[r] >= 0:  # Requirements hold one per person: keep the rest aside
                langs, ks = extra_must.get(r, ((), ()))
                extra_must[r] = (langs, (*ks, idx)) if slot == "kind" else ((*langs, idx), ks)
            elif is_must:
                held[r] = idx
            elif w > nice_weights[r, _NICE_COL[slot]]:  # one wish per person: the weightiest
                held[r] = idx
                nice_weights[r, _NICE_COL[slot]] = w
        elif kind == CriterionKind.SENIORITY:
            req.min_seniority[r] = min(max(int(value), 0), 7)
            nice_weights[r, _NICE_COL["seniority"]] += w
        elif kind == CriterionKind.OVERLAP_HOURS:
            req.overlap_hours[r] = float(value)
            nice_weights[r, _NICE_COL["overlap"]] += w
        elif kind == CriterionKind.SKILL and skill_id is not None:
            skill_pairs[importance].append((pid, skill_id))
            col = _NICE_COL["skills"]
            nice_weights[r, col] = max(nice_weights[r, col], w)  # one weight for all nice skills
        # experience_years and trait: the engine has no mentor-side data for them (years of
        # experience and traits are not in Participants), so they neither constrain nor score.
    shape = (n, vocab.n_skills)
    must.skills = _csr(skill_pairs[Importance.MUST], row_of, catalog.skill_column, shape)
    nice.skills = _csr(skill_pairs[Importance.NICE], row_of, catalog.skill_column, shape)
    return dict(gaps=gaps, guidance_wanted=wanted, goal_vec=goal_vec, must=must, nice=nice,
                nice_weights=nice_weights)


# ---------------------------------------------------------------------------- extra must-haves


def extra_must_ok(extra: tuple[tuple[int, ...], tuple[int, ...]], mentors: Participants,
                  cols: np.ndarray | None = None) -> np.ndarray:
    """Which mentors (or ``cols`` of them) meet one person's extra must-haves."""
    cols = np.arange(mentors.n) if cols is None else cols
    langs, ks = extra
    ok = np.ones(cols.size, dtype=bool)
    if langs:
        working = mentors.languages[cols][:, list(langs)].toarray() >= WORKING
        ok &= working.all(axis=1)
    for k in ks:
        kinds = mentors.kinds[cols]
        ok &= (kinds == 0) | ((kinds >> k) & 1 == 1)
    return ok


def extra_exclusions(pool: Pool, mentors: Participants) -> np.ndarray:
    """(p, 2) mentee row, mentor index pairs that break an extra must-have."""
    parts = [np.zeros((0, 2), dtype=np.int64)]
    for r, extra in pool.extra_must.items():
        bad = np.flatnonzero(~extra_must_ok(extra, mentors))
        parts.append(np.column_stack([np.full(bad.size, r, dtype=np.int64), bad]))
    return np.concatenate(parts)
