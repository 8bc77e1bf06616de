"""A person takes their data and leaves, in a real browser; staff read the audit log.

Every page here is served under the strict Content-Security-Policy, and the fixture fails the
test if the browser blocks anything (see conftest.py).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leaver():
    from lodestar.goals import services as goals
    from lodestar.people.tests.factories import ProfileFactory

    profile = ProfileFactory(display_name="Noor Haddad", user__email="noor@example.org")
    goals.goal_create(
        owner=profile,
        horizon="short",
        text="Run a retrospective",
        why="My team never talks about what went wrong",
    )
    return profile


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")


def test_a_person_downloads_their_data_then_deletes_their_account(page: Page, leaver):
    from lodestar.people.tests.factories import PASSWORD

    log_in(page, "noor@example.org", PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.locator("details.dropdown summary").click()
    page.get_by_role("link", name="My data").click()
    expect(page.get_by_role("heading", name="My data", exact=True)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert download.value.suggested_filename.startswith("lodestar-my-data-")
    assert data["profile"]["display_name"] == "Noor Haddad"
    assert data["goals"][0]["why"] == "My team never talks about what went wrong"

    page.get_by_label("Your password").fill("wrong password")
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That is not your password.")).to_be_visible()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Your account is closed")).to_be_visible()

    log_in(page, "noor@example.org", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))


def test_staff_read_the_audit_log_in_the_admin(page: Page):
    from lodestar.audit.models import Action
    from lodestar.audit.services import audit_record
    from lodestar.people.tests.factories import PASSWORD, UserFactory

    UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    audit_record(action=Action.KEY_ROTATION, summary="42 rows re-encrypted with the first key")
    log_in(page, "staff@example.org", PASSWORD)
    page.goto("/admin/audit/auditevent/")
    expect(page.get_by_text("42 rows re-encrypted with the first key")).to_be_visible()
    page.goto("/admin/people/skill/add/")
    page.get_by_label("Name").fill("Negotiation")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto("/admin/audit/auditevent/")
    expect(page.get_by_text("Negotiation: Added.")).to_be_visible()
