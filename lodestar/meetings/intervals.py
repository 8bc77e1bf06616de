"""Weekly local windows to UTC intervals: the DST-correct core of the time-zone engine.

Pure Python (standard library :mod:`zoneinfo`); no Django import.  numpy is imported lazily,
only by the mask helpers.  :mod:`lodestar.meetings.timezones` re-exports everything public here
and adds bands, labels, slots and fair ranking; import from there.

Units.  A weekly :class:`Window` is in its owner's *local* time: ``weekday`` 0=Monday..6=Sunday,
``start_minute``/``end_minute`` minutes after local midnight, ``end_minute`` may be 1440 (24:00),
exactly like ``lodestar.people.models.AvailabilityWindow``.  Internally an instant is a whole
number of minutes since 1970-01-01 00:00 UTC ("epoch minute"); public functions take and return
aware ``datetime`` objects in UTC, plus ``*_minutes`` variants that stay in epoch minutes for
callers that loop over thousands of pairs.

Daylight saving: the gap and the fold.  The occurrence of a window on local date D covers the
real-time interval

    [first instant the clock reads D start_minute or later,
     last instant the clock reads a time before D end_minute)

so every window is one contiguous stretch of real time, computed per date from the zone's real
offsets (different zones change on different dates; each person's own rules apply).

* Spring-forward gap (e.g. New York 2026-03-08, 02:00 -> 03:00): wall times inside the gap do not
  exist and map to the transition instant.  A window 01:00-03:00 that day lasts one real hour
  (06:00-07:00 UTC), a window 02:00-03:00 is empty, 02:30-04:00 starts at 03:00 EDT.
* Fall-back fold (e.g. New York 2026-11-01, 02:00 -> 01:00): a start inside the repeated hour means
  its first occurrence, an end inside it means its second occurrence, so the window covers the
  real elapsed time: 01:00-02:00 lasts two real hours (05:00-07:00 UTC) and 00:00-01:30 lasts 2.5.
* A local time that is displayed inside a fold is labelled with the zone abbreviation
  ("Sun 01:30 EST, night") because the bare wall time is ambiguous.

Slots: the bookable starts lie on a grid of ``step_minutes`` counted from the Unix epoch in UTC (a
15-minute grid is every local quarter-hour in every zone in use today, +05:45 and +12:45
included), plus the first instant of each common stretch when that is off the grid, so a stretch
long enough for the meeting always yields at least one slot.
"""

from __future__ import annotations

import difflib
import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, available_timezones

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = [
    "DAY",
    "EPOCH",
    "WEEK",
    "Person",
    "Window",
    "availability_intervals",
    "availability_mask",
    "availability_masks",
    "availability_minutes",
    "common_intervals",
    "common_minutes",
    "from_minute",
    "slot_starts",
    "to_minute",
    "validate_zone",
    "weekly_overlap_hours",
]

DAY = 1440
WEEK = 7 * DAY
MAX_WEEKS = 520
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday


# ---------------------------------------------------------------------------- zones


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def validate_zone(name: str | tzinfo) -> str:
    """The IANA key for ``name`` (a string, a ``ZoneInfo`` or ``datetime.UTC``).

    Raises ValueError naming the bad value and suggesting close IANA names.  Names are
    case-sensitive, as in the tz database ("europe/berlin" suggests "Europe/Berlin").
    """
    if isinstance(name, ZoneInfo):
        name = name.key
    elif name is UTC:
        name = "UTC"
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"time zone must be an IANA name such as 'Europe/Berlin', got {name!r}")
    key = name.strip()
    known = _known_zones()
    if key in known:
        return key
    by_lower = {z.lower(): z for z in known}
    close = [by_lower[key.lower()]] if key.lower() in by_lower else []
    close += [z for z in difflib.get_close_matches(key, sorted(known), n=3) if z not in close]
    hint = (
        f"; did you mean {' or '.join(map(repr, close))}?"
        if close
        else ("; use an IANA name such as 'Europe/Berlin' or 'America/New_York'")
    )
    raise ValueError(f"unknown time zone {name!r}{hint}")


@cache
def _tz(key: str) -> ZoneInfo:
    return ZoneInfo(validate_zone(key))


def _offset(tz: ZoneInfo, minute: int) -> int:
    """UTC offset in whole minutes at an epoch minute (sub-minute historic offsets are floored)."""
    off = datetime.fromtimestamp(minute * 60, tz).utcoffset()
    assert off is not None
    return off.days * DAY + off.seconds // 60


