"""Plain-array features of participants, and the per-program weights and rules.

Everything here is numpy / scipy.sparse; the Django adapter fills these from the
ORM.  Conventions (index ``i`` = one participant of the pool):

* skills, gaps, wishes: CSR ``(n, V)`` over a shared skill vocabulary
  (``Vocabulary.skills``), with ``Vocabulary.skill_category[v]`` the taxonomy
  category of skill ``v`` (-1 = none).
* languages: CSR ``(n, L)`` of proficiency 1-5 over ``Vocabulary.languages``;
  3 and above is working proficiency.
* seniority: 0 (student) .. 7 (executive), -1 unknown.
* kinds: bit mask over ``KINDS`` (bit ``1 << k``); 0 means open to any kind.
* availability: boolean ``(n, S)`` over quarter-hours of a reference span in UTC
  (``S`` a multiple of 672 = one week), already daylight-saving correct.
* goal_vec / profile_vec: L2-normalised non-negative text vectors (see
  ``hash_vectorize``); goals of the person as mentee, bio + expertise as mentor.
* managers: each person's chain of managers (person ids), CSR-like
  ``(manager_ptr, manager_ids)``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

import numpy as np
import scipy.sparse as sp

from .errors import MatchingInputError

KINDS = ("formal", "informal", "peer", "reverse", "virtual")
GUIDANCE = ("technical", "career", "navigation", "emotional")
SENIORITY = ("student", "entry level", "junior", "mid-level", "senior", "lead or staff", "director", "executive")
SLOTS_PER_WEEK = 672
WORKING = 3
NICE = ("language", "seniority", "skills", "kind", "overlap")  # columns of nice_weights


@dataclass
class Vocabulary:
    skills: Sequence[str] = ()
    skill_category: np.ndarray | None = None
    categories: Sequence[str] = ()
    languages: Sequence[str] = ()
    language_names: dict[str, str] = field(default_factory=dict)

    @property
    def n_skills(self) -> int:
        return len(self.skills)

    @property
    def n_languages(self) -> int:
        return len(self.languages)

    def language_name(self, idx: int) -> str:
        code = self.languages[idx]
        if code in self.language_names:
            return self.language_names[code]
        try:  # pycountry is a project dependency, but the engine does not need it
            import pycountry

            lang = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
            if lang is not None:
                return lang.name
        except Exception:  # pragma: no cover
            pass
        return code


@dataclass
class Requirements:
    """What a person asks of the other side (must-haves, or nice-to-haves).

    Per person: ``language`` (index, -1 none), ``min_seniority`` / ``max_seniority``
    (-1 none), ``skills`` (CSR, all of them), ``kind`` (index into KINDS, -1 none),
    ``overlap_hours`` (weekly shared hours, 0 none).
    """

    language: np.ndarray
    min_seniority: np.ndarray
    max_seniority: np.ndarray
    skills: sp.csr_array
    kind: np.ndarray
    overlap_hours: np.ndarray

    @classmethod
    def none(cls, n: int, n_skills: int) -> Requirements:
        neg = np.full(n, -1, dtype=np.int64)
        return cls(neg.copy(), neg.copy(), neg.copy(), sp.csr_array((n, n_skills), dtype=np.float32),
                   neg.copy(), np.zeros(n))

    def subset(self, idx) -> Requirements:
        return Requirements(self.language[idx], self.min_seniority[idx], self.max_seniority[idx],
                            self.skills[idx], self.kind[idx], self.overlap_hours[idx])


@dataclass
class Participants:
    """One pool of people (mentees, mentors, or a peer pool) as arrays."""

    ids: np.ndarray
    skills: sp.csr_array
    gaps: sp.csr_array
    guidance_wanted: np.ndarray
    guidance_offered: np.ndarray
    languages: sp.csr_array
    seniority: np.ndarray
    kinds: np.ndarray
    availability: np.ndarray
    department: np.ndarray
    organization: np.ndarray
    manager_ptr: np.ndarray
    manager_ids: np.ndarray
    goal_vec: np.ndarray
    profile_vec: np.ndarray
    must: Requirements
    nice: Requirements
    nice_weights: np.ndarray
    capacity: np.ndarray
    # A program's questions whose answers pairs should share: one 0/1 column per (question,
    # answer), the same columns on both sides; no columns outside programs.
    answers: sp.csr_array | None = None

    def __post_init__(self):
        if self.answers is None:
            self.answers = sp.csr_array((int(self.ids.size), 0), dtype=np.float32)

    @property
    def n(self) -> int:
        return int(self.ids.size)

    @classmethod
    def build(cls, n: int, vocab: Vocabulary, *, slots: int = SLOTS_PER_WEEK, text_dim: int = 64,
              **given) -> Participants:
        """Participants with neutral defaults for every field not given."""
        V, L = vocab.n_skills, vocab.n_languages
        d = dict(
            ids=np.arange(n, dtype=np.int64),
            skills=sp.csr_array((n, V), dtype=np.float32),
            gaps=sp.csr_array((n, V), dtype=np.float32),
            guidance_wanted=np.zeros((n, len(GUIDANCE))),
            guidance_offered=np.zeros((n, len(GUIDANCE)), dtype=bool),
            languages=sp.csr_array((n, L), dtype=np.float32),
            seniority=np.full(n, -1, dtype=np.int64),
            kinds=np.zeros(n, dtype=np.int64),
            availability=np.zeros((n, slots), dtype=bool),
            department=np.full(n, -1, dtype=np.int64),
            organization=np.full(n, -1, dtype=np.int64),
            manager_ptr=np.zeros(n + 1, dtype=np.int64),
            manager_ids=np.zeros(0, dtype=np.int64),
            goal_vec=np.zeros((n, text_dim), dtype=np.float32),
            profile_vec=np.zeros((n, text_dim), dtype=np.float32),
            must=Requirements.none(n, V),
            nice=Requirements.none(n, V),
            nice_weights=np.zeros((n, len(NICE))),
            capacity=np.zeros(n, dtype=np.int64),
            answers=None,
        )
        unknown = set(given) - set(d)
        if unknown:
            raise MatchingInputError(f"unknown participant field(s): {sorted(unknown)}")
        d.update(given)
        p = cls(**d)
        p.validate(vocab)
        return p

    def subset(self, idx) -> Participants:
        idx = np.asarray(idx, dtype=np.int64)
        lens = (self.manager_ptr[idx + 1] - self.manager_ptr[idx])
        ptr = np.zeros(idx.size + 1, dtype=np.int64)
        np.cumsum(lens, out=ptr[1:])
        take = np.repeat(self.manager_ptr[idx] - ptr[:-1], lens) + np.arange(int(lens.sum()))
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name in ("must", "nice"):
                out[f.name] = v.subset(idx)
            elif f.name == "manager_ptr":
                out[f.name] = ptr
            elif f.name == "manager_ids":
                out[f.name] = self.manager_ids[take]
            else:
                out[f.name] = v[idx]
        return Participants(**out)

    def validate(self, vocab: Vocabulary) -> None:
        n = self.n
        V, L = vocab.n_skills, vocab.n_languages

        def need(name, shape):
            a = getattr(self, name)
            if tuple(a.shape) != tuple(shape):
                raise MatchingInputError(f"participants.{name} has shape {tuple(a.shape)}, expected {tuple(shape)}")

        for name in ("skills", "gaps"):
            need(name, (n, V))
        need("languages", (n, L))
        need("guidance_wanted", (n, len(GUIDANCE)))
        need("guidance_offered", (n, len(GUIDANCE)))
        for name in ("seniority", "kinds", "department", "organization", "capacity"):
            need(name, (n,))
        need("manager_ptr", (n + 1,))
        need("nice_weights", (n, len(NICE)))
        if self.availability.ndim != 2 or self.availability.shape[0] != n:
            raise MatchingInputError(f"participants.availability must be (n, slots), got {self.availability.shape}")
        if self.availability.shape[1] % SLOTS_PER_WEEK:
            raise MatchingInputError("availability must cover whole weeks of quarter-hours (multiple of 672)")
        if self.goal_vec.shape != self.profile_vec.shape or self.goal_vec.shape[0] != n:
            raise MatchingInputError("goal_vec and profile_vec must both be (n, D)")
        if np.any(self.capacity < 0):
            raise MatchingInputError("participants.capacity must be >= 0")
        if np.any((self.seniority < -1) | (self.seniority > 7)):
            raise MatchingInputError("seniority must be -1 (unknown) or 0..7")
        if np.any(self.guidance_wanted < 0) or np.any(self.nice_weights < 0):
            raise MatchingInputError("guidance_wanted and nice_weights must be >= 0")
        for req in (self.must, self.nice):
            if req.skills.shape != (n, V):
                raise MatchingInputError("requirement skills must be (n, V)")
        if self.languages.nnz and (self.languages.data.min() < 0 or self.languages.data.max() > 5):
            raise MatchingInputError("language proficiency must be 1..5")
        if self.answers.ndim != 2 or self.answers.shape[0] != n:
            raise MatchingInputError(f"participants.answers must be (n, answers), got {self.answers.shape}")
        if self.answers.nnz and not np.all(sp.csr_array(self.answers).data == 1):
            raise MatchingInputError("participants.answers holds 0 or 1 for each (question, answer)")

    @property
    def weeks(self) -> float:
        return self.availability.shape[1] / SLOTS_PER_WEEK


@dataclass(frozen=True)
class Weights:
    """Relative weight of each criterion (any non-negative scale) and shaping knobs."""

    skills: float = 3.0
    goals: float = 1.0
    guidance: float = 2.0
    persona: float = 1.5
    availability: float = 2.0
    language: float = 0.5
    seniority: float = 1.0
    kind: float = 0.5
    answers: float = 2.0  # a program's "should match" questions (applies when the mentee answered)
    availability_target_hours: float = 3.0  # overlap that earns the full availability score
    skill_exact_share: float = 0.75  # exact skill match vs. same taxonomy category
    mentor_share: float = 0.5  # optimal mode: weight of the mentor-side score in a pair's value
    match_bonus: float = 0.0  # optimal mode: added per matched pair (favours matching more people)

    CRITERIA = ("skills", "goals", "guidance", "persona", "availability", "language", "seniority", "kind",
                "answers")

    def __post_init__(self):
        for c in self.CRITERIA:
            if not np.isfinite(getattr(self, c)) or getattr(self, c) < 0:
                raise MatchingInputError(f"weight {c} must be a finite number >= 0")
        if self.availability_target_hours <= 0:
            raise MatchingInputError("availability_target_hours must be > 0")
        if not 0 <= self.skill_exact_share <= 1 or not 0 <= self.mentor_share <= 1:
            raise MatchingInputError("skill_exact_share and mentor_share must lie in [0, 1]")
        if sum(getattr(self, c) for c in self.CRITERIA) <= 0:
            raise MatchingInputError("at least one criterion weight must be positive")

    def replace(self, **kw) -> Weights:
        from dataclasses import replace

        return replace(self, **kw)


@dataclass(frozen=True)
class Rules:
    """Hard constraints a program may switch on, and the program's kind."""

    kind: str | None = None  # program kind (KINDS); drives the seniority rule
    min_overlap_hours: float = 0.0
    require_shared_language: bool = True
    forbid_same_line: bool = False
    forbid_same_department: bool = False
    excluded_pairs: np.ndarray | None = None  # (p, 2) mentee index, mentor index: declined / ended

    def __post_init__(self):
        if self.kind is not None and self.kind not in KINDS:
            raise MatchingInputError(f"unknown kind {self.kind!r}; expected one of {KINDS}")
        if self.min_overlap_hours < 0:
            raise MatchingInputError("min_overlap_hours must be >= 0")

    @property
    def kind_index(self) -> int:
        return KINDS.index(self.kind) if self.kind else -1


