"""API test helpers: the world, clients signed in by session or token, and the error shape."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lodestar.tokens.services import token_create

from .world import build_world

API = "/api/v1"


@pytest.fixture
def world(db):
    return build_world()


def bearer(user, scope: str = "write") -> dict:
    _token, secret = token_create(user=user, name="tests", scope=scope)
    return {"Authorization": f"Bearer {secret}"}


class ApiClient:
    """A test client that speaks JSON to /api/v1, authenticated by a token."""

    def __init__(self, user=None, scope: str = "write", client: Client | None = None):
        self.client = client or Client()
        self.headers = bearer(user, scope) if user is not None else {}

    def call(self, method: str, path: str, body=None, **extra):
        kwargs = {"headers": {**self.headers, **extra.pop("headers", {})}}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(self.client, method.lower())(f"{API}{path}", **kwargs, **extra)

    def get(self, path, **extra):
        return self.call("GET", path, **extra)

    def post(self, path, body=None, **extra):
        return self.call("POST", path, body if body is not None else {}, **extra)

    def put(self, path, body=None, **extra):
        return self.call("PUT", path, body if body is not None else {}, **extra)

    def patch(self, path, body=None, **extra):
        return self.call("PATCH", path, body if body is not None else {}, **extra)

    def delete(self, path, **extra):
        return self.call("DELETE", path, **extra)


@pytest.fixture
def as_owner(world):
    return ApiClient(world.user("owner"))


@pytest.fixture
def as_counterpart(world):
    return ApiClient(world.user("counterpart"))


@pytest.fixture
def as_other(world):
    return ApiClient(world.user("other"))


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape, with the expected status (and code, when given)."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    if code is not None:
        assert error["code"] == code, error
    return error
