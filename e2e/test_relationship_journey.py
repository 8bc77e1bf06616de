"""A mentorship from first request to the invitation to mentor, in a real browser, on a fake clock.

The request, the intro call and the sessions happen through the outreach and meetings services at
chosen instants in the weeks ahead (their own journeys test those pages); the daily health check
runs through the notification scheduler at those instants. What this journey tests in the
browser is the mentorship itself: the list, the agreement form, the health panel with its drafted
check-in during a silent month, the recovery, the ending with goals achieved and its thank-you
draft, the alumni list and the pay-it-forward form. Screenshots go to e2e/artifacts/mentorship-*.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from . import conftest
from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENTEE, MENTOR = "Arjun Mehta", "Elena Vasquez"



def shoot(page: Page, name: str) -> None:
    conftest.shoot(page, "mentorship", name)



@pytest.fixture
def pair():
    from lodestar.outreach.tests.conftest import EVENINGS, MORNINGS, make_mentor, make_person

    mentee = make_person(MENTEE, zone="Asia/Kolkata", windows=MORNINGS, email="arjun@example.org")
    mentor = make_mentor(MENTOR, email="elena@example.org", windows=EVENINGS)
    return mentee, mentor


def days_pass(start: dt.datetime, days: int) -> None:
    """The scheduler's passes, one a day, at instants on the fake clock."""
    from lodestar.notifications.scheduler import tick

    for n in range(days):
        tick(now=start + dt.timedelta(days=n))


def session(mentee, mentor, start: dt.datetime) -> None:
    from lodestar.meetings import booking
    from lodestar.meetings import services as meetings

    meeting = booking.meeting_book(mentee=mentee, mentor=mentor, kind="session", starts_at=start,
                                   minutes=30, now=start - dt.timedelta(hours=30))
    meetings.agenda_save(meeting=meeting, by=mentee, topics=["The quarterly review"],
                         questions=[], now=start - dt.timedelta(hours=28))
    meetings.follow_up_send(meeting=meeting, by=mentee, body="Thank you, next steps attached.",
                            now=start + dt.timedelta(hours=1))


def test_a_mentorship_from_request_to_passing_it_on(new_page, pair):
    from lodestar.meetings import booking
    from lodestar.meetings import services as meetings
    from lodestar.notifications.models import Notification
    from lodestar.outreach import services as outreach
    from lodestar.outreach.tests.conftest import good_message
    from lodestar.relationships.models import Relationship

    mentee, mentor = pair
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    t0 = now + dt.timedelta(hours=2)

    # The request, accepted; the intro call two days later and its follow-up.
    request = outreach.intro_request_send(
        mentee=mentee, mentor=mentor, cited_work=mentor.public_work.first(),
        **good_message(mentor), now=t0,
    )
    outreach.intro_request_accept(request=request, by=mentor, now=t0 + dt.timedelta(hours=1))
    intro_at = t0 + dt.timedelta(days=2)
    intro = booking.meeting_book(mentee=mentee, mentor=mentor, kind="intro", starts_at=intro_at,
                                 minutes=20, now=t0 + dt.timedelta(hours=2))
    meetings.follow_up_send(meeting=intro, by=mentee, body="Thank you for the call!",
                            now=intro_at + dt.timedelta(hours=1))
    rel = Relationship.objects.get(mentee=mentee, mentor=mentor)
    assert rel.state == "exploring"

    # The mentee writes down the agreement in the browser; the mentor acknowledges.
    page = new_page(timezone_id="Asia/Kolkata")
    log_in(page, "arjun@example.org")
    page.get_by_role("link", name="Mentorships", exact=True).click()
    expect(page.locator(".relationship-row")).to_contain_text("Exploring")
    page.get_by_role("link", name=MENTOR).click()
    expect(page.locator("#role-line")).to_contain_text(f"{MENTOR} mentors you.")
    expect(page.locator("#history li")).to_have_count(4)  # requested → ... → exploring
    page.get_by_label("How often you meet").select_option("biweekly")
    page.get_by_label("Minutes per meeting").fill("30")
    page.get_by_label("Video call").check()
    page.get_by_label("I will keep what we share confidential").check()
    shoot(page, "1-agreement")
    page.get_by_role("button", name="Agree and start").click()
    expect(page.locator("#state")).to_have_text("Active")
    expect(page.locator("#agreement-terms")).to_contain_text("30 minutes, Every two weeks")
    mentor_page = new_page(timezone_id="America/Los_Angeles")
    log_in(mentor_page, "elena@example.org")
    mentor_page.goto(rel.get_absolute_url())
    expect(mentor_page.locator("#role-line")).to_contain_text(f"You mentor {MENTEE}.")
    mentor_page.get_by_role("button", name="I keep what we share confidential").click()
    expect(mentor_page.locator("#agreement-terms")).to_contain_text("Acknowledged by both")

    # Two sessions, a fortnight apart, with agendas a day ahead and follow-ups: healthy.
    session(mentee, mentor, t0 + dt.timedelta(days=7))
    session(mentee, mentor, t0 + dt.timedelta(days=21))
    days_pass(t0 + dt.timedelta(days=3), 20)
    page.reload()
    expect(page.locator("#health")).to_contain_text("Healthy")

    # A silent month: the mentee gets a gentle check-in drafted, and a notice.
    days_pass(t0 + dt.timedelta(days=23), 30)
    page.reload()
    expect(page.locator("#health h2")).to_contain_text("Silent")
    expect(page.locator("#check-in textarea")).to_contain_text("no pressure")
    assert Notification.objects.filter(recipient=mentee.user, kind="check_in_due").exists()
    shoot(page, "2-silent")

    # Recovery: the mentor replies and they meet again.
    session(mentee, mentor, t0 + dt.timedelta(days=55))
    days_pass(t0 + dt.timedelta(days=53), 6)
    page.reload()
    expect(page.locator("#check-in")).to_have_count(0)
    expect(page.locator("#health h2")).not_to_contain_text("Silent")

    # Goals achieved: the mentee closes it, gets a thank-you drafted, and becomes alumni.
    page.get_by_label("Move to").select_option("ended")
    page.get_by_label("Why it ends").select_option("goals_achieved")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("#state")).to_have_text("Ended")
    page.locator("#history details.draft summary").last.click()
    expect(page.locator("#history details.draft textarea").last).to_contain_text("stay in touch")
    shoot(page, "3-ended")
    page.get_by_role("link", name="Mentorships", exact=True).click()
    expect(page.locator("#lineage")).to_contain_text(MENTOR)
    expect(page.get_by_text("alumni")).to_be_visible()

    # The invitation to mentor, with a profile drafted from the journey.
    page.locator("#invitation").get_by_role("button", name="Become a mentor").click()
    expect(page.get_by_label("What you can help with")).to_contain_text(MENTOR)
    page.get_by_label("Headline").fill("I help analysts present to senior leads")
    shoot(page, "4-pay-it-forward")
    page.get_by_role("button", name="Become a mentor").click()
    mentee.refresh_from_db()
    assert mentee.accepting_mentees and mentee.headline == "I help analysts present to senior leads"
