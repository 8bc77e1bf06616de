"""The composer (pure Python): the guide's anatomy in three tones, and drafts the coach accepts."""

from __future__ import annotations

import pytest

from lodestar.outreach.coach import review_message
from lodestar.outreach.composer import (
    TONES,
    ComposerInput,
    compose,
    decline_reply,
    redirect_reply,
    suggested_questions,
)

QUESTIONS = [
    "How did you decide when to stop writing pipelines yourself?",
    "What did your first quarter as a lead teach you?",
]


def facts(**overrides) -> ComposerInput:
    values = dict(
        mentee_name="Arjun Mehta",
        mentor_name="Elena Vasquez",
        mentee_role="a data engineer at a Kolkata start-up",
        goals=["Lead the data platform team of four by next spring"],
        work_title="Building data teams that last",
        work_kind="talk",
        work_year=2023,
        questions=QUESTIONS,
        tone="warm",
        mentor_expertise=["Data engineering", "Airflow"],
    )
    values.update(overrides)
    return ComposerInput(**values)


@pytest.mark.parametrize("tone", TONES)
def test_each_tone_follows_the_anatomy_and_satisfies_the_coach(tone):
    draft = compose(facts(tone=tone))
    body = draft.body
    assert draft.subject and "data engineering" in draft.subject
    assert "Elena" in body.splitlines()[0]
    assert "“Building data teams that last”" in body  # the opening cites the chosen work
    assert "a data engineer at a Kolkata start-up" in body and "lead the data platform" in body
    assert "20-minute" in body or "20 minutes" in body
    for q in QUESTIONS:
        assert f"- {q}" in body
    assert "Thank you" in body and body.rstrip().endswith("Arjun Mehta")
    verdict = review_message(
        subject=draft.subject,
        body=body,
        mentor_name="Elena Vasquez",
        work_titles=["Building data teams that last"],
    )
    assert verdict.findings == (), verdict.findings
    assert verdict.score == 100


def test_tones_read_differently():
    bodies = {tone: compose(facts(tone=tone)).body for tone in TONES}
    assert len(set(bodies.values())) == 3
    assert bodies["formal"].startswith("Dear Elena Vasquez,")
    assert bodies["concise"].startswith("Hi Elena,")
    assert len(bodies["concise"]) < len(bodies["warm"])


def test_kinds_of_work_and_the_year():
    assert (
        "your article “Pipelines nobody babysits” (2021)"
        in compose(
            facts(work_kind="article", work_title="Pipelines nobody babysits", work_year=2021)
        ).body
    )
    assert "your project" in compose(facts(work_kind="project")).body
    assert "(2023)" not in compose(facts(work_year=None)).body


def test_without_questions_it_suggests_three_about_the_topic():
    draft = compose(facts(questions=[]))
    assert len(draft.questions) == 3 and "three questions" in draft.body
    assert any("data engineering" in q for q in draft.questions)
    assert suggested_questions("hiring")[0].endswith("?")


def test_questions_are_cleaned_and_capped_at_three():
    draft = compose(facts(questions=["- first one", "2. second one?", "third", "fourth", "third"]))
    assert draft.questions == ("first one?", "second one?", "third?")


def test_the_ask_stays_between_15_and_20_minutes_and_unknown_tones_are_warm():
    assert "15-minute" in compose(facts(minutes=5)).body
    assert "20-minute" in compose(facts(minutes=90)).body
    assert compose(facts(tone="shouty")).body == compose(facts(tone="warm")).body


def test_without_work_goals_or_role_it_still_reads_well():
    draft = compose(
        ComposerInput(mentee_name="Ana", mentor_name="Bo Li", mentor_role="Head of data")
    )
    assert draft.subject == "A question about head of data from Ana"
    assert "someone early in this field" in draft.body and "“" not in draft.body


def test_topic_prefers_an_expertise_the_goals_mention():
    draft = compose(facts(goals=["Move our batch jobs to Airflow"], tone="concise"))
    assert draft.subject == "A question about Airflow"


def test_drafts_for_two_mentors_are_not_a_duplicate_but_a_third_copy_is():
    first = compose(facts())
    second = compose(
        facts(
            mentor_name="Kofi Boateng",
            work_title="Pipelines nobody babysits",
            mentor_expertise=["Airflow"],
        )
    )
    verdict = review_message(
        subject=second.subject,
        body=second.body,
        mentor_name="Kofi Boateng",
        work_titles=["Pipelines nobody babysits"],
        previous=[first.body],
    )
    assert verdict.findings == ()
    third = compose(facts(mentor_name="Lin Wu", work_title="Data teams at scale"))
    verdict = review_message(
        subject=third.subject,
        body=third.body,
        mentor_name="Lin Wu",
        work_titles=["Data teams at scale"],
        previous=[first.body, second.body],
    )
    assert verdict.codes == {"duplicate"}


def test_translated_through_the_given_gettext():
    marked = lambda text: text.replace("Dear", "Liebe")  # noqa: E731
    assert compose(facts(), gettext=marked).body.startswith("Liebe Elena,")


def test_replies_drafted_for_the_mentor():
    no = decline_reply(mentee_name="Arjun Mehta", mentor_name="Elena Vasquez")
    assert no.startswith("Dear Arjun,") and "Thank you" in no and no.endswith("Elena Vasquez")
    assert "not the right person" in decline_reply(mentee_name="A", mentor_name="B", reason="fit")
    assert decline_reply(mentee_name="A", mentor_name="B", reason="nonsense") == decline_reply(
        mentee_name="A", mentor_name="B"
    )
    other = redirect_reply(
        mentee_name="Arjun Mehta", mentor_name="Elena", other_name="Kofi Boateng"
    )
    assert "Kofi Boateng could help you more" in other