@lru_cache(maxsize=2048)
def _year_transitions(key: str, year: int) -> tuple[tuple[int, int, int], ...]:
    """(instant, offset before, offset after) for each change in (Jan 1 year, Jan 1 year+1] UTC.

    zoneinfo keeps its transition table private, so probe every 6 hours and bisect to the
    minute.  Two changes within 6 hours of each other do not occur in the tz database.
    """
    tz = _tz(key)
    lo = int((datetime(year, 1, 1, tzinfo=UTC) - EPOCH).total_seconds()) // 60
    hi = int((datetime(year + 1, 1, 1, tzinfo=UTC) - EPOCH).total_seconds()) // 60
    out: list[tuple[int, int, int]] = []
    t, cur = lo, _offset(tz, lo)
    while t < hi:
        nt = min(t + 360, hi)
        if _offset(tz, nt) == cur:
            t = nt
            continue
        a, b = t, nt  # offset(a) == cur != offset(b)
        while b - a > 1:
            mid = (a + b) // 2
            if _offset(tz, mid) == cur:
                a = mid
            else:
                b = mid
        new = _offset(tz, b)
        out.append((b, cur, new))
        t, cur = b, new
    return tuple(out)


class _ZoneSpan:
    """A zone's offsets over a span of epoch minutes, for O(log n) conversions both ways."""

    __slots__ = ("const", "offsets", "trans", "utc_t", "wall_lo")

    def __init__(self, key: str, lo: int, hi: int) -> None:
        y0 = (EPOCH + timedelta(minutes=lo)).year - 1
        y1 = (EPOCH + timedelta(minutes=hi)).year
        self.trans = [
            x for y in range(y0, y1 + 1) for x in _year_transitions(key, y) if lo < x[0] <= hi
        ]
        self.offsets = [_offset(_tz(key), lo)] + [o2 for _, _, o2 in self.trans]
        self.utc_t = [t for t, _, _ in self.trans]
        # A transition only matters for wall times from min(T+o1, T+o2) on.
        self.wall_lo = [t + min(o1, o2) for t, o1, o2 in self.trans]
        self.const: int | None = self.offsets[0] if not self.trans else None

    def offset_at(self, t: int) -> int:
        return self.offsets[bisect_right(self.utc_t, t)]

    def to_utc(self, wall: int, is_end: bool) -> int:
        """The instant a window boundary at ``wall`` means; see the module docstring."""
        i = bisect_right(self.wall_lo, wall)
        if i == 0:
            return wall - self.offsets[0]
        t, o1, o2 = self.trans[i - 1]
        if o2 > o1:  # gap [t+o1, t+o2) collapses onto t
            return max(min(wall - o1, t), wall - o2)
        if is_end:  # fold: an end inside it is its second occurrence
            return wall - o1 if wall <= t + o2 else wall - o2
        return wall - o1 if wall < t + o1 else wall - o2  # a start: the first occurrence


@lru_cache(maxsize=4096)
def _span(key: str, lo: int, hi: int) -> _ZoneSpan:
    return _ZoneSpan(key, lo, hi)


