"""The authorization matrix: every endpoint of the API, for every persona, allowed or denied.

Each row names an endpoint (method and path as in the OpenAPI schema), the rule that governs it,
the world objects its ids come from and a body the owner's call succeeds with. Each call runs in
a savepoint that is rolled back, so every persona meets the same world. The list of rows must
equal the schema's operations: an endpoint cannot be added without deciding who may call it.

Rules:
  ANYONE       every signed-in person acts on their own data (or reads something public)
  OWNER        only the owner; to anyone else the object does not exist (404)
  PAIR         the meeting's two people; anyone else, staff included, 404
  OWNER_OF_PAIR  the pair sees it, but only the owner (the mentee, the author) may do this:
               the counterpart gets 403
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from lodestar.api import api

from .conftest import API, bearer
from .matrix import (
    ANYONE,
    OWNER,
    OWNER_OF_PAIR,
    PAIR,
    RULES,
    Row,
    _later,
    extensions,
)
from .world import COUNTERPART_SECRET, OWNER_SECRET, PERSONAS, build_world

pytestmark = pytest.mark.django_db

def core_rows() -> list[Row]:
    today = timezone.localdate().isoformat()
    future = {"meeting_id": "future"}
    return [
        # people
        Row("GET", "/me", ANYONE),
        Row("PATCH", "/me/about", ANYONE, {"headline": "Data person"}),
        Row("PATCH", "/me/work", ANYONE, {"job_title": "Analyst"}),
        Row("PATCH", "/me/place", ANYONE, {"country": "GH"}),
        Row("PATCH", "/me/style", ANYONE, {"channels": ["video"]}),
        Row("PATCH", "/me/mentor", ANYONE, {"minutes_per_month": 60}),
        Row("PUT", "/me/skills", ANYONE, {"skills": ["SQL"], "expertise": []}),
        Row("POST", "/me/languages", ANYONE, {"language": "fr", "proficiency": 2}),
        Row("DELETE", "/me/languages/{language_id}", OWNER),
        Row("POST", "/me/availability", ANYONE, {"weekday": 3, "start": "14:00", "end": "15:00"}),
        Row("DELETE", "/me/availability/{window_id}", OWNER),
        Row("POST", "/me/public-work", ANYONE, {"kind": "article", "title": "Notes on SQL"}),
        Row("DELETE", "/me/public-work/{work_id}", OWNER),
        Row("GET", "/people/{profile_id}", ANYONE),
        Row("GET", "/skills", ANYONE),
        # goals
        Row("GET", "/goals", ANYONE),
        Row("POST", "/goals", ANYONE, {"horizon": "long", "text": "Lead a data team of five by 2031"}),
        Row("GET", "/goals/{goal_id}", OWNER),
        Row("PATCH", "/goals/{goal_id}", OWNER, {"why": "It is what I enjoy"}),
        Row("DELETE", "/goals/{goal_id}", OWNER),
        Row("PUT", "/goals/{goal_id}/status", OWNER, {"status": "paused"}),
        Row("PUT", "/goals/{goal_id}/progress", OWNER, {"percent": 40}, {"goal_id": "goal_plain"}),
        Row("PUT", "/goals/{goal_id}/visibility", OWNER, {"visibility": "mentors"}),
        Row("POST", "/goals/{goal_id}/milestones", OWNER, {"title": "Second review"}),
        Row("PATCH", "/goals/{goal_id}/milestones/{milestone_id}", OWNER, {"done": True}),
        Row("DELETE", "/goals/{goal_id}/milestones/{milestone_id}", OWNER),
        Row("GET", "/goals/{goal_id}/check-ins", OWNER),
        Row("POST", "/goals/{goal_id}/check-ins", OWNER, {"on": today, "note": "Going well"}),
        Row("GET", "/reflection/skill-gaps", ANYONE),
        Row("POST", "/reflection/skill-gaps", ANYONE, {"skill": "SQL"}),
        Row("PUT", "/reflection/skill-gaps", ANYONE, {"skills": ["SQL"]}),
        Row("DELETE", "/reflection/skill-gaps/{gap_id}", OWNER),
        Row("GET", "/reflection/guidance", ANYONE),
        Row("PUT", "/reflection/guidance", ANYONE, {"technical": 2}),
        Row("GET", "/reflection/persona", ANYONE),
        Row("POST", "/reflection/persona", ANYONE,
            {"kind": "trait", "value": "patient", "importance": "nice", "weight": 2}),
        Row("DELETE", "/reflection/persona/{criterion_id}", OWNER),
        Row("GET", "/reflection/readiness", ANYONE),
        # notifications
        Row("GET", "/notifications", ANYONE),
        Row("GET", "/notifications/unread-count", ANYONE),
        Row("POST", "/notifications/{notification_id}/read", OWNER),
        Row("POST", "/notifications/read-all", ANYONE),
        Row("GET", "/notifications/preferences", ANYONE),
        Row("PATCH", "/notifications/preferences", ANYONE, {"digest_enabled": True}),
        # meetings
        Row("GET", "/people/{profile_id}/slots", ANYONE, ids={"profile_id": "mentor"}),
        Row("POST", "/meetings", ANYONE,
            {"mentor_id": "mentor", "kind": "session", "starts_at": _later(5), "minutes": 45}),
        Row("GET", "/meetings", ANYONE),
        Row("GET", "/meetings/{meeting_id}", PAIR),
        Row("POST", "/meetings/{meeting_id}/reschedule", PAIR,
            {"starts_at": _later(4), "reason": "A clash came up"}, future),
        Row("POST", "/meetings/{meeting_id}/cancel", PAIR, {"reason": "I am ill"}, future),
        Row("GET", "/meetings/{meeting_id}/agenda", PAIR, ids=future),
        Row("PUT", "/meetings/{meeting_id}/agenda", OWNER_OF_PAIR, {"topics": ["The review"]}, future),
        Row("GET", "/meetings/{meeting_id}/notes", PAIR),
        Row("POST", "/meetings/{meeting_id}/notes", PAIR, {"body": "Good call", "shared": True}),
        Row("DELETE", "/meetings/{meeting_id}/notes/{note_id}", OWNER_OF_PAIR),
        Row("POST", "/meetings/{meeting_id}/takeaways", PAIR, {"text": "Slow down"}),
        Row("DELETE", "/meetings/{meeting_id}/takeaways/{takeaway_id}", OWNER_OF_PAIR),
        Row("POST", "/meetings/{meeting_id}/action-items", PAIR, {"text": "Book a room"}),
        Row("POST", "/meetings/{meeting_id}/action-items/{item_id}/report", OWNER_OF_PAIR,
            {"report_back": "Sent it"}),
        Row("GET", "/meetings/{meeting_id}/follow-up", OWNER_OF_PAIR),
        Row("PUT", "/meetings/{meeting_id}/follow-up", OWNER_OF_PAIR, {"body": "Thank you!"}),
        Row("POST", "/meetings/{meeting_id}/async-update", PAIR, {"body": "Cannot make it"}, future),
        Row("GET", "/calendar-feed", ANYONE),
        Row("POST", "/calendar-feed", ANYONE),
        Row("DELETE", "/calendar-feed", ANYONE),
        # access tokens: the browser's session only
        Row("GET", "/tokens", ANYONE, session=True),
        Row("POST", "/tokens", ANYONE, {"name": "ci"}, session=True),
        Row("DELETE", "/tokens/{token_id}", OWNER, session=True),
    ]


def rows() -> list[Row]:
    extra = [row for ext in extensions() for row in ext.rows()]
    return core_rows() + extra


def build() -> object:
    world = build_world()
    for ext in extensions():
        ext.extend(world)
    return world


def expected(rule: str, persona: str) -> int | str:
    """An exact status for refusals; "2xx" for the owner; "allowed" (2xx, or a refusal by the
    rules, 409 or 422, never an auth refusal) for everyone else the rule lets in."""
    if persona == "anonymous":
        return 401
    if persona == "owner":
        return "2xx"
    return RULES[rule].get(persona, "allowed")


def matches(status: int, want: int | str) -> bool:
    if want == "2xx":
        return 200 <= status < 300
    if want == "allowed":
        return 200 <= status < 300 or status in (409, 422)
    return status == want


def test_the_matrix_lists_every_operation_of_the_schema():
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path.removeprefix(API))
        for path, methods in schema["paths"].items()
        for method in methods
    }
    listed = [(row.method, row.path) for row in rows()]
    assert len(listed) == len(set(listed)), "an endpoint is listed twice"
    assert set(listed) == operations


def _body(row: Row, world) -> str | None:
    if row.body is None:
        return None if row.method in ("GET", "DELETE") else "{}"
    body = dict(row.body)
    if body.get("mentor_id") == "mentor":
        body["mentor_id"] = world.ids["mentor"]
    return json.dumps(body)


def _clients(world) -> dict:
    clients = {}
    for persona in PERSONAS:
        session, token = Client(), Client()
        if persona != "anonymous":
            session.force_login(world.user(persona))
            token.defaults.update(HTTP_AUTHORIZATION=bearer(world.user(persona))["Authorization"])
        clients[persona] = {"session": session, "token": token}
    return clients


def test_every_endpoint_for_every_persona():
    world = build()
    clients = _clients(world)
    failures, calls = [], 0
    for row in rows():
        for persona in PERSONAS:
            client = clients[persona]["session" if row.session else "token"]
            body = _body(row, world)
            kwargs = {"data": body, "content_type": "application/json"} if body else {}
            with transaction.atomic():
                response = getattr(client, row.method.lower())(row.url(world), **kwargs)
                transaction.set_rollback(True)
            calls += 1
            want = expected(row.rule, persona)
            label = f"{row.method} {row.path} as {persona}"
            if not matches(response.status_code, want):
                failures.append(f"{label}: {response.status_code}, expected {want}: "
                                f"{response.content[:200]!r}")
            if response.status_code >= 400 and response.content:
                error = response.json().get("error", {})
                if set(error) != {"code", "message", "fields"}:
                    failures.append(f"{label}: not the error shape: {response.content[:200]!r}")
            text = response.content.decode()
            for author, secret in (("owner", OWNER_SECRET), ("counterpart", COUNTERPART_SECRET)):
                if persona != author and secret in text:
                    failures.append(f"{label}: leaked the {author}'s private note")
    assert calls == len(rows()) * len(PERSONAS)
    assert len(rows()) >= 68
    assert not failures, "\n".join(failures)
