"""Time-zone engine for meetings: common slots, fair ranking and labels in each person's time.

Pure Python on the standard library's :mod:`zoneinfo`, with no Django import.  This is the
public entry point; the weekly-window-to-UTC core, its daylight-saving policy (spring-forward
gaps and fall-back folds) and the numpy masks live in :mod:`lodestar.meetings.intervals` and are
re-exported here.

Typical use::

    people = [Person("ana", "America/Sao_Paulo", ana_windows), Person("kenji", "Asia/Tokyo", ...)]
    slots = common_slots(people, start=now, weeks=4, duration_minutes=60)
    best = rank_slots(slots, history=past_meetings, limit=5)
    best[0].labels  # {"ana": "Tue 20:00, late evening", "kenji": "Wed 08:00, early morning"}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Any

from lodestar.meetings.intervals import (
    _EPOCH_WEEKDAY,
    DAY,
    EPOCH,
    WEEK,
    Person,
    Window,
    _tz,
    _zone_span,
    availability_intervals,
    availability_mask,
    availability_masks,
    availability_minutes,
    common_intervals,
    common_minutes,
    from_minute,
    slot_starts,
    to_minute,
    validate_zone,
    weekly_overlap_hours,
)

__all__ = [
    "BAND_COST",
    "DAY",
    "EPOCH",
    "WEEK",
    "WEEKDAY_ABBR",
    "Band",
    "Person",
    "Slot",
    "Window",
    "availability_intervals",
    "availability_mask",
    "availability_masks",
    "availability_minutes",
    "band_at",
    "common_intervals",
    "common_minutes",
    "common_slots",
    "from_minute",
    "local_label",
    "rank_slots",
    "slot_starts",
    "to_minute",
    "validate_zone",
    "weekly_overlap_hours",
]

WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# ---------------------------------------------------------------------------- bands and labels


class Band(StrEnum):
    """Where a local time falls for one person.

    Fixed clock bands around the person's working hours ``[work_start, work_end)``:
    night 22:00-06:00, early morning 06:00-work start, evening work end-20:00, late evening
    20:00-22:00.  On a day outside ``work_days`` every time from 06:00 to 22:00 is ``weekend``
    (night stays night).  Working hours win over every other band on a work day, so someone who
    works 05:00-14:00 is in working hours at 05:30.
    """

    WORKING = "working hours"
    EVENING = "evening"
    EARLY_MORNING = "early morning"
    WEEKEND = "weekend"
    LATE_EVENING = "late evening"
    NIGHT = "night"


#: Inconvenience of each band, the unit of fairness (a "late call" costs 3, a night call 6).
BAND_COST: Mapping[Band, int] = {
    Band.WORKING: 0,
    Band.EVENING: 1,
    Band.EARLY_MORNING: 2,
    Band.WEEKEND: 2,
    Band.LATE_EVENING: 3,
    Band.NIGHT: 6,
}
_NIGHT_END, _LATE_EVENING, _NIGHT_START = 6 * 60, 20 * 60, 22 * 60
_DEFAULT_PERSON_HOURS = (9 * 60, 18 * 60, frozenset(range(5)))


def _band(weekday: int, minute: int, hours: tuple[int, int, frozenset[int]]) -> Band:
    ws, we, days = hours
    workday = weekday in days
    if workday and ws <= minute < we:
        return Band.WORKING
    if minute < _NIGHT_END or minute >= _NIGHT_START:
        return Band.NIGHT
    if not workday:
        return Band.WEEKEND
    if minute < ws:
        return Band.EARLY_MORNING
    return Band.EVENING if minute < _LATE_EVENING else Band.LATE_EVENING


def _hours(person: Person | None) -> tuple[int, int, frozenset[int]]:
    return (
        _DEFAULT_PERSON_HOURS
        if person is None
        else (person.work_start, person.work_end, person.work_days)
    )


def _local(instant: datetime, zone: str | tzinfo | None, person: Person | None) -> datetime:
    if zone is None:
        if person is None:
            raise ValueError("give a zone or a person")
        zone = person.zone
    return instant.astimezone(_tz(validate_zone(zone)))


def band_at(
    instant: datetime, zone: str | tzinfo | None = None, *, person: Person | None = None
) -> Band:
    """The band of one instant in ``zone`` (default ``person.zone``).

    Working hours and days come from ``person``, else 09:00-18:00 Monday to Friday.
    """
    local = _local(instant, zone, person)
    return _band(local.weekday(), local.hour * 60 + local.minute, _hours(person))


def _clock(local: datetime) -> str:
    text = f"{WEEKDAY_ABBR[local.weekday()]} {local:%H:%M}"
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        text += f" {local.tzname()}"  # the wall time repeats: say which one
    return text


def local_label(
    instant: datetime, zone: str | tzinfo | None = None, *, person: Person | None = None
) -> str:
    """``"Tue 08:30, early morning"``: the instant on the person's clock and its :class:`Band`.

    ``zone`` defaults to ``person.zone``; bands use ``person``'s working hours, else the default
    09:00-18:00 Monday to Friday.  Weekday names are English abbreviations (``WEEKDAY_ABBR``);
    a wall time inside a fall-back fold gets its zone abbreviation: ``"Sun 01:30 EST, night"``.
    """
    local = _local(instant, zone, person)
    band = _band(local.weekday(), local.hour * 60 + local.minute, _hours(person))
    return f"{_clock(local)}, {band}"


_CUTS = (0, _NIGHT_END, _LATE_EVENING, _NIGHT_START)


def _worst_band(person: Person, s: int, e: int) -> Band:
    """The least convenient band any minute of [s, e) falls in for ``person``.

    The band is constant between the cut points (midnight, 06:00, work start and end, 20:00,
    22:00), so it is enough to look at the start and at every cut inside the meeting, on the
    person's real clock (the meeting is split where the zone's offset changes).
    """
    zs = _zone_span(person.zone, s, e)
    hours = _hours(person)
    cuts = sorted({*_CUTS, person.work_start, person.work_end % DAY})
    worst = Band.WORKING
    pieces = [s, *(t for t in zs.utc_t if s < t < e), e]
    for p0, p1 in pairwise(pieces):
        off = zs.offset_at(p0)
        w0, w1 = p0 + off, p1 + off
        points = [w0]
        for d in range(w0 // DAY, (w1 - 1) // DAY + 1):
            points += [d * DAY + c for c in cuts if w0 < d * DAY + c < w1]
        for w in points:
            band = _band((w // DAY + _EPOCH_WEEKDAY) % 7, w % DAY, hours)
            if BAND_COST[band] > BAND_COST[worst]:
                worst = band
    return worst


# ---------------------------------------------------------------------------- slots and ranking


@dataclass(frozen=True)
class Slot:
    """One bookable meeting [start, end) in UTC, with per-person views computed on first use."""

    start: datetime
    end: datetime
    people: tuple[Person, ...] = field(repr=False)

    @cached_property
    def local_starts(self) -> dict[str, datetime]:
        """The start on each person's clock (aware, ``fold`` set inside a repeated hour)."""
        return {p.key: self.start.astimezone(_tz(p.zone)) for p in self.people}

    @cached_property
    def bands(self) -> dict[str, Band]:
        """The least convenient band the meeting touches, per person."""
        s, e = to_minute(self.start), to_minute(self.end)
        return {p.key: _worst_band(p, s, e) for p in self.people}

    @cached_property
    def inconvenience(self) -> dict[str, int]:
        """``BAND_COST`` of each person's band: 0 means inside their working hours throughout."""
        return {k: BAND_COST[b] for k, b in self.bands.items()}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Per person: ``"Mon 21:00, late evening"`` (local start, least convenient band)."""
        return {k: f"{_clock(local)}, {self.bands[k]}" for k, local in self.local_starts.items()}

    @property
    def all_working(self) -> bool:
        """True when the whole meeting is inside everyone's working hours."""
        return all(b is Band.WORKING for b in self.bands.values())


