"""Quiet hours in a person's own clock. Pure: no Django."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def in_quiet_hours(minute: int, start: int, end: int) -> bool:
    """Minutes after local midnight; a range may wrap past midnight (22:00-07:00)."""
    if start == end:
        raise ValueError("quiet hours must start and end at different times")
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def quiet_until(now: dt.datetime, zone: str, start: int | None, end: int | None) -> dt.datetime | None:
    """When `now` falls in the person's quiet hours, the UTC instant they end; otherwise None."""
    if start is None or end is None:
        return None
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    minute = local.hour * 60 + local.minute
    if not in_quiet_hours(minute, start, end):
        return None
    day = local.date()
    if start > end and minute >= start:  # the quiet night ends tomorrow morning
        day += dt.timedelta(days=1)
    wall = dt.datetime.combine(day, dt.time(end // 60, end % 60))
    # A wall time skipped by a DST change resolves forward through zoneinfo's fold handling.
    return wall.replace(tzinfo=tz).astimezone(dt.UTC)


def next_local_time(now: dt.datetime, zone: str, minute: int) -> dt.datetime:
    """The next instant (after `now`) when the person's clock reads `minute` after midnight."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    candidate = dt.datetime.combine(local.date(), dt.time(minute // 60, minute % 60), tz)
    if candidate <= local:
        candidate = dt.datetime.combine(
            local.date() + dt.timedelta(days=1), dt.time(minute // 60, minute % 60), tz
        )
    return candidate.astimezone(dt.UTC)
