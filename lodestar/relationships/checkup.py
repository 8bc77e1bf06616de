"""The periodic health check: gather each relationship's signals, store its health (and a
snapshot for the history), and nudge when one side goes quiet.

It runs through the notification machinery: each open relationship has one due
``relationship_health_check`` row a day (keyed by date, so a check is never done twice and a
missed one waits in the database until the scheduler runs). When delivery claims the row, the
receiver in ``signals`` calls ``relationship_health_check`` and the next day's row is scheduled.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lodestar.meetings.models import (
    ActionItem,
    Agenda,
    AsyncUpdate,
    FollowUp,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Note,
    Takeaway,
)
from lodestar.notifications.services import notify

from . import health, notices
from .models import CADENCE_DAYS, Feedback, Gratitude, HealthSnapshot, Relationship, State

WINDOW = dt.timedelta(days=90)
CHECKED = (State.EXPLORING, State.ACTIVE)
EXPLORING_CADENCE = 14


def _side(relationship: Relationship, person_id: int) -> str:
    return health.MENTEE if person_id == relationship.mentee_id else health.MENTOR


def signals(relationship: Relationship, now: dt.datetime) -> health.Signals:
    agreement = getattr(relationship, "agreement", None)
    cadence = CADENCE_DAYS[agreement.cadence] if agreement else EXPLORING_CADENCE
    began = relationship.started_at or relationship.created_at
    since = max(began, now - WINDOW)
    a, b = relationship.mentee, relationship.mentor
    pair = Meeting.objects.between(a, b)
    recent = pair.filter(starts_at__gte=since, starts_at__lte=now)
    held = list(recent.held(now).exclude(kind=MeetingKind.INTRO))
    contacts = [health.Contact(health.BOTH, m.ends_at) for m in held]
    updates = list(
        AsyncUpdate.objects.filter(Q(mentee=a, mentor=b) | Q(mentee=b, mentor=a))
        .filter(created_at__gte=since, created_at__lte=now)
    )
    contacts += [health.Contact(_side(relationship, u.author_id), u.created_at) for u in updates]
    for model, who in ((Feedback, "author_id"), (Gratitude, "author_id")):
        for row in model.objects.filter(relationship=relationship, created_at__gte=since,
                                        created_at__lte=now).values(who, "created_at"):
            contacts.append(health.Contact(_side(relationship, row[who]), row["created_at"]))
    for model in (Takeaway, Note):
        rows = model.objects.filter(meeting__in=pair, created_at__gte=since, created_at__lte=now)
        if model is Note:
            rows = rows.filter(shared=True)
        for author_id, at in rows.values_list("author_id", "created_at"):
            contacts.append(health.Contact(_side(relationship, author_id), at))
    agendas = {
        ag.meeting_id: ag.submitted_at
        for ag in Agenda.objects.filter(meeting__in=[m.pk for m in held])
    }
    for at in agendas.values():
        if at and since <= at <= now:
            contacts.append(health.Contact(health.MENTEE, at))
    hours = agreement.agenda_hours_before if agreement else 24
    on_time = sum(
        1
        for m in held
        if agendas.get(m.pk) and agendas[m.pk] <= m.starts_at - dt.timedelta(hours=hours)
    )
    follow_ups = {
        f.meeting_id: f.sent_at
        for f in FollowUp.objects.filter(meeting__in=[m.pk for m in held], sent_at__isnull=False)
    }
    for at in follow_ups.values():
        contacts.append(health.Contact(health.MENTEE, at))
    items = ActionItem.objects.of_pair(a, b).filter(created_at__gte=since, created_at__lte=now)
    today = now.date()
    stale = now - dt.timedelta(days=cadence)
    due = items.filter(Q(due_on__lt=today) | Q(due_on__isnull=True, created_at__lte=stale))
    done = items.filter(done_at__isnull=False, done_at__lte=now)
    for owner_id, at in done.values_list("owner_id", "done_at"):
        contacts.append(health.Contact(_side(relationship, owner_id), at))
    cancelled = recent.filter(status=MeetingStatus.CANCELLED).count()
    return health.Signals(
        now=now,
        cadence_days=cadence,
        zones=(str(a.time_zone), str(b.time_zone)),
        since=since,
        contacts=tuple(contacts),
        meetings_held=len(held) + len(updates),
        agendas_due=len(held),
        agendas_on_time=on_time,
        actions_due=due.count(),
        actions_done=due.filter(done_at__isnull=False, done_at__lte=now).count(),
        follow_ups_due=len(held),
        follow_ups_sent=len(follow_ups),
        cancelled=cancelled,
    )


def reason_text(reason: dict) -> str:
    """One stored reason as a sentence for the pair."""
    code, p = reason.get("code"), reason.get("params", {})
    if code == "on_track":
        return _("Meetings and messages keep to the rhythm you agreed.")
    if code == "quiet":
        side = {
            "mentee": _("from the mentee"),
            "mentor": _("from the mentor"),
            "both": _("from either of you"),
        }.get(p.get("side"), "")
        return ngettext(
            "Nothing %(side)s for %(n)d working day, longer than your rhythm.",
            "Nothing %(side)s for %(n)d working days, longer than your rhythm.",
            p.get("days", 0),
        ) % {"side": side, "n": p.get("days", 0)}
    if code == "cadence":
        return _("%(held)d of %(expected)d meetings you agreed have taken place.") % p
    if code == "unanswered":
        return ngettext(
            "%(n)d message is waiting for an answer.",
            "%(n)d messages are waiting for an answer.",
            p.get("n", 0),
        ) % p
    if code == "slow_replies":
        return _("Most answers took longer than %(hours)d hours.") % p
    if code == "agendas":
        return _("%(on_time)d of %(due)d agendas arrived a day ahead.") % p
    if code == "actions":
        return _("%(done)d of %(due)d action items are done.") % p
    if code == "follow_ups":
        return _("%(sent)d of %(due)d meetings had a follow-up.") % p
    if code == "time_short":
        return _("Several meetings were called off: time may be the problem.")
    return ""


def schedule(relationship: Relationship, *, at: dt.datetime) -> None:
    """The next day's check, as a due notification row (idempotent by its key)."""
    notify(
        kind="relationship_health_check",
        recipient=relationship.mentee.user,
        key=f"relationship:{relationship.pk}:health:{at:%Y-%m-%d}",
        context={"relationship_id": relationship.pk},
        due_at=at,
    )


