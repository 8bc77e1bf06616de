"""The self-reflection flow and the goal pages through the web UI, with and without htmx."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lodestar.goals import services
from lodestar.goals.models import Goal, GoalCheckIn, Milestone, PersonaCriterion, SkillGap
from lodestar.goals.readiness import local_today
from lodestar.goals.tests.conftest import (
    MEASURE,
    SPECIFIC,
    VAGUE,
    complete_reflection,
    specific_goal,
)
from lodestar.people.services import profile_update

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def html_of(response) -> str:
    return response.content.decode()


def goal_data(**overrides) -> dict:
    data = {"horizon": "short", "text": SPECIFIC, "measure": MEASURE, "target_date": "", "why": ""}
    data.update(overrides)
    return data


# --- the flow -------------------------------------------------------------------------------


def test_reflect_starts_at_goals_and_resumes_at_the_last_step(alice_client):
    response = alice_client.get(reverse("goals:reflect"))
    assert response.status_code == 302 and response.url == "/reflect/goals/"
    alice_client.get("/reflect/persona/")
    assert alice_client.get("/reflect/").url == "/reflect/persona/"
    alice_client.get("/reflect/gaps/")
    assert alice_client.get("/reflect/").url == "/reflect/gaps/"


@pytest.mark.parametrize(
    "step,prev,next_",
    [
        ("goals", None, "gaps"),
        ("gaps", "goals", "guidance"),
        ("guidance", "gaps", "persona"),
        ("persona", "guidance", "review"),
        ("review", "persona", None),
    ],
)
def test_every_step_has_the_indicator_and_back_and_next(alice_client, step, prev, next_):
    html = html_of(alice_client.get(f"/reflect/{step}/"))
    assert re.search(rf'<a href="/reflect/{step}/" aria-current="step">', html)
    assert html.count('aria-current="step"') == 1
    if prev:
        assert f'<a href="/reflect/{prev}/" class="secondary">' in html
    if next_:
        assert f'<a href="/reflect/{next_}/" role="button">' in html


def test_the_goal_form_asks_the_coach_as_the_mentee_types(alice_client):
    html = html_of(alice_client.get("/reflect/goals/"))
    assert 'hx-post="/reflect/coach/" hx-trigger="input changed delay:400ms, change"' in html
    assert 'hx-include="closest form"' in html
    assert '<div id="coach" class="coach" aria-live="polite"' in html


@pytest.mark.parametrize(
    "text,hint",
    [
        ("I need a mentor", "write the outcome a mentor would help you reach"),
        ("get better at presenting", "What would “better at presenting” look like by"),
    ],
)
def test_the_coach_endpoint_returns_the_hint(alice_client, text, hint):
    response = alice_client.post(
        reverse("goals:coach"), goal_data(text=text, measure=""), headers=HTMX
    )
    html = html_of(response)
    assert response.status_code == 200 and "<html" not in html
    assert hint in html and 'class="finding finding-block"' in html
    assert not Goal.objects.exists()  # the coach only reads


def test_the_coach_is_happy_with_a_specific_goal_and_quiet_on_nothing(
    alice_client, alice, nine_months
):
    happy = alice_client.post(
        reverse("goals:coach"), goal_data(target_date=nine_months.isoformat())
    )
    assert "Specific, measurable and dated" in html_of(happy) and "finding" not in html_of(happy)
    assert html_of(alice_client.post(reverse("goals:coach"), goal_data(text="  "))).strip() == ""
    garbled = alice_client.post(reverse("goals:coach"), goal_data(target_date="31/02/2027"))
    assert garbled.status_code == 200 and "no target date" in html_of(garbled)
    assert alice_client.get(reverse("goals:coach")).status_code == 405


def test_a_vague_goal_is_saved_as_a_draft_with_the_coach_beside_it(alice_client, alice):
    response = alice_client.post("/reflect/goals/", goal_data(text=VAGUE, measure=""), headers=HTMX)
    html = html_of(response)
    assert '<div id="step-body">' in html and "<html" not in html
    assert "Saved as a draft" in html and "What would “better at presenting” look like" in html
    assert 'id="reflect-steps"' in html and 'hx-swap-oob="true"' in html  # the indicator follows
    assert Goal.objects.get().text == VAGUE


def test_without_htmx_a_save_redirects_back_to_the_step(alice_client, nine_months):
    response = alice_client.post("/reflect/goals/", goal_data(target_date=nine_months.isoformat()))
    assert response.status_code == 302 and response.url == "/reflect/goals/"
    assert "Goal saved." in html_of(alice_client.get("/reflect/goals/"))


def test_an_empty_goal_shows_the_error_beside_the_field_and_saves_nothing(alice_client):
    html = html_of(alice_client.post("/reflect/goals/", goal_data(text="   "), headers=HTMX))
    assert 'class="field has-error" id="field-text"' in html and "Write the goal itself" in html
    assert not Goal.objects.exists()


def test_a_past_date_shows_the_error_beside_the_field_and_saves_nothing(alice_client, alice):
    past = local_today(alice) - timedelta(days=40)
    html = html_of(alice_client.post("/reflect/goals/", goal_data(target_date=past.isoformat())))
    assert 'class="field has-error" id="field-target_date"' in html and "has already passed" in html
    assert SPECIFIC in html  # what was typed is kept
    assert not Goal.objects.exists()


def test_a_goal_is_edited_in_place(alice_client, alice, nine_months):
    goal = services.goal_create(owner=alice, horizon="short", text=VAGUE)
    form = html_of(
        alice_client.get(
            f"/reflect/goals/?edit={goal.pk}", headers={**HTMX, "HX-Target": "step-body"}
        )
    )
    assert "<html" not in form and f'action="/reflect/goals/{goal.pk}/"' in form
    assert "Edit this goal" in form and VAGUE in form and "autofocus" in form
    alice_client.post(f"/reflect/goals/{goal.pk}/", goal_data(target_date=nine_months.isoformat()))
    goal.refresh_from_db()
    assert goal.text == SPECIFIC and goal.target_date == nine_months
    alice_client.post(f"/reflect/goals/{goal.pk}/remove/")
    assert not Goal.objects.exists()


def test_skill_gaps_step(alice_client, alice):
    html = html_of(
        alice_client.post(
            "/reflect/gaps/", {"skill": "Project budgeting", "note": "cost reports"}, headers=HTMX
        )
    )
    assert "Project budgeting" in html and "cost reports" in html
    gap = SkillGap.objects.get()
    refused = html_of(alice_client.post("/reflect/gaps/", {"skill": "  ", "note": ""}))
    assert 'id="field-skill"' in refused and "Name the skill" in refused
    alice_client.post(f"/reflect/gaps/{gap.pk}/remove/")
    assert not SkillGap.objects.exists()


def test_guidance_step(alice_client, alice):
    alice_client.post(
        "/reflect/guidance/", {"technical": "1", "career": "3", "navigation": "2", "emotional": "0"}
    )
    assert alice.reflection.guidance_weights == {
        "technical": 1,
        "career": 3,
        "navigation": 2,
        "emotional": 0,
    }
    html = html_of(alice_client.get("/reflect/guidance/"))
    assert re.search(r'value="3"[^>]*id="id_career_3"[^>]*checked', html)
    refused = alice_client.post(
        "/reflect/guidance/", {"technical": "9", "career": "3", "navigation": "2", "emotional": "0"}
    )
    assert refused.context["form"].errors["technical"]
    alice.reflection.refresh_from_db()
    assert alice.reflection.technical == 1


def test_persona_step_adds_must_and_nice_and_refuses_a_contradiction(alice_client, alice):
    profile_update(profile=alice, seniority=3)
    alice_client.post(
        "/reflect/persona/",
        {
            "kind": "mentorship_type",
            "mentorship_type-value": "peer",
            "mentorship_type-how_much": "must",
        },
    )
    alice_client.post(
        "/reflect/persona/", {"kind": "trait", "trait-value": "patient", "trait-how_much": "nice-3"}
    )
    assert sorted(PersonaCriterion.objects.values_list("value", "importance", "weight")) == [
        ("patient", "nice", 3),
        ("peer", "must", None),
    ]
    response = alice_client.post(
        "/reflect/persona/",
        {"kind": "seniority", "seniority-value": "6", "seniority-how_much": "must"},
        headers=HTMX,
    )
    html = html_of(response)
    assert 'class="field has-error" id="field-seniority-value"' in html
    assert (
        "“seniority of at least Director” (must-have) contradicts “open to peer mentorship”" in html
    )
    assert PersonaCriterion.objects.count() == 2
    peer = PersonaCriterion.objects.get(value="peer")
    alice_client.post(f"/reflect/persona/{peer.pk}/remove/")
    assert PersonaCriterion.objects.count() == 1


def test_persona_step_refuses_junk_without_an_error_page(alice_client):
    assert alice_client.post("/reflect/persona/", {"kind": "star_sign"}).status_code == 404
    response = alice_client.post(
        "/reflect/persona/",
        {"kind": "overlap_hours", "overlap_hours-value": "50", "overlap_hours-how_much": "must"},
    )
    assert "50 hours a week is more than any mentor" in html_of(response)
    assert not PersonaCriterion.objects.exists()


def test_review_step_says_ready_only_when_ready(alice_client, alice):
    html = html_of(alice_client.get("/reflect/review/"))
    assert "Not ready to find a mentor yet" in html and 'href="/reflect/gaps/"' in html
    complete_reflection(alice)
    html = html_of(alice_client.get("/reflect/review/"))
    assert "Ready to find a mentor" in html and "Not ready" not in html
    assert SPECIFIC in html and "Project budgeting" in html and "Speaks English" in html
    assert "Career strategy: <strong>Essential</strong>" in html


def test_nav_links_to_my_goals(alice_client):
    assert '<a href="/goals/">My goals</a>' in html_of(alice_client.get(reverse("dashboard")))


# --- goal pages -----------------------------------------------------------------------------


def test_goals_page_shows_progress_per_goal(alice_client, alice):
    goal = specific_goal(alice)
    services.goal_set_progress(goal=goal, percent=40)
    html = html_of(alice_client.get("/goals/"))
    assert SPECIFIC in html and 'value="40" max="100"' in html and "Private" in html


def test_goal_detail_tracks_status_progress_sharing_milestones_and_check_ins(alice_client, alice):
    goal = specific_goal(alice)
    url = goal.get_absolute_url()
    assert alice_client.get(url).status_code == 200
    response = alice_client.post(f"{url}status/", {"status": "paused"}, headers=HTMX)
    assert 'id="goal-body"' in html_of(response) and "Status saved." in html_of(response)
    alice_client.post(f"{url}progress/", {"progress_percent": "25"})
    alice_client.post(f"{url}visibility/", {"visibility": "mentors"})
    goal.refresh_from_db()
    assert (goal.status, goal.progress_percent, goal.visibility) == ("paused", 25, "mentors")
    today = local_today(alice)
    alice_client.post(
        f"{url}check-in/",
        {"on": today.isoformat(), "note": "First review went well", "progress_percent": "45"},
    )
    check_in = GoalCheckIn.objects.get()
    assert (check_in.on, check_in.progress_percent) == (today, 45)
    alice_client.post(f"{url}milestone/", {"title": "Dry run with two colleagues"})
    milestone = Milestone.objects.get()
    html = html_of(alice_client.post(f"{url}milestones/{milestone.pk}/toggle/", headers=HTMX))
    assert 'aria-pressed="true"' in html and "1 of 1 milestone done" in html
    goal.refresh_from_db()
    assert goal.progress_percent == 100
    alice_client.post(f"{url}milestones/{milestone.pk}/remove/")
    assert not Milestone.objects.exists()
    html = html_of(alice_client.get(url))
    assert "First review went well" in html and "Shared with your mentors" in html


def test_bad_tracking_input_shows_errors_and_saves_nothing(alice_client, alice):
    goal = specific_goal(alice)
    url = goal.get_absolute_url()
    html = html_of(alice_client.post(f"{url}progress/", {"progress_percent": "130"}, headers=HTMX))
    assert "Progress runs from 0 to 100%" in html
    tomorrow = local_today(alice) + timedelta(days=1)
    html = html_of(alice_client.post(f"{url}check-in/", {"on": tomorrow.isoformat(), "note": ""}))
    assert "cannot be in the future" in html and "Write a line" in html
    html = html_of(alice_client.post(f"{url}milestone/", {"title": " "}))
    assert "Name the milestone" in html
    goal.refresh_from_db()
    assert goal.progress_percent == 0
    assert not GoalCheckIn.objects.exists() and not Milestone.objects.exists()
    assert alice_client.post(f"{url}nonsense/", {}).status_code == 404


# --- permissions ----------------------------------------------------------------------------


@pytest.fixture
def bobs_goal(bob):
    goal = specific_goal(bob, text="Lead the Tokyo office's quarterly planning on my own")
    services.milestone_add(goal=goal, title="Shadow the current lead")
    return goal


def test_another_persons_goal_is_a_404_everywhere(alice_client, alice, bobs_goal):
    pk = bobs_goal.pk
    milestone = bobs_goal.milestones.get()
    today = local_today(alice).isoformat()
    assert alice_client.get(f"/goals/{pk}/").status_code == 404
    assert alice_client.get(f"/reflect/goals/?edit={pk}").status_code == 404
    attempts = [
        (f"/reflect/goals/{pk}/", goal_data(text="Hijacked")),
        (f"/reflect/goals/{pk}/remove/", {}),
        (f"/goals/{pk}/status/", {"status": "dropped"}),
        (f"/goals/{pk}/progress/", {"progress_percent": "99"}),
        (f"/goals/{pk}/visibility/", {"visibility": "mentors"}),
        (f"/goals/{pk}/check-in/", {"on": today, "note": "Not mine"}),
        (f"/goals/{pk}/milestone/", {"title": "Not mine"}),
        (f"/goals/{pk}/milestones/{milestone.pk}/toggle/", {}),
        (f"/goals/{pk}/milestones/{milestone.pk}/remove/", {}),
    ]
    for url, data in attempts:
        assert alice_client.post(url, data).status_code == 404, url
        assert alice_client.post(url, data, headers=HTMX).status_code == 404, url
    bobs_goal.refresh_from_db()
    assert bobs_goal.text.startswith("Lead the Tokyo") and bobs_goal.status == "active"
    assert (bobs_goal.progress_percent, bobs_goal.visibility) == (0, "private")
    assert list(bobs_goal.milestones.values_list("title", "done")) == [
        ("Shadow the current lead", False)
    ]
    assert not GoalCheckIn.objects.exists()


def test_a_milestone_cannot_be_reached_through_ones_own_goal(alice_client, alice, bobs_goal):
    mine = specific_goal(alice)
    theirs = bobs_goal.milestones.get()
    assert alice_client.post(f"/goals/{mine.pk}/milestones/{theirs.pk}/toggle/").status_code == 404
    assert alice_client.post(f"/goals/{mine.pk}/milestones/{theirs.pk}/remove/").status_code == 404
    assert Milestone.objects.filter(pk=theirs.pk, done=False).exists()


def test_a_shared_goal_is_still_private_until_mentoring_exists(client, alice, bob, bobs_goal):
    services.goal_set_visibility(goal=bobs_goal, visibility="mentors")
    client.force_login(alice.user)
    assert client.get(bobs_goal.get_absolute_url()).status_code == 404
    assert (
        Goal.objects.visible_to(alice).count() == 0 and Goal.objects.visible_to(None).count() == 0
    )
    assert list(Goal.objects.visible_to(bob)) == [bobs_goal]


def test_signed_out_people_are_sent_to_log_in(client, bobs_goal):
    for url in ["/reflect/", "/reflect/goals/", f"/goals/{bobs_goal.pk}/", "/goals/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.post(reverse("goals:coach"), goal_data()).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/reflect/goals/?edit=abc",
        "/reflect/goals/?edit=99999999999",
        "/goals/0/",
        "/goals/99999999999/",
        "/reflect/nonsense/",
    ],
)
def test_odd_urls_are_not_errors(alice_client, url):
    assert alice_client.get(url).status_code == 404


junk = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        ["", " ", "-1", "101", "2999-12-31", "1999-01-01", "\x00", "é" * 600, "must", "nice-9"]
    ),
)
FIELDS = [
    "horizon",
    "text",
    "measure",
    "target_date",
    "why",
    "skill",
    "note",
    "technical",
    "career",
    "kind",
    "value",
    "language-value",
    "language-how_much",
    "status",
    "progress_percent",
    "on",
    "title",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        [
            "/reflect/goals/",
            "/reflect/coach/",
            "/reflect/gaps/",
            "/reflect/guidance/",
            "/reflect/persona/",
            "GOAL/status/",
            "GOAL/progress/",
            "GOAL/check-in/",
            "GOAL/milestone/",
            "GOAL/visibility/",
        ]
    ),
    data=st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6),
    htmx=st.booleans(),
)
def test_no_junk_makes_a_server_error(alice_client, alice, path, data, htmx):
    goal = Goal.objects.filter(owner=alice).first() or specific_goal(alice)
    url = path.replace("GOAL", f"/goals/{goal.pk}")
    response = alice_client.post(url, data, headers=HTMX if htmx else {})
    assert response.status_code < 500


def test_staff_can_look_goals_up_in_the_admin(client, django_user_model, alice):
    goal = specific_goal(alice)
    services.milestone_add(goal=goal, title="Outline agreed")
    complete_reflection(alice, goal=False)
    client.force_login(
        django_user_model.objects.create_superuser(email="staff@example.org", password="x")
    )
    for url in [
        "/admin/goals/goal/",
        f"/admin/goals/goal/{goal.pk}/change/",
        "/admin/goals/skillgap/",
        "/admin/goals/reflection/",
        "/admin/goals/personacriterion/",
    ]:
        assert client.get(url).status_code == 200, url