def common_slots(
    people: Sequence[Person],
    *,
    start: datetime,
    weeks: int,
    duration_minutes: int,
    step_minutes: int = 15,
) -> list[Slot]:
    """Every bookable meeting of ``duration_minutes`` within [start, start + weeks), by time.

    A slot is bookable when every person is available for the whole meeting; starts follow the
    grid described in :mod:`lodestar.meetings.intervals`.  Labels and inconvenience are
    computed lazily.
    """
    ppl = tuple(people)
    starts = slot_starts(
        ppl, start=start, weeks=weeks, duration_minutes=duration_minutes, step_minutes=step_minutes
    )
    length = timedelta(minutes=duration_minutes)
    out = []
    for m in starts:
        begin = EPOCH + timedelta(minutes=m)
        out.append(Slot(begin, begin + length, ppl))
    return out


def _burden(history: Iterable[Mapping[str, int] | Slot]) -> dict[str, int]:
    total: dict[str, int] = {}
    for past in history:
        costs = past.inconvenience if isinstance(past, Slot) else past
        for key, cost in costs.items():
            total[key] = total.get(key, 0) + int(cost)
    return total


def rank_slots(
    slots: Iterable[Slot],
    *,
    history: Iterable[Mapping[str, int] | Slot] = (),
    limit: int | None = None,
) -> list[Slot]:
    """Order slots fairly, best first.

    1. Slots inside everyone's working hours come first.
    2. Then fairness over the series: add each slot's per-person inconvenience to what each person
       already bore in ``history`` (past meetings as ``{person key: inconvenience}`` mappings or
       past :class:`Slot` objects) and prefer the slot whose heaviest accumulated burden is the
       lightest, then the next heaviest, and so on (leximin).  The person who took the last late
       call is therefore spared the next one when an alternative exists.
    3. Then the slot's own total inconvenience, then the earliest start.
    """
    burden = _burden(history)

    def key(slot: Slot) -> tuple[Any, ...]:
        inc = slot.inconvenience
        after = sorted((burden.get(k, 0) + v for k, v in inc.items()), reverse=True)
        return (not slot.all_working, after, sum(inc.values()), slot.start)

    ranked = sorted(slots, key=key)
    return ranked if limit is None else ranked[:limit]
