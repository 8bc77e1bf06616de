"""Mentorships and programs in the "Download my data" file and in closing an account: the
person's own side goes with them, the other person keeps the shared history under
"Former member"."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from django.utils import timezone

from lodestar.accounts import services
from lodestar.accounts.export import account_data
from lodestar.meetings.tests.conftest import make_mentor
from lodestar.notifications.models import Notification
from lodestar.people.tests.factories import ProfileFactory
from lodestar.programs import services as programs
from lodestar.programs.models import Participant, Program, Status, Survey, SurveyResponse
from lodestar.relationships import services as relationships
from lodestar.relationships.models import (
    Feedback,
    Gratitude,
    Reflection,
    Relationship,
    State,
    Transition,
)

MY_REFLECTION = "Reflection: I talk too fast when I am nervous"
THEIR_REFLECTION = "Mentor reflection: I learned to ask before advising"
FEEDBACK_GIVEN = "You listened to the whole story first"
FEEDBACK_RECEIVED = "You sent the agenda a day early"
THANKS = "The charter template saved my quarter"
CHALLENGE = "Run the next team retro yourself"
ADVOCACY = "Put her name forward for the data council"
FREE_ANSWER = "I want to learn to lead a small team"
SURVEY_COMMENT = "Honestly the meetings feel rushed"


@pytest.fixture
def carol(db):
    return ProfileFactory(display_name="Carol Diaz", user__email="carol@example.org")


@pytest.fixture
def staff(db):
    return ProfileFactory(display_name="Sam Staff", user__email="staff@example.org",
                          user__is_staff=True)


@pytest.fixture
def mentorship(alice, bob, carol, staff):
    """alice (mentee) and bob (mentor) are active, and both have written everything a
    mentorship holds; alice is matched in one program, administers another, and has applied to
    a third."""
    mentor = make_mentor(bob)
    r = relationships.relationship_create(
        mentee=alice, mentor=mentor, kind="informal", state=State.ACTIVE, actor=alice
    )
    relationships.agreement_make(
        relationship=r, by=alice, cadence="biweekly", minutes=45, channels=["video"],
        review_on=timezone.localdate() + dt.timedelta(days=90), acknowledge=True,
    )
    relationships.feedback_give(relationship=r, by=alice, situation="In our last session",
                                behavior=FEEDBACK_GIVEN, impact="I felt heard")
    relationships.feedback_give(relationship=r, by=mentor, situation="Before our session",
                                behavior=FEEDBACK_RECEIVED, impact="We used the hour well")
    relationships.reflection_add(relationship=r, by=alice, text=MY_REFLECTION)
    relationships.reflection_add(relationship=r, by=mentor, text=THEIR_REFLECTION)
    relationships.gratitude_send(relationship=r, by=alice, helped_with="The charter",
                                 text=THANKS)
    relationships.challenge_set(relationship=r, by=mentor, text=CHALLENGE)
    relationships.advocacy_log(relationship=r, by=mentor, kind="recommended", text=ADVOCACY)
    # bob pauses it: the message drafted for him is his alone.
    relationships.relationship_transition(relationship=r, to=State.PAUSED, by=mentor,
                                          reason="Busy month at work")

    program = programs.program_create(by=staff, name="Rising leaders", audience="open",
                                      admins=[carol])
    free = programs.question_add(program=program, text="What do you hope to learn?")
    choice = programs.question_add(program=program, text="In person?", kind="choice",
                                   choices=["Yes", "No"])
    place = programs.participant_apply(
        program=program, profile=alice, role="mentee",
        answers={str(free.pk): FREE_ANSWER, str(choice.pk): "Yes"},
    )
    Participant.objects.filter(pk=place.pk).update(status=Status.MATCHED)
    place.refresh_from_db()
    survey = Survey.objects.create(program=program, label="Day 30",
                                   due_on=timezone.localdate())
    programs.survey_respond(survey=survey, participant=place, satisfaction=4, meeting=True,
                            goal_progress=40, recommend=8, comments=SURVEY_COMMENT)
    run = programs.program_create(by=staff, name="Data guild", audience="open", admins=[alice])
    other = programs.program_create(by=staff, name="Peer circle", audience="invite",
                                    invite_list="carol@example.org\nalice@example.org")
    waiting = programs.participant_apply(program=other, profile=alice, role="mentee")
    return SimpleNamespace(relationship=r, program=program, place=place, run=run,
                           other=other, waiting=waiting, free=free, choice=choice)


def dump(data) -> str:
    return json.dumps(data, default=str)


def test_export_holds_the_mentorship_and_the_program_places(alice, mentorship):
    data = account_data(alice.user)
    (r,) = data["relationships"]
    assert (r["role"], r["with"], r["kind"], r["state"]) == ("mentee", "Bob Tanaka",
                                                            "informal", "paused")
    assert r["agreement"]["cadence"] == "biweekly" and r["agreement"]["acknowledged_at"]
    assert {(f["author"], f["behavior"]) for f in r["feedback"]} == {
        ("me", FEEDBACK_GIVEN), ("other", FEEDBACK_RECEIVED)
    }
    assert [x["text"] for x in r["reflections"]] == [MY_REFLECTION]
    assert r["thanks"][0]["text"] == THANKS and r["thanks"][0]["author"] == "me"
    assert r["challenges"][0]["text"] == CHALLENGE and r["challenges"][0]["set_by"] == "other"
    assert r["advocacy"][0]["text"] == ADVOCACY
    assert [t["to_state"] for t in r["transitions"]] == ["active", "paused"]
    mine, theirs = r["transitions"]
    assert mine["by"] == "me" and mine["draft"]
    assert theirs["by"] == "other" and theirs["draft"] == ""
    assert theirs["reason"] == "Busy month at work"  # the shared history shows it to both

    programs_ = data["programs"]
    place = next(p for p in programs_["participating"] if p["program"] == "Rising leaders")
    assert (place["role"], place["state"]) == ("mentee", "matched")
    assert {"question": "What do you hope to learn?", "answer": FREE_ANSWER} in place["answers"]
    (response,) = place["survey_responses"]
    assert response["comments"] == SURVEY_COMMENT and response["satisfaction"] == 4
    assert programs_["administering"] == ["Data guild"]


def test_the_other_persons_reflection_and_drafts_never_reach_the_export(alice, bob, mentorship):
    text = dump(account_data(alice.user))
    assert THEIR_REFLECTION not in text
    bobs_draft = Transition.objects.get(relationship=mentorship.relationship, by=bob).draft
    assert bobs_draft and bobs_draft not in text
    # And the other way round: bob gets his own, never hers.
    text = dump(account_data(bob.user))
    assert THEIR_REFLECTION in text and MY_REFLECTION not in text
    assert SURVEY_COMMENT not in text and FREE_ANSWER not in text


def test_deleting_ends_the_mentorship_and_erases_what_was_hers_alone(alice, bob, mentorship):
    services.account_delete(user=alice.user)

    r = Relationship.objects.get(pk=mentorship.relationship.pk)
    assert r.state == State.ENDED and r.end_reason == "withdrawn" and r.ended_at
    assert not Reflection.objects.filter(author=alice).exists()
    assert Reflection.objects.get(author=bob).text == THEIR_REFLECTION
    assert all(t.draft == "" for t in Transition.objects.filter(by=alice))
    assert Transition.objects.get(relationship=r, by=bob, to_state="paused").draft
    # What she wrote for bob stays for him.
    assert Feedback.objects.filter(author=alice).get().behavior == FEEDBACK_GIVEN
    assert Gratitude.objects.filter(author=alice).get().text == THANKS
    # bob is told, with no name.
    notice = Notification.objects.get(recipient=bob.user, kind="relationship_ended")
    assert notice.context["other_name"] == "Former member"

    place = Participant.objects.get(pk=mentorship.place.pk)
    assert place.answers == {str(mentorship.choice.pk): "Yes"}
    response = SurveyResponse.objects.get(participant=place)
    assert response.comments == "" and (response.satisfaction, response.goal_progress) == (4, 40)
    assert not Participant.objects.filter(pk=mentorship.waiting.pk).exists()
    assert not Program.objects.filter(admins=alice).exists()
    assert Program.objects.get(pk=mentorship.other.pk).invite_list == "carol@example.org"


def test_the_counterpart_still_sees_the_mentorship_with_a_former_member(client, alice, bob,
                                                                          mentorship):
    services.account_delete(user=alice.user)
    client.force_login(bob.user)
    page = client.get(mentorship.relationship.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Former member" in html and "Alice" not in html
    assert MY_REFLECTION not in html
    data = account_data(bob.user)
    (r,) = data["relationships"]
    assert r["with"] == "Former member" and r["state"] == "ended"
    assert FEEDBACK_GIVEN in dump(r["feedback"]) and MY_REFLECTION not in dump(data)
