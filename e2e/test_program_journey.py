"""A formal program from start to first match, in a real browser.

Staff start "Rising leaders" and name Pat as its admin. Pat imports twelve people from a CSV
file, runs the matching, swaps the mentors of two proposed pairs, and publishes. One of the
mentees logs in and finds their match; Pat opens the dashboard. Screenshots go to
e2e/artifacts/program-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = ("email,role,name,department,manager_email,time_zone,skills\n"
          + "".join(f"mentor{i}@acme.example,mentor,Mentor {i},{d},,Europe/Paris,SQL;Python;Budgeting\n"
                    for i, d in enumerate(["Sales", "Finance", "Engineering"] * 2))
          + "".join(f"mentee{i}@acme.example,mentee,Mentee {i},{d},,Europe/London,SQL;Budgeting\n"
                    for i, d in enumerate(["Finance", "Engineering", "Sales"] * 2)))


@pytest.fixture
def cast():
    from lodestar.people.tests.factories import ProfileFactory

    staff = ProfileFactory(display_name="Sam Staff", user__email="staff@example.org", user__is_staff=True)
    admin = ProfileFactory(display_name="Pat Programs", user__email="programs@example.org")
    return staff, admin



def test_an_admin_runs_a_program_and_a_mentee_sees_the_match(new_page, cast):
    from lodestar.accounts.models import User
    from lodestar.people.tests.factories import PASSWORD
    from lodestar.programs.models import Program, ProgramMatch

    ARTIFACTS.mkdir(exist_ok=True)
    staff_page = new_page()
    log_in(staff_page, "staff@example.org")
    staff_page.get_by_role("link", name="Programs").click()
    staff_page.get_by_label("Name").fill("Rising leaders")
    staff_page.get_by_label("Admins' email addresses").fill("programs@example.org")
    staff_page.get_by_role("button", name="Create the program").click()
    expect(staff_page.get_by_role("heading", name="Rising leaders")).to_be_visible()
    program = Program.objects.get()

    page = new_page()
    log_in(page, "programs@example.org")
    page.get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Rising leaders").click()
    page.get_by_role("link", name="Participants").click()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": PEOPLE.encode()}])
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("12 people imported (12 new accounts).")).to_be_visible()

    page.get_by_role("link", name="Matching").click()
    page.locator("#run-button").click()
    rows = page.locator("tbody tr[id^=pair-]")
    expect(rows).to_have_count(6)
    page.screenshot(path=ARTIFACTS / "program-proposals.png", full_page=True)

    first = rows.nth(0)
    before = ProgramMatch.objects.order_by("-score", "pk").values_list("pk", "mentor_id")[:1][0]
    first.get_by_role("button", name="Swap").click()
    expect(page.get_by_text("Swapped; both pairs are now locked.")).to_be_visible()
    swapped = ProgramMatch.objects.get(pk=before[0])
    assert swapped.locked and swapped.mentor_id != before[1]

    page.locator("#publish-button").click()
    expect(page.get_by_text("Published 6 pairs; 0 people are on the waitlist.")).to_be_visible()

    pair = ProgramMatch.objects.select_related("mentee__profile__user", "mentor__profile").get(pk=swapped.pk)
    mentee = User.objects.get(pk=pair.mentee.profile.user_id)
    mentee.set_password(PASSWORD)  # an imported person sets a password before their first log-in
    mentee.save()
    them = new_page()
    log_in(them, mentee.email)
    them.goto(f"/programs/{program.pk}/mine/")
    expect(them.locator("#my-match")).to_contain_text(pair.mentor.profile.display_name)

    page.get_by_role("navigation", name="Program").get_by_role("link", name="Dashboard").click()
    charts = page.locator(".chart-grid img")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    page.screenshot(path=ARTIFACTS / "program-dashboard.png", full_page=True)
