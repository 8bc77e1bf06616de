"""Participants from a CSV file and the pairs back to CSV, for ``lodestar match-file``; no Django.

One row per person.  Columns (header names, any order; only ``id`` and ``role`` are required):

==================  ==============================================================================
id                  any text, unique in the file
role                ``mentee`` or ``mentor`` (peer mode pools every row)
name                shown in the output; defaults to the id
skills, gaps        skill names separated by ``;`` (gaps: what a mentee wants to learn)
languages           ``code:level;...``: ISO 639 code, level 1-5 or basic, conversational, working,
                    fluent, native; a bare code means working proficiency
seniority           0-7 or a name (student, entry level, junior, mid-level, senior, lead, director,
                    executive); empty = unknown
time_zone           IANA name such as ``Europe/Berlin``; empty = UTC
availability        weekly windows in local time: ``Mon 09:00-12:00; Tue-Thu 18:00-20:00``
guidance_wanted     ``career:3; technical`` (weight 1-3, a bare name counts 2)
guidance_offered    ``career; technical`` (kinds: technical, career, navigation, emotional)
capacity            mentees a mentor takes (default 1)
kinds               mentorship kinds: formal, informal, peer, reverse, virtual
==================  ==============================================================================
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import scipy.sparse as sp

from lodestar.meetings.timezones import Person, availability_masks, validate_zone

from .features import GUIDANCE, KINDS, SENIORITY, SLOTS_PER_WEEK, Participants, Vocabulary
from .outcome import UNMATCHED_TEXT, Outcome

COLUMNS = ("id", "role", "name", "skills", "gaps", "languages", "seniority", "time_zone",
           "availability", "guidance_wanted", "guidance_offered", "capacity", "kinds")
OUT_COLUMNS = ("mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", "shared_hours",
               "reasons")
LEVELS = {"basic": 1, "conversational": 2, "working": 3, "fluent": 4, "native": 5}
SENIORITY_NAMES = {name: k for k, name in enumerate(SENIORITY)} | {
    "entry": 1, "mid": 3, "mid level": 3, "lead": 5, "staff": 5, "exec": 7}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^(?P<days>[a-z]+(?:\s*[-,]\s*[a-z]+)*)\s+(?P<a>\d{1,2}:\d{2})\s*-\s*"
                     r"(?P<b>\d{1,2}:\d{2})$")
_SPACES = re.compile(r"\s+")


class MatchFileError(ValueError):
    """Every bad row of a file: ``problems`` is a list of (line number, message)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("\n".join(f"line {line}: {msg}" for line, msg in problems))


@dataclass
class Row:
    line: int
    id: str
    role: str
    name: str
    skills: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    seniority: int = -1
    zone: str = "UTC"
    windows: list[tuple[int, int, int]] = field(default_factory=list)
    wanted: dict[str, int] = field(default_factory=dict)
    offered: set[str] = field(default_factory=set)
    capacity: int = 1
    kinds: int = 0


def skill_key(name: str) -> tuple[str, str]:
    display = _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    return display, display.casefold()


