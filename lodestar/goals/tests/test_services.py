"""The self-reflection services, as the web views and the API call them: every rule, and bad
input that saves nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lodestar.goals import services
from lodestar.goals.models import (
    Goal,
    GoalCheckIn,
    Milestone,
    PersonaCriterion,
    Reflection,
    SkillGap,
    Visibility,
)
from lodestar.goals.readiness import local_today
from lodestar.goals.tests.conftest import MEASURE, SPECIFIC, VAGUE, in_months, specific_goal
from lodestar.people.models import Skill
from lodestar.people.services import availability_add, profile_update

pytestmark = pytest.mark.django_db


def errors(exc_info) -> dict[str, list[str]]:
    return exc_info.value.message_dict


# --- goals ----------------------------------------------------------------------------------


def test_a_vague_goal_is_saved_as_a_draft(alice):
    goal = services.goal_create(owner=alice, horizon="short", text=f"  {VAGUE}  ")
    assert goal.text == VAGUE and goal.target_date is None
    assert goal.status == "active" and goal.visibility == Visibility.PRIVATE
    assert goal.progress_percent == 0


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_goal_is_refused_and_nothing_saved(alice, text):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(owner=alice, horizon="short", text=text)
    assert "Write the goal itself" in errors(exc)["text"][0]
    assert not Goal.objects.exists()


def test_a_target_date_in_the_past_is_refused_and_nothing_saved(alice):
    yesterday = local_today(alice) - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.goal_create(owner=alice, horizon="short", text=SPECIFIC, target_date=yesterday)
    message = errors(exc)["target_date"][0]
    assert "has already passed" in message and str(yesterday.year) in message
    assert not Goal.objects.exists()


def test_today_counts_on_the_mentees_own_calendar(alice):
    goal = services.goal_create(
        owner=alice, horizon="short", text=SPECIFIC, target_date=local_today(alice)
    )
    assert goal.pk


def test_a_date_decades_away_and_an_unknown_horizon_are_refused(alice):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(
            owner=alice,
            horizon="someday",
            text=SPECIFIC,
            target_date=local_today(alice) + timedelta(days=365 * 30),
        )
    assert set(errors(exc)) == {"horizon", "target_date"}
    assert not Goal.objects.exists()


def test_goal_update_checks_the_same_rules_and_leaves_the_goal_alone(alice):
    goal = services.goal_create(owner=alice, horizon="short", text=VAGUE)
    with pytest.raises(ValidationError):
        services.goal_update(
            goal=goal, text=" ", target_date=local_today(alice) - timedelta(days=3)
        )
    goal.refresh_from_db()
    assert goal.text == VAGUE and goal.target_date is None
    services.goal_update(goal=goal, text=SPECIFIC, measure=MEASURE, target_date=in_months(alice, 9))
    goal.refresh_from_db()
    assert (goal.text, goal.measure) == (SPECIFIC, MEASURE)
    with pytest.raises(TypeError):
        services.goal_update(goal=goal, owner=None)


def test_a_date_that_has_passed_since_does_not_stop_other_edits(alice):
    goal = specific_goal(alice)
    Goal.objects.filter(pk=goal.pk).update(target_date=local_today(alice) - timedelta(days=10))
    goal.refresh_from_db()
    services.goal_update(goal=goal, why="My team lead asked me to")
    goal.refresh_from_db()
    assert goal.why == "My team lead asked me to"


def test_goals_have_a_limit(alice, monkeypatch):
    monkeypatch.setattr(services, "MAX_GOALS", 2)
    specific_goal(alice)
    specific_goal(alice, text="Run the monthly budget review for my department on my own")
    with pytest.raises(ValidationError):
        specific_goal(alice, text="Ship the new onboarding checklist to every new hire")
    assert Goal.objects.count() == 2
    assert list(Goal.objects.values_list("position", flat=True)) == [1, 2]


def test_status_progress_and_visibility(alice):
    goal = specific_goal(alice)
    services.goal_set_status(goal=goal, status="paused")
    services.goal_set_progress(goal=goal, percent=40)
    services.goal_set_visibility(goal=goal, visibility="mentors")
    goal.refresh_from_db()
    assert (goal.status, goal.progress_percent, goal.visibility) == ("paused", 40, "mentors")
    for bad in (-1, 101, "lots"):
        with pytest.raises(ValidationError):
            services.goal_set_progress(goal=goal, percent=bad)
    with pytest.raises(ValidationError):
        services.goal_set_status(goal=goal, status="finished-ish")
    with pytest.raises(ValidationError):
        services.goal_set_visibility(goal=goal, visibility="everyone")
    goal.refresh_from_db()
    assert (goal.status, goal.progress_percent, goal.visibility) == ("paused", 40, "mentors")


def test_the_database_refuses_a_progress_over_100(alice):
    goal = specific_goal(alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=goal.pk).update(progress_percent=150)


def test_deleting_a_goal_takes_its_milestones_and_check_ins(alice):
    goal = specific_goal(alice)
    services.milestone_add(goal=goal, title="Outline agreed with my manager")
    services.goal_check_in(goal=goal, on=local_today(alice), note="Started the outline")
    services.goal_delete(goal=goal)
    assert not (Goal.objects.exists() or Milestone.objects.exists() or GoalCheckIn.objects.exists())


# --- milestones and check-ins ---------------------------------------------------------------


def test_progress_follows_the_milestones(alice):
    goal = specific_goal(alice)
    services.goal_set_progress(goal=goal, percent=10)
    first = services.milestone_add(goal=goal, title="Outline agreed with my manager")
    services.milestone_add(goal=goal, title="Dry run with two colleagues")
    third = services.milestone_add(goal=goal, title="  First review given  ")
    assert third.title == "First review given"
    goal.refresh_from_db()
    assert goal.progress_percent == 0
    services.milestone_toggle(milestone=first)
    goal.refresh_from_db()
    assert goal.progress_percent == 33
    services.milestone_toggle(milestone=third, done=True)
    services.milestone_remove(milestone=Milestone.objects.get(title="Dry run with two colleagues"))
    goal.refresh_from_db()
    assert goal.progress_percent == 100
    services.milestone_toggle(milestone=first)
    goal.refresh_from_db()
    assert goal.progress_percent == 50
    with pytest.raises(ValidationError) as exc:
        services.goal_set_progress(goal=goal, percent=90)
    assert "follows its milestones" in errors(exc)["progress_percent"][0]


def test_a_milestone_needs_a_title(alice):
    goal = specific_goal(alice)
    with pytest.raises(ValidationError):
        services.milestone_add(goal=goal, title="   ")
    assert not Milestone.objects.exists()


def test_a_check_in_is_dated_noted_and_moves_progress(alice):
    goal = specific_goal(alice)
    today = local_today(alice)
    first = services.goal_check_in(
        goal=goal, on=today - timedelta(days=14), note="Drafted the slides"
    )
    assert first.progress_percent == 0
    second = services.goal_check_in(
        goal=goal, on=today, note="Gave the first review", progress_percent=35
    )
    goal.refresh_from_db()
    assert goal.progress_percent == 35 and second.progress_percent == 35
    assert list(goal.check_ins.all()) == [second, first]  # newest first


def test_bad_check_ins_save_nothing(alice):
    goal = specific_goal(alice)
    tomorrow = local_today(alice) + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.goal_check_in(goal=goal, on=tomorrow, note="  ", progress_percent=140)
    assert set(errors(exc)) == {"on", "note", "progress_percent"}
    services.milestone_add(goal=goal, title="Outline agreed")
    with pytest.raises(ValidationError) as exc:
        services.goal_check_in(
            goal=goal, on=local_today(alice), note="Halfway", progress_percent=50
        )
    assert "follows its milestones" in errors(exc)["progress_percent"][0]
    goal.refresh_from_db()
    assert not GoalCheckIn.objects.exists() and goal.progress_percent == 0


# --- skill gaps -----------------------------------------------------------------------------


def test_skill_gaps_link_to_the_taxonomy_however_they_are_typed(alice):
    budgeting = Skill.objects.create(name="Project budgeting")
    gap = services.skill_gap_add(profile=alice, name="  project   BUDGETING ", note="cost reports")
    assert gap.skill == budgeting and gap.note == "cost reports"
    again = services.skill_gap_add(profile=alice, name="Project budgeting", note="forecasting")
    assert again.pk == gap.pk and again.note == "forecasting"
    services.skill_gap_add(profile=alice, name="Stakeholder management")
    assert Skill.objects.filter(key="stakeholder management").exists()
    assert alice.skill_gaps.count() == 2


def test_skill_gap_rules(alice, bob, monkeypatch):
    with pytest.raises(ValidationError):
        services.skill_gap_add(profile=alice, name="   ")
    with pytest.raises(ValidationError):
        services.skill_gap_add(profile=alice, name="x" * 61)
    monkeypatch.setattr(services, "MAX_SKILL_GAPS", 1)
    services.skill_gap_add(profile=alice, name="SQL")
    with pytest.raises(ValidationError):
        services.skill_gap_add(profile=alice, name="Python")
    bobs = services.skill_gap_add(profile=bob, name="SQL")
    services.skill_gap_remove(profile=alice, gap_id=bobs.pk)  # not hers: nothing happens
    assert SkillGap.objects.filter(pk=bobs.pk).exists()


def test_skill_gaps_set_replaces_the_list_and_keeps_notes(alice):
    services.skill_gap_add(profile=alice, name="SQL", note="window functions")
    services.skill_gap_add(profile=alice, name="Python")
    gaps = services.skill_gaps_set(profile=alice, names=["sql", "Negotiation", "negotiation "])
    assert [(g.skill.name, g.note) for g in gaps] == [
        ("SQL", "window functions"),
        ("Negotiation", ""),
    ]


# --- guidance -------------------------------------------------------------------------------


def test_guidance_is_weighted_and_kinds_not_given_keep_their_weight(alice):
    services.guidance_set(profile=alice, weights={"technical": 2, "career": 3})
    reflection = services.guidance_set(profile=alice, weights={"technical": 0, "emotional": 1})
    assert reflection.guidance_weights == {
        "technical": 0,
        "career": 3,
        "navigation": 0,
        "emotional": 1,
    }


def test_bad_guidance_saves_nothing(alice):
    with pytest.raises(ValidationError) as exc:
        services.guidance_set(profile=alice, weights={"technical": 2, "politics": 3, "career": 7})
    assert set(errors(exc)) == {"politics", "career"}
    assert not Reflection.objects.exists()


# --- the mentor persona ---------------------------------------------------------------------


def test_persona_criteria_of_every_kind(alice):
    rows = [
        services.persona_set_criterion(
            profile=alice, kind="experience_years", value="8", importance="nice", weight=3
        ),
        services.persona_set_criterion(
            profile=alice, kind="skill", value=" financial planning ", importance="must"
        ),
        services.persona_set_criterion(
            profile=alice, kind="trait", value="career_changer", importance="nice"
        ),
        services.persona_set_criterion(
            profile=alice, kind="language", value="pt", importance="must"
        ),
        services.persona_set_criterion(
            profile=alice, kind="seniority", value=5, importance="nice", weight=1
        ),
        services.persona_set_criterion(
            profile=alice, kind="overlap_hours", value="3", importance="must"
        ),
        services.persona_set_criterion(
            profile=alice, kind="mentorship_type", value="virtual", importance="nice"
        ),
    ]
    assert [r.describe() for r in rows] == [
        "at least 8 years of experience",
        "knows financial planning",
        "has changed careers",
        "speaks Portuguese",
        "seniority of at least Lead or staff",
        "at least 3 hours a week in common",
        "open to virtual mentorship",
    ]
    skill = rows[1]
    assert skill.value == "financial planning" and skill.skill.name == "financial planning"
    assert [r.weight for r in rows] == [3, None, 2, None, 1, None, 2]  # nice-to-haves default to 2


def test_single_valued_kinds_are_replaced_and_others_updated(alice):
    first = services.persona_set_criterion(
        profile=alice, kind="seniority", value="4", importance="must"
    )
    second = services.persona_set_criterion(
        profile=alice, kind="seniority", value="5", importance="nice"
    )
    assert first.pk == second.pk and PersonaCriterion.objects.count() == 1
    services.persona_set_criterion(profile=alice, kind="language", value="en", importance="must")
    services.persona_set_criterion(
        profile=alice, kind="language", value="en", importance="nice", weight=3
    )
    services.persona_set_criterion(profile=alice, kind="language", value="fr", importance="nice")
    assert sorted(
        alice.persona.filter(kind="language").values_list("value", "importance", "weight")
    ) == [("en", "nice", 3), ("fr", "nice", 2)]


@pytest.mark.parametrize(
    "kind,value,field",
    [
        ("language", "xx", "value"),
        ("trait", "wizard", "value"),
        ("mentorship_type", "telepathic", "value"),
        ("seniority", "12", "value"),
        ("experience_years", "0", "value"),
        ("experience_years", "many", "value"),
        ("skill", "   ", "value"),
        ("star_sign", "leo", "kind"),
    ],
)
def test_bad_criterion_values_are_refused(alice, kind, value, field):
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(profile=alice, kind=kind, value=value, importance="must")
    assert field in errors(exc)
    assert not PersonaCriterion.objects.exists()


def test_importance_and_weight_are_checked(alice):
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(
            profile=alice, kind="trait", value="patient", importance="maybe"
        )
    assert "importance" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(
            profile=alice, kind="trait", value="patient", importance="nice", weight=4
        )
    assert "weight" in errors(exc)
    must = services.persona_set_criterion(
        profile=alice, kind="trait", value="patient", importance="must", weight=3
    )
    assert must.weight is None


def test_an_overlap_over_40_hours_a_week_is_refused(alice):
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(
            profile=alice, kind="overlap_hours", value="45", importance="must"
        )
    assert "45 hours a week" in errors(exc)["value"][0]
    assert not PersonaCriterion.objects.exists()


def test_a_must_have_overlap_beyond_ones_own_availability_is_refused(alice):
    availability_add(profile=alice, weekday=0, start_minute=18 * 60, end_minute=21 * 60)
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(
            profile=alice, kind="overlap_hours", value="5", importance="must"
        )
    assert "your own weekly availability (3 hours)" in errors(exc)["value"][0]
    services.persona_set_criterion(
        profile=alice, kind="overlap_hours", value="5", importance="nice"
    )
    services.persona_set_criterion(
        profile=alice, kind="overlap_hours", value="2", importance="must"
    )


def clash(profile, first: tuple, second: tuple) -> str:
    """Set `first` as a must-have, then try `second`: return the refusal, check nothing changed."""
    services.persona_set_criterion(
        profile=profile, kind=first[0], value=first[1], importance="must"
    )
    before = list(PersonaCriterion.objects.values_list("kind", "value", "importance"))
    with pytest.raises(ValidationError) as exc:
        services.persona_set_criterion(
            profile=profile, kind=second[0], value=second[1], importance="must"
        )
    assert list(PersonaCriterion.objects.values_list("kind", "value", "importance")) == before
    [message] = errors(exc)["value"]
    return message


def test_must_have_peer_and_reverse_contradict(alice):
    message = clash(alice, ("mentorship_type", "peer"), ("mentorship_type", "reverse"))
    assert (
        "“open to reverse mentorship” (must-have) contradicts “open to peer mentorship”" in message
    )


def test_must_have_formal_and_informal_contradict(alice):
    message = clash(alice, ("mentorship_type", "informal"), ("mentorship_type", "formal"))
    assert "open to formal mentorship" in message and "open to informal mentorship" in message


def test_a_peer_two_levels_above_contradicts(alice):
    profile_update(profile=alice, seniority=3)  # mid-level
    message = clash(alice, ("seniority", "5"), ("mentorship_type", "peer"))
    assert (
        "“open to peer mentorship” (must-have) contradicts “seniority of at least Lead or staff”"
        in message
    )
    assert "(Mid-level)" in message
    # One level above is still a peer.
    services.persona_set_criterion(profile=alice, kind="seniority", value="4", importance="must")
    services.persona_set_criterion(
        profile=alice, kind="mentorship_type", value="peer", importance="must"
    )


def test_a_reverse_mentor_more_senior_than_me_contradicts(alice):
    profile_update(profile=alice, seniority=5, years_experience=12)
    message = clash(alice, ("mentorship_type", "reverse"), ("seniority", "6"))
    assert "seniority of at least Director" in message and "open to reverse mentorship" in message
    message = clash(alice, ("mentorship_type", "reverse"), ("experience_years", "15"))
    assert "at least 15 years of experience" in message and "your 12 years" in message


def test_blunt_and_gentle_feedback_contradict(alice):
    message = clash(alice, ("trait", "direct"), ("trait", "gentle"))
    assert (
        "gives gentle, encouraging feedback" in message
        and "gives blunt, direct feedback" in message
    )


def test_nice_to_haves_never_contradict(alice):
    profile_update(profile=alice, seniority=3)
    services.persona_set_criterion(
        profile=alice, kind="mentorship_type", value="peer", importance="must"
    )
    services.persona_set_criterion(
        profile=alice, kind="mentorship_type", value="reverse", importance="nice"
    )
    services.persona_set_criterion(profile=alice, kind="seniority", value="7", importance="nice")
    assert PersonaCriterion.objects.count() == 3
    # Turning a nice-to-have into a must-have is checked again.
    with pytest.raises(ValidationError):
        services.persona_set_criterion(
            profile=alice, kind="seniority", value="7", importance="must"
        )


def test_without_my_own_seniority_the_level_rules_cannot_apply(alice):
    services.persona_set_criterion(
        profile=alice, kind="mentorship_type", value="peer", importance="must"
    )
    services.persona_set_criterion(profile=alice, kind="seniority", value="7", importance="must")


def test_persona_has_a_limit_and_removal_is_scoped(alice, bob, monkeypatch):
    monkeypatch.setattr(services, "MAX_CRITERIA", 1)
    mine = services.persona_set_criterion(
        profile=alice, kind="language", value="en", importance="must"
    )
    with pytest.raises(ValidationError):
        services.persona_set_criterion(
            profile=alice, kind="language", value="de", importance="must"
        )
    services.persona_set_criterion(
        profile=alice, kind="language", value="en", importance="nice"
    )  # an update
    services.persona_remove_criterion(profile=bob, criterion_id=mine.pk)
    assert PersonaCriterion.objects.filter(pk=mine.pk).exists()
    services.persona_remove_criterion(profile=alice, criterion_id=mine.pk)
    assert not PersonaCriterion.objects.exists()


def test_the_database_holds_the_persona_shape(alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonaCriterion.objects.create(
            owner=alice, kind="trait", value="patient", importance="must", weight=2
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonaCriterion.objects.create(owner=alice, kind="skill", value="sql", importance="must")
    PersonaCriterion.objects.create(owner=alice, kind="seniority", value="3", importance="must")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonaCriterion.objects.create(owner=alice, kind="seniority", value="4", importance="must")


# --- steps ----------------------------------------------------------------------------------


def test_the_last_step_is_remembered(alice):
    assert services.reflection_mark_step(profile=alice, step="gaps").last_step == "gaps"
    assert services.reflection_mark_step(profile=alice, step="persona").last_step == "persona"
    assert Reflection.objects.get(profile=alice).last_step == "persona"
    with pytest.raises(ValidationError):
        services.reflection_mark_step(profile=alice, step="meditation")
