"""Property test: the engine against an independent minute-by-minute oracle built on zoneinfo.

Random people in zones with unusual rules (half-hour DST on Lord Howe, +12:45 Chatham, midnight
switches in Santiago, Ramadan switches in Casablanca), spans placed around real switches, and a
window placed in or next to the gap or fold.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lodestar.meetings.timezones import Person, common_intervals, common_slots

PROPERTY_ZONES = (
    "UTC", "America/New_York", "America/Los_Angeles", "America/Sao_Paulo", "America/Santiago",
    "Europe/London", "Europe/Berlin", "Europe/Dublin", "Africa/Lagos", "Africa/Casablanca",
    "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide",
    "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham",
)  # fmt: skip
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@cache
def switches(zone: str, year: int) -> tuple[datetime, ...]:
    """The instants the zone's offset changes in a year, found by stepping days, then minutes."""
    tz = ZoneInfo(zone)

    def offset(instant: datetime) -> timedelta | None:
        return instant.astimezone(tz).utcoffset()

    days = [datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=i) for i in range(366)]
    found = []
    for day, nxt in pairwise(days):
        if offset(day) != offset(nxt):
            found.append(
                next(
                    day + k * MINUTE
                    for k in range(1, 1441)
                    if offset(day + k * MINUTE) != offset(day)
                )
            )
    return tuple(found)


def oracle(person: Person, s: int, e: int) -> np.ndarray:
    """Minute-by-minute availability straight from zoneinfo and the documented definition.

    A window on local date D runs from the first minute whose wall clock reads D start or later
    to the last minute whose wall clock reads a time before D end (inclusive).
    """
    tz = ZoneInfo(person.zone)
    lo, hi = s - 1440 - 180, e + 1440 + 180  # a window lasts at most a day, plus a fold
    naive_epoch = datetime(1970, 1, 1)
    walls = np.array(
        [m + datetime.fromtimestamp(m * 60, tz).utcoffset() // MINUTE for m in range(lo, hi)]
    )
    out = np.zeros(hi - lo, dtype=bool)
    for day in range(int(walls.min()) // 1440, int(walls.max()) // 1440 + 1):
        weekday = (naive_epoch + timedelta(days=day)).weekday()
        for w in person.windows:
            if w.weekday != weekday:
                continue
            reached = np.flatnonzero(walls >= day * 1440 + w.start_minute)
            before = np.flatnonzero(walls < day * 1440 + w.end_minute)
            if len(reached) and len(before) and reached[0] <= before[-1]:
                out[reached[0] : before[-1] + 1] = True
    return out[s - lo : e - lo]


def engine_mask(intervals: list[tuple[datetime, datetime]], s: int, e: int) -> np.ndarray:
    out = np.zeros(e - s, dtype=bool)
    for a, b in intervals:
        out[(a - EPOCH) // MINUTE - s : (b - EPOCH) // MINUTE - s] = True
    return out


windows_strategy = st.lists(
    st.builds(
        lambda wd, start, length: (wd, start, min(start + length, 1440)),
        st.integers(0, 6),
        st.one_of(st.integers(0, 95).map(lambda q: q * 15), st.integers(0, 1439)),
        st.integers(1, 720),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_property_slots_match_an_independent_minute_by_minute_oracle(data):
    n = data.draw(st.integers(2, 3), label="people")
    people = [
        Person(f"p{i}", data.draw(st.sampled_from(PROPERTY_ZONES)), data.draw(windows_strategy))
        for i in range(n)
    ]
    switch_list = switches(people[0].zone, data.draw(st.sampled_from((2025, 2026, 2027))))
    if switch_list and data.draw(st.booleans(), label="near a switch"):
        switch = data.draw(st.sampled_from(switch_list))
        start = switch - timedelta(minutes=data.draw(st.integers(0, 6 * 1440)))
        # one more window with a boundary near the switch, in the gap or fold as often as not
        local = (switch - MINUTE).astimezone(ZoneInfo(people[0].zone)) + MINUTE
        at = min(max(local.hour * 60 + local.minute + data.draw(st.integers(-90, 90)), 0), 1439)
        around = (local.weekday(), at, min(at + data.draw(st.integers(1, 240)), 1440))
        if data.draw(st.booleans(), label="window ends near the switch"):
            around = (local.weekday(), max(around[1] - (around[2] - around[1]), 0), max(at, 1))
        people[0] = Person("p0", people[0].zone, (*people[0].windows, around))
    else:
        start = data.draw(
            st.datetimes(datetime(2024, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC))
        )
    duration, step = (
        data.draw(st.sampled_from((15, 30, 60, 90))),
        data.draw(st.sampled_from((15, 30))),
    )
    s = -(-(start - EPOCH) // MINUTE)
    e = s + 7 * 1440

    expected = np.ones(e - s, dtype=bool)
    for p in people:
        own = oracle(p, s, e)
        assert np.array_equal(
            engine_mask(common_intervals([p], start=start, weeks=1), s, e), own
        ), p
        expected &= own
    assert np.array_equal(
        engine_mask(common_intervals(people, start=start, weeks=1), s, e), expected
    )

    slots = common_slots(people, start=start, weeks=1, duration_minutes=duration, step_minutes=step)
    firsts = {s + i for i in np.flatnonzero(expected & ~np.r_[False, expected[:-1]])}
    grid = {
        s + i
        for i in range(e - s - duration + 1)
        if (s + i) % step == 0 and expected[i : i + duration].all()
    }
    starts = [(x.start - EPOCH) // MINUTE for x in slots]
    assert {m for m in starts if m % step == 0} == grid  # every bookable grid start, no other
    assert all(m % step == 0 or m in firsts for m in starts)
    for slot in slots[:: max(1, len(slots) // 20)]:
        assert slot.end - slot.start == duration * MINUTE and s <= (slot.start - EPOCH) // MINUTE
        assert expected[(slot.start - EPOCH) // MINUTE - s : (slot.end - EPOCH) // MINUTE - s].all()
        for p in people:  # back on each person's clock, every unambiguous minute is in a window
            tz = ZoneInfo(p.zone)
            for k in range(duration):
                local = (slot.start + k * MINUTE).astimezone(tz)
                if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
                    continue  # a repeated wall time: the fold rule applies, checked by the oracle
                minute = local.hour * 60 + local.minute
                assert any(
                    w.weekday == local.weekday() and w.start_minute <= minute < w.end_minute
                    for w in p.windows
                )
        assert set(slot.labels) == {p.key for p in people}
