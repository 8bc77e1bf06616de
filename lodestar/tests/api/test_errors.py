"""One error shape for every refusal, authentication without redirects, CSRF for the browser,
rate limits, bounded pages, and the schema and docs themselves."""

from __future__ import annotations

import pytest
from django.test import Client

from lodestar.goals import api as goals_api

from .conftest import API, ApiClient, assert_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method, path", [("get", "/goals/1"), ("post", "/goals"), ("delete", "/goals/1")])
def test_an_anonymous_caller_gets_a_401_not_a_redirect(client, method, path):
    response = getattr(client, method)(f"{API}{path}")
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unreadable_bodies_are_a_400(as_owner):
    for body in ("{not json", "[1, 2]", "17"):
        response = as_owner.client.post(f"{API}/goals", body, content_type="application/json",
                                        headers=as_owner.headers)
        assert_error(response, 400, "bad_request")


def test_values_the_schema_refuses_are_a_422_with_their_fields(as_owner):
    error = assert_error(as_owner.post("/goals", {"horizon": "mid", "text": "x" * 501}), 422, "invalid")
    assert set(error["fields"]) == {"horizon", "text"}
    error = assert_error(as_owner.get("/goals/abc"), 422)
    assert set(error["fields"]) == {"goal_id"}
    error = assert_error(as_owner.post("/goals", {"horizon": "short", "text": "Nul \x00 byte"}), 422)
    assert "NUL" in error["fields"]["text"][0]
    # JSON types are taken as sent: true is not 1, "5" is not 5.
    assert "years_experience" in assert_error(as_owner.patch("/me/work", {"years_experience": True}), 422)["fields"]
    assert "percent" in assert_error(as_owner.put("/goals/1/progress", {"percent": "5"}), 422)["fields"]


def test_unknown_ids_addresses_and_methods_answer_in_the_same_shape(as_owner):
    assert_error(as_owner.get("/goals/99999999"), 404, "not_found")
    assert_error(as_owner.get("/goals/9223372036854775808"), 422)
    assert_error(as_owner.get("/no/such/thing"), 404, "not_found")
    refused = as_owner.call("PUT", "/me")
    assert_error(refused, 405, "method_not_allowed")
    assert refused["Allow"] == "GET"


def test_a_state_that_refuses_the_change_is_a_409(world, as_owner):
    assert_error(as_owner.post(f"/meetings/{world.ids['past']}/cancel", {"reason": "x"}), 409, "conflict")


def test_an_unexpected_error_is_a_500_in_the_same_shape_without_details(world, as_owner, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(goals_api.services, "goal_set_status", broken)
    error = assert_error(as_owner.put(f"/goals/{world.ids['goal']}/status", {"status": "paused"}), 500)
    assert error["code"] == "server_error" and "hunter2" not in error["message"]


def test_the_browser_session_needs_the_csrf_token_to_write(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.user("owner"))
    assert browser.get(f"{API}/goals").status_code == 200
    body = {"horizon": "short", "text": "Chair the weekly planning call by March"}
    assert_error(browser.post(f"{API}/goals", body, content_type="application/json"), 403, "csrf_failed")
    browser.get("/dashboard/")  # the page sets the CSRF cookie, as a browser would
    token = browser.cookies["csrftoken"].value
    made = browser.post(f"{API}/goals", body, content_type="application/json", headers={"X-CSRFToken": token})
    assert made.status_code == 201


def test_too_many_requests_are_a_429_with_retry_after(world, settings):
    settings.API_RATE_LIMITS = {"user": "3/m"}
    owner, other = ApiClient(world.user("owner")), ApiClient(world.user("other"))
    assert [owner.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    limited = owner.get("/me")
    assert_error(limited, 429, "rate_limited")
    assert int(limited["Retry-After"]) > 0
    assert other.get("/me").status_code == 200  # counted per person
    settings.API_RATE_LIMITS = {"user": None}
    assert owner.get("/me").status_code == 200


def test_lists_are_paged_with_a_ceiling(world, as_owner):
    page = as_owner.get("/goals?limit=1&offset=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert_error(as_owner.get("/goals?limit=101"), 422)
    assert_error(as_owner.get("/goals?offset=100001"), 422)


def test_the_schema_and_the_docs_need_no_log_in(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["info"]["title"] == "Lodestar API" and schema["info"]["version"] == "1"
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    assert "/api/v1/meetings/{meeting_id}/notes" in schema["paths"]
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert client.get(f"{API}/").json()["docs"] == f"{API}/docs"
