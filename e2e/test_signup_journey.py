"""A newcomer's first session, in a real browser: sign up, verify, fill in the profile, look around.

The live server runs in a thread of this process, so the verification email lands in the
test mailbox (locmem backend) and the test reads the link from there, as a person would.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Priya Raman"
EMAIL = "priya@example.org"
PASSWORD = "a long mentoring passphrase 7"
BROWSER_ZONE = "Asia/Kolkata"
LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def sign_up(page: Page, *, name: str = NAME, email: str = EMAIL) -> str:
    """Fill the sign-up form, submit it with Enter; return the zone the page's JS preselected."""
    page.goto("/accounts/signup/")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    preselected = page.get_by_label("Time zone").input_value()
    page.get_by_label("Password (again)").press("Enter")
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    return preselected


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")


def verification_link(mailbox, email: str) -> str:
    [message] = [m for m in mailbox if email in m.to]
    match = LINK.search(message.body)
    assert match, f"no confirmation link in the email:\n{message.body}"
    return match[0]


def percent(page: Page) -> int:
    return int(page.locator("#completeness-figure").inner_text().rstrip("%"))


class Meter:
    """Follows the completeness meter across htmx saves and proves the page never reloads."""

    def __init__(self, page: Page):
        self.page = page
        page.evaluate("window.__sameDocument = true")
        self.value = percent(page)

    def save(self, section: str, submit, *, rises: bool = True) -> None:
        with self.page.expect_response(
            lambda r: r.url.endswith(f"/me/{section}/") and r.request.method == "POST"
        ) as response:
            submit()
        assert response.value.status == 200, f"saving {section}: HTTP {response.value.status}"
        assert response.value.request.headers.get("hx-request") == "true", "not an htmx request"
        figure = self.page.locator("#completeness-figure")
        if rises:
            expect(figure).not_to_have_text(f"{self.value}%")
            new = percent(self.page)
            assert new > self.value, f"meter went from {self.value}% to {new}% after {section}"
            self.value = new
        else:
            expect(figure).to_have_text(f"{self.value}%")
        assert self.page.evaluate("window.__sameDocument === true"), f"{section}: full page reload"


def test_signup_form_preselects_the_browsers_time_zone(new_page):
    page = new_page(timezone_id=BROWSER_ZONE)
    page.goto("/accounts/signup/")
    zone = page.get_by_label("Time zone")
    expect(zone).not_to_have_value("UTC")  # the page's JS ran and changed the server's default
    browser_says = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert zone.input_value() == BROWSER_ZONE, (
        f"the sign-up form preselected {zone.input_value()!r}, not {BROWSER_ZONE!r}: Chromium "
        f"reports the legacy alias {browser_says!r} and lodestar/static/lodestar/app.js copies "
        "it verbatim (the zone list also offers legacy aliases)."
    )


