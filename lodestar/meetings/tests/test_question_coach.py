"""The question coach: closed questions, how many, and what the mentor's profile already says."""

from __future__ import annotations

import pytest

from lodestar.meetings.question_coach import MentorProfile, answered_by, is_closed, review_questions

AMARA = MentorProfile(
    headline="Engineering manager who still writes code on Fridays",
    bio="I lead a platform team of nine at a payments company. I moved from backend engineer to "
    "manager four years ago.",
    job_title="Engineering manager",
    organization="Pesa Labs",
    work_titles=["Scaling on-call for small teams", "Sustainable supply chains keynote"],
)
GOOD = [
    "How did you decide between the staff engineer track and management?",
    "What do you wish you had known in your first year of managing?",
    "Tell me about a one-to-one that changed how you lead.",
]


@pytest.mark.parametrize(
    "question",
    [
        "Do you like your job?",
        "Is management hard?",
        "Should I learn Go?",
        "Have you ever failed?",
        "Would you recommend it?",
        "can I ask about salaries?",
        "Don't you miss coding?",
    ],
)
def test_closed_questions_are_flagged(question):
    assert is_closed(question)


@pytest.mark.parametrize(
    "question",
    [
        "How did you get your first lead role?",
        "What would you do differently?",
        "Could you tell me how you prepare for a hard conversation?",
        "Would you walk me through your week?",
        "Why platform teams?",
        "Tell me about your worst incident.",
        "Issues you see in juniors?",
    ],
)
def test_open_questions_pass(question):
    assert not is_closed(question)


def test_questions_the_profile_answers_are_flagged_with_where_it_says_so():
    assert answered_by("Where do you work?", AMARA) == (
        "job_title",
        "Engineering manager at Pesa Labs",
    )
    assert answered_by("What is your role?", AMARA)[0] == "job_title"
    assert answered_by("Did you give the keynote on sustainable supply chains?", AMARA) == (
        "work",
        "Sustainable supply chains keynote",
    )
    source, words = answered_by("Do you lead a platform team of nine at a payments company?", AMARA)
    assert source == "bio" and words.startswith("I lead a platform team")


def test_building_on_the_profile_is_not_repeating_it():
    assert answered_by("How did you move from backend engineer to manager?", AMARA) is None
    assert answered_by("What made you write about scaling on-call for small teams?", AMARA) is None
    assert answered_by("Where do you work?", MentorProfile()) is None  # nothing to read there


def test_three_to_five_questions_for_an_intro_call():
    assert [f.code for f in review_questions(GOOD[:2], AMARA)] == ["too_few"]
    assert review_questions(GOOD, AMARA) == []
    six = GOOD + [
        "What do you read?",
        "How do you plan a quarter?",
        "What should I ask my manager?",
    ]
    assert [f.code for f in review_questions(six, AMARA)] == ["too_many"]
    assert review_questions(GOOD[:1], AMARA, intro=False) == []


def test_each_finding_points_at_its_question():
    findings = review_questions(["  ", "Do you enjoy it?", *GOOD, "Where do you work?"], AMARA)
    assert [(f.code, f.index) for f in findings] == [("closed", 0), ("answered", 4)]


def test_hints_speak_to_the_person():
    from lodestar.meetings.hints import hints_for

    questions = ["Do you enjoy it?", "Where do you work?"]
    hints = hints_for(review_questions(questions, AMARA), questions, "Amara Okafor")
    assert [h.code for h in hints] == ["too_few", "closed", "answered"]
    assert "yes or a no" in hints[1].text and hints[1].question == "Do you enjoy it?"
    assert "Amara Okafor's profile already tells you this" in hints[2].text
    assert "Engineering manager at Pesa Labs" in hints[2].text