def _items(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _language(code: str) -> str | None:
    """The two-letter ISO 639-1 code when there is one ("eng" is "en"), else the three-letter."""
    import pycountry  # a project dependency; imported here so the engine never needs it

    c = code.lower()
    lang = (pycountry.languages.get(alpha_2=c) if len(c) == 2
            else pycountry.languages.get(alpha_3=c) if len(c) == 3 else None)
    return None if lang is None else getattr(lang, "alpha_2", lang.alpha_3)


def _minute(text: str) -> int:
    h, m = text.split(":")
    if not (0 <= int(h) <= 24 and 0 <= int(m) < 60) or (int(h) == 24 and int(m)):
        raise ValueError(f"{text} is not a time of day (00:00 to 24:00)")
    return int(h) * 60 + int(m)


_DAY = {d: k for k, d in enumerate(DAYS)} | {d: k for k, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


def _days(spec: str) -> list[int]:
    """``mon``, ``mon,wed``, ``mon-fri`` or ``fri-mon`` (wrapping) as weekday numbers."""
    out = []
    for part in re.split(r"\s*,\s*", spec):
        ends = re.split(r"\s*-\s*", part)
        if len(ends) > 2 or any(e not in _DAY for e in ends):
            raise ValueError(f"{part!r} is not a day or a range of days: use Mon, Tue-Thu, ...")
        a, b = _DAY[ends[0]], _DAY[ends[-1]]
        out += list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]
    return out


def _windows(text: str) -> list[tuple[int, int, int]]:
    out = []
    for part in _items(text):
        m = _WINDOW.match(part.lower())
        if not m:
            raise ValueError(f"availability {part!r} should look like 'Mon 09:00-12:00'")
        days = _days(m["days"])
        try:
            a, b = _minute(m["a"]), _minute(m["b"])
        except ValueError as exc:
            raise ValueError(f"availability {part!r}: {exc}") from None
        if b <= a:
            raise ValueError(f"availability {part!r} ends before it starts")
        out += [(d, a, b) for d in days]
    return out


def _row(line: int, raw: dict[str, str]) -> Row:
    """One validated row; raises ValueError listing everything wrong with it."""
    get = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    errors: list[str] = []

    def check(fn, *args):
        try:
            return fn(*args)
        except ValueError as exc:
            errors.append(str(exc))
            return None

    role = get["role"].lower()
    if not get["id"]:
        errors.append("id is empty")
    if role not in ("mentee", "mentor"):
        errors.append(f"role must be mentee or mentor, not {get['role']!r}")
    row = Row(line, get["id"], role, get["name"] or get["id"])
    row.skills, row.gaps = _items(get["skills"]), _items(get["gaps"])
    for name in row.skills + row.gaps:
        if len(name) > 60:
            errors.append(f"skill {name[:20]!r}... is longer than 60 characters")
    for part in _items(get["languages"]):
        code, _, level = part.partition(":")
        code, level = code.strip().lower(), level.strip().lower()
        value = LEVELS.get(level, int(level) if level.isdigit() else None) if level else 3
        known = _language(code)
        if known is None:
            errors.append(f"{code!r} is not an ISO 639 language code (en, pt, ...)")
        elif value is None or not 1 <= value <= 5:
            errors.append(f"language level {level!r} should be 1-5 or basic ... native")
        else:
            row.languages[known] = value
    sen = get["seniority"].lower()
    if sen:
        value = int(sen) if sen.isdigit() else SENIORITY_NAMES.get(sen)
        if value is None or not 0 <= value <= 7:
            errors.append(f"seniority {get['seniority']!r} should be 0-7 or a level such as senior")
        else:
            row.seniority = value
    row.zone = check(validate_zone, get["time_zone"] or "UTC") or "UTC"
    row.windows = check(_windows, get["availability"]) or []
    for part in _items(get["guidance_wanted"]):
        kind, _, weight = part.partition(":")
        kind, weight = kind.strip().lower(), weight.strip()
        if kind not in GUIDANCE:
            errors.append(f"guidance {kind!r} should be one of {', '.join(GUIDANCE)}")
        elif weight and not (weight.isdigit() and 1 <= int(weight) <= 3):
            errors.append(f"guidance weight {weight!r} should be 1, 2 or 3")
        else:
            row.wanted[kind] = int(weight) if weight else 2
    for kind in _items(get["guidance_offered"]):
        if kind.lower() not in GUIDANCE:
            errors.append(f"guidance {kind!r} should be one of {', '.join(GUIDANCE)}")
        row.offered.add(kind.lower())
    if get["capacity"]:
        if not get["capacity"].isdigit() or int(get["capacity"]) > 50:
            errors.append(f"capacity {get['capacity']!r} should be a whole number from 0 to 50")
        else:
            row.capacity = int(get["capacity"])
    for kind in _items(get["kinds"]):
        if kind.lower() not in KINDS:
            errors.append(f"kind {kind!r} should be one of {', '.join(KINDS)}")
        else:
            row.kinds |= 1 << KINDS.index(kind.lower())
    if errors:
        raise ValueError("; ".join(errors))
    return row


def read_rows(text: str) -> list[Row]:
    """Every row, validated; raises MatchFileError naming each bad row by its line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), skipinitialspace=True)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not {"id", "role"} <= set(header):
        raise MatchFileError([(1, "the header must name at least the columns id and role")])
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise MatchFileError([(1, f"unknown column(s) {', '.join(unknown)}; expected "
                                  f"{', '.join(COLUMNS)}")])
    reader.fieldnames = header
    rows, problems, first_line = [], [], {}
    start = 2
    for raw in reader:
        line, start = start, reader.line_num + 1
        if not any((v or "").strip() for k, v in raw.items() if k):
            continue  # a blank line
        try:
            row = _row(line, raw)
        except ValueError as exc:
            problems.append((line, str(exc)))
            continue
        if row.id in first_line:
            problems.append((line, f"id {row.id!r} is already used on line {first_line[row.id]}"))
            continue
        first_line[row.id] = line
        rows.append(row)
    if problems:
        raise MatchFileError(problems)
    if not rows:
        raise MatchFileError([(1, "the file has no participants")])
    return rows


def vocabulary(rows: list[Row], category_of: Callable[[str], str] = lambda _name: "") -> Vocabulary:
    """Skills (one column per normalised name, in the taxonomy's categories) and languages."""
    display: dict[str, str] = {}
    for row in rows:
        for name in row.skills + row.gaps:
            d, key = skill_key(name)
            display.setdefault(key, d)
    names = [display[k] for k in sorted(display)]
    of = [category_of(name) for name in names]
    cats = sorted({c for c in of if c})
    return Vocabulary(
        skills=names, categories=cats,
        skill_category=np.array([cats.index(c) if c else -1 for c in of], dtype=np.int64),
        languages=sorted({code for row in rows for code in row.languages}),
    )


def participants(rows: list[Row], which: list[int], vocab: Vocabulary, *, start: datetime,
                 weeks: int = 4) -> Participants:
    """Participants of ``rows[which]``, their ids being the row positions in the file."""
    sub = [rows[r] for r in which]
    n, V, L = len(sub), vocab.n_skills, vocab.n_languages
    col = {skill_key(name)[1]: v for v, name in enumerate(vocab.skills)}
    lang = {code: k for k, code in enumerate(vocab.languages)}

    def sparse(cells, values=None):
        r = np.array([c[0] for c in cells], dtype=np.int64)
        c = np.array([c[1] for c in cells], dtype=np.int64)
        v = np.ones(len(cells), np.float32) if values is None else np.asarray(values, np.float32)
        m = sp.csr_array((v, (r, c)), shape=(n, V if values is None else L))
        m.sum_duplicates()
        if values is None:
            m.data[:] = 1.0  # a skill named twice counts once
        return m

    def skills(attr):
        return sparse([(r, col[skill_key(name)[1]])
                       for r, row in enumerate(sub) for name in getattr(row, attr)])

    spoken = [(r, lang[c], v) for r, row in enumerate(sub) for c, v in row.languages.items()]
    people = [Person(f"row-{r}", row.zone, row.windows) for r, row in enumerate(sub)]
    mask = (availability_masks(people, start, weeks) if people
            else np.zeros((0, SLOTS_PER_WEEK * weeks), dtype=bool))
    return Participants.build(
        n, vocab, slots=SLOTS_PER_WEEK * weeks,
        ids=np.array(which, dtype=np.int64),
        skills=skills("skills"), gaps=skills("gaps"),
        languages=sparse([(r, c) for r, c, _ in spoken], [v for *_, v in spoken]),
        guidance_wanted=np.array([[row.wanted.get(g, 0) for g in GUIDANCE] for row in sub],
                                 dtype=float).reshape(n, len(GUIDANCE)),
        guidance_offered=np.array([[g in row.offered for g in GUIDANCE] for row in sub],
                                  dtype=bool).reshape(n, len(GUIDANCE)),
        seniority=np.array([row.seniority for row in sub], dtype=np.int64),
        kinds=np.array([row.kinds for row in sub], dtype=np.int64),
        availability=mask,
        capacity=np.array([row.capacity if row.role == "mentor" else 0 for row in sub], np.int64),
    )


def write_pairs(outcome: Outcome, rows: list[Row], mentees: list[int]) -> str:
    """The pairs (best first), then each unmatched mentee with the reason, as CSV text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(OUT_COLUMNS)
    for p in sorted(outcome.pairs, key=lambda p: (-p.score, p.mentee)):
        a, b = rows[p.mentee], rows[p.mentor]
        w.writerow([a.id, a.name, b.id, b.name, f"{p.score:.4f}", f"{p.shared_hours:g}",
                    "; ".join(p.reasons)])
    for r in mentees:
        why = outcome.unmatched.get(r)
        if why is not None:
            text = UNMATCHED_TEXT.get(why, why.replace("_", " "))
            w.writerow([rows[r].id, rows[r].name, "", "", "", "", text])
    return buf.getvalue()
