"""The one place that turns a person's weekly local-time window into another person's local time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class WindowView:
    owner_label: str
    viewer_label: str | None  # None when both people share a clock
    hours: float


def _next_date_for_weekday(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def _span_label(start: dt.datetime, end: dt.datetime) -> str:
    day = date_format(start, "D")
    end_text = "24:00" if end.time() == dt.time(0) and end.date() > start.date() else end.strftime("%H:%M")
    if end.date() > start.date() and end_text != "24:00":
        return f"{day} {start:%H:%M}–{date_format(end, 'D')} {end_text}"
    return f"{day} {start:%H:%M}–{end_text}"


def windows_for_viewer(windows, owner_zone, viewer_zone, *, now: dt.datetime | None = None) -> list[WindowView]:
    """Label each window in its owner's time and, when the clocks differ, in the viewer's.

    The conversion uses the window's next occurrence, so it reflects daylight saving as it
    will be in the coming week.
    """
    owner_tz, viewer_tz = ZoneInfo(str(owner_zone)), ZoneInfo(str(viewer_zone))
    today = (now or timezone.now()).astimezone(owner_tz).date()
    rows = []
    for w in windows:
        day = _next_date_for_weekday(today, w.weekday)
        start = dt.datetime.combine(day, dt.time(0), owner_tz) + dt.timedelta(minutes=w.start_minute)
        end = dt.datetime.combine(day, dt.time(0), owner_tz) + dt.timedelta(minutes=w.end_minute)
        own = _span_label(start, end)
        theirs = _span_label(start.astimezone(viewer_tz), end.astimezone(viewer_tz))
        same_clock = start.utcoffset() == start.astimezone(viewer_tz).utcoffset()
        rows.append(WindowView(own, None if same_clock else theirs, w.hours))
    return rows
