"""The relationships rows of the authorization matrix (see matrix.py for the protocol).

extend(world) gives the owner (mentee) and the counterpart (mentor) an active mentorship with
its agreement, through the real services, and what the two wrote in it:
  relationship   the owner and the counterpart's mentorship (the pair's; strangers get 404)
  challenge      a stretch challenge the counterpart set; only the owner marks it done (403)
  mentoring      a mentorship in which the owner mentors Xavier, a stranger to every persona
The counterpart's private reflection carries a marker that must reach nobody else (tested in
lodestar/relationships/tests/test_api.py).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lodestar.people import services as people
from lodestar.people.tests.factories import ProfileFactory
from lodestar.relationships import services as relationships

from .matrix import ANYONE, OWNER, OWNER_OF_PAIR, PAIR, Row

SOURCES = {"relationship_id": "relationship", "challenge_id": "challenge"}
COUNTERPART_REFLECTION = "counterpart-reflection-3b8e"
OWNER_REFLECTION = "owner-reflection-a27c"


def extend(world) -> None:
    owner, mentor = world.profiles["owner"], world.profiles["counterpart"]
    rel = relationships.relationship_create(
        mentee=owner, mentor=mentor, kind="informal", state="exploring"
    )
    relationships.agreement_make(
        relationship=rel, by=owner, cadence="weekly", minutes=60, channels=["video"],
        review_on=timezone.localdate() + dt.timedelta(days=90), acknowledge=True,
    )
    relationships.feedback_give(relationship=rel, by=mentor, situation="In the review",
                                behavior="You led with the chart", impact="It landed fast")
    relationships.reflection_add(relationship=rel, by=owner, text=OWNER_REFLECTION)
    relationships.reflection_add(relationship=rel, by=mentor, text=COUNTERPART_REFLECTION)
    relationships.gratitude_send(relationship=rel, by=owner, helped_with="The chart advice",
                                 text="Thank you, it worked")
    relationships.advocacy_log(relationship=rel, by=mentor, kind="introduced",
                               text="Introduced to our head of data")
    challenge = relationships.challenge_set(relationship=rel, by=mentor,
                                            text="Present without notes once")
    if owner.max_mentees < 3:
        people.profile_update(profile=owner, max_mentees=3)
    xavier = ProfileFactory(display_name="Xavier Mentee", user__email="xavier@example.org")
    mentoring = relationships.relationship_create(
        mentee=xavier, mentor=owner, kind="informal", state="active"
    )
    world.ids.update(relationship=rel.pk, challenge=challenge.pk, mentoring=mentoring.pk)


def rows() -> list[Row]:
    mine = {"relationship_id": "mentoring"}
    review = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    return [
        Row("GET", "/relationships", ANYONE),
        Row("GET", "/relationships/{relationship_id}", PAIR),
        Row("POST", "/relationships/{relationship_id}/transition", PAIR,
            {"to": "paused", "reason": "A busy month"}),
        Row("PUT", "/relationships/{relationship_id}/agreement", PAIR,
            {"cadence": "biweekly", "minutes": 45, "channels": ["video", "chat"],
             "review_on": review, "acknowledge": True}),
        Row("POST", "/relationships/{relationship_id}/agreement/acknowledge", PAIR),
        Row("GET", "/relationships/{relationship_id}/feedback", PAIR),
        Row("POST", "/relationships/{relationship_id}/feedback", PAIR,
            {"situation": "Friday demo", "behavior": "You paused for questions",
             "impact": "People joined in"}),
        Row("GET", "/relationships/{relationship_id}/reflections", PAIR),
        Row("POST", "/relationships/{relationship_id}/reflections", PAIR,
            {"text": "I talk less when I prepare questions"}),
        Row("GET", "/relationships/{relationship_id}/thanks", PAIR),
        Row("POST", "/relationships/{relationship_id}/thanks", PAIR,
            {"helped_with": "The intro to Dana", "text": "It opened a door"}),
        Row("GET", "/relationships/{relationship_id}/challenges", PAIR),
        Row("POST", "/relationships/{relationship_id}/challenges", OWNER,
            {"text": "Chair one meeting on your own"}, mine),
        Row("POST", "/relationships/{relationship_id}/challenges/{challenge_id}/done",
            OWNER_OF_PAIR),
        Row("GET", "/relationships/{relationship_id}/advocacy", PAIR),
        Row("POST", "/relationships/{relationship_id}/advocacy", OWNER,
            {"kind": "endorsed", "text": "Endorsed for SQL"}, mine),
        Row("GET", "/coaching-questions", ANYONE),
        Row("GET", "/lineage", ANYONE),
    ]