@transaction.atomic
def relationship_health_check(
    *, relationship_id: int, now: dt.datetime | None = None
) -> health.Assessment | None:
    """Assess one relationship, store it, nudge if needed, and schedule the next check."""
    now = now or timezone.now()
    relationship = (
        Relationship.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentor__user", "agreement")
        .filter(pk=relationship_id)
        .first()
    )
    if relationship is None or relationship.state not in CHECKED:
        return None
    found = signals(relationship, now)
    result = health.assess(found)
    reasons = [{"code": r.code, "params": r.params} for r in result.reasons]
    relationship.health, relationship.health_score = result.health, result.score
    relationship.health_reasons, relationship.health_checked_at = reasons, now
    _nudge(relationship, result, now, found)
    relationship.save(
        update_fields=[
            "health", "health_score", "health_reasons", "health_checked_at", "nudge_stage",
            "nudged_at",
        ]
    )
    HealthSnapshot.objects.create(
        relationship=relationship, at=now, health=result.health, score=result.score,
        reasons=reasons,
    )
    schedule(relationship, at=now + dt.timedelta(days=1))
    return result


def _nudge(
    relationship: Relationship, result: health.Assessment, now: dt.datetime, found: health.Signals
) -> None:
    """Silent: draft a check-in for the side still here; still silent after another stretch of
    the cadence: suggest moving on. Back to healthy or cooling resets the nudges."""
    if result.health != health.SILENT or result.quiet_side is None:
        if result.health in (health.HEALTHY, health.COOLING):
            relationship.nudge_stage, relationship.nudged_at = 0, None
        return
    # When both went quiet, the mentee (who owns the logistics) gets the check-in.
    waiting = relationship.mentor if result.quiet_side == health.MENTEE else relationship.mentee
    if relationship.nudge_stage == 0:
        relationship.nudge_stage, relationship.nudged_at = 1, now
        last = max((c.at for c in found.contacts), default=found.since)
        days = (now - last).days
        notices.check_in(relationship=relationship, recipient=waiting, days_quiet=days)
        return
    agreement = getattr(relationship, "agreement", None)
    cadence = CADENCE_DAYS[agreement.cadence] if agreement else EXPLORING_CADENCE
    wait = dt.timedelta(days=max(7, cadence // 2))
    nudged = relationship.nudged_at
    if relationship.nudge_stage == 1 and nudged and now - nudged >= wait:
        relationship.nudge_stage, relationship.nudged_at = 2, now
        notices.move_on(relationship=relationship, recipient=waiting, on=now.date())
