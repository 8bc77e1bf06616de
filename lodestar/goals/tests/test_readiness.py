"""Ready to find a mentor: only once the goals pass the coach and the rest is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from lodestar.goals import services
from lodestar.goals.models import Reflection
from lodestar.goals.needs import mentee_needs
from lodestar.goals.readiness import local_today
from lodestar.goals.tests.conftest import VAGUE, complete_reflection, in_months, specific_goal

pytestmark = pytest.mark.django_db


def missing(profile, **kw) -> list[str]:
    return [m.code for m in services.reflection_readiness(profile, **kw).missing]


def ready_at(profile):
    return Reflection.objects.get(profile=profile).ready_at


def test_nothing_written_means_everything_is_missing(alice):
    readiness = services.reflection_readiness(alice)
    assert not readiness.ready and not readiness.started
    assert missing(alice) == ["goals", "skill_gaps", "guidance", "persona"]
    assert [f.code for f in readiness.blocking] == ["no_goals"]


def test_ready_when_the_goals_pass_and_the_rest_exists(alice):
    complete_reflection(alice)
    readiness = services.reflection_readiness(alice)
    assert readiness.ready and readiness.started and missing(alice) == []
    assert ready_at(alice) is not None


def test_a_vague_goal_keeps_the_mentee_from_being_ready(alice):
    complete_reflection(alice, goal=False)
    services.goal_create(owner=alice, horizon="short", text=VAGUE, target_date=in_months(alice, 9))
    readiness = services.reflection_readiness(alice)
    assert missing(alice) == ["goals"]
    assert [f.code for f in readiness.blocking] == ["vague"]
    assert ready_at(alice) is None


def test_readiness_is_lost_and_regained_and_ready_at_follows(alice):
    complete_reflection(alice)
    reached = ready_at(alice)
    goal = alice.goals.get()
    services.goal_update(goal=goal, text="I need a mentor", measure="")
    assert ready_at(alice) is None and missing(alice) == ["goals"]
    specific_goal(
        alice,
        text="Run the monthly budget review for my department on my own",
        measure="My forecast lands within 5% of actual spend two quarters running",
    )
    services.goal_set_status(goal=goal, status="dropped")  # a dropped goal no longer counts
    assert missing(alice) == [] and ready_at(alice) >= reached


@pytest.mark.parametrize(
    "undo,code",
    [
        (
            lambda p: services.skill_gap_remove(profile=p, gap_id=p.skill_gaps.get().pk),
            "skill_gaps",
        ),
        (
            lambda p: services.guidance_set(profile=p, weights={"career": 0, "technical": 0}),
            "guidance",
        ),
        (
            lambda p: [
                services.persona_remove_criterion(profile=p, criterion_id=c.pk)
                for c in p.persona.all()
            ],
            "persona",
        ),
    ],
)
def test_each_part_of_the_reflection_is_needed(alice, undo, code):
    complete_reflection(alice)
    undo(alice)
    assert missing(alice) == [code]
    assert ready_at(alice) is None


def test_only_paused_goals_are_not_enough(alice):
    complete_reflection(alice)
    services.goal_set_status(goal=alice.goals.get(), status="paused")
    readiness = services.reflection_readiness(alice)
    assert missing(alice) == ["goals"] and [f.code for f in readiness.blocking] == ["no_goals"]


def test_too_many_short_term_goals_at_once_are_not_ready(alice):
    complete_reflection(alice)
    for text in [
        "Run the monthly budget review for my department on my own",
        "Ship the onboarding checklist to every new hire in my team",
        "Give the keynote at our regional analytics meetup",
    ]:
        specific_goal(alice, text=text)
    assert "too_many" in [f.code for f in services.reflection_readiness(alice).blocking]


def test_a_target_date_that_passes_loses_readiness(alice):
    complete_reflection(alice)
    later = local_today(alice) + timedelta(days=400)
    assert missing(alice, today=later) == ["goals"]
    assert "past_date" in [
        f.code for f in services.reflection_readiness(alice, today=later).blocking
    ]


def test_a_goal_in_the_wrong_horizon_is_not_ready(alice):
    complete_reflection(alice, goal=False)
    specific_goal(alice, target_date=in_months(alice, 48))  # "short-term" in four years
    assert missing(alice) == ["goals"]
    assert services.reflection_readiness(alice).blocking[0].code == "horizon_mismatch"


def test_the_dashboard_shows_what_is_missing_then_ready(alice_client, alice):
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert "Start self-reflection" in html and 'href="/reflect/"' in html
    assert "The kind of guidance you want" in html
    complete_reflection(alice)
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert "Ready to find a mentor" in html and "Start self-reflection" not in html


def test_the_reflection_is_structured_for_matching(alice):
    complete_reflection(alice)
    services.persona_set_criterion(profile=alice, kind="seniority", value="4", importance="must")
    services.persona_set_criterion(
        profile=alice, kind="skill", value="Budget forecasting", importance="nice", weight=3
    )
    needs = mentee_needs(alice)
    assert needs.profile_id == alice.pk and needs.ready
    assert needs.skill_gap_ids == frozenset(alice.skill_gaps.values_list("skill_id", flat=True))
    assert needs.guidance == {"technical": 1, "career": 3, "navigation": 0, "emotional": 0}
    assert {(c.kind, c.value) for c in needs.must} == {("language", "en"), ("seniority", 4)}
    assert {(c.kind, c.value, c.weight) for c in needs.nice} == {
        ("trait", "patient", 2),
        ("skill", "budget forecasting", 3),
    }
    skill = next(c for c in needs.nice if c.kind == "skill")
    assert skill.skill_id == alice.persona.get(kind="skill").skill_id
