"""Health: the pure scoring engine, and weeks of a relationship on a fake clock driven through
the notification scheduler (the daily check rides on a due notification row)."""

from __future__ import annotations

import datetime as dt

import pytest

from lodestar.meetings import booking
from lodestar.meetings import services as meetings
from lodestar.notifications.models import Notification
from lodestar.notifications.scheduler import tick
from lodestar.outreach.tests.conftest import make_mentor
from lodestar.relationships import health, services
from lodestar.relationships.health import BOTH, MENTEE, MENTOR, Contact, Signals
from lodestar.relationships.models import HealthSnapshot, Relationship

UTC = dt.UTC


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, 2, hour, tzinfo=UTC) + dt.timedelta(days=day)  # a Monday


def test_weekends_do_not_count_as_silence():
    friday, monday = at(4, 17), at(7, 9)
    assert health.working_days_between(friday, monday, "UTC") == 1
    # Friday 17:00 UTC is already Saturday in Tokyo; Monday counts there too.
    assert health.working_days_between(friday, monday, "Asia/Tokyo") == 1
    assert health.working_days_between(at(0), at(14), "UTC") == 10


def test_silence_is_judged_against_both_time_zones():
    # Thursday 23:30 UTC is Friday morning in Tokyo: by Friday evening UTC, a day has passed in
    # UTC but not yet in Tokyo; the kinder count is used.
    last, now = at(3, 23) + dt.timedelta(minutes=30), at(4, 20)
    assert health.working_days_between(last, now, "UTC") == 1
    assert health.quiet_working_days(last, now, ("UTC", "Asia/Tokyo")) == 0


def _signals(cadence: int, quiet_days: int, **extra) -> Signals:
    now = at(60)
    last = now - dt.timedelta(days=quiet_days)
    return Signals(now=now, cadence_days=cadence, zones=("UTC", "UTC"), since=at(0),
                   contacts=(Contact(BOTH, last),), **extra)


def test_silence_is_judged_against_the_agreed_cadence():
    assert health.assess(_signals(30, 21)).health != health.SILENT
    three_weeks_weekly = health.assess(_signals(7, 21))
    assert three_weeks_weekly.health == health.SILENT
    assert three_weeks_weekly.reasons[0].code == "quiet"


def test_the_score_names_its_reasons():
    result = health.assess(_signals(
        7, 2, meetings_held=4, agendas_due=4, agendas_on_time=1, actions_due=4, actions_done=1,
        follow_ups_due=4, follow_ups_sent=0,
    ))
    codes = {r.code for r in result.reasons}
    assert {"cadence", "agendas", "actions", "follow_ups"} <= codes
    assert result.health in (health.COOLING, health.AT_RISK) and result.score < 80


def test_an_unanswered_message_points_at_the_quiet_side():
    now = at(30)
    s = Signals(now=now, cadence_days=7, zones=("UTC", "UTC"), since=at(0),
                contacts=(Contact(BOTH, at(5)), Contact(MENTEE, at(8)), Contact(MENTEE, at(12))))
    result = health.assess(s)
    assert result.quiet_side == MENTOR
    assert any(r.code == "unanswered" for r in result.reasons)


def test_several_cancellations_mean_time_is_short():
    result = health.assess(_signals(7, 1, meetings_held=4, cancelled=2))
    assert result.time_short and any(r.code == "time_short" for r in result.reasons)


# --- weeks on a fake clock -----------------------------------------------------------------------


def run_days(start: dt.datetime, days: int) -> None:
    """One scheduler pass a day at 10:00 UTC, as the worker would make."""
    for n in range(days):
        tick(now=start + dt.timedelta(days=n, hours=1))


def hold_session(mentee, mentor, start: dt.datetime) -> None:
    meeting = booking.meeting_book(mentee=mentee, mentor=mentor, kind="session", starts_at=start,
                                   minutes=30, now=start - dt.timedelta(hours=26))
    meetings.agenda_save(meeting=meeting, by=mentee, topics=["Planning"], questions=[],
                         now=start - dt.timedelta(hours=25))
    meetings.follow_up_send(meeting=meeting, by=mentee, body="Thanks, notes attached.",
                            now=start + dt.timedelta(hours=1))


def received(person, kind: str) -> int:
    return Notification.objects.filter(recipient=person.user, kind=kind).count()