# ---------------------------------------------------------------------------
# text vectors
# ---------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    "the and for with you your are was were that this from have has had not but all can our out "
    "who get how want like more into about also some than then them they their what when will "
    "would there been being which while where just over very such only other".split()
)


def hash_vectorize(texts: Sequence[str], dim: int = 64, idf: np.ndarray | None = None,
                   fit_idf: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Non-negative hashed TF-IDF vectors, L2-normalised, as a dense float32 array.

    Tokens are lower-cased words of 3+ letters minus a few stop words, hashed
    (CRC32) into ``dim`` buckets, weighted ``1 + log(tf)`` times IDF.  Returns
    ``(vectors, idf)``; pass the returned ``idf`` to vectorise other texts on the
    same scale (e.g. mentors' bios with the mentees' IDF).
    """
    n = len(texts)
    rows, cols, vals = [], [], []
    cache: dict[str, int] = {}
    for r, text in enumerate(texts):
        counts: dict[int, int] = {}
        for tok in _TOKEN.findall((text or "").lower()):
            if tok in _STOP:
                continue
            h = cache.get(tok)
            if h is None:
                h = cache[tok] = zlib.crc32(tok.encode()) % dim
            counts[h] = counts.get(h, 0) + 1
        for h, c in counts.items():
            rows.append(r)
            cols.append(h)
            vals.append(1.0 + np.log(c))
    M = sp.csr_array((np.asarray(vals, np.float64), (np.asarray(rows, np.int64), np.asarray(cols, np.int64))),
                     shape=(n, dim))
    if idf is None:
        if fit_idf and n:
            df = np.bincount(M.indices, minlength=dim)
            idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        else:
            idf = np.ones(dim)
    X = (M @ sp.diags_array(idf)).toarray().astype(np.float32)
    norms = np.linalg.norm(X, axis=1)
    X[norms > 0] /= norms[norms > 0, None]
    return X, idf


# ---------------------------------------------------------------------------
# availability helpers
# ---------------------------------------------------------------------------


def pack_availability(mask: np.ndarray) -> np.ndarray:
    """Bit-pack a boolean (n, S) availability mask into (n, S/64) uint64 words."""
    n, S = mask.shape
    packed = np.packbits(mask, axis=1)
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


def row_groups(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Identical rows of a 2-D array: ``(inverse, first)`` with ``a[i] == a[first[inverse[i]]]``.

    Rows are hashed (random multipliers over 64-bit words) and the grouping is verified,
    so it is exact; much faster than ``np.unique(axis=0)`` on wide rows.
    """
    a = np.ascontiguousarray(a)
    n = a.shape[0]
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    b = a.reshape(n, -1).view(np.uint8)
    pad = (-b.shape[1]) % 8
    if pad:
        b = np.pad(b, ((0, 0), (0, pad)))
    words = np.ascontiguousarray(b).view(np.uint64)
    rng = np.random.default_rng(0x5EED)
    salt = rng.integers(1, 2**63, size=words.shape[1], dtype=np.uint64)
    mult = rng.integers(1, 2**63, size=words.shape[1], dtype=np.uint64) | np.uint64(1)
    h = np.zeros(n, dtype=np.uint64)
    for c0 in range(0, words.shape[1], 16):  # splitmix64 of each salted word, then a weighted sum
        z = words[:, c0:c0 + 16] ^ salt[c0:c0 + 16]
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
        h += (z * mult[c0:c0 + 16]).sum(axis=1, dtype=np.uint64)
    _, first, inv = np.unique(h, return_index=True, return_inverse=True)
    inv = inv.reshape(-1).astype(np.int64)
    if not np.array_equal(words, words[first[inv]]):  # hash collision: exact fallback
        _, first, inv = np.unique(words, axis=0, return_index=True, return_inverse=True)
        inv = inv.reshape(-1).astype(np.int64)
    return inv, first.astype(np.int64)


def overlap_hours(packed_a: np.ndarray, packed_b: np.ndarray, weeks: float) -> np.ndarray:
    """Weekly shared hours of row-aligned pairs of packed masks."""
    both = np.bitwise_and(packed_a, packed_b)
    return np.bitwise_count(both).sum(axis=1, dtype=np.int64) / (4.0 * weeks)


def weekly_blocks(mask: np.ndarray, block: int = 4) -> np.ndarray:
    """Per week-slot maximum over the span's weeks, summed into blocks of ``block`` quarter-hours."""
    n, S = mask.shape
    W = S // SLOTS_PER_WEEK
    wk = mask.reshape(n, W, SLOTS_PER_WEEK).any(axis=1)
    return wk.reshape(n, SLOTS_PER_WEEK // block, block).sum(axis=2, dtype=np.int16)


def windows_to_mask(windows, n_weeks: int = 1) -> np.ndarray:
    """Boolean quarter-hour mask from (weekday, start_minute, end_minute) UTC windows (tests, demos)."""
    mask = np.zeros(SLOTS_PER_WEEK * n_weeks, dtype=bool)
    for wd, a, b in windows:
        for w in range(n_weeks):
            base = w * SLOTS_PER_WEEK + wd * 96
            mask[base + a // 15: base + (b + 14) // 15] = True
    return mask
