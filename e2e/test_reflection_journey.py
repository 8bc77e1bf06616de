"""A new mentee's self-reflection in a real browser, keyboard first.

They write a vague goal and watch the coach's hint appear as they type, save it anyway as a
draft, rewrite it into something specific with a measure and a date, add a skill gap, weigh the
guidance they want, describe their ideal mentor, and reach "ready to find a mentor".
Screenshots of every step land in e2e/artifacts/reflection-*.png for review.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nadia@example.org"
VAGUE = "I want to get better at presenting"
SPECIFIC = (
    "Present our quarterly data review to the regional sales leads without reading from notes"
)
MEASURE = "Three reviews given with no follow-up questions sent to my manager afterwards"


@pytest.fixture
def mentee():
    from lodestar.people.services import profile_update
    from lodestar.people.tests.factories import ProfileFactory

    profile = ProfileFactory(
        display_name="Nadia Haddad", user__email=EMAIL, time_zone="Europe/Lisbon"
    )
    return profile_update(profile=profile, seniority=2, years_experience=3)


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"reflection-{name}.png", full_page=True)


def press(locator, key: str = "Enter") -> None:
    """Reach a control with the keyboard focus and press a key on it, as a keyboard user would."""
    locator.focus()
    expect(locator).to_be_focused()
    locator.page.keyboard.press(key)


def type_into(field, text: str) -> None:
    field.focus()
    field.press("Control+A")
    field.page.keyboard.type(text, delay=15)


def htmx_save(page: Page, path: str, submit) -> None:
    """Submit and wait until htmx has swapped and settled the answer; the page must not reload.

    Waiting for the response alone is not enough: the swap follows it, and a control focused
    in between is replaced, taking what was typed into it along.
    """
    page.evaluate(
        """path => {
            window.__settled = false;
            const done = event => {
                const sent = event.detail.pathInfo && event.detail.pathInfo.requestPath;
                if (sent && sent.split("?")[0].endsWith(path)) {
                    window.__settled = true;
                    document.removeEventListener("htmx:afterSettle", done);
                }
            };
            document.addEventListener("htmx:afterSettle", done);
        }""",
        path,
    )
    with page.expect_response(
        lambda r: r.url.endswith(path) and r.request.method == "POST"
    ) as response:
        submit()
    assert response.value.status == 200, f"{path}: HTTP {response.value.status}"
    assert response.value.request.headers.get("hx-request") == "true", (
        f"{path}: not an htmx request"
    )
    page.wait_for_function("() => window.__settled === true")
    assert page.evaluate("window.__sameDocument === true"), f"{path}: the page reloaded"


def next_step(page: Page, label: str) -> None:
    press(page.get_by_role("button", name=f"Next: {label}"))
    expect(page.get_by_role("link", name=re.compile(label))).to_have_attribute(
        "aria-current", "step"
    )
    page.evaluate("window.__sameDocument = true")


def test_a_new_mentee_reflects_and_becomes_ready_to_find_a_mentor(new_page, mentee):
    from lodestar.goals.readiness import local_today
    from lodestar.people.tests.factories import PASSWORD

    page = new_page(timezone_id="Europe/Lisbon")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    # The dashboard says what is missing and offers to start.
    card = page.locator("article", has=page.get_by_role("heading", name="Finding a mentor"))
    expect(card).to_contain_text("Goals the coach is happy with")
    press(card.get_by_role("button", name="Start self-reflection"))  # a link styled as a button
    expect(page).to_have_url(re.compile(r"/reflect/goals/$"))
    expect(page.get_by_role("link", name=re.compile("Goals"))).to_have_attribute(
        "aria-current", "step"
    )
    page.evaluate("window.__sameDocument = true")

    # A vague goal: the coach's hint appears while typing, in a live region.
    goal = page.get_by_label("Your goal")
    coach = page.locator("#coach")
    expect(coach).to_have_attribute("aria-live", "polite")
    with page.expect_response(lambda r: r.url.endswith("/reflect/coach/")):
        type_into(goal, VAGUE)
    expect(coach).to_contain_text("does not say what would actually be different")
    expect(coach).to_contain_text("What would “better at presenting” look like by")
    shoot(page, "1-goals-vague")

    # It never blocks saving: the draft is kept, with the coach's notes beside it.
    htmx_save(page, "/reflect/goals/", lambda: press(page.get_by_role("button", name="Save goal")))
    draft = page.locator(".goal-card", has_text=VAGUE)
    expect(draft).to_contain_text("What would “better at presenting” look like")
    expect(page.locator("#messages")).to_contain_text("Saved as a draft")
    shoot(page, "2-goals-draft")

    # Rewrite it: specific, measured, dated. The edit form opens with the focus in the goal.
    press(draft.get_by_role("link", name=re.compile("^Edit")))
    goal = page.get_by_label("Your goal")
    expect(goal).to_be_focused()
    expect(goal).to_have_value(VAGUE)
    type_into(goal, SPECIFIC)
    page.get_by_label("Target date").fill((local_today(mentee) + timedelta(days=270)).isoformat())
    type_into(page.get_by_label("How you will know you got there"), MEASURE)
    type_into(
        page.get_by_label("Why it matters to you"), "I want the sales leads to trust our numbers"
    )
    expect(page.locator("#coach")).to_contain_text("Specific, measurable and dated")
    shoot(page, "3-goals-rewritten")
    htmx_save(
        page,
        f"/reflect/goals/{mentee.goals.get().pk}/",
        lambda: press(page.get_by_role("button", name="Save changes")),
    )
    card = page.locator(".goal-card", has_text=SPECIFIC)
    expect(card).to_contain_text("Specific, measurable and dated")
    expect(page.get_by_role("link", name=re.compile("Goals"))).to_contain_text("(done)")

    # A skill gap from the shared taxonomy, with what exactly.
    next_step(page, "Skill gaps")
    type_into(page.get_by_label("A skill or area you want to build"), "Project budgeting")
    page.keyboard.press("Tab")
    page.keyboard.type("Reading a cost report and planning a small team's budget")
    htmx_save(page, "/reflect/gaps/", lambda: page.keyboard.press("Enter"))
    expect(page.locator("#step-body .item-list")).to_contain_text("Project budgeting")
    shoot(page, "4-gaps")

    # Guidance, weighted with the arrow keys inside each radio group.
    next_step(page, "Guidance")
    press(
        page.get_by_role("group", name="Career strategy").get_by_label("Not needed"), "ArrowRight"
    )
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(
        page.get_by_role("group", name="Career strategy").get_by_label("Essential")
    ).to_be_checked()
    press(
        page.get_by_role("group", name="Technical advice").get_by_label("Not needed"), "ArrowRight"
    )
    page.keyboard.press("ArrowRight")
    expect(
        page.get_by_role("group", name="Technical advice").get_by_label("Important")
    ).to_be_checked()
    htmx_save(
        page, "/reflect/guidance/", lambda: press(page.get_by_role("button", name="Save guidance"))
    )
    expect(page.locator("#messages")).to_contain_text("Saved.")
    shoot(page, "5-guidance")

    # The persona: one must-have, one nice-to-have, chosen by typing into the lists.
    next_step(page, "Mentor persona")
    language = page.get_by_role("form", name="Language")
    language.get_by_label("A language they speak").focus()
    page.keyboard.type("English")
    expect(language.get_by_label("A language they speak")).to_have_value("en")
    language.get_by_label("How much it matters").focus()
    page.keyboard.type("Must")
    htmx_save(page, "/reflect/persona/", lambda: press(language.get_by_role("button", name="Add")))
    must = page.get_by_role("region", name="Must-haves")
    expect(must).to_contain_text("Speaks English")

    trait = page.get_by_role("form", name="Trait")
    trait.get_by_label("A trait").focus()
    page.keyboard.type("Patient")
    press(trait.get_by_label("How much it matters"), "ArrowUp")  # from "counts" to "counts a lot"
    expect(trait.get_by_label("How much it matters")).to_have_value("nice-3")
    htmx_save(page, "/reflect/persona/", lambda: press(trait.get_by_role("button", name="Add")))
    nice = page.get_by_role("region", name="Nice to have")
    expect(nice).to_contain_text("Patient with beginners · counts a lot")
    shoot(page, "6-persona")

    # A must-have no mentor could meet alongside another is refused, naming both; nothing is saved.
    kind = page.get_by_role("form", name="Mentorship type")
    kind.get_by_label("A kind of mentorship they offer").focus()
    page.keyboard.type("Peer")
    kind.get_by_label("How much it matters").focus()
    page.keyboard.type("Must")
    htmx_save(page, "/reflect/persona/", lambda: press(kind.get_by_role("button", name="Add")))
    level = page.get_by_role("form", name="Seniority")
    level.get_by_label("At least this seniority").focus()
    page.keyboard.type("Director")
    level.get_by_label("How much it matters").focus()
    page.keyboard.type("Must")
    htmx_save(page, "/reflect/persona/", lambda: press(level.get_by_role("button", name="Add")))
    seniority = page.get_by_role("form", name="Seniority").get_by_label("At least this seniority")
    expect(seniority).to_have_attribute("aria-invalid", "true")
    expect(seniority).to_have_accessible_description(
        re.compile(
            "“seniority of at least Director” \\(must-have\\) contradicts “open to peer mentorship”"
        )
    )
    expect(page.get_by_role("region", name="Must-haves").get_by_role("listitem")).to_have_count(2)
    shoot(page, "6b-persona-contradiction")

    # Review: ready to find a mentor.
    next_step(page, "Review")
    expect(page.get_by_role("heading", name="Ready to find a mentor")).to_be_visible()
    expect(page.locator("#reflect-steps li.done")).to_have_count(5)
    shoot(page, "7-review")

    press(page.get_by_role("link", name="Dashboard"))
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    card = page.locator("article", has=page.get_by_role("heading", name="Finding a mentor"))
    expect(card.locator(".badge")).to_have_text("Ready to find a mentor")
    shoot(page, "8-dashboard")

    # Progress lives on the goal's own page: a milestone ticked off by keyboard.
    press(page.get_by_role("link", name="My goals", exact=True))
    press(page.get_by_role("link", name=SPECIFIC))
    type_into(page.get_by_label("New milestone"), "Dry run with two colleagues")
    path = f"/goals/{mentee.goals.get().pk}/milestone/"
    page.evaluate("window.__sameDocument = true")
    htmx_save(page, path, lambda: page.keyboard.press("Enter"))
    milestone = page.get_by_role("button", name="Dry run with two colleagues", exact=True)
    expect(milestone).to_have_attribute("aria-pressed", "false")
    htmx_save(page, "/toggle/", lambda: press(milestone, "Space"))
    expect(
        page.get_by_role("button", name="Dry run with two colleagues", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#progress-figure")).to_have_text("100%")
    type_into(
        page.get_by_label("How is it going?"), "Dry run done; two colleagues asked good questions."
    )
    htmx_save(page, "/check-in/", lambda: press(page.get_by_role("button", name="Save check-in")))
    expect(page.locator(".check-ins")).to_contain_text("Dry run done")
    shoot(page, "9-goal-detail")

    press(page.get_by_role("link", name="My goals", exact=True))
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")
    shoot(page, "10-goal-list")