@pytest.mark.django_db
def test_weeks_of_a_weekly_relationship_silence_check_in_move_on_and_recovery(mentee, mentor, t0, client):
    make_mentor("Nadia Other", email="nadia@example.org")  # who the mentee is offered instead
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="exploring", now=t0)
    intro = booking.meeting_book(mentee=mentee, mentor=mentor, kind="intro", starts_at=t0 + dt.timedelta(hours=2),
                                 minutes=20, now=t0)
    meetings.follow_up_send(meeting=intro, by=mentee, body="Thank you!", now=t0 + dt.timedelta(hours=3))
    services.agreement_make(relationship=rel, by=mentee, cadence="weekly", minutes=30, channels=["video"],
                            review_on=(t0 + dt.timedelta(days=90)).date(), acknowledge=True, now=t0 + dt.timedelta(hours=4))

    # Three good weeks: a session each Wednesday, agenda two days ahead, follow-up sent.
    for week in range(3):
        hold_session(mentee, mentor, t0 + dt.timedelta(days=7 * week + 3, hours=3))
        run_days(t0 + dt.timedelta(days=7 * week), 7)
    rel.refresh_from_db()
    assert rel.health == "healthy", rel.health_reasons
    assert rel.nudge_stage == 0 and received(mentee, "check_in_due") == 0

    # Then the mentor goes quiet; the mentee writes once and hears nothing.
    quiet_from = t0 + dt.timedelta(days=21)
    booking_next = booking.meeting_book(mentee=mentee, mentor=mentor, kind="session",
                                        starts_at=quiet_from + dt.timedelta(days=2, hours=3), minutes=30,
                                        now=quiet_from)
    meetings.async_update_send(meeting=booking_next, author=mentee, body="A short update from me.",
                               now=quiet_from + dt.timedelta(days=1))
    run_days(quiet_from, 14)
    rel.refresh_from_db()
    assert rel.health == "silent"
    assert received(mentee, "check_in_due") == 1  # to the side still here, once
    assert received(mentor, "check_in_due") == 0
    page = client_for(client, mentee).get(rel.get_absolute_url())
    assert b"Just checking in, with no pressure" in page.content

    run_days(quiet_from + dt.timedelta(days=14), 8)
    rel.refresh_from_db()
    assert rel.nudge_stage == 2 and received(mentee, "relationship_at_risk") == 1
    page = client_for(client, mentee).get(rel.get_absolute_url())
    assert b'id="move-on"' in page.content and b"/mentors/" in page.content
    assert b'id="new-matches"' in page.content and b"Nadia Other" in page.content

    # Recovery: the mentor answers with a meeting and the pair is back on track.
    back = quiet_from + dt.timedelta(days=22)
    hold_session(mentee, mentor, back + dt.timedelta(days=3, hours=3))
    run_days(back, 6)
    rel.refresh_from_db()
    assert rel.health in ("healthy", "cooling") and rel.nudge_stage == 0
    labels = list(HealthSnapshot.objects.filter(relationship=rel).values_list("health", flat=True))
    assert labels.count("silent") >= 1 and labels[-1] == rel.health
    assert len(labels) == len(set(HealthSnapshot.objects.filter(relationship=rel).values_list("at", flat=True)))


@pytest.mark.django_db
def test_each_days_check_runs_once_however_often_the_scheduler_ticks(mentee, mentor, t0):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active", now=t0)
    for _ in range(3):
        tick(now=t0 + dt.timedelta(days=1, hours=1))
    assert HealthSnapshot.objects.filter(relationship=rel).count() == 1
    tick(now=t0 + dt.timedelta(days=5))  # a scheduler that was down catches up with one check
    assert HealthSnapshot.objects.filter(relationship=rel).count() == 2


@pytest.mark.django_db
def test_ended_relationships_are_no_longer_checked(mentee, mentor, t0):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active", now=t0)
    services.relationship_transition(relationship=rel, to="ended", by=mentee, end_reason="time_constraints", now=t0)
    tick(now=t0 + dt.timedelta(days=2))
    assert not HealthSnapshot.objects.filter(relationship=rel).exists()
    assert Relationship.objects.get(pk=rel.pk).health_checked_at is None


def client_for(client, person):
    client.force_login(person.user)
    return client


def test_meetings_expected_are_whole_cadence_periods_without_pauses():
    day = dt.timedelta(days=1)
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert health.meetings_expected(t0, t0 + 95 * day, 30) == 3
    assert health.meetings_expected(t0, t0 + 29 * day, 30) == 0
    assert health.meetings_expected(t0, t0 + 95 * day, 14, [(t0 + 14 * day, t0 + 70 * day)]) == 2
    # a pause before the agreement or running past the end only counts where they overlap
    paused = [(t0 - 10 * day, t0 + 7 * day), (t0 + 21 * day, t0 + 99 * day)]
    assert health.meetings_expected(t0, t0 + 28 * day, 7, paused) == 2
    assert health.meetings_expected(t0 + day, t0, 7) == 0