def _zone_span(key: str, start: int, end: int) -> _ZoneSpan:
    """Offsets covering [start, end) with at least a week to spare (week-aligned, so cached)."""
    return _span(key, (start // WEEK - 1) * WEEK, (end // WEEK + 2) * WEEK)


# ---------------------------------------------------------------------------- people


@dataclass(frozen=True, order=True)
class Window:
    """A weekly window in its owner's local time (the shape of ``AvailabilityWindow``)."""

    weekday: int
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        for name in ("weekday", "start_minute", "end_minute"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"window {name} must be an integer, got {value!r}")  # noqa: TRY004
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"window weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        if not 0 <= self.start_minute < DAY:
            raise ValueError(f"window start_minute must be 0..1439, got {self.start_minute}")
        if not self.start_minute < self.end_minute <= DAY:
            raise ValueError(
                f"window end_minute must be after start_minute ({self.start_minute}) and at most "
                f"1440 (24:00), got {self.end_minute}"
            )

    @classmethod
    def coerce(cls, value: Any) -> Window:
        """A Window from a Window, a (weekday, start, end) tuple or an object with those fields."""
        if isinstance(value, Window):
            return value
        if isinstance(value, tuple | list):
            return cls(*value)
        return cls(value.weekday, value.start_minute, value.end_minute)


def _weekly_table(
    windows: Iterable[Any],
) -> tuple[tuple[Window, ...], tuple[tuple[tuple[int, int], ...], ...]]:
    wins = tuple(sorted(Window.coerce(w) for w in windows))
    days: list[list[list[int]]] = [[] for _ in range(7)]
    for w in wins:  # merge overlapping or touching windows of the same day
        day = days[w.weekday]
        if day and w.start_minute <= day[-1][1]:
            day[-1][1] = max(day[-1][1], w.end_minute)
        else:
            day.append([w.start_minute, w.end_minute])
    return wins, tuple(tuple((s, e) for s, e in day) for day in days)


@dataclass(frozen=True)
class Person:
    """One participant: a key, an IANA zone, weekly windows and working hours (local time).

    ``windows`` accepts any iterable of :class:`Window`, ``(weekday, start, end)`` tuples or
    objects with those attributes (``profile.availability.all()`` works); ``zone`` accepts a
    ``ZoneInfo``.  Both are normalised.  Working hours are ``[work_start, work_end)`` on
    ``work_days`` and must not cross midnight.
    """

    key: str
    zone: str
    windows: tuple[Window, ...] = ()
    work_start: int = 9 * 60
    work_end: int = 18 * 60
    work_days: frozenset[int] = frozenset(range(5))
    _by_day: tuple[tuple[tuple[int, int], ...], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise ValueError(f"person key must be a non-empty string, got {self.key!r}")
        object.__setattr__(self, "zone", validate_zone(self.zone))
        wins, by_day = _weekly_table(self.windows)
        object.__setattr__(self, "windows", wins)
        object.__setattr__(self, "_by_day", by_day)
        object.__setattr__(self, "work_days", frozenset(self.work_days))
        if not 0 <= self.work_start < self.work_end <= DAY:
            raise ValueError(
                f"working hours must satisfy 0 <= work_start < work_end <= 1440, got "
                f"{self.work_start}-{self.work_end} for {self.key!r}"
            )
        if not self.work_days <= set(range(7)):
            raise ValueError(f"work_days must be weekdays 0..6, got {sorted(self.work_days)}")


# ---------------------------------------------------------------------------- intervals


def to_minute(instant: datetime, *, ceil: bool = True) -> int:
    """Epoch minute of an aware datetime (rounded up by default, so spans never start early)."""
    if not isinstance(instant, datetime) or instant.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {instant!r}")
    seconds = (instant - EPOCH) / timedelta(seconds=1)
    return math.ceil(seconds / 60) if ceil else math.floor(seconds / 60)


def from_minute(minute: int) -> datetime:
    """The aware UTC datetime of an epoch minute."""
    return EPOCH + timedelta(minutes=minute)


def _span_bounds(start: datetime, weeks: int) -> tuple[int, int]:
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be an integer from 1 to {MAX_WEEKS}, got {weeks!r}")
    s = to_minute(start)
    return s, s + weeks * WEEK


def _intervals(person: Person, s: int, e: int) -> list[list[int]]:
    """Merged [a, b) epoch-minute intervals of a person's availability, clipped to [s, e)."""
    zs = _zone_span(person.zone, s, e)
    by_day = person._by_day
    d0 = (s + zs.offset_at(s)) // DAY - 1
    d1 = (e + zs.offset_at(e)) // DAY + 1
    out: list[list[int]] = []
    off = zs.const
    for d in range(d0, d1 + 1):
        wins = by_day[(d + _EPOCH_WEEKDAY) % 7]
        if not wins:
            continue
        base = d * DAY
        for ws, we in wins:
            if off is not None:
                a, b = base + ws - off, base + we - off
            else:
                a, b = zs.to_utc(base + ws, False), zs.to_utc(base + we, True)
            a = max(a, s)
            b = min(b, e)
            if a >= b:
                continue
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
    return out


def _intersect(xs: list[list[int]], ys: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    i = j = 0
    nx, ny = len(xs), len(ys)
    while i < nx and j < ny:
        a0, a1 = xs[i]
        b0, b1 = ys[j]
        lo = max(b0, a0)
        hi = min(b1, a1)
        if lo < hi:
            out.append([lo, hi])
        if a1 < b1:
            i += 1
        else:
            j += 1
    return out


def _check_people(people: Sequence[Person]) -> None:
    if not people:
        raise ValueError("at least one person is needed")
    keys = [p.key for p in people]
    if len(set(keys)) != len(keys):
        raise ValueError(f"person keys must be unique, got {keys}")


def _common(people: Sequence[Person], s: int, e: int) -> list[list[int]]:
    _check_people(people)
    acc = _intervals(people[0], s, e)
    for p in people[1:]:
        if not acc:
            break
        acc = _intersect(acc, _intervals(p, s, e))
    return acc


def availability_minutes(
    windows: Iterable[Any], zone: str | tzinfo, *, start: datetime, weeks: int
) -> list[tuple[int, int]]:
    """A person's weekly windows as merged UTC [start, end) epoch-minute pairs over the span."""
    s, e = _span_bounds(start, weeks)
    return [(a, b) for a, b in _intervals(Person("_", zone, tuple(windows)), s, e)]


def availability_intervals(
    windows: Iterable[Any], zone: str | tzinfo, *, start: datetime, weeks: int
) -> list[tuple[datetime, datetime]]:
    """Like :func:`availability_minutes`, as aware UTC datetimes."""
    return [
        (from_minute(a), from_minute(b))
        for a, b in availability_minutes(windows, zone, start=start, weeks=weeks)
    ]


def common_minutes(
    people: Sequence[Person], *, start: datetime, weeks: int
) -> list[tuple[int, int]]:
    """The stretches when everyone is available, as UTC epoch-minute [start, end) pairs."""
    s, e = _span_bounds(start, weeks)
    return [(a, b) for a, b in _common(people, s, e)]


def common_intervals(
    people: Sequence[Person], *, start: datetime, weeks: int
) -> list[tuple[datetime, datetime]]:
    """The stretches when everyone is available within [start, start + weeks), in UTC."""
    return [
        (from_minute(a), from_minute(b))
        for a, b in common_minutes(people, start=start, weeks=weeks)
    ]


def weekly_overlap_hours(a: Person, b: Person, *, start: datetime, weeks: int = 4) -> float:
    """Hours a week both people are available, averaged over the coming ``weeks`` (DST-correct)."""
    s, e = _span_bounds(start, weeks)
    return sum(y - x for x, y in _common((a, b), s, e)) / 60 / weeks


def _starts(stretches: Iterable[Sequence[int]], duration: int, step: int) -> list[int]:
    out: list[int] = []
    for a, b in stretches:
        last = b - duration
        if last < a:
            continue
        g = -(-a // step) * step
        if g != a:
            out.append(a)
        out.extend(range(g, last + 1, step))
    return out


def _check_meeting(duration_minutes: int, step_minutes: int) -> None:
    for name, value in (("duration_minutes", duration_minutes), ("step_minutes", step_minutes)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= DAY:
            raise ValueError(f"{name} must be an integer from 1 to 1440, got {value!r}")


def slot_starts(
    people: Sequence[Person],
    *,
    start: datetime,
    weeks: int,
    duration_minutes: int,
    step_minutes: int = 15,
) -> list[int]:
    """Every bookable start (UTC epoch minutes) of a meeting everyone can attend in full.

    The fast path behind :func:`common_slots`, for callers that only need counts or a few slots.
    """
    _check_meeting(duration_minutes, step_minutes)
    s, e = _span_bounds(start, weeks)
    return _starts(_common(people, s, e), duration_minutes, step_minutes)


# ---------------------------------------------------------------------------- masks


def availability_mask(
    windows: Iterable[Any],
    zone: str | tzinfo,
    start_utc: datetime,
    weeks: int,
    resolution_minutes: int = 15,
) -> np.ndarray:
    """A boolean numpy vector of a person's availability over ``weeks`` from ``start_utc``.

    Layout: ``mask[i]`` is True when the person is available for the whole cell
    ``[start_utc + i*res, start_utc + (i+1)*res)`` (UTC, ``res = resolution_minutes``, which must
    divide 1440).  Length ``weeks * 10080 // res``; ``mask.reshape(weeks, 7, 1440 // res)`` indexes
    (week, UTC day since start, cell of that day).  Cells are counted from ``start_utc`` rounded up
    to the minute, so align ``start_utc`` to the grid (e.g. a UTC midnight) for cells that match
    local quarter-hours.  ``(a & b).sum() * res`` is then the exact shared minutes for windows on
    the grid, and a lower bound otherwise.  ``np.packbits(mask)`` gives a bitset (big-endian bit
    order within each byte) if memory matters.
    """
    return availability_masks(
        [Person("_", zone, tuple(windows))], start_utc, weeks, resolution_minutes
    )[0]


def availability_masks(
    people: Sequence[Person], start_utc: datetime, weeks: int, resolution_minutes: int = 15
) -> np.ndarray:
    """:func:`availability_mask` for many people: a ``(len(people), cells)`` boolean matrix."""
    import numpy as np

    res = resolution_minutes
    if isinstance(res, bool) or not isinstance(res, int) or res < 1 or DAY % res:
        raise ValueError(f"resolution_minutes must divide 1440, got {res!r}")
    s, e = _span_bounds(start_utc, weeks)
    cells = (e - s) // res
    out = np.zeros((len(people), cells), dtype=bool)
    for row, person in enumerate(people):
        for a, b in _intervals(person, s, e):
            lo, hi = -(-(a - s) // res), (b - s) // res
            if lo < hi:
                out[row, lo:hi] = True
    return out
