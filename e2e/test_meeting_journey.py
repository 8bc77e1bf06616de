"""A mentee in Kolkata and a mentor in Los Angeles meet for the first time, in a real browser.

The mentee finds a slot that suits both, books it, and both receive an invitation (read from the
test mailbox and parsed as a calendar would). The mentee writes the agenda with the question
coach, the mentor reads it on their own clock, the timer warns near the end, and afterwards the
mentee records takeaways and an action item and sends the follow-up.

The server runs in this process, so the test can let time pass by moving the meeting (and both
people's seats) earlier; everything else happens through the pages. Screenshots of each step go
to e2e/artifacts/meeting-*.png for review.
"""

from __future__ import annotations

import datetime as dt
import re

import ics
import pytest
from playwright.sync_api import Page, expect

from . import conftest
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENTEE, MENTEE_ZONE = "Arjun Mehta", "Asia/Kolkata"
MENTOR, MENTOR_ZONE = "Elena Vasquez", "America/Los_Angeles"
CLOSED = "Do you enjoy leading a data team?"
QUESTIONS = [
    "How did you decide when to stop writing pipelines yourself?",
    "What did your first quarter as a lead teach you?",
    "What would you do in my place with a team of four?",
]


@pytest.fixture
def people():
    from lodestar.people import services
    from lodestar.people.tests.factories import ProfileFactory

    mentee = ProfileFactory(
        display_name=MENTEE, user__email="arjun@example.org", time_zone=MENTEE_ZONE
    )
    mentor = ProfileFactory(
        display_name=MENTOR, user__email="elena@example.org", time_zone=MENTOR_ZONE
    )
    services.profile_update(
        profile=mentor,
        headline="Staff data engineer who grew a platform team from two to twelve",
        job_title="Staff data engineer",
        organization="Cascade Health",
        mentorship_types=["informal", "virtual"],
        max_mentees=2,
        accepting_mentees=True,
    )
    services.public_work_add(profile=mentor, kind="talk", title="Building data teams that last")
    for day in range(5):  # weekday evenings in Los Angeles, weekday-morning mornings in Kolkata
        services.availability_add(
            profile=mentor, weekday=day, start_minute=17 * 60, end_minute=21 * 60
        )
        services.availability_add(
            profile=mentee, weekday=(day + 1) % 7, start_minute=7 * 60, end_minute=10 * 60
        )
    return mentee, mentor



def shoot(page: Page, name: str) -> None:
    conftest.shoot(page, "meeting", name)



def send_queued_mail() -> None:
    """What the scheduler does every second in production: deliver what is due."""
    from lodestar.notifications.scheduler import tick

    tick()


def time_passes(meeting, *, started_minutes_ago: float) -> None:
    from lodestar.meetings.models import Meeting, MeetingSeat

    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(
        minutes=started_minutes_ago
    )
    end = start + (meeting.ends_at - meeting.starts_at)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=end)
    MeetingSeat.objects.filter(meeting=meeting).update(starts_at=start, ends_at=end)


def calendar_event(message) -> ics.Event:
    [(name, content, mimetype)] = message.attachments
    assert name == "invite.ics" and mimetype.startswith("text/calendar; method=REQUEST")
    calendar = ics.Calendar(content.decode() if isinstance(content, bytes) else content)
    assert calendar.method == "REQUEST"
    [event] = calendar.events
    return event


