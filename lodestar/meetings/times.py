"""How a meeting's time reads for each person: on their own clock, with the other's beside it.

The one place meetings turn an instant into words; bands ("early morning", "evening") come from
the time-zone engine and are translated here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .timezones import Band, band_at

BAND_NAMES = {
    Band.WORKING: _("working hours"),
    Band.EVENING: _("evening"),
    Band.EARLY_MORNING: _("early morning"),
    Band.WEEKEND: _("weekend"),
    Band.LATE_EVENING: _("late evening"),
    Band.NIGHT: _("night"),
}


def clock(
    instant: dt.datetime, zone, *, now: dt.datetime | None = None, with_day: bool = True
) -> str:
    """'Tue 3 Mar, 08:30' on the clock of `zone` (the year is added when it is not this year)."""
    local = instant.astimezone(ZoneInfo(str(zone)))
    if not with_day:
        return local.strftime("%H:%M")
    this_year = (now or timezone.now()).astimezone(local.tzinfo).year
    pattern = "D j M, H:i" if local.year == this_year else "D j M Y, H:i"
    return date_format(local, pattern)


def band_name(instant: dt.datetime, zone) -> str:
    return str(BAND_NAMES[band_at(instant, str(zone))])


@dataclass(frozen=True)
class When:
    mine: str  # "Tue 3 Mar, 08:30–08:50"
    theirs: str | None  # "Mon 2 Mar, 19:00, evening"; None when both read the same clock
    their_name: str

    def __str__(self) -> str:
        return self.mine


def when(
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    *,
    my_zone,
    their_zone,
    their_name: str,
    now: dt.datetime | None = None,
) -> When:
    mine = f"{clock(starts_at, my_zone, now=now)}–{clock(ends_at, my_zone, with_day=False)}"
    same = (
        starts_at.astimezone(ZoneInfo(str(my_zone))).utcoffset()
        == starts_at.astimezone(ZoneInfo(str(their_zone))).utcoffset()
    )
    theirs = (
        None
        if same
        else f"{clock(starts_at, their_zone, now=now)}, {band_name(starts_at, their_zone)}"
    )
    return When(mine, theirs, their_name)


def meeting_when(meeting, viewer, *, now: dt.datetime | None = None) -> When:
    other = meeting.other(viewer)
    return when(
        meeting.starts_at,
        meeting.ends_at,
        my_zone=viewer.time_zone,
        their_zone=other.time_zone,
        their_name=other.display_name,
        now=now,
    )