def test_login_before_verifying_gives_no_access(new_page, mailoutbox):
    page = new_page(timezone_id=BROWSER_ZONE)
    sign_up(page)
    log_in(page, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert "/dashboard/" not in page.url
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/$"))
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def type_into(field, text: str) -> None:
    """Put the keyboard focus on a field, clear it and type, as a person would."""
    field.focus()
    field.press("Control+A")
    field.page.keyboard.type(text)


def test_newcomer_signs_up_verifies_and_completes_profile(new_page, mailoutbox):
    page = new_page(timezone_id=BROWSER_ZONE)
    zone = sign_up(page)
    # The page's JS picked the browser's zone (the exact name is checked in its own test above).
    assert ZoneInfo(zone).utcoffset(dt.datetime(2026, 1, 1)) == dt.timedelta(hours=5, minutes=30)

    # The verification email is in the test mailbox; its link confirms and logs in.
    link = verification_link(mailoutbox, EMAIL)
    page.goto(link)
    confirm = page.get_by_role("button", name="Confirm")
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name=f"Welcome, {NAME}")).to_be_visible()
    expect(page.locator("footer.site-footer")).to_contain_text(f"Times are shown in {zone}.")

    page.get_by_role("link", name="My profile").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/$"))
    meter = Meter(page)
    assert meter.value == 0

    # About: type, Tab past the bio and photo to Save, press Space.
    about = page.locator("#about")
    type_into(about.get_by_label("Headline"), "Data engineer learning to lead a team")
    page.keyboard.press("Tab")
    page.keyboard.type(
        "Eight years building data pipelines for public health programmes in Chennai. "
        "I would like help with my first lead role, and can share what I know about Python."
    )
    page.keyboard.press("Tab")  # the photo picker
    page.keyboard.press("Tab")
    expect(about.get_by_role("button", name="Save")).to_be_focused()
    meter.save("about", lambda: page.keyboard.press("Space"))
    expect(page.locator("#messages")).to_contain_text("Saved.")

    # Work: text fields, the seniority select by type-ahead, Enter submits.
    work = page.locator("#work")
    type_into(work.get_by_label("Job title"), "Senior data engineer")
    type_into(work.get_by_label("Organization"), "Janani Health Trust")
    work.get_by_label("Seniority").focus()
    page.keyboard.type("Senior")
    expect(work.get_by_label("Seniority")).to_have_value("4")
    meter.save("work", lambda: work.get_by_label("Organization").press("Enter"))

    # Where you are: the country by type-ahead, Tab over the zone to Save, Enter.
    place = page.locator("#place")
    place.get_by_label("Country").focus()
    page.keyboard.type("India")
    expect(place.get_by_label("Country")).to_have_value("IN")
    page.keyboard.press("Tab")  # time zone
    page.keyboard.press("Tab")
    expect(place.get_by_role("button", name="Save")).to_be_focused()
    meter.save("place", lambda: page.keyboard.press("Enter"))

    # A language: two selects and the Add button.
    languages = page.locator("#languages")
    languages.get_by_label("Language").focus()
    page.keyboard.type("Tamil")
    page.keyboard.press("Tab")
    page.keyboard.type("Native")
    page.keyboard.press("Tab")
    expect(languages.get_by_role("button", name="Add language")).to_be_focused()
    meter.save("languages", lambda: page.keyboard.press("Enter"))
    expect(languages.locator(".item-list")).to_contain_text("Tamil · Native")

    # Skills, comma-separated; Enter submits.
    skills = page.locator("#skills")
    type_into(skills.get_by_label("Your skills"), "Python, SQL, data pipelines, public speaking")
    meter.save("skills", lambda: page.keyboard.press("Enter"))
    # Listed alphabetically, whatever the case they were typed in.
    expect(skills.get_by_label("Your skills")).to_have_value(
        "data pipelines, public speaking, Python, SQL"
    )

    # Availability: Monday 09:00 to 12:00. Headless Chromium ignores digits typed into an
    # <input type=time>, so the times are filled; Enter in the field submits.
    availability = page.locator("#availability")
    availability.get_by_label("Day:", exact=True).focus()
    page.keyboard.type("Monday")
    availability.get_by_label("From").fill("09:00")
    availability.get_by_label("Until").fill("12:00")
    meter.save("availability", lambda: availability.get_by_label("Until").press("Enter"))
    windows = page.locator("#availability .item-list li")
    expect(windows).to_have_count(1)
    expect(windows.first).to_contain_text("Monday 09:00–12:00")

    # A window that ends before it starts: the error sits beside "Until", nothing is added.
    availability = page.locator("#availability")
    availability.get_by_label("Day:", exact=True).focus()
    page.keyboard.type("Tuesday")
    availability.get_by_label("From").fill("15:00")
    availability.get_by_label("Until").fill("14:00")
    meter.save(
        "availability", lambda: availability.get_by_label("Until").press("Enter"), rises=False
    )
    error = page.locator("#availability #field-end .error")
    expect(error).to_contain_text("This window ends before it starts")
    expect(windows).to_have_count(1)

    # Preferred channels: Space ticks a box, Tab moves on, Enter on Save.
    style = page.locator("#style")
    style.get_by_label("Chat").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(style.get_by_label("Video call")).to_be_focused()
    page.keyboard.press("Space")
    style.get_by_role("button", name="Save").focus()
    meter.save("style", lambda: page.keyboard.press("Enter"))
    expect(page.locator("#style").get_by_label("Chat")).to_be_checked()
    expect(page.locator("#style").get_by_label("Video call")).to_be_checked()

    # The dashboard shows the profile as others will see it.
    page.get_by_role("link", name="Dashboard").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    card = page.locator("article", has=page.get_by_role("heading", name="You, as others see you"))
    expect(card).to_contain_text(f"{NAME}: Data engineer learning to lead a team")
    expect(card).to_contain_text("Senior data engineer · Janani Health Trust")
    chips = card.locator(".chips li")
    expect(chips).to_have_count(4)
    assert sorted(chips.all_inner_texts(), key=str.casefold) == [
        "data pipelines",
        "public speaking",
        "Python",
        "SQL",
    ]  # the order is the database's collation (case-sensitive on SQLite)
    expect(card).to_contain_text("3 hours a week across 1 window")
    expect(page.locator("#completeness-figure")).to_have_text(f"{meter.value}%")


def test_public_profile_shows_availability_in_the_viewers_time(new_page):
    """Someone in Tokyo sees a Kolkata person's Monday morning on their own clock."""
    from lodestar.people import services
    from lodestar.people.tests.factories import PASSWORD as BOB_PASSWORD
    from lodestar.people.tests.factories import ProfileFactory

    owner = ProfileFactory(display_name=NAME, time_zone=BROWSER_ZONE)
    services.availability_add(profile=owner, weekday=0, start_minute=9 * 60, end_minute=12 * 60)
    ProfileFactory(display_name="Bob Tanaka", user__email="bob@example.org", time_zone="Asia/Tokyo")

    page = new_page(timezone_id="Asia/Tokyo")
    log_in(page, "bob@example.org", BOB_PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.goto(f"/people/{owner.pk}/")
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text([f"{NAME}'s time", "Your time"])
    # 09:00 in Kolkata (UTC+05:30) is 12:30 in Tokyo (UTC+09:00); neither has daylight saving.
    expect(table.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["Mon 09:00–12:00", "Mon 12:30–15:30"]
    )


def test_a_field_error_is_announced_with_its_field(new_page):
    """The error beside a field is what assistive technology reads out for that field."""
    from lodestar.people.tests.factories import PASSWORD as ALICE_PASSWORD
    from lodestar.people.tests.factories import ProfileFactory

    ProfileFactory(display_name="Alice Mensah", user__email="alice@example.org")
    page = new_page()
    log_in(page, "alice@example.org", ALICE_PASSWORD)
    page.goto("/me/")
    availability = page.locator("#availability")
    availability.get_by_label("From").fill("15:00")
    availability.get_by_label("Until").fill("14:00")
    with page.expect_response(lambda r: r.url.endswith("/me/availability/")):
        availability.get_by_role("button", name="Add window").press("Enter")
    until = page.locator("#availability").get_by_label("Until")
    expect(until).to_have_attribute("aria-invalid", "true")
    described_by = until.get_attribute("aria-describedby").split()
    missing = [i for i in described_by if page.locator(f"#{i}").count() == 0]
    assert not missing, (
        f"aria-describedby={described_by} names ids the page lacks: {missing}; the error text "
        f"is at #{page.locator('#availability #field-end .error').get_attribute('id')}"
    )
    expect(until).to_have_accessible_description(re.compile("ends before it starts"))
