"""The relationships API as its people use it: private text stays with its owners, refusals
have the one error shape, and a mentorship moves along through it."""

from __future__ import annotations

import pytest

from lodestar.tests.api.conftest import ApiClient
from lodestar.tests.api.matrix_relationships import (
    COUNTERPART_REFLECTION,
    OWNER_REFLECTION,
    extend,
)
from lodestar.tests.api.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    world = build_world()
    extend(world)
    return world


def test_reflections_are_their_authors_alone(world):
    rel = world.ids["relationship"]
    owner = ApiClient(world.user("owner")).get(f"/relationships/{rel}/reflections")
    mentor = ApiClient(world.user("counterpart")).get(f"/relationships/{rel}/reflections")
    assert OWNER_REFLECTION in owner.content.decode()
    assert COUNTERPART_REFLECTION not in owner.content.decode()
    assert COUNTERPART_REFLECTION in mentor.content.decode()
    assert OWNER_REFLECTION not in mentor.content.decode()
    for persona in ("other", "admin", "staff"):
        client = ApiClient(world.user(persona))
        for path in ("", "/reflections", "/feedback", "/thanks", "/advocacy"):
            assert client.get(f"/relationships/{rel}{path}").status_code == 404


def test_the_detail_shows_the_agreement_and_history(world):
    rel = world.ids["relationship"]
    body = ApiClient(world.user("owner")).get(f"/relationships/{rel}").json()
    assert body["state"] == "active" and body["role"] == "mentee"
    assert body["agreement"]["minutes_per_month"] == 257
    assert [h["to_state"] for h in body["history"]] == ["exploring", "active"]
    assert body["history"][1]["draft"]  # the owner made the change, so it is drafted for her
    mentor_view = ApiClient(world.user("counterpart")).get(f"/relationships/{rel}").json()
    assert mentor_view["role"] == "mentor" and mentor_view["history"][1]["draft"] == ""


def test_an_invalid_move_is_refused_with_the_error_shape(world):
    rel = world.ids["relationship"]
    client = ApiClient(world.user("owner"))
    response = client.post(f"/relationships/{rel}/transition", {"to": "intro_held"})
    assert response.status_code == 409
    assert "cannot become" in response.json()["error"]["message"]
    response = client.post(f"/relationships/{rel}/transition", {"to": "ended"})
    assert response.status_code == 422 and "end_reason" in response.json()["error"]["fields"]
    response = client.post(
        f"/relationships/{rel}/transition", {"to": "ended", "end_reason": "goals_achieved"}
    )
    assert response.status_code == 200 and response.json()["end_reason"] == "goals_achieved"
