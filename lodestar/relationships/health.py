"""How a relationship is doing: a score from 0 to 100, a label, and the reasons behind both.

Pure: no Django import. ``checkup`` gathers the signals from the database and stores the result.

Silence is counted in working days (weekends do not count) in each person's own time zone, and
the kinder of the two counts is used; it is judged against the agreed cadence, so a monthly pair
is not called quiet after a fortnight.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

HEALTHY, COOLING, AT_RISK, SILENT = "healthy", "cooling", "at_risk", "silent"
MENTEE, MENTOR, BOTH = "mentee", "mentor", "both"

WEIGHTS = {"cadence": 30, "responses": 25, "agendas": 15, "actions": 15, "follow_ups": 15}
SLOW_REPLY_HOURS = 72
# Silence, as a multiple of the cadence in working days: past 1 the pair is cooling.
AT_RISK_AFTER, SILENT_AFTER = 1.25, 1.5


@dataclass(frozen=True)
class Contact:
    """Something one side did that the other could see (``BOTH`` for a meeting held)."""

    who: str
    at: dt.datetime


@dataclass(frozen=True)
class Signals:
    now: dt.datetime
    cadence_days: int
    zones: tuple[str, str]  # the mentee's and the mentor's
    since: dt.datetime  # start of the window looked at (the later of start and 90 days back)
    contacts: tuple[Contact, ...] = ()
    meetings_held: int = 0  # sessions, check-ins and written updates in place of one
    agendas_due: int = 0
    agendas_on_time: int = 0
    actions_due: int = 0
    actions_done: int = 0
    follow_ups_due: int = 0
    follow_ups_sent: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Assessment:
    health: str
    score: int
    reasons: tuple[Reason, ...]
    quiet_side: str | None  # the side that went quiet, when one did
    silence_ratio: float  # working days quiet / working days in the cadence
    time_short: bool


def working_days_between(start: dt.datetime, end: dt.datetime, zone: str) -> int:
    """Weekdays strictly after ``start``'s local date, up to and including ``end``'s."""
    tz = ZoneInfo(zone)
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    if last <= first:
        return 0
    days = (last - first).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(1, rest + 1):
        if (first + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


def quiet_working_days(last: dt.datetime, now: dt.datetime, zones: tuple[str, str]) -> int:
    return min(working_days_between(last, now, zone) for zone in zones)


def cadence_working_days(cadence_days: int) -> float:
    return max(1.0, cadence_days * 5 / 7)


def _last(contacts, side: str) -> dt.datetime | None:
    times = [c.at for c in contacts if c.who in (side, BOTH)]
    return max(times) if times else None


def _responses(contacts, now, zones, limit_days: float) -> tuple[list[float], int]:
    """Hours each side took to answer the other, and how many messages still wait too long."""
    ordered = sorted(contacts, key=lambda c: c.at)
    hours: list[float] = []
    unanswered = 0
    for i, contact in enumerate(ordered):
        if contact.who == BOTH:
            continue
        answer = next((c for c in ordered[i + 1 :] if c.who != contact.who), None)
        if answer is not None:
            hours.append((answer.at - contact.at).total_seconds() / 3600)
        elif quiet_working_days(contact.at, now, zones) > limit_days:
            unanswered += 1
    return hours, unanswered


def meetings_expected(start: dt.datetime, end: dt.datetime, cadence_days: int,
                      paused: list[tuple[dt.datetime, dt.datetime]] = ()) -> int:
    """Meetings an agreement asks for from ``start`` to ``end``: whole cadence periods, with
    time spent paused left out. The health check and program analytics both count this way."""
    span = end - start
    for a, b in paused:
        a, b = max(a, start), min(b, end)
        if b > a:
            span -= b - a
    return max(0, int(span / dt.timedelta(days=cadence_days)))


def _ratio(done: int, due: int) -> float | None:
    return None if due <= 0 else min(1.0, done / due)


def assess(s: Signals) -> Assessment:
    reasons: list[Reason] = []
    cadence_wd = cadence_working_days(s.cadence_days)
    last_mentor = _last(s.contacts, MENTOR) or s.since
    last_mentee = _last(s.contacts, MENTEE) or s.since
    last_any = max(last_mentee, last_mentor)
    quiet = quiet_working_days(last_any, s.now, s.zones)
    silence = quiet / cadence_wd

    expected = meetings_expected(s.since, s.now, s.cadence_days)
    parts: dict[str, float | None] = {
        "cadence": _ratio(s.meetings_held, expected),
        "agendas": _ratio(s.agendas_on_time, s.agendas_due),
        "actions": _ratio(s.actions_done, s.actions_due),
        "follow_ups": _ratio(s.follow_ups_sent, s.follow_ups_due),
    }
    hours, unanswered = _responses(s.contacts, s.now, s.zones, cadence_wd / 2)
    slow = [h for h in hours if h > SLOW_REPLY_HOURS]
    mostly_slow = bool(hours) and len(slow) * 2 > len(hours)
    responses = 1.0 - 0.5 * min(unanswered, 2) - (0.25 if mostly_slow else 0)
    parts["responses"] = max(0.0, responses)

    score = 0.0
    for name, weight in WEIGHTS.items():
        value = parts[name]
        score += weight * (1.0 if value is None else value)
    score = round(score * max(0.0, 1 - max(0.0, silence - 1)))

    if parts["cadence"] is not None and parts["cadence"] < 1:
        reasons.append(Reason("cadence", {"held": s.meetings_held, "expected": expected}))
    if unanswered:
        reasons.append(Reason("unanswered", {"n": unanswered}))
    if mostly_slow:
        reasons.append(Reason("slow_replies", {"hours": SLOW_REPLY_HOURS}))
    if parts["agendas"] is not None and parts["agendas"] < 1:
        reasons.append(Reason("agendas", {"on_time": s.agendas_on_time, "due": s.agendas_due}))
    if parts["actions"] is not None and parts["actions"] < 1:
        reasons.append(Reason("actions", {"done": s.actions_done, "due": s.actions_due}))
    if parts["follow_ups"] is not None and parts["follow_ups"] < 1:
        reasons.append(Reason("follow_ups", {"sent": s.follow_ups_sent, "due": s.follow_ups_due}))
    time_short = s.cancelled >= 2
    if time_short:
        reasons.append(Reason("time_short", {"cancelled": s.cancelled}))

    quiet_side = None
    if silence > 1:
        mentee_quiet = quiet_working_days(last_mentee, s.now, s.zones)
        mentor_quiet = quiet_working_days(last_mentor, s.now, s.zones)
        if mentee_quiet == mentor_quiet:
            quiet_side = BOTH
        else:
            quiet_side = MENTEE if mentee_quiet > mentor_quiet else MENTOR
        reasons.insert(0, Reason("quiet", {"days": quiet, "side": quiet_side}))

    if silence > SILENT_AFTER:
        health = SILENT
    elif silence > AT_RISK_AFTER or score < 55:
        health = AT_RISK
    elif silence > 1 or score < 80:
        health = COOLING
    else:
        health = HEALTHY
    if health == HEALTHY:
        reasons = [r for r in reasons if r.code == "time_short"] or [Reason("on_track")]
    return Assessment(
        health=health,
        score=max(0, min(100, score)),
        reasons=tuple(reasons),
        quiet_side=quiet_side,
        silence_ratio=round(silence, 2),
        time_short=time_short,
    )
