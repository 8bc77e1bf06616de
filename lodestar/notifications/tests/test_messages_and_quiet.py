"""Every registered kind renders; the helpers schedule at the right time; quiet hours across DST."""

from __future__ import annotations

import datetime as dt

import pytest

from lodestar.notifications import messages, scheduler
from lodestar.notifications.models import Notification
from lodestar.notifications.quiet import in_quiet_hours, next_local_time, quiet_until
from lodestar.notifications.registry import all_kinds, render_email, render_title

UTC = dt.UTC
START = dt.datetime(2026, 6, 10, 14, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_every_kind_renders_subject_text_html_and_title(alice):
    samples = {"mentee_name": "Ama", "mentor_name": "Bo", "other_name": "Chen", "starts_at": START.isoformat(),
               "days_waiting": 4, "days_quiet": 35, "reason": "two meetings missed", "program_name": "Rise",
               "items": [{"title": "Something", "link": "/x/"}]}
    kinds = all_kinds()
    assert {k.code for k in kinds} >= {
        "new_intro_request", "request_reminder", "request_expired", "intro_call_booked", "agenda_due",
        "meeting_reminder", "follow_up_due", "check_in_due", "relationship_at_risk", "survey_due",
        "match_published"}
    for kind in kinds:
        notice = Notification(kind=kind.code, recipient=alice.user, key=kind.code, context=samples, due_at=START)
        subject, text, html = render_email(notice)
        assert subject and "\n" not in subject and "{{" not in subject
        assert text.startswith("Hello Alice Mensah") and "{{" not in text
        assert html.lstrip().startswith("<!doctype html>") and "Alice Mensah" in html
        assert render_title(notice)


@pytest.mark.django_db
def test_helpers_schedule_relative_to_the_meeting(alice, bob):
    starts = dt.datetime(2026, 6, 12, 9, 0, tzinfo=UTC)
    agenda = messages.agenda_due(mentee=alice.user, other_name="Bob", meeting_id=7, starts_at=starts, link="/m/7/")
    reminder = messages.meeting_reminder(person=bob.user, other_name="Alice", meeting_id=7, starts_at=starts,
                                         link="/m/7/")
    follow = messages.follow_up_due(mentee=alice.user, other_name="Bob", meeting_id=7,
                                    ended_at=starts + dt.timedelta(minutes=30), link="/m/7/")
    assert agenda.due_at == starts - dt.timedelta(hours=24)
    assert reminder.due_at == starts - dt.timedelta(minutes=15)
    assert follow.due_at == starts + dt.timedelta(hours=20, minutes=30)
    again = messages.agenda_due(mentee=alice.user, other_name="Bob", meeting_id=7, starts_at=starts, link="/m/7/")
    assert again.pk == agenda.pk
    scheduler.tick(now=starts - dt.timedelta(minutes=1))
    assert set(Notification.objects.values_list("state", flat=True)) == {"done", "pending"}


@pytest.mark.parametrize("minute,expected", [(21 * 60 + 59, False), (22 * 60, True), (3 * 60, True),
                                             (7 * 60, False), (12 * 60, False)])
def test_quiet_hours_wrap_past_midnight(minute, expected):
    assert in_quiet_hours(minute, 22 * 60, 7 * 60) is expected


def test_daytime_quiet_hours_and_empty_ranges():
    assert in_quiet_hours(13 * 60, 12 * 60, 14 * 60)
    assert not in_quiet_hours(14 * 60, 12 * 60, 14 * 60)
    with pytest.raises(ValueError):
        in_quiet_hours(0, 600, 600)


def test_quiet_until_in_local_time_across_a_dst_change():
    # New York springs forward on 8 March 2026. 01:30 local on 8 March is still EST (UTC-5);
    # quiet hours end at 07:00 local, which is then EDT (UTC-4): 11:00 UTC.
    now = dt.datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    assert quiet_until(now, "America/New_York", 22 * 60, 7 * 60) == dt.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    # 23:00 local the evening before: the quiet night ends the next morning.
    evening = dt.datetime(2026, 3, 8, 4, 0, tzinfo=UTC)  # 23:00 EST on 7 March
    assert quiet_until(evening, "America/New_York", 22 * 60, 7 * 60) == dt.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    assert quiet_until(dt.datetime(2026, 3, 8, 16, 0, tzinfo=UTC), "America/New_York", 22 * 60, 7 * 60) is None
    assert quiet_until(now, "America/New_York", None, None) is None


def test_quiet_until_with_a_quarter_hour_offset():
    # Kathmandu is UTC+05:45: 02:00 local is 20:15 UTC the day before; 06:30 local is 00:45 UTC.
    now = dt.datetime(2026, 6, 9, 20, 15, tzinfo=UTC)
    assert quiet_until(now, "Asia/Kathmandu", 23 * 60, 6 * 60 + 30) == dt.datetime(2026, 6, 10, 0, 45, tzinfo=UTC)


def test_next_local_time_is_the_next_morning_in_their_zone():
    now = dt.datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # Sunday 25 Oct 08:00 in Sydney is 21:00 UTC (AEDT)
    assert next_local_time(now, "Australia/Sydney", 8 * 60) == dt.datetime(2026, 10, 25, 21, 0, tzinfo=UTC)
