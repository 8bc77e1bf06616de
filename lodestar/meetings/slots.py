"""Slots to offer on the booking page: the time-zone engine over both people's weekly windows,
minus the meetings they already have, ranked fairly against the pair's past meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from lodestar.people.models import Profile

from .models import Meeting, MeetingSeat
from .times import BAND_NAMES, clock
from .timezones import Person, Slot, common_slots, rank_slots

WEEKS_AHEAD = 3
LEAD = dt.timedelta(hours=1)  # nobody wants an invitation for a call starting in five minutes


@dataclass(frozen=True)
class SlotChoice:
    start: dt.datetime
    mine: str  # "Tue 3 Mar, 08:30, early morning" on the mentee's clock
    theirs: str  # the same instant on the mentor's clock
    all_working: bool

    @property
    def value(self) -> str:
        return self.start.isoformat()


def person_for(profile: Profile) -> Person:
    return Person(str(profile.pk), str(profile.time_zone), tuple(profile.availability.all()))


def _free(
    slots: list[Slot], people: list[Profile], start: dt.datetime, end: dt.datetime
) -> list[Slot]:
    busy = list(
        MeetingSeat.objects.filter(
            person__in=people, active=True, starts_at__lt=end, ends_at__gt=start
        ).values_list("starts_at", "ends_at")
    )
    return [s for s in slots if not any(b0 < s.end and s.start < b1 for b0, b1 in busy)]


def suggested_slots(
    mentee: Profile,
    mentor: Profile,
    *,
    minutes: int,
    now: dt.datetime | None = None,
    limit: int = 6,
) -> list[SlotChoice]:
    now = now or timezone.now()
    people = (person_for(mentee), person_for(mentor))
    start = now + LEAD
    start = start.replace(second=0, microsecond=0) + dt.timedelta(minutes=-start.minute % 15)
    slots = common_slots(people, start=start, weeks=WEEKS_AHEAD, duration_minutes=minutes)
    slots = _free(slots, [mentee, mentor], start, start + dt.timedelta(weeks=WEEKS_AHEAD))
    past = (
        Meeting.objects.between(mentee, mentor)
        .held(now)
        .filter(Q(starts_at__gte=now - dt.timedelta(days=365)))
    )
    history = [Slot(m.starts_at, m.ends_at, people) for m in past]
    me, them = people[0].key, people[1].key
    band = lambda slot, key: BAND_NAMES[slot.bands[key]]  # noqa: E731
    return [
        SlotChoice(
            start=slot.start,
            mine=f"{clock(slot.start, mentee.time_zone, now=now)}, {band(slot, me)}",
            theirs=f"{clock(slot.start, mentor.time_zone, now=now)}, {band(slot, them)}",
            all_working=slot.all_working,
        )
        for slot in rank_slots(slots, history=history, limit=limit)
    ]