def test_a_first_meeting_across_thirteen_time_zones(new_page, people, mailoutbox):
    from lodestar.meetings.models import Meeting
    from lodestar.notifications.models import Notification

    _mentee, mentor = people
    page = new_page(timezone_id=MENTEE_ZONE)
    log_in(page, "arjun@example.org")

    # Find the mentor and a slot: the best fit is in Arjun's working morning and Elena's evening
    # of the day before.
    page.goto(f"/people/{mentor.pk}/")
    page.get_by_role("button", name="Book a meeting").click()
    expect(page.get_by_role("heading", name=f"Book a meeting with {MENTOR}")).to_be_visible()
    # Another length means other free times: htmx asks for them without reloading the page.
    length = page.get_by_label("Length in minutes")
    for minutes in ("15", "20"):
        with page.expect_response(
            lambda r: "/meetings/book/" in r.url and "minutes=" in r.url
        ) as answer:
            length.fill(minutes)
            length.press("Tab")
        assert f"minutes={minutes}" in answer.value.url and "csrf" not in answer.value.url
        expect(page.get_by_label("Length in minutes")).to_have_value(minutes)
    first = page.locator("label.slot").first
    expect(first.locator("input")).to_be_checked()
    mine, theirs = (
        first.locator(".slot-mine").inner_text(),
        first.locator(".slot-theirs").inner_text(),
    )
    assert mine.endswith(", working hours") and theirs.endswith(", evening"), (mine, theirs)
    assert mine[:3] != theirs[:3], "Kolkata's morning is the previous day in Los Angeles"
    shoot(page, "1-book")
    page.get_by_role("button", name="Book and send the invitation").click()

    expect(page.get_by_role("heading", name=f"Intro call with {MENTOR}")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Booked.")
    meeting = Meeting.objects.get()
    expect(page.locator(".my-time")).to_contain_text(mine.split(", working")[0].split(", ")[-1])
    expect(page.locator(".their-time")).to_contain_text(f"evening for {MENTOR}")
    expect(page.locator("#timer")).to_contain_text("Starts in")
    shoot(page, "2-booked")

    # Both receive the invitation; the calendar file says the same instant to any parser.
    send_queued_mail()
    invites = {m.to[0]: m for m in mailoutbox if m.attachments}
    assert set(invites) == {"arjun@example.org", "elena@example.org"}
    for message in invites.values():
        event = calendar_event(message)
        assert event.begin.to("UTC").datetime == meeting.starts_at
        assert event.uid == meeting.uid
    assert "(Asia/Kolkata)" in invites["arjun@example.org"].body
    assert "(America/Los_Angeles)" in invites["elena@example.org"].body

    # The agenda: the coach flags a closed question as it is typed, and is happy with open ones.
    page.get_by_role("button", name="Write the agenda").click()
    questions = page.get_by_label("Your questions")
    questions.fill("\n".join([CLOSED, *QUESTIONS[:2]]))
    expect(page.locator("#coach .hint-closed")).to_contain_text(CLOSED)
    shoot(page, "3-coach")
    questions.fill("\n".join(QUESTIONS))
    expect(page.locator("#coach")).to_contain_text("Good preparation")
    page.get_by_label("Progress since last time").fill(
        "Took over the ingestion team's on-call rota in March."
    )
    page.get_by_role("button", name=f"Save and share with {MENTOR}").click()
    expect(page.locator("#messages")).to_contain_text("Agenda saved")
    expect(page.locator("#agenda .agenda-questions li")).to_have_text(QUESTIONS)

    # The mentor sees it on her own clock, with Arjun's beside it.
    mentor_page = new_page(timezone_id=MENTOR_ZONE)
    log_in(mentor_page, "elena@example.org")
    mentor_page.get_by_role("link", name="Meetings").click()
    row = mentor_page.locator(".meeting-rows li").first
    expect(row.locator(".my-time")).to_contain_text(theirs.split(", evening")[0].split(", ")[-1])
    expect(row.locator(".their-time")).to_contain_text(f"working hours for {MENTEE}")
    shoot(mentor_page, "4-mentor-list")
    row.get_by_role("link").click()
    expect(mentor_page.locator("#agenda")).to_contain_text(QUESTIONS[0])
    shoot(mentor_page, "5-mentor-view")

    # During the call: near the agreed end, the timer says so.
    time_passes(meeting, started_minutes_ago=18)
    page.reload()
    expect(page.locator("#timer")).to_have_attribute("data-state", "warning")
    expect(page.locator("#timer [role=alert]")).to_contain_text("time to start wrapping up")
    shoot(page, "6-timer")

    # Afterwards: takeaways and an action item, then the follow-up drafted from them.
    time_passes(meeting, started_minutes_ago=30)
    page.reload()
    expect(page.locator("#timer")).to_have_count(0)
    after = page.locator("#after")
    for takeaway in ("Hand over one pipeline a month", "Write decisions down before the meeting"):
        after.get_by_label("Takeaway").fill(takeaway)
        after.get_by_role("button", name="Add takeaway").click()
        expect(page.locator("#after .takeaway-list")).to_contain_text(takeaway)
    after = page.locator("#after")
    after.get_by_label("Action").fill("Draft a team charter and share it with Elena")
    after.get_by_label("Due").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    after.get_by_role("button", name="Add action").click()
    expect(page.locator("#after .action-list")).to_contain_text("Draft a team charter")
    draft = page.locator("#after").get_by_label("Your message")
    expect(draft).to_have_value(re.compile(r"- Hand over one pipeline a month"))
    expect(draft).to_have_value(re.compile(r"- Draft a team charter and share it with Elena \(by "))
    shoot(page, "7-after")
    page.locator("#after").get_by_role("button", name=f"Send to {MENTOR}").click()
    expect(page.locator("#after .sent")).to_contain_text("Sent on")
    shoot(page, "8-sent")

    send_queued_mail()
    [follow_up] = [
        m for m in mailoutbox if m.to == ["elena@example.org"] and "Thank you" in m.subject
    ]
    assert "Write decisions down before the meeting" in follow_up.body
    reminder = Notification.objects.get(kind="follow_up_due")
    assert reminder.state == "cancelled"
