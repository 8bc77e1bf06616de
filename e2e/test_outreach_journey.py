"""A mentee in Kolkata writes to the mentor Lodestar recommends, in a real browser.

Arjun opens the directory, where Elena (Los Angeles) comes first with the reasons and the hours
they share on both clocks. He opens the composer, which has drafted a first message from his
goal and Elena's talk; he asks for an hour, the live coach objects, he goes back to twenty
minutes, and sends. Elena logs in, accepts, and offers two times from the ones they share; Arjun
books one with a click. Screenshots of each step go to e2e/artifacts/outreach-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from . import conftest
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENTEE, MENTEE_ZONE = "Arjun Mehta", "Asia/Kolkata"
MENTOR, MENTOR_ZONE = "Elena Vasquez", "America/Los_Angeles"
TALK = "Building data teams that last"


@pytest.fixture
def people():
    from lodestar.goals import services as goals
    from lodestar.matching.directory import mentor_index_clear
    from lodestar.people import services
    from lodestar.people.tests.factories import ProfileFactory

    mentor_index_clear()
    mentee = ProfileFactory(
        display_name=MENTEE, user__email="arjun@example.org", time_zone=MENTEE_ZONE
    )
    services.profile_update(
        profile=mentee, job_title="Data engineer", organization="Kolkata Freight"
    )
    goals.goal_create(
        owner=mentee,
        horizon="short",
        text="Lead the data platform team of four by next spring",
        measure="Running our quarterly planning on my own",
        target_date=dt.date.today() + dt.timedelta(days=270),
    )
    goals.skill_gap_add(profile=mentee, name="Data engineering")
    goals.guidance_set(profile=mentee, weights={"career": 3})
    mentor = ProfileFactory(
        display_name=MENTOR, user__email="elena@example.org", time_zone=MENTOR_ZONE
    )
    services.profile_update(
        profile=mentor,
        headline="Staff data engineer who grew a platform team from two to twelve",
        job_title="Staff data engineer",
        organization="Cascade Health",
        seniority=5,
        mentorship_types=["informal", "virtual"],
        guidance_offered=["career"],
        max_mentees=2,
        accepting_mentees=True,
    )
    services.public_work_add(profile=mentor, kind="talk", title=TALK, year=2024)
    services.profile_set_skills(profile=mentor, skills=[], expertise=["Data engineering"])
    other = ProfileFactory(
        display_name="Omar Faruk", user__email="omar@example.org", time_zone="Europe/Berlin"
    )
    services.profile_update(
        profile=other,
        job_title="Gardener",
        mentorship_types=["formal"],
        guidance_offered=["technical"],
        max_mentees=1,
        accepting_mentees=True,
    )
    for person in (mentee, mentor, other):
        services.language_set(profile=person, language="en", proficiency=5)
    for day in range(5):  # weekday evenings in Los Angeles are the next mornings in Kolkata
        services.availability_add(
            profile=mentor, weekday=day, start_minute=17 * 60, end_minute=21 * 60
        )
        services.availability_add(
            profile=mentee, weekday=(day + 1) % 7, start_minute=7 * 60, end_minute=10 * 60
        )
    yield mentee, mentor
    mentor_index_clear()



def shoot(page: Page, name: str) -> None:
    conftest.shoot(page, "outreach", name)



def test_a_mentee_writes_to_the_recommended_mentor_who_accepts_and_offers_times(new_page, people):
    from lodestar.meetings.models import Meeting
    from lodestar.outreach.models import IntroRequest

    page = new_page(timezone_id=MENTEE_ZONE)
    log_in(page, "arjun@example.org")

    # The directory recommends Elena first, says why, and shows the shared hours on both clocks.
    page.get_by_role("link", name="Find a mentor").click()
    first = page.locator(".mentor-card").first
    expect(first.get_by_role("heading")).to_contain_text(MENTOR)
    expect(first.locator(".reasons li").first).to_be_visible()
    mine, theirs = first.locator(".shared-hours tbody tr").first.locator("td").all_inner_texts()
    assert mine.split()[0] != theirs.split()[0], (mine, theirs)  # the next day in Kolkata
    shoot(page, "1-directory")

    # The composer drafted a message from his goal and her talk; the coach is content.
    first.get_by_role("button", name=f"Write to {MENTOR}").click()
    expect(page.get_by_role("heading", name=f"Write to {MENTOR}")).to_be_visible()
    body = page.get_by_label("Your message")
    expect(body).to_have_value(re.compile(rf"your talk “{TALK}”"))
    expect(body).to_have_value(re.compile(r"lead the data platform team of four"))
    expect(page.locator("#coach")).to_contain_text("Ready to send")
    shoot(page, "2-draft")

    # He asks for an hour: the coach flags it as he types; twenty minutes again and it is happy.
    draft = body.input_value()
    assert "20-minute conversation" in draft
    body.fill(draft.replace("20-minute conversation", "one-hour call"))
    finding = page.locator("#coach .finding-long_ask")
    expect(finding).to_contain_text("60 minutes or more")
    expect(finding).to_contain_text("Ask for 15 to 20 minutes")
    shoot(page, "3-coach-finding")
    body.fill(draft)
    expect(page.locator("#coach .finding")).to_have_count(0)
    expect(page.locator("#coach")).to_contain_text("Coach score: 100")
    page.get_by_role("button", name=f"Send to {MENTOR}").click()

    expect(page.locator("#messages")).to_contain_text("Sent.")
    expect(page.locator(".state").first).to_have_text("Waiting for an answer")
    shoot(page, "4-sent")
    req = IntroRequest.objects.get()
    assert req.coach_score == 100 and req.cited_work.title == TALK

    # Elena logs in, finds the request, accepts, and offers two of the times they share.
    mentor_page = new_page(timezone_id=MENTOR_ZONE)
    log_in(mentor_page, "elena@example.org")
    mentor_page.get_by_role("link", name="Requests").click()
    mentor_page.get_by_role("link", name=re.compile(MENTEE)).click()
    expect(mentor_page.locator(".message-body").first).to_contain_text("Dear Elena,")
    shoot(mentor_page, "5-mentor-reads")
    mentor_page.get_by_role("button", name="Accept").click()
    expect(mentor_page.locator("#messages")).to_contain_text("Accepted.")
    times = mentor_page.locator("#times input[name=times]")
    expect(times.first).to_be_visible()
    times.nth(0).check()
    times.nth(1).check()
    shoot(mentor_page, "6-mentor-times")
    mentor_page.get_by_role("button", name="Offer these times").click()
    expect(mentor_page.locator("#messages")).to_contain_text(f"{MENTEE} can now book")
    expect(mentor_page.locator("#times .proposed li")).to_have_count(2)
    shoot(mentor_page, "7-mentor-offered")

    # Arjun sees the offer on his own clock and books one with a click.
    page.reload()
    expect(page.locator(".state").first).to_have_text("Accepted")
    offers = page.locator("#times .proposed button")
    expect(offers).to_have_count(2)
    shoot(page, "8-mentee-offer")
    offers.first.click()
    expect(page.get_by_role("heading", name=f"Intro call with {MENTOR}")).to_be_visible()
    meeting = Meeting.objects.get()
    assert (meeting.ends_at - meeting.starts_at) == dt.timedelta(minutes=20)
    assert IntroRequest.objects.get().meeting == meeting
    shoot(page, "9-booked")
