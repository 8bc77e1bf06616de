"""Goals a mentee shares with "me and my mentors": their mentor reads them while the
relationship is under way, on the relationship page, the goal's page and the API; nobody else
does, the mentor can never change them, and the view ends with the relationship."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lodestar.goals import services as goals
from lodestar.goals.models import Goal
from lodestar.people.tests.factories import ProfileFactory
from lodestar.relationships import services
from lodestar.tests.api.conftest import ApiClient

from .conftest import as_

pytestmark = pytest.mark.django_db

SHARED = "Present the quarterly numbers to the sales leads by June"
PRIVATE = "Decide whether to move to Lisbon next year"


@pytest.fixture
def goals_of(mentee):
    shared = goals.goal_create(owner=mentee, horizon="short", text=SHARED)
    goals.goal_set_visibility(goal=shared, visibility="mentors")
    private = goals.goal_create(owner=mentee, horizon="long", text=PRIVATE)
    return shared, private


def readable(viewer) -> set[str]:
    return set(Goal.objects.visible_to(viewer).values_list("text", flat=True))


def test_the_mentor_reads_shared_goals_only_while_the_relationship_is_under_way(
    mentee, mentor, stranger, goals_of
):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="informal")
    assert readable(mentor) == set()  # a request is not a mentorship yet
    rel = services.relationship_transition(relationship=rel, to="intro_scheduled", by=None)
    assert readable(mentor) == {SHARED}
    assert readable(stranger) == set()
    assert readable(mentee) == {SHARED, PRIVATE}
    services.relationship_transition(relationship=rel, to="ended", by=mentee, end_reason="withdrawn")
    assert readable(mentor) == set()


def test_a_mentee_does_not_read_their_mentors_goals_but_peers_read_each_other(mentee, mentor):
    mentor_goal = goals.goal_create(owner=mentor, horizon="short", text="Coach two new leads")
    goals.goal_set_visibility(goal=mentor_goal, visibility="mentors")
    services.relationship_create(mentee=mentee, mentor=mentor, kind="informal", state="active")
    assert readable(mentee) == set()  # the mentee guides nobody here
    peer = ProfileFactory(display_name="Ines Duarte")
    peer_goal = goals.goal_create(owner=peer, horizon="short", text="Ship the pricing study")
    goals.goal_set_visibility(goal=peer_goal, visibility="mentors")
    services.relationship_create(mentee=mentee, mentor=peer, kind="peer", state="active")
    assert readable(mentee) == {"Ship the pricing study"}
    assert readable(peer) == {"Ship the pricing study"}  # their own: the mentee shared nothing yet
    mine = goals.goal_create(owner=mentee, horizon="short", text="Run my first workshop")
    goals.goal_set_visibility(goal=mine, visibility="mentors")
    assert readable(peer) == {"Ship the pricing study", "Run my first workshop"}


def test_the_relationship_page_shows_each_side_the_goals_it_may_see(
    client, mentee, mentor, goals_of
):
    rel = services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    mentor_page = as_(client, mentor).get(rel.get_absolute_url()).content.decode()
    assert SHARED in mentor_page and PRIVATE not in mentor_page
    mentee_page = as_(client, mentee).get(rel.get_absolute_url()).content.decode()
    assert SHARED in mentee_page and PRIVATE in mentee_page
    assert f"only you: {mentor.display_name} cannot see it" in mentee_page


def test_the_mentor_reads_the_goal_page_but_cannot_change_the_goal(
    client, mentee, mentor, stranger, goals_of
):
    shared, private = goals_of
    services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    mentor_client = as_(client, mentor)
    page = mentor_client.get(shared.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert SHARED in html and "Edit this goal" not in html
    assert f"{mentee.display_name}'s goal, shared with you" in html
    assert mentor_client.get(private.get_absolute_url()).status_code == 404
    before = Goal.objects.get(pk=shared.pk).status
    refused = mentor_client.post(
        reverse("goals:action", args=[shared.pk, "status"]), {"status": "abandoned"}
    )
    assert refused.status_code == 404
    assert Goal.objects.get(pk=shared.pk).status == before
    assert as_(client, stranger).get(shared.get_absolute_url()).status_code == 404


def test_the_api_lists_a_mentees_shared_goals_and_refuses_changes(mentee, mentor, goals_of):
    shared, private = goals_of
    services.relationship_create(mentee=mentee, mentor=mentor, kind="formal", state="active")
    api = ApiClient(mentor.user)
    own = api.get("/goals").json()
    assert own["items"] == []  # "my goals" are the mentor's own
    theirs = api.get(f"/goals?owner={mentee.pk}").json()["items"]
    assert [(g["text"], g["owner"]) for g in theirs] == [(SHARED, mentee.pk)]
    assert api.get(f"/goals/{shared.pk}").status_code == 200
    assert api.get(f"/goals/{private.pk}").status_code == 404
    assert api.patch(f"/goals/{shared.pk}", {"text": "Something else"}).status_code == 403
    assert Goal.objects.get(pk=shared.pk).text == SHARED
