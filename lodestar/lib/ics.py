"""iCalendar (RFC 5545) files: invitations (iTIP REQUEST and CANCEL) and subscription feeds.

Built with the icalendar library. Times are written in the organizer's zone with a VTIMEZONE,
so a calendar shows the meeting where the organizer meant it, across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//Lodestar//Meetings//EN"


@dataclass(frozen=True)
class Party:
    name: str
    email: str

    def address(self, **params: str) -> icalendar.vCalAddress:
        address = icalendar.vCalAddress(f"mailto:{self.email}")
        address.params["CN"] = self.name
        address.params.update(params)
        return address


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    sequence: int
    start: dt.datetime
    end: dt.datetime
    zone: str  # the organizer's IANA zone: DTSTART and DTEND are written on that clock
    summary: str
    organizer: Party
    attendees: Sequence[Party]
    description: str = ""
    url: str = ""
    cancelled: bool = False
    stamp: dt.datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _event(item: IcsEvent, stamp: dt.datetime) -> icalendar.Event:
    tz = ZoneInfo(item.zone)
    event = icalendar.Event.new(
        uid=item.uid,
        sequence=item.sequence,
        start=item.start.astimezone(tz),
        end=item.end.astimezone(tz),
        stamp=(item.stamp or stamp).astimezone(dt.UTC),
        summary=item.summary,
        organizer=item.organizer.address(),
    )
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    for party in item.attendees:
        accepted = party.email == item.organizer.email
        event.add(
            "attendee",
            party.address(
                ROLE="CHAIR" if accepted else "REQ-PARTICIPANT",
                PARTSTAT="ACCEPTED" if accepted else "NEEDS-ACTION",
                RSVP="FALSE" if accepted else "TRUE",
            ),
        )
    for name, value in item.extra.items():
        event.add(name, value)
    return event


def calendar_bytes(
    events: Sequence[IcsEvent],
    *,
    method: str | None,
    name: str = "",
    now: dt.datetime | None = None,
) -> bytes:
    """One VCALENDAR holding `events` and a VTIMEZONE for every zone they use.

    `method` is "REQUEST" or "CANCEL" for an invitation (one event per file, as iTIP wants),
    None for a subscription feed.
    """
    if method is not None and len(events) != 1:
        raise ValueError("an iTIP message carries exactly one event; attach one file per meeting")
    stamp = now or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar.new(prodid=PRODID, method=method)
    calendar.pop("UID", None)  # a calendar-level UID would change on every download
    if name:
        calendar.add("x-wr-calname", name)
    for item in events:
        calendar.add_component(_event(item, stamp))
    if events:
        first = min(e.start for e in events).date() - dt.timedelta(days=1)
        last = max(e.end for e in events).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first.replace(month=1, day=1), last_date=last)
    return calendar.to_ical()
